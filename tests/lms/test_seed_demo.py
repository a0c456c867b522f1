import pytest
from django.core.management import CommandError, call_command

from lms import demo, roles
from lms.models import Membership, Organisation, Region, User

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        demo.counts(),
        sorted(User.objects.values_list("email", "password", "full_name")),
        sorted(
            Membership.objects.values_list(
                "user__email", "organisation__short_name", "role", "status"
            )
        ),
        sorted(Organisation.objects.values_list("short_name", "name", "region")),
    )


def test_seed_demo_twice_gives_the_same_data(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    first = _snapshot()
    call_command("seed_demo")
    assert _snapshot() == first
    assert first[0]["organisations"] >= 15
    output = capsys.readouterr().out
    for _role, local_part in demo.ROLE_ACCOUNTS:
        assert f"{local_part}@{demo.DEMO_EMAIL_DOMAIN}" in output


def test_demo_covers_gsef_named_members_and_every_region(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    names = set(Organisation.objects.values_list("short_name", flat=True))
    assert {"Seoul", "Mexico City", "Bamako", "Montréal", "Bilbao"} <= names
    assert set(Organisation.objects.values_list("region", flat=True)) == set(Region.values)


def test_demo_has_an_account_per_role_that_can_log_in(settings, client):
    settings.DEBUG = True
    call_command("seed_demo")
    domain = demo.DEMO_EMAIL_DOMAIN
    assert (
        User.objects.get(email=f"secretariat@{domain}")
        .groups.filter(name=roles.SECRETARIAT)
        .exists()
    )
    assert (
        User.objects.get(email=f"trainer.minji@{domain}")
        .groups.filter(name=roles.TRAINERS)
        .exists()
    )
    coordinator = User.objects.get(email=f"coordinator.bamako@{domain}")
    assert list(
        Organisation.objects.coordinated_by(coordinator).values_list("short_name", flat=True)
    ) == ["Bamako"]
    for _role, local_part in demo.ROLE_ACCOUNTS:
        assert client.login(username=f"{local_part}@{domain}", password=demo.DEMO_PASSWORD)
    assert all(
        email.endswith(f"@{domain}") for email in User.objects.values_list("email", flat=True)
    )


def test_seed_demo_refuses_production_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("seed_demo")
    assert not User.objects.exists()
    call_command("seed_demo", "--allow-production")
    assert User.objects.exists()
