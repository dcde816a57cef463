"""The seeker's target career and routine settings: what they aim for, and how they want to be rewarded.

Validation is pure: `make_profile` takes what a form or the CLI collected and returns a `Profile` or raises
`ProfileError` listing every problem by field, in words a user can act on.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

LEVELS = ("intern", "entry", "mid", "senior", "lead", "manager", "director", "vp", "c_level")
LEVEL_LABELS = {
    "intern": "Intern", "entry": "Entry level", "mid": "Mid level", "senior": "Senior", "lead": "Lead",
    "manager": "Manager", "director": "Director", "vp": "VP", "c_level": "C-level",
}
MAX_TEXT = 120
MAX_ITEMS = 50
MAX_BACKGROUND = 300  # one line of background, as it would go in a message


@dataclass(frozen=True)
class TargetCompany:
    name: str
    motivation: int = 3  # 1..5: how much the seeker wants to work there (the "M" of a LAMP list)


@dataclass(frozen=True)
class Profile:
    target_role: str
    target_level: str = "mid"
    industries: tuple[str, ...] = ()
    companies: tuple[TargetCompany, ...] = ()
    keywords: tuple[str, ...] = ()
    hr_target: bool = False
    weekly_goal: int = 5
    reward: str = ""
    reward_every: int = 10
    # -- the target in the user's own words: other titles of the same role, a level range, adjacent roles --------
    role_aliases: tuple[str, ...] = ()   # the same role under other titles; target_role is the primary one
    level_high: str = ""                 # the top of a level range (target_level is its bottom); "" for one level
    adjacent_roles: tuple[str, ...] = ()  # roles the user would also talk to, scored a bit lower than the target
    # about the user, for their messages: name to sign with, role today, one line of background
    my_name: str = ""
    my_role: str = ""
    my_background: str = ""

    def to_dict(self) -> dict:
        return asdict(self) | {"companies": [asdict(c) for c in self.companies]}

    @property
    def target_roles(self) -> tuple[str, ...]:
        """Every title of the target role, the primary first."""
        return (self.target_role, *self.role_aliases)

    @property
    def level_top(self) -> str:
        """The highest level aimed for: flags of "above your level" start above it."""
        return self.level_high or self.target_level

    def level_words(self) -> str:
        """'Mid level' or 'Mid level to Senior', for the pages."""
        low, high = LEVEL_LABELS[self.target_level], LEVEL_LABELS.get(self.level_top, self.level_top)
        return low if self.level_top == self.target_level else f"{low} to {high}"


@dataclass
class ProfileError(ValueError):
    errors: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return "; ".join(f"{k}: {v}" for k, v in self.errors.items())


def split_list(text: str | list | tuple | None) -> tuple[str, ...]:
    """Split 'a, b; c' or lines into distinct trimmed items, keeping first spelling and order."""
    items = text if isinstance(text, list | tuple) else re.split(r"[,;\n]", text or "")
    seen, out = set(), []
    for item in items:
        item = " ".join(str(item).split())
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            out.append(item)
    return tuple(out)


def split_titles(text: str | list | tuple | None) -> tuple[str, ...]:
    """Split 'UX Researcher; User Researcher' or lines into distinct titles (commas stay: 'VP, Engineering').

    >>> split_titles("UX Researcher; user researcher\nDesign Researcher")
    ('UX Researcher', 'Design Researcher')
    """
    if isinstance(text, list | tuple):
        text = ";".join(str(t) for t in text)
    return split_list(re.split(r"[;\n]", text or ""))


def parse_level_range(text: str) -> tuple[str, str]:
    """'mid:senior', 'mid..senior' or 'mid' into (low, high); high is "" for a single level. Not validated here."""
    low, _, high = re.sub(r"\.\.|\bto\b", ":", " ".join(str(text or "").split()).casefold()).partition(":")
    low, high = (re.sub(r"[\s-]+", "_", part.strip()) for part in (low, high))
    return low, "" if high == low else high


def parse_companies(text: str | list | tuple | None) -> tuple[TargetCompany, ...]:
    """Read 'Acme: 5' lines (motivation optional, default 3) into target companies.

    >>> parse_companies("Acme: 5\\nGlobex")
    (TargetCompany(name='Acme', motivation=5), TargetCompany(name='Globex', motivation=3))
    Raises ProfileError for a motivation that is not 1..5.
    """
    if isinstance(text, list | tuple) and all(isinstance(c, TargetCompany) for c in text):
        return tuple(text)
    lines = text if isinstance(text, list | tuple) else (text or "").splitlines()
    out: dict[str, TargetCompany] = {}
    for line in lines:
        if isinstance(line, dict):
            name, score = str(line.get("name", "")), str(line.get("motivation", 3))
        else:
            name, sep, score = str(line).rpartition(":")
            if not sep or not score.strip().isdigit():
                name, score = str(line), "3"
        name = " ".join(name.split())
        if not name:
            continue
        motivation = int(score)
        if not 1 <= motivation <= 5:
            raise ProfileError({"companies": f"motivation for {name!r} must be 1 to 5, not {motivation}"})
        out.setdefault(name.casefold(), TargetCompany(name, motivation))
    return tuple(out.values())


def format_companies(companies: tuple[TargetCompany, ...]) -> str:
    return "\n".join(f"{c.name}: {c.motivation}" for c in companies)


def _whole(value, name: str, low: int, high: int, errors: dict) -> int:
    try:
        number = int(value)
        if number != float(value):
            raise ValueError
    except (TypeError, ValueError):
        errors[name] = f"must be a whole number from {low} to {high}"
        return low
    if not low <= number <= high:
        errors[name] = f"must be from {low} to {high}, not {number}"
    return number


def make_profile(*, target_role, target_level="mid", industries=(), companies=(), keywords=(),
                 hr_target=False, weekly_goal=5, reward="", reward_every=10, role_aliases=(), level_high="",
                 adjacent_roles=(), my_name="", my_role="", my_background="") -> Profile:
    """Validate raw inputs into a Profile; raise ProfileError naming every bad field.

    `target_role` may hold several titles of the same role separated by ";" ("UX Researcher; User Researcher"):
    the first is the primary one, the others join `role_aliases`.
    """
    errors: dict[str, str] = {}
    titles = split_titles(target_role)
    role = titles[0] if titles else ""
    if not role:
        errors["target_role"] = "say which role you are aiming for, e.g. 'Data Scientist'"
    elif len(role) > MAX_TEXT:
        errors["target_role"] = f"keep it under {MAX_TEXT} characters"
    if target_level not in LEVELS:
        errors["target_level"] = f"must be one of {', '.join(LEVELS)}, not {target_level!r}"
    aliases, adjacent, level_high = _target_words(titles, role_aliases, adjacent_roles, target_level, level_high,
                                                  errors)
    lists = {"industries": split_list(industries), "keywords": split_list(keywords)}
    try:
        lists["companies"] = parse_companies(companies)
    except ProfileError as e:
        errors.update(e.errors)
        lists["companies"] = ()
    for name, items in lists.items():
        names = [c.name if isinstance(c, TargetCompany) else c for c in items]
        if len(names) > MAX_ITEMS:
            errors[name] = f"at most {MAX_ITEMS} entries, not {len(names)}"
        elif any(len(n) > MAX_TEXT for n in names):
            errors[name] = f"each entry must be under {MAX_TEXT} characters"
    goal = _whole(weekly_goal, "weekly_goal", 1, 100, errors)
    every = _whole(reward_every, "reward_every", 1, 100, errors)
    reward = " ".join(str(reward or "").split())
    if len(reward) > MAX_TEXT:
        errors["reward"] = f"keep it under {MAX_TEXT} characters"
    about = {}
    for name, value, limit in (("my_name", my_name, MAX_TEXT), ("my_role", my_role, MAX_TEXT),
                               ("my_background", my_background, MAX_BACKGROUND)):
        about[name] = " ".join(str(value or "").split())
        if len(about[name]) > limit:
            errors[name] = f"keep it under {limit} characters"
    if errors:
        raise ProfileError(errors)
    return Profile(role, target_level, lists["industries"], lists["companies"], lists["keywords"],
                   bool(hr_target), goal, reward, every, role_aliases=aliases, level_high=level_high,
                   adjacent_roles=adjacent, **about)


def _target_words(titles, role_aliases, adjacent_roles, target_level, level_high, errors: dict):
    """The other titles of the target role, the adjacent roles and the level range's top, checked into `errors`."""
    aliases = split_titles([*titles, *split_titles(role_aliases)])[1:]  # the primary title is not its own alias
    taken = {t.casefold() for t in (*titles[:1], *aliases)}
    adjacent = tuple(t for t in split_titles(adjacent_roles) if t.casefold() not in taken)
    for name, items in (("role_aliases", aliases), ("adjacent_roles", adjacent)):
        if len(items) > MAX_ITEMS:
            errors[name] = f"at most {MAX_ITEMS} titles, not {len(items)}"
        elif any(len(t) > MAX_TEXT for t in items):
            errors[name] = f"each title must be under {MAX_TEXT} characters"
    high = str(level_high or "")
    if high == target_level:
        high = ""
    if high and high not in LEVELS:
        errors["level_high"] = f"must be one of {', '.join(LEVELS)}, not {high!r}"
    elif high and target_level in LEVELS and LEVELS.index(high) < LEVELS.index(target_level):
        errors["level_high"] = (f"the top of the range ({LEVEL_LABELS[high]}) is below its bottom "
                                f"({LEVEL_LABELS[target_level]}): swap them")
    return aliases, adjacent, high
