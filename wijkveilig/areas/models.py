"""CBS geography: gemeente (GM + 4 digits), wijk (WK + 6), buurt (BU + 8)."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Municipality(models.Model):
    code = models.CharField(_("CBS-code"), max_length=6, unique=True, validators=[RegexValidator(r"^GM\d{4}$")])
    name = models.CharField(_("naam"), max_length=100)

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]

    def __str__(self):
        return self.name


class District(models.Model):
    """A CBS wijk."""

    code = models.CharField(_("CBS-code"), max_length=8, unique=True, validators=[RegexValidator(r"^WK\d{6}$")])
    name = models.CharField(_("naam"), max_length=100)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="districts")

    class Meta:
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"


class Buurt(models.Model):
    code = models.CharField(_("CBS-code"), max_length=10, unique=True, validators=[RegexValidator(r"^BU\d{8}$")])
    name = models.CharField(_("naam"), max_length=100)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="buurten")

    class Meta:
        verbose_name = _("buurt")
        verbose_name_plural = _("buurten")
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"
