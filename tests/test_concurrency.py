"""Two people saving the same thing: the second is told so (409, Dutch, input kept) and the first one's text stays."""

import importlib
import threading

import pytest
from django.db import DatabaseError, OperationalError, close_old_connections, connection
from django.urls import reverse
from django.utils import timezone

from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh
from wijkveilig.cases import services
from wijkveilig.cases.access import CaseAccess
from wijkveilig.cases.models import Case, Note
from wijkveilig.core.errors import ConflictError
from wijkveilig.households.models import Person

CONFLICT = "Iemand anders heeft dit tegelijk gewijzigd"
_triggers = importlib.import_module("wijkveilig.audit.migrations.0002_append_only_triggers")


@pytest.fixture
def pair(world, as_user):
    """The assigned worker and the team coordinator, both with the case open in their browser."""
    return as_user(world.worker), as_user(world.coordinator)


def test_second_summary_save_gets_a_conflict_and_keeps_its_text(world, pair):
    first, second = pair
    path = reverse("cases:summary", args=[world.case.pk])
    assert first.post(path, {"summary": "Tekst van de medewerker", "version": 1}).status_code == 302
    response = second.post(path, {"summary": "Tekst van de coördinator", "version": 1})
    assert response.status_code == 409
    page = response.content.decode()
    assert CONFLICT in page
    assert "Tekst van de coördinator" in page
    world.case.refresh_from_db()
    assert world.case.summary == "Tekst van de medewerker" and world.case.version == 2
    assert AccessLogEntry.objects.filter(event="case.updated").count() == 1


def test_after_a_conflict_a_deliberate_second_save_goes_through(world, pair):
    first, second = pair
    path = reverse("cases:summary", args=[world.case.pk])
    first.post(path, {"summary": "Tekst van de medewerker", "version": 1})
    conflict = second.post(path, {"summary": "Tekst van de coördinator", "version": 1}).content.decode()
    assert 'name="version" value="2"' in conflict
    assert reverse("cases:detail", args=[world.case.pk]) in conflict  # link to the version now saved
    assert second.post(path, {"summary": "Tekst van de coördinator", "version": 2}).status_code == 302
    world.case.refresh_from_db()
    assert world.case.summary == "Tekst van de coördinator" and world.case.version == 3


def test_second_person_save_gets_a_conflict_and_keeps_its_text(world, pair):
    person = hh.person_add(actor=Actor.system(world.worker), access=world.access, first_name="Anna",
                           last_name="Testerink", roles=["victim"])
    first, second = pair
    path = reverse("cases:person_edit", args=[world.case.pk, person.pk])
    data = {"first_name": "Anna", "gender": "f", "roles": ["victim"], "version": person.version}
    assert first.post(path, data | {"last_name": "Testerink-Eerst"}).status_code == 302
    response = second.post(path, data | {"last_name": "Testerink-Later"})
    assert response.status_code == 409
    assert CONFLICT in response.content.decode()
    assert 'value="Testerink-Later"' in response.content.decode()
    assert Person.objects.get(pk=person.pk).last_name == "Testerink-Eerst"


def test_second_note_save_gets_a_conflict_and_keeps_its_text(world, pair):
    note = services.note_add(actor=Actor.system(world.worker), access=world.access, kind="signal",
                             statement_kind="observation", occurred_at=timezone.now(), body="Origineel (fictief)")
    first, second = pair
    path = reverse("cases:note_edit", args=[world.case.pk, note.pk])
    data = {"statement_kind": "observation", "place": "", "observer": "", "source": "", "version": note.version}
    assert first.post(path, data | {"body": "Correctie van de medewerker"}).status_code == 302
    response = second.post(path, data | {"body": "Correctie van de coördinator"})
    assert response.status_code == 409
    assert CONFLICT in response.content.decode()
    assert "Correctie van de coördinator" in response.content.decode()
    assert Note.objects.get(pk=note.pk).body == "Correctie van de medewerker"


def test_a_stale_version_is_refused_even_without_a_competing_save_in_between(world, pair):
    first, _second = pair
    services.case_update(actor=Actor.system(world.worker), access=world.access, expected_version=1, summary="Nieuw")
    response = first.post(reverse("cases:summary", args=[world.case.pk]), {"summary": "Oud scherm", "version": 1})
    assert response.status_code == 409
    assert Case.objects.get(pk=world.case.pk).summary == "Nieuw"


@pytest.mark.django_db(transaction=True)
def test_two_threads_racing_case_update_exactly_one_wins(flushable_access_log, world):
    """Both read version 1, then both write at once: the database decides, one wins, the other gets a conflict."""
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def save(name: str, user) -> None:
        try:
            case = Case.objects.select_related("team", "household").get(pk=world.case.pk)
            access = CaseAccess(case=case, grant="assigned", can_write=True)
            barrier.wait(timeout=10)
            services.case_update(actor=Actor.system(user), access=access, expected_version=1, summary=name)
            outcomes[name] = "saved"
        except (ConflictError, OperationalError) as exc:  # SQLite reports the lost race as a locked database
            outcomes[name] = exc
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=save, args=(name, user))
               for name, user in [("Eerste", world.worker), ("Tweede", world.coordinator)]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    winners = [name for name, outcome in outcomes.items() if outcome == "saved"]
    assert len(outcomes) == 2 and len(winners) == 1
    loser = next(outcome for outcome in outcomes.values() if outcome != "saved")
    if connection.vendor == "postgresql":
        assert isinstance(loser, ConflictError)
    case = Case.objects.get(pk=world.case.pk)
    assert (case.summary, case.version) == (winners[0], 2)
    assert AccessLogEntry.objects.filter(event="case.updated", case_id=case.pk).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_access_log_is_append_only_again_after_a_transactional_test(flushable_access_log, world):
    """Guards the fixture above: the triggers are there during the test (and so after the previous one's flush)."""
    row = AccessLogEntry.objects.first()
    with pytest.raises(DatabaseError), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accesslogentry WHERE id = %s", [row.pk])
