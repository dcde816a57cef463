"""User text is only text, in a real browser: a URL or an address in a contact's fields never becomes a link, a
`:material/...:` code never an icon, a `:red[...]` never a colour, and a newline never breaks a heading or a card
into two. Unstuck's own links (page links) are the only links on the pages toured."""

from datetime import date, timedelta
from urllib.parse import urlparse

import pytest

from engine.profile import make_profile
from engine.store import Store

from .conftest import settle

pytestmark = pytest.mark.e2e
URL_TITLE = "Data Engineer https://evil.example/phish"
WWW_COMPANY = "www.evil.example"
ICON_NAME = ":material/home: Ida Icon"
COLOUR_NAME = ":red[Rita] Red"
BROKEN_NAME = "Nora\n# Newline"
MAIL_NOTE = "write to ann@evil.example"


@pytest.fixture
def seed():
    def fill(path):
        today = date.today()
        with Store(path) as store:
            store.save_profile(make_profile(target_role="Data Engineer"))
            a = store.add_contact(full_name="Ann Link", title=URL_TITLE, company=WWW_COMPANY, notes=MAIL_NOTE,
                                  tie_strength=5)
            b = store.add_contact(full_name=ICON_NAME, title="Data Engineer", company=WWW_COMPANY, tie_strength=5)
            c = store.add_contact(full_name=BROKEN_NAME, title="Data Engineer", company="Acme", tie_strength=5)
            store.add_contact(full_name=COLOUR_NAME, title="Data Engineer", company="Globex", tie_strength=5)
            store.log_event(b, "meeting_scheduled", today - timedelta(days=1))  # a "Prepare for" link with the name
            store.log_event(c, "drafting", today - timedelta(days=10))  # a stale draft: an expander with the name
            del a
    return fill


def outside_links(page, local: str) -> list[str]:
    hrefs = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
    return [h for h in hrefs if urlparse(h).hostname not in (local, None) or h.startswith("mailto:")]


def icons_in_content(page) -> list[str]:
    """Material icons drawn inside the main area's Markdown (Unstuck's own icons sit in buttons, links, alerts)."""
    return page.evaluate("""() => [...document.querySelectorAll(
        "[data-testid='stMain'] [data-testid='stMarkdownContainer'] [data-testid='stIconMaterial']")]
        .map(e => e.textContent)""")


def test_contact_text_never_becomes_a_link_icon_colour_or_layout(server, page, tmp_path):
    url, _ = server
    local = urlparse(url).hostname
    for path in ("", "contacts", "contact?id=1", "contact?id=2", "contact?id=3"):
        page.goto(f"{url}/{path}")
        settle(page)
        page.locator("[data-testid='stMain'] h1").first.wait_for()  # the page drew, not only the frame
        settle(page)
        page.wait_for_timeout(500)
        assert page.locator("[data-testid='stException']").count() == 0, path
        assert outside_links(page, local) == [], path
        assert icons_in_content(page) == [], path
        assert page.locator("[data-testid='stMain'] [data-testid='stMarkdownContainer'] span[style*='color']") \
            .filter(has_text="Rita").count() == 0, path
        # a heading made of a name: one line, the newline shown as a space
        assert page.locator("[data-testid='stMain'] h1, [data-testid='stMain'] h2, [data-testid='stMain'] h3") \
            .filter(has_text="Newline").filter(has_not_text="Nora").count() == 0, path
        page.screenshot(path=str(tmp_path / f"inert_{path.replace('?', '_') or 'today'}.png"), full_page=True)
    for contact_id, typed in ((1, URL_TITLE), (1, WWW_COMPANY), (2, ICON_NAME), (3, "Nora # Newline")):
        page.goto(f"{url}/contact?id={contact_id}")
        settle(page)
        page.get_by_text("Status:").first.wait_for()
        read = page.evaluate(
            "() => document.querySelector(\"[data-testid='stMain']\").innerText.replace(/\\u2060/g, '')")
        assert typed in read, (contact_id, typed)  # shown as typed, just not as a link, icon or second line
