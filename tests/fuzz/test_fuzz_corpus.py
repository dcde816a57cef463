"""The fuzzing corpus (tests/data/fuzz): the nastiest files import with their problems reported, or are refused with
a clear ImportFileError, never another exception; through the store each is one whole batch or nothing. And names
in every script survive import, store, export and re-import byte for byte.

The hypothesis properties over arbitrary bytes and CSV shapes live in test_readers_fuzz.py; these are fixed files.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from engine import exporting
from engine.importing import preview_files
from engine.merge import plan_merge
from engine.readers import ImportFileError, ParsedFile, RowProblem, read_contacts
from engine.store import Store

ROOT = Path(__file__).resolve().parents[2]
FUZZ = ROOT / "tests" / "data" / "fuzz"
sys.path.insert(0, str(FUZZ))
import make_corpus  # noqa: E402

CORPUS = make_corpus.corpus()
MB10 = 10 * 1024 * 1024
GENERATED = {  # too big to commit
    "cell_10mb.csv": lambda: b"Name,Notes\nAna,\"" + b"x, " * (MB10 // 3) + b"\"\nTom,short\n",
    "name_10mb.csv": lambda: b"Name,Notes\n" + b"y" * MB10 + b",n\nTom,short\n",
    "vcard_note_10mb.vcf": lambda: b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nNOTE:" + b"z" * MB10
    + b"\r\nEND:VCARD\r\n",
    "columns_3000.csv": lambda: ("Name," + ",".join(f"c{i}" for i in range(3000)) + "\nAna,"
                                 + ",".join("v" * 3000) + "\n").encode(),
    "nul_after_the_sniffed_part.csv": lambda: b"Name,Company\n" + b"".join(b"P%d,Acme\n" % i for i in range(20_000))
    + b"Tom\x00Ruiz,Initech\n",
    "binary_after_the_sniffed_part.csv": lambda: b"Name,Company\n" + b"Ana,Acme\n" * 20_000 + bytes(range(256)) * 8,
}
# What some files must come to: ("refused", words of the message) or ("read", contacts, words of a problem or None)
EXPECTED = {
    "nul_in_cell.csv": ("refused", "not a text file"),
    "nul_only.csv": ("refused", "not a text file"),
    "bom_only.csv": ("refused", "file is empty"),
    "whitespace_only.csv": ("refused", "file is empty"),
    "header_only_linkedin.csv": ("read", 0, None),
    "header_only_generic.csv": ("read", 0, None),
    "header_only_no_newline.csv": ("read", 0, None),
    "ragged_rows.csv": ("read", 4, "the extra cells were ignored"),
    "linkedin_preamble_crlf_bom.csv": ("read", 1, None),
    "linkedin_preamble_semicolons.csv": ("read", 1, None),
    "linkedin_preamble_quoted_commas.csv": ("read", 1, None),
    "linkedin_preamble_only.csv": ("refused", "could not find a name column"),
    "vcard_unterminated.vcf": ("read", 0, "not closed with END:VCARD"),
    "vcard_second_unterminated.vcf": ("read", 1, "not closed with END:VCARD"),
    "vcard_folded_lines.vcf": ("read", 1, None),
    # N reads (its broken escape kept as written); FN stops inside a character and is left out
    "vcard_quoted_printable_broken.vcf": ("read", 1, "FN ends in the middle of a character; skipped"),
    "vcard_no_name.vcf": ("read", 1, "kept under its email address: the row has no name"),
    "utf16le_no_bom.csv": ("read", 2, None),
    "utf16_bom_broken.csv": ("refused", "not valid UTF-16"),
    "mixed_line_endings.csv": ("read", 4, None),
    "really_json.csv": ("refused", "could not find a name column"),
    "really_zip_of_text.xlsx": ("refused", "not a readable Excel workbook"),
    "really_zip_of_csv.csv": ("refused", "not a readable Excel workbook"),
    "zip_with_broken_workbook.xlsx": ("refused", "not a readable Excel workbook"),
    "truncated_zip.xlsx": ("refused", "not a readable Excel workbook"),
    "cell_10mb.csv": ("read", 2, None),
    "columns_3000.csv": ("read", 1, None),
}


def outcome(name: str, data: bytes) -> ParsedFile | ImportFileError:
    """Read a file; only ImportFileError may come out, with a message a person can act on."""
    try:
        parsed = read_contacts(name, data)
    except ImportFileError as e:
        assert str(e) == f"{name}: {e.message}" and e.file == name
        assert 10 <= len(e.message) <= 400 and "Traceback" not in e.message and "\n" not in e.message
        return e
    contacts = parsed.contacts
    assert contacts["full_name"].notna().all() and (contacts["full_name"].str.strip() != "").all()
    assert contacts["row"].is_unique
    assert all(isinstance(json.loads(raw), dict) for raw in contacts["raw"])
    assert all(isinstance(p, RowProblem) and p.row >= 0 and p.message for p in parsed.problems)
    skipped = {p.row for p in parsed.problems if p.message.startswith(("no name", "company card", "card "))}
    assert not skipped & set(contacts["row"])
    return parsed


def check_expected(name: str, result: ParsedFile | ImportFileError) -> None:
    if name not in EXPECTED:
        return
    expected = EXPECTED[name]
    if expected[0] == "refused":
        assert isinstance(result, ImportFileError) and expected[1] in result.message, result
    else:
        assert isinstance(result, ParsedFile), result
        assert len(result.contacts) == expected[1]
        messages = [p.message for p in result.problems]
        assert (messages == []) if expected[2] is None else any(expected[2] in m for m in messages), messages


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_committed_corpus_matches_its_generator(name):
    assert (FUZZ / name).read_bytes() == CORPUS[name]


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_each_corpus_file_imports_with_problems_or_is_refused_clearly(name):
    check_expected(name, outcome(name, (FUZZ / name).read_bytes()))


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_huge_and_late_nasties_import_or_are_refused(name):
    check_expected(name, outcome(name, GENERATED[name]()))


def test_a_quote_never_closed_is_reported_not_swallowed():
    rows = [f"Person{i},Company{i}" for i in range(1000)]
    rows[9] = '"Person9,Company9'  # an opening quote on row 11 of the sheet, never closed
    try:
        parsed = read_contacts("contacts.csv", ("Name,Company\n" + "\n".join(rows) + "\n").encode())
    except ImportFileError as e:
        assert "quote" in e.message and "row 11" in e.message
        return
    assert len(parsed.contacts) >= 999 or any(p.row == 11 for p in parsed.problems)


def test_utf16_without_bom_of_non_latin_names_imports():
    names = ["Мария Иванова", "Дмитрий Петров", "王芳", "李娜", "Zoë Müller"]
    data = ("Name,Company\r\n" + "".join(f"{n},Acme\r\n" for n in names)).encode("utf-16-le")
    assert read_contacts("contacts.csv", data).contacts["full_name"].tolist() == names


def test_characters_lost_in_decoding_are_reported():
    parsed = read_contacts("contacts.csv", b"\xef\xbb\xbfName,Company\nJos\xe9,Acme\nAna,Foo\n")
    lost = parsed.contacts[parsed.contacts["full_name"].str.contains("\ufffd")]
    assert lost.empty or {p.row for p in parsed.problems} >= set(lost["row"])


# ---- through the store ---------------------------------------------------------------------------------------

class Interrupted(Exception):
    pass


def state(store: Store) -> tuple:
    counts = store.read("SELECT (SELECT count(*) FROM contacts) c, (SELECT count(*) FROM contact_sources) s, "
                        "(SELECT count(*) FROM import_batches) b, (SELECT count(*) FROM contact_changes) x").iloc[0]
    contacts = store.read("SELECT * EXCLUDE (created_at, updated_at) FROM contacts ORDER BY id").to_csv()
    return tuple(int(v) for v in counts), contacts


def test_the_whole_corpus_through_the_store_is_whole_batches_or_nothing(tmp_path, monkeypatch):
    files = {**{n: (FUZZ / n).read_bytes() for n in sorted(CORPUS)}, "cell_10mb.csv": GENERATED["cell_10mb.csv"]()}
    real_write = Store.write

    def write_then_fail(self, fn):  # every statement of the batch runs, then the transaction fails
        def body(cur):
            fn(cur)
            raise Interrupted
        return real_write(self, body)

    refused = batches = 0
    with Store(tmp_path / "unstuck.duckdb") as store:
        store.add_contact(full_name="Ana", company="Acme")  # someone the corpus may merge into
        for name, data in files.items():
            preview = preview_files([(name, data)], store.contacts())[0]
            if preview.error:
                refused += 1
                continue
            before = state(store)
            args = (name, preview.parsed.format, preview.parsed.encoding, preview.parsed.contacts,
                    preview.plan.rows, dict.fromkeys(preview.ambiguous.index, "add"))
            monkeypatch.setattr(Store, "write", write_then_fail)
            try:
                store.apply_import(*args)
            except Interrupted:
                pass
            finally:
                monkeypatch.setattr(Store, "write", real_write)
            assert state(store) == before, f"{name}: a failed import left part of itself"
            result = store.apply_import(*args)
            if result.batch_id is None:
                assert state(store) == before
                continue
            batches += 1
            (contacts, sources, n_batches, changes), _ = state(store)
            assert n_batches == before[0][2] + 1
            assert store.scalar("SELECT count(*) FROM contacts WHERE batch_id = ?", [result.batch_id]) == \
                result.added == contacts - before[0][0]
            assert store.scalar("SELECT count(*) FROM contact_changes WHERE batch_id = ?", [result.batch_id]) == \
                result.merged == changes - before[0][3]
            assert store.scalar("SELECT count(*) FROM contact_sources WHERE batch_id = ?", [result.batch_id]) == \
                sources - before[0][1] >= result.added
    assert refused >= 10 and batches >= 15


def test_the_cli_imports_the_whole_corpus_without_a_traceback(tmp_path):
    run = subprocess.run([sys.executable, "-m", "engine.cli", "import", "--db", str(tmp_path / "u.duckdb"), "--json",
                          *[str(FUZZ / n) for n in sorted(CORPUS)]], cwd=ROOT, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 2, run.stderr[-2000:]  # 2: some files could not be read, and said so
    assert "Traceback" not in run.stderr
    report = json.loads(run.stdout)
    assert len(report["files"]) == len(CORPUS)
    refused = [f for f in report["files"] if "error" in f]
    assert refused and all(f"unstuck import: {f['file']}: {f['error']}" in run.stderr for f in refused)


# ---- names in every script, byte for byte ------------------------------------------------------------------------

NAMES = ["José Müller", "Zoë O'Neil", "王芳", "Мария Иванова", "محمد عبد الله", "Sam 🌱 Okafor", "👩🏽‍💻 Dev",
         "Ana 🇪🇸 Ruiz", unicodedata.normalize("NFD", "José Núñez"), "Nguyễn Thị Minh Khai", "Þórunn Ægisdóttir",
         "Łukasz Żółć", "Straße Groß", "ǅemal Đurić", "Ελένη Παπαδοπούλου", "דוד כהן", "สมชาย ใจดี",
         "अनीता शर्मा", "김민준", "佐藤 花子", "-Zoë Minus", "+Plus Person", "@Handle Name", "=Equals Sign"]


def people() -> list[dict[str, str]]:
    return [{"full_name": n, "company": f"Firma {n}", "title": f"Leiter·in {n[::-1]}", "notes": f"«{n}» ✓"}
            for n in NAMES]


def as_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Name", "Company", "Title", "Notes"])
    writer.writerows([p["full_name"], p["company"], p["title"], p["notes"]] for p in people())
    return out.getvalue().encode("utf-8")


def as_vcard() -> bytes:
    def esc(v: str) -> str:
        return v.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    cards = [f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{esc(p['full_name'])}\r\nN:{esc(p['full_name'])};;;;\r\n"
             f"ORG:{esc(p['company'])}\r\nTITLE:{esc(p['title'])}\r\nNOTE:{esc(p['notes'])}\r\nEND:VCARD\r\n"
             for p in people()]
    return "".join(cards).encode("utf-8")


def fields(frame) -> list[dict[str, bytes]]:
    """The four text fields of each person as UTF-8 bytes, in the order of NAMES."""
    rows = {r["full_name"]: r for r in frame[["full_name", "company", "title", "notes"]].to_dict("records")}
    return [{k: str(rows[n][k]).encode("utf-8") for k in ("full_name", "company", "title", "notes")}
            if n in rows else {"missing": n.encode()} for n in NAMES]


EXPECTED_FIELDS = [{k: v.encode("utf-8") for k, v in p.items()} for p in people()]


def import_into(store: Store, name: str, data: bytes) -> None:
    parsed = read_contacts(name, data)
    assert parsed.problems == []
    plan = plan_merge(parsed.contacts, store.contacts())
    store.apply_import(name, parsed.format, parsed.encoding, parsed.contacts, plan.rows,
                       dict.fromkeys(plan.rows.index[plan.rows["action"] == "ambiguous"], "add"))


@pytest.mark.parametrize("source", ["contacts.csv", "contacts.vcf"])
def test_names_in_every_script_round_trip_byte_for_byte(tmp_path, source):
    data = as_csv() if source.endswith(".csv") else as_vcard()
    assert fields(read_contacts(source, data).contacts) == EXPECTED_FIELDS
    with Store(tmp_path / "first.duckdb") as store:
        import_into(store, source, data)
        assert fields(store.contacts()) == EXPECTED_FIELDS
        table = exporting.contacts_table(store.contacts())
    exported = {"export.csv": exporting.to_csv(table), "export.xlsx": exporting.to_xlsx(table, "contacts")}
    for name, data in exported.items():
        assert fields(read_contacts(name, data).contacts) == EXPECTED_FIELDS, name
        with Store(tmp_path / f"again-{name}.duckdb") as again:  # and into a store once more
            import_into(again, name, data)
            assert fields(again.contacts()) == EXPECTED_FIELDS, name
            assert exporting.to_csv(exporting.contacts_table(again.contacts()).drop(columns="Id")) == \
                exporting.to_csv(table.drop(columns="Id"))
