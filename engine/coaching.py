"""Coaching: the messages, conversation prompts and nudges that carry the seeker from a name to a conversation.

The words live in data/coaching.json; this module fills them in and decides when each nudge applies.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from functools import cache
from pathlib import Path
from string import Formatter

import pandas as pd

from engine.outreach import FollowUpRules, business_days_between
from engine.profile import Profile

COACHING_PATH = Path(__file__).resolve().parents[1] / "data" / "coaching.json"
MESSAGES = ("first_note", "follow_up", "referral_ask", "send_it_now", "thank_you")
MESSAGE_LABELS = {"first_note": "First message", "follow_up": "Follow-up", "referral_ask": "Asking for a referral",
                  "send_it_now": "Short version of a draft", "thank_you": "Thank-you after a conversation"}
# What a template may use, each said in words for the Profile page. Every one is filled, empty where unknown.
PLACEHOLDERS = {
    "first_name": "their first name",
    "my_name": "your name (from your profile)",
    "about_me": "a sentence about you: your current role and background",
    "target_role": "the role you are aiming for",
    "their_work": "a sentence about their role and company",
    "why_them": "why you write to them in particular (the reason Unstuck suggested them)",
    "introduced_by": "who introduced you, as a sentence (for a referral)",
    "at_company": "' at <their company>', or nothing",
}
TEMPLATE_KEY = "template_{kind}"  # the settings key a user's own version of a template is kept under
# reply within this many business days: a quick responder; later: slow but dutiful; never: does not answer
QUICK_REPLY_DAYS = 2
RESPONSIVENESS = {"quick": "quick and helpful", "slow": "slow but dutiful", "silent": "does not answer"}


@cache
def words() -> dict:
    return json.loads(COACHING_PATH.read_text(encoding="utf-8"))


def _first_name(contact) -> str:
    first = contact.get("first_name")
    if isinstance(first, str) and first.strip():
        return first.strip()
    full = str(contact.get("full_name") or "").split()
    return full[0] if full else "there"


def _text(value) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def standard_template(kind: str) -> str:
    """The template Unstuck ships for one kind of message (data/coaching.json)."""
    if kind not in MESSAGES:
        raise ValueError(f"unknown message {kind!r}; one of {', '.join(MESSAGES)}")
    return words()["messages"][kind]


def templates_from_settings(stored: Mapping[str, object]) -> dict[str, str]:
    """The user's own templates kept in the settings (Store.settings()), by kind: only those they changed."""
    found = {kind: stored.get(TEMPLATE_KEY.format(kind=kind)) for kind in MESSAGES}
    return {kind: text for kind, text in found.items() if isinstance(text, str) and text.strip()}


def check_template(text: str) -> str | None:
    """What is wrong with a template the user wrote, in words, or None when it can be used."""
    if not text.strip():
        return "the message is empty"
    try:
        fields = [name for _, name, spec, conv in Formatter().parse(text) if name is not None]
    except ValueError:
        return "a curly bracket is not closed: write {first_name}, or remove the bracket"
    unknown = [name for name in fields if name not in PLACEHOLDERS]
    if unknown:
        return (f"Unstuck does not know {{{unknown[0]}}}; it can fill "
                + ", ".join("{" + p + "}" for p in PLACEHOLDERS))
    return None


def reason_to_write(contact: Mapping) -> str:
    """Why the user writes to this person in particular, as a sentence for a message, from what the ranking
    suggested them for (a scored row's title_sim, at_target_company, industry_hit, keyword_hit): the same role as
    the target, a target company, the industry or a keyword. Empty when nothing specific is known (an introduction
    is said by its own placeholder)."""
    from engine.scoring import SAME_ROLE  # scoring imports this module

    title, company = _text(contact.get("title")), _text(contact.get("company"))
    sim = contact.get("title_sim")
    if isinstance(sim, int | float) and sim >= SAME_ROLE and title:
        return "Your work is exactly the kind of work I'm moving towards."
    if contact.get("at_target_company") and company:
        return f"{company} is a place I'd love to learn more about."
    industry, keyword = _text(contact.get("industry_hit")), _text(contact.get("keyword_hit"))
    if industry:
        return f"I'd like to understand {industry} better, and you know it from the inside."
    if keyword:
        return f"Your experience with {keyword} caught my eye."
    return ""


def _about_me(profile: Profile | None) -> str:
    if profile is None:
        return ""
    role, background = _text(profile.my_role), _text(profile.my_background).rstrip(".")
    parts = ([f"I'm currently working as {role}."] if role else []) + ([f"{background}."] if background else [])
    return " ".join(parts)


def _their_work(contact: Mapping) -> str:
    title, company = _text(contact.get("title")), _text(contact.get("company"))
    if title and company:
        return f"I'd love to hear how you got to your role as {title} at {company}."
    if title:
        return f"I'd love to hear how you got to your role as {title}."
    if company:
        return f"I'd love to hear what your work at {company} is like."
    return "I'd love to hear how you got to where you are."


def message(kind: str, contact: Mapping, profile: Profile | None, my_name: str = "", *,
            introducer: str | None = None, templates: Mapping[str, str] | None = None) -> str:
    """A ready-to-edit message of one kind, filled from the contact (their name, role, company and, when it is a
    scored row, why they were suggested), the profile (the user's name, current role, background and target) and,
    for a referral, who introduced them. `templates` holds the user's own versions (templates_from_settings);
    one that cannot be filled falls back to the standard one. Unstuck never sends it."""
    standard = standard_template(kind)
    company = _text(contact.get("company"))
    name = _text(my_name) or (_text(profile.my_name) if profile else "") or "[your name]"
    introducer = _text(introducer)
    values = {
        "first_name": _first_name(contact),
        "my_name": name,
        "about_me": _about_me(profile),
        "target_role": profile.target_role if profile else "this kind of",
        "their_work": _their_work(contact),
        "why_them": reason_to_write(contact),
        "introduced_by": f"{introducer} suggested I get in touch with you." if introducer else "",
        "at_company": f" at {company}" if company else "",
    }
    own = (templates or {}).get(kind)
    for template in ([own] if own and check_template(own) is None else []) + [standard]:
        try:
            text = template.format_map(values)
        except (KeyError, ValueError, IndexError, AttributeError):
            continue
        # an empty placeholder leaves a double space or a blank line behind: tidy them
        lines = [" ".join(line.split()) for line in text.strip().splitlines()]
        tidy = "\n".join(lines)
        while "\n\n\n" in tidy:
            tidy = tidy.replace("\n\n\n", "\n\n")
        return tidy
    raise AssertionError("the standard template always fills")


def question_themes() -> list[dict]:
    """The four themes of an informational conversation, each with two example questions."""
    return words()["themes"]


def tiara() -> list[dict]:
    """Question ideas on trends, insights, advice, resources and assignments."""
    return words()["tiara"]


def perspective(seed: int = 0) -> str:
    """One perspective note for after a decline (rotating with the seed)."""
    notes = words()["perspective"]
    return notes[seed % len(notes)]


def drafting_nudges(states: pd.DataFrame, rules: FollowUpRules) -> pd.DataFrame:
    """Contacts left in "drafting" for longer than the user's rules allow (drafting_nudge_after), longest first."""
    if states is None or states.empty:
        return states
    stale = states[(states["status"] == "drafting") & (states["drafting_days"] > rules.drafting_nudge_after)]
    return stale.sort_values("drafting_days", ascending=False)


def follow_ups(states: pd.DataFrame) -> pd.DataFrame:
    """Contacts due one polite follow-up, the longest waiting first."""
    if states is None or states.empty:
        return states
    return states[states["follow_up_due"]].sort_values("waiting_days", ascending=False)


def responsiveness(events: pd.DataFrame, today: date) -> pd.Series:
    """Per contact reached out to: "quick" (replied within QUICK_REPLY_DAYS business days), "slow" (replied
    later), "silent" (closed or no answer without a reply), or absent while it is too early to tell."""
    if events is None or events.empty:
        return pd.Series(dtype=object, name="responsiveness")
    ev = events.assign(happened_on=pd.to_datetime(events["happened_on"]))
    first_out = ev[ev["kind"] == "reached_out"].groupby("contact_id")["happened_on"].min()
    replied = ev[ev["kind"].isin(["replied", "meeting_scheduled", "met", "declined", "referral_given"])]
    first_reply = replied.groupby("contact_id")["happened_on"].min().reindex(first_out.index)
    ended = ev[ev["kind"].isin(["closed", "no_answer"])].groupby("contact_id").size().reindex(first_out.index)
    label = pd.Series(None, index=first_out.index, dtype=object, name="responsiveness")
    answered = first_reply.notna()
    if answered.any():
        delay = business_days_between(first_out[answered], today) - business_days_between(first_reply[answered],
                                                                                              today)
        label[answered] = ["quick" if d <= QUICK_REPLY_DAYS else "slow" for d in delay]
    label[~answered & ended.notna()] = "silent"
    return label.dropna()


def good_moments(events: pd.DataFrame, contacts: pd.DataFrame | None = None, n: int = 3
                 ) -> tuple[int, pd.DataFrame]:
    """How many conversations were marked energising, and the latest `n` of them, newest first: contact_id,
    full_name (from `contacts`, or the events' own column), happened_on, note. Today, Contact and Progress all
    remind the user of good moments with this."""
    cols = ["contact_id", "full_name", "happened_on", "note"]
    if events is None or events.empty:
        return 0, pd.DataFrame(columns=cols)
    good = events[events["energising"].fillna(False).astype(bool)]
    latest = good.sort_values(["happened_on"] + (["id"] if "id" in good else []), ascending=False,
                              kind="stable").head(n)
    if contacts is not None:
        names = contacts.set_index("id")["full_name"] if len(contacts) else pd.Series(dtype=object)
        latest = latest.assign(full_name=latest["contact_id"].map(names))
    return len(good), latest.reindex(columns=cols)


def good_moments_takeaway(count: int) -> str:
    if not count:
        return ("No conversation marked energising in this view yet: mark the ones that lift you, "
                "to come back to them.")
    talks = "conversation" if count == 1 else "conversations"
    return f"{count} {talks} gave you energy. Come back to them when the road feels long."


NEXT_STEPS = {  # status -> (the next step, how) for statuses where it does not depend on timing
    "to_approach": ("Write a first message", "Short beats perfect: who you are, why them, a 20-minute call."),
    "drafting": ("Send your draft", "Nobody expects expertise at this stage: send the short version now."),
    "replied": ("Agree on a time for the conversation",
                "Offer two or three times for a 20-minute call, then prepare with the four themes."),
    "meeting": ("Prepare the conversation", "It is mostly about them: their path, what they enjoy, what is hard, "
                                            "how they see the industry."),
    "met": ("Send a thank-you and ask who else to talk to",
            "Within a day: thank them, and ask who else you should talk to. Add the names they give you."),
    "declined": ("Ask whether they can recommend someone else",
                 "One friendly question; if the answer is still no, close and move on."),
    "closed": ("Closed: on to the next conversation",
               "Nothing more to do here. If they write back one day, log it and pick up from there."),
}


def next_step(state: Mapping | None, rules: FollowUpRules) -> tuple[str, str]:
    """What to do next with one contact, for every status: a short headline and how, in plain words. `state` is
    the contact's row of engine.outreach.contact_states (None for someone never contacted)."""
    from engine.reminders import follow_up_on
    from engine.words import nice_date

    status = state["status"] if state is not None else "to_approach"
    if status != "reached_out":
        return NEXT_STEPS[status]
    if state["follow_up_due"]:
        return ("Follow up once", f"No reply for {state['waiting_days']} business days: one polite follow-up, "
                                  "then move on.")
    if state["followed_up"]:
        return ("Wait for a reply, then move on", f"You followed up. If they stay silent for "
                f"{rules.close_after_follow_up} business days, Unstuck closes them for you: no second follow-up.")
    due = follow_up_on(state["reached_on"], rules)
    return ("Wait for a reply", f"A follow-up is due on {nice_date(due)} if they have not answered by then. "
                                "Meanwhile, reach out to someone else.")
