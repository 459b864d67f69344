import pytest

from wijkveilig.assessment import zrm
from wijkveilig.assessment.services import ZrmEntry
from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh
from wijkveilig.cases import services as case_services


@pytest.fixture
def actor(world):
    return Actor.system(world.worker)


@pytest.fixture
def mother(world, actor):
    return hh.person_add(actor=actor, access=world.access, first_name="Anna", last_name="Testerink", roles=["victim"])


@pytest.fixture
def child(world, actor):
    return hh.person_add(actor=actor, access=world.access, first_name="Bo", last_name="Testerink", roles=["child"])


def all_scores(score: int = 3, **overrides) -> dict[str, ZrmEntry]:
    return {code: ZrmEntry(score=overrides.get(code, score)) for code in zrm.DOMAIN_CODES}


@pytest.fixture
def specialist_consulted(world):
    case_services.specialist_consult(actor=Actor.system(world.worker), access=world.access,
                                     specialist_id=world.specialist.pk)
    return world.specialist
