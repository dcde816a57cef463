import numpy as np
import pytest

from engine.reach import Way, mail_link, phone_link, ways_to_reach, web_link


def test_every_email_phone_and_profile_link_is_listed_once_with_its_link():
    ana = {"emails": np.array(["ana@home.example", "ana@work.example", "ANA@home.example"], dtype=object),
           "phones": ["+1 (555) 0101"], "linkedin_url": "https://www.linkedin.com/in/ana-ruiz"}
    assert ways_to_reach(ana) == [
        Way("email", "ana@home.example", "mailto:ana@home.example"),
        Way("email", "ana@work.example", "mailto:ana@work.example"),
        Way("phone", "+1 (555) 0101", "tel:+15550101"),
        Way("profile", "https://www.linkedin.com/in/ana-ruiz", "https://www.linkedin.com/in/ana-ruiz")]
    assert ways_to_reach({"email": "bo@x.example", "emails": None}) == [
        Way("email", "bo@x.example", "mailto:bo@x.example")]
    assert ways_to_reach({"full_name": "Nobody"}) == []


@pytest.mark.parametrize("address", ["ana@x.example?cc=boss@x.example", "ana@x.example&body=hi", "not an email",
                                     "a@b", "<a@b.example>", "javascript:alert(1)@x.example", "a b@x.example"])
def test_an_address_that_is_more_than_an_address_gets_no_mail_link(address):
    assert mail_link(address) is None


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd", "ftp://x.example",
                                 "https://", "https://x.example/\"onmouseover=x", "www.linkedin.com/in/ana",
                                 "https://x.example/a b", "vbscript:msgbox"])
def test_only_http_urls_with_a_host_become_links(url):
    assert web_link(url) is None


def test_a_phone_link_is_only_digits():
    assert phone_link("0044 20 7946 0000 ext 12") == "tel:00442079460000"
    assert phone_link("call me maybe") is None and phone_link("123") is None
    assert phone_link("+33 1 23 45 67 89") == "tel:+33123456789"


@pytest.mark.parametrize("url, ok", [("https://www.linkedin.com/in/ann", True), ("http://example.com", True),
                                     ("javascript:alert(1)", False), ("data:text/html,x", False),
                                     ("linkedin.com/in/ann", False), ("https://", False), ("", False), (None, False),
                                     ("https://a.example/x y", False), ("https://a.example/\"><img", False)])
def test_only_http_and_https_urls_with_a_host_make_links(url, ok):
    assert (web_link(url or "") is not None) is ok
