import pytest
from playwright.sync_api import Page, expect

from contacts.models import Contact
from tests.factories import UserFactory
from tests.helpers.browser import log_in

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = [
    ("Ana Lopes", "Acme"),
    ("Bruno Costa", "Acme"),
    ("Chloé Martin", "Acme"),
    ("Dan Smith", "Acme"),
    ("Eva Novak", "Globex"),
    ("Farid Haddad", "Initech"),
]


def contacts_of(user) -> None:
    for name, company in PEOPLE:
        Contact.objects.create(owner=user, full_name=name, company=company, networks="linkedin")
    # A relationship already set, that a bulk change of category must leave alone.
    Contact.objects.filter(owner=user, full_name="Ana Lopes").update(relationship="friend")


def tick(page: Page, *names: str) -> None:
    for name in names:
        page.get_by_label(f"Select {name}").check()


def test_filter_tick_change_the_category_and_sector_then_delete_some(page: Page, live_server):
    user = UserFactory(language="en")
    contacts_of(user)
    log_in(page, live_server, user)

    page.get_by_role("link", name="My network").click()
    page.get_by_role("link", name="Contacts", exact=True).click()
    expect(page.get_by_test_id("contact-count")).to_have_text("6 contacts")
    page.get_by_role("search").get_by_label("Company").fill("Acme")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_test_id("contact-count")).to_have_text("4 contacts")
    expect(page.get_by_role("link", name="Eva Novak")).to_have_count(0)

    tick(page, "Ana Lopes", "Bruno Costa", "Chloé Martin")
    bulk = page.get_by_role("group", name="Change the ticked contacts")
    bulk.get_by_label("Category").select_option(label="Investor / banker")
    bulk.get_by_label("Sector").select_option(label="Banking, finance and insurance")
    bulk.get_by_role("button", name="Apply").click()

    expect(page.get_by_text("3 contacts updated.")).to_be_visible()
    expect(page.get_by_test_id("contact-count")).to_have_text("4 contacts")  # still filtered
    expect(page.locator("tr", has_text="Ana Lopes")).to_contain_text("Investor / banker")
    expect(page.locator("tr", has_text="Dan Smith")).not_to_contain_text("Investor / banker")
    changed = Contact.objects.filter(owner=user, role_category="investor", sector="finance")
    assert sorted(changed.values_list("full_name", flat=True)) == [
        "Ana Lopes",
        "Bruno Costa",
        "Chloé Martin",
    ]
    assert all(c.category_set_by_user and c.sector_set_by_user for c in changed)
    assert Contact.objects.get(full_name="Ana Lopes").relationship == "friend"
    assert Contact.objects.get(full_name="Dan Smith").role_category == "other"

    tick(page, "Ana Lopes", "Dan Smith")
    page.get_by_role("button", name="Delete the ticked contacts").click()

    expect(page.get_by_text("2 contacts deleted.")).to_be_visible()
    expect(page.get_by_test_id("contact-count")).to_have_text("2 contacts")
    expect(page.get_by_role("link", name="Ana Lopes")).to_have_count(0)
    assert sorted(Contact.objects.filter(owner=user).values_list("full_name", flat=True)) == [
        "Bruno Costa",
        "Chloé Martin",
        "Eva Novak",
        "Farid Haddad",
    ]


def test_the_bulk_actions_work_on_a_phone(browser, live_server):
    user = UserFactory(language="en")
    contacts_of(user)
    phone = browser.new_context(
        locale="en-GB", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = phone.new_page()
    log_in(page, live_server, user)

    page.goto(live_server.url + "/contacts/")
    expect(page.get_by_test_id("contact-count")).to_have_text("6 contacts")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for name in ("Eva Novak", "Farid Haddad"):
        box = page.get_by_label(f"Select {name}")
        expect(box).to_be_in_viewport()
        box.tap()
        expect(box).to_be_checked()
    bulk = page.get_by_role("group", name="Change the ticked contacts")
    bulk.get_by_label("Relationship").select_option(label="Former colleague")
    apply = bulk.get_by_role("button", name="Apply")
    apply.scroll_into_view_if_needed()
    expect(apply).to_be_in_viewport()
    apply.tap()

    expect(page.get_by_text("2 contacts updated.")).to_be_visible()
    assert sorted(
        Contact.objects.filter(owner=user, relationship="former_colleague").values_list(
            "full_name", flat=True
        )
    ) == ["Eva Novak", "Farid Haddad"]

    page.get_by_label("Select Ana Lopes").tap()
    page.get_by_label("Select Eva Novak").tap()
    delete = page.get_by_role("button", name="Delete the ticked contacts")
    delete.scroll_into_view_if_needed()
    expect(delete).to_be_in_viewport()
    delete.tap()
    expect(page.get_by_text("2 contacts deleted.")).to_be_visible()
    expect(page.get_by_test_id("contact-count")).to_have_text("4 contacts")
    assert not Contact.objects.filter(owner=user, full_name__in=["Ana Lopes", "Eva Novak"]).exists()
    phone.close()
