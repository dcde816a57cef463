"""engine.inert: user text inside Markdown is shown as typed and never becomes markup, a link, an icon or layout."""

import pytest

from engine.inert import JOINER, markdown_text, shown


@pytest.mark.parametrize("text", ["https://evil.example/x", "www.evil.example", ":material/home:", ":red[Rita]",
                                  ":smile:", "ann@evil.example", "**bold** [a](b) <img src=x> $x$ &lt; # h",
                                  "Nora\n# Newline\tand\r\nmore"])
def test_the_reader_sees_what_was_typed_on_one_line(text):
    out = markdown_text(text)
    assert shown(out) == " ".join(text.split())
    assert "\n" not in out and "\r" not in out


def test_link_icon_and_colour_patterns_are_broken_by_an_invisible_joiner():
    assert "https\\:" + JOINER + "//" in markdown_text("https://evil.example")
    assert "www" + JOINER + "\\." in markdown_text("www.evil.example")
    assert "\\:" + JOINER + "material/home\\:" in markdown_text(":material/home:")
    assert markdown_text("Note: plain") == "Note\\: plain"  # a colon before a space needs no joiner
    assert JOINER + "@" in markdown_text("ann@evil.example")
    assert "\\&lt;" in markdown_text("&lt;")  # an HTML entity shows as typed, not as "<"
