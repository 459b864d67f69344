"""Meldcode forms say exactly what is wrong (issue 11 part 2): every error at once, next to its field, in plain Dutch;
the afwegingskader question stays the question after an error; fields required only in some cases say when."""


from django.urls import reverse

from tests.meldcode.conftest import walk_to_conversation, walk_to_decision
from wijkveilig.audit.services import Actor
from wijkveilig.meldcode import services as ms
from wijkveilig.meldcode.models import RouteConversation


def _url(name, world, route):
    return reverse(f"meldcode:{name}", args=[world.case.pk, route.pk])


def test_a_held_conversation_without_details_names_every_missing_field_at_once(world, route, as_user):
    walk_to_conversation(world, route)
    response = as_user(world.worker).post(_url("conversation", world, route), {"held": "true"})
    assert response.status_code == 400
    page = response.content.decode()
    for field, message in (("held_on", "Vul de datum van het gesprek in."),
                           ("facts_presented", "Vul in welke feiten u heeft voorgelegd."),
                           ("reaction", "Vul de reactie van de cliënt in.")):
        assert f'<p class="utrecht-form-field-error-message" id="id_conversation_{field}_error">{message}' in page
        assert f'href="#id_conversation_{field}"' in page  # the summary links to the field
    assert "Er ging iets mis" not in page  # the vague sentence is for conflicts only
    assert not RouteConversation.objects.exists()


def test_conditionally_required_fields_say_when_instead_of_niet_verplicht(world, route, as_user):
    walk_to_conversation(world, route)
    page = as_user(world.worker).get(_url("route", world, route)).content.decode()
    assert "Datum van het gesprek <span class=\"wv-optional\">(verplicht als het gesprek is gevoerd)</span>" in page
    assert "Zo niet: waarom niet? <span class=\"wv-optional\">(verplicht als het gesprek niet is gevoerd)" in page
    assert "Met wie <span class=\"wv-optional\">(niet verplicht)</span>" in page  # really optional


def test_the_afwegingskader_question_stays_after_an_error(world, route, as_user):
    walk_to_decision(world, route)
    actor = Actor.system(world.worker)
    for question, answer in (("suspicion", True), ("unsafety", False), ("can_help", True)):
        ms.answer_record(actor=actor, access=world.access, route_id=route.pk, question=question, answer=answer,
                         justification="Fictief")
    response = as_user(world.worker).post(_url("answer", world, route), {"question": "help_accepted"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "4. Aanvaarden van hulp" in page and "Uw antwoord" not in page
    assert "Kies ja of nee." in page and "Schrijf op waarom u dit antwoord geeft." in page
