"""How to reach a contact: every stored email, phone and profile link, and the links Unstuck itself builds to them.

A link is built only here, only from a stored value that passes its check: `mailto:` for an address that is one
address and nothing else, `tel:` from the digits of a number, and a profile link only for an http(s) URL with a
host. Anything else is shown as text, never as a link. Unstuck opens the user's own mail or phone app at most; it
never sends anything itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import numpy as np

_EMAIL = re.compile(r"[^@\s?&#/:;,<>\"'()\[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+")
_UNSAFE_URL = re.compile(r"[\s\"'<>\\`{}|^\x00-\x1f\x7f]")
MIN_PHONE_DIGITS = 5


@dataclass(frozen=True)
class Way:
    kind: str         # "email", "phone" or "profile"
    value: str        # as stored
    href: str | None  # the link Unstuck built, or None when the value fails its check


def _values(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple | np.ndarray):
        return [v for v in value if isinstance(v, str)]
    return []


def mail_link(address: str) -> str | None:
    """`mailto:` for one plain email address, else None."""
    address = address.strip()
    return "mailto:" + quote(address, safe="@.+-_") if _EMAIL.fullmatch(address) else None


def phone_link(number: str) -> str | None:
    """`tel:` from the digits (and a leading +) of a phone number with at least MIN_PHONE_DIGITS digits, else None.
    A number with letters in it is not dialled."""
    number = number.strip()
    if re.search(r"[A-Za-z]", number.replace("ext", "").replace("x", "")):
        return None
    digits = re.sub(r"\D", "", number.split("ext")[0].split("x")[0])
    if len(digits) < MIN_PHONE_DIGITS:
        return None
    return "tel:" + ("+" if number.startswith("+") else "") + digits


def web_link(url: str) -> str | None:
    """The URL itself when it is an http(s) URL with a host and nothing that could break out of a link, else None."""
    url = url.strip()
    if not url or _UNSAFE_URL.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def ways_to_reach(contact: Mapping) -> list[Way]:
    """Every email (all kept, the primary first), every phone and the profile link of a contact, each once."""
    emails = _values(contact.get("emails")) or _values(contact.get("email"))
    phones = _values(contact.get("phones")) or _values(contact.get("phone"))
    ways, seen = [], set()
    for kind, values, link in (("email", emails, mail_link), ("phone", phones, phone_link),
                               ("profile", _values(contact.get("linkedin_url")), web_link)):
        for value in values:
            value = value.strip()
            if value and (kind, value.casefold()) not in seen:
                seen.add((kind, value.casefold()))
                ways.append(Way(kind, value, link(value)))
    return ways
