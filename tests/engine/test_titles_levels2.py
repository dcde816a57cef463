"""Levels and HR, second round (issue #11): HR compounds and payroll, Polish and Swedish level words, ladders read
by their world (banks, strategy consulting, nonprofits, the army, the UK civil service), heads of schools, shifts and
shops, and words that are a level only as the role itself. Titles written here, none copied from a labelled or
graded set, so each test pins a rule rather than one title."""

from __future__ import annotations

import pytest

from engine.titles import parse_title


def level(title: str) -> str:
    return parse_title(title).seniority


@pytest.mark.parametrize("title, is_hr", [
    ("Payroll Clerk (part-time)", True),                 # payroll is HR, its clerks too
    ("Payroll Bookkeeper", True),
    ("Personalplanerin", True),                          # German HR compounds: Personal- + a role word
    ("Personalfachkauffrau", True),
    ("Lohnsachbearbeiterin", True),
    ("Personeelsmedewerker", True),                      # Dutch Personeels- + a role word
    ("Lönehandläggare", True),                           # Swedish
    ("Personalansvarig", True),
    ("Rekryteringskonsult", True),
    ("Specjalistka ds. kadr", True),                     # Polish
    ("Rekruterka IT", True),
    ("Betriebsrätin", True),                             # works councils
    ("Chasseuse de têtes", True),
    ("Personaltrainer", False),                          # a personal trainer, written as one word
    ("Personalisierung & CRM Manager", False),           # not a compound of a role
    ("Personal Shopper", False),
])
def test_hr_compounds_and_languages(title, is_hr):
    assert parse_title(title).is_hr is is_hr, (title, parse_title(title))


@pytest.mark.parametrize("title, seniority", [
    ("Młodsza księgowa", "entry"),                       # Polish młodszy/młodsza: junior
    ("Starsza specjalistka ds. zakupów", "senior"),      # starszy/starsza: senior
    ("Kierowniczka działu sprzedaży", "manager"),        # kierownik of a department, shop, team: manager
    ("Kierownik projektu", "unknown"),                   # of a project: a thing managed
    ("Stażystka w dziale prawnym", "intern"),
    ("Kelnerka", "entry"),
    ("Dyrektor finansowy", "director"),
    ("Vårdbiträde", "entry"),                            # Swedish -biträde: an aide
    ("Restaurangchef", "manager"),                       # Swedish -chef compounds manage
    ("Arbetsledare bygg", "lead"),
])
def test_polish_and_swedish_levels(title, seniority):
    assert level(title) == seniority, (title, parse_title(title))


@pytest.mark.parametrize("title, seniority", [
    ("Associate at Lazard", "mid"),                      # a bank named as employer puts the bank ladder in play
    ("Analyst, Sales & Trading", "entry"),
    ("Analyst", "unknown"),
    ("Project Leader, Bain & Company", "manager"),      # strategy-consulting grades
    ("Principal at Oliver Wyman", "manager"),
    ("Principal Engineer", "lead"),                      # off that ladder Principal stays lead
    ("Executive Director, Children's Charity", "c_level"),   # a nonprofit's executive director runs it
    ("Executive Director, Equity Derivatives", "director"),  # elsewhere a grade below MD
    ("Captain, Royal Engineers", "manager"),             # army ranks where a force is named
    ("Major - British Army", "manager"),
    ("Captain", "unknown"),                              # a pilot, a ship, a team: no level
    ("Major Gifts Officer", "unknown"),
    ("Executive Officer, Home Office", "entry"),         # UK civil service grades
    ("Higher Executive Officer (Policy)", "mid"),
    ("Head of School, Riverside Academy", "c_level"),    # the head of a school leads it
    ("Shift Manager - Costa Coffee", "lead"),            # a shift's manager leads it
    ("Directrice d'agence bancaire", "manager"),         # a director of a shop, branch or agency manages it
    ("Directora de sucursal", "manager"),
    ("Direttore di filiale", "manager"),
    ("Referatsleiterin Haushalt", "manager"),            # a ministry's Referat is a unit
    ("Caporeparto logistica", "manager"),                # Italian capo of a section manages
    ("Attending Neurologist", "senior"),                 # US attendings, like consultants, next to a specialty
    ("Attending", "unknown"),
    ("Chief Resident, Internal Medicine", "lead"),
    ("Watch Manager", "manager"),
    ("Station Commander", "manager"),
])
def test_ladders_and_heads(title, seniority):
    assert level(title) == seniority, (title, parse_title(title))


@pytest.mark.parametrize("title, seniority", [
    ("Server", "entry"),                                 # a waiter
    ("SQL Server Administrator", "unknown"),             # a thing before a role
    ("Apprenticeship Assessor Coach", "unknown"),
    ("Apprenticeship", "entry"),
    ("Software Engineer II", "mid"),                     # a numeral right after its role grades it
    ("Compliance Manager Basel III", "unknown"),          # not a regulation's numeral
    ("Kitchen Runner", "entry"),
    ("Auxiliaire de vie sociale", "entry"),              # French auxiliaires are aides
    ("Maestro de obras", "lead"),                        # foremen in Spanish and Portuguese
    ("Customer Services Agent", "entry"),
    ("Reception Manager", "manager"),                    # a desk of people
    ("Responsable du bénévolat", "manager"),             # volunteers are people
    ("Pharmacien titulaire", "founder_owner"),           # the owner of a French pharmacy
    ("Occupational Therapy Student on placement", "intern"),
])
def test_roles_by_nature(title, seniority):
    assert level(title) == seniority, (title, parse_title(title))


@pytest.mark.parametrize("title, seniority", [
    ("Marktleiter Edeka", "manager"),                    # German -leiter of a shop, store, site or depot manages it
    ("Standortleitung Logistik", "manager"),
    ("Abteilungsleiter Einkauf", "director"),            # of a department it directs
    ("Regalauffüller (Minijob)", "entry"),
    ("Home Care Worker", "entry"),
    ("Responsabile punto vendita", "manager"),
    ("MIR Cardiología", "entry"),                        # medical grades: residents, trainees, consultants
    ("AIOS kindergeneeskunde", "entry"),
    ("ST4 Paediatrics", "mid"),
    ("Överläkare, ortopedi", "senior"),
    ("Médica adjunta de urgencias", "senior"),
    ("Praticienne hospitalière", "senior"),
    ("Profesor uczelni, Politechnika", "senior"),        # academic ladders in Polish, Spanish, German
    ("Profesor ayudante doctor", "mid"),
    ("Lehrstuhlinhaber Informatik", "lead"),
    ("Aplikantka adwokacka", "entry"),                   # lawyers in training
    ("Commissaire divisionnaire", "director"),           # police grades
    ("Gardienne de la paix", "entry"),
    ("Maître artisan", "senior"),                        # crafts: masters
])
def test_more_ladders_in_more_languages(title, seniority):
    assert level(title) == seniority, (title, parse_title(title))


@pytest.mark.parametrize("title", [
    "Lead Vocalist, The Rovers",                         # a performer's part, not a level
    "Lead Guitarist",
    "Directrice de la photographie",                     # film and music directors in other languages, as in English
    "Directora de casting",
    "Direttore d'orchestra",
    "Kapellmeister",
])
def test_level_words_that_name_a_part(title):
    assert level(title) == "unknown", (title, parse_title(title))


@pytest.mark.parametrize("title, seniority", [
    ("Recruiter bij Senior Care Groep", "unknown"),      # Dutch, Italian, Swedish "at": the employer's words say
    ("Commessa presso Junior Store", "entry"),           # nothing of the level
    ("Säljare hos Senior Partner AB", "unknown"),
])
def test_employers_in_more_languages(title, seniority):
    assert level(title) == seniority, (title, parse_title(title))
