from datetime import timedelta

import pytest
from django.utils import timezone

from wijkveilig.audit.services import Actor
from wijkveilig.meldcode import services as ms


@pytest.fixture
def route(world):
    return ms.route_start(actor=Actor.system(world.worker), access=world.access)


def walk_to_conversation(world, route):
    """Steps 1-2 done the proper way: the route waits at step 3 (the conversation); returns the actor used."""
    actor, access = Actor.system(world.worker), world.access
    ms.signal_add(actor=actor, access=access, route_id=route.pk, supports_suspicion=True, statement_kind="observation",
                  occurred_at=timezone.now() - timedelta(days=1), body="Blauwe plek op de arm van het kind (fictief).")
    ms.step_complete(actor=actor, access=access, route_id=route.pk, step=1)
    ms.consultation_record(actor=actor, access=access, route_id=route.pk, kind="colleague", with_whom="Collega Test",
                           consulted_on=timezone.localdate(), topic="Signalen besproken", advice="Gesprek voeren")
    ms.step_complete(actor=actor, access=access, route_id=route.pk, step=2)
    return actor


def walk_to_decision(world, route, *, in_doubt=False, vt=True):
    """Steps 1-4 done the proper way; returns the actor used."""
    actor, access = walk_to_conversation(world, route), world.access
    ms.conversation_record(actor=actor, access=access, route_id=route.pk, held=True, held_on=timezone.localdate(),
                           facts_presented="De blauwe plek", reaction="Moeder schrok")
    ms.step_complete(actor=actor, access=access, route_id=route.pk, step=3)
    ms.weighing_record(actor=actor, access=access, route_id=route.pk, nature="Lichamelijk", severity="serious",
                       risk="Herhaling waarschijnlijk", is_in_doubt=in_doubt)
    if in_doubt and vt:
        ms.consultation_record(actor=actor, access=access, route_id=route.pk, kind="veilig_thuis",
                               with_whom="Veilig Thuis adviseur", consulted_on=timezone.localdate(),
                               topic="Twijfel over ernst", advice="Melden")
    ms.step_complete(actor=actor, access=access, route_id=route.pk, step=4)
    return actor
