"""Contact exports from other projects' test suites (../shared/corpus/contact-files, read in place, never copied
here): no traceback anywhere, every re-import a no-op, and the people read per file as the manifest counts them,
apart from the few left out by design (each named below with why).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from engine.importing import preview_files
from engine.readers import ImportFileError, read_contacts
from engine.store import Store

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "contact-files"
pytestmark = pytest.mark.skipif(not (CORPUS / "manifest.csv").exists(),
                                reason=f"the outside corpus is not beside the checkout ({CORPUS})")


def manifest() -> list[dict]:
    if not (CORPUS / "manifest.csv").exists():
        return []
    with open(CORPUS / "manifest.csv", encoding="utf-8", newline="") as f:
        return [row for row in csv.DictReader(f) if row["expected_people_if_known"].strip()]


FILES = manifest()
# People the readers leave out on purpose: {path: (people read, why)}.
BY_DESIGN = {
    "generic_csv/gen_roundcube_email.csv": (0, "email addresses only, no names"),
    "outlook_csv/o_roundcube_outlook.csv": (0, "email addresses only, no names"),
    "vcard/vc_radicale_broken-vcards.vcf": (2, "deliberately broken (no N, no FN): kept under their emails"),
    "vcard/vc_monica_broken_vcard_stub.vcard": (0, "deliberately broken: BEGIN:VCAR"),
    "thunderbird_csv/tb_mozilla_tab_comma_mixed.csv": (0, "no header, first row comma- and the rest tab-separated"),
    "thunderbird_csv/tb_mozilla_csv_no_header.csv": (0, "no header row: read once mapped by position"),
    "xlsx/xlsx_mailblaster_contacts_template.xlsx": (0, "no header row: read once mapped by position"),
}
# What a person maps in the app (or with --map) for the files without a header row.
BY_POSITION = {"thunderbird_csv/tb_mozilla_csv_no_header.csv": {"full_name": "1", "email": "4"},
               "xlsx/xlsx_mailblaster_contacts_template.xlsx": {"full_name": "1", "email": "2"}}


def people_read(path: str, mapping: dict[str, str] | None = None) -> int:
    try:
        return len(read_contacts(Path(path).name, (CORPUS / path).read_bytes(), mapping=mapping).contacts)
    except ImportFileError:
        return 0  # refused with a message a person can act on; anything else is a traceback and fails


@pytest.mark.filterwarnings("ignore:Data Validation extension:UserWarning")
@pytest.mark.parametrize("row", FILES, ids=[r["path"] for r in FILES])
def test_people_read_per_file_match_the_manifest(row):
    expected = int(row["expected_people_if_known"])
    read = people_read(row["path"])
    assert read == BY_DESIGN.get(row["path"], (expected,))[0]
    if row["path"] in BY_POSITION:
        assert people_read(row["path"], BY_POSITION[row["path"]]) == expected


@pytest.mark.filterwarnings("ignore:Data Validation extension:UserWarning")
def test_people_read_overall():
    expected = sum(int(r["expected_people_if_known"]) for r in FILES)
    read = sum(people_read(r["path"]) for r in FILES)
    mapped = read + sum(people_read(p, m) for p, m in BY_POSITION.items())
    assert (expected, read, mapped) == (118, 104, 108)


@pytest.mark.slow  # a store, and 11 s: not in the fast subset
@pytest.mark.filterwarnings("ignore:Data Validation extension:UserWarning")
def test_every_file_imports_into_one_growing_store_and_importing_it_again_changes_nothing(tmp_path):
    with Store(tmp_path / "unstuck.duckdb") as store:
        for row in FILES:
            name, data = Path(row["path"]).name, (CORPUS / row["path"]).read_bytes()
            for attempt in ("first", "again"):
                preview = preview_files([(name, data)], store.contacts())[0]
                if preview.error:
                    break
                before = store.counts()
                result = store.apply_import(name, preview.parsed.format, preview.parsed.encoding,
                                            preview.parsed.contacts, preview.plan.rows)
                if attempt == "again":
                    assert (result.added, result.merged, result.batch_id) == (0, 0, None), name
                    assert store.counts() == before, name
