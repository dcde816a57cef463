"""Hostile text in names, titles, notes, companies, file names and the profile shows literally on every page.

Markdown elements (markdown, caption, info, warning, success, error, toast) must carry user text escaped the way
app_pages/shared.py md() escapes it, so `[click](javascript:...)` never becomes a link, `<img ...>` never an image,
`**bold**` never bold, `$x$` never LaTeX. Widget labels that Streamlit renders as Markdown (expanders, buttons,
page links) must too. Plain-text places (text areas, tables, select options) hold the text verbatim: nothing to
check there.
"""

import ast
import os
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from engine.inert import markdown_text, shown
from engine.merge import plan_merge
from engine.profile import make_profile
from engine.readers import read_contacts
from engine.store import Store

from .conftest import PAGES  # every page in app_pages/ (today, contacts, contact, progress, import_, ...)

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ["<img src=x onerror=alert(1)>", "[click](javascript:alert(1))", "**bold**", "$x$",
           "<script>alert(1)</script>",
           # links, icons, colours and layout that Markdown escapes alone do not stop (engine/inert.py)
           "see https://evil.example/x", "www.evil.example", ":material/home: Ida", ":red[Rita]", "ann@evil.example",
           "Nora\n# Newline"]
# what must never reach a Markdown element unescaped: the hostile strings and their working parts
RAW = [*HOSTILE, "<img", "<script", "](javascript:", "**bold", "$x", "https://evil", "https\\://evil", "www.evil",
       "www\\.evil", ":material/home:", "\\:material/home\\:", ":red[", "\\:red\\[", "ann@evil", "\n#"]
MARKDOWN_ELEMENTS = ("markdown", "caption", "info", "warning", "success", "error", "toast", "title", "header",
                     "subheader", "latex")
LABELLED = ("expander", "button", "page_link", "checkbox", "toggle", "metric", "tab", "status", "popover")


def md(text: str) -> str:
    """What app_pages/shared.py md() makes of text: engine.inert.markdown_text (checked below)."""
    return markdown_text(text)


def seed_hostile(path: Path) -> dict[str, int]:
    """A store where every text the user or a file controls is hostile; returns the hostile contacts' ids."""
    today = date.today()
    with Store(path) as store:
        store.save_profile(make_profile(
            target_role=f"Data Engineer {HOSTILE[0]}", companies=f"{HOSTILE[0]}: 5\nAcme: 4",
            industries=[HOSTILE[1]], keywords=[HOSTILE[2]], reward=f"{HOSTILE[3]} {HOSTILE[4]}", reward_every=1))
        ids = {}
        for i, text in enumerate(HOSTILE):
            ids[text] = store.add_contact(full_name=text, title=f"Data Engineer {text}", company=text, notes=text,
                                          tags=[text], tie_strength=4, email=f"p{i}@example.com")
        first, second, third, fourth, fifth = list(ids.values())[:5]
        store.add_contact(full_name="Colleague Plain", title="Data Engineer", company=HOSTILE[1], referred_by=first)
        store.log_event(first, "drafting", today - timedelta(days=10), channel="email", note=HOSTILE[1])
        store.log_event(second, "reached_out", today - timedelta(days=20), channel="email", note=HOSTILE[0])
        store.log_event(second, "meeting_scheduled", today - timedelta(days=1), note=HOSTILE[4])
        store.log_event(third, "reached_out", today - timedelta(days=5), note=HOSTILE[3])
        store.log_event(third, "declined", today - timedelta(days=1), note=HOSTILE[2], energising=True)
        store.log_event(fourth, "reached_out", today - timedelta(days=3), note=HOSTILE[4])
        store.log_event(fourth, "met", today - timedelta(days=2), note=HOSTILE[0], energising=True)
        store.log_event(fifth, "reached_out", today - timedelta(days=30), note=HOSTILE[1])
        for text in HOSTILE:
            store.add_practice(text, today - timedelta(days=2), person=text, feeling=4, learned=text)
        csv = "Name,Company,Title,Notes\n" + "".join(f'"X {t}","{t}","{t}","{t}"\n' for t in HOSTILE)
        for text in (HOSTILE[0], HOSTILE[1]):
            name = f"{text}.csv"
            parsed = read_contacts(name, csv.replace("X ", f"X{len(name)} ").encode())
            store.apply_import(name, parsed.format, parsed.encoding, parsed.contacts,
                               plan_merge(parsed.contacts, store.contacts()).rows)
    return ids


def shown_as_markdown(at) -> list[tuple[str, str]]:
    """(kind, text) of everything on the page that Streamlit renders as Markdown: Markdown elements, alerts,
    toasts, headings, and every label (widget labels, expanders, tabs, popovers and page links take Markdown)."""
    shown, todo = [], [at._tree]
    while todo:
        node = todo.pop()
        todo += list(getattr(node, "children", {}).values())
        kind = node.type
        if kind in MARKDOWN_ELEMENTS or kind == "page_link":
            shown.append((kind, str(node.value)))
        elif isinstance(getattr(node, "label", None), str):
            shown.append((kind, node.label))
        elif kind == "popover":
            shown.append((kind, node.proto.popover.label))
    return shown


def unescaped(text: str) -> list[str]:
    """Hostile fragments left in `text` once every escaped occurrence (as md() writes it) is taken out."""
    for h in sorted(HOSTILE, key=len, reverse=True):
        text = text.replace(md(h), "")
    return [r for r in RAW if r in text]


def leaks(at) -> list[str]:
    """Markdown places showing hostile text unescaped."""
    return [f"{kind}: {text[:160]!r} shows {bad}" for kind, text in shown_as_markdown(at) if (bad := unescaped(text))]


def shows(at, kinds: str, pattern: str) -> bool:
    """Whether an element of one of these kinds shows text matching the pattern (so a check is not vacuous)."""
    return any(kind in kinds.split("|") and re.search(pattern, text) for kind, text in shown_as_markdown(at))


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30).run()
    return at.switch_page(page).run()


@pytest.fixture
def hostile_store(db_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    return seed_hostile(db_path)


def test_md_escapes_every_hostile_string_so_none_is_left_raw():
    shared = ast.parse((ROOT / "app_pages" / "shared.py").read_text())
    body = next(node for node in ast.walk(shared) if isinstance(node, ast.FunctionDef) and node.name == "md")
    assert ast.unparse(body.body[-1]) == "return markdown_text(text)"  # the page helper is the engine's
    for h in HOSTILE:
        assert shown(md(h)) == " ".join(h.split())  # the reader sees what was typed, on one line
        assert unescaped(md(h)) == [] and unescaped(f"**{md(h)}** at {md(h)}") == []
        assert unescaped(h) != []


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_hostile_text_literally(hostile_store, page):
    at = open_page(page)
    assert not at.exception, at.exception
    assert any(md(h) in text for h in HOSTILE for _, text in shown_as_markdown(at))  # it is there, escaped
    assert leaks(at) == []


def test_the_person_page_of_every_hostile_contact(hostile_store):
    at = open_page("app_pages/contact.py")
    for name, contact in hostile_store.items():
        at.selectbox(key="person_pick").set_value(contact).run()
        assert not at.exception, at.exception
        assert f"### {md(name)}" in [m.value.split("\n")[0] for m in at.markdown]
        assert leaks(at) == []


def add_hostile_referral(hostile_store) -> AppTest:
    at = open_page("app_pages/contact.py")
    at.selectbox(key="person_pick").set_value(hostile_store["**bold**"]).run()  # they declined: ask for a referral
    at.text_input(key="person_ref_name").input(HOSTILE[1])
    at.button(key="person_ref_add").click().run()
    assert not at.exception, at.exception
    return at


def test_a_hostile_referral_is_added_and_the_page_shows_nothing_raw_elsewhere(hostile_store):
    at = add_hostile_referral(hostile_store)
    assert leaks(at) == []
    with Store(os.environ["UNSTUCK_DB"]) as store:
        assert HOSTILE[1] in set(store.contacts()["full_name"])


IMPORT_CSV = "Name,Company,Title\n" + "".join(f'"Ana {t}","Other {t}",Engineer\n' for t in HOSTILE)


@pytest.fixture
def uploaded(hostile_store):
    """The Import page with a hostile-named file whose people might be people already stored."""
    with Store(os.environ["UNSTUCK_DB"]) as store:
        for text in HOSTILE:
            store.add_contact(full_name=f"Ana {text}", company=f"Acme {text}")
    at = open_page("app_pages/import_.py")
    at.file_uploader(key="import_files_0").set_value((f"{HOSTILE[1]}.csv", IMPORT_CSV.encode(), "text/csv")).run()
    assert not at.exception, at.exception
    return at


def test_the_import_preview_and_result_show_hostile_text_literally(uploaded):
    decide = [s for s in uploaded.selectbox if str(s.key).startswith("import_decide_")]
    assert len(decide) == len(HOSTILE)
    assert leaks(uploaded) == []
    uploaded.button(key="import_confirm").click().run()
    assert not uploaded.exception, uploaded.exception
    assert leaks(uploaded) == []


def test_today_draft_expander_and_meeting_links_escape_names(hostile_store):
    at = open_page("app_pages/today.py")
    assert shows(at, "expander", r"started \d+ days ago")
    assert shows(at, "markdown", r"^:material/forum: Conversation with ")  # the agenda names them
    assert leaks(at) == []


def test_person_referral_success_and_link_escape_names(hostile_store):
    at = add_hostile_referral(hostile_store)
    assert shows(at, "success", r"^Added ") and shows(at, "page_link", r"^Open (?!: )")
    assert leaks(at) == []


def test_import_result_escapes_the_file_name(uploaded):
    uploaded.button(key="import_confirm").click().run()
    assert shows(uploaded, "success|info", r"(added|nothing new)")
    assert leaks(uploaded) == []


def test_import_ambiguous_row_label_escapes_name_and_company(uploaded):
    assert shows(uploaded, "selectbox", r"^Row \d+: ")
    assert leaks(uploaded) == []


def test_no_page_turns_off_html_escaping():
    sources = [ROOT / "streamlit_app.py", *sorted((ROOT / "app_pages").glob("*.py"))]
    assert [p.name for p in sources if "unsafe_allow_html" in p.read_text()] == []
