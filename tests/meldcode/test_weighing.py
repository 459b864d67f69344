"""Step 4 with who is threatened, great harm and complexity: the service's rules, the specialist contacts of the
municipality on the route page (step 4 and step 5), and the API."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import MunicipalityFactory
from tests.meldcode.test_api import api_client, post
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh
from wijkveilig.cases import services as case_services
from wijkveilig.core.errors import DomainError
from wijkveilig.meldcode import services as ms
from wijkveilig.meldcode.models import SpecialistContact


def _to_step_four(world, route):
    actor, access = Actor.system(world.worker), world.access
    ms.signal_add(actor=actor, access=access, route_id=route.pk, supports_suspicion=True, statement_kind="observation",
                  occurred_at=timezone.now(), body="Dochter vertelt over een uithuwelijking (fictief).")
    ms.step_complete(actor=actor, access=access, route_id=route.pk, step=1)
    ms.consultation_record(actor=actor, access=access, route_id=route.pk, kind="colleague", with_whom="Collega",
                           consulted_on=timezone.localdate(), topic="Signalen", advice="Gesprek voeren")
    ms.step_complete(actor=actor, access=access, route_id=route.pk, step=2)
    ms.conversation_record(actor=actor, access=access, route_id=route.pk, held=False, skip_reason="danger_client",
                           skip_explanation="Vader leest mee (fictief)")
    ms.step_complete(actor=actor, access=access, route_id=route.pk, step=3)


@pytest.fixture
def family(world):
    actor = Actor.system(world.worker)
    daughter = hh.person_add(actor=actor, access=world.access, first_name="Sara", last_name="Proef", roles=["victim"])
    father = hh.person_add(actor=actor, access=world.access, first_name="Karim", last_name="Proef",
                           roles=["suspected_perpetrator"])
    return daughter, father


@pytest.fixture
def contacts(world):
    ours = world.team.municipality
    elsewhere = MunicipalityFactory(code="GM9998", name="Gemeente Elders")
    return {
        "honour": SpecialistContact.objects.create(municipality=ours, name="Landelijk Knooppunt (fictief)",
                                                   expertise=["honour_related", "forced_marriage"],
                                                   phone="0800 000 0000", email="knooppunt@example.org"),
        "general": SpecialistContact.objects.create(municipality=ours, name="Specialistisch team (fictief)",
                                                    expertise=[], email="team@example.org"),
        "inactive": SpecialistContact.objects.create(municipality=ours, name="Oud contact (fictief)",
                                                     expertise=["forced_marriage"], email="oud@example.org",
                                                     is_active=False),
        "trafficking": SpecialistContact.objects.create(municipality=ours, name="Zorgcoördinatie mensenhandel "
                                                        "(fictief)", expertise=["trafficking"], email="mh@example.org"),
        "elsewhere": SpecialistContact.objects.create(municipality=elsewhere, name="Andere gemeente (fictief)",
                                                      expertise=["forced_marriage"], email="elders@example.org"),
    }


def _weigh(world, route, **extra):
    return ms.weighing_record(actor=Actor.system(world.worker), access=world.access, route_id=route.pk,
                              nature="Dreiging met uithuwelijking (fictief)", severity="serious",
                              risk="Vertrek naar buitenland (fictief)", is_in_doubt=False, **extra)


def test_weighing_records_threatened_persons_harm_and_complexity(world, route, family):
    daughter, _father = family
    _to_step_four(world, route)
    record = _weigh(world, route, threatened_person_ids=[daughter.pk], has_great_harm=True,
                    complexity_kinds=["forced_marriage", "forced_marriage"])
    assert list(record.threatened_persons.all()) == [daughter]
    assert record.has_great_harm is True
    assert record.complexity_kinds == ["forced_marriage"]
    assert record.is_complex is True
    assert AccessLogEntry.objects.filter(event="meldcode.weighing_recorded", case_id=world.case.pk).count() == 1


def test_weighing_without_complexity_is_not_complex(world, route):
    _to_step_four(world, route)
    assert _weigh(world, route).is_complex is False


def test_a_person_of_another_household_cannot_be_ticked(world, route):
    _to_step_four(world, route)
    other = case_services.case_open(actor=Actor.system(world.worker), household_name="Huishouden Anders",
                                    buurt=world.buurt)
    stranger = hh.person_add(actor=Actor.system(world.worker), access=other, first_name="Ander", last_name="Persoon",
                             roles=["victim"])
    with pytest.raises(DomainError, match="huishouden") as refused:
        _weigh(world, route, threatened_person_ids=[stranger.pk])
    assert refused.value.field == "threatened_persons"


def test_unknown_complexity_kind_is_refused(world, route):
    _to_step_four(world, route)
    with pytest.raises(DomainError) as refused:
        _weigh(world, route, complexity_kinds=["bestaat_niet"])
    assert refused.value.field == "complexity_kinds"


def test_a_complexity_the_case_shows_needs_an_explanation_to_be_left_out(world, route):
    case_services.violence_forms_set(actor=Actor.system(world.worker), access=world.access,
                                     forms={"honour_related": ["psychological"]})
    _to_step_four(world, route)
    with pytest.raises(DomainError, match="eergerelateerd geweld") as refused:
        _weigh(world, route)
    assert refused.value.field == "complexity_note"
    assert _weigh(world, route, complexity_kinds=["honour_related"]).is_complex
    explained = _weigh(world, route, complexity_note="Registratie was een vergissing (fictief).")
    assert explained.is_complex is False


def _route_page(world, route, as_user):
    return as_user(world.worker).get(reverse("meldcode:route", args=[world.case.pk, route.pk])).content.decode()


def test_complex_weighing_shows_specialist_help_with_the_municipality_contacts(world, route, contacts, as_user):
    _to_step_four(world, route)
    _weigh(world, route, complexity_kinds=["forced_marriage"])
    page = _route_page(world, route, as_user)
    assert page.count("Schakel specialistische hulp in") == 2  # step 4 and the afwegingskader (step 5)
    assert "Landelijk Knooppunt (fictief)" in page and "tel:08000000000" in page
    assert page.index("Landelijk Knooppunt (fictief)") < page.index("Specialistisch team (fictief)")
    for name in ("Oud contact", "Andere gemeente", "Zorgcoördinatie mensenhandel"):
        assert name not in page


def test_complex_weighing_without_contacts_points_to_veilig_thuis(world, route, as_user):
    _to_step_four(world, route)
    _weigh(world, route, complexity_kinds=["fgm"])
    page = _route_page(world, route, as_user)
    assert "Schakel specialistische hulp in" in page
    assert "Overleg met Veilig Thuis over specialistische hulp" in page


def test_not_complex_shows_no_specialist_help(world, route, contacts, as_user):
    _to_step_four(world, route)
    _weigh(world, route)
    page = _route_page(world, route, as_user)
    assert "Schakel specialistische hulp in" not in page
    assert "Landelijk Knooppunt" not in page


def test_weighing_form_prefills_the_suggestion_and_keeps_input_on_error(world, route, family, as_user):
    daughter, _father = family
    case_services.violence_forms_set(actor=Actor.system(world.worker), access=world.access,
                                     forms={"trafficking": ["sexual"]})
    _to_step_four(world, route)
    client = as_user(world.worker)
    page = client.get(reverse("meldcode:route", args=[world.case.pk, route.pk])).content.decode()
    assert re.search(r'<input[^>]*value="trafficking"[^>]*checked', page)
    assert not re.search(r'<input[^>]*value="fgm"[^>]*checked', page)
    response = client.post(reverse("meldcode:weighing", args=[world.case.pk, route.pk]),
                           {"nature": "Uitbuiting (fictief)", "severity": "serious", "risk": "",
                            "threatened_persons": [daughter.pk], "complexity_kinds": ["trafficking"]})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Uitbuiting (fictief)" in body
    response = client.post(reverse("meldcode:weighing", args=[world.case.pk, route.pk]),
                           {"nature": "Uitbuiting (fictief)", "severity": "serious", "risk": "Hoog (fictief)",
                            "threatened_persons": [daughter.pk], "complexity_kinds": []})
    assert response.status_code == 400
    assert "mensenhandel" in response.content.decode()
    assert route.weighings.count() == 0


def test_weighing_over_the_api(world, route, family, contacts):
    daughter, _father = family
    _to_step_four(world, route)
    client = api_client(world.worker)
    base = f"/cases/{world.case.pk}/meldcode/{route.pk}"
    assert client.get(f"/api/v1{base}/weighing").json()["recorded"] is False
    assert post(client, f"{base}/weighing", {"nature": "x", "severity": "low", "risk": "y",
                                             "complexity_kinds": ["no_such_kind"]}).status_code == 422
    assert post(client, f"{base}/weighing", {"nature": "x", "severity": "low", "risk": "y",
                                             "threatened_person_ids": [2**70]}).status_code == 422
    recorded = post(client, f"{base}/weighing", {
        "nature": "Dreiging (fictief)", "severity": "serious", "risk": "Hoog", "threatened_person_ids": [daughter.pk],
        "has_great_harm": True, "complexity_kinds": ["honour_related"]})
    assert recorded.status_code == 200
    weighing = client.get(f"/api/v1{base}/weighing").json()
    assert weighing["is_complex"] is True
    assert weighing["threatened_person_ids"] == [daughter.pk]
    assert [c["name"] for c in weighing["specialist_contacts"]] == ["Landelijk Knooppunt (fictief)",
                                                                     "Specialistisch team (fictief)"]
    assert api_client(world.outsider).get(f"/api/v1{base}/weighing").status_code == 404


def test_the_administrator_configures_specialist_contacts_in_the_admin(world, as_user):
    client = as_user(world.admin)
    add = reverse("admin:meldcode_specialistcontact_add")
    base = {"municipality": world.team.municipality.pk, "name": "Knooppunt (fictief)", "expertise": ["fgm"],
            "is_active": "on"}
    refused = client.post(add, base)
    assert refused.status_code == 200 and "Vul een telefoonnummer of e-mailadres in." in refused.content.decode()
    assert client.post(add, base | {"email": "knooppunt@example.org"}).status_code == 302
    contact = SpecialistContact.objects.get()
    assert contact.expertise == ["fgm"]
    assert as_user(world.worker).get(add).status_code == 302  # no admin for a worker
