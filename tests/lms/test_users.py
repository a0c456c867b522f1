import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from lms.models import User
from lms.services import user_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_email_is_stored_lower_case_and_logs_in_whatever_the_case():
    user = User.objects.create_user("Ana.Souza@Example.ORG", "a long passphrase", full_name="Ana")
    assert user.email == "ana.souza@example.org"
    assert authenticate(username="ANA.souza@example.org", password="a long passphrase") == user


def test_a_second_account_with_the_same_email_in_another_case_is_refused():
    user_create(email="kim@seoul.example", full_name="Kim")
    with pytest.raises(ValidationError) as refused:
        user_create(email="KIM@Seoul.example", full_name="Another Kim")
    assert "already exists" in str(refused.value)


def test_the_database_refuses_case_variants_written_past_the_manager():
    UserFactory(email="lee@seoul.example")
    with pytest.raises(IntegrityError):
        User.objects.bulk_create([User(email="Lee@Seoul.example", full_name="Lee")])


def test_full_clean_reports_case_insensitive_duplicates_as_a_form_error():
    UserFactory(email="diarra@bamako.example")
    duplicate = User(email="Diarra@BAMAKO.example", full_name="Moussa Diarra")
    with pytest.raises(ValidationError) as refused:
        duplicate.full_clean(exclude=["password"])
    assert "already exists" in str(refused.value)


def test_time_zone_must_be_an_iana_name():
    user = User(email="tz@example.org", full_name="TZ", time_zone="Mars/Olympus_Mons")
    with pytest.raises(ValidationError) as refused:
        user.full_clean(exclude=["password"])
    assert "time_zone" in refused.value.message_dict


def test_language_is_one_of_the_platform_languages():
    user = User(email="lang@example.org", full_name="L", preferred_language="de")
    with pytest.raises(ValidationError) as refused:
        user.full_clean(exclude=["password"])
    assert "preferred_language" in refused.value.message_dict


def test_names_in_any_script_are_kept_as_written():
    user = user_create(email="jiwoo@seoul.example", full_name="김지우", time_zone="Asia/Seoul")
    user.refresh_from_db()
    assert str(user) == "김지우"
    assert user.get_full_name() == "김지우"
    assert user.notification_preferences == {}
