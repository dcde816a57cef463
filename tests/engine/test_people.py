import pandas as pd

from engine.people import check_new_person, clean_person


def stored(*rows):
    frame = pd.DataFrame(rows, columns=["id", "full_name", "email", "company"])
    for name in ("first_name", "last_name", "phone", "title", "linkedin_url", "notes", "connected_on",
                 "tie_strength"):
        frame[name] = None
    frame["tags"] = [[] for _ in range(len(frame))]
    frame["manual_fields"] = [[] for _ in range(len(frame))]
    frame["emails"] = [[e] if e else [] for e in frame["email"]]
    return frame


PEOPLE = stored((1, "Ana Ruiz", "ana@acme.example", "Acme"), (2, "Michael Brown", None, "Stripe"),
                (3, "Michael Brown", None, "Globex"))


def test_typed_fields_are_trimmed_and_a_name_is_required():
    fields, errors = clean_person({"full_name": "  Ana \n Ruiz ", "email": " ", "notes": " met at a fair "})
    assert fields == {"full_name": "Ana Ruiz", "notes": "met at a fair"} and not errors
    assert clean_person({"full_name": ""})[1] == {"full_name": "say who they are: a name is needed"}
    assert "300" in clean_person({"full_name": "x" * 301})[1]["full_name"]


def test_the_import_rules_decide_who_is_already_stored():
    same = check_new_person({"full_name": "A. Ruiz", "email": "ANA@acme.example"}, PEOPLE)
    assert (same.action, same.contact_id, same.reason) == ("same", 1, "same email")
    nickname = check_new_person({"full_name": "Mike Brown", "company": "Stripe Inc."}, PEOPLE)
    assert (nickname.action, nickname.contact_id) == ("same", 2) and "nickname" in nickname.reason
    unsure = check_new_person({"full_name": "Mike Brown"}, PEOPLE)
    assert unsure.action == "review" and set(unsure.candidates) == {2, 3}
    assert check_new_person({"full_name": "Zoe Quinn", "company": "Initech"}, PEOPLE).action == "add"


def test_an_edited_person_is_checked_against_everyone_but_themselves():
    ana = {"full_name": "Ana Ruiz", "email": "ana@acme.example"}
    assert check_new_person(ana, PEOPLE, exclude=1).action == "add"
    assert check_new_person(ana, PEOPLE, exclude=2).contact_id == 1
