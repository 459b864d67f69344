"""Small things people notice (issue 11 part 4): Dutch dates with lower-case months, Amsterdam time in the access log
with readable event names, the roles entered at intake, one heading per queue, a partner named by organisation."""

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory
from tests.intake.conftest import register
from wijkveilig.accounts.models import Role
from wijkveilig.audit.events import EVENT_LABELS
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.core.templatetags.wv_format import short_date, short_datetime
from wijkveilig.intake.services import PersonKnown

UTC = ZoneInfo("UTC")


@pytest.mark.parametrize(("language", "value", "text"), [
    ("nl", date(2026, 12, 7), "7 dec. 2026"),
    ("nl", date(2026, 5, 1), "1 mei 2026"),  # 'mei' is not shortened
    ("nl", date(2026, 3, 15), "15 mrt. 2026"),
    ("en", date(2026, 12, 7), "7 Dec 2026"),
    ("nl", datetime(2026, 12, 31, 23, 30, tzinfo=UTC), "1 jan. 2027"),  # the Dutch calendar day, not UTC's
])
def test_short_dates_as_the_language_writes_them(language, value, text):
    with translation.override(language):
        assert short_date(value) == text


def test_times_are_amsterdam_times():
    with translation.override("nl"):
        assert short_datetime(datetime(2026, 7, 1, 10, 0, tzinfo=UTC)) == "1 jul. 2026 12:00"  # summer time
        assert short_datetime(datetime(2026, 12, 1, 10, 0, tzinfo=UTC)) == "1 dec. 2026 11:00"


def test_no_template_writes_an_upper_case_month_or_utc():
    templates = Path(settings.BASE_DIR, "templates")
    offenders = [str(path.relative_to(templates)) for path in templates.rglob("*.html")
                 if not path.is_relative_to(templates / "core")  # the start page is redesigned elsewhere (issue 11.1)
                 and re.search(r'\|date:"[^"]*\bM\b|\|utc\b', path.read_text())]
    assert offenders == []


def test_every_logged_event_has_a_readable_name():
    source = "\n".join(p.read_text() for p in Path(settings.BASE_DIR, "wijkveilig").rglob("*.py"))
    logged = set(re.findall(r'event="([a-z_]+\.[a-z_]+)"', source))
    logged |= set(re.findall(r'_log\([^)]*?"([a-z_]+\.[a-z_]+)"', source))
    logged |= set(re.findall(r'(?:@guard|_log_write)\([^"]*?"([a-z_]+\.[a-z_]+)"', source))  # refusals, team log
    assert len(logged) > 40
    assert sorted(logged - set(EVENT_LABELS) - {"health.probe"}) == []


def test_the_access_log_shows_amsterdam_time_and_the_event_in_words(world, as_user):
    client = as_user(world.log_officer)
    row = AccessLogEntry.objects.filter(event="case.created").get()
    page = client.get(reverse("audit:log")).content.decode()
    local = row.at.astimezone(ZoneInfo("Europe/Amsterdam"))
    assert local.strftime("%Y-%m-%d %H:%M:%S") + " " + local.tzname() in page
    assert "Casus aangemaakt <code class=\"wv-code\">case.created</code>" in page
    assert "UTC" not in page


def test_the_intake_page_shows_the_roles_that_were_entered(world, as_user):
    concern = register(world.coordinator, persons=[PersonKnown(first_name="Anna", last_name="Testerink",
                                                               role="victim"),
                                                   PersonKnown(first_name="Bo", last_name="Testerink")])
    page = as_user(world.coordinator).get(reverse("intake:detail", args=[concern.pk])).content.decode()
    assert "Anna Testerink · slachtoffer" in page
    assert "Bo Testerink ·" not in page  # no role entered: nothing invented


def test_the_municipal_queue_has_one_heading(world, as_user):
    page = as_user(world.coordinator).get(reverse("intake:queue")).content.decode()
    assert page.count("Gemeentelijke wachtrij") == 1


def test_an_external_partner_is_named_by_organisation_not_as_ketenpartner(db, as_user):
    from tests.factories import MembershipFactory  # noqa: F401  (factories create the TOTP device)

    police = UserFactory(username="t_politie_kop", role=Role.PARTNER, organisation="Politie Proefland (fictief)")
    page = as_user(police).get(reverse("accounts:settings")).content.decode()
    header = page.split('<p class="wv-user">', 1)[1].split("</p>", 1)[0]
    assert "Politie Proefland (fictief)" in header and "ketenpartner" not in header
