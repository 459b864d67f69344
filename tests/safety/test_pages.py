"""Safety plan pages per persona, and the family PDF that never shows a victim's safe place to anyone else."""

from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tests.safety.conftest import SAFE_PLACE, entry
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.safety import selectors, services
from wijkveilig.safety.models import Agreement, PlanStatus


def _url(world, name, **kwargs):
    return reverse(f"safety:{name}", kwargs={"case_id": world.case.pk, **kwargs})


def _agreement_post(**overrides):
    return {"kind": "immediate", "who": "Vader (fictief)", "what": "Slaapt bij oom",
            "due_on": (timezone.localdate() + timezone.timedelta(days=7)).isoformat(), "where": "Proefstad",
            "network": "Oom Kees (fictief)", "is_protective": "no"} | overrides


def _pdf_text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    return " ".join(text.split())  # lines wrap in the PDF


@pytest.mark.parametrize("persona", ["worker", "coordinator"])
def test_team_persona_builds_and_agrees_a_plan(world, as_user, victim, persona):
    user = getattr(world, persona)
    client = as_user(user)
    assert client.post(_url(world, "agreement_add"), _agreement_post()).status_code == 302
    response = client.post(_url(world, "agree"))
    assert response.status_code == 400
    assert "Vul voor elk slachtoffer in waar" in response.content.decode()
    place = client.post(_url(world, "safe_place", person_id=victim.pk), {f"p{victim.pk}-answer": SAFE_PLACE,
                                                                           f"p{victim.pk}-version": 0})
    assert place.status_code == 302
    assert client.post(_url(world, "agree")).status_code == 302
    assert selectors.plan_of(world.case).status == PlanStatus.AGREED
    page = client.get(_url(world, "plan")).content.decode()
    assert "Slaapt bij oom" in page and SAFE_PLACE in page and "Vastgesteld op" in page
    assert AccessLogEntry.objects.filter(event="safety.plan_agreed", username=user.username).count() == 1
    assert AccessLogEntry.objects.filter(event="case.viewed", section="safety", username=user.username).exists()


def test_invalid_agreement_keeps_what_was_typed(world, as_user):
    response = as_user(world.worker).post(_url(world, "agreement_add"), _agreement_post(who="", what="Blijft staan"))
    assert response.status_code == 400
    assert "Blijft staan" in response.content.decode()
    assert not Agreement.objects.exists()


def test_consulted_specialist_reads_but_cannot_write(world, as_user, specialist_consulted, actor):
    services.safety_agreement_add(actor=actor, access=world.access, entry=entry())
    client = as_user(specialist_consulted)
    page = client.get(_url(world, "plan"))
    assert page.status_code == 200 and "Slaapt bij oom" in page.content.decode()
    assert "Afspraak toevoegen" not in page.content.decode()
    assert client.post(_url(world, "agreement_add"), _agreement_post()).status_code == 403
    assert client.post(_url(world, "agree")).status_code == 403
    assert Agreement.objects.count() == 1
    assert AccessLogEntry.objects.filter(event="case.write_denied", section="safety",
                                         username=specialist_consulted.username).count() == 2


@pytest.mark.parametrize("name", ["plan", "agreement_add", "agree"])
def test_outsider_gets_404_and_a_denied_row(world, as_user, name):
    client = as_user(world.outsider)
    response = client.post(_url(world, name), _agreement_post()) if name != "plan" else client.get(_url(world, name))
    assert response.status_code == 404
    assert not Agreement.objects.exists()
    assert AccessLogEntry.objects.filter(event="case.access_denied", section="safety",
                                         username=world.outsider.username).exists()


def test_latest_vt_conditions_are_shown_as_a_hint(world, as_user, actor):
    from wijkveilig.meldcode import services as meldcode_services
    from wijkveilig.meldcode.models import VtFeedback, VtReport

    route = meldcode_services.route_start(actor=actor, access=world.access)
    report = VtReport.objects.create(case=world.case, route=route, idempotency_key="safety-test", content="{}",
                                     sent_by=world.worker, assessment_due_on=timezone.localdate())
    for day, conditions in ((1, "Fictief: oude voorwaarde"), (2, "Fictief: vader woont tijdelijk elders"), (3, "")):
        VtFeedback.objects.create(report=report, moment="after_assessment", decision="end", summary="Fictief",
                                  safety_conditions=conditions, recorded_by=world.worker,
                                  received_on=timezone.localdate() - timezone.timedelta(days=10 - day))
    page = as_user(world.worker).get(_url(world, "plan")).content.decode()
    assert "Laatste veiligheidsvoorwaarden van Veilig Thuis" in page and "vader woont tijdelijk elders" in page
    assert "oude voorwaarde" not in page


def test_family_pdf_for_perpetrator_never_shows_the_victims_safe_place(world, as_user, actor, victim, perpetrator):
    services.safety_agreement_add(actor=actor, access=world.access, entry=entry(what="Vader belt niet na 22 uur"))
    services.safe_place_set(expected_version=0, actor=actor, access=world.access,
                            person_id=victim.pk, answer=SAFE_PLACE)
    services.plan_update(expected_version=1, actor=actor, access=world.access,
                         vt_conditions="Fictief VT-geheim", review_on=None)
    client = as_user(world.worker)
    for_perpetrator = _pdf_text(client.get(_url(world, "family_pdf", for_person_id=perpetrator.pk)))
    for_victim = _pdf_text(client.get(_url(world, "family_pdf", for_person_id=victim.pk)))
    assert "Vader belt niet na 22 uur" in for_perpetrator and "Oom Kees" in for_perpetrator
    assert "zus Testerink" not in for_perpetrator and "Waar kan ik heen" not in for_perpetrator
    assert "zus Testerink" in for_victim
    assert "VT-geheim" not in for_victim + for_perpetrator
    exports = AccessLogEntry.objects.filter(event="safety.family_pdf_exported", username=world.worker.username)
    assert exports.count() == 2


def test_family_pdf_for_a_person_of_another_household_is_404(world, as_user, actor, other_case_person):
    services.safety_agreement_add(actor=actor, access=world.access, entry=entry())
    assert as_user(world.worker).get(_url(world, "family_pdf", for_person_id=other_case_person.pk)).status_code == 404


def test_case_page_links_to_the_safety_plan(world, as_user):
    page = as_user(world.worker).get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    assert _url(world, "plan") in page


def test_review_of_an_agreement_of_another_plan_is_refused_in_dutch(world, as_user):
    response = as_user(world.worker).post(_url(world, "review_add"), {
        "agreement": "999", "status": "kept", "reviewed_on": timezone.localdate().isoformat()})
    assert response.status_code == 400
    assert "Kies een afspraak uit dit veiligheidsplan." in response.content.decode()


def test_review_date_and_review_are_shown(world, as_user, actor):
    agreement = services.safety_agreement_add(actor=actor, access=world.access, entry=entry())
    client = as_user(world.worker)
    review_on = timezone.localdate() + timezone.timedelta(days=21)
    assert client.post(_url(world, "plan"), {"review_on": review_on.isoformat(), "version": 1}).status_code == 302
    assert client.post(_url(world, "review_add"), {"agreement": agreement.pk, "status": "not_kept",
                                                   "reviewed_on": timezone.localdate().isoformat(),
                                                   "note": "Fictief: oom was ziek"}).status_code == 302
    page = client.get(_url(world, "plan")).content.decode()
    assert "Volgende evaluatie" in page and "niet nagekomen" in page and "oom was ziek" in page
    assert selectors.plan_of(world.case).review_on == review_on


def test_plan_page_queries_do_not_grow_with_agreements(world, as_user, actor, victim):
    client = as_user(world.worker)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(world, "plan")).status_code == 200
        return len(queries)

    first = services.safety_agreement_add(actor=actor, access=world.access, entry=entry())
    services.safety_agreement_review(actor=actor, access=world.access, agreement_id=first.pk, status="kept",
                                     reviewed_on=timezone.localdate())
    count()  # the first request of a session renews it (once a minute); measure the ones after
    few = count()
    for _ in range(4):
        extra = services.safety_agreement_add(actor=actor, access=world.access, entry=entry("lasting"))
        services.safety_agreement_review(actor=actor, access=world.access, agreement_id=extra.pk, status="partly",
                                         reviewed_on=timezone.localdate())
    assert count() == few
