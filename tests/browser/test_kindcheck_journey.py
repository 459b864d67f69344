"""Issue 9.5 in a real browser: the ZRM shows addiction for a father of a young child, "Doe de kindcheck" appears on
the case page and the werkvoorraad, the worker does it and the prompt is gone; step 1 of a Meldcode route then still
refuses completion until the route has its own kindcheck.

Every page view (forms that came back with errors included) must pass axe-core's WCAG 2.1 A/AA rules.
"""

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_assessment_journey import _score_zrm
from tests.browser.test_meldcode_journey import _add_signal, _complete, _refused, _saved, _start_route, _step
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh
from wijkveilig.meldcode.models import Kindcheck

pytestmark = pytest.mark.browser

PROMPT = "Doe de kindcheck"
REASON = "verslaving (drugs, alcohol) — ZRM: Middelengebruik"


def _household(world) -> None:
    actor = Actor.system(world.worker)
    hh.person_add(actor=actor, access=world.access, first_name="Frank", last_name="Testerink", roles=["other"],
                  birth_date=date(1984, 4, 4))
    hh.person_add(actor=actor, access=world.access, first_name="Liv", last_name="Testerink", roles=["child"],
                  birth_date=date(timezone.localdate().year - 6, 2, 2))


def test_zrm_addiction_prompts_the_kindcheck_until_done_and_step_one_needs_one(world, page, url, log_in_as):
    _household(world)
    log_in_as(world.worker)
    page.goto(url(f"/casussen/{world.case.pk}/"))
    expect(page.get_by_text(PROMPT)).to_have_count(0)

    page.get_by_role("link", name="Balansmodel, ZRM, Signs of Safety en gespreksleidraad").click()
    page.get_by_role("link", name="ZRM van Frank Testerink").click()
    _score_zrm(page, lambda code: 1 if code == "substance_use" else 4)
    prompt = page.get_by_role("status").filter(has_text=PROMPT)
    expect(prompt).to_contain_text(REASON)
    assert_accessible(page, "kindcheck: ZRM met signaal")

    page.get_by_role("link", name=f"Terug naar {world.case.reference}").click()
    expect(page.get_by_role("status").filter(has_text=PROMPT)).to_contain_text(REASON)
    assert_accessible(page, "kindcheck: casusdossier met signaal")

    page.get_by_role("link", name="Mijn werkvoorraad").click()
    attention = page.get_by_role("region", name=PROMPT)
    expect(attention).to_contain_text(world.case.reference)
    expect(attention).to_contain_text(REASON)
    assert_accessible(page, "kindcheck: werkvoorraad met signaal")

    attention.get_by_role("link", name=f"Naar de kindcheck van {world.case.reference}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kindcheck")
    expect(page.get_by_label("verslaving (drugs, alcohol)")).to_be_checked()  # the prompt's reason, ticked
    assert_accessible(page, "kindcheck: formulier")
    page.get_by_label("Wonen er minderjarigen").select_option(label="niet van toepassing")
    page.get_by_label("Wie zorgt voor de kinderen").fill(
        "Liv woont bij haar moeder, om het weekend bij Frank (fictief).")
    page.get_by_role("button", name="Kindcheck vastleggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Uw invoer is bewaard")
    expect(page.get_by_role("main")).to_contain_text("Leg vast waarom de kindcheck niet van toepassing is.")
    expect(page.get_by_label("Wie zorgt voor de kinderen")).to_have_value(
        "Liv woont bij haar moeder, om het weekend bij Frank (fictief).")
    assert_accessible(page, "kindcheck: formulier met fout")
    page.get_by_label("Wonen er minderjarigen").select_option("yes")
    page.get_by_label("Wat heeft u gedaan?").fill("Met Frank besproken wie voor Liv zorgt als hij drinkt (fictief).")
    page.get_by_role("button", name="Kindcheck vastleggen").click()
    expect(page.get_by_role("status").filter(has_text="Kindcheck vastgelegd.")).to_be_visible()
    expect(page.get_by_role("region", name="Eerdere kindchecks")).to_contain_text("buiten een Meldcode-route")
    expect(page.get_by_text(PROMPT)).to_have_count(0)
    assert_accessible(page, "kindcheck: vastgelegd")

    page.get_by_role("link", name="Mijn werkvoorraad").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn werkvoorraad")
    expect(page.get_by_text(PROMPT)).to_have_count(0)

    _start_route(page, url, world.case)
    _add_signal(page, "Liv vertelt dat papa vaak slaapt als zij uit school komt (fictief).", supports=True)
    page.get_by_role("button", name="Stap 1 afronden").click()
    _refused(page, "kindcheck: stap 1 geweigerd zonder kindcheck", "Stap 1 kan nog niet worden afgerond.")
    expect(page.get_by_role("alert")).to_contain_text("Kindcheck: in dit huishouden staan minderjarigen.")
    step1 = _step(page, 1)  # the kindcheck is open and starts from the one just done outside the route
    expect(step1.get_by_label("Wat heeft u gedaan?")).to_have_value(
        "Met Frank besproken wie voor Liv zorgt als hij drinkt (fictief).")
    step1.get_by_role("button", name="Kindcheck vastleggen").click()
    _saved(page, "kindcheck: kindcheck in stap 1", "Kindcheck vastgelegd.")
    _complete(page, 1)
    assert Kindcheck.objects.filter(case=world.case, route__isnull=False, minors="yes").count() == 1
