"""Issue 10 item 4 in a real browser: the worker has the safety plan open while the coordinator saves the Veilig
Thuis conditions; the worker's save is not silently lost nor does it erase the coordinator's text: the page shows
both versions with the worker's input kept, and a second save after looking goes through. Every page passes axe."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from wijkveilig.audit.services import Actor
from wijkveilig.safety import selectors, services

pytestmark = pytest.mark.browser

THEIRS = "VT: vader woont tijdelijk bij zijn broer (fictief)."
MINE = "VT: moeder belt dagelijks de wijkagent (fictief)."


def test_a_stale_safety_plan_save_shows_both_versions_and_keeps_the_input(world, page, url, log_in_as):
    log_in_as(world.worker)
    page.goto(url(f"/casussen/{world.case.pk}/veiligheidsplan/"))
    conditions = page.get_by_label("Veiligheidsvoorwaarden van Veilig Thuis")
    conditions.fill(MINE)
    # Meanwhile the coordinator saves the conditions from their own screen.
    services.plan_update(actor=Actor.system(world.coordinator), access=world.access, expected_version=1,
                         vt_conditions=THEIRS)
    page.get_by_role("button", name="Opslaan", exact=True).click()

    alert = page.get_by_role("alert").filter(has_text="Iemand anders heeft dit tegelijk gewijzigd")
    expect(alert).to_be_visible()
    expect(page.get_by_role("note").filter(has_text="Nu opgeslagen (door de ander)")).to_contain_text(THEIRS)
    expect(page.get_by_label("Veiligheidsvoorwaarden van Veilig Thuis")).to_have_value(MINE)
    assert_accessible(page, "veiligheidsplan: conflict")
    assert selectors.plan_of(world.case).vt_conditions == THEIRS

    page.get_by_role("button", name="Opslaan", exact=True).click()  # after looking: deliberately replace
    expect(page.get_by_role("status").filter(has_text="Veiligheidsplan bijgewerkt.")).to_be_visible()
    assert selectors.plan_of(world.case).vt_conditions == MINE
    assert_accessible(page, "veiligheidsplan: opnieuw opgeslagen")
