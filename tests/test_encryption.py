"""Free text at rest is Fernet ciphertext under its own keys; rotation re-encrypts without touching anything else."""

from datetime import timedelta
from io import StringIO

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import FieldError
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from tests.db_roles import application_role, require_postgresql
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh
from wijkveilig.cases import services
from wijkveilig.cases.models import Case, CloseReason, Consultation, EmergencyAccess, Note, NoteKind, StatementKind
from wijkveilig.core.management.commands.rotate_field_keys import encrypted_columns
from wijkveilig.households.models import Person

KEY_A = settings.FIELD_ENCRYPTION_KEYS[0]
KEY_B = Fernet.generate_key().decode()
FAKE_BSN = "999990019"  # passes the 11-proef, obviously synthetic


@pytest.fixture
def secrets(world):
    """One value in every encrypted column, each with a recognisable synthetic plaintext."""
    actor = Actor.system(world.worker)
    note = services.note_add(actor=actor, access=world.access, kind=NoteKind.SIGNAL,
                             statement_kind=StatementKind.OBSERVATION, occurred_at=timezone.now() - timedelta(hours=1),
                             body="GEHEIM-body: fictief geschreeuw", place="GEHEIM-place: Voorbeeldstraat",
                             observer="GEHEIM-observer: buurvrouw", source="GEHEIM-source: telefoon")
    person = hh.person_add(actor=actor, access=world.access, first_name="Testa", last_name="Voorbeeldt",
                           roles=["victim"], bsn=FAKE_BSN)
    consultation = services.specialist_consult(actor=actor, access=world.access, specialist_id=world.specialist.pk,
                                               question="GEHEIM-question: is dit zorgelijk?")
    emergency = services.emergency_access_grant(actor=Actor.system(world.colleague), case_id=world.case.pk,
                                                reason="GEHEIM-reason: collega ziek, cliënte belt")
    case = Case.objects.get(pk=world.case.pk)
    services.case_update(actor=actor, access=world.access, expected_version=case.version,
                         summary="GEHEIM-summary: zorgen thuis")
    case.refresh_from_db()
    services.case_close(actor=actor, access=world.access, expected_version=case.version,
                        reason=CloseReason.OTHER, note="GEHEIM-close: verhuisd naar fictief adres")
    return {
        (Note, note.pk): {"body": "GEHEIM-body: fictief geschreeuw", "place": "GEHEIM-place: Voorbeeldstraat",
                          "observer": "GEHEIM-observer: buurvrouw", "source": "GEHEIM-source: telefoon"},
        (Case, world.case.pk): {"summary": "GEHEIM-summary: zorgen thuis",
                                "close_note": "GEHEIM-close: verhuisd naar fictief adres"},
        (Person, person.pk): {"bsn": FAKE_BSN},
        (EmergencyAccess, EmergencyAccess.objects.get(case=emergency.case).pk):
            {"reason": "GEHEIM-reason: collega ziek, cliënte belt"},
        (Consultation, consultation.pk): {"question": "GEHEIM-question: is dit zorgelijk?"},
    }


def raw_values(model, pk, fields: list[str]) -> dict[str, str]:
    q = connection.ops.quote_name
    columns = [model._meta.get_field(f).column for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(q(c) for c in columns)} FROM {q(model._meta.db_table)} WHERE id = %s", [pk])
        return dict(zip(fields, cursor.fetchone(), strict=True))


def orm_values(model, pk, fields: list[str]) -> dict[str, str]:
    obj = model.objects.get(pk=pk)
    return {f: getattr(obj, f) for f in fields}


def test_free_text_is_ciphertext_in_the_database_and_plaintext_through_the_orm(secrets):
    for (model, pk), expected in secrets.items():
        stored = raw_values(model, pk, list(expected))
        for field, plaintext in expected.items():
            assert stored[field].startswith("gAAAA"), f"{model.__name__}.{field} is not a Fernet token"
            assert plaintext not in stored[field]
        assert orm_values(model, pk, list(expected)) == expected


def test_no_plaintext_anywhere_in_the_encrypted_tables(secrets):
    for model, pk in secrets:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(model._meta.db_table)} WHERE id = %s", [pk])
            row = " ".join(str(value) for value in cursor.fetchone())
        assert "GEHEIM" not in row
        assert FAKE_BSN not in row


def test_the_same_text_encrypts_differently_each_time(world):
    actor = Actor.system(world.worker)
    kwargs = {"kind": NoteKind.NOTE, "statement_kind": StatementKind.OPINION, "occurred_at": timezone.now(),
              "body": "Zelfde fictieve tekst"}
    first = services.note_add(actor=actor, access=world.access, **kwargs)
    second = services.note_add(actor=actor, access=world.access, **kwargs)
    assert raw_values(Note, first.pk, ["body"]) != raw_values(Note, second.pk, ["body"])


def test_empty_text_stays_empty(world):
    note = services.note_add(actor=Actor.system(world.worker), access=world.access, kind=NoteKind.NOTE,
                             statement_kind=StatementKind.OPINION, occurred_at=timezone.now(), body="Alleen tekst")
    assert raw_values(Note, note.pk, ["place", "observer", "source"]) == {"place": "", "observer": "", "source": ""}
    assert Note.objects.get(pk=note.pk).place == ""


def test_encrypted_columns_cannot_be_searched(world):
    with pytest.raises(FieldError):
        list(Note.objects.filter(body="Fictief"))
    with pytest.raises(FieldError):
        list(Case.objects.filter(summary__icontains="zorgen"))


def test_key_is_independent_of_secret_key(secrets):
    with override_settings(SECRET_KEY="een-heel-andere-geheime-sleutel-voor-de-test"):
        for (model, pk), expected in secrets.items():
            assert orm_values(model, pk, list(expected)) == expected


def test_a_wrong_key_raises_instead_of_returning_ciphertext(secrets):
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B]):
        for model, pk in secrets:
            with pytest.raises(InvalidToken):
                model.objects.get(pk=pk)


def test_every_encrypted_column_is_found_for_rotation():
    found = {label: set(columns) for label, _table, columns, _pk in encrypted_columns()}
    expected = {
        "cases.Case": {"summary", "close_note"},
        "cases.Note": {"body", "place", "observer", "source"},
        "cases.Consultation": {"question"},
        "cases.EmergencyAccess": {"reason"},
        "households.Person": {"bsn"},
    }
    for label, columns in expected.items():
        assert columns <= found.get(label, set()), label


def test_rotation_re_encrypts_with_the_new_key_and_keeps_versions(secrets):
    before = {key: raw_values(key[0], key[1], list(expected)) for key, expected in secrets.items()}
    versions = {key: key[0].objects.values_list("version", flat=True).get(pk=key[1])
                for key in secrets if hasattr(key[0], "version")}
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B, KEY_A]):
        call_command("rotate_field_keys", "--batch-size", "1", stdout=StringIO())
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B]):
        for (model, pk), expected in secrets.items():
            assert orm_values(model, pk, list(expected)) == expected
            after = raw_values(model, pk, list(expected))
            assert all(after[f] != before[(model, pk)][f] for f in expected)
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_A]):
        for model, pk in secrets:
            with pytest.raises(InvalidToken):
                model.objects.get(pk=pk)
    for key, version in versions.items():
        assert key[0].objects.values_list("version", flat=True).get(pk=key[1]) == version


def test_rotation_leaves_created_timestamps_alone(secrets):
    note_pk = next(pk for model, pk in secrets if model is Note)
    created_at = Note.objects.get(pk=note_pk).created_at
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B, KEY_A]):
        call_command("rotate_field_keys", stdout=StringIO())
        assert Note.objects.get(pk=note_pk).created_at == created_at


def test_rotation_refuses_when_a_value_cannot_be_decrypted(secrets):
    with (override_settings(FIELD_ENCRYPTION_KEYS=[Fernet.generate_key().decode()]),
          pytest.raises(CommandError, match="cannot be decrypted")):
        call_command("rotate_field_keys", stdout=StringIO())
    for (model, pk), expected in secrets.items():
        assert orm_values(model, pk, list(expected)) == expected


def test_rotation_refuses_to_run_as_a_role_that_row_level_security_hides_rows_from(secrets):
    """As the application's role, outside a request, no municipality is set and every case would be invisible: a
    rotation would skip them silently and leave them on a key that is about to be removed."""
    require_postgresql()
    with application_role("rotation_probe"), override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B, KEY_A]), \
            pytest.raises(CommandError, match="owner"):
        call_command("rotate_field_keys", stdout=StringIO())
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_A]):  # nothing was rotated
        for (model, pk), expected in secrets.items():
            assert orm_values(model, pk, list(expected)) == expected
