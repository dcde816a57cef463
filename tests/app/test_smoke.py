"""The navigation lists exactly the page files, and every page it lists renders without an exception, over an
empty store and over the demo."""

import ast

import pytest

from .conftest import PAGES, ROOT


def navigation_pages() -> list[str]:
    """The page files st.navigation lists in streamlit_app.py, in order (each st.Page's first argument)."""
    tree = ast.parse((ROOT / "streamlit_app.py").read_text(encoding="utf-8"))
    navigation = [node for node in ast.walk(tree) if isinstance(node, ast.Call)
                  and isinstance(node.func, ast.Attribute) and node.func.attr == "navigation"]
    assert len(navigation) == 1, "streamlit_app.py calls st.navigation once"
    return [page.args[0].value for page in ast.walk(navigation[0]) if isinstance(page, ast.Call)
            and isinstance(page.func, ast.Attribute) and page.func.attr == "Page"]


NAVIGATION = navigation_pages()


def test_the_navigation_lists_exactly_the_page_files():
    assert len(NAVIGATION) == len(set(NAVIGATION)), "a page is listed twice"
    assert sorted(NAVIGATION) == PAGES  # every app_pages/*.py but shared.py and __init__.py
    assert len(PAGES) >= 9


def test_the_app_opens_on_its_default_page(app):
    at = app()
    assert not at.exception, at.exception


@pytest.mark.parametrize("page", NAVIGATION)
def test_page_renders_over_an_empty_store(app, page):
    at = app(page)
    assert not at.exception, at.exception


@pytest.mark.parametrize("page", NAVIGATION)
def test_page_renders_over_the_demo(app, demo_store, page):
    at = app(page)
    assert not at.exception, at.exception
    assert at.main.children, f"{page} drew nothing"
