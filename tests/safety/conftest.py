import pytest
from django.utils import timezone

from wijkveilig.audit.services import Actor
from wijkveilig.cases import household_services as hh
from wijkveilig.cases import services as case_services
from wijkveilig.safety.services import AgreementEntry

SAFE_PLACE = "Fictief: bij zus Testerink in Proefstad"


@pytest.fixture
def actor(world):
    return Actor.system(world.worker)


@pytest.fixture
def victim(world, actor):
    return hh.person_add(actor=actor, access=world.access, first_name="Anna", last_name="Testerink", roles=["victim"])


@pytest.fixture
def perpetrator(world, actor):
    return hh.person_add(actor=actor, access=world.access, first_name="Piet", last_name="Testerink",
                         roles=["suspected_perpetrator"])


@pytest.fixture
def specialist_consulted(world):
    case_services.specialist_consult(actor=Actor.system(world.worker), access=world.access,
                                     specialist_id=world.specialist.pk)
    return world.specialist


@pytest.fixture
def other_case_person(world):
    """A victim in another team's case: never a valid choice on the world's case."""
    opened = case_services.case_open(actor=Actor.system(world.outsider), household_name="Huishouden Anderstad")
    return hh.person_add(actor=Actor.system(world.outsider), access=opened, first_name="Ander",
                         last_name="Persoon", roles=["victim"])


def entry(kind="immediate", days=7, **overrides) -> AgreementEntry:
    values = {"kind": kind, "who": "Vader (fictief)", "what": "Slaapt bij oom tot de evaluatie",
              "due_on": timezone.localdate() + timezone.timedelta(days=days), "where": "Proefstad",
              "network": "Oom Kees (fictief)", "is_protective": False}
    return AgreementEntry(**(values | overrides))
