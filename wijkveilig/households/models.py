"""Households, their persons and the relations between them (the huiselijke kring)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkveilig.areas.models import Buurt
from wijkveilig.core.encryption import EncryptedTextField
from wijkveilig.core.models import VersionedModel


class Household(VersionedModel):
    name = models.CharField(_("naam huishouden"), max_length=120)
    street = models.CharField(_("straat"), max_length=120, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=12, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("plaats"), max_length=80, blank=True)
    buurt = models.ForeignKey(
        Buurt, on_delete=models.PROTECT, null=True, blank=True, related_name="households", verbose_name=_("buurt")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("huishouden")
        verbose_name_plural = _("huishoudens")

    def __str__(self):
        return self.name


class Gender(models.TextChoices):
    FEMALE = "f", _("vrouw")
    MALE = "m", _("man")
    OTHER = "x", _("anders / onbekend")


class Person(VersionedModel):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="persons")
    first_name = models.CharField(_("voornaam"), max_length=80)
    last_name = models.CharField(_("achternaam"), max_length=120)
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    gender = models.CharField(_("geslacht"), max_length=1, choices=Gender.choices, default=Gender.OTHER)
    bsn = EncryptedTextField(_("BSN"), blank=True, default="")
    bsn_hash = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["last_name", "first_name", "id"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"


class RelationKind(models.TextChoices):
    PARTNER = "partner", _("partner van")
    EX_PARTNER = "ex_partner", _("ex-partner van")
    PARENT = "parent", _("ouder van")
    CARER = "carer", _("verzorger van")
    SIBLING = "sibling", _("broer/zus van")
    OTHER_FAMILY = "other_family", _("ander familielid van")
    HOUSE_FRIEND = "house_friend", _("huisvriend van")
    FRIEND = "friend", _("vriend/vriendin van")
    INFORMAL_CARER = "informal_carer", _("mantelzorger van")


class Relation(models.Model):
    """`person` is <kind> `other` (e.g. A is parent of B)."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="relations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relations_from")
    other = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relations_to")
    kind = models.CharField(_("relatie"), max_length=20, choices=RelationKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("relatie")
        verbose_name_plural = _("relaties")
        constraints = [
            models.UniqueConstraint(fields=["person", "other", "kind"], name="relation_unique"),
            models.CheckConstraint(condition=~models.Q(person=models.F("other")), name="relation_not_self"),
        ]
