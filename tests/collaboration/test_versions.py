"""Two people handing over the MDA++ case direction from the same version: the first choice stays, the second is
told (409 with the version now saved, or the conflict form next to the director saved now) and loses nothing."""

from django.urls import reverse

from tests.conftest import login_client
from tests.safety.test_api import api_client, send
from wijkveilig.audit.services import Actor
from wijkveilig.collaboration import services

CONFLICT = "Iemand anders heeft dit tegelijk gewijzigd"


def _start(world):
    return services.mda_start(actor=Actor.system(world.worker), access=world.access, case_director_id=world.worker.pk,
                              criteria=["long_history"], reason="Fictief")


def test_api_stale_director_change_gets_409_and_the_first_choice_stays(world):
    version = _start(world).version
    first, second = api_client(world.worker), api_client(world.coordinator)
    path = f"/cases/{world.case.pk}/mda/director"
    keep_contact = {"contact_person_id": None}
    saved = send(first, "PUT", path, {"case_director_id": world.duo_partner.pk, **keep_contact, "version": version})
    assert saved.status_code == 200 and saved.json()["version"] == version + 1
    stale = send(second, "PUT", path, {"case_director_id": world.colleague.pk, **keep_contact, "version": version})
    assert stale.status_code == 409 and stale.json()["current_version"] == version + 1
    assert services.mda_current(world.case).case_director == world.duo_partner


def test_page_stale_director_change_shows_the_saved_director_and_keeps_the_choice(world):
    version = _start(world).version
    world.duo_partner.first_name, world.colleague.first_name = "Dunya", "Cornelis"
    world.duo_partner.save(), world.colleague.save()
    first, second = login_client(world.worker), login_client(world.coordinator)
    path = reverse("collaboration:mda_director", args=[world.case.pk])
    assert first.post(path, {"director-case_director": world.duo_partner.pk,
                             "director-version": version}).status_code == 302
    response = second.post(path, {"director-case_director": world.colleague.pk, "director-version": version})
    assert response.status_code == 409
    page = response.content.decode()
    assert CONFLICT in page
    assert f'<option value="{world.colleague.pk}" selected>' in page  # the choice is kept
    assert f'name="director-version" value="{version + 1}"' in page
    assert services.mda_current(world.case).case_director == world.duo_partner
