"""Levels and HR, third round (issue #11): ranks of armies, navies and police in eight languages, US federal GS
grades, bank, strategy-consulting and law-firm grades in the languages and worlds that name them, heads of schools,
entry-level roles by nature in more languages, compounds graded by their last part ("Malergeselle"), a junior in a
department's manager title, an abbreviation alone in its clause, and HR words. Titles written here, none copied
from a labelled or graded set, so each test pins a rule rather than one title."""

from __future__ import annotations

import pytest

from engine.titles import parse_title


def level(title: str) -> str:
    return parse_title(title).seniority


@pytest.mark.parametrize("title, seniority", [
    # non-commissioned officers lead, as Sergeant and Corporal do; colonels direct; soldiers and police officers entry
    ("Master Sergeant, US Air Force", "lead"),
    ("Petty Officer, Royal Navy", "lead"),
    ("Warrant Officer Class 2", "lead"),
    ("Sergent-chef", "lead"),
    ("Sergente maggiore", "lead"),
    ("Stabsfeldwebel", "lead"),
    ("Starszy sierżant", "lead"),
    ("Oberstleutnant", "director"),
    ("Coronel del Ejército", "director"),
    ("Pułkownik", "director"),
    ("Soldato semplice", "entry"),
    ("Soldat", "entry"),
    ("Polizistin", "unknown"),                          # as Police Officer: any rank
    ("Agente de Policía Nacional", "entry"),
    ("Politieagente", "entry"),                         # the base rank, as Constable
    # US federal General Schedule grades
    ("Program Analyst, GS-12", "senior"),
    ("Contract Specialist (GS-9)", "mid"),
    ("Supervisory Auditor GS-15", "lead"),
])
def test_ranks_and_grades(title, seniority):
    assert level(title) == seniority, (title, parse_title(title))


@pytest.mark.parametrize("title, seniority", [
    ("Analista, Fusiones y Adquisiciones", "entry"),     # a bank's grades in Spanish, Portuguese, French
    ("Associado, M&A", "mid"),
    ("Analyste, banque d'affaires", "entry"),
    ("Consultant, Bain & Company", "mid"),               # a strategy firm's Consultant
    ("Consultant, Deloitte", "unknown"),                 # elsewhere a Consultant says no level
    ("Associate, Freshfields", "mid"),                   # a law firm's Associate is a qualified lawyer
    ("Asociada, Garrigues", "mid"),
    ("Associate, Law Firm", "mid"),
    ("Senior Associate, Linklaters", "senior"),
    ("Sales Associate", "entry"),                        # a shop's associate is not
    ("Directora de colegio", "c_level"),                 # heads of schools
    ("Dyrektorka szkoły podstawowej", "c_level"),
    ("Diretor escolar", "c_level"),
    ("Professor Auxiliar Convidado", "mid"),             # Portuguese assistant professor
])
def test_grades_by_their_world(title, seniority):
    assert level(title) == seniority, (title, parse_title(title))


@pytest.mark.parametrize("title, seniority", [
    ("Lagerarbeiterin", "entry"),                        # warehouse, chamber, labouring, ushering, care support
    ("Lageristin", "entry"),
    ("Femme de chambre", "entry"),
    ("Kamermeisje", "entry"),
    ("Peón de obra", "entry"),
    ("Handlanger", "entry"),
    ("Church Usher", "entry"),
    ("Mental Health Support Worker", "entry"),
    ("Senior Support Worker", "senior"),
    ("Vårdbiträde", "entry"),
    ("Opiekunka medyczna", "entry"),
    ("Verkaufsinnendienst", "entry"),                    # inside sales and call centres
    ("Leiter Vertriebsinnendienst", "director"),         # its head still heads it
    ("Technico-commercial sédentaire", "entry"),
    ("Agente en centro de llamadas", "entry"),
    ("Estudiante de enfermería", "intern"),              # placement students in nursing
    ("Studentka pielęgniarstwa", "intern"),
    ("Investigadora postdoctoral", "entry"),             # postdocs
    ("Post-doc", "entry"),
])
def test_entry_by_nature_in_more_languages(title, seniority):
    assert level(title) == seniority, (title, parse_title(title))


@pytest.mark.parametrize("title, seniority", [
    ("Malergeselle", "mid"),                             # a family prefix and a level suffix: the suffix grades
    ("Bäckergeselle", "mid"),
    ("Projektleiterin", "unknown"),                      # not where the prefix holds the suffix: a project's lead
    ("Junior HR Manager", "entry"),                      # a junior in a department, no manager of people
    ("Junior Brand Manager", "entry"),
    ("HR Manager", "manager"),
    ("Marketing Manager", "manager"),
    ("vd", "c_level"),                                   # an abbreviation alone in its clause, in any case
    ("Vd på Volvo", "c_level"),
])
def test_compounds_juniors_and_abbreviations(title, seniority):
    assert level(title) == seniority, (title, parse_title(title))


def test_an_abbreviation_that_is_a_word_is_the_word_inside_a_phrase():
    # "dei" (Italian "of the") is DEI only in capitals or alone in its clause
    assert parse_title("Responsabile dei servizi generali").evidence == parse_title(
        "Responsabile servizi generali").evidence
    assert parse_title("DEI Lead").is_hr == parse_title("Dei").is_hr


@pytest.mark.parametrize("title, is_hr", [
    ("Outplacement Advisor", True),
    ("Compensaciones y Beneficios", True),
    ("Early Careers Advisor", True),
    ("Early Careers Teacher", False),                    # a teacher in the first years, not HR
    ("Early Career Researcher", False),
    ("Rewards and Loyalty Lead", False),                 # a customer loyalty scheme
])
def test_hr_words(title, is_hr):
    assert parse_title(title).is_hr is is_hr, (title, parse_title(title))


@pytest.mark.parametrize("title, family", [
    ("Lagermitarbeiterin", "logistics"),
    ("Zimmermädchen", "hospitality"),
    ("Politieagent", "public_sector"),
    ("Undersköterska", "healthcare"),
    ("Early Careers Teacher", "education"),
])
def test_new_words_name_their_family(title, family):
    assert parse_title(title).family == family, (title, parse_title(title))


@pytest.mark.parametrize("title, seniority", [
    ("Sprzątaczka", "entry"),                            # Polish: cleaners, warehouse and shop staff, receptionists
    ("Pracownica magazynu", "entry"),
    ("Recepcjonistka", "entry"),
    ("Kierownik zmiany", "lead"),                        # a shift's manager leads it, as Shift Manager
    ("Szefowa kuchni", "lead"),                          # as Head Chef
    ("Zastępca szefa kuchni", "senior"),                 # as Sous Chef
    ("Wicedyrektorka", "director"),                      # as Deputy Director
    ("Lokalvårdare", "entry"),                           # Swedish: cleaners, shop staff, home care, attendants
    ("Butikssäljare", "entry"),
    ("Hemtjänstpersonal", "entry"),
    ("Skiftchef", "lead"),
    ("Köksmästare", "lead"),
    ("Förman", "lead"),
    ("Biträdande rektor", "director"),                   # a deputy head, as Deputy Headteacher
    ("Juniorkonsult", "entry"),                          # Junior-/Senior- compounds of role words now listed
    ("Seniorutvecklare", "senior"),
    ("Medewerker magazijn", "entry"),                    # Dutch word order: medewerker + place
    ("Medewerker klantenservice", "entry"),
    ("Hoofdverpleegkundige", "manager"),                 # as Head Nurse
    ("Operatrice di magazzino", "entry"),
    ("Operaria de almacén", "entry"),
    ("Beiköchin", "entry"),
    ("Agent de service hospitalier", "entry"),
])
def test_polish_swedish_dutch_and_more_roles(title, seniority):
    assert level(title) == seniority, (title, parse_title(title))


@pytest.mark.parametrize("title, seniority", [
    ("Comptable débutante", "entry"),                    # French beginner / experienced, as "confirmé"
    ("Ingénieure expérimentée", "mid"),
    ("Teamlead Backend", "lead"),
    ("Cheffe des ventes", "manager"),                    # as Jefe de ventas
    ("Außerordentliche Professorin", "senior"),          # an associate professor, not a full one
    ("Ordentlicher Professor", "lead"),
    ("Professeure des universités", "lead"),
    ("Ordynatorka oddziału", "director"),                # the head of a hospital ward, as Chefarzt, Primario
    ("Bolsista de pós-doutorado", "entry"),
])
def test_more_level_words_and_academic_grades(title, seniority):
    assert level(title) == seniority, (title, parse_title(title))


def test_a_works_council_member_in_dutch_is_hr():
    assert parse_title("Ondernemingsraadslid").is_hr


@pytest.mark.parametrize("title, seniority", [
    ("Brigadier, Politie Utrecht", "lead"),              # a police brigadier is a sergeant
    ("Brigadier", "director"),                           # an army's brigadier directs
    ("Hoofdinspecteur van politie", "manager"),          # inspectors manage, as Police Inspector
    ("Kriminalhauptkommissarin", "manager"),
    ("Podkomisarz", "manager"),
    ("Commissario di polizia", "director"),              # as Chief Superintendent
    ("Polizeimeisterin", "entry"),                       # the first grades, as Constable
    ("Posterunkowa", "entry"),
    ("Oberbrandmeisterin", "unknown"),                   # a firefighter's grade, not a master craftswoman
    ("Lärarassistent", "entry"),                         # teaching assistants, as in English
    ("Frisörlärling", "entry"),                          # Swedish -lärling compounds: apprentices
    ("Produktionsmitarbeiterin", "unknown"),             # production workers say no level, as in English
])
def test_police_fire_and_school_grades(title, seniority):
    assert level(title) == seniority, (title, parse_title(title))


@pytest.mark.parametrize("title, seniority", [
    ("Mistrzyni zmiany", "lead"),                        # foremen in Polish, Dutch, Swedish, Spanish
    ("Majster budowy", "lead"),
    ("Meestergast", "lead"),
    ("Lagbas", "lead"),
    ("Contramaestre", "lead"),
    ("Kierowniczka budowy", "manager"),                  # a site's kierownik manages it
    ("Seniorprojektledare", "senior"),                   # Swedish Senior- compound of a project manager
    ("Projektledare", "unknown"),
])
def test_foremen_and_site_managers(title, seniority):
    assert level(title) == seniority, (title, parse_title(title))
