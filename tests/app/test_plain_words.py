"""Words for a job seeker, not codes: on every page over the demo store, nothing the user reads (Markdown, captions,
alerts, metrics, labels, the options of every pick list) shows a stored code such as `reached_out`, `in_person` or
`could_be_boss`, nor a `None` or `nan` where a value is missing."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from .conftest import PAGES, ROOT

CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")  # snake_case: how Unstuck stores statuses, events, channels, flags
MISSING = re.compile(r"\b(?:None|nan|NaN|NaT)\b(?! yet)")  # "None yet." is English
# Code-like words shown on purpose (none so far).
ALLOWED: set[str] = set()
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")  # a message template's fields, as the user types them: {first_name}


def readable(at) -> list[tuple[str, str]]:
    """(where, text) of everything the page shows as text: Markdown-ish elements, labels and pick-list options."""
    out, todo = [], [at._tree]
    while todo:
        node = todo.pop()
        todo += list(getattr(node, "children", {}).values())
        kind = node.type
        if kind in ("markdown", "caption", "info", "warning", "success", "error", "title", "header", "subheader"):
            out.append((kind, str(node.value)))
        if isinstance(getattr(node, "label", None), str):
            out.append((kind + " label", node.label))
        if kind == "metric":
            out.append(("metric", str(node.value)))
        if kind in ("selectbox", "multiselect", "radio"):
            out += [(kind + " option", str(o)) for o in node.options]
    return out


@pytest.mark.parametrize("page", PAGES)
def test_no_page_shows_a_code_or_a_missing_marker(demo_store, page, monkeypatch):
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60).run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    shown = readable(at)
    assert shown, "the check reads something"
    bad = [(where, text[:120]) for where, text in shown
           if (set(CODE.findall(PLACEHOLDER.sub("", text.replace("\\", "")))) - ALLOWED) or MISSING.search(text)]
    assert bad == []
