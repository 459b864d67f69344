"""The English translation is complete: every Dutch UI string has an English msgstr with the same placeholders."""

import ast
import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import translation

PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|\{\{[^}]*\}\}")


def po_entries(path: Path) -> list[dict]:
    """Entries of a .po file as {field: text, "flags": [...]}, obsolete (#~) entries left out."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry, field = {"flags": []}, None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] += [flag.strip() for flag in line[2:].split(",")]
            elif line.startswith("#"):
                continue
            elif line.startswith('"') and field:
                entry[field] += ast.literal_eval(line)
            elif line.strip():
                field, _, value = line.partition(" ")
                entry[field] = ast.literal_eval(value)
        if "msgid" in entry:
            entries.append(entry)
    return entries


def messages() -> list[dict]:
    return [entry for entry in po_entries(PO_FILE) if entry["msgid"]]  # not the header


def translations(entry: dict) -> list[str]:
    return [value for key, value in entry.items() if key == "msgstr" or key.startswith("msgstr[")]


def test_the_po_file_has_messages():
    assert len(messages()) > 300


def test_every_message_is_translated():
    untranslated = [entry["msgid"] for entry in messages() if not all(translations(entry))]
    assert not untranslated, f"{len(untranslated)} untranslated in {PO_FILE.name}: {untranslated[:20]}"


def test_no_fuzzy_translations():
    fuzzy = [entry["msgid"] for entry in po_entries(PO_FILE) if "fuzzy" in entry["flags"]]
    assert not fuzzy, fuzzy[:20]


def test_placeholders_are_kept():
    wrong = []
    for entry in messages():
        expected = sorted(PLACEHOLDER.findall(entry["msgid"]))
        for text in translations(entry):
            if text and sorted(PLACEHOLDER.findall(text)) != expected:
                wrong.append((entry["msgid"], text))
    assert not wrong, wrong[:10]


def test_plural_forms_are_filled():
    plurals = [entry for entry in messages() if "msgid_plural" in entry]
    assert plurals
    for entry in plurals:
        assert entry.get("msgstr[0]") and entry.get("msgstr[1]"), entry["msgid"]


def test_the_compiled_catalogue_is_used():
    with translation.override("en"):
        assert translation.gettext("Casussen") == "Cases"
        assert translation.gettext("Toegangslog") == "Access log"
    with translation.override("nl"):
        assert translation.gettext("Casussen") == "Casussen"


def test_an_english_user_gets_english_pages(world, as_user):
    world.worker.language = "en"
    world.worker.save(update_fields=["language"])
    body = as_user(world.worker).get("/casussen/").content.decode()
    assert "Cases you may view" in body
    assert "Casussen die u mag inzien" not in body


def test_one_users_language_does_not_leak_into_the_next_request(world, as_user):
    """A worker thread serves many users: after an English user's page, a Dutch user still gets Dutch."""
    world.coordinator.language = "en"
    world.coordinator.save(update_fields=["language"])
    english = as_user(world.coordinator).get(reverse("cases:caseload"))
    assert english["Content-Language"] == "en"
    assert translation.get_language() != "en"  # nothing left behind on the thread
    dutch = as_user(world.worker).get(reverse("cases:caseload"))
    assert dutch["Content-Language"] == "nl"
    assert "Mijn werkvoorraad" in dutch.content.decode()
