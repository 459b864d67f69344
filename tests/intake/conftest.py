import pytest
from django.utils import timezone

from wijkveilig.audit.services import Actor
from wijkveilig.intake import services
from wijkveilig.intake.models import PostcodeRange
from wijkveilig.intake.triage import TriageAnswers

REASONS = {"direct_danger": "Fictief: geen acuut gevaar gemeld.",
           "structural_unsafety": "Fictief: herhaald geweld volgens de melder.",
           "multi_problem": "Fictief: schulden en huisvestingsproblemen."}


def answers(a=False, b=False, c=False) -> TriageAnswers:
    return TriageAnswers(direct_danger=a, structural_unsafety=b, multi_problem=c)


@pytest.fixture
def iworld(world):
    """The world plus a postcode table: 9900AA–9900ZZ lies in the world's buurt of Testteam Noord."""
    PostcodeRange.objects.create(postcode_from="9900AA", postcode_to="9900ZZ", number_from=1, number_to=999,
                                 buurt=world.buurt)
    world.team.vt_contact = world.vt_liaison
    world.team.save(update_fields=["vt_contact"])
    return world


def register(user, *, postcode="9900 AB", colour_answers=None, persons=(), source=None, **extra):
    return services.concern_register(
        actor=Actor.system(user), source=source or ("veilig_thuis" if user.role == "vt_liaison" else "team"),
        received_at=timezone.now(), household_name="Huishouden Intakeproef", street="Proefstraat", house_number="12",
        postcode=postcode, city="Voorbeeld", observation="Fictief: buren hoorden geschreeuw.", persons=list(persons),
        answers=colour_answers, reasons=REASONS if colour_answers else None, **extra)
