from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.merge import plan_merge
from engine.readers import ImportFileError, read_contacts
from engine.store import StoreError

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "import"


def run_import(store, name, data=None, decisions=None):
    parsed = read_contacts(name, data if data is not None else (SAMPLES / name).read_bytes())
    plan = plan_merge(parsed.contacts, store.contacts())
    return store.apply_import(name, parsed.format, parsed.encoding, parsed.contacts, plan.rows, decisions)


def test_import_adds_contacts_with_their_source_rows(store):
    result = run_import(store, "linkedin_connections.csv")
    assert (result.added, result.merged) == (6, 0) and result.batch_id is not None
    contacts = store.contacts().set_index("full_name")
    assert contacts.loc["José Müller", "company"] == "Acme Inc."
    assert str(contacts.loc["José Müller", "connected_on"])[:10] == "2020-01-15"
    sources = store.read("SELECT * FROM contact_sources")
    assert len(sources) == 6 and set(sources["format"]) == {"linkedin"}
    assert '"First Name": "José"' in sources.loc[sources["row_number"] == 6, "raw"].iloc[0]


def test_importing_the_same_file_twice_changes_nothing(store):
    run_import(store, "linkedin_connections.csv")
    snapshot = store.read("SELECT * EXCLUDE (created_at, updated_at) FROM contacts ORDER BY id")
    again = run_import(store, "linkedin_connections.csv")
    assert again.batch_id is None and again.added == again.merged == 0
    assert store.read("SELECT * EXCLUDE (created_at, updated_at) FROM contacts ORDER BY id").equals(snapshot)
    assert len(store.import_batches()) == 1 and len(store.read("SELECT * FROM contact_sources")) == 6


def test_a_second_format_merges_keeps_both_sources_and_undo_restores(store):
    run_import(store, "linkedin_connections.csv")
    result = run_import(store, "outlook_desktop.csv")
    assert (result.added, result.merged) == (0, 1)  # Chloé's LinkedIn title outranks the address book's
    people = store.contacts().set_index("full_name")
    assert people.loc["Chloé Martin", "title"] == "Chargée de recrutement"
    jose = people.loc["José Müller"]
    assert jose["email"] == "jose.muller@acme.example" and jose["company"] == "Acme Inc."
    formats = store.read("SELECT format FROM contact_sources WHERE contact_id = ?", [int(jose["id"])])
    assert sorted(formats["format"]) == ["linkedin", "outlook"]
    assert store.undo_import(result.batch_id) == {"removed": 0, "restored": 1}
    jose = store.contacts().set_index("full_name").loc["José Müller"]
    assert jose["email"] is None or jose["email"] != jose["email"]  # back to empty (None or NaN)
    assert len(store.read("SELECT * FROM contact_sources WHERE format = 'outlook'")) == 0


def test_undo_keeps_what_the_user_changed_since(store):
    run_import(store, "linkedin_connections.csv")
    result = run_import(store, "outlook_desktop.csv")
    jose = int(store.contacts().set_index("full_name").loc["José Müller", "id"])
    store.update_contacts({jose: {"phone": "+49 170 7654321"}})
    store.undo_import(result.batch_id)
    assert store.contacts().set_index("id").loc[jose, "phone"] == "+49 170 7654321"


def test_a_merge_never_overwrites_what_the_user_typed(store):
    run_import(store, "linkedin_connections.csv")
    chloe = int(store.contacts().set_index("full_name").loc["Chloé Martin", "id"])
    store.update_contacts({chloe: {"title": "My own words"}})
    run_import(store, "outlook_desktop.csv")
    assert store.contacts().set_index("id").loc[chloe, "title"] == "My own words"


def test_undo_refuses_when_it_would_delete_outreach_history(store):
    result = run_import(store, "linkedin_connections.csv")
    first = int(store.contacts()["id"].iloc[0])
    store.log_event(first, "reached_out", "2026-11-20")
    with pytest.raises(StoreError, match="logged outreach"):
        store.undo_import(result.batch_id)
    assert store.counts()["contacts"] == 6
    with pytest.raises(StoreError, match="no import number 99"):
        store.undo_import(99)


def test_undo_twice_is_refused(store):
    result = run_import(store, "linkedin_connections.csv")
    store.undo_import(result.batch_id)
    with pytest.raises(StoreError, match="already undone"):
        store.undo_import(result.batch_id)


@pytest.mark.parametrize("choice, contacts, open_pairs, kept_apart", [
    (None, 2, 1, 0),      # by default the row is stored, and the pair waits in the review queue
    ("add", 2, 0, 1),     # a different person, for good
    ("skip", 1, 0, 0),    # left out, because the user said so
])
def test_an_ambiguous_row_is_stored_unless_the_user_leaves_it_out(store, choice, contacts, open_pairs, kept_apart):
    store.add_contact(full_name="Ana Ruiz", company="Completely Different Co")
    data = b"First Name,Last Name,Company,Position\nAna,Ruiz,Foo,Data Analyst\n"
    result = run_import(store, "a.csv", data, decisions={0: choice} if choice else None)
    assert store.counts()["contacts"] == contacts and result.to_review == open_pairs
    assert len(store.possible_duplicates()) == open_pairs and len(store.possible_duplicates("kept_apart")) == kept_apart


def test_a_failure_half_way_leaves_the_store_as_it_was(store, monkeypatch):
    run_import(store, "linkedin_connections.csv")
    before = store.read("SELECT * EXCLUDE (created_at, updated_at) FROM contacts ORDER BY id")
    import engine.store.imports as store_module

    def broken(*args, **kwargs):  # fails after the merge's UPDATE ran, before its undo record is written
        raise duckdb.IOException("disk full")
    monkeypatch.setattr(store_module, "_json", broken)
    with pytest.raises(duckdb.IOException):
        run_import(store, "outlook_desktop.csv")
    assert store.read("SELECT * EXCLUDE (created_at, updated_at) FROM contacts ORDER BY id").equals(before)
    assert len(store.import_batches()) == 1
    assert len(store.read("SELECT * FROM contact_sources")) == 6


def test_hostile_and_formula_text_is_stored_verbatim(store):
    data = b"Name,Company,Title\n\"Robert'); DROP TABLE contacts;--\",=HYPERLINK(\"x\"),+Growth Lead\n"
    run_import(store, "evil.csv", data)
    row = store.contacts().iloc[0]
    assert row["full_name"] == "Robert'); DROP TABLE contacts;--"
    assert row["company"] == '=HYPERLINK("x")' and row["title"] == "+Growth Lead"


names = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(names, names, names, st.sampled_from(["", "a@b.example", "x@y.example"])),
                     max_size=12),
       header=st.sampled_from(["Name,Company,Title,Email", "First Name,Company,Position,Email Address",
                               "Nom;Entreprise;Poste;Courriel", "a,b,c,d"]))
def test_any_csv_imports_whole_or_not_at_all(store, rows, header):
    """Whatever the rows, the store ends with exactly what it had plus what the import reports, or unchanged."""
    sep = ";" if ";" in header else ","
    body = "\n".join(sep.join('"' + v.replace('"', '""') + '"' for v in row) for row in rows)
    before = store.counts()["contacts"]
    try:
        result = run_import(store, "random.csv", (header + "\n" + body).encode())
    except ImportFileError:
        assert store.counts()["contacts"] == before
        return
    assert store.counts()["contacts"] == before + result.added
    if result.batch_id is not None:
        sources = store.read("SELECT count(*) AS n FROM contact_sources WHERE batch_id = ?", [result.batch_id])
        assert sources["n"][0] >= result.added
