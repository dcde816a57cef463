"""Ladders and level inflections (data/titles_ladders.json) and the rules engine.titles keeps for them: titles written
here, none copied from a labelled or graded set, so each test pins a rule rather than one title."""

from __future__ import annotations

import pytest

from engine.titles import parse_title


def level(title: str) -> str:
    return parse_title(title).seniority


@pytest.mark.parametrize("title, seniority", [
    ("Cheffe de service urgences", "manager"),     # chef/cheffe de X by what X is: a service -> manager
    ("Chef de rayon épicerie", "manager"),
    ("Cheffe d'agence bancaire", "manager"),
    ("Chef de groupe maintenance", "lead"),        # a group, a shift, a post -> lead
    ("Chef de quart", "lead"),
    ("Chef de département Génie civil", "director"),  # a department or division -> director
    ("Jefa de sección de congelados", "manager"),
    ("Jefe de turno de noche", "lead"),
    ("Jefa de cocina", "lead"),                    # the head chef, as Head Chef
    ("Jefe de partida", "mid"),                    # a chef de partie, as in French
    ("Jefe de división", "director"),
    ("Chefe de setor administrativo", "manager"),
    ("Chefe de turno", "lead"),
    ("Chefe de divisão de obras", "director"),
    ("Capo servizio sala", "manager"),
    ("Capocuoca", "lead"),
    ("Leidinggevende logistiek", "manager"),
    ("Winkelchef", "manager"),
])
def test_heads_of_units_by_what_they_head(title, seniority):
    assert level(title) == seniority, (title, parse_title(title))


@pytest.mark.parametrize("title, seniority", [
    ("Finanzdirektorin", "director"),       # German -direktor and Dutch -directeur compounds
    ("Regionaldirektor Süd", "director"),
    ("Generaldirektorin", "c_level"),       # the longer listed compound wins over the suffix
    ("Vestigingsdirecteur", "director"),
    ("Seniorberaterin", "senior"),          # German Senior-/Junior- compounds
    ("Juniorprojektleiter", "entry"),
    ("Seniorenbetreuerin", "unknown"),      # Senioren-: she cares for the elderly
    ("Juniorentrainer", "unknown"),         # Junioren-: he coaches the youth team
    ("Produktionshelferin", "entry"),       # -helfer: helpers, entry by nature
    ("Haushaltshilfe", "entry"),
    ("Employée libre-service", "entry"),
])
def test_compounds(title, seniority):
    assert level(title) == seniority, (title, parse_title(title))


@pytest.mark.parametrize("title, seniority", [
    ("Consultant Haematologist", "senior"),     # a consultant next to a healthcare role or specialty is a grade
    ("Consultant in Acute Medicine", "senior"),
    ("Consultant Nurse, Frailty", "senior"),
    ("Consultant Midwife", "senior"),
    ("IT Consultant", "unknown"),               # elsewhere a consultant is a role with no level
    ("Consultant, Strategy & Operations", "unknown"),
    ("Paediatric Registrar", "mid"),            # so is a registrar
    ("Registrar, A&E", "mid"),
    ("Registrar", "unknown"),                   # a university or civil registrar: no level said
    ("Specialty Registrar in Psychiatry", "mid"),
    ("Senior House Officer, General Surgery", "entry"),  # UK doctors' grades
    ("FY2 Doctor", "entry"),
    ("Core Surgical Trainee", "entry"),
    ("Associate Specialist in Dermatology", "senior"),
    ("Band 2 Healthcare Assistant", "entry"),   # Agenda for Change bands 2 to 9
    ("Band 8c Lead Pharmacist", "lead"),
    ("Band 9 Chief Nurse", "c_level"),          # 'chief' outranks the band
])
def test_clinical_grades(title, seniority):
    assert level(title) == seniority, (title, parse_title(title))


@pytest.mark.parametrize("title, seniority", [
    ("Student Radiographer", "intern"),        # placement students in healthcare, teaching, social work
    ("Student Paramedic", "intern"),
    ("Étudiante infirmière 3e année", "intern"),
    ("Krankenpflegeschülerin", "intern"),
    ("Student Adviser", "unknown"),            # staff who serve students are not students
    ("Computer Science Student", "unknown"),   # a student with no placement role: no level
    ("Afstudeerstagiaire marketing", "intern"),
    ("Newly Qualified Social Worker", "entry"),  # a formal first year (ASYE, NQT induction, preceptorship)
    ("NQT, Year 4", "entry"),
    ("Early Career Teacher of Science", "entry"),
    ("Lokführer in Ausbildung", "entry"),      # trainees in five languages
    ("Cuisinier en formation", "entry"),
    ("Electricista en formación", "entry"),
    ("Verpleegkundige in opleiding", "entry"),
])
def test_trainees_and_placements(title, seniority):
    assert level(title) == seniority, (title, parse_title(title))


@pytest.mark.parametrize("title, seniority", [
    ("Kitchen Staff", "unknown"),              # 'Staff' after a role: the people of a place
    ("Staff", "unknown"),                      # alone: says nothing
    ("Staff Photographer", "unknown"),         # off the technical ladder
    ("Staff Backend Engineer", "senior"),      # on it
    ("Staff Research Scientist", "senior"),
    ("Electrician, NICEIC qualified", "unknown"),  # 'qualified' after a role names a credential
    ("Qualified Plumber", "mid"),
    ("Meter Reader", "unknown"),               # 'Reader' after a role is a trade
    ("Reader in Medieval History", "senior"),
    ("Salesforce Expert", "unknown"),          # 'Expert' after a role
    ("Experte Steuern", "senior"),             # before it, a grade
])
def test_level_words_that_count_only_before_a_role(title, seniority):
    assert level(title) == seniority, (title, parse_title(title))


@pytest.mark.parametrize("title, seniority", [
    ("Head Greenkeeper", "lead"),              # 'Head' + a person's word the lexicon does not list
    ("Head Cellarman", "lead"),
    ("Head Locksmith", "lead"),
    ("Head Procurement", "director"),          # + a field: still a head of department
    ("Head of Brewing", "director"),
    ("Chair of the Board of Governors", "c_level"),
    ("Chairwoman", "c_level"),
    ("Track Chair, ICML", "unknown"),          # the chair of a conference track
    ("Bademeister", "unknown"),                # -meister words that are no craft grade
    ("Kellermeister", "unknown"),
    ("Brauermeisterin", "senior"),             # a craft master
    ("Graduate Recruitment Partner", "unknown"),  # the graduates are who is recruited, not her level
    ("Apprenticeship Officer", "unknown"),
    ("Process Server", "unknown"),             # not a waiter
    ("Residence Hall Director", "unknown"),    # a role, not a director
    ("Documentary Director", "unknown"),
])
def test_heads_chairs_and_look_alikes(title, seniority):
    assert level(title) == seniority, (title, parse_title(title))


@pytest.mark.parametrize("title, is_hr", [
    ("Talent Manager | Music Artists", False),  # the talent of artists, models, athletes
    ("Head of Talent, Football Agency", False),
    ("Talent Coordinator at a modelling agency", False),
    ("Talent Partner, Engineering", True),      # otherwise talent is recruiting
    ("Head of Talent", True),
    ("Early Careers Recruiter", True),
    ("Campus Recruiter (Graduates)", True),
    ("Student Recruitment Officer", False),     # universities recruiting students: admissions, not HR
    ("Participant Recruitment Coordinator", False),  # research participants
    ("People Analytics Partner", True),
    ("Formatrice aziendale", True),             # Italian corporate trainer
])
def test_hr_and_its_traps(title, is_hr):
    info = parse_title(title)
    assert info.is_hr is is_hr, (title, info)


@pytest.mark.parametrize("title, seniority", [
    ("Analyst, Leveraged Finance", "entry"),        # the bank ladder where the title names its world
    ("Associate - Growth Equity", "mid"),
    ("ECM Analyst", "entry"),
    ("Senior Associate, Restructuring", "senior"),  # a level word of its own stands
    ("Analyst", "unknown"),                         # no world named: no level
    ("Associate", "entry"),                         # the lexicon's plain Associate
    ("Credit Analyst", "unknown"),                  # a bank's analyst off the deal ladder
    ("Analyst at Oliver Wyman", "entry"),           # the strategy-consulting ladder, named by the firm
    ("Associate, Roland Berger", "mid"),
])
def test_ladders_named_by_their_world(title, seniority):
    assert level(title) == seniority, (title, parse_title(title))


@pytest.mark.parametrize("title, seniority", [
    ("Principal, Riverside Primary School", "c_level"),    # the head of a school, named by the school
    ("Principal at Colegio San José", "c_level"),
    ("Principal Engineer, School of Engineering", "lead"),  # a Principal of a ladder stays one
    ("Principal Teacher of Maths", "lead"),                # a middle leader in Scottish schools
    ("Assistant Principal", "director"),
    ("Detective Inspector", "manager"),                    # police ranks
    ("Chief Superintendent", "director"),
    ("Watch Manager, Fire and Rescue", "manager"),         # fire service
    ("Crew Commander", "lead"),
    ("Lance Corporal", "entry"),                           # army ranks with a civilian reading
    ("Lieutenant Colonel", "director"),
    ("Captain", "unknown"),                                # army, ship or airline: no level said
    ("Registered Manager, Domiciliary Care", "manager"),   # the care home's legally registered manager
    ("Senior Carer", "senior"),                            # not 'senior care', the care of the elderly
    ("Stablehand", "entry"),
    ("Dirigente medico", "unknown"),                       # every Italian hospital doctor's grade
    ("Vicedirettrice di filiale", "director"),
    ("Eigenaresse", "founder_owner"),
    ("Maaltijdbezorger", "entry"),
])
def test_schools_uniforms_care_and_more_inflections(title, seniority):
    assert level(title) == seniority, (title, parse_title(title))


@pytest.mark.parametrize("title, seniority", [
    ("Returns Clerk", "entry"),            # clerks, aides and attendants: entry by nature
    ("Pharmacy Aide", "entry"),
    ("Car Park Attendant", "entry"),
    ("Clerk of Works", "unknown"),         # clerks that are officers, not clerical roles
    ("Parish Clerk", "unknown"),
    ("Casino Manager", "manager"),         # a manager of a place manages its people
    ("Leisure Centre Manager", "manager"),
    ("Museum Manager", "manager"),
    ("Office Manager", "unknown"),         # an office manager runs the office's administration: no level said
    ("Studio Manager", "unknown"),
])
def test_clerical_roles_and_managers_of_places(title, seniority):
    assert level(title) == seniority, (title, parse_title(title))


@pytest.mark.parametrize("title, seniority", [
    ("Engagement Manager", "manager"),            # the consulting grade
    ("Community Engagement Manager", "unknown"),  # a manager of a subject: no level said
    ("Mesera", "entry"),                          # Latin American waiters
    ("Subgerente de tienda", "manager"),
    ("Responsable adjointe logistique", "manager"),
    ("Teamassistentin Vertrieb", "entry"),
    ("Küchenchefin", "lead"),                     # German head chef, as Head Chef
    ("Oberkellner", "lead"),
    ("Souschef", "senior"),
    ("Country Manager Iberia", "director"),
])
def test_more_managers_and_kitchens(title, seniority):
    assert level(title) == seniority, (title, parse_title(title))
