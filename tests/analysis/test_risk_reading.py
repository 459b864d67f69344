"""The team's reading of a buurt on the five levels of Factor veiligheid §2.2: only a coordinator of a team working
there records it, dated, with a version check, and each change and refusal is in the access log."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from wijkveilig.analysis import services
from wijkveilig.analysis.models import RiskReading
from wijkveilig.audit.models import AccessLogEntry, Outcome
from wijkveilig.audit.services import Actor
from wijkveilig.core.errors import ConflictError, DomainError

OWN, OTHER = "BU99990101", "BU99990303"  # the world's team works in OWN only
LEVELS = ("individual", "relationship", "social_network", "neighbourhood", "society")


def entry(**ratings):
    return services.ReadingEntry(ratings={level: ratings.get(level, "some") for level in LEVELS},
                                 explanation="Veel jonge gezinnen, weinig ontmoetingsplekken (fictief).",
                                 read_on=date(2026, 1, 5))


def form(version=0, **changes):
    return {**dict.fromkeys(LEVELS, "some"), "neighbourhood": "raised", "read_on": "2026-01-05",
            "explanation": "Fictieve toelichting over de buurt.", "version": version, **changes}


def url(code=OWN):
    return reverse("analysis:risk_reading", args=[code])


def test_coordinator_records_and_updates_with_the_version(aworld):
    actor = Actor.system(aworld.coordinator)
    first = services.risk_reading_record(actor=actor, buurt_code=OWN, expected_version=0,
                                         entry=entry(neighbourhood="raised"))
    assert (first.version, first.neighbourhood, first.raised_levels()) == (1, "raised", ["wijkniveau"])
    second = services.risk_reading_record(actor=actor, buurt_code=OWN, expected_version=1, entry=entry())
    assert second.version == 2 and RiskReading.objects.get().neighbourhood == "some"
    assert AccessLogEntry.objects.filter(event="analysis.risk_reading_recorded").count() == 2


def test_a_stale_version_is_refused_and_nothing_is_overwritten(aworld):
    actor = Actor.system(aworld.coordinator)
    services.risk_reading_record(actor=actor, buurt_code=OWN, expected_version=0, entry=entry(society="raised"))
    with pytest.raises(ConflictError):
        services.risk_reading_record(actor=actor, buurt_code=OWN, expected_version=0, entry=entry(society="low"))
    with pytest.raises(ConflictError):  # two first readings at once: the second one sees the first
        services.risk_reading_record(actor=actor, buurt_code=OWN, expected_version=0, entry=entry())
    assert RiskReading.objects.get().society == "raised"


@pytest.mark.parametrize("persona", ["policy_officer", "outside_coordinator", "worker", "specialist"])
def test_only_a_coordinator_of_a_team_working_there_records_and_the_refusal_is_logged(aworld, persona):
    with pytest.raises(PermissionDenied):
        services.risk_reading_record(actor=Actor.system(getattr(aworld, persona)), buurt_code=OWN,
                                     expected_version=0, entry=entry())
    assert not RiskReading.objects.exists()
    assert AccessLogEntry.objects.filter(event="analysis.risk_reading_refused", outcome=Outcome.DENIED).count() == 1


def test_the_coordinator_may_not_read_for_a_buurt_of_another_team(aworld):
    with pytest.raises(PermissionDenied):
        services.risk_reading_record(actor=Actor.system(aworld.coordinator), buurt_code=OTHER, expected_version=0,
                                     entry=entry())


def test_a_reading_dated_in_the_future_is_refused(aworld):
    future = services.ReadingEntry(ratings=entry().ratings, explanation="", read_on=timezone.localdate()
                                   + timedelta(days=1))
    with pytest.raises(DomainError, match="toekomst"):
        services.risk_reading_record(actor=Actor.system(aworld.coordinator), buurt_code=OWN, expected_version=0,
                                     entry=future)


def test_the_form_saves_and_the_page_shows_the_reading_beside_the_figures(aworld, as_user):
    client = as_user(aworld.coordinator)
    page = client.get(reverse("analysis:page"), {"gebied": OWN})
    assert url() in page.content.decode()  # the link to record it
    response = client.post(url(), form())
    assert response.status_code == 302
    body = client.get(response["Location"]).content.decode()
    assert "ingeschat op 5 januari 2026" in body and "extra relevant voor deze buurt" in body


def test_the_policy_officer_reads_it_but_gets_no_form(aworld, as_user):
    services.risk_reading_record(actor=Actor.system(aworld.coordinator), buurt_code=OWN, expected_version=0,
                                 entry=entry(neighbourhood="raised"))
    client = as_user(aworld.policy_officer)
    body = client.get(reverse("analysis:page"), {"gebied": OWN}).content.decode()
    assert "extra relevant voor deze buurt" in body and url() not in body
    assert client.get(url()).status_code == 403
    assert client.post(url(), form()).status_code == 403
    assert AccessLogEntry.objects.filter(event="analysis.risk_reading_refused", user_id=aworld.policy_officer.pk)


def test_an_empty_or_bad_submit_keeps_what_was_typed(aworld, as_user):
    client = as_user(aworld.coordinator)
    assert client.post(url(), {}).status_code == 400
    response = client.post(url(), form(read_on="gisteren", explanation="Mijn fictieve tekst blijft staan"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Mijn fictieve tekst blijft staan" in body and "Niet opgeslagen. Uw invoer is bewaard" in body
    assert "Er ging iets mis" not in body  # that sentence is for a real conflict only
    assert not RiskReading.objects.exists()


def test_a_stale_form_shows_the_conflict_and_keeps_the_input(aworld, as_user):
    client = as_user(aworld.coordinator)
    assert client.post(url(), form()).status_code == 302
    response = client.post(url(), form(version=0, explanation="Mijn late fictieve invoer"))
    assert response.status_code == 409
    body = response.content.decode()
    assert "Mijn late fictieve invoer" in body and "Bekijk de versie die nu is opgeslagen" in body
    assert 'name="version" value="1"' in body  # saving again is a deliberate choice over the saved version
