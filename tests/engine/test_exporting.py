import csv
import io
from datetime import date

import pandas as pd
import pytest
from openpyxl import load_workbook

from engine.exporting import (
    contacts_table,
    neutralise,
    outreach_table,
    practice_table,
    to_csv,
    to_xlsx,
)
from engine.profile import make_profile
from engine.readers import read_contacts
from engine.scoring import score_contacts

NAMES = ["José Müller", "Zoë O'Neil", "王芳", "Sam 🌱 Okafor", "<img src=x onerror=alert(1)>"]
RISKY = ["=HYPERLINK(\"http://evil\")", "+Growth Marketing Lead", "-1+2", "@SUM(A1)", "\tTabbed", "plain"]


@pytest.mark.parametrize("value, safe", [("=1+1", "'=1+1"), ("+Lead", "'+Lead"), ("-x", "'-x"), ("@a", "'@a"),
                                         ("\tx", "'\tx"), ("\rx", "'\rx"), ("Ana", "Ana"), ("", ""), (3, 3)])
def test_neutralise(value, safe):
    assert neutralise(value) == safe


def scored():
    contacts = pd.DataFrame({"id": range(1, 7), "full_name": NAMES + ["Ana Ruiz"], "company": RISKY,
                             "title": ["Data Scientist", "Recruiter", "Nurse", "VP Data", "Analyst", "Cook"],
                             "tags": [["friend", "=x"], [], [], [], [], []], "tie_strength": [5, 1, 2, 3, 4, None],
                             "connected_on": [date(2021, 3, 7)] * 6})
    return score_contacts(contacts, make_profile(target_role="Data Scientist"))


def test_csv_neutralises_every_formula_looking_cell():
    table = contacts_table(scored())
    cells = pd.read_csv(io.BytesIO(to_csv(table)), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    companies = set(cells["Company"])
    assert {"'" + risky for risky in RISKY[:-1]} <= companies and "plain" in companies
    assert not cells.map(lambda c: c.startswith(("=", "+", "-", "@", "\t", "\r"))).any().any()


def test_excel_keeps_exact_values_as_text_cells_that_never_run():
    table = contacts_table(scored())
    sheet = load_workbook(io.BytesIO(to_xlsx(table, "contacts"))).active
    header = [c.value for c in sheet[1]]
    back = pd.DataFrame([[c.value for c in row] for row in sheet.iter_rows(min_row=2)], columns=header)
    assert list(back["Company"]) == list(table["Company"])  # '=HYPERLINK(...)', '+Growth ...', '-1+2': no apostrophe
    assert list(back["Full name"]) == list(table["Full name"])
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert all(c.data_type == "s" for row in sheet.iter_rows() for c in row if isinstance(c.value, str))


PHONES = ["+1 (626) 555-0102", "=1+1", "-5", "@home", "0049 30 1234567", "+44 20 7946 0958"]


def phone_book() -> pd.DataFrame:
    return contacts_table(pd.DataFrame({"id": range(1, 7), "full_name": [f"P{i}" for i in range(6)],
                                        "phone": PHONES, "notes": ["line one\nline two", "\tindented", "", "x",
                                                                   "=SUM(A1:A9)", "café ☕"]}))


def test_phone_numbers_come_back_exactly_from_excel_and_from_csv_through_the_importer():
    sheet = load_workbook(io.BytesIO(to_xlsx(phone_book(), "contacts"))).active
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    assert [r["Phone"] for r in rows] == PHONES
    assert [r["Notes"] for r in rows] == ["line one\nline two", "\tindented", None, "x", "=SUM(A1:A9)", "café ☕"]
    raw_csv = list(csv.DictReader(io.StringIO(to_csv(phone_book()).decode("utf-8-sig"))))
    assert [r["Phone"] for r in raw_csv] == ["'+1 (626) 555-0102", "'=1+1", "'-5", "'@home", "0049 30 1234567",
                                             "'+44 20 7946 0958"]
    for data, name in ((to_csv(phone_book()), "c.csv"), (to_xlsx(phone_book(), "contacts"), "c.xlsx")):
        parsed = read_contacts(name, data).contacts.set_index("full_name")
        assert [parsed.loc[f"P{i}", "phone"] for i in range(6)] == PHONES, name
        assert parsed.loc["P4", "notes"] == "=SUM(A1:A9)" and parsed.loc["P5", "notes"] == "café ☕"


def test_flags_and_reasons_are_readable_and_the_order_is_by_priority():
    table = contacts_table(scored())
    assert table["Priority"].tolist() == sorted(table["Priority"], reverse=True)
    recruiter = table.set_index("Full name").loc["Zoë O'Neil"]
    assert recruiter["Flags"].startswith("HR or recruiting: works in HR")  # the flag in words, not its code
    codes = {"reached_out", "meeting", "to_approach", "hr_or_recruiting", "could_be_boss", "software_engineering",
             "c_level", "founder_owner"}
    for col in ("Status", "Flags", "Job family", "Seniority"):
        assert not set(table[col].dropna().astype(str)) & codes, col
        assert not any("_" in str(v) for v in table[col].dropna()), (col, table[col].tolist())
    assert table.set_index("Full name").loc["José Müller", "Tags"] == "friend; =x"


@pytest.mark.parametrize("to_bytes, name", [(to_csv, "contacts.csv"), (lambda t: to_xlsx(t, "contacts"),
                                                                         "contacts.xlsx")])
def test_export_then_import_gives_back_the_original_values(to_bytes, name):
    parsed = read_contacts(name, to_bytes(contacts_table(scored())))
    back = parsed.contacts.set_index("full_name")
    assert set(back.index) == set(NAMES + ["Ana Ruiz"])  # every script and emoji byte for byte
    for full_name, company in zip(NAMES + ["Ana Ruiz"], RISKY, strict=True):
        assert back.loc[full_name, "company"] == company.strip() or back.loc[full_name, "company"] == company
    assert list(back.loc["José Müller", "tags"]) == ["friend", "=x"]


def test_outreach_and_practice_tables():
    events = pd.DataFrame({"id": [1], "contact_id": [2], "kind": ["reached_out"], "channel": ["in_person"],
                           "note": ["=cmd"], "happened_on": [date(2026, 11, 2)], "energising": [False]})
    contacts = pd.DataFrame({"id": [2], "full_name": ["Ana"]})
    out = outreach_table(events, contacts)
    assert out.iloc[0].to_dict() == {"Id": 1, "Contact id": 2, "Contact": "Ana", "Date": "2026-11-02",
                                     "What": "Reached out", "Channel": "in person", "Note": "=cmd",
                                     "Energising": False}
    assert "'=cmd" in to_csv(out).decode("utf-8-sig")  # the apostrophe is the CSV's, not the table's
    planned = events.assign(kind=["meeting_scheduled"], meeting_at=[pd.Timestamp("2026-11-09 14:30")])
    assert outreach_table(planned, contacts).iloc[0]["Conversation at"] == "2026-11-09 14:30"
    practice = pd.DataFrame({"id": [1], "happened_on": [date(2026, 11, 1)], "topic": ["Bees"], "person": [None],
                             "feeling": [4], "learned": ["+ a lot"], "observed": [True]})
    assert practice_table(practice).iloc[0]["Learned"] == "+ a lot"
    assert "'+ a lot" in to_csv(practice_table(practice)).decode("utf-8-sig")


def test_every_email_and_phone_of_a_person_is_exported(store):
    ana = store.add_contact(full_name="Ana Ruiz", email="ana@work.example", phone="+1 555 0101")
    store.update_contacts({ana: {"email": "ana@home.example"}})  # the typed one becomes the primary
    table = contacts_table(score_contacts(store.contacts(), make_profile(target_role="Analyst")))
    row = table.set_index("Full name").loc["Ana Ruiz"]
    assert row["Email"] == "ana@home.example"
    assert row["All emails"] == "ana@home.example; ana@work.example" and row["All phones"] == "+1 555 0101"
