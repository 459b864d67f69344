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
    """One logged event. The database refuses UPDATE and DELETE (see the migration's triggers)."""

    event_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    at = models.DateTimeField(_("tijdstip (UTC)"), default=timezone.now, db_index=True)
    event = models.CharField(_("gebeurtenis"), max_length=50)
    action = models.CharField(_("actie"), max_length=1, choices=Action.choices)
    outcome = models.CharField(_("uitkomst"), max_length=10, choices=Outcome.choices)
    case_id = models.BigIntegerField(_("casus-id"), null=True, blank=True, db_index=True)
    case_reference = models.CharField(_("kenmerk"), max_length=20, blank=True)
    section = models.CharField(_("onderdeel"), max_length=40, blank=True)
    user_id = models.BigIntegerField(_("gebruiker-id"), null=True, blank=True, db_index=True)
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

    def event_label(self) -> str:
        return events.event_label(self.event)

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("access log rows cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("access log rows cannot be deleted")
