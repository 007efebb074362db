"""The independence match (audits/consulting/independence.py): each key, and no false match."""

import pytest

from audits.consulting.independence import (
    EMAIL,
    NAME_COMPANY,
    OTHER_EMAIL,
    PROFILE_URL,
    Consultant,
    ContactCard,
    company_key,
    employer_list,
    find_matches,
    shared_employers,
)

CLAIRE = Consultant(
    full_name="Claire Lefèvre",
    emails=("claire@conseil.example", "c.lefevre@perso.example"),
    profile_urls=("https://www.linkedin.com/in/claire-lefevre/",),
    employers=("Conseil & Associés", "Acme SAS"),
)


def keys(card: ContactCard, consultant: Consultant = CLAIRE) -> list[tuple[int, str, str]]:
    return [(m.contact_id, m.key, m.relationship) for m in find_matches(consultant, [card])]


def test_the_email_matches_whatever_its_case_and_spaces():
    card = ContactCard(1, "C. L.", email="  Claire@Conseil.EXAMPLE ", relationship="friend")
    assert keys(card) == [(1, EMAIL, "friend")]


def test_a_secondary_email_of_the_consultant_matches_the_contact_s_main_email():
    assert keys(ContactCard(2, "x", email="c.lefevre@perso.example")) == [(2, EMAIL, "")]


def test_the_consultant_s_email_among_the_contact_s_other_emails_matches():
    card = ContactCard(3, "x", email="other@x.example", other_emails=("C.Lefevre@Perso.example",))
    assert keys(card) == [(3, OTHER_EMAIL, "")]


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/claire-lefevre",
        "http://linkedin.com/in/Claire-Lefevre/",
        "linkedin.com/in/claire-lefevre?trk=public_profile",
        "HTTPS://WWW.LINKEDIN.COM/in/claire-lefevre/#about",
    ],
)
def test_the_profile_url_matches_in_every_variant_contacts_merges(url):
    assert keys(ContactCard(4, "x", profile_url=url)) == [(4, PROFILE_URL, "")]


def test_another_profile_on_the_same_site_does_not_match():
    assert keys(ContactCard(5, "x", profile_url="https://linkedin.com/in/claire-lefevre-2")) == []


@pytest.mark.parametrize(
    ("name", "company"),
    [
        ("Claire Lefèvre", "Acme SAS"),
        ("claire lefevre", "ACME"),
        ("LEFÈVRE Claire", "Acme, Inc."),
        ("  Clairé   Lefevre ", "acme sas"),
        ("Claire Lefevre", "Conseil & Associes"),
    ],
)
def test_name_and_company_match_with_accents_case_order_and_legal_forms(name, company):
    card = ContactCard(6, name, company=company, relationship="former_colleague")
    assert keys(card) == [(6, NAME_COMPANY, "former_colleague")]


def test_the_same_name_alone_is_never_a_match():
    assert keys(ContactCard(7, "Claire Lefèvre")) == []
    assert keys(ContactCard(8, "Claire Lefèvre", company="Another Company")) == []
    # A company that is only a legal form says nothing.
    assert keys(ContactCard(9, "Claire Lefèvre", company="SAS")) == []


def test_a_consultant_known_by_email_only_matches_on_email_not_on_name():
    invited = Consultant(emails=("claire@conseil.example",))
    assert keys(ContactCard(10, "Claire Lefèvre", company="Acme"), invited) == []
    assert keys(ContactCard(11, "?", email="claire@conseil.example"), invited) == [(11, EMAIL, "")]


def test_empty_fields_never_match_each_other():
    nobody = Consultant()
    assert keys(ContactCard(12, "", email="", profile_url=""), nobody) == []
    assert keys(ContactCard(13, ""), Consultant(full_name="", employers=("",))) == []


@pytest.mark.parametrize(
    "relationship", ["family", "friend", "former_colleague", "colleague", "manager", "", "other"]
)
def test_the_relationship_the_client_set_is_carried_with_the_match(relationship):
    card = ContactCard(14, "x", email="claire@conseil.example", relationship=relationship)
    assert keys(card) == [(14, EMAIL, relationship)]


def test_a_contact_is_reported_once_under_its_strongest_key():
    card = ContactCard(
        15,
        "Claire Lefèvre",
        company="Acme",
        email="claire@conseil.example",
        profile_url="linkedin.com/in/claire-lefevre",
    )
    assert keys(card) == [(15, PROFILE_URL, "")]


def test_only_the_matching_contacts_of_many_are_returned():
    cards = [ContactCard(i, f"Person {i}", email=f"p{i}@x.example") for i in range(100)]
    cards.append(ContactCard(500, "x", email="claire@conseil.example"))
    assert [m.contact_id for m in find_matches(CLAIRE, cards)] == [500]


def test_shared_employers_are_folded_and_listed_as_the_consultant_wrote_them():
    assert shared_employers(["Acme SAS", "Conseil & Associés", "Acme"], ["ACME", "Other"]) == [
        "Acme SAS"
    ]
    assert shared_employers(["Acme"], []) == []
    assert shared_employers(["SARL"], ["SARL"]) == []


def test_employer_lists_read_lines_commas_and_semicolons():
    assert employer_list("Acme\n Beta ; Gamma,Delta\n\n") == ("Acme", "Beta", "Gamma", "Delta")
    assert company_key("Société Générale S.A.") == "societe generale"
