"""No network, proven in the browser: a full tour of every page over the demo store, with every request the page
makes recorded (documents, scripts, styles, fonts, images, the tab icon, websockets). Any host other than the
local server fails the test; the request is also refused, so nothing leaves even when it would."""

from datetime import date
from urllib.parse import urlparse

import pytest

from engine.demo import demo_dataset, demo_profile
from engine.store import Store

from .conftest import settle

pytestmark = pytest.mark.e2e
# Every page in the navigation, by its URL path, and one contact opened by id.
TOUR = ["", "contacts", "contact?id=1", "import", "duplicates", "progress", "what-works", "practice", "profile",
        "data"]


@pytest.fixture
def seed():
    def fill(path):
        with Store(path) as store:
            store.load_demo(demo_dataset(date.today()), demo_profile())
    return fill


def test_a_tour_of_every_page_asks_only_the_local_server(server, page):
    url, _ = server
    local = urlparse(url).hostname
    seen: list[str] = []
    outside: list[str] = []

    def record(request_url: str) -> None:
        seen.append(request_url)
        host = urlparse(request_url).hostname
        if urlparse(request_url).scheme in ("data", "blob") or host == local:
            return
        outside.append(request_url)

    page.on("request", lambda request: record(request.url))
    page.on("websocket", lambda ws: record(ws.url))
    page.route("**/*", lambda route: route.abort() if urlparse(route.request.url).hostname not in (local, None)
               and urlparse(route.request.url).scheme not in ("data", "blob") else route.continue_())
    for path in TOUR:
        page.goto(f"{url}/{path}")
        settle(page)
        page.locator("[data-testid='stMain'] h1").first.wait_for()  # the page drew, not only the frame
        settle(page)
        page.wait_for_timeout(1500)  # charts, fonts and the tab icon load after the script finished
        assert page.locator("[data-testid='stException']").count() == 0, path
    icon = page.evaluate("() => [...document.querySelectorAll(\"link[rel~='icon']\")].map(l => l.href)")
    assert icon and all(urlparse(h).hostname == local for h in icon), icon
    assert any("/static/" in u or u.endswith(".js") for u in seen), "the recorder saw the page's own assets"
    assert not outside, f"requests to other hosts: {sorted(set(outside))}"
