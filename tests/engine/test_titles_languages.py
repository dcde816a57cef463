"""Levels and HR in more languages (data/titles_languages.json): per language, a few titles per concept (level words,
heads by what they head, roles entry-level by nature, HR words and look-alikes that are not HR). Titles written
here, none copied from a labelled or graded set, so each row pins a word list's coverage rather than one title."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from engine.text import fold
from engine.titles import parse_title

DATA = Path(__file__).resolve().parents[1] / "data"

# (title, seniority, is_hr); "unknown" where the title states no level, as README.md says.
CASES = {
    "Danish": [
        ('Elektrikerlærling', 'entry', False),  # a -lærling compound: an apprentice, any trade
        ('Køkkenmedhjælper', 'entry', False),  # a -medhjælper compound: a helper
        ('Kontorassistent', 'entry', False),  # a -assistent compound
        ('Malermester', 'senior', False),  # a trade's master
        ('Borgmester i Odense', 'unknown', False),  # a mayor, no craft master
        ('Hoveduddannelseslæge', 'mid', False),  # a specialty registrar
        ('Rekrutteringsansvarlig', 'unknown', True),
        ("Seniorudvikler", "senior", False),           # Senior- + a role word
        ("Seniorrådgiver i Skatteministeriet", "senior", False),
        ("Juniorkonsulent", "entry", False),
        ("Praktikant hos Novo Nordisk", "intern", False),
        ("Elektrikerelev", "entry", False),            # an apprentice, any trade
        ("Tømrersvend", "mid", False),
        ("Teamleder, kundeservice", "lead", False),
        ("Vagtleder", "lead", False),
        ("Butiksleder i Netto", "manager", False),     # a shop: manager
        ("Projektleder", "unknown", False),            # a project: a thing managed
        ("Økonomidirektør", "director", False),
        ("Adm. direktør", "c_level", False),
        ("Bestyrelsesmedlem", "c_level", False),
        ("Medstifter og ejer", "founder_owner", False),
        ("Kassemedarbejder", "entry", False),
        ("Rengøringsassistent", "entry", False),
        ("Social- og sundhedshjælper", "entry", False),
        ("Personalechef", "manager", True),            # Personale- + -chef: HR, and a manager
        ("Lønkonsulent", "unknown", True),
        ("HR-partner", "unknown", True),
        ("Personlig assistent", "entry", False),       # a personal assistant is no HR
    ],
    "Norwegian": [
        ('Rørleggermester', 'senior', False),
        ('Lege i spesialisering, Haukeland', 'mid', False),  # LIS: a specialty registrar
        ('Førstelektor', 'senior', False),
        ('Oversersjant', 'lead', False),  # a non-commissioned officer
        ('Politibetjent', 'entry', False),
        ('Kompetanseutvikling og HR', 'unknown', True),
        ("Seniorrådgiver", "senior", False),
        ("Lærling elektriker", "entry", False),
        ("Daglig leder", "c_level", False),
        ("Administrerende direktør", "c_level", False),
        ("Salgssjef", "manager", False),
        ("Avdelingsleder", "manager", False),          # as Swedish "avdelningschef"
        ("Skiftleder", "lead", False),
        ("Prosjektleder", "unknown", False),
        ("Styreleder", "c_level", False),
        ("Gründer og daglig leder", "founder_owner", False),
        ("Butikkmedarbeider", "entry", False),
        ("Renholder", "entry", False),
        ("Personalsjef", "manager", True),
        ("Lønnsmedarbeider", "unknown", True),
        ("HR-rådgiver", "unknown", True),
    ],
    "Finnish": [
        ('Professori, Helsingin yliopisto', 'lead', False),
        ('Apulaisprofessori', 'senior', False),
        ('Tohtorikoulutettava', 'entry', False),
        ('Kokoonpanotyöntekijä', 'entry', False),
        ('Sosiaalityöntekijä', 'unknown', False),  # a social worker: no level by nature
        ('Myymäläesimies', 'lead', False),  # an -esimies compound
        ('Projektiassistentti', 'entry', False),  # an -assistentti compound
        ('Sähköasentajaoppilas', 'entry', False),  # an -oppilas compound: an apprentice
        ('Markkinointipäällikkönä', 'manager', False),  # the essive of -päällikkö
        ('Ylikersantti', 'lead', False),
        ('Rikoskomisario', 'manager', False),
        ('Rekrytointipäällikkö', 'manager', True),  # Rekrytointi- + a role word: HR
        ("Myyntipäällikkö", "manager", False),
        ("Tuotepäällikkö", "unknown", False),          # a product: a thing managed
        ("Projektipäällikkö", "unknown", False),
        ("Toimitusjohtaja", "c_level", False),
        ("Talousjohtaja", "director", False),
        ("Tiiminvetäjä", "lead", False),
        ("Työnjohtaja", "lead", False),
        ("Vuoroesimies", "lead", False),
        ("Kesäharjoittelija", "intern", False),
        ("Vanhempi konsultti", "senior", False),
        ("Hallituksen jäsen", "c_level", False),
        ("Yrittäjä", "founder_owner", False),
        ("Kassamyyjä", "entry", False),
        ("Varastotyöntekijä", "entry", False),
        ("Siivooja", "entry", False),
        ("Henkilöstöpäällikkö", "manager", True),      # Henkilöstö- + -päällikkö: HR, and a manager
        ("Henkilöstöasiantuntija", "unknown", True),
        ("Palkanlaskija", "unknown", True),
        ("Rekrytointikonsultti", "unknown", True),
        ("Kuoronjohtaja", "unknown", False),           # a choir's conductor, not a director
    ],
    "Czech": [
        ('Nadstrážmistr', 'entry', False),  # a first police grade
        ('Četař', 'lead', False),
        ('Podplukovník', 'director', False),
        ('doc. Ing. Jan Novák', 'senior', False),  # doc. before a degree: an associate professor
        ('prof. MUDr.', 'lead', False),
        ('Asistentka jednatele', 'unknown', False),  # the director's assistant: no director
        ('Náborová specialistka', 'unknown', True),
        ('Operátorka výroby', 'entry', False),
        ("Mladší účetní", "entry", False),
        ("Stážistka v marketingu", "intern", False),
        ("Vedoucí týmu podpory", "lead", False),
        ("Vedoucí směny", "lead", False),
        ("Vedoucí pobočky", "manager", False),
        ("Vedoucí oddělení nákupu", "director", False),
        ("Vedoucí projektu", "unknown", False),
        ("Obchodní ředitel", "director", False),
        ("Ředitelka pobočky", "manager", False),
        ("Jednatel", "c_level", False),
        ("Člen představenstva", "c_level", False),
        ("Zakladatel a majitel", "founder_owner", False),
        ("Prodavačka", "entry", False),
        ("Uklízečka", "entry", False),
        ("Číšník", "entry", False),
        ("Personální ředitelka", "director", True),
        ("Mzdová účetní", "unknown", True),
        ("Náborářka", "unknown", True),
        ("Specialista lidských zdrojů", "unknown", True),
        ("Specialista vodních zdrojů", "unknown", False),  # water resources: no HR
        ("Projektový manažer", "unknown", False),      # a project: a thing managed
    ],
    "Slovak": [
        ("Vedúci predajne", "manager", False),
        ("Vedúca tímu", "lead", False),
        ("Generálny riaditeľ", "c_level", False),
        ("Konateľ spoločnosti", "c_level", False),
        ("Predavačka", "entry", False),
        ("Upratovačka", "entry", False),
        ("Personalistka", "unknown", True),
        ("Mzdová účtovníčka", "unknown", True),
    ],
    "Hungarian": [
        ('A logisztikai osztály vezetője', 'director', False),  # possessive: the head of a department
        ('Beszerzési igazgatója', 'director', False),
        ('Raktárvezetője', 'manager', False),
        ('A projekt vezetője', 'unknown', False),  # a project's head: a thing managed
        ('Egyetemi docens', 'senior', False),
        ('Főiskolai adjunktus', 'mid', False),
        ('Törzsőrmester', 'lead', False),
        ('Alezredes', 'director', False),
        ('Asztalosmester', 'senior', False),
        ('Pultos', 'entry', False),
        ('Bérügyi előadó', 'unknown', True),
        ('Személyzeti vezető', 'manager', True),  # personnel: a people unit and HR
        ("Ügyvezető igazgató", "c_level", False),
        ("Vezérigazgató", "c_level", False),
        ("Pénzügyi igazgató", "director", False),
        ("Értékesítési vezető", "manager", False),     # a sales unit's head: manager
        ("Osztályvezető", "director", False),
        ("Csoportvezető", "lead", False),
        ("Műszakvezető", "lead", False),
        ("Üzletvezető", "manager", False),
        ("Tehergépkocsi-vezető", "unknown", False),    # a truck driver: "vezető" drives here
        ("Targoncavezető", "unknown", False),          # a forklift driver
        ("Projektvezető", "unknown", False),
        ("Gyakornok", "intern", False),
        ("Tulajdonos", "founder_owner", False),
        ("Pénztáros", "entry", False),
        ("Raktáros", "entry", False),
        ("Bérszámfejtő", "unknown", True),
        ("HR generalista", "unknown", True),
        ("Toborzási szakértő", "unknown", True),
        ("Személyügyi vezető", "manager", True),
    ],
    "Romanian": [
        ('Directorul executiv', 'director', False),  # the definite form
        ('Șeful departamentului vânzări', 'director', False),
        ('Asistent al directorului', 'entry', False),  # of the director: no director
        ('Manager de proiect', 'unknown', False),
        ('Director general adjunct', 'director', False),  # the general director's deputy
        ('Conferențiar universitar dr.', 'senior', False),
        ('Lector univ. dr.', 'mid', False),
        ('Infirmieră', 'entry', False),  # a nursing aide
        ('Plutonier adjutant', 'lead', False),
        ('Comisar de poliție', 'manager', False),
        ('Operatoare de producție', 'entry', False),
        ('Coordonator de echipă', 'lead', False),
        ('Specialist formare profesională', 'unknown', True),  # L&D
        ("Șef de echipă", "lead", False),
        ("Sef de tura", "lead", False),                # written without diacritics
        ("Șef magazin", "manager", False),
        ("Șef de departament", "director", False),
        ("Șef de proiect", "unknown", False),
        ("Director general", "c_level", False),
        ("Director de magazin", "manager", False),
        ("Stagiar", "intern", False),
        ("Avocat stagiar", "entry", False),
        ("Asistent manager", "entry", False),
        ("Asistentă medicală", "unknown", False),      # a nurse
        ("Casieră", "entry", False),
        ("Lucrător comercial", "entry", False),
        ("Fondator", "founder_owner", False),
        ("Specialist resurse umane", "unknown", True),
        ("Referent salarizare", "unknown", True),
        ("Recrutor IT", "unknown", True),
    ],
    "Greek": [
        ("Διευθύνων Σύμβουλος", "c_level", False),
        ("Διευθυντής Πωλήσεων", "director", False),
        ("Υπεύθυνη Καταστήματος", "manager", False),
        ("Υπεύθυνος Βάρδιας", "lead", False),
        ("Υπεύθυνος Έργου", "unknown", False),
        ("Ασκούμενη", "intern", False),
        ("Ιδρυτής", "founder_owner", False),
        ("Ταμίας", "entry", False),
        ("Σερβιτόρα", "entry", False),
        ("Υπεύθυνος Ανθρώπινου Δυναμικού", "manager", True),
        ("Υπάλληλος Μισθοδοσίας", "unknown", True),
    ],
    "Turkish": [
        ('Denetçi Yardımcısı', 'entry', False),  # an assistant of a role
        ('Okul Müdür Yardımcısı', 'director', False),  # the school head's deputy
        ('Doç. Dr.', 'senior', False),
        ('Arastirma Gorevlisi', 'entry', False),  # typed without Turkish letters
        ('Öğretim Görevlisi', 'mid', False),
        ('Başkomiser', 'manager', False),
        ('Uzman Çavuş', 'lead', False),
        ('Şef Garson', 'lead', False),  # a head waiter
        ('Üretim Operatörü', 'entry', False),
        ('Ücret ve Yan Haklar Uzmanı', 'unknown', True),  # compensation and benefits
        ('Endüstri İlişkileri Müdürü', 'manager', True),
        ("Kıdemli Yazılım Uzmanı", "senior", False),
        ("Kidemli Uzman", "senior", False),            # typed without the dotless ı
        ("Stajyer", "intern", False),
        ("Satış Müdürü", "manager", False),
        ("Genel Müdür", "c_level", False),
        ("Genel Müdür Yardımcısı", "director", False),
        ("Proje Yöneticisi", "unknown", False),
        ("Vardiya Amiri", "lead", False),
        ("Takım Lideri", "lead", False),
        ("Yönetim Kurulu Üyesi", "c_level", False),
        ("Kurucu Ortak", "founder_owner", False),
        ("Kasiyer", "entry", False),
        ("Yönetici Asistanı", "entry", False),         # an executive assistant, no manager
        ("İnsan Kaynakları Uzmanı", "unknown", True),
        ("İK Müdürü", "manager", True),
        ("Bordro Uzmanı", "unknown", True),
        ("Güvenlik Personeli", "unknown", False),      # security staff: no HR
    ],
    "Croatian, Serbian, Slovenian": [
        ("Voditeljica prodaje", "manager", False),
        ("Voditelj tima", "lead", False),
        ("Voditelj projekta", "unknown", False),
        ("Voditelj emisije", "unknown", False),        # a TV presenter
        ("Direktorica", "director", False),
        ("Predsjednik Uprave", "c_level", False),
        ("Vodja oddelka", "director", False),
        ("Poslovođa", "manager", False),
        ("Pripravnica", "entry", False),
        ("Vlasnik", "founder_owner", False),
        ("Blagajnica", "entry", False),
        ("Konobar", "entry", False),
        ("Stručnjak za ljudske potencijale", "unknown", True),
        ("Referent za obračun plaća", "unknown", True),
        ("Kadrovnica", "unknown", True),
    ],
    "Estonian": [
        ("Müügijuht", "manager", False),
        ("Projektijuht", "unknown", False),
        ("Tegevjuht", "c_level", False),
        ("Juhatuse liige", "c_level", False),
        ("Vanemspetsialist", "senior", False),         # Vanem- + a role word
        ("Vanemanalüütik", "senior", False),
        ("Meeskonnajuht", "lead", False),
        ("Kaasasutaja", "founder_owner", False),
        ("Kassapidaja", "entry", False),
        ("Köögiabiline", "entry", False),
        ("Personalijuht", "manager", True),            # Personali- + -juht: HR, and a manager
        ("Värbamisspetsialist", "unknown", True),
        ("Palgaarvestaja", "unknown", True),
    ],
    "Latvian": [
        ("Pārdošanas vadītājs", "manager", False),
        ("Projekta vadītāja", "unknown", False),
        ("Nodaļas vadītājs", "director", False),
        ("Maiņas vadītājs", "lead", False),
        ("Valdes loceklis", "c_level", False),
        ("Vecākais speciālists", "senior", False),
        ("Praktikante", "intern", False),
        ("Pārdevēja", "entry", False),
        ("Personāla vadītāja", "manager", True),
        ("Algu grāmatvede", "unknown", True),
    ],
    "Lithuanian": [
        ("Pardavimų vadovas", "manager", False),
        ("Projektų vadovė", "unknown", False),
        ("Skyriaus vadovas", "director", False),
        ("Generalinis direktorius", "c_level", False),
        ("Vyresnysis specialistas", "senior", False),
        ("Praktikantė", "intern", False),
        ("Kasininkė", "entry", False),
        ("Įkūrėjas", "founder_owner", False),
        ("Personalo vadovė", "manager", True),
        ("Atrankos specialistė", "unknown", True),
    ],
    "Catalan": [
        ("Cap d'equip", "lead", False),
        ("Cap de botiga", "manager", False),
        ("Cap de departament", "director", False),
        ("Cap de projecte", "unknown", False),
        ("Consellera delegada", "c_level", False),
        ("Becària", "intern", False),
        ("Caixera", "entry", False),
        ("Cambrer", "entry", False),
        ("Tècnica de recursos humans", "unknown", True),
        ("Tècnic de nòmines", "unknown", True),
        ("Cap de recursos humans", "director", True),  # the head of a department
    ],
    "Russian": [
        ("Генеральный директор", "c_level", False),
        ("Руководитель отдела продаж", "director", False),
        ("Руководитель группы", "lead", False),
        ("Руководитель проекта", "unknown", False),
        ("Менеджер по продажам", "unknown", False),    # a sales role, no manager of people
        ("Старший аналитик", "senior", False),
        ("Младший научный сотрудник", "entry", False),
        ("Ведущий инженер", "lead", False),
        ("Телеведущий", "unknown", False),
        ("Стажёр", "intern", False),
        ("Директор магазина", "manager", False),
        ("Начальник смены", "lead", False),
        ("Основатель", "founder_owner", False),
        ("Кассир", "entry", False),
        ("Менеджер по персоналу", "unknown", True),
        ("Специалист по подбору персонала", "unknown", True),
        ("Директор по персоналу", "director", True),
        ("Бухгалтер по заработной плате", "unknown", True),
        ("Руководитель службы персонала", "director", True),
        ("Обслуживающий персонал", "unknown", False),  # service staff: no HR
        ("Кастинг-директор", "director", False),
    ],
    "Ukrainian": [
        ("Генеральний директор", "c_level", False),
        ("Керівник відділу маркетингу", "director", False),
        ("Керівник проєкту", "unknown", False),
        ("Провідний розробник", "lead", False),
        ("Співзасновник", "founder_owner", False),
        ("Продавець-консультант", "entry", False),
        ("Рекрутерка", "unknown", True),
        ("Менеджер з персоналу", "unknown", True),
        ("Керівник відділу персоналу", "director", True),
    ],
    "words shared across languages": [
        ('Zimmererpolier', 'lead', False),  # German: a -polier compound, the site foreman
        ('Konrektorin', 'director', False),  # German: a school's deputy head
        ('Studienreferendarin', 'entry', False),  # German: a trainee teacher
        ('Betriebsratsvorsitzende', 'unknown', True),  # German: a works council's chair
        ('Mitglied des Aufsichtsrats', 'c_level', False),
        ('Współzałożycielka', 'founder_owner', False),  # Polish
        ('Czeladniczka fryzjerska', 'mid', False),  # Polish: a journeywoman
        ('Empregado de balcão', 'entry', False),  # Portuguese
        ('Cabo do Exército Brasileiro', 'lead', False),  # Portuguese: a corporal
        ("Lektor i tłumacz języka angielskiego", "unknown", False),  # Polish: a language tutor, not a lecturer
        ("Gymnasieelev", "unknown", False),            # a pupil, not an apprentice
        ("Responsabile soci", "unknown", False),       # Italian members, not Catalan partners
        ("Bolt Account Manager", "unknown", False),    # Hungarian "bolt" (shop) is no unit: an account is managed
    ],
}


@pytest.mark.parametrize("title, seniority, is_hr", [case for cases in CASES.values() for case in cases])
def test_levels_and_hr_per_language(title, seniority, is_hr):
    info = parse_title(title)
    assert (info.seniority, info.is_hr) == (seniority, is_hr), (title, info)


def _file_words() -> list[str]:
    """Every one-word phrase and wildcard of data/titles_languages.json that is a cue, folded (not the units that
    keep a manager word's level, nor compounds' first parts: these are read only next to a cue)."""
    from engine.titles import LANGUAGES_PATH

    words: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key not in ("people_units", "compound_prefixes"):
                    walk(value)
        elif isinstance(node, list):
            words.extend(fold(w) for w in node if isinstance(w, str) and len(w.split()) == 1)

    walk(json.loads(LANGUAGES_PATH.read_text(encoding="utf-8"))["languages"])
    return words


def test_no_word_of_the_file_is_a_word_of_english_titles():
    """English titles must not be read through a foreign word: no word the file adds, nor any word a wildcard of it
    matches, is a word of the English titles of the labelled sets that name each title's language."""
    english = set()
    for name in ("titles_v5_languages.csv", "titles_v6_languages.csv", "titles_v7_languages.csv"):
        frame = pd.read_csv(DATA / name, dtype=str, keep_default_na=False)
        for title in frame.loc[frame["language"] == "en", "title"]:
            english |= set(re.findall(r"[^\W_]+", fold(title)))
    assert len(english) > 500
    added = _file_words()
    plain = {w for w in added if "*" not in w}
    wild = [re.compile(re.escape(w).replace(r"\*", r"[^\W_]*")) for w in added if "*" in w]
    clashes = (plain & english) | {e for e in english if any(p.fullmatch(e) for p in wild)}
    # words English shares with these languages in the same sense, already in the other lexicon files
    assert clashes <= {"director", "supervisor", "president"}, sorted(clashes)
