"""Reading contact files (LinkedIn, Google, Outlook, Excel, vCard, any CSV/TSV) into one canonical frame.

Pure: takes bytes, returns a ParsedFile; missing values in `contacts` are always None (object columns).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import io
import itertools
import json
import quopri
import re
import time
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field, replace

import charset_normalizer
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

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

# Header words per field, most telling first, compared after _header_key (lower case, no accents, letters and
# digits only).
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
    # "Title" last: beside a "Job Title" column it is the honorific (Outlook, Windows Live, Thunderbird).
    "title": "jobtitle position role job cargo puesto poste fonction intitule berufsbezeichnung positionstitel "
             "stelle titre title",
    "linkedin_url": "linkedin linkedinurl linkedinprofile linkedinprofileurl url profileurl profile",
    "notes": "notes note comments comment notizen notiz bemerkung bemerkungen remarques remarque notas nota "
             "comentarios",
    "tags": "tags tag labels label groups group groupmembership categories category kategorien etiketten "
            "etiquettes etiquetas",
    "tie_strength": "tiestrength strength closeness tie nahe",
    "connected_on": "connectedon connected dateconnected since meton verbundenseit fecha fechadeconexion "
                    "datedeconnexion",
}
# A second, looser pass: a header *containing* one of these words (e.g. "Work Email", "Mobile number").
_CONTAINS = {"email": ("email", "mail", "correo"), "phone": ("phone", "telefon", "mobile", "handy"),
             "linkedin_url": ("linkedin",), "company": ("company", "organization", "firma", "empresa"),
             "title": ("jobtitle", "position")}

_FORMULA_ESCAPE = re.compile(r"^'(?=[=+\-@\t\r])")
_EMAIL_OK = r"[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[^@\s<>(),;:\"]+"
_HEADER_SCAN = 20
_WESTERN = ["cp1252", "iso8859_15", "mac_roman"]


@dataclass(frozen=True)
class Limits:
    """How much work one file may cost; a file beyond any of these is refused whole, naming the limit."""

    max_bytes: int = 200 * 1024 * 1024
    max_unzipped_bytes: int = 128 * 1024 * 1024  # an .xlsx is a zip: what it unpacks to, all parts together
    max_zip_parts: int = 10_000  # a workbook has a few dozen
    max_columns: int = 16_384  # Excel's own widest row (column XFD)
    max_cells: int = 10_000_000  # rows x columns: a 1,000,000-row LinkedIn export has 7,000,000
    max_rows: int = 2_000_000  # rows of a sheet or cards of a vCard file
    max_card_properties: int = 1_000  # lines of one vCard card; a full Apple card has about 60
    max_seconds: float = 60.0


LIMITS = Limits()


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
    """The file reads, but no column could be recognised as the name: the user must say which is which.

    `headerless` says the first row looks like data (an email address, a phone number): then the columns are
    best mapped by position, "1" being the first; `columns` are the first row's cells either way.
    """

    def __init__(self, file: str, message: str, fmt: str, columns: list[str], mapping: dict[str, str],
                 headerless: bool = False):
        super().__init__(file, message)
        self.format, self.columns, self.mapping, self.headerless = fmt, columns, mapping, headerless


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
                  sheet: str | None = None, max_bytes: int | None = None, limits: Limits = LIMITS) -> ParsedFile:
    """Read one contact file's bytes; raises ImportFileError when the file as a whole is unusable.

    A header-only file is not an error: it gives an empty frame and no problems.
    `mapping` (field -> column) replaces the guessed mapping entirely. Columns given as positions ("1" is the
    first) read a file that has no header row: its first row is data.
    """
    if max_bytes is not None:
        limits = replace(limits, max_bytes=max_bytes)
    if len(data) > limits.max_bytes:
        raise ImportFileError(file_name, f"file is {_mb(len(data))} MB; the limit is {_mb(limits.max_bytes)} MB")
    if not data or data.isspace():
        raise ImportFileError(file_name, "file is empty")
    clock = _Clock(file_name, limits.max_seconds)
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(file_name, data, mapping, sheet, limits, clock)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportFileError(file_name, "old Excel .xls files cannot be read; save it as .xlsx or CSV")
    if _VCARD_START.match(data[:200]) and b"\x00" not in data[:4096]:
        return _read_vcard(file_name, data.removeprefix(codecs.BOM_UTF8), None, mapping, limits, clock)
    text, encoding = _decode(file_name, data)
    if not text.strip():
        raise ImportFileError(file_name, "file is empty")
    if re.match(r"\s*BEGIN:VCARD", text[:200], re.IGNORECASE):  # UTF-16, settled above
        return _read_vcard(file_name, text.encode("utf-8"), encoding, mapping, limits, clock)
    return _read_csv(file_name, data, text, encoding, mapping, limits, clock)


class _Clock:
    """The time budget of one file, checked between chunks of work."""

    def __init__(self, file_name: str, seconds: float):
        self.file_name, self.seconds = file_name, seconds
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise ImportFileError(self.file_name, f"reading it took longer than {self.seconds:g} s, the limit per "
                                                  "file; split it into smaller files")


def guess_mapping(columns: list[str]) -> dict[str, str]:
    """Guess field -> column for a generic header from English, German, French and Spanish words.

    Synonyms are tried in their order of preference, so "Job Title" wins over a "Title" beside it.
    """
    keys = [_header_key(c) for c in columns]
    by_key: dict[str, list[str]] = {}
    for col, key in zip(columns, keys, strict=True):
        by_key.setdefault(key, []).append(col)
    found: dict[str, str] = {}
    for f in MAPPABLE_FIELDS:
        for word in _SYNONYMS.get(f, "").split():
            col = next((c for c in by_key.get(word, ()) if c not in found.values()), None)
            if col is not None:
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


def looks_like_data(cells: list[str]) -> bool:
    """A first row with an email address, a web address or a phone number is a person, not column names."""
    return any(re.search(_EMAIL_OK, c) or re.search(r"https?://|www\.", c, re.IGNORECASE)
               or sum(ch.isdigit() for ch in c) >= 7 for c in cells)


def _positional(mapping: dict[str, str] | None) -> bool:
    """A mapping by column position ("1" is the first column) is for a file without a header row."""
    return bool(mapping) and all(str(c).strip().isdigit() for c in mapping.values())


def _positions(width: int) -> list[str]:
    return [str(i) for i in range(1, width + 1)]


def _resolve_mapping(file_name: str, fmt: str, columns: list[str], given: dict[str, str] | None,
                     known: dict[str, str] | None) -> dict[str, str]:
    if given is not None:
        positional = _positional(given)
        for f, col in given.items():
            if f not in MAPPABLE_FIELDS:
                raise ImportFileError(file_name, f"unknown field '{f}' in the mapping; fields are: "
                                                 + ", ".join(MAPPABLE_FIELDS))
            if positional and col.strip() not in columns:
                raise ImportFileError(file_name, f"there is no column {col.strip()}: this file has "
                                                 f"{len(columns)} column{'s' if len(columns) != 1 else ''}")
            if col not in columns and not positional:
                raise ImportFileError(file_name, f"column '{col}' is not in the file; columns are: "
                                                 + ", ".join(columns))
        chosen = {f: col.strip() for f, col in given.items()} if positional else dict(given)
    elif known is not None:
        chosen = {f: c for f, c in known.items() if c in columns}
    else:
        chosen = guess_mapping(columns)
    # A vCard's name lives in FN/N; cards without one are reported row by row instead.
    if fmt != "vcard" and not any(f in chosen for f in NAME_FIELDS):
        headerless = looks_like_data(columns)
        message = ("could not find a name column; map one of: full_name, first_name, last_name (columns in this "
                   "file: " + ", ".join(columns) + ")")
        if headerless:
            message += ("; its first row looks like a person, not column names: map by position instead, "
                        "e.g. full_name=1 for the first column")
        raise MappingNeeded(file_name, message, fmt, list(columns), chosen, headerless)
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
    encoding = _guess_8bit(data)
    return _check_text(file_name, data.decode(encoding, errors="replace")), encoding


def _guess_8bit(data: bytes) -> str:
    """The code page of text that is not UTF-8: a CJK one when the text reads as common CJK words, else Western."""
    encoding = _guess_cjk(data[:100_000])
    if encoding is None:
        best = charset_normalizer.from_bytes(data[:1_000_000], cp_isolation=_WESTERN).best()
        encoding = best.encoding if best is not None else "cp1252"
    return {"iso8859_15": "iso-8859-15", "mac_roman": "mac-roman"}.get(encoding, encoding)


# Each CJK code page read as another still decodes, into rare characters; so a reading is judged by how many of
# its characters are among the common ones of its own script (the first-level sets of JIS, GB2312, Big5, KS X 1001).
# On a tie the more widespread code page wins: EUC-JP files are rare beside Shift_JIS, EUC-KR and GB2312 ones.
_CJK = ("cp932", "gb18030", "big5", "cp949", "euc_jp")
_CJK_CHAR = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff00-\uffef]")


def _guess_cjk(sample: bytes) -> str | None:
    if not re.search(rb"[\x80-\xff]{2}", sample):
        return None  # CJK characters are two high bytes; Western text rarely has two in a row
    sample = sample[:sample.rfind(b"\n") + 1] or sample  # do not cut a character in two
    scores: dict[str, int] = {}
    for encoding in _CJK:
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        wide = sum(1 for ch in text if ord(ch) > 0x7F)
        cjk = [m.start() for m in _CJK_CHAR.finditer(text)]
        if not cjk or len(cjk) < 0.95 * wide:
            continue
        # A Western letter read as CJK sits between ASCII letters ("O’Neil" in cp1252 is O + a kanji + eil).
        inside_words = sum(1 for i in cjk if 0 < i < len(text) - 1 and text[i - 1].isascii()
                           and text[i - 1].isalpha() and text[i + 1].isascii() and text[i + 1].isalpha())
        common = sum(1 for i in cjk if _common_cjk(text[i], encoding))
        if inside_words <= 0.1 * len(cjk) and common >= max(2, 0.8 * len(cjk)):
            scores[encoding] = common
    if not scores:
        return None
    best = max(scores, key=lambda e: scores[e])  # the first of equals, in _CJK's order
    # Every Hangul syllable of EUC-KR reads as a common GB2312 hanzi of rows B0-C8; Chinese text soon uses the
    # later rows too (王, 张, 是, 中), so text that stays in those rows and reads as common Hangul is Korean.
    if best == "gb18030" and scores.get("cp949") == scores[best] and all(
            ch.encode("gb18030")[0] <= 0xC8 for ch in _CJK_CHAR.findall(sample.decode("gb18030"))
            if ord(ch) >= 0x4E00):
        best = "cp949"
    return best


@functools.lru_cache(maxsize=65536)
def _common_cjk(ch: str, encoding: str) -> bool:
    code = ord(ch)
    if 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF5E:
        return True  # CJK punctuation and full-width ASCII: common in all of them
    japanese = encoding in ("cp932", "euc_jp")
    if 0x3041 <= code <= 0x30FF:
        return japanese  # kana exist in the Chinese and Korean sets too, but are rare there
    first_level = {"cp932": ("euc_jp", 0xB0, 0xCF), "euc_jp": ("euc_jp", 0xB0, 0xCF),
                   "gb18030": ("gb2312", 0xB0, 0xD7), "big5": ("big5", 0xA4, 0xC6), "cp949": ("euc_kr", 0xB0, 0xC8)}
    codec, low, high = first_level[encoding]
    if 0xAC00 <= code <= 0xD7A3 and encoding != "cp949":
        return False
    if 0x4E00 <= code <= 0x9FFF and encoding == "cp949":
        return False  # Korean text is written in Hangul; Hanja names are rare
    try:
        lead = ch.encode(codec)[0]
    except UnicodeEncodeError:
        return False
    return low <= lead <= high


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

def _read_csv(file_name: str, data: bytes, text: str, encoding: str, mapping: dict[str, str] | None,
              limits: Limits, clock: _Clock) -> ParsedFile:
    if _positional(mapping):
        header_at, offset, delimiter, columns = _first_row(text)
    else:
        header_at, offset, delimiter, columns = _find_header(text, mapping)
    lines = max(text.count("\n"), text.count("\r")) + 1
    _check_size(file_name, len(columns), lines, limits)
    detected = None if _positional(mapping) else _detect(columns)
    fmt, known = detected if detected else ("csv", None)
    chosen = _resolve_mapping(file_name, fmt, columns, mapping, known)
    problems: list[RowProblem] = []
    body: str | bytes = text[offset:]
    if encoding in ("utf-8", "utf-8-sig") and "\ufffd" not in text[:offset]:
        # The original bytes, not re-encoded from the text: they are already UTF-8.
        start = (3 if encoding == "utf-8-sig" else 0) + len(text[:offset].encode("utf-8"))
        body = memoryview(data)[start:]
    cells = _csv_cells(file_name, body, delimiter, columns, header_at, problems, limits, clock)
    if mapping is None and known is None:
        chosen = _without_honorific_title(cells, chosen)
    clock.check()
    contacts = _canonical(cells, chosen, fmt, header_at, problems)
    return ParsedFile(file_name, fmt, encoding, columns, chosen, contacts, problems, [])


def _check_size(file_name: str, columns: int, rows: int, limits: Limits) -> None:
    if columns > limits.max_columns:
        raise ImportFileError(file_name, f"a row has {columns:,} columns; the limit is {limits.max_columns:,} "
                                         "(as in Excel)")
    if rows > limits.max_rows:
        raise ImportFileError(file_name, f"it has about {rows:,} rows; the limit is {limits.max_rows:,}")
    if columns * rows > limits.max_cells:
        raise ImportFileError(file_name, f"it has about {rows:,} rows of {columns:,} columns, "
                                         f"{columns * rows:,} cells; the limit is {limits.max_cells:,} cells")


_HONORIFICS = frozenset(("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "rev", "fr",
                         "herr", "frau", "m", "mme", "mlle", "mmes", "dott", "dottssa", "ing", "sig", "sr", "sra",
                         "srta", "don", "dona", "monsieur", "madame", "mister"))


def _without_honorific_title(cells: Cells, chosen: dict[str, str]) -> dict[str, str]:
    """A guessed "Title" column holding Mr., Ms., Dr. is the honorific, not the job: leave it out."""
    column = chosen.get("title")
    if column is None or column not in cells:
        return chosen
    values = pc.utf8_trim_whitespace(cells[column])
    values = values.filter(pc.not_equal(values, _EMPTY))[:1000].to_pylist()
    if values and sum(v.casefold().replace(".", "") in _HONORIFICS for v in values) / len(values) >= 0.8:
        return {f: c for f, c in chosen.items() if f != "title"}
    return chosen


def _first_row(text: str) -> tuple[int, int, str, list[str]]:
    """For a file without a header row: (line before the first row, offset of that row, delimiter, positions)."""
    lines = itertools.islice(io.StringIO(text[:200_000], newline=""), _HEADER_SCAN)
    offset, first, delimiter, width = 0, None, ",", 0
    for number, line in enumerate(lines, 1):
        if line.strip():
            if first is None:
                first, delimiter = (number, offset), _sniff_delimiter(line)
            width = max(width, len(_split_line(line.rstrip("\r\n"), delimiter)))
        offset += len(line)
    if first is None:
        return 1, len(text), ",", []
    return first[0] - 1, first[1], delimiter, _positions(width)


def _find_header(text: str, mapping: dict[str, str] | None) -> tuple[int, int, str, list[str]]:
    """(1-based line of the header, offset of the first data line, delimiter, columns)."""
    # newline="" splits lines exactly where the CSV reader will (\n, \r\n, \r) and keeps their endings.
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


def _csv_cells(file_name: str, body: str | bytes, delimiter: str, columns: list[str], header_row: int,
               problems: list[RowProblem], limits: Limits, clock: _Clock) -> Cells:
    if not body or (isinstance(body, str) and not body.strip()):
        return _empty_cells(columns)
    try:
        cells = _arrow_csv(body, delimiter, columns)
        if any(len(a) and "\n" in a[-1].as_py() for a in cells.values()):
            _refuse_unclosed_quote(file_name, body, delimiter, header_row, limits)
        return cells
    except pa.ArrowInvalid:
        pass  # a row of another width, a quote never closed
    clock.check()
    # Ragged or badly quoted rows: the slower reader pads short rows and reports long ones.
    if not isinstance(body, str):
        body = bytes(body).decode("utf-8", errors="replace")
    rows = []
    reader = _csv_reader(body, delimiter, limits, strict=False)
    width = len(columns)
    try:
        for i, row in enumerate(reader):
            if len(row) > width and any(v.strip() for v in row[width:]):
                problems.append(RowProblem(header_row + 1 + i, f"row has {len(row)} cells but the header "
                                                                f"has {width}; the extra cells were ignored"))
            rows.append((row + [""] * width)[:width])
            if i % 4096 == 4095:
                clock.check()
    except csv.Error as e:
        raise ImportFileError(file_name, f"line {header_row + reader.line_num}: {e} "
                                         "(a quote is probably never closed)") from e
    if rows and any("\n" in cell for cell in rows[-1]):
        _refuse_unclosed_quote(file_name, body, delimiter, header_row, limits)
    return _rows_to_cells(rows, columns)


def _csv_reader(text: str, delimiter: str, limits: Limits, strict: bool):
    # The csv module refuses a cell over 128 KB by default; a long note or a pasted letter is a valid cell.
    csv.field_size_limit(max(csv.field_size_limit(), limits.max_bytes))
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=strict)


def _refuse_unclosed_quote(file_name: str, body: str | bytes, delimiter: str, header_row: int,
                           limits: Limits) -> None:
    """A quote never closed makes every later row one cell of the last row: find where it opens and refuse."""
    text = body if isinstance(body, str) else bytes(body).decode("utf-8", errors="replace")
    reader = _csv_reader(text, delimiter, limits, strict=True)
    start = 1
    try:
        for _ in reader:
            start = reader.line_num + 1
    except csv.Error:
        raise ImportFileError(file_name, f"row {header_row + start}: a quote opens there and is never closed, so "
                                         "every row after it would run into one cell. Close or remove that quote, "
                                         "then import again.") from None


def _rows_to_cells(rows: list[list[str]], columns: list[str]) -> Cells:
    """Rows of text cells, each as wide as the header, as columns."""
    if not rows:
        return _empty_cells(columns)
    return {c: _text_array(list(values)) for c, values in zip(columns, zip(*rows, strict=True), strict=True)}


# ---- Excel -----------------------------------------------------------------------------------------------

def _read_xlsx(file_name: str, data: bytes, mapping: dict[str, str] | None, sheet: str | None,
               limits: Limits, clock: _Clock) -> ParsedFile:
    import openpyxl  # imported here: only Excel files need it

    _check_workbook(file_name, data, limits, clock)
    try:
        # openpyxl reads a sheet twice (once for its size, at load); the clock is checked as the zip is read
        book = openpyxl.load_workbook(_TimedBytes(data, clock), read_only=True, data_only=False)
    except ImportFileError:
        raise
    except Exception as e:  # openpyxl raises many types for a damaged zip or workbook
        raise ImportFileError(file_name, f"not a readable Excel workbook ({type(e).__name__})") from e
    numbers: list[int] = []
    rows: list[list[str]] = []
    try:
        sheets = list(book.sheetnames)
        if sheet is not None and sheet not in sheets:
            raise ImportFileError(file_name, f"there is no sheet '{sheet}'; sheets are: " + ", ".join(sheets))
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        ws.reset_dimensions()  # a stated size of A1:XFD1048576 must not pad every row to 16,384 cells
        cells = checked = 0
        for number, row in enumerate(ws.iter_rows(values_only=True), 1):
            cells += len(row)
            if number > limits.max_rows:
                raise ImportFileError(file_name, f"the sheet has more than {limits.max_rows:,} rows; the limit is "
                                                 f"{limits.max_rows:,}")
            if cells > limits.max_cells:
                raise ImportFileError(file_name, f"the sheet has more than {limits.max_cells:,} cells; the limit "
                                                 f"is {limits.max_cells:,}")
            if cells - checked > 65_536:
                clock.check()
                checked = cells
            values = [_cell_text(v) for v in row]
            if any(values):
                numbers.append(number)
                rows.append(values)
    except ImportFileError:
        raise
    except Exception as e:
        raise ImportFileError(file_name, f"not a readable Excel workbook ({type(e).__name__})") from e
    finally:
        book.close()
    if _positional(mapping):
        header_at, columns = -1, _positions(max((len(r) for r in rows), default=0))
    else:
        header_at = next((i for i, row in enumerate(rows[:_HEADER_SCAN]) if _looks_like_header(_unique(row), mapping)),
                         0)
        columns = _unique(rows[header_at]) if rows else []
    # Excel drops trailing empty cells on some rows and keeps stray ones on others.
    width = len(columns)
    body = [(r + [""] * width)[:width] for r in rows[header_at + 1:]]
    known = None if _positional(mapping) else (_detect(columns) or (None, None))[1]
    fmt = "linkedin" if known is _LINKEDIN else "xlsx"
    chosen = _resolve_mapping(file_name, fmt, columns, mapping, known)
    problems: list[RowProblem] = []
    frame = _rows_to_cells(body, columns)
    if mapping is None and known is None:
        chosen = _without_honorific_title(frame, chosen)
    clock.check()
    contacts = _canonical(frame, chosen, fmt, 0, problems, rows=np.array(numbers[header_at + 1:], dtype="int64"))
    return ParsedFile(file_name, fmt, None, columns, chosen, contacts, problems, sheets)


class _TimedBytes(io.BytesIO):
    """The workbook's bytes, checking the time budget at every read of the zip."""

    def __init__(self, data: bytes, clock: _Clock):
        super().__init__(data)
        self.clock = clock

    def read(self, size: int | None = -1) -> bytes:
        self.clock.check()
        return super().read(size)


_ROW_NUMBER = re.compile(rb"\sr=\"(\d{7,})\"")  # Excel's last row is 1,048,576
_FAR_COLUMN = re.compile(rb"\sr=\"[A-Za-z]{4,}\d")  # Excel's last column is XFD


def _check_workbook(file_name: str, data: bytes, limits: Limits, clock: _Clock) -> None:
    """Refuse a workbook that would unpack or spread beyond the limits, before openpyxl builds anything from it."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end >= 0 and len(data) >= end + 12 and int.from_bytes(data[end + 10:end + 12], "little") > limits.max_zip_parts:
        raise ImportFileError(file_name, f"the workbook has more than {limits.max_zip_parts:,} parts; the limit is "
                                         f"{limits.max_zip_parts:,}")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise ImportFileError(file_name, f"not a readable Excel workbook ({type(e).__name__})") from e
    if len(parts) > limits.max_zip_parts:
        raise ImportFileError(file_name, f"the workbook has more than {limits.max_zip_parts:,} parts; the limit is "
                                         f"{limits.max_zip_parts:,}")
    unzipped = sum(p.file_size for p in parts)
    if unzipped > limits.max_unzipped_bytes:
        # zipfile stops at each part's stated size, so a part that lies about it cannot unpack to more.
        raise ImportFileError(file_name, f"the workbook unpacks to {_mb(unzipped)} MB; the limit is "
                                         f"{_mb(limits.max_unzipped_bytes)} MB")
    cells = 0
    try:
        for part in parts:
            if part.filename.lower().endswith(".xml"):
                with archive.open(part) as stream:
                    cells = _scan_sheet(file_name, stream, cells, limits, clock)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, zlib.error) as e:
        raise ImportFileError(file_name, f"not a readable Excel workbook ({type(e).__name__})") from e


def _scan_sheet(file_name: str, stream, cells: int, limits: Limits, clock: _Clock) -> int:
    """Count a worksheet part's cells as it streams, refusing a row wider than Excel allows or too many cells.

    openpyxl builds a whole row before it yields it, so a row of two million cells must be caught here.
    Returns the cells counted so far in the workbook; parts that are not worksheets are left at once.
    """
    head = stream.read(4096)
    root = re.search(rb"<(\w+:)?worksheet[\s>]", head)
    if root is None:
        return cells
    prefix = root.group(1) or b""
    row_start = re.compile(b"<" + re.escape(prefix) + rb"row[\s>/]")
    cell_starts = [b"<" + prefix + b"c" + end for end in (b" ", b">", b"/", b"\t", b"\n", b"\r")]

    def count(chunk: bytes) -> int:
        return sum(chunk.count(c) for c in cell_starts)

    in_row, tail, chunk = 0, b"", head
    while chunk:
        clock.check()
        buffer = tail + chunk
        cut = buffer.rfind(b"<")
        # Keep an unfinished tag for the next chunk; one begun more than 64 bytes back has its name already.
        tail = buffer[cut:] if cut >= 0 and len(buffer) - cut < 64 else b""
        body = buffer[:len(buffer) - len(tail)]
        if _FAR_COLUMN.search(body) or any(int(n) > 1_048_576 for n in _ROW_NUMBER.findall(body)):
            raise ImportFileError(file_name, "a cell lies beyond Excel's last row or column (XFD1048576)")
        found = count(body)
        cells += found
        if cells > limits.max_cells:
            raise ImportFileError(file_name, f"the workbook has more than {limits.max_cells:,} cells; the limit is "
                                             f"{limits.max_cells:,}")
        segments = row_start.split(body)
        if len(segments) == 1:
            in_row += found
        elif in_row + found <= limits.max_columns:
            in_row = count(segments[-1])  # no row here can be too wide: only the last one goes on
        else:
            in_row += count(segments[0])
            for segment in segments[1:]:
                if in_row > limits.max_columns:
                    break
                in_row = count(segment)
        if in_row > limits.max_columns:
            raise ImportFileError(file_name, f"a row has more than {limits.max_columns:,} cells; the limit is "
                                             f"{limits.max_columns:,} (as in Excel)")
        chunk = stream.read(1 << 20)
    return cells


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
# Read line by line, not with vobject: there one bad line (a PROFILE, a quoted-printable soft break, a photo it
# cannot decode) lost the whole card. Here such a line is skipped with a note, each value is decoded with its own
# CHARSET, folds are undone on bytes (a fold may split a UTF-8 character), and the work per card is bounded.

_VCARD_START = re.compile(rb"(?:\xef\xbb\xbf)?\s*BEGIN:VCARD", re.IGNORECASE)
_LINE = re.compile(rb"[^\r\n]*(?:\r*\n|\r)|[^\r\n]+\Z")  # LF, CRLF, CR and iOS 5's CR CR LF each end one line
_PROPERTY = re.compile(rb'(?:([A-Za-z0-9-]+)\.)?([A-Za-z0-9-]+)((?:;(?:[^:"]|"[^"]*")*)?):(.*)', re.DOTALL)
_PARAM = re.compile(rb';((?:[^;"]|"[^"]*")*)')
_BARE_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})  # vCard 2.1: "TEL;CELL;PREF"
_USED = frozenset({"FN", "N", "NICKNAME", "ORG", "TITLE", "EMAIL", "TEL", "URL", "X-SOCIALPROFILE", "NOTE",
                   "CATEGORIES", "X-ABSHOWAS", "KIND"})
_BASE64_LINE = re.compile(rb"[ \t]*[A-Za-z0-9+/=]+[ \t]*")
_NOT_PEOPLE = {"org": "an organisation", "group": "a group", "location": "a place"}


def _read_vcard(file_name: str, data: bytes, encoding: str | None, mapping: dict[str, str] | None,
                limits: Limits, clock: _Clock) -> ParsedFile:
    decoder = _VCardText(data)
    wanted = _USED | set((mapping or {}).values())
    records: list[dict[str, str]] = []
    numbers: list[int] = []
    problems: list[RowProblem] = []
    seen: dict[str, None] = {}
    for number, closed, lines in _vcard_cards(file_name, data, limits, clock):
        if not closed:
            problems.append(RowProblem(number, "card is not closed with END:VCARD; skipped"))
            continue
        cells, names, notes = _card_cells(lines, decoder, wanted)
        problems += [RowProblem(number, note) for note in notes]
        seen.update(dict.fromkeys([*names, *cells]))
        if cells.get("X-ABSHOWAS", "").upper() == "COMPANY":
            problems.append(RowProblem(number, "company card, not a person; skipped"))
            continue
        kind = cells.get("KIND", "").strip().lower()
        if kind in _NOT_PEOPLE:
            problems.append(RowProblem(number, f"card for {_NOT_PEOPLE[kind]} (KIND:{kind}), not a person; skipped"))
            continue
        text = "\r\n".join(["BEGIN:VCARD", *(decoder.line(raw) for _, raw in lines), "END:VCARD", ""])
        cells["raw"] = json.dumps({"vcard": text}, ensure_ascii=False)
        records.append(cells)
        numbers.append(number)
        if len(records) > limits.max_rows:
            raise ImportFileError(file_name, f"it has more than {limits.max_rows:,} cards; the limit is "
                                             f"{limits.max_rows:,}")
    columns = list(seen)
    chosen = _resolve_mapping(file_name, "vcard", columns, mapping, _VCARD)
    used = list(dict.fromkeys(chosen.values()))
    # BEGIN is in every card: it keeps a card that has none of the mapped properties, to be reported as no name.
    cells = {c: _text_array([r.get(c, "") for r in records]) for c in used}
    if records:
        cells["BEGIN"] = _text_array(["VCARD"] * len(records))
    clock.check()
    contacts = _canonical(cells, chosen, "vcard", 0, problems,
                          rows=np.array(numbers, dtype="int64"), raw=[r["raw"] for r in records])
    problems.sort(key=lambda p: p.row)
    if encoding is None:
        encoding = decoder.fallback if decoder.used_fallback else "utf-8"
    return ParsedFile(file_name, "vcard", encoding, columns, chosen, contacts, problems, [])


def _vcard_cards(file_name: str, data: bytes, limits: Limits, clock: _Clock):
    """(card number, closed by END:VCARD, [(line number, unfolded line)]) for each BEGIN:VCARD in the file."""
    number, card, pending, pending_at = 0, None, None, 0
    quoted_printable = False
    for line_number, match in enumerate(_LINE.finditer(data), 1):
        if line_number % 4096 == 0:
            clock.check()
        line = match.group().rstrip(b"\r\n")
        marker = line.strip().upper()
        if card is None:
            if marker == b"BEGIN:VCARD":
                number, card = number + 1, []
            continue
        if pending is not None and marker not in (b"END:VCARD", b"BEGIN:VCARD"):
            if quoted_printable and pending[-1].endswith(b"="):
                pending[-1] = pending[-1][:-1]  # a soft line break: the value goes on at the next line
                pending.append(line)
                continue
            if line[:1] in (b" ", b"\t"):
                pending.append(line[1:])  # a folded line
                continue
        if pending is not None:
            card.append((pending_at, b"".join(pending)))
            pending = None
            if len(card) > limits.max_card_properties:
                raise ImportFileError(file_name, f"card {number} has more than {limits.max_card_properties:,} "
                                                 f"properties; the limit is {limits.max_card_properties:,} per card")
        if not marker:
            continue
        if marker == b"END:VCARD":
            yield number, True, card
            card = None
        elif marker == b"BEGIN:VCARD":
            yield number, False, card
            number, card = number + 1, []
        else:
            pending, pending_at = [line], line_number
            quoted_printable = b"QUOTED-PRINTABLE" in line.split(b":", 1)[0].upper()
    if card is not None:
        if pending is not None:
            card.append((pending_at, b"".join(pending)))
        yield number, False, card


class _VCardText:
    """Property values as text: quoted-printable undone, then the value's CHARSET, else UTF-8, else the file's
    8-bit code page (vCard 2.1 writers often give none: The Bat!, Outlook)."""

    def __init__(self, data: bytes):
        self.data, self.used_fallback, self._fallback = data, False, None

    @property
    def fallback(self) -> str:
        if self._fallback is None:
            sample = re.sub(rb"\r?\n[ \t]|\r[ \t]", b"", self.data[:1_000_000])
            sample = sample[:sample.rfind(b"\n") + 1] or sample
            try:
                sample.decode("utf-8")
                self._fallback = "cp1252"  # only quoted-printable values are 8-bit: the Western default
            except UnicodeDecodeError:
                self._fallback = _guess_8bit(sample)
        return self._fallback

    def line(self, raw: bytes) -> str:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode(self.fallback, errors="replace")

    def value(self, name: str, value: bytes, params: dict[str, str],
              card_charset: str | None = None) -> tuple[str | None, str | None]:
        """(text or None, a note on what went wrong or None). A value without CHARSET is taken to be in the one
        its card declares elsewhere, then in UTF-8, then in the file's 8-bit code page."""
        transfer = params.get("ENCODING", "").upper()
        if transfer in ("B", "BASE64"):
            return None, f"{name} is binary data, not text; skipped"
        if transfer == "QUOTED-PRINTABLE":
            value = quopri.decodestring(value)
        elif transfer not in ("", "8BIT", "7BIT"):
            return None, f"{name} has an unknown encoding '{transfer}'; skipped"
        charset, note = params.get("CHARSET"), None
        for declared in (charset, card_charset):
            if not declared:
                continue
            try:
                return value.decode(declared), None
            except LookupError:
                if declared == charset:
                    note = f"{name} has an unknown character set '{declared}'"
            except UnicodeDecodeError as e:
                if codecs.lookup(declared).name == "utf-8" and e.reason == "unexpected end of data":
                    # cut inside a character, as a broken quoted-printable line leaves it
                    text = value.decode("utf-8", errors="replace").rstrip("\ufffd")
                    return (text or None), f"{name} ends in the middle of a character" + (
                        "; that part was dropped" if text else "; skipped")
                if declared == charset:
                    return value.decode(declared, errors="replace"), f"{name} is not valid {declared}; " \
                                                                     "unreadable characters were replaced"
        try:
            return value.decode("utf-8"), note and note + "; read as UTF-8"
        except UnicodeDecodeError:
            self.used_fallback = True
            return value.decode(self.fallback, errors="replace"), note and f"{note}; read as {self.fallback}"


def _vcard_params(raw: bytes) -> dict[str, str]:
    params: dict[str, str] = {}
    for part in _PARAM.findall(raw):
        key, equals, value = part.partition(b"=")
        name = key.strip().upper().decode("ascii", errors="replace")
        if not equals:
            name, value = ("ENCODING" if name in _BARE_ENCODINGS else "TYPE"), key
        params.setdefault(name, value.strip().strip(b'"').decode("ascii", errors="replace"))
    return params


def _card_cells(lines: list[tuple[int, bytes]], decoder: _VCardText,
                wanted: frozenset[str] | set[str]) -> tuple[dict[str, str], list[str], list[str]]:
    """One card as text cells (property name -> first value, N split, a LinkedIn URL preferred), the names of
    all its properties, and notes on lines that were skipped."""
    cells: dict[str, str] = {}
    names: list[str] = []
    notes: list[str] = []
    urls: list[str] = []
    properties = []
    for line_number, raw in lines:
        match = _PROPERTY.fullmatch(raw)
        params = _vcard_params(match.group(3)) if match else {}
        properties.append((line_number, raw, match, params))
    card_charset = next((p["CHARSET"] for *_, p in properties if p.get("CHARSET")), None)
    after_binary = False
    for line_number, raw, match, params in properties:
        if match is None:
            # old phones write base64 lines unindented, up to a blank line
            if not (after_binary and _BASE64_LINE.fullmatch(raw)):
                notes.append(f"line {line_number} ('{_shown(decoder.line(raw))}') is not a vCard property; skipped")
            continue
        name = match.group(2).decode("ascii").upper()
        names.append(name)
        after_binary = params.get("ENCODING", "").upper() in ("B", "BASE64")
        if name not in wanted:
            continue  # kept in the card's raw text
        text, note = decoder.value(name, match.group(4), params, card_charset)
        if note:
            notes.append(f"line {line_number}: {note}")
        if text is None or not text.strip():
            continue
        if name == "N":
            parts = _split_escaped(text, ";") + ["", "", ""]
            cells.setdefault("N", _unescape(text).strip())
            for key, part in (("N (first)", parts[1]), ("N (middle)", parts[2]), ("N (last)", parts[0])):
                cells.setdefault(key, " ".join(_listed(part)))
        elif name in ("URL", "X-SOCIALPROFILE"):
            urls.append(_unescape(text).strip())
        elif name == "CATEGORIES":
            cells.setdefault(name, ",".join(_listed(text)))
        elif name == "NICKNAME":
            cells.setdefault(name, next(iter(_listed(text)), ""))
        elif name == "ORG":
            cells.setdefault(name, _unescape(_split_escaped(text, ";")[0]).strip())
        elif name == "TEL":
            cells.setdefault(name, re.sub(r"^tel:", "", _unescape(text).strip(), flags=re.IGNORECASE))
        else:
            cells.setdefault(name, _unescape(text).strip())
    if urls:
        cells["URL"] = next((u for u in urls if "linkedin." in u.lower()), urls[0])
    if not cells.get("FN") and not any(cells.get(k) for k in ("N (first)", "N (middle)", "N (last)")) \
            and cells.get("NICKNAME"):
        cells["FN"] = cells["NICKNAME"]  # a nickname is the only name given
    return cells, names, notes


_ESCAPED = re.compile(r"\\(.)", re.DOTALL)


def _unescape(text: str) -> str:
    r"""vCard escapes: \n is a line break, \, \; \: \\ the character itself; anything else stays as written."""
    if "\\" not in text:
        return text
    return _ESCAPED.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1) if m.group(1) in ",;:\\"
                        else m.group(0), text)


@functools.lru_cache(maxsize=4)
def _token(separator: str) -> re.Pattern:
    return re.compile(r"\\.|[^\\" + separator + r"]+|" + separator + r"|\\", re.DOTALL)


def _split_escaped(text: str, separator: str) -> list[str]:
    r"""Split on separators that are not escaped, escapes kept: 'Globex\, Inc.;Sales' -> ['Globex\, Inc.', 'Sales']."""
    parts: list[list[str]] = [[]]
    for token in _token(separator).findall(text):
        if token == separator:
            parts.append([])
        else:
            parts[-1].append(token)
    return ["".join(p) for p in parts]


def _listed(text: str) -> list[str]:
    """A comma-separated vCard list, unescaped, without empty items."""
    return [v for v in (_unescape(p).strip() for p in _split_escaped(text, ",")) if v]


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


# ---- canonical frame -------------------------------------------------------------------------------------
# The source cells travel as pyarrow string arrays, one per column ('' for empty), and are worked on with pyarrow
# compute: each pandas operation on a Series costs 0.1-0.7 ms whatever its length, which made a 3-row file cost
# 25 ms; here the frame is built once, at the end. Where pandas used Python's re (its patterns with \s, which RE2
# reads as ASCII only), the same is done here on the few cells concerned.

Cells = dict[str, pa.Array]

_TEXT = pd.StringDtype()
_TAGS = pd.ArrowDtype(pa.list_(pa.string()))
_DATE = pd.ArrowDtype(pa.date32())
_STR = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' own "str", as read_csv gives it
_LARGE = pa.large_string()
_EMPTY = pa.scalar("", _LARGE)
_NULL = pa.scalar(None, _LARGE)
_SPACE = pa.scalar(" ", _LARGE)
_Column = pd.api.extensions.ExtensionArray
_NAME_PARTS = ("full_name", "first_name", "middle_name", "last_name")


def _text_array(values: list[str]) -> pa.Array:
    return pa.array(values, _LARGE)


def _arrow_csv(body: str | bytes, delimiter: str, columns: list[str]) -> Cells:
    """The rows of a CSV body as text columns ('' for an empty cell), read by pyarrow in one block on one thread (a
    second thread only adds work here). Raises pa.ArrowInvalid on a row of another width or invalid UTF-8: the
    slower reader then pads, reports or refuses."""
    data = body.encode("utf-8", errors="surrogatepass") if isinstance(body, str) else body
    block = min(len(data) + 1, 1 << 30)
    table = pa_csv.read_csv(
        pa.py_buffer(data), read_options=pa_csv.ReadOptions(column_names=columns, use_threads=False, block_size=block),
        parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False),
        convert_options=pa_csv.ConvertOptions(column_types=dict.fromkeys(columns, _LARGE), null_values=[],
                                              strings_can_be_null=False, quoted_strings_can_be_null=False))
    return {c: table.column(c).combine_chunks() for c in columns}


def _empty_cells(columns: list[str]) -> Cells:
    return {c: _text_array([]) for c in columns}


def _canonical(cells: Cells, mapping: dict[str, str], fmt: str, header_row: int, problems: list[RowProblem],
               rows: np.ndarray | None = None, raw: list[str] | None = None) -> pd.DataFrame:
    """Source cells (all text, '' for empty) -> CONTACT_FIELDS + row + raw; skipped rows become problems."""
    if rows is None:
        height = len(next(iter(cells.values()))) if cells else 0
        rows = np.arange(header_row + 1, header_row + 1 + height, dtype="int64")
    raw_json = _text_array(raw) if raw is not None else _raw_json(cells, len(rows))
    keep = _non_blank(cells, len(rows))
    used = {c: cells[c] for c in dict.fromkeys(mapping.values())}
    if not keep.all():
        mask = pa.array(keep)
        used = {c: a.filter(mask) for c, a in used.items()}
        rows, raw_json = rows[keep], raw_json.filter(mask)
    n = len(rows)
    text = {f: _clean(used[c]) for f, c in mapping.items()}
    out = {f: text.get(f) for f in ("first_name", "last_name", "company", "title", "notes")}
    out["phone"] = _first_value(text["phone"], r"\s+:::\s+", " ::: ") if "phone" in text else None
    out["full_name"] = _full_name(*(text.get(f) for f in _NAME_PARTS))
    out["email"] = _emails(text.get("email"), rows, problems)
    out["linkedin_url"] = _linkedin_urls(text.get("linkedin_url"), rows, fmt, problems)
    strings = {f: _nulled(a, n) for f, a in out.items()}
    other = {"tags": _tags(text.get("tags"), n), "tie_strength": _ties(text.get("tie_strength"), rows, n, problems),
             "connected_on": _dates(text.get("connected_on"), rows, n, problems)}
    strings["full_name"], person = _people(strings, rows, problems)
    if not person.all():
        mask = pa.array(person)
        strings = {f: a.filter(mask) for f, a in strings.items()}
        other = {f: a[person] for f, a in other.items()}
        rows, raw_json = rows[person], raw_json.filter(mask)
    strings["linkedin_url"] = _separate_shared_profiles(strings["linkedin_url"], strings["full_name"], rows,
                                                        problems)
    problems.sort(key=lambda p: p.row)
    columns = {**{f: pd.arrays.ArrowStringArray(a) for f, a in strings.items()}, **other}
    return pd.DataFrame({**{f: columns[f] for f in CONTACT_FIELDS}, "row": rows,
                         "raw": pd.arrays.ArrowStringArray(raw_json)}, copy=False)


def _people(strings: dict[str, pa.Array], rows: np.ndarray, problems: list[RowProblem]) -> tuple[pa.Array, np.ndarray]:
    """The full names (an email address standing in for a missing one) and which rows are people; the others are
    reported."""
    full, email, company = strings["full_name"], strings["email"], strings["company"]
    # Someone known only by an email address is still someone: they are kept under the address, as address
    # books show them, and the row says so.
    by_email = _numpy(pc.and_(pc.is_null(full), pc.is_valid(email)))
    if by_email.any():
        full = pc.if_else(pa.array(by_email), email, full)
        problems.extend(RowProblem(int(rows[i]), "kept under its email address: the row has no name")
                        for i in np.flatnonzero(by_email))
    no_name = _numpy(pc.is_null(full))
    # A card whose only name is its organisation's is not a person either.
    company_card = ~no_name & _numpy(pc.and_(pc.and_(pc.is_null(strings["first_name"]),
                                                     pc.is_null(strings["last_name"])),
                                             pc.fill_null(pc.equal(full, company), False)))
    for i in np.flatnonzero(no_name | company_card):
        name = company[i].as_py()
        if company_card[i]:
            reason = f"company card ('{name}'), not a person"
        else:
            reason = "no name" if name is None else f"no name (only the company '{name}')"
        problems.append(RowProblem(int(rows[i]), reason))
    return full, ~(no_name | company_card)


def _numpy(mask: pa.Array) -> np.ndarray:
    """A boolean array without nulls as NumPy."""
    return np.asarray(mask, dtype=bool)


def _nulled(a: pa.Array | None, n: int) -> pa.Array:
    """'' as missing; an absent field is missing throughout."""
    if a is None:
        return pa.nulls(n, _LARGE)
    return pc.if_else(pc.equal(a, _EMPTY), _NULL, a)


def _separate_shared_profiles(urls: pa.Array, names: pa.Array, rows: np.ndarray,
                              problems: list[RowProblem]) -> pa.Array:
    """Two people with one LinkedIn URL in a file would be merged into one record by that URL: keep the URL on the
    first, leave it empty on the others (their raw cells keep it) and report each, so nobody is mixed silently."""
    has = _numpy(pc.is_valid(urls))
    if has.sum() < 2:
        return urls
    # A cheap key first, as coarse as the merge's (case, scheme, host, query, percent escapes and accents ignored).
    key = pc.replace_substring_regex(pc.utf8_lower(urls.filter(pa.array(has))), r"^.*linkedin\.[a-z.]+", "")
    key = pc.replace_substring_regex(key, r"^(/in/[^/?#]*)[/?#].*$", r"\1")
    key = pc.replace_substring_regex(key, r"[?#].*$|%[0-9a-f]{2}|[^a-z0-9/]|/+$", "")
    codes = np.asarray(pc.dictionary_encode(key).indices)
    repeated = np.bincount(codes)[codes] > 1
    if not repeated.any():
        return urls
    from engine.merge import normalise_linkedin_url, normalise_name  # only when a URL repeats

    at = np.flatnonzero(has)[repeated]
    shared, named = urls.take(pa.array(at)).to_pylist(), names.take(pa.array(at)).to_pylist()
    cleared = np.zeros(len(urls), dtype=bool)
    first: dict[str, int] = {}
    for j, i in enumerate(at):
        owner = first.setdefault(normalise_linkedin_url(shared[j]), j)
        if owner != j and normalise_name(named[j]) != normalise_name(named[owner]):
            problems.append(RowProblem(int(rows[i]), f"same LinkedIn URL as row {rows[at[owner]]} ({named[owner]}) "
                                       "but another name: kept as a separate person without the URL; check whose "
                                       "profile it is"))
            cleared[i] = True
    return pc.if_else(pa.array(cleared), _NULL, urls) if cleared.any() else urls


def _joined(cells: Cells, n: int) -> pa.Array:
    """Each row's cells run together: blank when all of them are, and holding any character one of them holds."""
    arrays = list(cells.values())
    if not arrays:
        return pa.array([""] * n, _LARGE)
    while len(arrays) > 1:  # a few hundred at a time: a file may have thousands of columns
        arrays = [pc.binary_join_element_wise(*arrays[i:i + 256], _EMPTY) for i in range(0, len(arrays), 256)]
    return arrays[0]


def _non_blank(cells: Cells, n: int) -> np.ndarray:
    """Rows with a character other than whitespace in some cell. A cell starting with a printable ASCII character
    settles its row at once; only the other rows are joined and trimmed."""
    if n == 0:
        return np.zeros(0, dtype=bool)
    keep = np.zeros(n, dtype=bool)
    for a in cells.values():
        offsets, data = _buffers(a)
        filled = offsets[1:] > offsets[:-1]
        first = np.zeros(n, dtype=np.uint8)
        first[filled] = data[offsets[:-1][filled]]
        keep |= (first > 0x20) & (first < 0x7F)
    if not keep.all():
        rest = pa.array(~keep)
        joined = _joined({c: a.filter(rest) for c, a in cells.items()}, n - int(keep.sum()))
        keep[~keep] = _numpy(pc.not_equal(pc.utf8_trim_whitespace(joined), _EMPTY))
    return keep


def _buffers(a: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """A large_string array's offsets (its own slice of them) and its whole data buffer, as NumPy views."""
    offsets = np.frombuffer(a.buffers()[1], dtype=np.int64)[a.offset:a.offset + len(a) + 1]
    data = a.buffers()[2]
    return offsets, (np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, dtype=np.uint8))


def _raw_json(cells: Cells, n: int) -> pa.Array:
    """Each row's original cells as a JSON object, joined column-wise in one pyarrow pass."""
    if n == 0:
        return _text_array([])
    parts: list = []
    for i, (c, values) in enumerate(cells.items()):
        key = ("{" if i == 0 else '", ') + json.dumps(c, ensure_ascii=False) + ': "'
        parts += [pa.scalar(key, _LARGE), _json_escaped(values)]
    return pc.binary_join_element_wise(*parts, pa.scalar('"}', _LARGE), _EMPTY)


def _json_special(a: pa.Array) -> bool:
    """Whether a cell holds a character JSON escapes: a quote, a backslash or a control character (a byte scan:
    these are ASCII, and UTF-8 never uses an ASCII byte inside another character)."""
    offsets, data = _buffers(a)
    text = data[offsets[0]:offsets[-1]]
    if not len(text):
        return False
    raw = text.tobytes()
    return b'"' in raw or b"\\" in raw or int(text.min()) < 0x20


def _json_escaped(a: pa.Array) -> pa.Array:
    """The cells as JSON string bodies (without the surrounding quotes)."""
    if not _json_special(a):
        return a
    if pc.any(pc.match_substring_regex(a, r"[\x00-\x08\x0b\x0c\x0e-\x1f]")).as_py():
        return _text_array([json.dumps(v, ensure_ascii=False)[1:-1] for v in a.to_pylist()])
    for ch, escaped in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t")):
        a = pc.replace_substring(a, ch, escaped)
    return a


def _clean(a: pa.Array) -> pa.Array:
    """Spaces trimmed, and a spreadsheet's formula escape undone ('=SUM -> =SUM)."""
    a = pc.utf8_trim_whitespace(a)
    if pc.any(pc.starts_with(a, "'")).as_py():
        a = pc.replace_substring_regex(a, r"^'([=+\-@\t\r])", r"\1")  # anchored: other cells are left as they are
    return a


def _first_value(a: pa.Array, separator: str, literal: str) -> pa.Array:
    """The first of several values joined in one cell (only cells that hold `literal` are split on `separator`,
    with Python's re: its \\s is Unicode whitespace, RE2's only ASCII)."""
    several = pc.match_substring(a, literal)
    if not pc.any(several).as_py():
        return a
    split = re.compile(separator).split
    first = [split(v, maxsplit=1)[0].strip() for v in a.filter(several).to_pylist()]
    return pc.replace_with_mask(a, several, _text_array(first))


def _full_name(full: pa.Array | None, first: pa.Array | None, middle: pa.Array | None,
               last: pa.Array | None) -> pa.Array | None:
    """The full name as given, else first, middle and last joined."""
    built = first
    for part in (middle, last):
        if part is None:
            continue
        if built is None:
            built = pa.array([""] * len(part), _LARGE)
        joined = pc.utf8_trim_whitespace(pc.binary_join_element_wise(built, part, _SPACE))
        built = pc.if_else(pc.equal(part, _EMPTY), built, joined)
    if full is None or built is None:
        return full if built is None else built
    return pc.if_else(pc.equal(full, _EMPTY), built, full)


_EMAIL = re.compile(_EMAIL_OK)


def _emails(a: pa.Array | None, rows: np.ndarray, problems: list[RowProblem]) -> pa.Array | None:
    """The first address of a cell, lower case, without mailto:; a cell that is no address is left empty."""
    if a is None:
        return None
    has = pc.not_equal(a, _EMPTY)
    if not pc.any(has).as_py():
        return a
    values = pc.utf8_lower(a.filter(has))
    values = pc.if_else(pc.starts_with(values, "mailto:"), pc.utf8_slice_codeunits(values, 7), values)
    for literal in (":::", ";", ","):
        values = _first_value(values, r"\s*(?::::|;|,)\s*", literal)
    bad = np.array([_EMAIL.fullmatch(v) is None for v in values.to_pylist()], dtype=bool)
    if bad.any():
        at = np.flatnonzero(_numpy(has))[bad]
        for i, original in zip(at, a.take(pa.array(at)).to_pylist(), strict=True):
            problems.append(RowProblem(int(rows[i]), f"email '{original}' is not an email address; left empty"))
        values = pc.if_else(pa.array(bad), _EMPTY, values)
    return pc.replace_with_mask(a, has, values)


def _linkedin_urls(a: pa.Array | None, rows: np.ndarray, fmt: str, problems: list[RowProblem]) -> pa.Array | None:
    if a is None:
        return None
    other = _numpy(pc.and_(pc.not_equal(a, _EMPTY),
                           pc.invert(pc.match_substring(pc.utf8_lower(a), "linkedin."))))
    if not other.any():
        return a
    # Google, Outlook and vCard keep any website in that column: only a LinkedIn one belongs here.
    if fmt in ("linkedin", "csv", "xlsx"):
        at = np.flatnonzero(other)
        for i, url in zip(at, a.take(pa.array(at)).to_pylist(), strict=True):
            problems.append(RowProblem(int(rows[i]), f"'{url}' is not a LinkedIn URL; left empty"))
    return pc.if_else(pa.array(other), _EMPTY, a)


def _tags(a: pa.Array | None, n: int) -> _Column:
    if a is None or not pc.any(pc.not_equal(a, _EMPTY)).as_py():
        offsets = pa.array(np.zeros(n + 1, dtype="int32"))
        return pd.arrays.ArrowExtensionArray(pa.ListArray.from_arrays(offsets, pa.array([], pa.string())))
    lists = []
    for v in a.to_pylist():
        parts = re.split(r"\s*:::\s*|\s*[,;]\s*", v) if v else []
        lists.append(list(dict.fromkeys(p for p in parts if p and not p.startswith("*"))))
    return pd.arrays.ArrowExtensionArray(pa.array(lists, pa.list_(pa.string())))


def _ties(a: pa.Array | None, rows: np.ndarray, n: int, problems: list[RowProblem]) -> _Column:
    if a is None:
        return pd.arrays.IntegerArray(np.zeros(n, dtype="int64"), np.ones(n, dtype=bool))  # all missing
    s = pd.Series(pd.arrays.ArrowStringArray(a, dtype=_STR))  # pandas' reading of numbers, as before
    number = pd.to_numeric(s.where(s != ""), errors="coerce")
    ok = number.between(1, 5) & (number % 1 == 0)
    for i in np.flatnonzero(((s != "") & ~ok).to_numpy(dtype=bool)):
        problems.append(RowProblem(int(rows[i]), f"tie strength '{s.iloc[i]}' is not a whole number "
                                                 "from 1 to 5"))
    return number.where(ok).astype("Int64").array


def _dates(a: pa.Array | None, rows: np.ndarray, n: int, problems: list[RowProblem]) -> _Column:
    if a is None:
        return pd.arrays.ArrowExtensionArray(pa.nulls(n, pa.date32()))
    # Few distinct dates even in huge files: parse each distinct text once.
    encoded = pc.dictionary_encode(a)
    codes, uniques = encoded.indices, encoded.dictionary
    parsed = _parse_dates(uniques, _day_first(uniques.to_pylist()))
    values = pa.array([None if p is _BAD else p for p in parsed], pa.date32())
    bad = [i for i, p in enumerate(parsed) if p is _BAD]
    if bad:
        at = np.flatnonzero(_numpy(pc.is_in(codes, pa.array(bad, codes.type))))
        for i, text in zip(at, a.take(pa.array(at)).to_pylist(), strict=True):
            problems.append(RowProblem(int(rows[i]), f"date '{text}' is not a date (use YYYY-MM-DD)"))
    return pd.arrays.ArrowExtensionArray(values.take(codes))


_BAD = object()
# LinkedIn writes "07 Mar 2021" today; older exports "1/8/18, 6:14 PM"; Excel re-saves them as "15-Jan-24" or
# "3/7/2021" (en-US) and "07.03.2021" (de-DE).
_DATE_FORMATS = ("%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%d.%m.%Y", "%Y/%m/%d", "%b %d, %Y", "%B %d, %Y",
                 "%d-%b-%y", "%d-%b-%Y", "%d %b %y", "%d.%m.%y", "%b %d %Y", "%d-%m-%Y")
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")
_CLOCK = re.compile(r"[T ,]+\d{1,2}:\d\d(?::\d\d(?:\.\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?"
                    r"(?:\s*(?:Z|UTC|GMT|[+-]\d\d:?\d\d))?$")


def _day_first(texts) -> bool:
    """Whether a column's slashed dates are day/month (en-GB) rather than month/day (US, LinkedIn): any day over 12
    in first place settles it for the whole column, as long as none has one in second place."""
    first = second = False
    for text in texts:
        m = _SLASHED.match(str(text).strip())
        if m:
            first |= int(m.group(1)) > 12
            second |= int(m.group(2)) > 12
    return first and not second


def _parse_dates(texts: pa.Array, day_first: bool) -> list:
    """_parse_date of each text, the common shapes read by pyarrow a format at a time (a LinkedIn export's 1,700
    distinct dates cost Python's strptime a tenth of a second). pyarrow's reading is taken only where the text is
    exactly what that format writes for the date it read: zero-padded, English month names, a year from 1 to 9999.
    That leaves out what pyarrow reads more loosely than Python (31 Feb as 3 Mar, a missing zero, spaces), and
    _DATE_FORMATS differ in shape (separators, order, 2- or 4-digit years, month names), so no format before it
    would have read such a text, and the slashed and clock rules never apply to it. The rest: _parse_date."""
    parsed: list = [None] * len(texts)
    left = np.arange(len(texts))
    for f in _DATE_FORMATS:
        if not len(left):
            break
        some = texts.take(pa.array(left))
        read = pc.cast(pc.strptime(some, format=f, unit="s", error_is_null=True), pa.date32())
        exact = pc.and_(pc.equal(pc.strftime(read, format=f), some),
                        pc.and_(pc.greater_equal(pc.year(read), 1), pc.less_equal(pc.year(read), 9999)))
        exact = _numpy(pc.fill_null(exact, False))
        for i, date in zip(left[exact], read.filter(pa.array(exact)).to_pylist(), strict=True):
            parsed[i] = date
        left = left[~exact]
    for i, text in zip(left, texts.take(pa.array(left)).to_pylist(), strict=True):
        parsed[i] = _parse_date(text, day_first)
    return parsed


def _parse_date(text: str, day_first: bool = False) -> dt.date | None | object:
    if not text or text in ("0/0/00", "00.00.00"):
        return None
    text = _CLOCK.sub("", text.strip(), count=1)
    m = _SLASHED.fullmatch(text)
    if m:
        a, b, year = m.groups()
        day, month = (a, b) if day_first else (b, a)
        try:
            return dt.datetime.strptime(f"{day}/{month}/{year}", "%d/%m/%y" if len(year) == 2 else "%d/%m/%Y").date()
        except ValueError:
            return _BAD
    for f in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, f).date()
        except ValueError:
            continue
    return _BAD


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".rstrip("0").rstrip(".")
