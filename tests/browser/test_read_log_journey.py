"""A worker opens a person's edit form; the log officer finds that read in the access log (issue 10 item 2)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh

pytestmark = pytest.mark.browser


def test_opening_a_persons_form_is_in_the_log(page, url, log_in_as, world):
    person = hh.person_add(actor=Actor.system(world.worker), access=world.access, first_name="Sanne",
                           last_name="Testerink", roles=["victim"], bsn="111222333")
    log_in_as(world.worker)
    page.goto(url(f"/casussen/{world.case.pk}/"))
    page.get_by_role("link", name=str(person)).click()
    expect(page).to_have_url(re.compile(rf"/personen/{person.pk}/$"))
    expect(page.get_by_label("Voornaam")).to_have_value("Sanne")
    assert_accessible(page, "medewerker: persoon wijzigen (gelogd)")

    log_in_as(world.log_officer)
    page.goto(url(f"/logboek/?case_reference={world.case.reference}&username=t_worker"))
    read = page.get_by_role("row").filter(has_text="case.viewed").filter(has_text="persons")
    expect(read).to_have_count(1)
    expect(read).to_contain_text("t_worker")
    expect(read).to_contain_text("assigned")
    assert_accessible(page, "logbeheerder: de inzage van het persoonsformulier")
