"""Roles by nature (data/titles_roles.json) and the "Head X" rule: titles written here, none copied from the
labelled sets, so each test pins the rule rather than one title."""

from __future__ import annotations

import pytest

from engine.titles import parse_title


@pytest.mark.parametrize("title", [
    "Gestionnaire de paie senior",       # French payroll
    "Technicienne paie et administration du personnel",
    "Responsabile Paghe e Contributi",   # Italian payroll
    "Direttrice del Personale",          # 'personale' headed by a level word
    "Lohnbuchhalterin (m/w/d)",          # German payroll, gendered
    "Sachbearbeiter Entgeltabrechnung",
    "Técnica de Nóminas",                # Spanish payroll, accented
    "Jefa de Personal",
    "Analista de Folha de Pagamento",    # Portuguese payroll
    "Coordenadora de Gente e Cultura",   # Portuguese 'gente' as people
    "Medewerker Salarisadministratie",   # Dutch payroll
    "Opleidingsadviseur",
    "Benefits Coordinator",
    "L&D Partner",
])
def test_hr_words_in_seven_languages(title):
    info = parse_title(title)
    assert info.is_hr, (title, info)
    assert info.family == "hr", (title, info)


@pytest.mark.parametrize("title", ["Personal Trainer", "Payroll Software Engineer", "Talent Agent", "Head Gardener"])
def test_look_alikes_stay_out_of_hr(title):
    assert not parse_title(title).is_hr


@pytest.mark.parametrize("title", [
    "Night Porter", "Receiving Clerk", "Inside Sales Rep", "Bar Back", "Tier 1 Support Technician",
    "Pflegeassistentin", "Front Desk Clerk", "Healthcare Assistant", "Demi Chef de Partie",
])
def test_roles_entry_level_by_nature(title):
    assert parse_title(title).seniority == "entry", title


@pytest.mark.parametrize("title, seniority", [
    ("Head Gardener", "lead"),          # a person's role after a bare Head: the first of them
    ("Head Baker", "lead"),
    ("Head Porter", "lead"),            # entry-level by nature, still a person's role
    ("Head Housekeeper", "lead"),
    ("Head Engineer", "lead"),
    ("Head of Housekeeping", "director"),  # Head of a department
    ("Head Sales", "director"),         # a field, not a person
    ("Department Head", "director"),
    ("Head of People", "director"),
    ("Head Nurse", "manager"),          # listed in the lexicon: wins over the rule
])
def test_head_before_a_persons_role_is_lead(title, seniority):
    assert parse_title(title).seniority == seniority, (title, parse_title(title))


@pytest.mark.parametrize("title, seniority", [
    ("Nurse Manager, Intensive Care", "manager"),  # manages nurses
    ("Crew Manager", "manager"),                    # a crew is a team
    ("Managing Editor", "manager"),
    ("Responsable paie", "manager"),                # payroll is a department
    ("Encargada de Almacén", "manager"),
    ("Community Manager", "unknown"),               # still a manager of a thing
])
def test_people_named_by_their_role_are_a_team(title, seniority):
    assert parse_title(title).seniority == seniority, (title, parse_title(title))


@pytest.mark.parametrize("title, seniority", [
    ("Professor of History", "lead"),           # a plain Professor is a full professor
    ("Professorin für Maschinenbau", "lead"),
    ("Lecturer in Law", "mid"),                 # UK ladder
    ("Teaching Fellow in Economics", "entry"),
    ("Doctoral Candidate in Physics", "entry"),  # a PhD candidate is entry, not an intern
    ("Leiter Controlling", "director"),         # Leiter X is Head of X
    ("Headmistress", "c_level"),                # the head of a school leads the institution
    ("Deputy Headteacher", "director"),
    ("Salaried Partner", "director"),           # not an owner
    ("Jefa de Servicio de Neurología", "director"),
    ("Permanent Secretary, Treasury", "c_level"),
    ("Chef de Partie", "mid"),
    ("Infermiera Coordinatrice", "lead"),
])
def test_level_conventions(title, seniority):
    assert parse_title(title).seniority == seniority, (title, parse_title(title))


@pytest.mark.parametrize("title, family", [
    ("Ingénieur mécanique", "engineering"),     # continental 'engineer' is any engineer
    ("Ingegnere Strutturista", "engineering"),
    ("Ingeniera de Software", "software_engineering"),  # unless software says otherwise
    ("Magasinier cariste", "logistics"),
    ("Aide-soignant de nuit", "healthcare"),
    ("Ricercatrice", "research"),
    ("Boekhouder", "finance"),
    ("Uitvoerder Utiliteitsbouw", "trades"),
    ("Beleidsmedewerker Wonen", "public_sector"),
    ("Kassiererin", "other"),                   # retail shop staff, as the labelled sets read them
])
def test_role_words_name_their_family(title, family):
    assert parse_title(title).family == family, (title, parse_title(title))


@pytest.mark.parametrize("title, seniority", [
    ("Teamleitung Lager", "lead"),           # Teamleitung is the Teamleiter
    ("Abteilungsleitung Vertrieb", "director"),
    ("Projektleitung Bau", "unknown"),       # as Projektleiter: a role, no level
    ("Pflegedienstleitung", "director"),
])
def test_german_leitung_names_the_post_of_its_leiter(title, seniority):
    assert parse_title(title).seniority == seniority, (title, parse_title(title))


@pytest.mark.parametrize("title, seniority", [
    ("Call Center Manager", "manager"),      # a listed phrase "X Manager" with X a place or team manages people
    ("Plant Manager", "manager"),
    ("IT Manager", "manager"),
    ("Product Marketing Manager", "unknown"),  # only when all of X is a unit
])
def test_listed_x_manager_phrases_manage_people_when_x_is_a_unit(title, seniority):
    assert parse_title(title).seniority == seniority, (title, parse_title(title))


def test_level_phrases_do_not_make_field_words_generic():
    from engine.families import field_words
    assert "support" in field_words("IT Support Specialist").split()
    assert "accounts" in field_words("Accounts Payable Specialist").split()


@pytest.mark.parametrize("title, seniority, family", [
    ("Executive Chef", "director", "hospitality"),
    ("Maître d'hôtel", "lead", "hospitality"),
    ("Bellboy", "entry", "hospitality"),
    ("Directora de Escuela", "c_level", "education"),
    ("Proviseur", "c_level", "education"),
    ("Proviseur adjoint", "director", "education"),  # a deputy head
    ("PhD Researcher in Chemistry", "entry", "research"),
    ("Assistente Sociale", "unknown", "social_services"),  # a profession, not an assistant
])
def test_more_roles_by_nature(title, seniority, family):
    info = parse_title(title)
    assert (info.seniority, info.family) == (seniority, family), (title, info)


@pytest.mark.parametrize("title, is_hr", [
    ("Referentin Personal", True),      # a bare job word heads 'Personal' as a level word does
    ("Sachbearbeiter Personal", True),
    ("Asistente Personal", False),      # a personal assistant
    ("Entrenador Personal", False),     # a personal trainer
    ("Werving en Selectie Adviseur", True),
    ("Global Mobility Advisor", True),
])
def test_personal_after_a_job_word_is_hr_unless_a_known_look_alike(title, is_hr):
    assert parse_title(title).is_hr is is_hr, (title, parse_title(title))


@pytest.mark.parametrize("title, is_hr, family", [
    ("Responsabile dei Sistemi Informativi", False, None),  # Italian 'dei' (of the) is no DEI
    ("Addetto ai Magazzini", False, "logistics"),           # Italian 'ai' (to the) is no AI
    ("DEI Program Lead", True, "hr"),                        # in capitals it is
    ("Head of AI", False, "data"),
])
def test_abbreviations_that_are_words_are_read_only_in_capitals(title, is_hr, family):
    info = parse_title(title)
    assert info.is_hr is is_hr, (title, info)
    if family:
        assert info.family == family, (title, info)
    else:
        assert info.family != "data"


@pytest.mark.parametrize("title, family", [
    ("Finanzbuchhalterin", "finance"),
    ("Servicemonteur", "trades"),
    ("Zahnärztin", "healthcare"),
    ("Farmacista Ospedaliera", "healthcare"),
    ("Médico Adjunto de Neurología", "healthcare"),
    ("Kamerafrau", "media"),
    ("Inkoopster", "operations"),
])
def test_more_role_words_in_other_languages(title, family):
    assert parse_title(title).family == family, (title, parse_title(title))


@pytest.mark.parametrize("title, is_hr", [
    ("Client Onboarding Analyst", False),       # onboarding customers, not employees
    ("Donor Recruitment Coordinator", False),   # recruiting donors
    ("Labor Relations Specialist", True),
    ("Disponent Zeitarbeit", True),             # a temp agency's recruiter
    ("Intercedente Techniek", True),            # Dutch staffing agency
    ("Ausbildungsleiterin", True),              # heads apprentice training
])
def test_hr_by_what_is_recruited_or_managed(title, is_hr):
    assert parse_title(title).is_hr is is_hr, (title, parse_title(title))


@pytest.mark.parametrize("title, seniority, family", [
    ("Chefredakteurin", "c_level", "media"),     # editors-in-chief in any language, as Editor-in-Chief
    ("Redactora Jefa", "c_level", "media"),
    ("Eindredacteur", "lead", "media"),
    ("Aiuto Regista", "entry", "media"),
    ("Executive Producer", "director", "media"),
    ("Wethouder Onderwijs", "director", "public_sector"),
    ("Country Director, Oxfam", "director", "nonprofit"),  # the employer names the field when the role does not
])
def test_editorial_civic_and_ngo_ladders(title, seniority, family):
    info = parse_title(title)
    assert (info.seniority, info.family) == (seniority, family), (title, info)


@pytest.mark.parametrize("title, seniority", [
    ("Band 5 Staff Nurse", "entry"),     # the NHS band a newly qualified nurse starts on
    ("Senior Staff Nurse", "senior"),    # 'Staff Nurse' is a role, not the Staff level
    ("NQ Solicitor", "mid"),             # newly qualified
    ("Healthcare Support Worker", "entry"),
])
def test_nhs_and_legal_ladders(title, seniority):
    assert parse_title(title).seniority == seniority, (title, parse_title(title))
