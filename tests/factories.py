"""factory_boy factories for the platform core."""

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from lms import roles
from lms.models import Membership, Organisation, Region, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@members.example")
    full_name = factory.Faker("name")
    preferred_language = "en"
    time_zone = "UTC"
    # Accounts in tests stand for accounts made on someone's behalf; a test of
    # self sign-up passes email_verified_at=None.
    email_verified_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"City {n}")
    short_name = factory.Sequence(lambda n: f"C{n}")
    kind = Organisation.Kind.LOCAL_GOVERNMENT
    country = "FR"
    city = "Lyon"
    region = Region.EUROPE


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.LEARNER
    status = Membership.Status.ACTIVE


def in_group(user: User, name: str) -> User:
    user.groups.add(Group.objects.get(name=name))
    return user


def secretariat_user(**kwargs) -> User:
    return in_group(UserFactory(**kwargs), roles.SECRETARIAT)


def trainer_user(**kwargs) -> User:
    return in_group(UserFactory(**kwargs), roles.TRAINERS)
