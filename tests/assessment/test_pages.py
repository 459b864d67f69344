"""Assessment pages per persona: worker and coordinator write, consulted specialist reads only, outsider sees
nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.assessment.conftest import all_scores
from wijkveilig.assessment import services, zrm
from wijkveilig.assessment.services import ScaleEntry
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.audit.services import Actor
from wijkveilig.cases import services as case_services
from wijkveilig.cases.models import Note


def _url(world, name, **kwargs):
    return reverse(f"assessment:{name}", kwargs={"case_id": world.case.pk, **kwargs})


def _zrm_post(information_on, score="3", **overrides):
    data = {"information_on": information_on}
    for code in zrm.DOMAIN_CODES:
        data[f"s_{code}"] = overrides.get(code, score)
    return data


@pytest.mark.parametrize("persona", ["worker", "coordinator"])
def test_team_persona_records_balance_and_sees_the_picture(world, as_user, persona):
    client = as_user(getattr(world, persona))
    response = client.post(_url(world, "balance"), {"f_r_micro_addiction": "on", "n_r_micro_addiction": "Fictief",
                                                     "f_p_meso_social_support": "on"})
    assert response.status_code == 302
    page = client.get(_url(world, "balance")).content.decode()
    assert "Verslaving" in page and "balance-data" in page and "eerste beoordeling" in page
    assert AccessLogEntry.objects.filter(event="assessment.balance_recorded", username=getattr(world, persona).username)


def test_balance_repeat_shows_change_since_last(world, as_user):
    client = as_user(world.worker)
    client.post(_url(world, "balance"), {"f_r_micro_addiction": "on"})
    client.post(_url(world, "balance"), {"f_r_micro_addiction": "on", "f_r_micro_psychiatric": "on",
                                         "f_p_macro_stable_climate": "on"})
    page = client.get(_url(world, "balance")).content.decode()
    assert "risico +1, bescherming +0" in page  # micro
    assert "risico +0, bescherming +1" in page  # macro


def test_empty_balance_is_an_error_that_keeps_the_notes(world, as_user):
    response = as_user(world.worker).post(_url(world, "balance"), {"n_r_micro_addiction": "Getypte toelichting"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Vink ten minste één" in body and "Getypte toelichting" in body


def test_zrm_page_flags_stale_and_suggests_meldcode(world, as_user, mother):
    client = as_user(world.worker)
    url = _url(world, "zrm", person_id=mother.pk)
    old = (timezone.localdate() - timezone.timedelta(days=40)).isoformat()
    assert client.post(url, _zrm_post(old, domestic_relations="1")).status_code == 302
    page = client.get(url).content.decode()
    assert "meer dan 30 dagen geleden" in page  # the warning right after scoring
    assert "Verzamel actuele informatie" in page and "Huiselijke relaties staat op 1" in page
    assert reverse("cases:detail", args=[world.case.pk]) + "#h-meldcode" in page
    assert client.post(url, _zrm_post(timezone.localdate().isoformat())).status_code == 302
    page = client.get(url).content.decode()
    assert "Verzamel actuele informatie" not in page and "Huiselijke relaties staat op 1" not in page
    assert "verouderd</span>" in page  # the first column keeps its stale badge


def test_zrm_missing_domain_is_an_error_that_keeps_input(world, as_user, mother):
    data = _zrm_post(timezone.localdate().isoformat())
    del data["s_justice"]
    data["n_finances"] = "Schulden bij fictieve schuldeiser"
    response = as_user(world.worker).post(_url(world, "zrm", person_id=mother.pk), data)
    assert response.status_code == 400
    assert "Kies een score voor dit domein." in response.content.decode()
    assert "Schulden bij fictieve schuldeiser" in response.content.decode()


def test_zrm_of_a_person_outside_the_household_is_404(world, as_user):
    assert as_user(world.worker).get(_url(world, "zrm", person_id=2**40)).status_code == 404


def test_safety_mapping_page(world, as_user, mother):
    client = as_user(world.worker)
    response = client.post(_url(world, "safety"), {
        "harm": "Fictieve schade", "d1_who_worried": "Medewerker", "d1_behaviour": "Duwen", "d1_consequence": "Letsel",
        "d1_safety_goal": "Geen geweld", "scale_worker": "4", f"scale_p{mother.pk}": "2"})
    assert response.status_code == 302
    page = client.get(_url(world, "safety")).content.decode()
    assert "Geen geweld" in page
    assert "<td class=\"utrecht-table__cell\">ouder: Anna Testerink</td>" in page


def test_conversation_answer_is_recorded_as_note(world, as_user):
    response = as_user(world.worker).post(_url(world, "conversation"), {
        "question": "quez_change", "answer": "Rust in huis (fictief)", "statement_kind": "opinion"})
    assert response.status_code == 302
    assert Note.objects.get(case=world.case).body.startswith("Wat wilt u veranderen?")


@pytest.mark.parametrize("name", ["overview", "balance", "safety", "conversation"])
def test_consulted_specialist_reads_but_may_not_write(world, as_user, specialist_consulted, name):
    client = as_user(specialist_consulted)
    page = client.get(_url(world, name))
    assert page.status_code == 200 and 'method="post"' not in page.content.decode().split("<main")[-1]
    assert client.post(_url(world, name), {"question": "quez_change", "answer": "x"}).status_code in (403, 405)
    assert AccessLogEntry.objects.filter(event="case.viewed", section="assessment", case_id=world.case.pk,
                                         username=specialist_consulted.username).exists()


@pytest.mark.parametrize("name", ["overview", "balance", "safety", "conversation"])
def test_outsider_gets_404_and_the_denial_is_logged(world, as_user, name):
    client = as_user(world.outsider)
    assert client.get(_url(world, name)).status_code == 404
    assert client.post(_url(world, name), {}).status_code in (404, 405)
    assert AccessLogEntry.objects.filter(event="case.access_denied", section="assessment",
                                         username=world.outsider.username).exists()


def test_case_page_shows_the_partner_violence_prompt(world, as_user):
    actor = Actor.system(world.worker)
    case_services.violence_forms_set(actor=actor, access=world.access, forms={"partner_violence": []})
    services.safety_mapping_record(actor=actor, access=world.access, dangers=[],
                                   scales=[ScaleEntry(party="worker", score=1)])
    client = as_user(world.worker)
    for url in (reverse("cases:detail", args=[world.case.pk]), _url(world, "overview")):
        assert "Partnergeweld met een hoog risicobeeld" in client.get(url).content.decode()


def test_zrm_service_data_shows_in_trend_table(world, as_user, mother):
    services.zrm_assess(actor=Actor.system(world.worker), access=world.access, person_id=mother.pk,
                        information_on=timezone.localdate(), scores=all_scores(4))
    page = as_user(world.worker).get(_url(world, "zrm", person_id=mother.pk)).content.decode()
    assert 'id="zrm-table"' in page and "zrm-data" in page


@pytest.mark.parametrize("person_id", ["0", "99999999999999999999999"])
def test_absurd_person_id_is_404_not_500(world, as_user, person_id):
    url = f"/casussen/{world.case.pk}/beoordeling/zrm/{person_id}/"
    assert as_user(world.worker).get(url).status_code == 404


@pytest.mark.parametrize(("name", "data"), [
    ("balance", {"f_r_micro_addiction": "on", "n_r_micro_addiction": "x" * 2001}),
    ("safety", {"scale_worker": "11"}),
    ("safety", {"scale_worker": "abc", "harm": "\x00"}),
    ("conversation", {"question": "quez_change", "answer": "  "}),
    ("conversation", {"question": "<script>", "answer": "x"}),
])
def test_bad_input_is_a_400_form_error(world, as_user, name, data):
    response = as_user(world.worker).post(_url(world, name), data)
    assert response.status_code == 400
    assert "data-error-summary" in response.content.decode()  # every error listed at the top, linking to its field


def test_pages_use_a_bounded_number_of_queries(world, as_user, mother, django_assert_max_num_queries):
    actor = Actor.system(world.worker)
    client = as_user(world.worker)
    client.get(_url(world, "balance"))  # warm the session and translations

    def load(name, **kwargs):
        with django_assert_max_num_queries(30):  # about 20-25, the same with one or many assessments
            assert client.get(_url(world, name, **kwargs)).status_code == 200

    for round_ in range(1, 6):
        services.balance_assess(actor=actor, access=world.access,
                                factors={"r_micro_addiction": "", "p_meso_social_support": ""})
        services.zrm_assess(actor=actor, access=world.access, person_id=mother.pk,
                            information_on=timezone.localdate(), scores=all_scores(1 + round_ % 5))
        services.safety_mapping_record(actor=actor, access=world.access, dangers=[],
                                       scales=[ScaleEntry(party="worker", score=round_)])
    for name, kwargs in (("balance", {}), ("zrm", {"person_id": mother.pk}), ("safety", {}), ("overview", {})):
        load(name, **kwargs)
