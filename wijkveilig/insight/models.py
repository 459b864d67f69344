"""Aggregates published to people without case access: computed once per closed period, then frozen."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PublishedTable(models.Model):
    """One published count table of one closed quarter. Never recomputed: a concern registered later with a date in
    that quarter does not change what was published, so comparing two page loads reveals nothing."""

    kind = models.CharField(max_length=40)
    # Whose table it is: every published table covers one municipality (issue 12). Tables published before that
    # covered the whole installation; they keep an empty municipality and are no longer shown.
    municipality = models.ForeignKey("areas.Municipality", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    period_start = models.DateField(_("begin van het kwartaal"))
    base = models.PositiveSmallIntegerField(_("afgerond op veelvouden van"))
    content = models.JSONField()  # row keys and labels, column keys, the rounded cells and totals
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "period_start", "base", "municipality"],
                                               condition=models.Q(municipality__isnull=False),
                                               name="published_table_once_per_municipality")]
