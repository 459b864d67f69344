"""No personal data in application logs, error pages or URLs."""

import logging
import re
import sys
from unittest import mock

import pytest
from django.test import override_settings
from django.urls import reverse

from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh
from wijkveilig.core.logging import ScrubPersonalDataFilter

FIRST, LAST, BSN = "Testa", "Voorbeeldt", "999990019"  # synthetic person, BSN from the BRP test range
PERSONAL = (FIRST, LAST, BSN, "Huishouden Testerink", "Fictieve aanleiding")


@pytest.fixture
def person(world):
    return hh.person_add(actor=Actor.system(world.worker), access=world.access, first_name=FIRST, last_name=LAST,
                         roles=["victim"], bsn=BSN)


def record(msg, *args, exc_info=None) -> logging.LogRecord:
    return logging.LogRecord("django.request", logging.WARNING, __file__, 1, msg, args, exc_info)


def formatted(rec: logging.LogRecord) -> str:
    return logging.Formatter("%(message)s").format(rec)


# --- the filter -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("msg, args, expected", [
    ("Not Found: %s", ("/casussen/12/?q=Voorbeeldt",), "Not Found: /casussen/12/?[...]"),
    ('"GET /casussen/?q=Testa+Voorbeeldt&status=open HTTP/1.1" 200', (), '"GET /casussen/?[...] HTTP/1.1" 200'),
    ("BSN 999990019 niet gevonden", (), "BSN [getal] niet gevonden"),
    ("persoon %s met %s", ("Testa", 999990019), "persoon Testa met [getal]"),
    ("casus 12 door gebruiker 7 om 2024-03-10", (), "casus 12 door gebruiker 7 om 2024-03-10"),
    ("telefoon 0612345678", (), "telefoon 0612345678"),  # ten digits: not BSN-like, kept
])
def test_filter_drops_query_strings_and_nine_digit_numbers(msg, args, expected):
    rec = record(msg, *args)
    assert ScrubPersonalDataFilter().filter(rec) is True  # scrubs, never swallows the line
    assert formatted(rec) == expected


def test_filter_scrubs_the_traceback_and_drops_the_request():
    try:
        raise ValueError("duplicate key (bsn)=(999990019) for /zoek?q=Voorbeeldt")
    except ValueError:
        rec = record("Internal Server Error: %s", "/casussen/", exc_info=sys.exc_info())
    rec.request = object()
    ScrubPersonalDataFilter().filter(rec)
    text = formatted(rec)
    assert "ValueError" in text
    assert BSN not in text and LAST not in text
    assert rec.request is None


def test_the_filter_is_on_every_configured_handler():
    for logger in (logging.getLogger(), logging.getLogger("django.request")):
        configured = [h for h in logger.handlers if type(h) is logging.StreamHandler]  # not pytest's own
        assert configured
        for handler in configured:
            assert any(isinstance(f, ScrubPersonalDataFilter) for f in handler.filters), (logger.name, handler)


# --- what the application logs ----------------------------------------------------------------------------------


def test_searching_and_opening_a_case_logs_no_personal_data(world, person, as_user, caplog):
    caplog.set_level(logging.DEBUG)
    client = as_user(world.worker)
    for query in (LAST, f"{FIRST} {LAST}", BSN):
        assert client.post(reverse("cases:list"), {"q": query}).status_code == 200
    assert client.get(reverse("cases:detail", args=[world.case.pk]), {"q": LAST}).status_code == 200
    assert client.get(reverse("cases:person_edit", args=[world.case.pk, person.pk])).status_code == 200
    assert client.get(reverse("cases:detail", args=[999999]), {"q": LAST, "bsn": BSN}).status_code == 404
    assert as_user(world.outsider).get(reverse("cases:detail", args=[world.case.pk]), {"q": LAST}).status_code == 404
    assert any("Not Found" in r.getMessage() for r in caplog.records)  # the log was listening
    for rec in caplog.records:
        text = rec.getMessage() + (formatted(rec) if rec.exc_info else "")
        for value in PERSONAL:
            assert value not in text, (rec.name, text)


def test_a_crash_logs_no_bsn_and_shows_nothing(world, person, as_user, caplog):
    client = as_user(world.worker)
    client.raise_request_exception = False
    boom = RuntimeError(f"zoekfout voor {BSN}")
    with override_settings(DEBUG=False), mock.patch("wijkveilig.cases.selectors.case_search", side_effect=boom):
        response = client.post(reverse("cases:list"), {"q": LAST})
    assert response.status_code == 500
    body = response.content.decode()
    for value in (LAST, BSN, "q=", "zoekfout", "RuntimeError", "Traceback"):
        assert value not in body
    errors = [r for r in caplog.records if r.name == "django.request" and r.levelno == logging.ERROR]
    assert errors
    handler = logging.getLogger("django.request").handlers[0]
    for rec in errors:
        for log_filter in handler.filters:
            log_filter.filter(rec)
        text = formatted(rec)
        assert "RuntimeError" in text
        assert BSN not in text and "?q=" not in text


# --- error pages ------------------------------------------------------------------------------------------------


def assert_echoes_nothing(response, *values):
    body = response.content.decode()
    for value in values:
        assert value not in body, value


@override_settings(DEBUG=False)
def test_404_does_not_echo_the_path_or_the_query(world, person, as_user):
    client = as_user(world.worker)
    missing = client.get(f"/personen/{FIRST}-{LAST}-{BSN}/", {"naam": LAST})
    assert missing.status_code == 404
    assert_echoes_nothing(missing, FIRST, LAST, BSN, "personen", "naam")
    forbidden = as_user(world.outsider).get(reverse("cases:detail", args=[world.case.pk]), {"q": LAST})
    assert forbidden.status_code == 404
    assert_echoes_nothing(forbidden, world.case.reference, *PERSONAL)


@override_settings(DEBUG=False)
def test_403_does_not_echo_the_path_or_the_query(world, as_user):
    response = as_user(world.worker).get(reverse("audit:log"), {"username": LAST, "case_reference": BSN})
    assert response.status_code == 403
    assert_echoes_nothing(response, LAST, BSN, "/logboek/", "username")


@override_settings(DEBUG=False)
def test_a_person_page_outside_scope_shows_no_person(world, person, as_user):
    client = as_user(world.outsider)
    response = client.get(reverse("cases:person_edit", args=[world.case.pk, person.pk]))
    assert response.status_code == 404
    assert_echoes_nothing(response, *PERSONAL)


# --- URLs -------------------------------------------------------------------------------------------------------

HREF = re.compile(r'(?:href|action|hx-get|hx-post)="([^"]*)"')


def case_links(html: str) -> list[str]:
    return [url for url in HREF.findall(html) if url.startswith("/casussen/")]


def test_case_links_carry_only_numeric_ids(world, person, as_user):
    client = as_user(world.worker)
    listing = client.post(reverse("cases:list"), {"q": LAST}).content.decode()
    detail_links = [url for url in case_links(listing) if re.fullmatch(r"/casussen/\d+/", url)]
    assert detail_links == [reverse("cases:detail", args=[world.case.pk])]
    detail = client.get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    links = case_links(listing) + case_links(detail)
    assert reverse("cases:person_edit", args=[world.case.pk, person.pk]) in links
    for url in links:
        path = url.split("?")[0].split("#")[0]
        assert all(part.isdigit() or re.fullmatch(r"[a-z-]+", part) for part in path.strip("/").split("/")), url
        for value in PERSONAL:
            assert value.lower() not in url.lower(), url


def test_redirects_after_a_change_carry_only_numeric_ids(world, as_user):
    response = as_user(world.worker).post(reverse("cases:person_add", args=[world.case.pk]), {
        "first_name": FIRST, "last_name": LAST, "roles": ["victim"], "gender": "x", "bsn": BSN})
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[world.case.pk])


def test_search_terms_never_travel_in_the_url(world, as_user):
    """The search form posts, so a typed name is not kept in browser history or proxy logs."""
    client = as_user(world.worker)
    page = client.get(reverse("cases:list")).content.decode()
    assert 'method="post" class="wv-card" role="search"' in page
    ignored = client.get(reverse("cases:list"), {"q": "Testerink-die-niet-bestaat"})
    assert "Testerink-die-niet-bestaat" not in ignored.content.decode()


def test_a_not_found_is_logged_by_route_not_by_path(world, as_user, caplog):
    """Django logs every 4xx with its path; paths hold case and person ids, so the route's name is logged instead."""
    with caplog.at_level(logging.WARNING, logger="django.request"):
        as_user(world.worker).get("/casussen/987654/personen/123456/")
    records = [r for r in caplog.records if r.name == "django.request"]
    assert records and all(ScrubPersonalDataFilter().filter(r) for r in records)
    for message in (r.getMessage() for r in records):
        assert message.startswith("Not Found (") and "987654" not in message and "123456" not in message, message
