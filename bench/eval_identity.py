"""Import the identity evaluation set (tests/data/identity: one invented network exported five ways) in order, as
the app does, and count against truth.csv: true duplicates merged, offered for review or missed, false merges,
questions about people who were new, and the possible duplicates left among the stored contacts.

Run: `.venv/bin/python bench/eval_identity.py`   (prints figures and every row's outcome; asserts nothing;
tests/engine/test_identity_eval.py holds the figures to account)
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd

from engine.identity import possible_duplicates
from engine.importing import preview_files
from engine.readers import CONTACT_FIELDS

SET = Path(__file__).resolve().parents[1] / "tests" / "data" / "identity"
OUTCOMES = ("new", "merged", "offered", "missed", "twice in one file", "false merge", "false question")


def empty_store() -> pd.DataFrame:
    return pd.DataFrame(columns=["id", *CONTACT_FIELDS, "manual_fields"])


def evaluate(directory: Path = SET) -> tuple[dict[str, int], pd.DataFrame]:
    """(figures, one row per imported row: file, person, name, action, outcome, reason, evidence)."""
    truth = pd.read_csv(directory / "truth.csv")
    names = list(dict.fromkeys(truth["file"]))
    previews = preview_files([(n, (directory / n).read_bytes()) for n in names], empty_store())
    person_of: dict[int, str] = {}  # contact id (provisional, as preview_files numbers them) -> person
    has_contact: dict[str, str] = {}  # person -> the file that first brought them
    rows, added = [], []
    next_id = -1
    for name, preview in zip(names, previews, strict=True):
        assert preview.error is None and not preview.problems, (name, preview.error, preview.problems)
        people = truth.loc[truth["file"] == name, "person"].tolist()
        plan, parsed = preview.plan.rows, preview.parsed.contacts
        assert len(plan) == len(people), f"{name}: {len(plan)} rows read, truth has {len(people)}"
        new_id = {}  # incoming index -> provisional id of the contact it adds
        for index in plan.index[plan["action"] == "add"]:
            new_id[index] = next_id
            next_id -= 1
        for (index, row), person in zip(plan.iterrows(), people, strict=True):
            existed = person in has_contact
            if row["action"] == "add":
                # planning recognises only exact repeats within a file: possible_duplicates offers the rest
                outcome = ("twice in one file" if has_contact[person] == name else "missed") if existed else "new"
                person_of[new_id[index]] = person
                added.append({"id": new_id[index], **parsed.loc[index, list(CONTACT_FIELDS)].to_dict()})
            elif row["action"] == "ambiguous":
                right = any(person_of.get(int(c)) == person for c in row["candidates"])
                outcome = ("offered" if right else "missed") if existed else "false question"
            else:
                target = int(row["contact_id"]) if pd.notna(row["contact_id"]) else new_id[row["same_as"]]
                outcome = ("merged" if existed else "false merge") if person_of[target] == person else "false merge"
            has_contact.setdefault(person, name)
            rows.append({"file": name, "person": person, "name": parsed.loc[index, "full_name"],
                         "action": row["action"], "outcome": outcome, "reason": row["reason"],
                         "candidates": [person_of.get(int(c)) for c in row["candidates"]],
                         "evidence": row["evidence"]})
    outcomes = pd.DataFrame(rows)
    counts = outcomes["outcome"].value_counts()
    stored = pd.DataFrame(added)
    pairs = possible_duplicates(stored)
    same = [person_of[a] == person_of[b] for a, b in zip(pairs["a"], pairs["b"], strict=True)]
    twice = {p for p, k in Counter(person_of[i] for i in stored["id"]).items() if k > 1}
    offered = {person_of[a] for a, same_person in zip(pairs["a"], same, strict=True) if same_person}
    figures = {
        "files": len(names), "rows": len(outcomes), "people": truth["person"].nunique(),
        "true duplicates": int((outcomes["outcome"].isin(["merged", "offered", "missed", "twice in one file"])).sum()),
        **{o: int(counts.get(o, 0)) for o in OUTCOMES},
        "contacts stored": len(stored), "ambiguous rows": int((outcomes["action"] == "ambiguous").sum()),
        "people with no contact or question": len(set(truth["person"]) - set(outcomes.loc[
            outcomes["action"].isin(["add", "ambiguous"]), "person"])),
        "stored pairs offered, same person": sum(same), "stored pairs offered, two people": len(same) - sum(same),
        "stored twice and not offered": len(twice - offered),
    }
    return figures, outcomes


def main() -> None:
    figures, outcomes = evaluate()
    for key, value in figures.items():
        print(f"{key:>40}: {value}")
    print()
    with pd.option_context("display.width", 250, "display.max_colwidth", 120, "display.max_rows", 200):
        print(outcomes[["file", "name", "action", "outcome", "reason"]].to_string(index=False))


if __name__ == "__main__":
    main()
