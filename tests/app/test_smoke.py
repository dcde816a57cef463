"""Every page renders without an exception, over an empty store and over the demo."""

import pytest

from .conftest import PAGES


def test_the_pages_folder_is_what_navigation_shows(app):
    at = app()
    assert not at.exception
    assert len(PAGES) >= 2


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_over_an_empty_store(app, page):
    at = app(page)
    assert not at.exception, at.exception


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_over_the_demo(app, demo_store, page):
    at = app(page)
    assert not at.exception, at.exception
