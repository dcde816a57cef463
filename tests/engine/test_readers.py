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
    MappingNeeded,
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
    ("google_contacts.csv", "google", "utf-8-sig", 4,
     [(4, "kept under its email address: the row has no name"), (5, "no name (only the company 'Initech')")]),
    ("google_contacts_old.csv", "google", "utf-8", 1, [(3, "company card ('Umbrella Corp'), not a person")]),
    ("outlook_desktop.csv", "outlook", "cp1252", 2, [(4, "no name (only the company 'Contoso Ltd')")]),
    ("outlook_com.csv", "outlook", "utf-8-sig", 2, []),
    ("apple_contacts.vcf", "vcard", "utf-8", 4, [
        (2, "company card, not a person; skipped"),
        (4, "line 36 ('EMAIL;type=INTERNET') is not a vCard property; skipped"),  # the card is kept
        (5, "kept under its email address: the row has no name")]),
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
                               RowProblem(4, "kept under its email address: the row has no name")]
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
    assert parsed.contacts["row"].tolist() == [2, 3, 4, 6]  # row 4 has only an email: kept under it


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


def test_rows_of_only_whitespace_are_blank_whatever_the_whitespace():
    # Unicode spaces (ideographic, no-break, NEL, em) count as blank like ASCII ones; a row with a letter does not.
    data = "Name,Notes\nAnn,x\n\u3000,\u00a0\n\t, \n\u00c9mile,\n\u2003,\u00e9\n,\u0085\nBob,y\n".encode()
    parsed = read_contacts("x.csv", data)
    assert parsed.contacts[["full_name", "row"]].values.tolist() == [["Ann", 2], ["\u00c9mile", 5], ["Bob", 8]]
    assert parsed.problems == [RowProblem(6, "no name")]


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


# ---- real-world vCards: every card readable is read ------------------------------------------------------

def card(*lines: str, end: str = "\r\n") -> bytes:
    return end.join(["BEGIN:VCARD", *lines, "END:VCARD", ""]).encode()


def test_vcard_21_quoted_printable_soft_line_breaks_outlook_and_android():
    outlook = card("VERSION:2.1", "N:Doe;John;;Mr.;III", "FN:John Doe III",
                   "NOTE;ENCODING=QUOTED-PRINTABLE:First line=0D=0ASecond line=0D=0A=", "Third line",
                   "LABEL;WORK;ENCODING=QUOTED-PRINTABLE:The Office=0D=0AAustin, TX 12345=0D=0AUnited States of Ameri=",
                   "ca", "EMAIL;PREF;INTERNET:jdoe@example.com")
    android = card("VERSION:2.1", "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=91u=C3=B1ez;Jos=C3=A9=",
                   "=20Mar=C3=ADa;;;", "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Jos=C3=A9 Mar=C3=ADa =C3=91u=",
                   "=C3=B1ez", "ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Telef=C3=B3nica=", "", "TEL;CELL:123")
    parsed = read_contacts("contacts.vcf", outlook + android)
    assert parsed.problems == []
    john, jose = parsed.contacts.iloc[0], parsed.contacts.iloc[1]
    assert (john["full_name"], john["notes"], john["email"]) == ("John Doe III", "First line\r\nSecond line\r\nThird "
                                                                                  "line", "jdoe@example.com")
    assert (jose["full_name"], jose["first_name"], jose["last_name"]) == ("José María Ñuñez", "José María", "Ñuñez")
    assert (jose["company"], jose["phone"]) == ("Telefónica", "123")


def test_vcard_lines_that_cannot_be_read_are_skipped_with_a_note_and_the_card_is_kept():
    data = card("VERSION:3.0", "PROFILE:VCard", "FN:Ana Ruiz", "PHOTO;ENCODING=b;TYPE=JPEG:%%%not base64%%%",
                " more junk ===", "this line has no colon", "TITLE;CHARSET=x-unknown:Analyst",
                "EMAIL;ENCODING=x-rot13:nan@ehvm.vb", "ORG:Acme")
    parsed = read_contacts("ana.vcf", data)
    ana = person(parsed, "Ana Ruiz")
    assert (ana["company"], ana["title"]) == ("Acme", "Analyst") and pd.isna(ana["email"])
    assert parsed.problems == [
        RowProblem(1, "line 7 ('this line has no colon') is not a vCard property; skipped"),
        RowProblem(1, "line 8: TITLE has an unknown character set 'x-unknown'; read as UTF-8"),
        RowProblem(1, "line 9: EMAIL has an unknown encoding 'X-ROT13'; skipped")]
    assert "PHOTO;ENCODING=b" in json.loads(ana["raw"])["vcard"]  # what was skipped is still in the raw card


@pytest.mark.parametrize("end", ["\r\n", "\n", "\r", "\r\r\n"])
def test_vcard_every_line_end_and_folds(end):
    data = card("VERSION:3.0", "N:Ruiz;Ana;;;", "FN:Ana", " Ruiz", "NOTE:first", "\tsecond", end=end)
    ana = read_contacts("ana.vcf", data * 2).contacts
    assert ana["full_name"].tolist() == ["AnaRuiz", "AnaRuiz"] and ana["notes"].tolist() == ["firstsecond"] * 2


def test_vcard_fold_inside_a_multibyte_character_and_8bit_text_without_charset():
    name = "Ελένη Παπαδοπούλου 王芳".encode()
    folded = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + name[:7] + b"\r\n " + name[7:20] + b"\r\n " + name[20:] \
        + b"\r\nEND:VCARD\r\n"
    parsed = read_contacts("greek.vcf", folded)
    assert (parsed.encoding, parsed.contacts["full_name"].tolist()) == ("utf-8", ["Ελένη Παπαδοπούλου 王芳"])
    the_bat = card("VERSION:2.1", "N;ENCODING=QUOTED-PRINTABLE:Iksi=F1ski;Piotr",
                   "FN;ENCODING=QUOTED-PRINTABLE:Piotr Iksi=F1ski")
    parsed = read_contacts("thebat.vcf", the_bat)
    assert parsed.contacts["full_name"].tolist() == ["Piotr Iksiñski"] and parsed.encoding == "cp1252"
    raw_8bit = b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=windows-1252:Do\xeb;John\r\nFN:John Do\xeb\r\nEND:VCARD\r\n"
    assert read_contacts("doe.vcf", raw_8bit).contacts["full_name"].tolist() == ["John Doë"]


def test_vcard_names_from_a_nickname_and_cards_that_are_not_people():
    data = card("VERSION:3.0", "FN:", "N:;;;;", "NICKNAME:Johnny,JJ") + card("VERSION:4.0", "KIND:org", "FN:Acme") \
        + card("VERSION:3.0", "EMAIL:only@example.com")
    parsed = read_contacts("x.vcf", data)
    assert parsed.contacts["full_name"].tolist() == ["Johnny", "only@example.com"]
    assert parsed.problems == [RowProblem(2, "card for an organisation (KIND:org), not a person; skipped"),
                               RowProblem(3, "kept under its email address: the row has no name")]


def test_vcard_escapes_and_grouped_properties():
    data = card("VERSION:3.0", r"N:O\,Neil;Zoë;Anne\,Marie;;", r"FN:Zoë O\,Neil", r"ORG:Globex\, Inc.;Sales\;EU",
                r"CATEGORIES:friend\, old,mentor", r"item1.URL;type=pref:http\://www.linkedin.com/in/zoe",
                "item1.X-ABLabel:_$!<HomePage>!$_", r"NOTE:line\nnext\\end")
    zoe = read_contacts("z.vcf", data).contacts.iloc[0]
    assert (zoe["full_name"], zoe["first_name"], zoe["last_name"]) == ("Zoë O,Neil", "Zoë", "O,Neil")
    assert (zoe["company"], list(zoe["tags"]), zoe["linkedin_url"]) == (
        "Globex, Inc.", ["friend", "old", "mentor"], "http://www.linkedin.com/in/zoe")
    assert zoe["notes"] == "line\nnext\\end"


# ---- CSV in CJK code pages, dates, honorifics, headerless files ------------------------------------------

@pytest.mark.parametrize(("encoding", "names", "companies"), [
    ("shift_jis", ["山田太郎", "名無しの権兵衛"], ["株式会社テスト", "ソニー"]),  # Thunderbird, Excel (Japan)
    ("cp932", ["佐藤花子", "鈴木一郎"], ["トヨタ自動車", "任天堂"]),
    ("gb18030", ["张伟", "王芳"], ["北京科技有限公司", "华为"]),
    ("euc_kr", ["김민수", "이영희"], ["삼성전자", "현대자동차"]),
    ("big5", ["陳大文", "林志玲"], ["台灣積體電路製造", "鴻海"]),
])
def test_cjk_code_pages(encoding, names, companies):
    people = zip(names, companies, strict=True)
    rows = [["Display Name", "Organization", "Primary Email"]] + [[n, c, f"p{i}@ex.com"] for i, (n, c) in
                                                                  enumerate(people)]
    parsed = read_contacts("x.csv", csv_bytes(rows, encoding))
    assert parsed.contacts["full_name"].tolist() == names and parsed.contacts["company"].tolist() == companies
    assert parsed.encoding == {"shift_jis": "cp932", "euc_kr": "cp949"}.get(encoding, encoding)


@pytest.mark.parametrize("text", ["Name,Notes\nJürgen Groß,Café – 5€\n", "Name\nO’Neil “Bob”\n",
                                  "Name\nÉlodie Lefèvre\nHélène Ñúñez\n", "Name\nÅsa Ørsted\n"])
def test_western_code_pages_are_not_taken_for_cjk(text):
    parsed = read_contacts("x.csv", text.encode("cp1252"))
    assert parsed.encoding == "cp1252" and "\n".join(parsed.contacts["full_name"]) in text


@pytest.mark.parametrize(("dates", "expected"), [
    (["07 Mar 2021", "14 Nov 2019"], [dt.date(2021, 3, 7), dt.date(2019, 11, 14)]),  # LinkedIn today
    (["1/8/18, 6:14 PM", "12/31/17, 11:02 AM"], [dt.date(2018, 1, 8), dt.date(2017, 12, 31)]),  # older exports
    (["15-Jan-24", "5-May-25"], [dt.date(2024, 1, 15), dt.date(2025, 5, 5)]),  # Excel (en-US) re-save
    (["3/7/2021", "11/14/2019"], [dt.date(2021, 3, 7), dt.date(2019, 11, 14)]),  # Excel (en-US), month first
    (["07/03/2021", "14/11/2019"], [dt.date(2021, 3, 7), dt.date(2019, 11, 14)]),  # Excel (en-GB): a 14 settles it
    (["07.03.2021", "2021-03-07 00:00:00"], [dt.date(2021, 3, 7), dt.date(2021, 3, 7)]),  # de-DE, ISO with time
])
def test_linkedin_dates_across_years_and_excel_resaves(dates, expected):
    rows = [make_samples.LINKEDIN_HEADER] + [["Ann", f"Lee{i}", f"https://www.linkedin.com/in/ann{i}", "", "Acme",
                                              "CTO", d] for i, d in enumerate(dates)]
    parsed = read_contacts("Connections.csv", csv_bytes(rows))
    assert parsed.contacts["connected_on"].tolist() == expected and parsed.problems == []


def test_an_honorific_title_column_is_not_the_job_title():
    outlook_like = csv_bytes([["Display Name", "Title", "First Name", "Last Name", "Company", "Job Title"],
                              ["Ann Lee", "Dr.", "Ann", "Lee", "Acme", "Chief Data Officer"]])
    assert read_contacts("x.csv", outlook_like).contacts["title"].tolist() == ["Chief Data Officer"]
    honorific_only = csv_bytes([["Title", "First Name", "Last Name"], ["Mr.", "Tom", "Berg"], ["Ms", "Ann", "Lee"],
                                ["Dr", "Kim", "Ito"]])
    parsed = read_contacts("x.csv", honorific_only)
    assert "title" not in parsed.mapping and parsed.contacts["title"].isna().all()
    rolodex = csv_bytes([["Name", "Company", "Title"], ["Ann Lee", "Acme", "CEO"]])
    assert read_contacts("x.csv", rolodex).contacts["title"].tolist() == ["CEO"]


def test_a_headerless_file_is_mapped_by_column_position():
    data = b"John Doe,John,Doe,john@doe.invalid\r\nJane Doe,Jane,Doe,jane@doe.invalid\r\n"
    with pytest.raises(MappingNeeded) as needed:
        read_contacts("no_header.csv", data)
    assert needed.value.headerless and needed.value.columns == ["John Doe", "John", "Doe", "john@doe.invalid"]
    assert "map by position instead, e.g. full_name=1" in needed.value.message
    parsed = read_contacts("no_header.csv", data, mapping={"full_name": "1", "email": "4"})
    assert parsed.columns == ["1", "2", "3", "4"] and parsed.mapping == {"full_name": "1", "email": "4"}
    assert parsed.contacts[["full_name", "email", "row"]].values.tolist() == [
        ["John Doe", "john@doe.invalid", 1], ["Jane Doe", "jane@doe.invalid", 2]]
    assert json.loads(parsed.contacts["raw"][0]) == {"1": "John Doe", "2": "John", "3": "Doe", "4": "john@doe.invalid"}
    with pytest.raises(ImportFileError, match="there is no column 7: this file has 4 columns"):
        read_contacts("no_header.csv", data, mapping={"full_name": "7"})


def test_a_headerless_workbook_is_mapped_by_column_position():
    from openpyxl import Workbook

    book = Workbook()
    book.active.append([None])
    for row in (["asas", "email@email.com"], ["Name2", "email@emails.com"]):
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(MappingNeeded) as needed:
        read_contacts("people.xlsx", buffer.getvalue())
    assert needed.value.headerless
    parsed = read_contacts("people.xlsx", buffer.getvalue(), mapping={"full_name": "1", "email": "2"})
    assert parsed.contacts[["full_name", "email", "row"]].values.tolist() == [
        ["asas", "email@email.com", 2], ["Name2", "email@emails.com", 3]]


def test_an_unrecognised_header_is_not_taken_for_data():
    with pytest.raises(MappingNeeded) as needed:
        read_contacts("x.csv", b"id,amount\n1,2\n")
    assert not needed.value.headerless and "position" not in needed.value.message


def test_a_quoted_cell_over_128_kb_is_read_and_an_unclosed_quote_is_still_refused():
    letter = "Dear Ana,\n" + "x, " * 100_000
    data = csv_bytes([["Name", "Notes", "Company"], ["Ana", letter, "Acme"], ["Tom", "short", "Initech"]])
    assert read_contacts("x.csv", data).contacts["notes"].tolist() == [letter.strip(), "short"]
    ragged = csv_bytes([["Name", "Notes"], ["Ana", letter, "extra"], ["Tom", "short"]])  # the slower reader too
    assert read_contacts("x.csv", ragged).contacts["notes"].tolist() == [letter.strip(), "short"]
    unclosed = b'Name,Notes\nAna,fine\nTom,"never closed\n' + b"Eve,more\n" * 10
    with pytest.raises(ImportFileError, match="row 3: a quote opens there and is never closed"):
        read_contacts("x.csv", unclosed)


def test_two_people_sharing_one_linkedin_url_are_reported_not_mixed():
    data = csv_bytes([["Name", "LinkedIn", "Company"],
                      ["Ana Ruiz", "https://www.linkedin.com/in/ana-ruiz/", "Acme"],
                      ["Tom Berg", "http://linkedin.com/in/Ana-Ruiz?trk=x", "Initech"],
                      ["Dr. Ana Ruiz", "https://de.linkedin.com/in/ana-ruiz", "Acme"]])  # the same person again
    parsed = read_contacts("x.csv", data)
    assert parsed.contacts["full_name"].tolist() == ["Ana Ruiz", "Tom Berg", "Dr. Ana Ruiz"]
    assert parsed.contacts["linkedin_url"].isna().tolist() == [False, True, False]
    assert parsed.problems == [RowProblem(3, "same LinkedIn URL as row 2 (Ana Ruiz) but another name: kept as a "
                                             "separate person without the URL; check whose profile it is")]
    assert json.loads(parsed.contacts["raw"][1])["LinkedIn"] == "http://linkedin.com/in/Ana-Ruiz?trk=x"
    from engine.merge import plan_merge

    plan = plan_merge(parsed.contacts, pd.DataFrame(columns=["id", *CONTACT_FIELDS]))
    assert plan.rows["action"].tolist() == ["add", "add", "skip"]  # Tom is a person of his own
