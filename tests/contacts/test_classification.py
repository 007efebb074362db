"""Contact classification: role category and sector from position and company (no database)."""

import dataclasses
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contacts import classification
from contacts.classification import (
    ROLE_CODES,
    SECTOR_CODES,
    Classification,
    classify,
    classify_role,
    classify_sector,
    normalise,
)
from contacts.taxonomy import RoleCategory, Sector

ROOT = Path(__file__).resolve().parents[2]


# --- Codes --------------------------------------------------------------------------------------


def test_codes_are_the_taxonomy_choices():
    assert tuple(RoleCategory.values) == ROLE_CODES
    assert tuple(Sector.values) == SECTOR_CODES


def test_the_module_does_not_import_django():
    code = (
        "import sys, contacts.classification\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)


# --- normalise ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("   ", ""),
        ("CEO", "ceo"),
        ("Directrice Générale", "directrice generale"),
        ("  Chargée d'Affaires — R.H. ", "chargee d affaires r h"),
        ("Chargée d’affaires", "chargee d affaires"),  # typographic apostrophe
        ("CEO & Co-founder", "ceo co founder"),
        ("Responsable R.H.", "responsable r h"),
        ("ÉCOLE NORMALE SUPÉRIEURE", "ecole normale superieure"),
        ("Œuvre d'Orient", "oeuvre d orient"),
        ("Maître de conférences", "maitre de conferences"),
        ("Straße", "strasse"),
        ("ﬁnance", "finance"),  # ligature
        ("Bac+5, M2", "bac 5 m2"),
        ("snake_case\tand\nlines", "snake case and lines"),
        ("Ærø Łódź", "aero lodz"),
        ("Canal+", "canal"),
        ("L'Oréal", "l oreal"),
    ],
)
def test_normalise(text, expected):
    assert normalise(text) == expected


@given(st.text())
def test_normalise_is_idempotent_and_leaves_only_words(text):
    result = normalise(text)
    assert normalise(result) == result
    assert all(character.isalnum() or character == " " for character in result)
    assert result == result.strip()
    assert "  " not in result


# --- Roles --------------------------------------------------------------------------------------

ROLE_CASES = [
    # Recruiters
    ("Talent Acquisition Manager", "recruiter"),
    ("Responsable RH", "recruiter"),
    ("Responsable R.H.", "recruiter"),
    ("Chargée de recrutement", "recruiter"),
    ("Recruteur", "recruiter"),
    ("Recruteuse freelance", "recruiter"),
    ("HR Business Partner", "recruiter"),
    ("Chasseur de têtes", "recruiter"),
    ("Chasseuse de têtes", "recruiter"),
    ("Headhunter", "recruiter"),
    ("Head Hunter", "recruiter"),
    ("DRH", "recruiter"),
    ("D.R.H.", "recruiter"),
    ("Directrice des Ressources Humaines", "recruiter"),
    ("Chief People Officer", "recruiter"),
    ("VP Human Resources", "recruiter"),
    ("Consultante en recrutement", "recruiter"),
    # Investors and bankers
    ("Business Angel", "investor"),
    ("Venture Partner", "investor"),
    ("Investment Manager", "investor"),
    ("Chargé d'affaires entreprises", "investor"),
    ("Chargée d'affaires professionnels", "investor"),
    ("Banquier", "investor"),
    ("Banquière privée", "investor"),
    ("Analyste capital-risque", "investor"),
    ("Associate at a VC fund", "investor"),
    ("Private Equity Associate", "investor"),
    ("Gérant de portefeuille", "investor"),
    ("Conseillère en gestion de patrimoine", "investor"),
    ("Investisseuse", "investor"),
    ("Directeur d'investissement", "investor"),
    # Executives
    ("CEO", "executive"),
    ("PDG", "executive"),
    ("P.D.G.", "executive"),
    ("Directeur général", "executive"),
    ("Directrice Générale Déléguée", "executive"),
    ("Fondateur", "executive"),
    ("Fondatrice", "executive"),
    ("Co-fondatrice", "executive"),
    ("Cofondateur", "executive"),
    ("Founder", "executive"),
    ("Co-Founder & CTO", "executive"),
    ("CEO & Co-founder", "executive"),
    ("Gérant", "executive"),
    ("Gérante", "executive"),
    ("Président", "executive"),
    ("Présidente", "executive"),
    ("VP Sales", "executive"),
    ("Vice-présidente Marketing", "executive"),
    ("Head of Marketing", "executive"),
    ("Directrice", "executive"),
    ("Director of Engineering", "executive"),
    ("Chief Technology Officer", "executive"),
    ("Chief Financial Officer", "executive"),
    ("DAF", "executive"),
    ("Managing Director", "executive"),
    ("Managing Partner", "executive"),
    ("Associée", "executive"),
    ("Dirigeant", "executive"),
    ("Cheffe d'entreprise", "executive"),
    ("Entrepreneur", "executive"),
    ("Business Owner", "executive"),
    ("Secrétaire général", "executive"),
    ("Chairwoman", "executive"),
    # Clients (buyers)
    ("Acheteur", "client"),
    ("Acheteuse", "client"),
    ("Purchasing manager", "client"),
    ("Procurement Officer", "client"),
    ("Responsable achats", "client"),
    ("Directeur des achats", "client"),
    ("Head of Procurement", "client"),
    ("Buyer", "client"),
    ("Approvisionneuse", "client"),
    # Suppliers (sellers)
    ("Fournisseur", "supplier"),
    ("Supplier Relationship", "supplier"),
    ("Commercial", "supplier"),
    ("Commerciale terrain", "supplier"),
    ("Sales representative", "supplier"),
    ("Saleswoman", "supplier"),
    ("Account executive", "supplier"),
    ("Key Account Manager", "supplier"),
    ("Business developer", "supplier"),
    ("Business Development Manager", "supplier"),
    ("Ingénieur commercial", "supplier"),
    ("Ingénieure d'affaires", "supplier"),
    ("Chargé d'affaires", "supplier"),
    ("Conseiller clientèle", "supplier"),
    ("Technico-commercial", "supplier"),
    ("Responsable des ventes", "supplier"),
    # Mentors
    ("Mentor", "mentor"),
    ("Coach", "mentor"),
    ("Executive Coach", "mentor"),
    ("Advisor", "mentor"),
    ("Conseiller", "mentor"),
    ("Professeur", "mentor"),
    ("Professeure des universités", "mentor"),
    ("Enseignante", "mentor"),
    ("Lecturer", "mentor"),
    ("Maître de conférences", "mentor"),
    ("Formatrice", "mentor"),
    ("Parrain", "mentor"),
    ("Marraine", "mentor"),
    ("Board member", "mentor"),
    ("Administrateur", "mentor"),
    ("Administratrice indépendante", "mentor"),
    ("Non-executive director", "mentor"),
    ("Assistant Professor", "mentor"),
    # Journalists and influencers
    ("Journaliste", "journalist"),
    ("Journalist", "journalist"),
    ("Rédacteur en chef", "journalist"),
    ("Rédactrice", "journalist"),
    ("Editor", "journalist"),
    ("Editor-in-chief", "journalist"),
    ("Blogueur", "journalist"),
    ("Blogueuse voyage", "journalist"),
    ("Influenceuse", "journalist"),
    ("Podcaster", "journalist"),
    ("Content creator", "journalist"),
    ("Créatrice de contenu", "journalist"),
    ("Chroniqueuse radio", "journalist"),
    ("YouTubeuse", "journalist"),
    # Peers and experts
    ("Ingénieur", "peer"),
    ("Ingénieure logiciel", "peer"),
    ("Software Engineer", "peer"),
    ("Consultant", "peer"),
    ("Consultante", "peer"),
    ("Développeuse", "peer"),
    ("Full-stack developer", "peer"),
    ("Designer UX", "peer"),
    ("Data Analyst", "peer"),
    ("Analyste financier", "peer"),
    ("Expert-comptable", "peer"),
    ("Chef de projet", "peer"),
    ("Cheffe de projet", "peer"),
    ("Product manager", "peer"),
    ("Product Owner", "peer"),
    ("Data scientist", "peer"),
    ("Avocat", "peer"),
    ("Avocate", "peer"),
    ("Médecin", "peer"),
    ("Infirmière", "peer"),
    ("Architecte", "peer"),
    ("Chercheuse", "peer"),
    ("Responsable marketing", "peer"),
    ("Office manager", "peer"),
    ("Tech Lead", "peer"),
    # Other: statuses, nothing recognisable, nothing at all
    ("Étudiant", "other"),
    ("Student", "other"),
    ("Stagiaire", "other"),
    ("Alternant développeur", "other"),
    ("Doctorante", "other"),
    ("Retraité", "other"),
    ("Retraitée", "other"),
    ("Demandeuse d'emploi", "other"),
    ("Open to work", "other"),
    ("", "other"),
    ("   ", "other"),
    ("???", "other"),
    ("Bonjour à tous", "other"),
]


@pytest.mark.parametrize(("position", "expected"), ROLE_CASES)
def test_classify_role(position, expected):
    assert classify_role(position) == expected


# Each case shows which of two categories wins when a title has words of both.
PRECEDENCE_CASES = [
    ("Talent Acquisition Manager", "recruiter"),  # recruiter over peer (manager)
    ("Head of Talent Acquisition", "recruiter"),  # recruiter over executive (head of)
    ("Directrice des ressources humaines", "recruiter"),  # DRH: the hiring gatekeeper
    ("HR Business Partner", "recruiter"),  # recruiter over executive (partner)
    ("Venture Partner", "investor"),  # investor over executive (partner)
    ("Investment Director", "investor"),  # investor over executive (director)
    ("Chargé d'affaires entreprises", "investor"),  # a banker, not a seller
    ("Investor Relations Manager", "peer"),  # works for the company, invests nothing
    ("Chief Procurement Officer", "client"),  # client over executive
    ("Directeur des achats", "client"),
    ("Assistant acheteur", "client"),  # client over assistant
    ("Assistante du PDG", "peer"),  # assistant over executive
    ("Executive Assistant to the CEO", "peer"),
    ("Secrétaire générale", "executive"),  # but a secretary general is an executive
    ("Non-Executive Director", "mentor"),  # board seat over executive (director)
    ("CEO & Board member", "executive"),  # executive over mentor
    ("Professeur, directeur du master", "executive"),
    ("VP Sales", "executive"),  # executive over supplier
    ("Directeur commercial", "executive"),
    ("Head of Sales", "executive"),
    ("Ingénieur commercial", "supplier"),  # supplier over peer (ingénieur)
    ("Sales Engineer", "supplier"),
    ("Développeur commercial", "supplier"),
    ("Account Executive", "supplier"),  # "executive" alone is no executive title
    ("Conseiller de vente", "supplier"),  # supplier over mentor (conseiller)
    ("Conseiller bancaire", "investor"),  # investor over mentor
    ("Coach en recrutement", "recruiter"),  # recruiter over mentor
    ("Consultant formateur", "mentor"),  # mentor over peer
    ("Administrateur systèmes et réseaux", "peer"),  # a sysadmin, not a board member
    ("Database Administrator", "peer"),
    ("Product Owner", "peer"),  # not an owner
    ("Journaliste RH", "journalist"),  # journalist over recruiter
    ("Rédacteur en chef", "journalist"),  # "chef" makes no executive
    ("Directrice de la rédaction", "journalist"),  # journalist over executive
    ("Étudiante en journalisme", "other"),  # status over profession
    ("Stagiaire RH", "other"),
    ("Recruteur d'étudiants", "recruiter"),  # students are the object, not the status
    ("Head of Student Recruitment", "recruiter"),
    ("Avocat en droit commercial", "peer"),  # commercial law makes no seller
    ("Salesforce Developer", "peer"),  # Salesforce is no sales job
    ("Chef de projet", "peer"),
    ("Chef d'entreprise", "executive"),
    ("Assistant Professor", "mentor"),
]


@pytest.mark.parametrize(("position", "expected"), PRECEDENCE_CASES)
def test_role_precedence(position, expected):
    assert classify_role(position) == expected


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("Software Engineer", "peer"),
        ("Recruiter", "recruiter"),
        ("Buyer", "client"),
        ("Account Manager", "supplier"),
        ("Consultant", "peer"),
        ("Data Scientist", "peer"),
        ("Journalist", "journalist"),
        ("Acheteuse", "client"),
    ],
)
@pytest.mark.parametrize("seniority", ["Senior", "Junior", "Lead", "Principal", "Sr."])
def test_seniority_words_do_not_change_the_category(seniority, base, expected):
    assert classify_role(base) == expected
    assert classify_role(f"{seniority} {base}") == expected
    assert classify_role(f"{base} {seniority}") == expected


@pytest.mark.parametrize("seniority", ["Senior", "Junior", "Lead", "Principal"])
def test_a_seniority_word_alone_is_other(seniority):
    assert classify(seniority, "") == Classification("other", "other", "", "")


@pytest.mark.parametrize(
    ("position", "company", "expected"),
    [
        # At an investment firm, generic titles are investors.
        ("Partner", "Index Ventures", "investor"),
        ("Managing Director", "Ardian", "investor"),
        ("Analyst", "Sequoia Capital", "investor"),
        ("Associate", "Partech", "investor"),
        ("Principal", "Eurazeo", "investor"),
        ("", "Seventure Capital", "investor"),
        ("Partner", "France Angels", "investor"),
        ("Développeur", "Index Ventures", "peer"),  # but not everyone there
        ("Office manager", "Index Ventures", "peer"),
        ("Étudiant", "Index Ventures", "other"),
        # At a recruitment firm, peers and untitled contacts are recruiters.
        ("Consultant", "Michael Page", "recruiter"),
        ("Senior Manager", "Hays", "recruiter"),
        ("Consultante", "Cabinet de recrutement Dupont", "recruiter"),
        ("", "Spencer Stuart", "recruiter"),
        ("CEO", "Randstad", "executive"),  # executives stay executives
        ("Account Manager", "Adecco", "supplier"),
        # Elsewhere, the company changes nothing.
        ("Partner", "Dupont & Partners", "executive"),
        ("Consultant", "Accenture", "peer"),
        ("Analyst", "BNP Paribas", "peer"),
        ("", "Acme", "other"),
    ],
)
def test_the_company_decides_for_generic_titles(position, company, expected):
    assert classify_role(position, company) == expected


@pytest.mark.parametrize(
    ("position", "company", "role", "rule"),
    [
        ("Chargée de recrutement", "", "recruiter", "recrutement"),
        ("Recruteuse", "", "recruiter", "recruteuse"),
        ("Responsable R.H.", "", "recruiter", "r h"),
        ("Talent Acquisition Manager", "", "recruiter", "talent acquisition"),
        ("CEO & Co-founder", "", "executive", "ceo"),
        ("Directrice Générale", "", "executive", "directrice generale"),
        ("Chief Technology Officer", "", "executive", "chief technology officer"),
        ("Chef de projet", "", "peer", "chef de projet"),
        ("Rédactrice en chef", "", "journalist", "redactrice en chef"),
        ("Chargé d'affaires entreprises", "", "investor", "charge d affaires entreprises"),
        ("Partner", "Index Ventures", "investor", "ventures"),
        ("Consultant", "Michael Page", "recruiter", "michael page"),
        ("Étudiant en master", "", "other", "etudiant"),
        ("Globe-trotter", "", "other", ""),
    ],
)
def test_the_matched_words_are_reported(position, company, role, rule):
    result = classify(position, company)
    assert (result.role, result.role_rule) == (role, rule)


# --- Sectors ------------------------------------------------------------------------------------

SECTOR_CASES = [
    # Finance
    ("BNP Paribas", "", "finance"),
    ("Société Générale", "", "finance"),
    ("Crédit Agricole Centre-Est", "", "finance"),
    ("AXA France", "", "finance"),
    ("Bank of America", "", "finance"),
    ("Banque Populaire Rives de Paris", "", "finance"),
    ("Assurances Dupont", "", "finance"),
    ("Seventure Capital", "", "finance"),
    ("Index Ventures", "", "finance"),
    ("Carrefour Banque", "", "finance"),
    ("Business Angels des Grandes Écoles", "", "finance"),
    # Technology
    ("Acme Software", "", "technology"),
    ("Logiciels Dupont", "", "technology"),
    ("Acme SaaS", "", "technology"),
    ("Dupont Tech", "", "technology"),
    ("Digital Factory", "", "technology"),
    ("Agence du Numérique", "", "technology"),
    ("Data Corp", "", "technology"),
    ("Cloud Nine", "", "technology"),
    ("Google", "", "technology"),
    ("Microsoft France", "", "technology"),
    ("Google Research", "", "technology"),
    ("Bouygues Telecom", "", "technology"),
    # Consulting (IT services firms included)
    ("Capgemini", "", "consulting"),
    ("Cabinet Dupont Conseil", "", "consulting"),
    ("XYZ Consulting", "", "consulting"),
    ("Accenture", "", "consulting"),
    ("McKinsey & Company", "", "consulting"),
    ("Deloitte", "", "consulting"),
    ("Michael Page", "", "consulting"),
    # Industry
    ("Industries Dupont", "", "industry"),
    ("ACME Manufacturing", "", "industry"),
    ("Airbus", "", "industry"),
    ("Renault Group", "", "industry"),
    ("Usine de Flins", "", "industry"),
    # Energy
    ("Énergie Verte", "", "energy"),
    ("EDF", "", "energy"),
    ("Engie", "", "energy"),
    ("TotalEnergies", "", "energy"),
    ("Acme Solar", "", "energy"),
    # Construction and real estate
    ("BTP Dupont", "", "construction"),
    ("Acme Construction", "", "construction"),
    ("Dupont Immobilier", "", "construction"),
    ("Real Estate Partners", "", "construction"),
    ("Vinci", "", "construction"),
    ("Bouygues", "", "construction"),
    ("BNP Paribas Real Estate", "", "construction"),
    # Retail
    ("Retail Co", "", "retail"),
    ("Carrefour", "", "retail"),
    ("Auchan", "", "retail"),
    ("Dupont Distribution", "", "retail"),
    ("E-commerce Dupont", "", "retail"),
    ("Amazon", "", "retail"),
    ("Amazon Web Services", "", "technology"),
    # Health
    ("Hôpital Foch", "", "health"),
    ("CHU de Bordeaux", "", "health"),
    ("Santé Plus", "", "health"),
    ("Acme Health", "", "health"),
    ("Pharma Dupont", "", "health"),
    ("Sanofi", "", "health"),
    ("Clinique du Parc", "", "health"),
    ("University Hospital of Geneva", "", "health"),
    # Education and research
    ("Université de Lyon", "", "education"),
    ("University of Oxford", "", "education"),
    ("École Polytechnique", "", "education"),
    ("Business School of Lausanne", "", "education"),
    ("Lycée Henri-IV", "", "education"),
    ("Académie de Versailles", "", "education"),
    ("Acme Research", "", "education"),
    ("CNRS", "", "education"),
    ("Inria", "", "education"),
    # Public sector
    ("Mairie de Paris", "", "public"),
    ("Mairie d'Orange", "", "public"),
    ("Ministère de l'Économie", "", "public"),
    ("Ministry of Defence", "", "public"),
    ("Préfecture du Rhône", "", "public"),
    ("Région Île-de-France", "", "public"),
    ("Département du Nord", "", "public"),
    ("Conseil départemental de la Gironde", "", "public"),
    ("UK Government", "", "public"),
    ("Pôle emploi", "", "public"),
    ("France Travail", "", "public"),
    ("Tribunal judiciaire de Lyon", "", "public"),
    # Media, communication and culture
    ("Média Dupont", "", "media"),
    ("Acme Media Group", "", "media"),
    ("Presse Régionale", "", "media"),
    ("Journal du Centre", "", "media"),
    ("Radio Nova", "", "media"),
    ("Acme TV", "", "media"),
    ("Le Monde", "", "media"),
    ("Publicis Groupe", "", "media"),
    ("Agence de communication Dupont", "", "media"),
    # Legal
    ("Dupont Avocats", "", "legal"),
    ("Smith Law", "", "legal"),
    ("Cabinet d'avocats Martin", "", "legal"),
    ("Office notarial de Lyon", "", "legal"),
    ("Legal & Co", "", "legal"),
    # Transport and logistics
    ("SNCF", "", "transport"),
    ("Logistique Dupont", "", "transport"),
    ("Acme Logistics", "", "transport"),
    ("Transports Dupont", "", "transport"),
    ("Air France", "", "transport"),
    # Agriculture and food
    ("Dupont Agroalimentaire", "", "food"),
    ("Acme Food", "", "food"),
    ("Danone", "", "food"),
    ("Lactalis", "", "food"),
    ("Agriculture Bio Dupont", "", "food"),
    # Tourism and hospitality
    ("Hôtel du Lac", "", "hospitality"),
    ("Grand Hotel", "", "hospitality"),
    ("Office de Tourisme de Nice", "", "hospitality"),
    ("Restaurant Chez Paul", "", "hospitality"),
    ("Accor", "", "hospitality"),
    # Non-profit
    ("Association Dupont", "", "nonprofit"),
    ("ONG Solidarité", "", "nonprofit"),
    ("NGO Help", "", "nonprofit"),
    ("Fondation Vinci", "", "nonprofit"),
    ("Acme Foundation", "", "nonprofit"),
    ("Non-profit Org", "", "nonprofit"),
    ("Restos du Cœur", "", "nonprofit"),
    # The company says nothing: the position speaks.
    ("", "Médecin", "health"),
    ("Acme SAS", "Infirmière", "health"),
    ("", "Avocate", "legal"),
    ("", "Professeure des écoles", "education"),
    ("", "Journaliste", "media"),
    ("", "Développeuse", "technology"),
    ("", "Software engineer @ Google", "technology"),
    ("Acme", "Architecte DPLG", "construction"),
    ("Acme", "Architecte logiciel", "technology"),
    ("", "Banquier", "finance"),
    ("", "Consultant juridique", "legal"),
    ("", "Consultante", "consulting"),
    # The company says something: it wins over the position.
    ("AXA", "Médecin", "finance"),
    ("Google", "Avocat", "technology"),
    # Nothing to go on.
    ("Dupont & Partners", "", "other"),
    ("Acme SAS", "", "other"),
    ("", "", "other"),
    ("", "Mystery shopper", "other"),
]


@pytest.mark.parametrize(("company", "position", "expected"), SECTOR_CASES)
def test_classify_sector(company, position, expected):
    assert classify_sector(company, position) == expected


@pytest.mark.parametrize(
    ("company", "expected", "rule"),
    [
        ("Crédit Agricole", "finance", "credit agricole"),
        ("BNP Paribas Real Estate", "construction", "bnp paribas real estate"),
        ("Conseil départemental du Var", "public", "conseil departemental"),
        ("Fondation Vinci", "nonprofit", "fondation"),
        ("Hôpital Foch", "health", "hopital"),
        ("Université Paris-Saclay", "education", "universite"),
        ("Dupont & Partners", "other", ""),
    ],
)
def test_the_sector_rule_is_reported(company, expected, rule):
    result = classify("", company)
    assert (result.sector, result.sector_rule) == (expected, rule)


# --- classify -----------------------------------------------------------------------------------


def test_classify_gives_role_sector_and_reasons():
    assert classify("Chargée de recrutement", "BNP Paribas") == Classification(
        role="recruiter", sector="finance", role_rule="recrutement", sector_rule="bnp paribas"
    )
    assert classify("", "") == Classification("other", "other", "", "")


def test_classification_is_frozen():
    result = classify("CEO", "Google")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.role = "peer"  # type: ignore[misc]


# --- Tables -------------------------------------------------------------------------------------


def test_the_rule_tables_are_consistent():
    rule_sets = [
        classification._ROLES,
        classification._INVESTMENT_FIRM,
        classification._RECRUITMENT_FIRM,
        classification._ORGANISATION_KINDS,
        classification._COMPANY_WORDS,
        classification._POSITION_WORDS,
    ]
    for rules in rule_sets:
        assert set(rules.codes) <= set(ROLE_CODES) | set(SECTOR_CODES)
        for pattern in rules.patterns.values():
            # Keywords use non-capturing groups: the named group of a match names its rule.
            assert pattern.groups == len(pattern.groupindex)
    assert set(classification._ROLES.codes) <= set(ROLE_CODES)
    assert set(classification._COMPANY_WORDS.codes) <= set(SECTOR_CODES)


def test_known_names_are_unique_and_in_known_sectors():
    names = [normalise(name) for names in classification._BRANDS.values() for name in names]
    assert len(names) == len(set(names))
    assert set(classification._BRANDS) <= set(SECTOR_CODES)


# --- Volume -------------------------------------------------------------------------------------

NOISE = ["", "Senior", "Junior", "(H/F)", "- Paris", "@", "2024", "ÉÈÊ", "ﬁ", "’", "&", "—", "中文"]
COMPANIES = [company for company, _, _ in SECTOR_CASES] + ["", "Inc.", "SAS", "GmbH"]


def generated_contacts(count: int, seed: int = 20240601):
    """(position, company) pairs mixing known titles, names, noise and random characters."""
    rng = random.Random(seed)
    positions = [position for position, _ in ROLE_CASES + PRECEDENCE_CASES]
    alphabet = "abcdeéèàçôœfghijklmnopqrstuvwxyzABCDEÉ -'&/.,()0123456789"
    for _ in range(count):
        random_word = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        position = " ".join(
            part for part in (rng.choice(NOISE), rng.choice(positions), random_word) if part
        )
        company = " ".join(part for part in (rng.choice(COMPANIES), rng.choice(NOISE)) if part)
        yield position, company


def test_thirty_thousand_classifications_run_and_give_known_codes():
    roles, sectors = set(), set()
    for position, company in generated_contacts(30_000):
        result = classify(position, company)
        assert result.role in ROLE_CODES
        assert result.sector in SECTOR_CODES
        # The reason is words of the contact's own texts.
        words = f" {normalise(position)} | {normalise(company)} "
        assert f" {result.role_rule} " in words or not result.role_rule
        assert f" {result.sector_rule} " in words or not result.sector_rule
        roles.add(result.role)
        sectors.add(result.sector)
    assert roles == set(ROLE_CODES)
    assert sectors == set(SECTOR_CODES)


def naive_match(rules, text):
    """Each rule's keywords searched on the whole text, one rule after the other."""
    for code, keywords in rules:
        alternatives = "|".join(sorted(set(keywords), key=len, reverse=True))
        found = re.search(rf"\b(?:{alternatives})\b", text)
        if found:
            return code, found.group(0)
    return None


@pytest.mark.parametrize(
    ("rules", "compiled", "field"),
    [
        (classification._ROLE_RULES, classification._ROLES, 0),
        (classification._COMPANY_RULES, classification._COMPANY_WORDS, 1),
        (classification._POSITION_RULES, classification._POSITION_WORDS, 0),
    ],
)
def test_the_fast_matching_agrees_with_trying_each_rule_in_turn(rules, compiled, field):
    for contact in generated_contacts(3_000, seed=11):
        text = normalise(contact[field])
        assert compiled.match(text) == naive_match(rules, text), contact[field]


def test_classify_agrees_with_classify_role_and_classify_sector():
    for position, company in generated_contacts(500, seed=7):
        result = classify(position, company)
        assert result.role == classify_role(position, company)
        assert result.sector == classify_sector(company, position)
