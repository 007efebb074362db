import pytest
from django.urls import reverse

from accounts.models import ConsultantProfile
from tests.factories import ConsultantFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_profile_needs_a_login(client):
    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_saving_the_profile_changes_name_and_language(client):
    user = UserFactory(language="fr")
    client.force_login(user)

    response = client.post(
        reverse("accounts:profile"), {"full_name": "  Léa Moreau ", "language": "en"}, follow=True
    )

    user.refresh_from_db()
    assert user.full_name == "Léa Moreau"
    assert user.language == "en"
    assert response.headers["Content-Language"] == "en"
    assert "Your profile has been saved." in response.content.decode()


def test_an_unknown_language_is_refused_with_a_message(client):
    user = UserFactory(language="fr")
    client.force_login(user)

    response = client.post(reverse("accounts:profile"), {"full_name": "Léa", "language": "xx"})

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.language == "fr"
    assert response.context["form"].errors["language"]


def test_a_logged_in_users_language_wins_over_the_browser(client):
    client.force_login(UserFactory(language="en"))

    response = client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="fr")

    assert response.headers["Content-Language"] == "en"
    assert "Welcome" in response.content.decode()


def test_a_visitor_gets_the_browser_language(client):
    english = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    french = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")

    assert english.headers["Content-Language"] == "en"
    assert french.headers["Content-Language"] == "fr"
    assert "Silence is not consent" in english.content.decode()
    assert "Qui ne dit mot ne consent pas" in french.content.decode()


def test_the_language_switch_saves_the_choice_of_a_logged_in_user(client):
    user = UserFactory(language="fr")
    client.force_login(user)

    response = client.post(
        reverse("accounts:set_language"), {"language": "en", "next": "/dashboard/"}
    )

    assert response.status_code == 302
    assert response.url == "/dashboard/"
    user.refresh_from_db()
    assert user.language == "en"


def test_the_language_switch_works_for_visitors_and_ignores_foreign_redirects(client):
    response = client.post(
        reverse("accounts:set_language"), {"language": "en", "next": "https://evil.example/"}
    )

    assert response.status_code == 302
    assert response.url == "/"
    assert response.cookies["django_language"].value == "en"


def test_a_consultant_edits_their_public_profile(client):
    consultant = ConsultantFactory()
    client.force_login(consultant)

    client.post(
        reverse("accounts:profile"),
        {
            "full_name": "Dominique Leroy",
            "language": "fr",
            "consultant-headline": "Réseaux professionnels",
            "consultant-organisation": "",
            "consultant-bio": "",
            "consultant-website": "leroy.example",
        },
    )

    profile = ConsultantProfile.objects.get(user=consultant)
    assert profile.headline == "Réseaux professionnels"
    assert profile.website == "https://leroy.example"


def test_pages_escape_what_users_write(client):
    user = UserFactory(full_name="<script>alert(1)</script>")
    client.force_login(user)

    body = client.get(reverse("dashboard")).content.decode()

    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
