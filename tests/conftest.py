"""Fixed personas (see STYLE.md) and a client logged in with both factors."""

import os
from types import SimpleNamespace

import pytest
from django.db import connection
from django.db.models.signals import post_migrate
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import BuurtFactory, MembershipFactory, TeamFactory, UserFactory
from wijkveilig.accounts.middleware import AUTH_AT_KEY
from wijkveilig.accounts.models import Role
from wijkveilig.audit import partitions
from wijkveilig.audit.services import Actor
from wijkveilig.cases import services

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["tests.hashers.FastArgon2PasswordHasher"]


@pytest.fixture
def world(db):
    """Two teams, the personas of STYLE.md, and one case assigned to `worker`."""
    buurt = BuurtFactory(code="BU99990101", name="Testbuurt Noord")
    team = TeamFactory(name="Testteam Noord")
    other_team = TeamFactory(name="Testteam Zuid")
    team.buurten.add(buurt)

    def member(username, role, team_=team):
        user = UserFactory(username=username, role=role)
        MembershipFactory(user=user, team=team_)
        return user

    w = SimpleNamespace(team=team, other_team=other_team, buurt=buurt)
    w.worker = member("t_worker", Role.WORKER)
    w.duo_partner = member("t_duo", Role.WORKER)
    w.colleague = member("t_colleague", Role.WORKER)
    w.specialist = member("t_specialist", Role.SPECIALIST)
    w.coordinator = member("t_coordinator", Role.COORDINATOR)
    w.outsider = member("t_outsider", Role.WORKER, other_team)
    w.outside_coordinator = member("t_out_coord", Role.COORDINATOR, other_team)
    w.vt_liaison = UserFactory(username="t_vt", role=Role.VT_LIAISON)
    w.policy_officer = UserFactory(username="t_policy", role=Role.POLICY_OFFICER)
    w.admin = UserFactory(username="t_admin", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    w.log_officer = UserFactory(username="t_log", role=Role.LOG_OFFICER)
    w.partner = UserFactory(username="t_partner", role=Role.PARTNER)
    access = services.case_open(actor=Actor.system(w.worker), household_name="Huishouden Testerink",
                                summary="Fictieve aanleiding", buurt=buurt)
    w.case = access.case
    w.access = access
    return w


def login_client(user) -> Client:
    """A test client whose session has passed password and TOTP."""
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[AUTH_AT_KEY] = timezone.now().isoformat()
    session.save()
    return client


@pytest.fixture
def as_user():
    return login_client


@pytest.fixture
def flushable_access_log(transactional_db, request):
    """The access log refuses DELETE and TRUNCATE, so the end-of-test flush of a transactional test would fail:
    lift the triggers just before that flush and put them back right after it (the flush sends post_migrate)."""
    def restore(**kwargs):
        post_migrate.disconnect(dispatch_uid="restore-access-log-triggers")
        partitions.restore_append_only(connection)

    def lift():
        partitions.lift_append_only(connection)
        post_migrate.connect(restore, weak=False, dispatch_uid="restore-access-log-triggers")

    request.addfinalizer(lift)
