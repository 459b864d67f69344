"""The NEN 7513-style access log: append-only, one row per event on a case."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkveilig.audit import events


class AppendOnlyError(Exception):
    pass


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("access log rows cannot be changed")

    def delete(self):
        raise AppendOnlyError("access log rows cannot be deleted")

    def for_case(self, case_id: int):
        return self.filter(case_id=case_id)


class Action(models.TextChoices):
    CREATE = "C", _("aanmaken")
    READ = "R", _("inzien")
    UPDATE = "U", _("wijzigen")
    DELETE = "D", _("verwijderen")
    EXECUTE = "E", _("zoeken / exporteren / overig")


class Outcome(models.TextChoices):
    SUCCESS = "success", _("toegestaan")
    DENIED = "denied", _("geweigerd")
    ERROR = "error", _("fout")


class AccessLogEntry(models.Model):
    """One logged event. The database refuses UPDATE and DELETE (see the migration's triggers).

    On PostgreSQL the table is partitioned by month on `at` (decision 0030, `audit/partitions.py`): its primary key
    there is (id, at) and the event id is unique per (event_id, at), because a partitioned table's unique keys must
    hold the partition column. `id` still comes from one sequence, so it stays unique on its own."""

    event_id = models.UUIDField(default=uuid.uuid4, editable=False)
    at = models.DateTimeField(_("tijdstip (UTC)"), default=timezone.now)
    event = models.CharField(_("gebeurtenis"), max_length=50)
    action = models.CharField(_("actie"), max_length=1, choices=Action.choices)
    outcome = models.CharField(_("uitkomst"), max_length=10, choices=Outcome.choices)
    case_id = models.BigIntegerField(_("casus-id"), null=True, blank=True)
    case_reference = models.CharField(_("kenmerk"), max_length=20, blank=True)
    # The municipality of the case's team: a log officer reads the rows of their own municipalities (decision 0021);
    # rows without a case (logins, refusals without a case) carry none and are the installation's.
    municipality_id = models.BigIntegerField(_("gemeente-id"), null=True, blank=True)
    section = models.CharField(_("onderdeel"), max_length=40, blank=True)
    user_id = models.BigIntegerField(_("gebruiker-id"), null=True, blank=True)
    username = models.CharField(_("gebruiker"), max_length=150, blank=True)
    role = models.CharField(_("rol"), max_length=20, blank=True)
    organisation = models.CharField(_("team / organisatie"), max_length=200, blank=True)
    on_behalf_of = models.CharField(_("namens"), max_length=150, blank=True)
    request_id = models.CharField(_("verzoek-id"), max_length=32, blank=True)
    ip_address = models.CharField(_("IP-adres"), max_length=45, blank=True)
    is_emergency = models.BooleanField(_("noodtoegang"), default=False)
    auth_rule = models.CharField(_("grondslag toegang"), max_length=30, blank=True)
    query_hash = models.CharField(_("zoekvraag (gehasht)"), max_length=64, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("logregel")
        verbose_name_plural = _("toegangslog")
        ordering = ["-at", "-id"]
        constraints = [models.UniqueConstraint(fields=["event_id", "at"], name="audit_log_event_id_unique")]
        # The log officer's filters, each in the page's order, so a page is one index range per partition
        # (keyset pagination in audit/selectors.py); names are fixed because the partitioning migration repeats them.
        indexes = [
            models.Index(fields=["-at", "-id"], name="audit_log_at_idx"),
            models.Index(fields=["municipality_id", "-at", "-id"], name="audit_log_municipality_idx"),
            models.Index(fields=["case_id", "-at", "-id"], name="audit_log_case_idx"),
            models.Index(fields=["case_reference", "-at", "-id"], name="audit_log_case_ref_idx"),
            models.Index(fields=["user_id", "-at", "-id"], name="audit_log_user_idx"),
            models.Index(fields=["username", "-at", "-id"], name="audit_log_username_idx"),
        ]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("access log rows cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("access log rows cannot be deleted")

    def event_label(self) -> str:
        return events.event_label(self.event)
