import pandas as pd

from engine.importing import change_report, preview_files
from engine.merge import plan_merge
from engine.profile import make_profile

PROFILE = make_profile(target_role="Data Scientist", companies="Northwind Health: 5")
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def stored(*rows):
    frame = pd.DataFrame(rows, columns=["full_name", "company", "title", "linkedin_url"])
    frame.insert(0, "id", range(1, len(frame) + 1))
    for col in ("first_name", "last_name", "email", "phone", "notes", "tie_strength", "connected_on"):
        frame[col] = None
    frame["tags"] = [[] for _ in range(len(frame))]
    frame["manual_fields"] = [[] for _ in range(len(frame))]
    return frame


def test_a_move_to_a_target_company_or_into_the_target_role_is_highlighted():
    existing = stored(("Ana Ruiz", "Foo", "Data Analyst", "https://www.linkedin.com/in/ana"),
                      ("Ben Kim", "Bar", "Analyst", "https://www.linkedin.com/in/ben"),
                      ("Cleo Park", "Baz", "Nurse", "https://www.linkedin.com/in/cleo"))
    newer = (HEADER + "Ana,Ruiz,https://www.linkedin.com/in/ana,,Northwind Health,Data Analyst,01 Jan 2020\n"
             "Ben,Kim,https://www.linkedin.com/in/ben,,Bar,Data Scientist,01 Jan 2020\n"
             "Cleo,Park,https://www.linkedin.com/in/cleo,,Baz,Head Nurse,01 Jan 2020\n").encode()
    preview = preview_files([("Connections.csv", newer)], existing, PROFILE)[0]
    lines = dict(preview.changes)
    assert lines["Ana Ruiz: Data Analyst at Foo -> Data Analyst at Northwind Health"].startswith(
        "moved to a target company")
    assert lines["Ben Kim: Analyst at Bar -> Data Scientist at Bar"].startswith("now in your target role")
    assert lines["Cleo Park: Nurse at Baz -> Head Nurse at Baz"] is None


def test_without_a_profile_changes_are_listed_without_highlights():
    existing = stored(("Ana Ruiz", "Foo", "Data Analyst", "https://www.linkedin.com/in/ana"))
    incoming = existing.drop(columns=["id", "manual_fields"]).assign(company="Bar", row=2)
    assert change_report(plan_merge(incoming, existing), None) == [
        ("Ana Ruiz: Data Analyst at Foo -> Data Analyst at Bar", None)]


def test_later_files_are_planned_against_what_earlier_files_add():
    first = (HEADER + "Ana,Ruiz,https://www.linkedin.com/in/ana,,Foo,Data Analyst,01 Jan 2020\n").encode()
    second = b"Name,E-mail Address,Company\nAna Ruiz,ana@foo.example,Foo\n"
    a, b = preview_files([("a.csv", first), ("b.csv", second)], stored(), PROFILE)
    assert a.counts["add"] == 1 and b.counts["merge"] == 1 and b.counts["add"] == 0


def test_an_unreadable_file_is_reported_and_the_next_still_previewed():
    bad, good = preview_files([("x.csv", b""), ("y.csv", (HEADER + "A,B,,,C,D,\n").encode())], stored())
    assert bad.error and bad.summary()["error"] and good.counts["add"] == 1
