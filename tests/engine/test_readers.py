"""engine.readers: sample exports in every format and the nasty cases (fuzzed input: tests/fuzz)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from engine.readers import (
    CONTACT_FIELDS,
    FORMATS,
    ImportFileError,
    ParsedFile,
    RowProblem,
    guess_mapping,
    read_contacts,
)

SAMPLES = Path(__file__).parents[1] / "data" / "import"
sys.path.insert(0, str(SAMPLES))
import make_samples  # noqa: E402


def read(name: str, **kwargs) -> ParsedFile:
    return read_contacts(name, (SAMPLES / name).read_bytes(), **kwargs)


def person(parsed: ParsedFile, full_name: str) -> dict:
    rows = parsed.contacts[parsed.contacts["full_name"] == full_name]
    assert len(rows) == 1, f"{full_name!r} found {len(rows)} times"
    return rows.iloc[0].to_dict()


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    out = io.StringIO()
    # "\r\n" makes the writer quote cells holding either character, as spreadsheet exports do.
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


@pytest.mark.parametrize("name", [n for n in make_samples.samples() if not n.endswith(".xlsx")])
def test_committed_samples_match_their_generator(name):
    assert (SAMPLES / name).read_bytes() == make_samples.samples()[name]


@pytest.mark.parametrize(("name", "fmt", "encoding", "count", "problems"), [
    ("linkedin_connections.csv", "linkedin", "utf-8", 6, [(11, "no name (only the company 'Nowhere')")]),
    ("linkedin_old_no_url.csv", "linkedin", "utf-8", 3, []),
    ("linkedin_connections.xlsx", "linkedin", None, 4, []),
    ("google_contacts.csv", "google", "utf-8-sig", 3,
     [(4, "no name"), (5, "no name (only the company 'Initech')")]),
    ("google_contacts_old.csv", "google", "utf-8", 1, [(3, "company card ('Umbrella Corp'), not a person")]),
    ("outlook_desktop.csv", "outlook", "cp1252", 2, [(4, "no name (only the company 'Contoso Ltd')")]),
    ("outlook_com.csv", "outlook", "utf-8-sig", 2, []),
    ("apple_contacts.vcf", "vcard", "utf-8", 2, [
        (2, "company card, not a person; skipped"),
        (4, "card could not be read (At line 9: Failed to parse line: EMAIL;type=INTERNET); skipped"),
        (5, "no name")]),
    ("contacts_v4.vcf", "vcard", "utf-8", 1, []),
    ("kontakte_semikolon.csv", "csv", "cp1252", 2, []),
    ("contactos_tab.tsv", "csv", "utf-16", 2, []),
    ("contacts_fr.csv", "csv", "utf-8", 2, [(3, "email 'theo@@renault' is not an email address; left empty")]),
    ("ragged.csv", "csv", "utf-8", 3, [
        (3, "row has 5 cells but the header has 3; the extra cells were ignored"),
        (4, "no name (only the company 'Nameless Co')")]),
])
def test_samples_detected_and_counted(name, fmt, encoding, count, problems):
    parsed = read(name)
    assert (parsed.format, parsed.encoding, len(parsed.contacts)) == (fmt, encoding, count)
    assert parsed.problems == [RowProblem(row, message) for row, message in problems]
    assert list(parsed.contacts.columns) == [*CONTACT_FIELDS, "row", "raw"]
    assert parsed.contacts["full_name"].notna().all()
    assert parsed.format in FORMATS


def test_linkedin_export_with_preamble():
    parsed = read("linkedin_connections.csv")
    assert parsed.columns == make_samples.LINKEDIN_HEADER
    assert parsed.mapping["title"] == "Position"
    anna = person(parsed, "Anna Weber, PhD")
    assert (anna["first_name"], anna["last_name"], anna["company"]) == ("Anna", "Weber, PhD", "Siemens AG")
    assert anna["connected_on"] == dt.date(2021, 3, 7)
    assert anna["row"] == 5  # header on line 4, after the "Notes:" preamble
    assert pd.isna(anna["email"]) and anna["tags"] == [] and pd.isna(anna["tie_strength"])
    jose = person(parsed, "José Müller")
    assert jose["linkedin_url"] == "https://www.linkedin.com/in/jos%C3%A9-m%C3%BCller-4b2a1"
    assert person(parsed, "Ana Ruiz")["email"] == "ana.ruiz@example.com"
    assert person(parsed, "Lucía Gómez")["title"] == "Jefa de Ventas"
    assert person(parsed, "Chloé Martin")["title"] == "Chargée de recrutement"
    assert anna["title"] == "Leiterin Personalentwicklung"


def test_formula_cells_stay_literal_and_the_export_quote_is_undone():
    parsed = read("linkedin_connections.csv")
    sam = person(parsed, "Sam 🌱 Okafor")
    assert sam["company"] == '=HYPERLINK("http://evil")'
    assert sam["title"] == "+Growth Marketing Lead"
    assert json.loads(sam["raw"])["Position"] == "'+Growth Marketing Lead"  # provenance keeps the original


def test_quote_is_kept_when_it_does_not_guard_a_formula():
    data = csv_bytes([["Name", "Company"], ["Ann", "'Quoted Ltd"], ["Bob", "''=x"]])
    assert read_contacts("x.csv", data).contacts["company"].tolist() == ["'Quoted Ltd", "''=x"]


def test_raw_holds_every_original_cell_of_its_row():
    parsed = read("google_contacts.csv")
    raw = json.loads(person(parsed, "Ana María Ruiz")["raw"])
    assert list(raw) == make_samples.GOOGLE_HEADER
    assert raw["Notes"] == "Met at PyData.\nAsk about the data team."
    assert raw["E-mail 1 - Value"] == "Ana@Bar.io ::: ana.ruiz@example.com"


def test_linkedin_old_export_without_url_column():
    parsed = read("linkedin_old_no_url.csv")
    assert "linkedin_url" not in parsed.mapping
    assert parsed.contacts["linkedin_url"].isna().all()
    assert parsed.contacts["row"].tolist() == [2, 3, 4]


def test_linkedin_saved_as_xlsx_has_real_dates_and_literal_formulas():
    parsed = read("linkedin_connections.xlsx")
    assert parsed.sheets == ["Connections", "Other"]
    assert parsed.contacts["row"].tolist() == [5, 6, 7, 8]
    eve = person(parsed, "Eve Formula")
    assert eve["company"] == '=HYPERLINK("http://evil","Acme")'
    assert eve["title"] == "-Chief"
    assert eve["connected_on"] == dt.date(2024, 4, 4)
    assert person(parsed, "José Müller")["connected_on"] == dt.date(2020, 1, 15)


def test_xlsx_reads_the_first_sheet_unless_told():
    with pytest.raises(ImportFileError, match="could not find a name column; map one of"):
        read("network.xlsx")
    parsed = read("network.xlsx", sheet="People")
    assert (parsed.format, parsed.encoding, parsed.sheets) == ("xlsx", None, ["Readme", "People"])
    assert parsed.mapping == {"full_name": "Name", "email": "Email", "company": "Company", "title": "Job Title",
                              "tags": "Tags", "tie_strength": "Tie strength", "connected_on": "Met on"}
    priya = person(parsed, "Priya Natarajan")
    assert (priya["email"], priya["tie_strength"], priya["tags"]) == ("priya@globex.com", 4, ["mentor", "alumni"])
    assert priya["connected_on"] == dt.date(2023, 5, 17)
    assert person(parsed, "Mia Wong")["tie_strength"] == 2
    assert pd.isna(person(parsed, "Tom Becker")["tie_strength"])
    assert parsed.problems == [RowProblem(3, "tie strength '9' is not a whole number from 1 to 5"),
                               RowProblem(4, "no name (only the company 'Initech')")]
    with pytest.raises(ImportFileError, match="no sheet 'Nope'; sheets are: Readme, People"):
        read("network.xlsx", sheet="Nope")


def test_google_contacts_current_header():
    parsed = read("google_contacts.csv")
    ana = person(parsed, "Ana María Ruiz")
    assert ana["email"] == "ana@bar.io"  # the first of ' ::: '-joined values, lower-cased
    assert ana["tags"] == ["Work", "Madrid"]  # '* myContacts' is a system label
    assert ana["notes"] == "Met at PyData.\nAsk about the data team."
    assert ana["phone"] == "+34 600 000 000"
    assert pd.isna(ana["linkedin_url"])  # a personal website is not a LinkedIn profile
    assert person(parsed, "Kenji Sato")["linkedin_url"] == "http://linkedin.com/in/kenji-sato?trk=x"
    assert person(parsed, "Grandma")["tags"] == ["Family"]
    assert parsed.contacts["row"].tolist() == [2, 3, 6]


def test_google_contacts_old_header_uses_the_full_name_column():
    marcus = person(read("google_contacts_old.csv"), "Dr. Marcus Johnson Jr.")
    assert (marcus["first_name"], marcus["company"], marcus["title"]) == ("Marcus", "Umbrella Corp", "VP Research")
    assert marcus["tags"] == ["Mentors"]


def test_outlook_desktop_cp1252():
    parsed = read("outlook_desktop.csv")
    assert len(parsed.columns) == 92
    jose = person(parsed, "Jose Muller")
    assert jose["notes"] == "Met at the O’Reilly conf – paid €40 for lunch"
    assert (jose["company"], jose["email"], jose["phone"]) == ("ACME", "jose.muller@acme.example", "+49 170 1234567")
    assert jose["tags"] == ["Work", "Berlin"]
    assert person(parsed, "Chloé Martin")["company"] == "L’Oréal"


def test_outlook_com_utf8_bom():
    parsed = read("outlook_com.csv")
    assert len(parsed.columns) == 61 and parsed.columns[0] == "First Name"  # the BOM is not in the name
    assert person(parsed, "Björn Lindqvist")["title"] == "Ingenjör"


def test_vcard_3():
    parsed = read("apple_contacts.vcf")
    anna = person(parsed, "Dr. Anna Weber")
    assert (anna["first_name"], anna["last_name"]) == ("Anna", "Weber")
    assert (anna["company"], anna["title"]) == ("Siemens AG", "Leiterin Personalentwicklung")
    assert anna["email"] == "anna.weber@siemens.example"
    assert anna["linkedin_url"] == "https://www.linkedin.com/in/anna-weber-phd/"
    assert anna["notes"] == ("Met at Berlin Tech Jobs, 2023. Alumni network; very helpful.\n"
                             "Follow up in spring about the leadership programme.")
    assert anna["tags"] == ["mentor", "alumni"]
    assert anna["row"] == 1
    yuki = person(parsed, "Yuki Nakamura")
    assert (yuki["company"], yuki["email"], yuki["row"]) == ("Globex, Inc.", "yuki@globex.example", 3)
    assert pd.isna(yuki["linkedin_url"])
    assert "BEGIN:VCARD" in json.loads(yuki["raw"])["vcard"]
    assert {"FN", "ORG", "EMAIL", "X-ABLABEL"} <= set(parsed.columns)


def test_vcard_4():
    lucia = person(read("contacts_v4.vcf"), "Lucía Gómez")
    assert (lucia["phone"], lucia["company"]) == ("+34-600-111-222", "Telefónica S.A.")
    assert lucia["linkedin_url"] == "https://www.linkedin.com/in/lucia-gomez"


def test_generic_csv_in_other_languages():
    german = read("kontakte_semikolon.csv")
    assert german.mapping == {"first_name": "Vorname", "last_name": "Nachname", "email": "E-Mail-Adresse",
                              "company": "Firma", "title": "Position", "notes": "Notizen"}
    juergen = person(german, "Jürgen Groß")
    assert (juergen["company"], juergen["title"]) == ("Müller & Söhne GmbH", "Geschäftsführer")
    assert juergen["notes"] == "Kennt viele; hilfsbereit"
    assert "Ömer Y?lmaz" in german.contacts["full_name"].tolist()  # cp1252 had no ı: Outlook wrote '?'
    spanish = read("contactos_tab.tsv")
    inigo = person(spanish, "Íñigo Sáenz de Ugarte")
    assert (inigo["company"], inigo["title"], inigo["phone"]) == ("BBVA", "Director de Tecnología", "+34 611 222 333")
    french = read("contacts_fr.csv")
    assert person(french, "Élodie Rousseau")["notes"] == "Rencontrée au salon, très sympa"
    assert pd.isna(person(french, "Théo Lefèvre")["email"])


@pytest.mark.parametrize(("columns", "expected"), [
    (["Name", "E-mail", "Company", "Role"], {"full_name": "Name", "email": "E-mail", "company": "Company",
                                             "title": "Role"}),
    (["Prénom", "Nom", "Entreprise", "Poste", "Courriel"], {"first_name": "Prénom", "last_name": "Nom",
                                                            "company": "Entreprise", "title": "Poste",
                                                            "email": "Courriel"}),
    (["Nombre", "Apellidos", "Empresa", "Cargo", "Correo electrónico"],
     {"first_name": "Nombre", "last_name": "Apellidos", "company": "Empresa", "title": "Cargo",
      "email": "Correo electrónico"}),
    (["Vorname", "Nachname", "Firma", "Telefon"], {"first_name": "Vorname", "last_name": "Nachname",
                                                   "company": "Firma", "phone": "Telefon"}),
    (["full_name", "Work Email", "LinkedIn Profile", "Tie Strength"],
     {"full_name": "full_name", "email": "Work Email", "linkedin_url": "LinkedIn Profile",
      "tie_strength": "Tie Strength"}),
    (["id", "amount", "created"], {}),
])
def test_guess_mapping(columns, expected):
    assert guess_mapping(columns) == expected


def test_caller_mapping_replaces_the_guess():
    data = csv_bytes([["Person", "Org", "Given", "Family"], ["Ann Lee", "Acme", "Ann", "Lee"]])
    with pytest.raises(ImportFileError, match="could not find a name column"):
        read_contacts("x.csv", data)
    one = read_contacts("x.csv", data, mapping={"full_name": "Person", "company": "Org"})
    assert (one.mapping, one.contacts["company"].tolist()) == ({"full_name": "Person", "company": "Org"}, ["Acme"])
    two = read_contacts("x.csv", data, mapping={"first_name": "Given", "last_name": "Family"})
    assert two.contacts["full_name"].tolist() == ["Ann Lee"]
    assert two.contacts["company"].isna().all()
    # A LinkedIn export with localised headers is corrected the same way.
    linkedin = read_contacts("c.csv", (SAMPLES / "linkedin_connections.csv").read_bytes(),
                             mapping={"first_name": "First Name", "last_name": "Last Name"})
    assert (linkedin.format, linkedin.contacts["company"].isna().all()) == ("linkedin", True)


@pytest.mark.parametrize(("mapping", "message"), [
    ({"nickname": "Person"}, "unknown field 'nickname' in the mapping; fields are: full_name"),
    ({"full_name": "Nope"}, "column 'Nope' is not in the file; columns are: Person, Org"),
])
def test_bad_caller_mapping(mapping, message):
    with pytest.raises(ImportFileError, match=message):
        read_contacts("x.csv", csv_bytes([["Person", "Org"], ["Ann", "Acme"]]), mapping=mapping)


@pytest.mark.parametrize(("data", "kwargs", "message"), [
    (b"", {}, "file is empty"),
    (b" \r\n\t\n", {}, "file is empty"),
    ("\ufeff".encode(), {}, "file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", {}, "not a text file"),
    (bytes(range(256)) * 4, {}, "not a text file"),
    (b"PK\x03\x04 not really a zip", {}, "not a readable Excel workbook"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, {}, "old Excel .xls files cannot be read"),
    (b"Name\nAnn\n", {"max_bytes": 5}, "file is 0 MB; the limit is 0 MB"),
    (b"id,amount\n1,2\n", {}, "could not find a name column; map one of: full_name, first_name, last_name "
                              r"\(columns in this file: id, amount\)"),
])
def test_unreadable_files(data, kwargs, message):
    with pytest.raises(ImportFileError, match=message) as error:
        read_contacts("upload.csv", data, **kwargs)
    assert str(error.value) == f"upload.csv: {error.value.message}"
    assert error.value.file == "upload.csv"


def test_header_only_is_an_empty_import_not_an_error():
    parsed = read_contacts("Connections.csv", make_samples.linkedin_csv([]))
    assert (parsed.format, len(parsed.contacts), parsed.problems) == ("linkedin", 0, [])
    assert list(parsed.contacts.columns) == [*CONTACT_FIELDS, "row", "raw"]


@pytest.mark.parametrize(("data", "rows"), [
    (b"Name,Notes\nAnn,\"two\nlines\"\nBob,x\n", [2, 3]),  # a quoted newline is one spreadsheet row
    (b"Name\nAnn\n\nBob\n\n\n", [2, 4]),  # a blank row counts, trailing ones vanish
    (b"Name\r\nAnn\r\nBob", [2, 3]),  # CRLF, no final newline
    (b"Name\rAnn\rBob\r", [2, 3]),  # old Mac line ends
])
def test_row_numbers_are_spreadsheet_rows(data, rows):
    parsed = read_contacts("x.csv", data)
    assert parsed.contacts["row"].tolist() == rows
    assert parsed.problems == []


def test_encodings_are_settled_before_parsing():
    text = "Name;Company;Notes\nJosé O’Neil;Café – Bar;costs 5€\n"
    for encoding, expected in [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"),
                               ("utf-16-le", "utf-16-le"), ("cp1252", "cp1252")]:
        parsed = read_contacts("x.csv", text.encode(encoding))
        assert parsed.encoding == expected
        assert parsed.contacts.iloc[0][["full_name", "company", "notes"]].tolist() == [
            "José O’Neil", "Café – Bar", "costs 5€"]


def test_delimiter_is_sniffed_from_the_header():
    for delimiter in (",", ";", "\t"):
        data = csv_bytes([["Name", "Company"], ["Ann, Jr.", "A;B\tC"]], delimiter=delimiter)
        assert read_contacts("x.txt", data).contacts.iloc[0][["full_name", "company"]].tolist() == [
            "Ann, Jr.", "A;B\tC"]


def test_cells_are_stripped_and_empty_means_missing():
    parsed = read_contacts("x.csv", b"Name,Email,Company\n  Ann  ,  ,\n")
    ann = parsed.contacts.iloc[0]
    assert ann["full_name"] == "Ann"
    assert ann["email"] is pd.NA and ann["company"] is pd.NA


def test_bad_values_are_reported_with_their_row():
    data = csv_bytes([["Name", "Email", "LinkedIn", "Tie strength", "Connected on"],
                      ["Ann", "ann@", "https://example.com/ann", "six", "2021-13-01"],
                      ["Bob", "MAILTO:Bob@X.org", "linkedin.com/in/bob", "3", "07 Mar 2021"]])
    parsed = read_contacts("x.csv", data)
    assert parsed.problems == [
        RowProblem(2, "email 'ann@' is not an email address; left empty"),
        RowProblem(2, "'https://example.com/ann' is not a LinkedIn URL; left empty"),
        RowProblem(2, "tie strength 'six' is not a whole number from 1 to 5"),
        RowProblem(2, "date '2021-13-01' is not a date (use YYYY-MM-DD)"),
    ]
    bob = person(parsed, "Bob")
    assert (bob["email"], bob["tie_strength"], bob["connected_on"]) == ("bob@x.org", 3, dt.date(2021, 3, 7))
    assert len(parsed.contacts) == 2  # a bad value empties a field, not the row


def test_contact_frame_types():
    contacts = read("google_contacts.csv").contacts
    assert str(contacts["full_name"].dtype) == "string"
    assert str(contacts["tie_strength"].dtype) == "Int64"
    assert contacts["row"].dtype == "int64"
