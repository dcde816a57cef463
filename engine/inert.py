"""User text is only text: the one helper that makes a contact's name, title, note or any other text the user or a
file controls safe to show inside Streamlit Markdown (headings, captions, alerts, labels).

What it stops, and how:
- Markdown and HTML: every character with a meaning in Markdown is backslash-escaped, so `**bold**`, `[a](b)`,
  `<img ...>`, `$x$`, `# heading` and `&lt;` show as typed.
- Layout: the text becomes one line (runs of spaces, tabs and newlines become one space), so a newline in a name
  never ends a heading or starts a list.
- Links: GitHub-flavoured Markdown links bare `https://...`, `www....` and e-mail addresses even when their
  punctuation is escaped; icons and colours: Streamlit turns `:material/home:`, `:red[...]` and `:smile:` into an
  icon, a colour or an emoji after the Markdown is parsed, escapes or not. An invisible word joiner (U+2060) after
  every colon that something follows directly (`https:`, `:material`, `:red`; not "Note: ..."), inside every `www.`
  and before every `@` breaks each of these patterns; the text reads the same.

A link appears only where Unstuck builds one itself, from a stored URL with an http(s) scheme (engine.reach).
"""

from __future__ import annotations

import re

SPECIAL = frozenset("\\`*_{}[]()#+-.!|<>~$:&")
JOINER = "\u2060"  # WORD JOINER: zero width, invisible, ignored when reading
_WWW = re.compile(r"(?i)(www)(?=\\\.)")
_COLON = re.compile(r"\\:(?=\S)")


def markdown_text(text: object) -> str:
    """`text` as it should appear inside Markdown: shown exactly as typed (on one line), never as markup, a link,
    an icon, a colour or an emoji."""
    line = " ".join(str(text).split())
    out = "".join("\\" + c if c in SPECIAL else c for c in line)
    out = _COLON.sub("\\\\:" + JOINER, out).replace("@", JOINER + "@")
    return _WWW.sub(lambda m: m.group(1) + JOINER, out)


def shown(markdown: str) -> str:
    """What the reader sees of markdown_text's output: escapes and joiners taken out (for tests and checks)."""
    return re.sub(r"\\(.)", r"\1", markdown).replace(JOINER, "")
