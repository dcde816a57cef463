"""Hostile files are refused whole, quickly, naming the file and the limit; nothing is read from them.

Each is generated here (none is committed). Times and peak memory are measured by bench/bench_hostile.py; these
tests assert the refusal and its message.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from engine import readers
from engine.readers import LIMITS, ImportFileError, Limits, read_contacts


def workbook(sheet_xml: bytes | None = None, declared: int | None = None, parts: int = 0) -> bytes:
    """A real one-sheet workbook, its sheet replaced by `sheet_xml`; `declared` makes that part lie about its size."""
    book = Workbook()
    book.active.append(["Name", "Email"])
    book.active.append(["Ana Ruiz", "ana@example.com"])
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml" and sheet_xml is not None:
                data = sheet_xml
            target.writestr(info.filename, data)
        for i in range(parts):
            target.writestr(f"customXml/item{i}.xml", b"<x/>")
    data = out.getvalue()
    if declared is not None:  # patch the stated unpacked size of the sheet, in its local and central headers
        name = b"xl/worksheets/sheet1.xml"
        local = data.index(b"PK\x03\x04")
        while data[local + 30:local + 30 + len(name)] != name:
            local = data.index(b"PK\x03\x04", local + 4)
        central = data.index(b"PK\x01\x02")
        while data[central + 46:central + 46 + len(name)] != name:
            central = data.index(b"PK\x01\x02", central + 4)
        size = declared.to_bytes(4, "little")
        data = data[:local + 22] + size + data[local + 26:central + 24] + size + data[central + 28:]
    return data


def sheet(rows: bytes) -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><sheetData>' + rows + b"</sheetData></worksheet>")


def zip_bomb(unpacked: int = 1 << 30) -> bytes:
    """A sheet of `unpacked` bytes of blanks that compresses a thousandfold."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook())) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info.filename, source.read(info))
        with target.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(sheet(b"")[:-len(b"</sheetData></worksheet>")])
            block = b" " * (1 << 20)
            for _ in range(unpacked >> 20):
                part.write(block)
            part.write(b"</sheetData></worksheet>")
    return out.getvalue()


def wide_row(cells: int = 2_000_000) -> bytes:
    return workbook(sheet(b'<row r="1">' + b"<c><v>1</v></c>" * cells + b"</row>"))


def many_properties(count: int = 100_000) -> bytes:
    return b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Ruiz\r\n" + b"EMAIL:ana@example.com\r\n" * count + b"END:VCARD\r\n"


def refused(name: str, data: bytes, **kwargs) -> str:
    with pytest.raises(ImportFileError) as error:
        read_contacts(name, data, **kwargs)
    assert error.value.file == name and str(error.value).startswith(f"{name}: ")
    return error.value.message


def test_a_zip_bomb_is_refused_by_its_unpacked_size():
    bomb = zip_bomb(256 << 20)  # 256 MB of blanks in about 250 KB
    assert len(bomb) < 1 << 20
    assert refused("bomb.xlsx", bomb) == "the workbook unpacks to 256 MB; the limit is 128 MB"


def test_a_part_that_understates_its_size_cannot_unpack_to_more():
    lying = workbook(sheet(b"<row><c><v>1</v></c></row>" * 200_000), declared=1000)
    assert "not a readable Excel workbook" in refused("lying.xlsx", lying)


def test_a_row_of_two_million_cells_is_refused_before_it_is_built():
    message = refused("wide.xlsx", wide_row())
    assert message == "a row has more than 16,384 cells; the limit is 16,384 (as in Excel)"


@pytest.mark.parametrize(("rows", "message"), [
    (b'<row r="1"><c r="XFDA1"><v>1</v></c></row>', "a cell lies beyond Excel's last row or column (XFD1048576)"),
    (b'<row r="99999999"><c><v>1</v></c></row>', "a cell lies beyond Excel's last row or column (XFD1048576)"),
])
def test_cells_beyond_excels_grid_are_refused(rows, message):
    assert refused("far.xlsx", workbook(sheet(rows))) == message


def test_too_many_cells_or_parts_in_a_workbook_are_refused():
    rows = b"".join(b'<row r="%d"><c><v>1</v></c><c><v>2</v></c></row>' % i for i in range(1, 3001))
    assert refused("big.xlsx", workbook(sheet(rows)), limits=Limits(max_cells=5000)) == \
        "the workbook has more than 5,000 cells; the limit is 5,000"
    assert refused("parts.xlsx", workbook(parts=30), limits=Limits(max_zip_parts=20)) == \
        "the workbook has more than 20 parts; the limit is 20"
    fine = read_contacts("fine.xlsx", workbook(sheet(rows)), mapping={"full_name": "1"})  # within the limits
    assert len(fine.contacts) == 3000


def test_a_declared_size_of_the_whole_grid_does_not_pad_rows():
    rows = (b'<row r="1"><c t="inlineStr"><is><t>Name</t></is></c></row>'
            b'<row r="2"><c t="inlineStr"><is><t>Ana Ruiz</t></is></c></row>')
    xml = sheet(rows).replace(b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>')
    parsed = read_contacts("padded.xlsx", workbook(xml), limits=Limits(max_cells=100))
    assert parsed.contacts["full_name"].tolist() == ["Ana Ruiz"]


def test_a_vcard_with_100000_properties_is_refused():
    assert refused("many.vcf", many_properties()) == \
        "card 1 has more than 1,000 properties; the limit is 1,000 per card"


def test_csv_beyond_the_columns_and_cells_limits_is_refused():
    header = ",".join(f"c{i}" for i in range(20_000)).encode()
    assert refused("wide.csv", b"Name," + header + b"\nAna\n") == \
        "a row has 20,001 columns; the limit is 16,384 (as in Excel)"
    assert refused("long.csv", b"Name,Email\n" + b"Ana,a@b.co\n" * 600, limits=Limits(max_cells=1000)) == \
        "it has about 602 rows of 2 columns, 1,204 cells; the limit is 1,000 cells"


@pytest.mark.parametrize(("name", "data"), [
    ("slow.vcf", b"BEGIN:VCARD\r\nFN:Ana\r\nEND:VCARD\r\n" * 5000),
    ("slow.csv", b"Name,Notes\n" + b'Ana,"a, b"\n' * 5000),
    ("slow.xlsx", workbook()),
])
def test_the_time_limit_refuses_a_file_that_takes_too_long(name, data, monkeypatch):
    message = refused(name, data, limits=Limits(max_seconds=0))
    assert message == "reading it took longer than 0 s, the limit per file; split it into smaller files"
    if name.endswith(".xlsx"):  # also while openpyxl itself reads the zip (it reads a sheet twice)
        monkeypatch.setattr(readers, "_check_workbook", lambda *args: None)
        assert refused(name, data, limits=Limits(max_seconds=0)) == message


def test_the_defaults_are_the_documented_limits():
    assert (LIMITS.max_unzipped_bytes, LIMITS.max_columns, LIMITS.max_card_properties) == (128 << 20, 16_384, 1_000)
