"""Two-step verification (allauth.mfa): offered to everyone, required for staff and, by a
setting, for consultants; a password alone never opens the admin of an enrolled account."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.urls import reverse

from tests.factories import PASSWORD, ConsultantFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _two_step_required(settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    settings.MFA_REQUIRED_FOR_CONSULTANTS = True


def code(secret: str, step: int = 0) -> str:
    """The authenticator app's code (RFC 6238) `step` periods from now."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + step))


def enrol(user) -> tuple[str, list[str]]:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    recovery = RecoveryCodes.activate(user)
    return secret, recovery.get_unused_codes()


def log_in(client, user, **extra):
    return client.post(
        reverse("account_login"),
        {"login": user.email, "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="en",
        **extra,
    )


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_staff_without_two_step_are_sent_to_enrol_before_the_admin(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")
    # Logged in by other means than a fresh password: allauth asks for it before enrolling.
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert page.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    assert "needs two-step verification" in page.content.decode()


# Committed for real: allauth finishes enrolling (signal, message) once its transaction commits,
# inside the request as in production.
@pytest.mark.django_db(transaction=True)
def test_a_consultant_is_asked_to_enrol_at_first_login_then_works_once_enrolled(client):
    consultant = ConsultantFactory()
    response = log_in(client, consultant)
    assert logged_in(client)
    assert client.get(response.url).url == reverse("mfa_activate_totp")
    assert client.get(reverse("accounts:profile")).url == reverse("mfa_activate_totp")

    activate = client.get(reverse("mfa_activate_totp"), HTTP_ACCEPT_LANGUAGE="en")
    assert activate.status_code == 200
    secret = client.session["mfa.totp.secret"]
    done = client.post(reverse("mfa_activate_totp"), {"code": code(secret)})

    assert done.status_code == 302
    assert Authenticator.objects.filter(user=consultant, type="totp").exists()
    assert Authenticator.objects.filter(user=consultant, type="recovery_codes").exists()
    # Enrolling counts as the second step for this session: no code asked at once.
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_an_enrolment_code_that_is_wrong_is_refused(client):
    log_in(client, ConsultantFactory())
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]
    wrong = "000000" if code(secret) != "000000" else "111111"

    response = client.post(reverse("mfa_activate_totp"), {"code": wrong})

    assert response.status_code == 200
    assert not Authenticator.objects.exists()


def test_logout_and_the_two_step_pages_stay_open_while_enrolment_is_due(client):
    log_in(client, ConsultantFactory())

    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302
    assert not logged_in(client)


def test_consultants_are_not_asked_when_the_setting_is_off(client, settings):
    settings.MFA_REQUIRED_FOR_CONSULTANTS = False
    client.force_login(ConsultantFactory())

    assert client.get(reverse("accounts:profile")).status_code == 200


def test_other_users_are_offered_two_step_from_their_profile_not_forced(client):
    client.force_login(UserFactory())

    page = client.get(reverse("accounts:profile"), HTTP_ACCEPT_LANGUAGE="en")

    assert page.status_code == 200
    assert reverse("mfa_index") in page.content.decode()
    assert client.get(reverse("dashboard")).status_code == 200


def test_an_enrolled_user_logs_in_with_a_code_from_the_app(client):
    user = UserFactory()
    secret, _codes = enrol(user)

    response = log_in(client, user)

    assert response.url == reverse("mfa_authenticate")
    assert not logged_in(client)
    wrong = client.post(reverse("mfa_authenticate"), {"code": "12345"})
    assert wrong.status_code == 200
    assert not logged_in(client)
    done = client.post(reverse("mfa_authenticate"), {"code": code(secret)})
    assert done.status_code == 302
    assert logged_in(client)
    assert client.get(reverse("dashboard")).status_code == 200


def test_an_enrolled_user_logs_in_with_a_recovery_code_once(client):
    user = UserFactory()
    _secret, codes = enrol(user)

    log_in(client, user)
    client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert logged_in(client)
    client.post(reverse("account_logout"))

    log_in(client, user)
    again = client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert again.status_code == 200
    assert not logged_in(client)


def test_the_admin_password_form_alone_does_not_open_the_admin_of_enrolled_staff(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    secret, _codes = enrol(admin)
    client.post("/admin/login/", {"username": admin.email, "password": PASSWORD})
    assert logged_in(client)

    response = client.get("/admin/auth/group/")

    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_reauthenticate"))
    assert "next=%2Fadmin%2Fauth%2Fgroup%2F" in response.url
    checked = client.post(response.url, {"code": code(secret)})
    assert checked.status_code == 302
    assert checked.url == "/admin/auth/group/"
    assert client.get("/admin/auth/group/").status_code == 200


def test_staff_logging_in_on_the_site_with_their_code_reach_the_admin(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    secret, _codes = enrol(admin)

    log_in(client, admin)
    client.post(reverse("mfa_authenticate"), {"code": code(secret)})

    assert client.get("/admin/").status_code == 200


def test_the_setting_is_on_by_default_in_production_and_off_for_the_demo():
    from tests.helpers.settings import PRODUCTION_ENV, manage

    show = "from django.conf import settings; print(settings.MFA_REQUIRED_FOR_CONSULTANTS)"
    production = manage("shell", "-c", show, env=PRODUCTION_ENV)
    demo = manage("shell", "-c", show, env={"DEBUG": "1"})

    assert production.stdout.splitlines()[-1] == "True", production.stderr
    assert demo.stdout.splitlines()[-1] == "False", demo.stderr


def test_a_session_that_skipped_the_code_of_an_enrolled_user_is_asked_for_it(client):
    user = UserFactory()
    enrol(user)
    client.force_login(user)

    response = client.get(reverse("dashboard"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_reauthenticate"))


def test_staff_logging_in_on_the_admin_form_enrol_without_typing_the_password_again(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.post("/admin/login/", {"username": admin.email, "password": PASSWORD})

    response = client.get("/admin/")

    assert response.url == reverse("mfa_activate_totp")
    assert client.get(response.url).status_code == 200
