"""Reading contact files (LinkedIn, Google, Outlook, Excel, vCard, any CSV/TSV) into one canonical frame.

Pure: takes bytes, returns a ParsedFile; missing values in `contacts` are always None (object columns).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import json
import re
import unicodedata
import warnings
from dataclasses import dataclass, field

import charset_normalizer
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from engine.fields import CONTACT_FIELDS

FORMATS = ("linkedin", "google", "outlook", "xlsx", "vcard", "csv")
# middle_name can be mapped too: it only feeds full_name.
MAPPABLE_FIELDS = (*CONTACT_FIELDS, "middle_name")
NAME_FIELDS = ("full_name", "first_name", "last_name")

_LINKEDIN = {"first_name": "First Name", "last_name": "Last Name", "linkedin_url": "URL",
             "email": "Email Address", "company": "Company", "title": "Position",
             "connected_on": "Connected On"}
_GOOGLE = {"first_name": "First Name", "middle_name": "Middle Name", "last_name": "Last Name",
           "company": "Organization Name", "title": "Organization Title", "notes": "Notes",
           "tags": "Labels", "email": "E-mail 1 - Value", "phone": "Phone 1 - Value",
           "linkedin_url": "Website 1 - Value"}
_GOOGLE_OLD = {"full_name": "Name", "first_name": "Given Name", "middle_name": "Additional Name",
               "last_name": "Family Name", "company": "Organization 1 - Name",
               "title": "Organization 1 - Title", "notes": "Notes", "tags": "Group Membership",
               "email": "E-mail 1 - Value", "phone": "Phone 1 - Value", "linkedin_url": "Website 1 - Value"}
_OUTLOOK = {"first_name": "First Name", "middle_name": "Middle Name", "last_name": "Last Name",
            "company": "Company", "title": "Job Title", "email": "E-mail Address",
            "phone": "Mobile Phone", "notes": "Notes", "tags": "Categories", "linkedin_url": "Web Page"}
_VCARD = {"full_name": "FN", "first_name": "N (first)", "middle_name": "N (middle)", "last_name": "N (last)",
          "company": "ORG", "title": "TITLE", "email": "EMAIL", "phone": "TEL", "linkedin_url": "URL",
          "notes": "NOTE", "tags": "CATEGORIES"}

# Header words per field, compared after _header_key (lower case, no accents, letters and digits only).
_SYNONYMS = {
    "full_name": "name fullname displayname contactname contact nombrecompleto nomcomplet vollstandigername "
                 "nomecompleto",
    "first_name": "firstname first givenname forename vorname prenom nombre nome",
    "middle_name": "middlename additionalname secondname",
    "last_name": "lastname last surname familyname nachname familienname nom nomdefamille apellido apellidos "
                 "cognome sobrenome",
    "email": "email emailaddress email1 email1value mail emailadresse adresseemail adressemail courriel "
             "correo correoelectronico emailprincipal",
    "phone": "phone phonenumber mobile mobilephone cell cellphone telephone tel telefon telefonnummer handy "
             "mobil telefono movil celular portable numerodetelephone phone1value",
    "company": "company companyname organization organisation organizationname employer firma unternehmen "
               "arbeitgeber entreprise societe employeur empresa compania organizacion",
    "title": "title jobtitle position role job cargo puesto poste fonction titre intitule "
             "berufsbezeichnung positionstitel stelle",
    "linkedin_url": "linkedin linkedinurl linkedinprofile linkedinprofileurl url profileurl profile",
    "notes": "notes note comments comment notizen notiz bemerkung bemerkungen remarques remarque notas nota "
             "comentarios",
    "tags": "tags tag labels label groups group groupmembership categories category kategorien etiketten "
            "etiquettes etiquetas",
    "tie_strength": "tiestrength strength closeness tie nahe",
    "connected_on": "connectedon connected dateconnected since meton verbundenseit fecha fechadeconexion "
                    "datedeconnexion",
}
_SYNONYM_FIELD = {w: f for f, words in _SYNONYMS.items() for w in words.split()}
# A second, looser pass: a header *containing* one of these words (e.g. "Work Email", "Mobile number").
_CONTAINS = {"email": ("email", "mail", "correo"), "phone": ("phone", "telefon", "mobile", "handy"),
             "linkedin_url": ("linkedin",), "company": ("company", "organization", "firma", "empresa"),
             "title": ("jobtitle", "position")}

_FORMULA_ESCAPE = re.compile(r"^'(?=[=+\-@\t\r])")
_EMAIL_OK = r"[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[^@\s<>(),;:\"]+"
_HEADER_SCAN = 20
_WESTERN = ["cp1252", "iso8859_15", "mac_roman"]


@dataclass(frozen=True)
class RowProblem:
    row: int
    message: str


class ImportFileError(Exception):
    """A whole file cannot be read. str(e) == f"{file}: {message}"."""

    def __init__(self, file: str, message: str):
        super().__init__(f"{file}: {message}")
        self.file = file
        self.message = message


class MappingNeeded(ImportFileError):
    """The file reads, but no column could be recognised as the name: the user must say which is which."""

    def __init__(self, file: str, message: str, fmt: str, columns: list[str], mapping: dict[str, str]):
        super().__init__(file, message)
        self.format, self.columns, self.mapping = fmt, columns, mapping


@dataclass
class ParsedFile:
    file: str
    format: str
    encoding: str | None
    columns: list[str]
    mapping: dict[str, str]
    contacts: pd.DataFrame
    problems: list[RowProblem] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)


def read_contacts(file_name: str, data: bytes, *, mapping: dict[str, str] | None = None,
                  sheet: str | None = None, max_bytes: int = 200 * 1024 * 1024) -> ParsedFile:
    """Read one contact file's bytes; raises ImportFileError when the file as a whole is unusable.

    A header-only file is not an error: it gives an empty frame and no problems.
    `mapping` (field -> column) replaces the guessed mapping entirely.
    """
    if len(data) > max_bytes:
        raise ImportFileError(file_name, f"file is {_mb(len(data))} MB; the limit is {_mb(max_bytes)} MB")
    if not data or data.isspace():
        raise ImportFileError(file_name, "file is empty")
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(file_name, data, mapping, sheet)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportFileError(file_name, "old Excel .xls files cannot be read; save it as .xlsx or CSV")
    text, encoding = _decode(file_name, data)
    if not text.strip():
        raise ImportFileError(file_name, "file is empty")
    if re.match(r"\s*BEGIN:VCARD", text[:200], re.IGNORECASE):
        return _read_vcard(file_name, text, encoding, mapping)
    return _read_csv(file_name, data, text, encoding, mapping)


def guess_mapping(columns: list[str]) -> dict[str, str]:
    """Guess field -> column for a generic header from English, German, French and Spanish words."""
    keys = [_header_key(c) for c in columns]
    found: dict[str, str] = {}
    for f in MAPPABLE_FIELDS:
        for col, key in zip(columns, keys, strict=True):
            if _SYNONYM_FIELD.get(key) == f and col not in found.values():
                found[f] = col
                break
    for f, words in _CONTAINS.items():
        if f in found:
            continue
        for col, key in zip(columns, keys, strict=True):
            if col not in found.values() and any(w in key for w in words):
                found[f] = col
                break
    return {f: found[f] for f in MAPPABLE_FIELDS if f in found}


# ---- detection -------------------------------------------------------------------------------------------

def _header_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", str(name)).casefold()
    return "".join(ch for ch in decomposed if ch.isalnum() and ch.isascii())


def _detect(columns: list[str]) -> tuple[str, dict[str, str]] | None:
    """Known export formats by their header; None for anything else."""
    have = set(columns)
    if {"First Name", "Last Name", "Company", "Position"} <= have and (
            "Connected On" in have or len(have) <= 8):
        return "linkedin", _LINKEDIN
    if {"Organization Name", "Organization Title"} <= have or ("Labels" in have and "File As" in have):
        return "google", _GOOGLE
    if {"Given Name", "Family Name"} <= have and ("Group Membership" in have or "Organization 1 - Name" in have):
        return "google", _GOOGLE_OLD
    if "E-mail Address" in have and "Job Title" in have and "First Name" in have:
        return "outlook", _OUTLOOK
    return None


def _looks_like_header(columns: list[str], mapping: dict[str, str] | None) -> bool:
    if mapping:
        return set(mapping.values()) <= set(columns)
    return _detect(columns) is not None or any(f in guess_mapping(columns) for f in NAME_FIELDS)


def _resolve_mapping(file_name: str, fmt: str, columns: list[str], given: dict[str, str] | None,
                     known: dict[str, str] | None) -> dict[str, str]:
    if given is not None:
        for f, col in given.items():
            if f not in MAPPABLE_FIELDS:
                raise ImportFileError(file_name, f"unknown field '{f}' in the mapping; fields are: "
                                                 + ", ".join(MAPPABLE_FIELDS))
            if col not in columns:
                raise ImportFileError(file_name, f"column '{col}' is not in the file; columns are: "
                                                 + ", ".join(columns))
        chosen = dict(given)
    elif known is not None:
        chosen = {f: c for f, c in known.items() if c in columns}
    else:
        chosen = guess_mapping(columns)
    # A vCard's name lives in FN/N; cards without one are reported row by row instead.
    if fmt != "vcard" and not any(f in chosen for f in NAME_FIELDS):
        raise MappingNeeded(file_name, "could not find a name column; map one of: full_name, first_name, "
                                       "last_name (columns in this file: " + ", ".join(columns) + ")",
                            fmt, list(columns), chosen)
    return chosen


# ---- decoding and splitting ------------------------------------------------------------------------------

def _decode(file_name: str, data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            data = data[3:]  # a BOM, then bytes of a Windows code page (some tools do this): settle it below
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise ImportFileError(file_name, "file starts like UTF-16 text but is not valid UTF-16") from e
    if b"\x00" in data[:4096]:
        # UTF-16 without a BOM shows as a NUL in every other byte of ASCII text.
        head = data[:4096]
        # Names in Cyrillic or Chinese have few NULs, but the header and punctuation are ASCII: a third of the
        # high bytes being NUL is enough to try, and a strict decode plus the text check decides.
        for enc, zeros in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
            if zeros.count(0) > 0.3 * len(zeros) and len(data) % 2 == 0:
                try:
                    return _check_text(file_name, data.decode(enc)), enc
                except (UnicodeDecodeError, ImportFileError):
                    continue
        raise ImportFileError(file_name, "this is not a text file (it contains binary data); "
                                         "export your contacts as CSV, vCard or Excel")
    try:
        return _check_text(file_name, data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data[:1_000_000], cp_isolation=_WESTERN).best()
    encoding = best.encoding if best is not None else "cp1252"
    encoding = {"iso8859_15": "iso-8859-15", "mac_roman": "mac-roman"}.get(encoding, encoding)
    return _check_text(file_name, data.decode(encoding, errors="replace")), encoding


def _check_text(file_name: str, text: str) -> str:
    sample = text[:100_000]
    junk = sum(1 for ch in sample if (ch < " " and ch not in "\t\r\n\f") or ch == "\ufffd")
    if "\x00" in sample or junk > max(2, len(sample) // 100):
        raise ImportFileError(file_name, "this is not a text file (it contains binary data); "
                                         "export your contacts as CSV, vCard or Excel")
    return text


def _sniff_delimiter(line: str) -> str:
    outside = re.sub(r'"[^"]*"', "", line)
    counts = {d: outside.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _split_line(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return line.split(delimiter)


def _unique(columns: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, c in enumerate(columns):
        c = c.strip() or f"column {i + 1}"
        seen[c] = seen.get(c, 0) + 1
        out.append(c if seen[c] == 1 else f"{c} ({seen[c]})")
    return out


# ---- CSV -------------------------------------------------------------------------------------------------

def _read_csv(file_name: str, data: bytes, text: str, encoding: str,
              mapping: dict[str, str] | None) -> ParsedFile:
    header_at, offset, delimiter, columns = _find_header(text, mapping)
    detected = _detect(columns)
    fmt, known = detected if detected else ("csv", None)
    chosen = _resolve_mapping(file_name, fmt, columns, mapping, known)
    problems: list[RowProblem] = []
    body: str | io.BytesIO = text[offset:]
    if encoding in ("utf-8", "utf-8-sig") and "\ufffd" not in text[:offset]:
        # Hand pandas the original bytes: a 100 MB str would be copied into a much larger StringIO.
        start = (3 if encoding == "utf-8-sig" else 0) + len(text[:offset].encode("utf-8"))
        body = io.BytesIO(memoryview(data)[start:])
    cells = _csv_cells(file_name, body, delimiter, columns, header_at, problems)
    contacts = _canonical(cells, chosen, fmt, header_at, problems)
    return ParsedFile(file_name, fmt, encoding, columns, chosen, contacts, problems, [])


def _find_header(text: str, mapping: dict[str, str] | None) -> tuple[int, int, str, list[str]]:
    """(1-based line of the header, offset of the first data line, delimiter, columns)."""
    # newline="" splits lines exactly where pandas will (\n, \r\n, \r) and keeps their endings.
    lines = list(itertools.islice(io.StringIO(text[:200_000], newline=""), _HEADER_SCAN))
    candidates = []
    offset = 0
    for number, line in enumerate(lines, 1):
        offset += len(line)
        if line.strip():
            delimiter = _sniff_delimiter(line)
            columns = _unique(_split_line(line.rstrip("\r\n"), delimiter))
            candidates.append((number, offset, delimiter, columns))
            if _looks_like_header(columns, mapping):
                return candidates[-1]
    if candidates:
        return candidates[0]
    return 1, len(text), ",", []


def _csv_cells(file_name: str, body: str | io.BytesIO, delimiter: str, columns: list[str], header_row: int,
               problems: list[RowProblem]) -> pd.DataFrame:
    if isinstance(body, str) and not body.strip():
        return _empty_cells(columns)
    try:
        source = io.StringIO(body) if isinstance(body, str) else body
        with warnings.catch_warnings():
            # pandas drops the extra cells of a long row with only a warning: fall back and report them.
            warnings.simplefilter("error", pd.errors.ParserWarning)
            cells = pd.read_csv(source, sep=delimiter, header=None, names=columns, index_col=False, dtype="str",
                                keep_default_na=False, na_filter=False, skip_blank_lines=False, engine="c",
                                encoding="utf-8", encoding_errors="replace")
        if len(cells) and cells.iloc[-1].str.contains("\n", regex=False).any():
            _refuse_unclosed_quote(file_name, body, delimiter, header_row)
        return cells.fillna("")
    except pd.errors.EmptyDataError:
        return _empty_cells(columns)
    except (pd.errors.ParserError, pd.errors.ParserWarning, ValueError):
        pass
    # Ragged or badly quoted rows: the slower reader pads short rows and reports long ones.
    if not isinstance(body, str):
        body = body.getvalue().decode("utf-8", errors="replace")
    rows = []
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter, strict=False)
    width = len(columns)
    try:
        for i, row in enumerate(reader):
            if len(row) > width and any(v.strip() for v in row[width:]):
                problems.append(RowProblem(header_row + 1 + i, f"row has {len(row)} cells but the header "
                                                                f"has {width}; the extra cells were ignored"))
            rows.append((row + [""] * width)[:width])
    except csv.Error as e:
        raise ImportFileError(file_name, f"line {header_row + reader.line_num}: {e} "
                                         "(a quote is probably never closed)") from e
    if rows and any("\n" in cell for cell in rows[-1]):
        _refuse_unclosed_quote(file_name, body, delimiter, header_row)
    return pd.DataFrame(rows, columns=columns, dtype="str") if rows else _empty_cells(columns)


def _refuse_unclosed_quote(file_name: str, body: str | io.BytesIO, delimiter: str, header_row: int) -> None:
    """A quote never closed makes every later row one cell of the last row: find where it opens and refuse."""
    text = body if isinstance(body, str) else body.getvalue().decode("utf-8", errors="replace")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    try:
        for _ in reader:
            start = reader.line_num + 1
    except csv.Error:
        raise ImportFileError(file_name, f"row {header_row + start}: a quote opens there and is never closed, so "
                                         "every row after it would run into one cell. Close or remove that quote, "
                                         "then import again.") from None


def _empty_cells(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype="str") for c in columns})


# ---- Excel -----------------------------------------------------------------------------------------------

def _read_xlsx(file_name: str, data: bytes, mapping: dict[str, str] | None, sheet: str | None) -> ParsedFile:
    import openpyxl  # imported here: only Excel files need it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as e:  # openpyxl raises many types for a damaged zip or workbook
        raise ImportFileError(file_name, f"not a readable Excel workbook ({type(e).__name__})") from e
    try:
        sheets = list(book.sheetnames)
        if sheet is not None and sheet not in sheets:
            raise ImportFileError(file_name, f"there is no sheet '{sheet}'; sheets are: " + ", ".join(sheets))
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        rows = [[_cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
    except ImportFileError:
        raise
    except Exception as e:
        raise ImportFileError(file_name, f"not a readable Excel workbook ({type(e).__name__})") from e
    finally:
        book.close()
    header_at = 0
    for i, row in enumerate(rows[:_HEADER_SCAN]):
        if any(row) and _looks_like_header(_unique(row), mapping):
            header_at = i
            break
    else:
        header_at = next((i for i, row in enumerate(rows) if any(row)), 0)
    columns = _unique(rows[header_at]) if rows else []
    # Excel drops trailing empty cells on some rows and keeps stray ones on others.
    width = len(columns)
    body = [(r + [""] * width)[:width] for r in rows[header_at + 1:]]
    known = (_detect(columns) or (None, None))[1]
    fmt = "linkedin" if known is _LINKEDIN else "xlsx"
    chosen = _resolve_mapping(file_name, fmt, columns, mapping, known)
    problems: list[RowProblem] = []
    cells = pd.DataFrame(body, columns=columns, dtype="str") if body else _empty_cells(columns)
    contacts = _canonical(cells, chosen, fmt, header_at + 1, problems)
    return ParsedFile(file_name, fmt, None, columns, chosen, contacts, problems, sheets)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ---- vCard -----------------------------------------------------------------------------------------------

def _read_vcard(file_name: str, text: str, encoding: str, mapping: dict[str, str] | None) -> ParsedFile:
    import vobject  # imported here: only vCards need it

    records: list[dict[str, str]] = []
    numbers: list[int] = []
    problems: list[RowProblem] = []
    seen: dict[str, None] = {}
    for number, card_text in enumerate(_split_cards(text), 1):
        if not re.search(r"^END:VCARD\s*$", card_text, re.IGNORECASE | re.MULTILINE):
            problems.append(RowProblem(number, "card is not closed with END:VCARD; skipped"))
            continue
        try:
            card = vobject.readOne(card_text)
            cells = _card_cells(card)
        except Exception as e:  # vobject raises several types for broken cards
            problems.append(RowProblem(number, f"card could not be read ({_short(e)}); skipped"))
            continue
        if cells.get("X-ABSHOWAS", "").upper() == "COMPANY":
            problems.append(RowProblem(number, "company card, not a person; skipped"))
            continue
        cells["raw"] = json.dumps({"vcard": card_text}, ensure_ascii=False)
        seen.update(dict.fromkeys(k for k in cells if k != "raw"))
        records.append(cells)
        numbers.append(number)
    columns = list(seen)
    chosen = _resolve_mapping(file_name, "vcard", columns, mapping, _VCARD)
    cells_frame = pd.DataFrame([[r.get(c, "") for c in columns] for r in records], columns=columns,
                               dtype="str") if records else _empty_cells(columns)
    contacts = _canonical(cells_frame, chosen, "vcard", 0, problems,
                          rows=np.array(numbers, dtype="int64"), raw=[r["raw"] for r in records])
    problems.sort(key=lambda p: p.row)
    return ParsedFile(file_name, "vcard", encoding, columns, chosen, contacts, problems, [])


def _split_cards(text: str) -> list[str]:
    cards, current = [], None
    for line in text.splitlines():
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            if current is not None:
                cards.append("\r\n".join(current))
            current = [line.strip()]
        elif current is not None:
            current.append(line)
            if upper == "END:VCARD":
                cards.append("\r\n".join(current) + "\r\n")
                current = None
    if current is not None:
        cards.append("\r\n".join(current))
    return cards


def _card_cells(card) -> dict[str, str]:
    """One card as text cells: property name -> first value, with N split and a LinkedIn URL preferred."""
    cells: dict[str, str] = {}
    urls = []
    for line in card.lines():
        name, value = line.name.upper(), line.value
        if name == "N" and hasattr(value, "given"):
            cells.setdefault("N", str(value).strip())
            cells.setdefault("N (first)", _join(value.given))
            cells.setdefault("N (middle)", _join(value.additional))
            cells.setdefault("N (last)", _join(value.family))
        elif name in ("URL", "X-SOCIALPROFILE"):
            urls.append(_join(value))
        elif name == "CATEGORIES":
            cells.setdefault(name, ",".join(v.strip() for v in (value if isinstance(value, list) else [value])))
        elif name == "ORG":
            cells.setdefault(name, (value[0] if isinstance(value, list) and value else _join(value)).strip())
        elif name == "TEL":
            cells.setdefault(name, re.sub(r"^tel:", "", _join(value), flags=re.IGNORECASE))
        elif name not in ("BEGIN", "END"):
            cells.setdefault(name, _join(value))
    if urls:
        cells["URL"] = next((u for u in urls if "linkedin." in u.lower()), urls[0])
    return cells


def _join(value: object) -> str:
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value if v)
    return "" if value is None else str(value)


def _short(error: Exception) -> str:
    return (str(error).splitlines() or [type(error).__name__])[0][:120]


# ---- canonical frame -------------------------------------------------------------------------------------

_TEXT = pd.StringDtype()
_TAGS = pd.ArrowDtype(pa.list_(pa.string()))
_DATE = pd.ArrowDtype(pa.date32())


def _canonical(cells: pd.DataFrame, mapping: dict[str, str], fmt: str, header_row: int,
               problems: list[RowProblem], rows: np.ndarray | None = None,
               raw: list[str] | None = None) -> pd.DataFrame:
    """Source cells (all text, '' for empty) -> CONTACT_FIELDS + row + raw; skipped rows become problems."""
    if rows is None:
        rows = np.arange(header_row + 1, header_row + 1 + len(cells), dtype="int64")
    keep = _non_blank(cells)
    if not keep.all():
        cells, rows = cells[keep].reset_index(drop=True), rows[keep]
        raw = None if raw is None else [r for r, k in zip(raw, keep, strict=True) if k]
    n = len(cells)
    empty = pd.Series([""] * n, dtype="str")
    text = {f: _clean(cells[c]) for f, c in mapping.items()}
    get = text.get
    out = {f: get(f, empty) for f in ("first_name", "last_name", "company", "title", "notes")}
    out["phone"] = _first_value(get("phone", empty), r"\s+:::\s+", " ::: ")
    out["full_name"] = _full_name(get("full_name", empty), get("first_name", empty),
                                  get("middle_name", empty), get("last_name", empty))
    out["email"] = _emails(get("email", empty), rows, problems)
    out["linkedin_url"] = _linkedin_urls(get("linkedin_url", empty), rows, fmt, problems)
    frame = pd.DataFrame({f: out[f].where(out[f] != "").astype(_TEXT) for f in out})
    frame["tags"] = _tags(text.get("tags"), n)
    frame["tie_strength"] = _ties(text.get("tie_strength"), rows, n, problems)
    frame["connected_on"] = _dates(text.get("connected_on"), rows, n, problems)
    frame = frame[list(CONTACT_FIELDS)]
    frame["row"] = rows
    frame["raw"] = pd.Series(raw, dtype=_TEXT) if raw is not None else _raw_json(cells)

    no_name = frame["full_name"].isna().to_numpy(dtype=bool)
    # A card whose only name is its organisation's is not a person either.
    company_card = (~no_name & frame["first_name"].isna() & frame["last_name"].isna()
                    & (frame["full_name"] == frame["company"]).fillna(False)).to_numpy(dtype=bool)
    for i in np.flatnonzero(no_name | company_card):
        company = frame["company"].iloc[i]
        if company_card[i]:
            reason = f"company card ('{company}'), not a person"
        else:
            reason = "no name" if pd.isna(company) else f"no name (only the company '{company}')"
        problems.append(RowProblem(int(rows[i]), reason))
    if no_name.any() or company_card.any():
        frame = frame[~(no_name | company_card)].reset_index(drop=True)
    problems.sort(key=lambda p: p.row)
    return frame


def _non_blank(cells: pd.DataFrame) -> np.ndarray:
    keep = np.zeros(len(cells), dtype=bool)
    for c in cells.columns:
        keep |= (cells[c].str.strip() != "").to_numpy(dtype=bool)
    return keep


def _raw_json(cells: pd.DataFrame) -> pd.Series:
    """Each row's original cells as a JSON object, joined column-wise in one pyarrow pass."""
    if len(cells) == 0:
        return pd.Series([], dtype=_TEXT)
    parts: list = []
    for i, c in enumerate(cells.columns):
        key = ("{" if i == 0 else '", ') + json.dumps(c, ensure_ascii=False) + ': "'
        parts += [pa.scalar(key, pa.large_string()), _json_escaped(cells[c])]
    joined = pc.binary_join_element_wise(*parts, pa.scalar('"}', pa.large_string()),
                                         pa.scalar("", pa.large_string()))
    return pd.Series(pd.arrays.ArrowStringArray(pc.cast(joined, pa.large_string())), dtype=_TEXT)


def _json_escaped(s: pd.Series) -> pa.Array:
    """The cells as JSON string bodies (without the surrounding quotes)."""
    a = pa.array(s.astype("str")).cast(pa.large_string())
    if not pc.any(pc.match_substring_regex(a, r'["\\\x00-\x1f]')).as_py():
        return a
    if pc.any(pc.match_substring_regex(a, r"[\x00-\x08\x0b\x0c\x0e-\x1f]")).as_py():
        return pa.array([json.dumps(v, ensure_ascii=False)[1:-1] for v in a.to_pylist()], pa.large_string())
    for ch, escaped in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t")):
        a = pc.replace_substring(a, ch, escaped)
    return a


def _clean(s: pd.Series) -> pd.Series:
    s = s.astype("str").str.strip()
    quoted = s.str.startswith("'").to_numpy(dtype=bool)
    if quoted.any():
        s = s.copy()
        s[quoted] = s[quoted].str.replace(r"^'([=+\-@\t\r])", r"\1", regex=True)
    return s


def _first_value(s: pd.Series, separator: str, literal: str) -> pd.Series:
    """The first of several values joined in one cell (only rows that hold a separator are touched)."""
    several = s.str.contains(literal, regex=False).to_numpy(dtype=bool) if literal else None
    if several is None or not several.any():
        return s
    s = s.copy()
    s[several] = s[several].str.split(separator, n=1, regex=True).str[0].str.strip()
    return s


def _full_name(full: pd.Series, first: pd.Series, middle: pd.Series, last: pd.Series) -> pd.Series:
    built = first
    for part in (middle, last):
        built = built.where(part == "", (built + " " + part).str.strip())
    return full.where(full != "", built)


def _emails(s: pd.Series, rows: np.ndarray, problems: list[RowProblem]) -> pd.Series:
    has = (s != "").to_numpy(dtype=bool)
    if not has.any():
        return s
    original = s
    s = s.copy()
    values = s[has].str.lower()
    values = values.where(~values.str.startswith("mailto:"), values.str.slice(7))
    for literal in (":::", ";", ","):
        values = _first_value(values, r"\s*(?::::|;|,)\s*", literal)
    bad = ~values.str.fullmatch(_EMAIL_OK).fillna(False).astype(bool)
    s[has] = values.where(~bad, "")
    for i in np.flatnonzero(has)[bad.to_numpy(dtype=bool)]:
        problems.append(RowProblem(int(rows[i]), f"email '{original.iloc[i]}' is not an email address; "
                                                 "left empty"))
    return s


def _linkedin_urls(s: pd.Series, rows: np.ndarray, fmt: str, problems: list[RowProblem]) -> pd.Series:
    other = ((s != "") & ~s.str.lower().str.contains("linkedin.", regex=False)).to_numpy(dtype=bool)
    if not other.any():
        return s
    # Google, Outlook and vCard keep any website in that column: only a LinkedIn one belongs here.
    if fmt in ("linkedin", "csv", "xlsx"):
        for i in np.flatnonzero(other):
            problems.append(RowProblem(int(rows[i]), f"'{s.iloc[i]}' is not a LinkedIn URL; left empty"))
    return s.where(~other, "")


def _tags(s: pd.Series | None, n: int) -> pd.Series:
    if s is None or not (s != "").any():
        offsets = pa.array(np.zeros(n + 1, dtype="int32"))
        return pd.Series(pa.ListArray.from_arrays(offsets, pa.array([], pa.string())), dtype=_TAGS)
    lists = []
    for v in s.to_numpy(dtype=object):
        parts = re.split(r"\s*:::\s*|\s*[,;]\s*", v) if v else []
        lists.append(list(dict.fromkeys(p for p in parts if p and not p.startswith("*"))))
    return pd.Series(pa.array(lists, pa.list_(pa.string())), dtype=_TAGS)


def _ties(s: pd.Series | None, rows: np.ndarray, n: int, problems: list[RowProblem]) -> pd.Series:
    if s is None:
        return pd.Series(pd.array([pd.NA] * n, dtype="Int64"))
    number = pd.to_numeric(s.where(s != ""), errors="coerce")
    ok = number.between(1, 5) & (number % 1 == 0)
    for i in np.flatnonzero(((s != "") & ~ok).to_numpy(dtype=bool)):
        problems.append(RowProblem(int(rows[i]), f"tie strength '{s.iloc[i]}' is not a whole number "
                                                 "from 1 to 5"))
    return number.where(ok).astype("Int64")


def _dates(s: pd.Series | None, rows: np.ndarray, n: int, problems: list[RowProblem]) -> pd.Series:
    if s is None:
        return pd.Series(pa.nulls(n, pa.date32()), dtype=_DATE)
    # Few distinct dates even in huge files: parse each distinct text once.
    codes, uniques = pd.factorize(s)
    parsed = [_parse_date(v) for v in uniques]
    values = pa.array([None if p is _BAD else p for p in parsed], pa.date32())
    out = pd.Series(values.take(pa.array(codes)), dtype=_DATE)
    bad = [i for i, p in enumerate(parsed) if p is _BAD]
    if bad:
        for i in np.flatnonzero(np.isin(codes, bad)):
            problems.append(RowProblem(int(rows[i]), f"date '{s.iloc[i]}' is not a date (use YYYY-MM-DD)"))
    return out


_BAD = object()
_DATE_FORMATS = ("%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%d.%m.%Y", "%Y/%m/%d", "%b %d, %Y", "%B %d, %Y")


def _parse_date(text: str) -> dt.date | None | object:
    if not text or text in ("0/0/00", "00.00.00"):
        return None
    text = text.strip()
    text = re.sub(r"[T ]\d\d:\d\d(:\d\d(\.\d+)?)?$", "", text)
    for f in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, f).date()
        except ValueError:
            continue
    return _BAD


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".rstrip("0").rstrip(".")
