"""engine.readers over fuzzed input: arbitrary bytes and CSV shapes import with their problems reported or are
refused with ImportFileError, never another exception; every row keeps its original cells. (Fixed nasty files:
test_fuzz_corpus.py; sample exports: tests/engine/test_readers.py.)"""

from __future__ import annotations

import csv
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.readers import ImportFileError, read_contacts


def csv_bytes(rows: list[list[str]], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    # "\r\n" makes the writer quote cells holding either character, as spreadsheet exports do.
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_raise_only_import_file_error(data):
    try:
        parsed = read_contacts("any.bin", data)
    except ImportFileError:
        return
    assert parsed.contacts["full_name"].notna().all()


HEADER_WORDS = ["Name", "First Name", "Last Name", "Email", "Company", "Title", "Notes", "Tags", "Vorname",
                "Connected On", "Tie strength", "URL", "x", "", "Name"]
CELLS = st.text(alphabet=st.sampled_from(list("ab é,;\t\"'\n\r=+-@:/.1😀")), max_size=12)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(header=st.lists(st.sampled_from(HEADER_WORDS), min_size=1, max_size=6),
       rows=st.lists(st.lists(CELLS, min_size=0, max_size=8), max_size=8),
       delimiter=st.sampled_from([",", ";", "\t"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
def test_arbitrary_csv_shapes_raise_only_import_file_error(header, rows, delimiter, encoding):
    try:
        data = csv_bytes([header, *rows], delimiter=delimiter).decode().encode(encoding)
    except UnicodeEncodeError:
        data = csv_bytes([header, *rows], delimiter=delimiter)
    try:
        parsed = read_contacts("shape.csv", data)
    except ImportFileError:
        return
    contacts = parsed.contacts
    assert contacts["full_name"].notna().all()
    assert contacts["row"].is_unique
    skipped = {p.row for p in parsed.problems if p.message.startswith(("no name", "company card"))}
    assert not skipped & set(contacts["row"])
    for raw in contacts["raw"]:
        assert isinstance(json.loads(raw), dict)


@settings(max_examples=100, deadline=None)
@given(rows=st.lists(st.tuples(st.text(min_size=1, max_size=10).filter(lambda s: s.strip() and "\x00" not in s),
                               st.text(max_size=10).filter(lambda s: "\x00" not in s)), min_size=1, max_size=6))
def test_raw_round_trips_the_cells(rows):
    data = csv_bytes([["Name", "Company"], *[list(r) for r in rows]])
    try:
        parsed = read_contacts("x.csv", data)
    except ImportFileError:
        return  # e.g. a cell full of control characters reads as binary
    for raw, row in zip(parsed.contacts["raw"], parsed.contacts["row"], strict=True):
        assert json.loads(raw) == dict(zip(["Name", "Company"], rows[row - 2], strict=True))
