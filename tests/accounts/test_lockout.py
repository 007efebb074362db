"""Password guessing on allauth's login and on the admin's: refused after a few tries, while
the owner, from a browser that logged in before, still gets in (accounts.lockout)."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts import lockout
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

OWNER_ADDRESS = "198.51.100.7"
ATTACKER_ADDRESS = "203.0.113.66"
ADMIN_LOGIN = "/admin/login/"


class Clock:
    def __init__(self) -> None:
        self.at = 1_900_000_000.0

    def __call__(self) -> float:
        return self.at


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(lockout, "now", clock)
    return clock


def admin_post(client: Client, email: str, password: str, address: str):
    return client.post(
        ADMIN_LOGIN,
        {"username": email, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def site_post(client: Client, email: str, password: str, address: str):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_thirty_wrong_admin_passwords_are_refused_after_five_and_so_is_the_right_one(clock):
    admin = UserFactory(email="root@example.com", is_staff=True, is_superuser=True)
    attacker = Client()

    statuses = [
        admin_post(attacker, admin.email, f"guess-{n}", ATTACKER_ADDRESS).status_code
        for n in range(30)
    ]
    right = admin_post(attacker, admin.email, PASSWORD, ATTACKER_ADDRESS)

    assert statuses == [200] * 5 + [429] * 25
    assert right.status_code == 429
    assert int(right["Retry-After"]) > 0
    assert "Too many failed login attempts" in right.content.decode()
    assert not logged_in(attacker)


def test_the_admin_login_still_works_with_the_right_password(clock):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client = Client()

    response = admin_post(client, admin.email, PASSWORD, OWNER_ADDRESS)

    assert response.status_code == 302
    assert response.url == "/admin/"
    assert logged_in(client)


def test_the_owner_logs_in_to_the_admin_from_a_known_browser_while_an_attacker_hammers(clock):
    admin = UserFactory(email="root@example.com", is_staff=True, is_superuser=True)
    owner = Client()
    assert admin_post(owner, admin.email, PASSWORD, OWNER_ADDRESS).status_code == 302
    owner.post("/admin/logout/", REMOTE_ADDR=OWNER_ADDRESS)
    assert not logged_in(owner)

    attacker = Client()
    for n in range(30):
        admin_post(attacker, admin.email, f"guess-{n}", ATTACKER_ADDRESS)
        clock.at += 1
    assert admin_post(attacker, admin.email, PASSWORD, ATTACKER_ADDRESS).status_code == 429

    response = admin_post(owner, admin.email, PASSWORD, OWNER_ADDRESS)
    assert response.status_code == 302
    assert logged_in(owner)


def test_the_owner_logs_in_to_the_site_from_a_known_browser_while_an_attacker_hammers(clock):
    user = UserFactory(email="owner@example.com")
    owner = Client()
    assert site_post(owner, user.email, PASSWORD, OWNER_ADDRESS).status_code == 302
    owner.post(reverse("account_logout"), REMOTE_ADDR=OWNER_ADDRESS)
    assert not logged_in(owner)

    attacker = Client()
    pages = []
    # 20: past 30 a minute, allauth's own limit on every login POST from an address answers 429.
    for n in range(20):
        pages.append(site_post(attacker, user.email, f"guess-{n}", ATTACKER_ADDRESS))
        clock.at += 1
    assert all("Too many failed" not in page.content.decode() for page in pages[:5])
    assert all("Too many failed" in page.content.decode() for page in pages[5:])
    assert (
        "Too many failed"
        in site_post(attacker, user.email, PASSWORD, ATTACKER_ADDRESS).content.decode()
    )
    assert not logged_in(attacker)

    response = site_post(owner, user.email, PASSWORD, OWNER_ADDRESS)
    assert response.status_code == 302
    assert logged_in(owner)


def test_an_attacker_elsewhere_does_not_lock_out_even_a_new_browser_of_the_owner(clock):
    user = UserFactory(email="owner@example.com")
    attacker = Client()
    for n in range(20):
        site_post(attacker, user.email, f"guess-{n}", ATTACKER_ADDRESS)
    assert (
        "Too many failed"
        in site_post(attacker, user.email, PASSWORD, ATTACKER_ADDRESS).content.decode()
    )

    new_browser = Client()
    assert site_post(new_browser, user.email, PASSWORD, OWNER_ADDRESS).status_code == 302
    assert logged_in(new_browser)


def test_the_delay_on_one_address_grows_with_each_failure_and_is_capped(clock):
    user = UserFactory(email="owner@example.com")
    attacker = Client()
    for n in range(5):
        site_post(attacker, user.email, f"guess-{n}", ATTACKER_ADDRESS)

    for n in range(4):
        clock.at += lockout.account_delay(5 + n) - 1
        early = site_post(attacker, user.email, "guess", ATTACKER_ADDRESS).content.decode()
        assert "Too many failed" in early  # one second early
        clock.at += 1
        on_time = site_post(attacker, user.email, "guess", ATTACKER_ADDRESS).content.decode()
        assert "Too many failed" not in on_time

    assert [lockout.account_delay(n) for n in range(4, 12)] == [0, 30, 60, 120, 240, 480, 900, 900]


def test_guesses_spread_over_many_addresses_delay_every_unknown_browser(clock):
    user = UserFactory(email="owner@example.com")
    for n in range(20):
        page = site_post(Client(), user.email, f"guess-{n}", f"192.0.2.{n}").content.decode()
        assert "Too many failed" not in page

    fresh = site_post(Client(), user.email, PASSWORD, "198.51.100.200").content.decode()
    assert "Too many failed login attempts. Try again in 1 minute." in fresh
    clock.at += 31
    assert site_post(Client(), user.email, PASSWORD, "198.51.100.200").status_code == 302


def test_an_address_is_refused_after_ten_failures_whatever_account_it_names(clock):
    users = [UserFactory() for _ in range(12)]
    attacker = Client()
    for user in users[:10]:
        assert site_post(attacker, user.email, "guess", ATTACKER_ADDRESS).status_code == 200

    refused = site_post(attacker, users[10].email, PASSWORD, ATTACKER_ADDRESS)
    assert "Too many failed login attempts" in refused.content.decode()
    assert admin_post(attacker, users[11].email, PASSWORD, ATTACKER_ADDRESS).status_code == 429

    # Another address is not concerned, and the window ends.
    assert site_post(Client(), users[11].email, PASSWORD, OWNER_ADDRESS).status_code == 302
    clock.at += 900
    assert site_post(attacker, users[10].email, PASSWORD, ATTACKER_ADDRESS).status_code == 302


def test_a_browser_known_for_one_account_gets_no_pass_for_another(clock):
    owner = UserFactory(email="owner@example.com")
    victim = UserFactory(email="victim@example.com")
    browser = Client()
    assert site_post(browser, owner.email, PASSWORD, OWNER_ADDRESS).status_code == 302
    browser.post(reverse("account_logout"), REMOTE_ADDR=OWNER_ADDRESS)

    for n in range(5):
        site_post(Client(), victim.email, f"guess-{n}", OWNER_ADDRESS)

    page = site_post(browser, victim.email, PASSWORD, OWNER_ADDRESS).content.decode()
    assert "Too many failed login attempts" in page
    assert not logged_in(browser)


def test_a_forged_known_browser_cookie_is_ignored(clock):
    user = UserFactory(email="owner@example.com")
    for n in range(5):
        site_post(Client(), user.email, f"guess-{n}", ATTACKER_ADDRESS)
    forger = Client()
    forger.cookies[lockout.KNOWN_BROWSER_COOKIE] = "0123456789abcdef0123"

    page = site_post(forger, user.email, PASSWORD, ATTACKER_ADDRESS).content.decode()

    assert "Too many failed login attempts" in page
    assert not logged_in(forger)


def test_a_successful_login_forgets_the_accounts_failures(clock):
    user = UserFactory(email="owner@example.com")
    client = Client()
    for n in range(4):
        site_post(client, user.email, f"guess-{n}", OWNER_ADDRESS)
    assert site_post(client, user.email, PASSWORD, OWNER_ADDRESS).status_code == 302

    # Another browser at the same address: four more failures are still free.
    other = Client()
    for n in range(4):
        site_post(other, user.email, f"guess-{n}", OWNER_ADDRESS)
    assert site_post(other, user.email, PASSWORD, OWNER_ADDRESS).status_code == 302


def test_the_refusal_is_translated(clock):
    user = UserFactory(email="owner@example.com")
    for n in range(5):
        site_post(Client(), user.email, f"guess-{n}", ATTACKER_ADDRESS)

    page = Client().post(
        reverse("account_login"),
        {"login": user.email, "password": PASSWORD},
        REMOTE_ADDR=ATTACKER_ADDRESS,
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert "Trop de tentatives de connexion infructueuses" in page.content.decode()


def test_a_password_reset_lifts_the_delays_on_the_account(clock, mailoutbox):
    import re

    user = UserFactory(email="owner@example.com")
    for n in range(20):
        site_post(Client(), user.email, f"guess-{n}", f"192.0.2.{n}")
    owner = Client()
    assert (
        "Too many failed" in site_post(owner, user.email, PASSWORD, OWNER_ADDRESS).content.decode()
    )

    owner.post(reverse("account_reset_password"), {"email": user.email}, REMOTE_ADDR=OWNER_ADDRESS)
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mailoutbox[0].body)
    form = owner.get(link.group(1), follow=True, REMOTE_ADDR=OWNER_ADDRESS)
    owner.post(
        form.redirect_chain[-1][0],
        {"password1": "brand-new-passphrase-42", "password2": "brand-new-passphrase-42"},
        REMOTE_ADDR=OWNER_ADDRESS,
    )

    response = site_post(owner, user.email, "brand-new-passphrase-42", OWNER_ADDRESS)
    assert response.status_code == 302
    assert logged_in(owner)
