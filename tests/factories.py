"""Factories with obviously synthetic data only."""

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkveilig.accounts.models import Membership, Role, Team, User
from wijkveilig.areas.models import Buurt, District, Municipality

TEST_PASSWORD = "test-wachtwoord-lang"
TEST_TOTP_KEY = "48656c6c6f21deadbeef"  # base32 JBSWY3DPEHPK3PXP


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = "GM9999"
    name = "Gemeente Voorbeeld"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"WK9999{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Testwijk {n}")
    municipality = factory.SubFactory(MunicipalityFactory)


class BuurtFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Buurt
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"BU999901{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Testbuurt {n}")
    district = factory.SubFactory(DistrictFactory, code="WK999901")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Testteam {n}")
    municipality = factory.SubFactory(MunicipalityFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"testgebruiker{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Persona-{n}")
    role = Role.WORKER

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or TEST_PASSWORD)
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def totp(self, create, extracted, **kwargs):
        if create and extracted is not False:
            TOTPDevice.objects.get_or_create(user=self, confirmed=True, defaults={"name": "Test", "key": TEST_TOTP_KEY})


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        django_get_or_create = ("user", "team")

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
