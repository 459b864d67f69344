"""Page titles say where you are (WCAG 2.4.2, issue 11 part 5): every page of one case has its own title, and each
names the case reference, so a list of open tabs or the history tells them apart."""

import re
from html import unescape

import pytest

from tests.records import real_records
from tests.test_empty_submits import PATTERNS, _path

_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def _title(response) -> str:
    return " ".join(unescape(_TITLE.search(response.content.decode()).group(1)).split())


@pytest.fixture
def case_pages(world, as_user):
    ids = real_records(world)
    client = as_user(world.worker)
    pages = {}
    for name, route in PATTERNS:
        if "<int:case_id>" not in route:
            continue
        response = client.get(_path(route, ids))
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages[name] = _title(response)
    return world, ids, pages


def test_every_page_of_a_case_names_the_case_and_has_its_own_title(case_pages):
    world, _ids, pages = case_pages
    assert len(pages) >= 15, sorted(pages)  # the walk really reached the case's pages
    reference = world.case.reference
    assert [name for name, title in pages.items() if reference not in title] == []
    by_title = {}
    for name, title in pages.items():
        by_title.setdefault(title, []).append(name)
    assert {title: names for title, names in by_title.items() if len(names) > 1} == {}
    assert all(title.endswith(" · Wijkveilig") for title in pages.values())


def test_a_person_page_names_the_person_and_the_case(case_pages, as_user):
    world, _ids, pages = case_pages
    title = pages["cases:person_edit"]
    assert title.startswith("Persoon Testouder Fictief · ") and world.case.reference in title


def test_a_refused_submit_puts_fout_first_in_the_title(world, as_user):
    client = as_user(world.worker)
    response = client.post(f"/casussen/{world.case.pk}/sluiten/", {"version": world.case.version})
    assert response.status_code == 400
    assert _title(response).startswith("Fout: Casus sluiten · ")
    assert _title(client.get(f"/casussen/{world.case.pk}/sluiten/")).startswith("Casus sluiten · ")
