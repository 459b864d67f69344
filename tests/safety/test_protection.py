"""Issue 9 item 1: the perpetrator's copy of the safety plan never shows the victim's protection.

Canary tests: a victim's protective agreement carries a unique string; whatever the order in which the agreement
is made, the perpetrator's role is added and the agreement is edited, the (suspected) perpetrator's family PDF
(page and API, text extracted with pypdf) never contains it, the victim's own PDF always does, and MDA++ partners
see the agreement only as withheld.
"""

import re
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.conftest import login_client
from tests.safety.conftest import entry
from tests.safety.test_api import api_client, send
from wijkveilig.audit.models import AccessLogEntry
from wijkveilig.cases import household_services as hh
from wijkveilig.core.errors import ConflictError, DomainError
from wijkveilig.safety import selectors, services
from wijkveilig.safety.models import Agreement, PlanStatus

CANARY = "KANARIE-7Q"
EDITED = "KANARIE-7Q-BEWERKT"
PERPETRATOR = "suspected_perpetrator"


@pytest.fixture
def family(world, actor):
    """Anna (victim), Frank (at first only "anders betrokken"), Liv (child)."""
    def add(first, roles):
        return hh.person_add(actor=actor, access=world.access, first_name=first, last_name="Testerink", roles=roles)

    world.anna, world.frank, world.liv = add("Anna", ["victim"]), add("Frank", ["other"]), add("Liv", ["child"])
    return world


def _pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages).split())


def _page_pdf(world, person) -> str:
    response = login_client(world.worker).get(
        reverse("safety:family_pdf", kwargs={"case_id": world.case.pk, "for_person_id": person.pk}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return _pdf_text(response.content)


def _api_pdf(world, person) -> str:
    response = send(api_client(world.worker), "GET",
                    f"/cases/{world.case.pk}/safety-plan/family-pdf?for_person_id={person.pk}")
    assert response.status_code == 200
    return _pdf_text(response.content)


def _protective(what=CANARY, audience=()):
    return entry(who="Anna", what=f"{what}: belt bij spanning haar zus, die haalt Liv op",
                 where="Bij de zus (fictief)", is_protective=True, audience_ids=tuple(audience))


# Each step as the worker would do it: tick the persons the agreement is about (the service refuses a perpetrator;
# the worker then unticks him), or give a person the role (suspected) perpetrator.
def _add(world, actor):
    ticked = [world.anna.pk, world.frank.pk, world.liv.pk]
    try:
        world.agreement = services.safety_agreement_add(actor=actor, access=world.access,
                                                        entry=_protective(audience=ticked))
    except DomainError:
        world.agreement = services.safety_agreement_add(actor=actor, access=world.access,
                                                        entry=_protective(audience=ticked[::2]))


def _add_ordinary(world, actor):
    world.agreement = services.safety_agreement_add(actor=actor, access=world.access, entry=entry(
        who="Anna en Frank", what="Praten elke zondag over de week", audience_ids=()))


def _edit(world, actor):
    agreement = Agreement.objects.get(pk=world.agreement.pk)
    ticked = sorted({p.pk for p in agreement.audience.all()} | {world.liv.pk})  # the edit now names Liv
    for audience in (ticked, [pk for pk in ticked if pk != world.frank.pk]):
        try:
            services.safety_agreement_update(actor=actor, access=world.access, agreement_id=agreement.pk,
                                             expected_version=agreement.version,
                                             entry=_protective(what=EDITED, audience=audience))
            return
        except DomainError:
            continue
    raise AssertionError("the edit without the perpetrator must be accepted")


def _make_perpetrator(world, actor):
    frank = world.frank
    frank.refresh_from_db()
    hh.person_update(actor=actor, access=world.access, person=frank, expected_version=frank.version,
                     first_name="Frank", last_name="Testerink", birth_date=None, gender=frank.gender, bsn="",
                     roles=[PERPETRATOR])


STEPS = {"add": _add, "add_ordinary": _add_ordinary, "edit": _edit, "role": _make_perpetrator}
ORDERS = [
    ("add", "role"),                  # agreement first (Frank was ticked), perpetrator role added later
    ("role", "add"),                  # role first: ticking Frank is refused
    ("add", "edit", "role"),
    ("add", "role", "edit"),          # edited after the role: Frank must be unticked
    ("role", "add", "edit"),
    ("add_ordinary", "role", "edit"),  # an ordinary agreement for Frank edited into a protective one
    ("add_ordinary", "edit", "role"),
]


@pytest.mark.parametrize("order", ORDERS, ids="-then-".join)
def test_canary_never_reaches_the_perpetrator_whatever_the_order(family, actor, police_partner, order):
    for step in order:
        STEPS[step](family, actor)
    canary = EDITED if "edit" in order else CANARY
    for text in (_page_pdf(family, family.frank), _api_pdf(family, family.frank)):
        assert CANARY not in text and "haalt Liv op" not in text and "Bij de zus" not in text
    # The test can fail: the victim and the child it names do get it, from the page and from the API.
    assert canary in _page_pdf(family, family.anna) and canary in _api_pdf(family, family.anna)
    assert canary in _page_pdf(family, family.liv)
    # MDA++ partners see that a protective agreement exists, never its content or the victim's whereabouts.
    for body in (login_client(police_partner).get(reverse("collaboration:shared", args=[family.case.pk])),
                 login_client(police_partner).get(f"/api/v1/cases/{family.case.pk}/mda/shared-plan")):
        assert body.status_code == 200
        text = body.content.decode()
        assert CANARY not in text and "Bij de zus" not in text


def test_selector_decides_at_read_time(family, actor):
    agreement = services.safety_agreement_add(actor=actor, access=family.access, entry=_protective(
        audience=[family.anna.pk, family.frank.pk]))
    plan = selectors.plan_of(family.case)
    assert [r.agreement for r in selectors.plan_for_person(plan, family.frank).agreements] == [agreement]
    _make_perpetrator(family, actor)
    assert selectors.plan_for_person(plan, family.frank).agreements == []
    assert [r.agreement for r in selectors.plan_for_person(plan, family.anna).agreements] == [agreement]
    # The worker's page still lists Frank as ticked, struck through, so the worker sees he no longer gets it.
    page = login_client(family.worker).get(reverse("safety:plan", args=[family.case.pk])).content.decode()
    assert "<s>Frank</s> (niet: (vermoedelijk) pleger)" in page and "Beschermend" in page


def test_service_refuses_to_tick_a_perpetrator_for_a_protective_agreement_and_logs_it(family, actor):
    _make_perpetrator(family, actor)
    with pytest.raises(DomainError, match="nooit zichtbaar voor een \\(vermoedelijke\\) pleger") as refused:
        services.safety_agreement_add(actor=actor, access=family.access,
                                      entry=_protective(audience=[family.anna.pk, family.frank.pk]))
    assert refused.value.field == "audience" and "Frank" in refused.value.message
    assert not Agreement.objects.exists()
    assert AccessLogEntry.objects.filter(event="safety.agreement_audience_denied", outcome="denied",
                                         case_id=family.case.pk, username=family.worker.username).count() == 1
    # An ordinary agreement may be for him ("vader slaapt bij oom").
    ordinary = services.safety_agreement_add(actor=actor, access=family.access, entry=entry(
        audience_ids=(family.frank.pk,)))
    assert [p.pk for p in ordinary.audience.all()] == [family.frank.pk]


def test_default_audience_is_who_the_agreement_names_never_the_perpetrator(family, actor):
    _make_perpetrator(family, actor)
    named = services.safety_agreement_add(actor=actor, access=family.access, entry=_protective())
    assert sorted(p.first_name for p in named.audience.all()) == ["Anna", "Liv"]  # "Frank" is not named, Liv is
    unnamed = services.safety_agreement_add(actor=actor, access=family.access, entry=entry(
        who="Moeder", what="Gaat met de kinderen naar de opvang", is_protective=None))
    assert unnamed.is_protective  # not stated: the rule's suggestion decides
    assert sorted(p.first_name for p in unnamed.audience.all()) == ["Anna", "Liv"]  # the victims and children
    everyone = services.safety_agreement_add(actor=actor, access=family.access, entry=entry(
        who="Ouders", what="Volgen een oudercursus", is_protective=None))
    assert not everyone.is_protective and everyone.audience.count() == 3


def test_audience_outside_the_household_is_refused(family, actor, other_case_person):
    with pytest.raises(DomainError, match="Kies personen uit dit huishouden"):
        services.safety_agreement_add(actor=actor, access=family.access,
                                      entry=_protective(audience=[other_case_person.pk]))
    assert not Agreement.objects.exists()


def test_edit_checks_the_version_and_puts_an_agreed_plan_back_to_draft(family, actor):
    agreement = services.safety_agreement_add(actor=actor, access=family.access, entry=_protective())
    services.safe_place_set(expected_version=0, actor=actor, access=family.access,
                            person_id=family.anna.pk, answer="Bij zus (fictief)")
    services.safe_place_set(expected_version=0, actor=actor, access=family.access,
                            person_id=family.liv.pk, answer="Bij oma (fictief)")
    services.safety_plan_agree(actor=actor, access=family.access)
    services.safety_agreement_update(actor=actor, access=family.access, agreement_id=agreement.pk,
                                     expected_version=1, entry=_protective(what=EDITED))
    assert selectors.plan_of(family.case).status == PlanStatus.DRAFT
    with pytest.raises(ConflictError):
        services.safety_agreement_update(actor=actor, access=family.access, agreement_id=agreement.pk,
                                         expected_version=1, entry=_protective(what="Oude versie"))
    agreement.refresh_from_db()
    assert EDITED in agreement.what and agreement.version == 2
    assert AccessLogEntry.objects.filter(event="safety.agreement_updated", case_id=family.case.pk).count() == 1


def test_each_child_is_asked_for_a_safe_place_and_sees_only_their_own(family, actor):
    services.safety_agreement_add(actor=actor, access=family.access, entry=entry())
    services.safe_place_set(expected_version=0, actor=actor, access=family.access,
                            person_id=family.anna.pk, answer="Bij zus ANNA-PLEK")
    with pytest.raises(DomainError, match="ook voor elk kind"):
        services.safety_plan_agree(actor=actor, access=family.access)
    services.safe_place_set(expected_version=0, actor=actor, access=family.access,
                            person_id=family.liv.pk, answer="Bij oma LIV-PLEK")
    assert services.safety_plan_agree(actor=actor, access=family.access).status == PlanStatus.AGREED
    for_liv, for_anna = _page_pdf(family, family.liv), _page_pdf(family, family.anna)
    assert "LIV-PLEK" in for_liv and "ANNA-PLEK" not in for_liv
    assert "ANNA-PLEK" in for_anna and "LIV-PLEK" not in for_anna
    assert "PLEK" not in _page_pdf(family, family.frank)
    with pytest.raises(DomainError):  # Frank is neither victim nor child
        services.safe_place_set(expected_version=0, actor=actor, access=family.access,
                                person_id=family.frank.pk, answer="x")
    page = login_client(family.worker).get(reverse("safety:plan", args=[family.case.pk])).content.decode()
    assert "LIV-PLEK" in page and "ANNA-PLEK" in page


@pytest.fixture
def police_partner(family, actor):
    """The case as MDA++ with a police partner who sees the shared plan."""
    from tests.factories import UserFactory
    from wijkveilig.accounts.models import Role
    from wijkveilig.collaboration import services as collaboration

    police = UserFactory(username="t_politie", role=Role.PARTNER, organisation="Politie Proefland")
    collaboration.mda_start(actor=actor, access=family.access, case_director_id=family.worker.pk,
                            criteria=["structural_unsafety"], reason="Fictief: geweld houdt aan.")
    collaboration.mda_partner_add(actor=actor, access=family.access, user_id=police.pk, sector="police",
                                  basis="covenant", basis_note="Fictief convenant")
    return police



def _post(**overrides):
    return {"kind": "immediate", "who": "Anna", "what": f"{CANARY}: belt bij spanning haar zus",
            "due_on": (entry().due_on).isoformat(), "where": "", "network": "", "is_protective": "yes"} | overrides


def test_form_refuses_to_tick_the_perpetrator_next_to_the_field_and_keeps_the_input(family, actor):
    _make_perpetrator(family, actor)
    url = reverse("safety:agreement_add", args=[family.case.pk])
    response = login_client(family.worker).post(url, _post(audience=[family.anna.pk, family.frank.pk]))
    assert response.status_code == 400
    page = response.content.decode()
    error = page[page.index('id="id_audience_error"'):][:400]
    assert "nooit zichtbaar voor een (vermoedelijke) pleger" in error and "Frank" in error
    assert CANARY in page  # what was typed stays
    assert not Agreement.objects.exists()
    missing = login_client(family.worker).post(url, _post(is_protective=""))
    assert missing.status_code == 400 and 'id="id_is_protective_error"' in missing.content.decode()
    assert login_client(family.worker).post(url, _post(audience=[family.anna.pk])).status_code == 302
    assert [p.pk for p in Agreement.objects.get().audience.all()] == [family.anna.pk]


def test_edit_page_shows_the_audience_and_detects_a_concurrent_edit(family, actor):
    agreement = services.safety_agreement_add(actor=actor, access=family.access,
                                              entry=_protective(audience=[family.anna.pk]))
    url = reverse("safety:agreement_edit", args=[family.case.pk, agreement.pk])
    client = login_client(family.worker)
    form = client.get(url).content.decode()
    assert re.search(rf'name="audience" value="{family.anna.pk}"[^>]*checked', form)
    assert not re.search(rf'name="audience" value="{family.liv.pk}"[^>]*checked', form)
    assert CANARY in form
    services.safety_agreement_update(actor=actor, access=family.access, agreement_id=agreement.pk,
                                     expected_version=1, entry=_protective(what=EDITED, audience=[family.anna.pk]))
    stale = client.post(url, _post(what="Mijn versie", audience=[family.anna.pk, family.liv.pk], version=1))
    assert stale.status_code == 409 and "Mijn versie" in stale.content.decode()
    agreement.refresh_from_db()
    assert EDITED in agreement.what
    again = client.post(url, _post(what="Mijn versie", audience=[family.anna.pk, family.liv.pk], version=2))
    assert again.status_code == 302
    assert sorted(p.pk for p in Agreement.objects.get().audience.all()) == [family.anna.pk, family.liv.pk]
