"""Reading job titles: accuracy over hand-labelled titles, tricky cases row by row, robustness to any text."""

import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.metrics import accuracy_score, f1_score

from engine.text import fold
from engine.titles import (
    FAMILIES,
    FAMILY_LABELS,
    LADDERS_PATH,
    LANGUAGES_PATH,
    LEVELS_PATH,
    LEXICON_PATH,
    ROLES_PATH,
    SENIORITY_LEVELS,
    SENIORITY_RANK,
    WORLD_PATH,
    TitleInfo,
    _raw_lexicon,
    canonical_role,
    family_terms,
    parse_title,
    parse_titles,
)

LABELLED = Path(__file__).resolve().parents[1] / "data" / "titles_labelled.csv"
LABELLED_V2 = LABELLED.with_name("titles_labelled_v2.csv")  # the fresh set: families beyond office work
NEW_FAMILIES = ["engineering", "trades", "public_sector", "media", "hospitality", "logistics", "social_services",
                "nonprofit"]


@pytest.fixture(scope="module")
def labelled() -> pd.DataFrame:
    frame = pd.read_csv(LABELLED, keep_default_na=False, dtype=str)
    return frame.assign(is_hr=frame["is_hr"].eq("true"))


def test_labelled_titles_are_many_varied_and_valid(labelled):
    assert len(labelled) >= 250
    assert set(labelled["seniority"]) == set(SENIORITY_LEVELS)
    assert set(labelled["family"]) | set(pd.read_csv(LABELLED_V2, keep_default_na=False)["family"]) == set(FAMILIES)
    assert labelled["seniority"].value_counts().min() >= 5
    assert labelled["family"].value_counts().drop(NEW_FAMILIES, errors="ignore").min() >= 5


def test_accuracy_over_labelled_titles(labelled):
    got = parse_titles(labelled["title"])
    assert accuracy_score(labelled["seniority"], got["seniority"]) >= 0.90
    assert f1_score(labelled["is_hr"], got["is_hr"]) >= 0.95
    assert accuracy_score(labelled["family"], got["family"]) >= 0.85


@pytest.mark.parametrize(
    ("title", "seniority", "is_hr", "family"),
    [
        ("Sr. SWE II", "senior", False, "software_engineering"),
        ("VP Eng", "vp", False, "software_engineering"),
        ("Founder & CEO", "founder_owner", False, "other"),
        ("CEO & Co-Founder", "founder_owner", False, "other"),
        ("Staff Software Engineer", "senior", False, "software_engineering"),
        ("Principal PM", "lead", False, "product"),
        ("Product Manager", "unknown", False, "product"),
        ("Account Manager", "unknown", False, "sales"),
        ("Engineering Manager", "manager", False, "software_engineering"),
        ("Associate Product Manager", "entry", False, "product"),
        ("Associate Director, Clinical Operations", "director", False, "healthcare"),
        ("Chief of Staff", "director", False, "operations"),
        ("Partner at McKinsey & Company", "founder_owner", False, "consulting"),
        ("Associate Partner", "director", False, "other"),
        ("Product Owner", "unknown", False, "product"),
        ("Managing Director", "c_level", False, "other"),
        ("Product Manager Intern", "intern", False, "product"),
        ("Working Student", "intern", False, "other"),
        ("Student at HEC Paris", "unknown", False, "other"),
        ("Retired VP of Sales", "unknown", False, "sales"),
        ("Aspiring Data Scientist", "unknown", False, "data"),
        ("Open to work", "unknown", False, "other"),
        ("Senior Data Scientist | Open to work", "senior", False, "data"),
        ("Helping companies grow | Ex-Google | Speaker", "unknown", False, "other"),
        ("Software Engineer | Ex-Recruiter", "unknown", False, "software_engineering"),
        ("Executive Assistant to the CEO", "unknown", False, "operations"),
        ("Software Engineer I", "entry", False, "software_engineering"),
        ("Software Engineer III", "senior", False, "software_engineering"),
        ("Staff Accountant", "entry", False, "finance"),
        ("Geschäftsführer", "c_level", False, "other"),
        ("Softwareentwickler (m/w/d)", "unknown", False, "software_engineering"),
        ("Leiter/in Vertrieb", "director", False, "sales"),
        ("Chargé(e) de recrutement", "unknown", True, "hr"),
        ("Directeur/Directrice des opérations", "director", False, "operations"),
        ("Reclutador/a", "unknown", True, "hr"),
        ("Jefa de Recursos Humanos", "manager", True, "hr"),
        ("🚀 𝗦𝗲𝗻𝗶𝗼𝗿 𝗥𝗲𝗰𝗿𝘂𝗶𝘁𝗲𝗿 🚀", "senior", True, "hr"),
        ("HEAD OF TALENT ACQUISITION", "director", True, "hr"),
    ],
)
def test_tricky_titles(title, seniority, is_hr, family):
    info = parse_title(title)
    assert (info.seniority, info.is_hr, info.family) == (seniority, is_hr, family), info.evidence


@pytest.mark.parametrize(
    "title",
    ["HR Manager", "Human Resources", "People Ops", "People Operations Partner", "HRBP", "Sourcer",
     "Technical Recruiter", "Recruiting Lead", "Talent Acquisition", "TA Partner", "Headhunter",
     "Staffing Coordinator", "Personalreferent", "Ressources Humaines", "Recursos Humanos", "Reclutador",
     "Chargée de recrutement", "Head of People", "VP People", "Chief People Officer"],
)
def test_hr_titles_are_hr(title):
    assert parse_title(title).is_hr, parse_title(title).evidence


@pytest.mark.parametrize(
    "title",
    ["Talent Show Producer", "People's Bank Teller", "Human Factors Engineer", "Resource Planner",
     "Resource Planning Analyst", "Personal Trainer", "Personal Banker", "Talent Agent", "Chief of Staff",
     "Patient Recruitment Specialist", "Software Engineer at an HR software company", "Former HR Director"],
)
def test_look_alikes_are_not_hr(title):
    assert not parse_title(title).is_hr, parse_title(title).evidence


@pytest.mark.parametrize(
    ("title", "cue"),
    [
        ("VP Eng", "'VP' -> vp"),
        ("Technical Recruiter", "'Recruiter' -> HR"),
        ("Cashier", "'Cashier' -> entry"),
    ],
)
def test_evidence_names_the_words_that_decided(title, cue):
    assert cue in parse_title(title).evidence


@pytest.mark.parametrize("title", [None, "", "   ", float("nan"), 42, "🌟", "--", "N/A"])
def test_missing_or_meaningless_titles_are_unknown(title):
    assert parse_title(title) == TitleInfo("unknown", False, "other", ())


def test_ranks_order_levels_and_put_unknown_apart():
    ranks = [SENIORITY_RANK[level] for level in SENIORITY_LEVELS[:9]]
    assert ranks == sorted(ranks) == list(range(9))
    assert SENIORITY_RANK["founder_owner"] == SENIORITY_RANK["c_level"]
    assert SENIORITY_RANK["unknown"] == -1


def test_parse_titles_keeps_the_index_and_matches_parse_title():
    titles = pd.Series(["VP Eng", None, "Recruiter", "VP Eng", "Nurse"], index=[10, 11, 12, 13, 14])
    frame = parse_titles(titles)
    assert list(frame.columns) == ["seniority", "is_hr", "family", "family_strength"]
    assert list(frame.index) == [10, 11, 12, 13, 14]
    for idx, title in titles.items():
        info = parse_title(title)
        assert tuple(frame.loc[idx]) == (info.seniority, info.is_hr, info.family, info.family_strength)


def test_parse_titles_of_an_empty_column():
    assert parse_titles(pd.Series([], dtype=object)).empty


def test_family_terms_make_neighbouring_roles_share_words():
    assert parse_title("Machine Learning Engineer").family == parse_title("Data Scientist").family == "data"
    assert {"machine", "learning"} <= set(family_terms("data").split())
    assert all(isinstance(family_terms(family), str) for family in FAMILIES)
    with pytest.raises(ValueError):
        family_terms("astrology")


def test_lexicon_names_only_known_families_and_levels():
    raw = _raw_lexicon()
    assert set(raw["families"]) == set(FAMILIES) == set(FAMILY_LABELS)
    assert set(raw["seniority"]) <= set(SENIORITY_LEVELS)
    assert set(raw["numerals"].values()) <= set(SENIORITY_LEVELS)
    assert set(raw["company_hints"]) <= set(FAMILIES)


def _phrase_lists(node, source: str, heading=()):
    """(heading, list) for every list of phrases in a lexicon file; a list of rules (context_grades, word_traps)
    gives each rule a heading of its own (its source and place), as each is its own rule; "about" notes are prose,
    not phrases."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key != "about":
                yield from _phrase_lists(value, source, (*heading, key))
    elif isinstance(node, list) and all(isinstance(item, str) for item in node):
        yield heading, node
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _phrase_lists(item, source, (*heading, f"{source} #{i}"))


def _lexicon_sources():
    """(source, content) in merge order: the five files, then titles_languages.json's blocks, as engine.titles
    merges them."""
    for path in (LEXICON_PATH, WORLD_PATH, LEVELS_PATH, ROLES_PATH, LADDERS_PATH):
        yield path.name, json.loads(path.read_text(encoding="utf-8"))
    for name, block in json.loads(LANGUAGES_PATH.read_text(encoding="utf-8"))["languages"].items():
        yield f"{LANGUAGES_PATH.name} [{name}]", block


def test_no_phrase_is_listed_twice_under_one_heading():
    """The merge appends lists, so a phrase listed twice under one heading (in two files, two language blocks or
    one list) is a second copy of one rule: the copies drift apart when one is edited. Phrases compare as the
    engine reads them (folded: "recrutamento e seleção" is "recrutamento e selecao")."""
    first: dict[tuple, str] = {}
    repeats = []
    for source, content in _lexicon_sources():
        for heading, phrases in _phrase_lists(content, source):
            for phrase in phrases:
                key = (heading, " ".join(fold(phrase).split()))
                if key in first:
                    repeats.append(f"{source} {'.'.join(map(str, heading))}: {phrase!r} (first in {first[key]})")
                else:
                    first[key] = source
    assert len(first) > 5000  # the walk reads the lexicon (about 9,000 phrases), so an empty walk cannot pass
    assert not repeats, "\n".join(repeats[:20])


@given(st.text(max_size=200))
def test_any_text_parses_to_valid_labels(text):
    info = parse_title(text)
    assert info.seniority in SENIORITY_LEVELS
    assert info.family in FAMILIES
    assert isinstance(info.is_hr, bool)
    assert all(isinstance(cue, str) for cue in info.evidence)


TITLE_BITS = ["VP", "Sr.", "HR", "|", "@", "Ex-", "Founder", "&", "/", "(m/w/d)", "Leiter", "Student", "II",
              "Chargé(e)", "de", "Data", "🚀", ",", "-", "Intern", "at", "Talent", "People"]


@given(st.lists(st.sampled_from(TITLE_BITS), max_size=12))
def test_jumbled_title_words_never_raise(words):
    info = parse_title(" ".join(words))
    assert info.seniority in SENIORITY_LEVELS and info.family in FAMILIES


@pytest.mark.parametrize("title, role", [
    ("Sr. Científica de Datos | Fraud", "data scientist"),
    ("Data Scientist (m/w/d)", "data scientist"),
    ("Lead DS - Causal Inference", "data scientist"),
    ("UX-Designerin", "ux designer"),
    ("Senior UX/UI Designer | Games", "ux ui designer"),
    ("Sr. HRBP | Tech", "hr business partner"),
    ("Business Partner RRHH", "business partner human resources"),
    ("Analyste financier", "financial analyst"),
    ("CRA II", "clinical research associate"),
    ("Head of Data Science", "data science"),
    ("", ""),
    (None, ""),
])
def test_canonical_role_speaks_english_without_level_words(title, role):
    assert canonical_role(title) == role


def test_a_title_with_no_family_cue_takes_the_family_of_its_english_role():
    assert parse_title("CRA II").family == "healthcare"
    assert parse_title("Studienkoordinatorin").family == "healthcare"


@pytest.mark.parametrize(
    ("title", "seniority", "is_hr", "family"),
    [
        ("Cashier", "entry", False, "other"),
        ("Bank Teller", "entry", False, "finance"),
        ("SDR", "entry", False, "sales"),
        ("Distinguished Engineer", "director", False, "software_engineering"),
        ("Senior Staff Data Scientist", "lead", False, "data"),
        ("Assistant Vice President - Credit", "senior", False, "finance"),
        ("Investment Banking Associate", "mid", False, "finance"),
        ("Engagement Manager", "manager", False, "consulting"),
        ("Postdoctoral Researcher", "entry", False, "research"),
        ("Assistant Professor of Biology", "mid", False, "education"),
        ("Full Professor of Economics", "lead", False, "education"),
        ("Analista Pleno de Marketing", "mid", False, "marketing"),
        ("Medior Developer", "mid", False, "software_engineering"),
        ("Stagista Risorse Umane", "intern", True, "hr"),
        ("Responsabile Marketing", "manager", False, "marketing"),
        ("Teamleider Klantenservice", "lead", False, "operations"),
        ("Estagiária de Direito", "intern", False, "legal"),
        ("Global Head of Reward", "director", True, "hr"),
        ("Recrutadora", "unknown", True, "hr"),
        ("Personalreferentin", "unknown", True, "hr"),
        ("Electrician", "unknown", False, "trades"),
        ("Development Officer", "unknown", False, "nonprofit"),
        ("Police Sergeant", "lead", False, "public_sector"),
        ("Disponent", "unknown", False, "logistics"),
        ("Software Development Manager", "manager", False, "software_engineering"),
    ],
)
def test_levels_and_families_beyond_the_office(title, seniority, is_hr, family):
    info = parse_title(title)
    assert (info.seniority, info.is_hr, info.family) == (seniority, is_hr, family), info.evidence


def test_a_role_without_a_level_word_is_never_read_as_mid():
    for title in ("Software Engineer", "Nurse", "Policy Officer", "Electrician", "Video Editor"):
        assert parse_title(title).seniority == "unknown"


@pytest.mark.parametrize(
    ("title", "seniority"),
    [
        # a manager of a thing: a subject, a programme, a relationship, a venue's bookings
        ("Public Affairs Manager", "unknown"),
        ("Membership Manager", "unknown"),
        ("Legacy Giving Manager", "unknown"),
        ("Sponsorship Manager", "unknown"),
        ("Localisation Manager", "unknown"),
        ("Corporate Partnerships Manager", "unknown"),
        ("Responsable de captación de fondos", "unknown"),
        ("Responsabile raccolta fondi", "unknown"),
        ("Gestor de parcerias e doações", "unknown"),
        # a manager of a team, a department or a place keeps the level
        ("Payroll Operations Manager", "manager"),
        ("Customer Support Manager", "manager"),
        ("Distribution Manager", "manager"),
        ("Farm Manager", "manager"),
        ("Gerente de Vendas", "manager"),
        ("Responsabile Acquisti", "manager"),
        ("Jefa de Recursos Humanos", "manager"),
        # a manager word with nothing around it, or with another level word, keeps its level
        ("Manager", "manager"),
        ("Senior Manager", "manager"),
        ("Gerente", "manager"),
        ("Manager, Sponsorship", "manager"),
        ("Head of Sponsorship", "director"),
        ("Senior Sponsorship Manager", "senior"),
    ],
)
def test_a_manager_of_a_thing_has_no_level_a_manager_of_people_has(title, seniority):
    assert parse_title(title).seniority == seniority, parse_title(title).evidence


def test_manager_units_are_read_in_the_english_reading_too():
    # "Responsable Logistique": the French unit word reads as "logistics", a department
    assert parse_title("Responsable Logistique").seniority == "manager"
    assert parse_title("Responsable des partenariats").seniority == "unknown"


@pytest.mark.parametrize(
    ("title", "seniority"),
    [
        # academic ladders in six languages (a plain "Professor" stays senior, a full professor is lead)
        ("Professoressa Ordinaria di Fisica", "lead"),
        ("Professore Associato di Storia", "senior"),
        ("Hoogleraar Sociologie", "lead"),
        ("Universitair Hoofddocent Biologie", "senior"),
        ("Universitair Docent Wiskunde", "mid"),
        ("Professeur des universités en chimie", "lead"),
        ("Maître de conférences en droit", "mid"),
        ("Juniorprofessorin für Physik", "mid"),
        ("Privatdozent Medizin", "senior"),
        ("Catedrática de Química", "lead"),
        ("Profesor Titular de Derecho", "senior"),
        ("Professora Titular de Física", "lead"),
        ("Professor Associado de Economia", "senior"),
        # doctoral researchers, postdocs, doctors and lawyers in training: entry, as the lexicon reads a PhD
        ("Dottoranda in Chimica", "entry"),
        ("Promovendus Natuurkunde", "entry"),
        ("Doutoranda em Física", "entry"),
        ("Assegnista di ricerca in Economia", "entry"),
        ("Post-doctorante en biologie", "entry"),
        ("Medica specializzanda in Pediatria", "entry"),
        ("Interne des hôpitaux de Paris", "entry"),
        ("Rechtsreferendar", "entry"),
        ("Praticante Notaio", "entry"),
        # German craft grades
        ("Lehrling Dachdecker", "entry"),
        ("Gesellin Friseurhandwerk", "mid"),
        ("Dachdeckermeister", "senior"),
        ("Hausmeister", "unknown"),
        ("Bürgermeisterin", "c_level"),
        # heads of units, companies and universities
        ("Capoufficio Personale", "manager"),
        ("Capocantiere Edile", "lead"),                # a site foreman, as Polier and chef de chantier
        ("Cadre de santé en pédiatrie", "manager"),
        ("Primario di Neurologia", "director"),
        ("Prokuristin", "director"),
        ("Amministratore Unico", "c_level"),
        ("Voorzitter Raad van Bestuur", "c_level"),
        ("Rettore", "c_level"),
        ("Pro Vice-Chancellor", "unknown"),
        ("Associée", "founder_owner"),
        # entry-level by nature, in service work
        ("Crew Member", "entry"),
        ("Kitchen Hand", "entry"),
        ("Lavapiatti", "entry"),
        ("Orderpicker", "entry"),
        ("Kommissioniererin", "entry"),
        ("Teleoperadora", "entry"),
        ("Équipière polyvalente", "entry"),
        ("Empacotador", "entry"),
    ],
)
def test_ladders_and_level_words_in_seven_languages(title, seniority):
    assert parse_title(title).seniority == seniority, parse_title(title).evidence
