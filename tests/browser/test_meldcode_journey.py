"""The Meldcode route in a real browser: a worker walks all five steps and reports, Veilig Thuis gives feedback.

Every page view (forms that came back with errors included) must pass axe-core's WCAG 2.1 A/AA rules.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_styled, current_totp
from tests.browser.test_accessibility import Sweep
from tests.factories import TEST_PASSWORD
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.audit.services import Actor
from wijkveilig.meldcode import services as ms
from wijkveilig.meldcode.models import MeldcodeRoute, StepAction, VtReport

pytestmark = pytest.mark.browser


DUPLICATE_IDS = """() => Object.entries([...document.querySelectorAll('[id]')].reduce(
    (seen, el) => ({...seen, [el.id]: (seen[el.id] || 0) + 1}), {})).filter(([, n]) => n > 1).map(([id]) => id)"""


def _assert_unique_ids(page, label: str) -> None:
    """The route page holds many forms: a repeated id silently ties a label to another form's field (WCAG 1.3.1),
    which axe-core no longer reports."""
    assert page.evaluate(DUPLICATE_IDS) == [], f"{label}: ids used more than once"


class MeldcodeSweep(Sweep):
    def check(self, label: str) -> None:
        _assert_unique_ids(self.page, label)
        super().check(label)


def _accessible(page, label: str) -> None:
    _assert_unique_ids(page, label)
    assert_accessible(page, label)


def _step(page, n: int):
    return page.get_by_role("region", name=re.compile(rf"^Stap {n}:"))


def _open(section, summary: str) -> None:
    """Unfold a <details> form unless the page already shows it open."""
    details = section.locator("details").filter(has=section.page.locator("summary", has_text=summary))
    if details.get_attribute("open") is None:
        details.locator("summary").click()


def _saved(page, label: str, message: str) -> None:
    expect(page.get_by_role("status").filter(has_text=message)).to_be_visible()
    _accessible(page, label)


def _refused(page, label: str, text: str = "Uw invoer is bewaard") -> None:
    """A form came back: the summary at the top says so (and what is wrong), and the page is still accessible."""
    expect(page.get_by_role("alert").filter(has_text=text).first).to_be_visible()
    _accessible(page, label)


def _complete(page, n: int) -> None:
    page.get_by_role("button", name=f"Stap {n} afronden").click()
    _saved(page, f"meldcode: stap {n} afgerond", f"Stap {n} is afgerond.")


def _log_in_with_password_and_totp(page, url, user) -> None:
    page.goto(url("/inloggen/"))
    assert_styled(page)
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Code uit uw authenticator-app").fill(current_totp(user))
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn werkvoorraad")
    _accessible(page, "meldcode: werkvoorraad na inloggen")


def _log_out(page, url) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(url("/inloggen/"))


def _start_route(page, url, case) -> MeldcodeRoute:
    page.get_by_role("link", name=case.reference).click()
    _accessible(page, "meldcode: casusdossier")
    page.get_by_role("button", name="Meldcode starten").click()
    route = MeldcodeRoute.objects.get(case=case)
    expect(page).to_have_url(url(f"/casussen/{case.pk}/meldcode/{route.pk}/"))
    expect(page.get_by_role("link", name="Acuut gevaar: 112 gebeld vastleggen")).to_be_in_viewport()
    expect(page.locator("[aria-current=step]")).to_contain_text("Stap 1: signalen in kaart brengen")
    _accessible(page, "meldcode: route gestart (stap 1)")
    return route


def _add_signal(page, body: str, *, supports: bool) -> None:
    step1 = _step(page, 1)
    _open(step1, "Nieuw signaal vastleggen")
    step1.get_by_label("Waarneming, mening of hypothese?").select_option(label="waarneming (feit)")
    step1.get_by_label("Plaats").fill("Schoolplein (fictief)")
    step1.get_by_label("Het signaal").fill(body)
    group = step1.get_by_role("group", name="Ondersteunt dit signaal het vermoeden?")
    group.get_by_role("radio", name="ja" if supports else "nee", exact=True).check()
    step1.get_by_role("button", name="Signaal vastleggen").click()
    _saved(page, f"meldcode: signaal vastgelegd ({'ondersteunt' if supports else 'ontkracht'})", "Signaal vastgelegd.")


def _walk_step_one(page) -> None:
    step1 = _step(page, 1)
    _open(step1, "Nieuw signaal vastleggen")
    step1.get_by_label("Het signaal").fill("Kind zegt dat papa hard schreeuwt (fictief).")
    step1.get_by_role("button", name="Signaal vastleggen").click()  # "ondersteunt het vermoeden?" left open
    _refused(page, "meldcode: stap 1, signaal met fout")
    expect(_step(page, 1).get_by_label("Het signaal")).to_have_value("Kind zegt dat papa hard schreeuwt (fictief).")

    _add_signal(page, "Kind zegt dat papa hard schreeuwt (fictief).", supports=True)
    _add_signal(page, "Juf ziet het kind vrolijk spelen (fictief).", supports=False)
    step1 = _step(page, 1)
    expect(step1.get_by_role("listitem").filter(has_text="papa hard schreeuwt")).to_contain_text("ondersteunt")
    expect(step1.get_by_role("listitem").filter(has_text="vrolijk spelen")).to_contain_text("ontkracht")

    _open(step1, "Kindcheck")
    step1.get_by_label("gewelddadige partner").check()
    step1.get_by_role("button", name="Kindcheck vastleggen").click()
    _saved(page, "meldcode: kindcheck met risicosituatie", "Kindcheck vastgelegd.")
    page.get_by_role("button", name="Stap 1 afronden").click()
    _refused(page, "meldcode: stap 1 geblokkeerd door kindcheck", "Stap 1 kan nog niet worden afgerond.")
    expect(page.get_by_role("alert")).to_contain_text("Kindcheck: beantwoord eerst of er minderjarigen")

    step1 = _step(page, 1)  # the kindcheck opens by itself and keeps the risk situation ticked
    expect(step1.get_by_label("gewelddadige partner")).to_be_checked()
    step1.get_by_label("Wonen er minderjarigen").select_option("yes")
    step1.get_by_role("button", name="Kindcheck vastleggen").click()
    _refused(page, "meldcode: kindcheck met fout")
    expect(_step(page, 1)).to_contain_text("Leg vast wat u heeft gedaan voor de kinderen.")
    _step(page, 1).get_by_label("Wie zorgt voor de kinderen").fill("Moeder; overdag op school (fictief).")
    _step(page, 1).get_by_label("Wat heeft u gedaan?").fill("Met moeder besproken (fictief).")
    _step(page, 1).get_by_role("button", name="Kindcheck vastleggen").click()
    _saved(page, "meldcode: kindcheck beantwoord", "Kindcheck vastgelegd.")
    _complete(page, 1)


def _consult(page, kind: str, with_whom: str, label: str) -> None:
    step2 = _step(page, 2)
    _open(step2, "Overleg vastleggen")
    step2.get_by_label("Met wie overlegde u?").select_option(label=kind)
    step2.get_by_label("Naam / functie").fill(with_whom)
    step2.get_by_label("Wat heeft u besproken?").fill("De signalen van stap 1 (fictief).")
    step2.get_by_label("Welk advies kreeg u?").fill("Gesprek met moeder voeren (fictief).")
    step2.get_by_role("button", name="Overleg vastleggen").click()
    _saved(page, label, "Overleg vastgelegd.")


def _walk_steps_two_and_three(page) -> None:
    expect(page.locator("[aria-current=step]")).to_contain_text("Stap 2")
    step2 = _step(page, 2)
    _open(step2, "Overleg vastleggen")
    step2.get_by_label("Met wie overlegde u?").select_option(label="collega")
    step2.get_by_role("button", name="Overleg vastleggen").click()
    _refused(page, "meldcode: stap 2, overleg met fouten")
    _consult(page, "collega", "Collega Testmans (fictief)", "meldcode: stap 2, overleg met collega")
    _complete(page, 2)

    step3 = _step(page, 3)
    step3.get_by_role("group", name="Is het gesprek gevoerd?").get_by_role("radio", name="ja").check()
    step3.get_by_role("button", name="Gesprek vastleggen").click()
    _refused(page, "meldcode: stap 3, gesprek met fouten")
    step3 = _step(page, 3)
    step3.get_by_label("Datum van het gesprek").fill(timezone.localdate().isoformat())
    step3.get_by_label("Met wie").fill("Moeder (fictief)")
    step3.get_by_label("Welke feiten en waarnemingen").fill("Wat het kind op school vertelde (fictief).")
    step3.get_by_label("Hoe reageerde de cliënt?").fill("Geschrokken, herkent de spanning (fictief).")
    step3.get_by_role("button", name="Gesprek vastleggen").click()
    _saved(page, "meldcode: stap 3, gesprek vastgelegd", "Gesprek vastgelegd.")
    _complete(page, 3)


def _walk_step_four(page) -> None:
    step4 = _step(page, 4)
    step4.get_by_label("Ik twijfel over mijn weging").check()
    step4.get_by_role("button", name="Weging vastleggen").click()
    _refused(page, "meldcode: stap 4, weging met fouten")
    step4 = _step(page, 4)
    expect(step4.get_by_label("Ik twijfel over mijn weging")).to_be_checked()
    step4.get_by_label("Aard van het geweld").fill("Psychisch: getuige van partnergeweld (fictief).")
    step4.get_by_label("Ernst").select_option(label="ernstig")
    step4.get_by_label("Risico").fill("Herhaling waarschijnlijk (fictief).")
    step4.get_by_role("button", name="Weging vastleggen").click()
    _saved(page, "meldcode: stap 4, weging in twijfel", "Weging vastgelegd.")
    expect(_step(page, 4)).to_contain_text("Bij twijfel altijd Veilig Thuis raadplegen.")

    page.get_by_role("button", name="Stap 4 afronden").click()
    _refused(page, "meldcode: stap 4 geblokkeerd (twijfel)", "Stap 4 kan nog niet worden afgerond.")
    expect(page.get_by_role("alert")).to_contain_text("Bij twijfel altijd Veilig Thuis raadplegen")
    assert MeldcodeRoute.objects.get().step_events.filter(step=4).count() == 0

    _consult(page, "Veilig Thuis (anoniem advies)", "Adviseur Veilig Thuis (fictief)",
             "meldcode: stap 4, Veilig Thuis geraadpleegd")
    _complete(page, 4)


def _answer(page, answer: str, justification: str) -> None:
    step5 = _step(page, 5)
    step5.get_by_role("radio", name=answer, exact=True).check()
    step5.get_by_label("Onderbouwing").fill(justification)
    step5.get_by_role("button", name="Antwoord vastleggen").click()
    _saved(page, f"meldcode: stap 5, antwoord ({justification[:20]})", "Antwoord vastgelegd.")


def _walk_step_five(page) -> None:
    step5 = _step(page, 5)
    expect(step5.get_by_role("group", name=re.compile(r"^1\. Vermoeden"))).to_be_visible()
    expect(step5.get_by_label("Evaluatiedatum")).to_have_count(0)  # only asked with question 4
    step5.get_by_role("button", name="Antwoord vastleggen").click()
    _refused(page, "meldcode: stap 5, antwoord met fouten")
    _answer(page, "ja", "Signalen en gesprek wijzen op partnergeweld (fictief).")
    expect(_step(page, 5).get_by_role("group", name=re.compile(r"^2\. Acute of structurele"))).to_be_visible()
    _answer(page, "ja", "Kind is structureel getuige van geweld (fictief).")
    step5 = _step(page, 5)
    expect(step5).to_contain_text("Uitkomst: Meld bij Veilig Thuis.")
    expect(step5).to_contain_text("Meldnorm 1")
    expect(step5.get_by_role("button", name="Antwoord vastleggen")).to_have_count(0)
    _complete(page, 5)


def _report(page) -> VtReport:
    page.get_by_role("link", name="Melden bij Veilig Thuis").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Melden bij Veilig Thuis")
    _accessible(page, "meldcode: meldformulier")
    page.get_by_label("Wie heeft u vooraf over de melding geïnformeerd?").fill("Moeder (fictief)")
    page.get_by_role("button", name="Melding registreren").click()
    _refused(page, "meldcode: meldformulier met fout")
    expect(page.get_by_label("Wie heeft u vooraf over de melding geïnformeerd?")).to_have_value("Moeder (fictief)")
    page.get_by_label("Hoe reageerde die persoon?").fill("Boos, maar begrijpt het (fictief).")
    page.get_by_role("button", name="Melding registreren").click()
    # the team's Veilig Thuis contact receives it in Wijkveilig (Team.vt_delivery, issue 11): no PDF to send
    _saved(page, "meldcode: melding geregistreerd",
           "ontvangt die in Wijkveilig. U hoeft de PDF niet zelf te versturen.")
    report = VtReport.objects.get()
    with page.expect_download() as download_info:
        page.get_by_role("region", name="Meldingen aan Veilig Thuis").get_by_role("link", name="PDF").click()
    download = download_info.value
    assert download.suggested_filename == f"melding-{report.pk}.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    return report


def _vt_gives_feedback(page, url, report) -> None:
    page.goto(url("/"))
    page.get_by_role("navigation").get_by_role("link", name="Meldingen").click()
    expect(page).to_have_url(url("/veilig-thuis/"))
    _accessible(page, "Veilig Thuis: meldingen")
    page.get_by_role("link", name=report.case.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Melding {report.case.reference}")
    expect(page.get_by_role("region", name="Inhoud")).to_contain_text("papa hard schreeuwt")
    _accessible(page, "Veilig Thuis: melding")
    page.get_by_label("Besluit van Veilig Thuis").select_option(label="overdracht aan het wijkteam of anderen")
    page.get_by_role("button", name="Terugkoppeling vastleggen").click()
    _refused(page, "Veilig Thuis: terugkoppeling met fout")
    page.get_by_label("Moment").select_option(label="na de veiligheidsbeoordeling")
    page.get_by_label("Terugkoppeling", exact=True).fill("Veiligheid beoordeeld; terug naar het wijkteam (fictief).")
    page.get_by_role("button", name="Terugkoppeling vastleggen").click()
    _saved(page, "Veilig Thuis: terugkoppeling vastgelegd", "De terugkoppeling is vastgelegd.")
    expect(page.get_by_role("region", name="Terugkoppeling van Veilig Thuis")).to_contain_text("overdracht")


def test_worker_walks_the_meldcode_route_and_veilig_thuis_gives_feedback(page, url, world, log_in_as):
    world.team.vt_contact = world.vt_liaison
    world.team.save(update_fields=["vt_contact"])
    console_errors = []  # CSP refusals and failed loads; the 400s of forms sent back on purpose don't count
    page.on("console", lambda message: message.type == "error" and "status of 400" not in message.text
            and console_errors.append(message.text))

    _log_in_with_password_and_totp(page, url, world.worker)
    route = _start_route(page, url, world.case)
    _walk_step_one(page)
    _walk_steps_two_and_three(page)
    _walk_step_four(page)
    _walk_step_five(page)
    report = _report(page)
    _log_out(page, url)

    log_in_as(world.vt_liaison)
    _vt_gives_feedback(page, url, report)
    _log_out(page, url)

    log_in_as(world.worker)
    page.goto(url(f"/casussen/{world.case.pk}/meldcode/{route.pk}/"))
    reports = page.get_by_role("region", name="Meldingen aan Veilig Thuis")
    expect(reports).to_contain_text("overdracht aan het wijkteam of anderen")
    expect(reports).to_contain_text("terug naar het wijkteam (fictief)")
    _accessible(page, "meldcode: route met terugkoppeling")

    completed = route.step_events.filter(action=StepAction.COMPLETED).values_list("step", flat=True)
    assert sorted(completed) == [1, 2, 3, 4, 5]
    kindcheck = route.kindchecks.first()
    assert (kindcheck.risk_situations, kindcheck.minors) == (["violent_partner"], "yes")
    assert route.consultations.filter(kind="veilig_thuis").count() == 1
    assert report.feedback.get().decision == "transfer"
    assert AccessLogEntry.objects.filter(event="vt_report.feedback_recorded",
                                         username=world.vt_liaison.username).exists()
    assert console_errors == []


def _path(world, route, tail: str = "") -> str:
    return f"/casussen/{world.case.pk}/meldcode/{route.pk}/{tail}"


SWEEP_FORMS = {1: ("Nieuw signaal vastleggen", "Signaal vastleggen"), 2: ("Overleg vastleggen", "Overleg vastleggen"),
               3: (None, "Gesprek vastleggen"), 4: (None, "Weging vastleggen"), 5: (None, "Antwoord vastleggen")}


def _advance(sweep, world, route, n: int) -> None:
    """Record through the services what step n needs (step 4 in doubt: first refused on the page), then complete it."""
    kw = {"actor": Actor.system(world.worker), "access": world.access, "route_id": route.pk}
    if n == 1:
        ms.signal_add(**kw, supports_suspicion=True, statement_kind="observation",
                      occurred_at=timezone.now() - timedelta(hours=2), body="Blauwe plek op de arm (fictief).")
        ms.kindcheck_record(**kw, risk_situations=["addiction"], minors="no")
    elif n == 2:
        ms.consultation_record(**kw, kind="colleague", with_whom="Collega (fictief)",
                               consulted_on=timezone.localdate(), topic="Signalen", advice="Gesprek voeren")
    elif n == 3:
        ms.conversation_record(**kw, held=False, skip_reason="danger_client",
                               skip_explanation="Partner leest mee (fictief).")
    elif n == 4:
        ms.weighing_record(**kw, nature="Lichamelijk", severity="serious", risk="Herhaling (fictief)", is_in_doubt=True)
        sweep.visit("meldcode-sweep: stap 4, weging in twijfel", _path(world, route))
        sweep.page.get_by_role("button", name="Stap 4 afronden").click()
        expect(sweep.page.get_by_role("alert")).to_contain_text("Bij twijfel altijd Veilig Thuis raadplegen")
        sweep.check("meldcode-sweep: stap 4 geweigerd (twijfel zonder Veilig Thuis)")
        ms.consultation_record(**kw, kind="veilig_thuis", with_whom="Veilig Thuis (fictief)",
                               consulted_on=timezone.localdate(), topic="Twijfel", advice="Melden")
    else:
        for question in ("suspicion", "unsafety"):
            ms.answer_record(**kw, question=question, answer=True, justification="Onderbouwing (fictief)")
        sweep.visit("meldcode-sweep: stap 5 met uitkomst melden", _path(world, route))
        expect(_step(sweep.page, 5)).to_contain_text("Meldnorm 1")
    ms.step_complete(**kw, step=n)


def _sweep_steps(sweep, world, route) -> None:
    """The route page at every step, with its form sent back with errors and its completion refused."""
    page = sweep.page
    for n, (summary, button) in SWEEP_FORMS.items():
        sweep.visit(f"meldcode-sweep: route, stap {n}", _path(world, route))
        expect(page.locator("[aria-current=step]")).to_contain_text(f"Stap {n}")
        if summary:
            _open(_step(page, n), summary)
        sweep.submit_invalid(f"meldcode-sweep: stap {n}, formulier met fouten", button)
        page.get_by_role("button", name=f"Stap {n} afronden").click()
        expect(page.get_by_role("alert")).to_contain_text(f"Stap {n} kan nog niet worden afgerond.")
        sweep.check(f"meldcode-sweep: stap {n} afronden geweigerd")
        _advance(sweep, world, route, n)


def _sweep_after_decision(sweep, world, route) -> None:
    page = sweep.page
    sweep.visit("meldcode-sweep: alle stappen afgerond", _path(world, route))
    page.get_by_role("region", name="Voortgang").locator("summary", has_text="Terug naar stap 3").click()
    sweep.submit_invalid("meldcode-sweep: teruggaan zonder reden", "Teruggaan")
    sweep.visit("meldcode-sweep: meldformulier", _path(world, route, "melden/"))
    sweep.submit_invalid("meldcode-sweep: meldformulier met fout", "Melding registreren")
    sweep.visit("meldcode-sweep: acuut gevaar", _path(world, route, "acuut-gevaar/"))
    expect(page.get_by_text("Bel 112", exact=True)).to_be_visible()
    page.get_by_label("Wanneer is 112 gebeld?").fill("")
    page.get_by_role("button", name="Vastleggen en melden").click()  # "Bel 112" stays an alert of its own
    expect(page.get_by_role("alert").filter(has_text="Uw invoer is bewaard")).to_be_visible()
    expect(page.get_by_text("Bel 112", exact=True)).to_be_visible()
    sweep.check("meldcode-sweep: acuut gevaar met fouten")
    page.get_by_label("Wanneer is 112 gebeld?").fill(timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Door wie?").fill("Medewerker zelf (fictief)")
    page.get_by_role("button", name="Vastleggen en melden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Melden bij Veilig Thuis")
    sweep.check("meldcode-sweep: meldformulier na acuut gevaar")
    # Sending the report after step 5 closes the route (Veilig Thuis now keeps an eye on safety).
    ms.vt_report_send(actor=Actor.system(world.worker), access=world.access, route_id=route.pk,
                      idempotency_key="sweep-key-1", informed_whom="Moeder (fictief)", informed_reaction="Rustig")
    sweep.visit("meldcode-sweep: afgesloten route met melding", _path(world, route))


def _sweep_veilig_thuis(sweep, world, report) -> None:
    sweep.visit("meldcode-sweep: Veilig Thuis, meldingen", "/veilig-thuis/")
    expect(sweep.page.get_by_role("link", name=world.case.reference)).to_be_visible()
    sweep.visit("meldcode-sweep: Veilig Thuis, melding",
                f"/veilig-thuis/casussen/{world.case.pk}/meldingen/{report.pk}/")
    sweep.submit_invalid("meldcode-sweep: Veilig Thuis, terugkoppeling met fout", "Terugkoppeling vastleggen")


def test_meldcode_pages_have_no_wcag_violations(page, url, world, log_in_as):
    world.team.vt_contact = world.vt_liaison
    world.team.save(update_fields=["vt_contact"])
    route = ms.route_start(actor=Actor.system(world.worker), access=world.access)
    sweep = MeldcodeSweep(page, url)
    log_in_as(world.worker)
    _sweep_steps(sweep, world, route)
    _sweep_after_decision(sweep, world, route)
    report = VtReport.objects.get(idempotency_key="sweep-key-1")
    VtReport.objects.filter(pk=report.pk).update(assessment_due_on=timezone.localdate() - timedelta(days=1))
    sweep.visit("meldcode-sweep: werkvoorraad met te late terugkoppeling", "/werkvoorraad/")
    expect(page.get_by_role("region", name="Meldcode en Veilig Thuis")).to_contain_text("te laat")
    log_in_as(world.coordinator)
    sweep.visit("meldcode-sweep: coördinator, route", _path(world, route))
    log_in_as(world.vt_liaison)
    _sweep_veilig_thuis(sweep, world, report)
    assert sweep.failures == {}, "\n\n".join(f"{page}:\n{found}" for page, found in sweep.failures.items())
