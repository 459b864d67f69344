"""Users, teams and memberships. What a role may do lives in policy.py."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkveilig.areas.models import Buurt, Municipality


class Role(models.TextChoices):
    WORKER = "worker", _("wijkteammedewerker")
    SPECIALIST = "specialist", _("aandachtsfunctionaris")
    COORDINATOR = "coordinator", _("teamcoördinator")
    VT_LIAISON = "vt_liaison", _("Veilig Thuis-contactpersoon")
    POLICY_OFFICER = "policy_officer", _("beleidsmedewerker")
    ADMINISTRATOR = "administrator", _("functioneel beheerder")
    LOG_OFFICER = "log_officer", _("logbeheerder")
    PARTNER = "partner", _("ketenpartner / vrijwilligersorganisatie")


TEAM_ROLES = frozenset({Role.WORKER, Role.SPECIALIST, Role.COORDINATOR})


class User(AbstractUser):
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.WORKER)
    language = models.CharField(
        _("taal"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    # For accounts outside the teams (Veilig Thuis, police, GGZ, …): shown to the team and in the access log.
    organisation = models.CharField(_("organisatie"), max_length=100, blank=True, default="")
    # For accounts without a team (policy officer, log officer, partner): the municipality whose data they work with.
    # A team member's municipality is their team's (`accounts.policy.municipality_ids`).
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="users", verbose_name=_("gemeente"))

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")


class VtDelivery(models.TextChoices):
    """How the region's Veilig Thuis receives a report: in Wijkveilig by the team's fixed contact, or as the PDF that
    the worker sends through Veilig Thuis's own (secure) channel."""

    IN_APP = "in_app", _("Veilig Thuis ontvangt de melding in Wijkveilig")
    WORKER_SENDS_PDF = "worker_sends_pdf", _("de medewerker stuurt de PDF naar Veilig Thuis")


class Team(models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="teams")
    buurten = models.ManyToManyField(Buurt, related_name="teams", blank=True, verbose_name=_("buurten"))
    vt_contact = models.ForeignKey(
        "User", on_delete=models.SET_NULL, null=True, blank=True, related_name="vt_contact_for",
        limit_choices_to={"role": "vt_liaison"}, verbose_name=_("vaste contactpersoon Veilig Thuis"),
    )
    vt_delivery = models.CharField(_("hoe Veilig Thuis een melding ontvangt"), max_length=20,
                                   choices=VtDelivery.choices, default=VtDelivery.IN_APP)

    class Meta:
        verbose_name = _("wijkteam")
        verbose_name_plural = _("wijkteams")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def worker_sends_vt_pdf(self) -> bool:
        """The worker sends the PDF when the region works that way, or when no Veilig Thuis contact receives it here."""
        return self.vt_delivery == VtDelivery.WORKER_SENDS_PDF or self.vt_contact_id is None


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    has_dv_expertise = models.BooleanField(_("expertise huiselijk geweld"), default=False)
    joined_on = models.DateField(_("lid sinds"), auto_now_add=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [models.UniqueConstraint(fields=["user", "team"], name="membership_unique_user_team")]

    def __str__(self):
        return f"{self.user} @ {self.team}"


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 is stored. Expiring and revocable."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("naam"), max_length=100)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("verloopt op"))
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"
