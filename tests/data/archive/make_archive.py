"""A realistic LinkedIn archive ("Get a copy of your data") with its ground truth, for tests and the benchmark.

Only the standard library: the truth is written down scenario by scenario here, never computed by engine code.
`make_archives()` returns two exports a month apart (the older one at the top of the zip with the older columns,
the newer one under a folder with ATTACHMENTS and IS MESSAGE DRAFT) and what each must import to.

Scenarios for each person the user writes with (times in UTC):
  cold        one message, no answer                       -> reached_out
  split       two messages minutes apart, no answer        -> reached_out
  follow      a message, another a week later              -> reached_out, follow_up
  reply       a message, their answer days later, a chat   -> reached_out, replied
  follow_reply  message, follow-up, answer                 -> reached_out, follow_up, replied
  theirs      they write first, the user answers           -> nothing
  again       reply, then 4-6 months later the user again  -> reached_out, replied, reached_out
  invite      an invitation with a note, later a message   -> reached_out (invitation), follow_up
  invite_reply an invitation with a note, their answer     -> reached_out (invitation), replied
Left out (counted): group chats, recruiter InMail (incoming first with a subject), newsletters from company pages,
"LinkedIn Member" without a profile, the spam folder, drafts.
"""

from __future__ import annotations

import csv
import io
import random
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta

OWNER = ("Alex", "Rivera", "https://www.linkedin.com/in/alex-rivera-7a1")
FIRST = ["Anna", "Ben", "Chloé", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Inès", "Jonas", "Kasia", "Luis",
         "Maëlle", "Nikos", "Olga", "Pierre", "Quentin", "Rosa", "Søren", "Tomás", "Ursula", "Viktor", "Wen", "Yara",
         "Zoë", "José", "François", "Jürgen", "Łukasz", "Ana"]
LAST = ["Müller", "García", "Côté", "Nowak", "Dubois", "Jensen", "Rossi", "Novák", "Öztürk", "Silva", "Brontë",
        "Kowalski", "Schmidt", "Lefèvre", "Hansen", "Papadopoulos", "Ibáñez", "Svensson", "Moreau", "Weiß",
        "Smith", "Chen", "Okafor", "Tanaka", "Haddad", "Kim", "Costa", "Dahl", "Berg", "Marín"]
COMPANIES = ["Acme Analytics", "Globex", "Initech", "Umbrella Health", "Stark Mobility", "Wayne Finance", "Hooli",
             "Vandelay Imports", "Soylent Foods", "Tyrell Robotics", "Cyberdyne", "Aperture Labs"]
TITLES = ["Data Analyst", "Product Manager", "Engineering Manager", "Recruiter", "UX Designer", "Data Scientist",
          "Head of Data", "Software Engineer", "Talent Partner", "Analytics Lead"]
SCENARIOS = ["cold", "split", "follow", "reply", "follow_reply", "theirs", "again", "invite", "invite_reply"]
EXPORT_A = datetime(2026, 10, 15, 9, 0, 0)
EXPORT_B = datetime(2026, 11, 15, 9, 0, 0)
PLANTED = "The quarterly numbers for Project Bluefin are confidential until March"
MESSAGES_HEADER_A = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
                     "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER"]
MESSAGES_HEADER_B = MESSAGES_HEADER_A + ["ATTACHMENTS", "IS MESSAGE DRAFT"]
PREAMBLE = ("Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are "
            "missing. You will only see email addresses for connections who have allowed their connections to see "
            "or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. "
            "You can learn more here https://www.linkedin.com/help/linkedin/answer/261\"\n\n")


def mojibake(text: str) -> str:
    """What some exports do to accents: UTF-8 bytes read as cp1252 ('é' -> 'Ã©')."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8"))


@dataclass
class Person:
    first: str
    last: str
    url: str
    company: str
    title: str
    connected: bool = True  # in Connections.csv
    message_url: str | None = None  # the URL messages.csv shows (a member-id URL for some)

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class Msg:
    conversation: str
    sender: tuple[str, str]  # (name as written, url)
    recipients: list[tuple[str, str]]
    at: datetime
    content: str
    subject: str = ""
    folder: str = "INBOX"
    draft: bool = False


@dataclass
class Truth:
    connection_url: str | None  # the person's URL in Connections.csv; None: not a connection (unmatched)
    name: str
    kind: str
    at: datetime
    first_line: str


@dataclass
class Archive:
    messages: list[Msg] = field(default_factory=list)
    invitations: list[dict] = field(default_factory=list)
    truth: list[Truth] = field(default_factory=list)
    unmatched: set[str] = field(default_factory=set)
    ignored: dict[str, int] = field(default_factory=dict)
    people: list[Person] = field(default_factory=list)
    planted_names: list[str] = field(default_factory=list)


def _me() -> tuple[str, str]:
    return (f"{OWNER[0]} {OWNER[1]}", OWNER[2])


def build(n_people: int = 420, seed: int = 7, end: datetime = EXPORT_B) -> Archive:
    """The whole history up to `end` (the newer export); the older export is its part up to EXPORT_A."""
    rng = random.Random(seed)
    arc = Archive(ignored=dict.fromkeys(("group", "inmail", "automated", "unknown_sender", "spam", "drafts"), 0))
    used = set()
    for i in range(n_people):
        while True:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            if (first, last) not in used:
                break
            last = f"{last}-{rng.choice(LAST)}"
            if (first, last) not in used:
                break
        used.add((first, last))
        slug = f"{first}-{last}-{i:x}".lower().replace(" ", "-")
        p = Person(first, last, f"https://www.linkedin.com/in/{slug}", rng.choice(COMPANIES), rng.choice(TITLES))
        p.message_url = p.url
        if i % 17 == 5:
            p.message_url = f"https://www.linkedin.com/in/ACoAA{rng.randrange(16**10):010X}"  # matched by name
        if i % 23 == 9:
            p.connected = False  # not a connection: listed as unmatched
        arc.people.append(p)
    # two connections with one name, and a message from a member-id URL under that name: ambiguous, unmatched
    twin_a = Person("Sam", "Lee", "https://www.linkedin.com/in/sam-lee-a1", "Globex", "Data Analyst")
    twin_b = Person("Sam", "Lee", "https://www.linkedin.com/in/sam-lee-b2", "Hooli", "Recruiter")
    twin_msg = Person("Sam", "Lee", twin_a.url, "Globex", "Data Analyst",
                      message_url="https://www.linkedin.com/in/ACoAASAMLEE00")
    arc.people += [twin_a, twin_b]
    start = end - timedelta(days=720)
    for i, p in enumerate([*arc.people[:n_people], twin_msg]):
        scenario = "cold" if p is twin_msg else SCENARIOS[i % len(SCENARIOS)]
        t0 = start + timedelta(days=rng.uniform(0, 700), seconds=rng.randrange(86400))
        _scenario(arc, rng, p, scenario, t0, f"conv-{i:05d}", accent_bad=(i % 3 == 0), html=(i % 4 == 1),
                  planted=(i == 4), end=end, matched_by_name=(p is not twin_msg and p.message_url != p.url))
    _left_out(arc, rng, start, end)
    return arc


def _scenario(arc: Archive, rng: random.Random, p: Person, scenario: str, t0: datetime, conv: str, *,
              accent_bad: bool, html: bool, planted: bool, end: datetime, matched_by_name: bool) -> None:
    me = _me()
    them = (mojibake(p.name) if accent_bad else p.name, p.message_url or p.url)
    connected = p.connected and p.message_url != "https://www.linkedin.com/in/ACoAASAMLEE00"
    truth_url = p.url if connected else None
    if not connected:
        arc.unmatched.add(p.name)
    steps: list[tuple[str, int, str | None]] = []  # (who: me/them/invite, day offset, event kind or None)
    if scenario == "cold":
        steps = [("me", 0, "reached_out")]
    elif scenario == "split":
        steps = [("me", 0, "reached_out"), ("me+", 0, None)]
    elif scenario == "follow":
        steps = [("me", 0, "reached_out"), ("me", rng.randint(5, 10), "follow_up")]
    elif scenario == "reply":
        steps = [("me", 0, "reached_out"), ("them", rng.randint(1, 20), "replied"), ("me", 1, None), ("them", 1, None)]
    elif scenario == "follow_reply":
        steps = [("me", 0, "reached_out"), ("me", rng.randint(6, 9), "follow_up"), ("them", rng.randint(1, 5),
                                                                                      "replied")]
    elif scenario == "theirs":
        steps = [("them", 0, None), ("me", rng.randint(0, 3), None), ("them", 2, None)]
    elif scenario == "again":
        steps = [("me", 0, "reached_out"), ("them", rng.randint(1, 6), "replied"), ("me", rng.randint(120, 180),
                                                                                     "reached_out")]
    elif scenario == "invite":
        steps = [("invite", 0, "reached_out"), ("me", rng.randint(5, 12), "follow_up")]
    elif scenario == "invite_reply":
        steps = [("invite", 0, "reached_out"), ("them", rng.randint(2, 9), "replied")]
    at = t0
    for n, (who, offset, kind) in enumerate(steps):
        at = at + (timedelta(minutes=3) if who == "me+" else timedelta(days=offset, hours=rng.randint(1, 5)))
        if at > end:
            break
        body_first = f"Hi {p.first}, {rng.choice(['great to connect', 'quick question', 'thanks for the talk'])} #{n}"
        second = PLANTED if planted and n == 0 else f"Second line about {p.company} and {rng.randint(1, 999)}."
        if who == "invite":
            note = f"{body_first}\n{second}"
            arc.invitations.append({"From": me[0], "To": p.name if not accent_bad else mojibake(p.name),
                                    "Sent At": at.strftime("%-m/%-d/%y, %-I:%M %p"), "Message": note,
                                    "Direction": "OUTGOING", "inviterProfileUrl": me[1],
                                    "inviteeProfileUrl": p.message_url or p.url})
            line = body_first
        else:
            if html:
                content = f"<p>{_html_escape(body_first)}</p><p>{_html_escape(second)}</p>"
            else:
                content = f"{body_first}\n{second}"
            if accent_bad:
                content = mojibake(content)
            sender, recipients = (me, [them]) if who.startswith("me") else (them, [me])
            arc.messages.append(Msg(conv, sender, recipients, at, content))
            line = body_first
        if kind:
            arc.truth.append(Truth(truth_url, p.name, kind, at, line))
    # a draft the user never sent, in the newer export only (the older one has no draft column): no event
    if scenario == "cold" and rng.random() < 0.3:
        draft_at = end - (EXPORT_B - EXPORT_A) + timedelta(days=rng.randint(1, 25))  # between the exports
        if draft_at <= end:
            arc.messages.append(Msg(conv, me, [them], draft_at, "draft, never sent", draft=True))
            arc.ignored["drafts"] += 1


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("é", "&eacute;")


def _left_out(arc: Archive, rng: random.Random, start: datetime, end: datetime) -> None:
    me = _me()
    people = arc.people

    def when() -> datetime:
        return start + timedelta(days=rng.uniform(0, 700))

    def counted(reason: str, at: datetime) -> None:
        if at <= end:
            arc.ignored[reason] += 1

    for g in range(30):  # group chats: the user and two or more others
        members = rng.sample(people, rng.randint(2, 4))
        at = when()
        for k in range(rng.randint(2, 6)):
            sender = rng.choice([me, *((m.name, m.url) for m in members)])
            others = [x for x in [me, *((m.name, m.url) for m in members)] if x != sender]
            arc.messages.append(Msg(f"group-{g}", sender, others, at + timedelta(hours=k * 5), f"Group note {k}"))
        counted("group", at)
    for r in range(24):  # recruiter InMail: incoming first, with a subject; sometimes answered
        at = when()
        recruiter = (f"Taylor Recruiter{r}", f"https://www.linkedin.com/in/taylor-recruiter-{r}")
        arc.messages.append(Msg(f"inmail-{r}", recruiter, [me], at, "Exciting opportunity at a fast-growing startup",
                                subject="Exciting role: Senior Data Analyst"))
        if r % 3 == 0:
            arc.messages.append(Msg(f"inmail-{r}", me, [recruiter], at + timedelta(days=2), "Thanks, not now."))
        counted("inmail", at)
    for s in range(6):  # sponsored messages in their own folder
        at = when()
        arc.messages.append(Msg(f"sponsored-{s}", ("Premium Careers", "https://www.linkedin.com/in/premium-careers"),
                                [me], at, "Try Premium free for a month", folder="SPONSORED"))
        counted("inmail", at)
    for n in range(15):  # newsletters and company pages
        at = when()
        arc.messages.append(Msg(f"news-{n}", ("Data Weekly", "https://www.linkedin.com/company/data-weekly"), [me], at,
                                "<p>This week in data</p>"))
        counted("automated", at)
    for u in range(10):  # a deleted account: "LinkedIn Member", no profile
        at = when()
        arc.messages.append(Msg(f"member-{u}", ("LinkedIn Member", ""), [me], at, "Hello"))
        counted("unknown_sender", at)
    for s in range(12):  # spam folder
        at = when()
        arc.messages.append(Msg(f"spam-{s}", (f"Crypto Guru{s}", f"https://www.linkedin.com/in/crypto-guru-{s}"), [me],
                                at, "Make money fast", folder="SPAM"))
        counted("spam", at)


def truth_until(arc: Archive, until: datetime) -> list[Truth]:
    return [t for t in arc.truth if t.at <= until]


def ignored_until(arc: Archive, until: datetime) -> dict[str, int]:
    """The left-out counts an export up to `until` shows (conversations whose first message is by then)."""
    firsts: dict[str, tuple[datetime, str]] = {}
    for m in arc.messages:
        reason = _reason_of(m)
        if reason and (m.conversation not in firsts or m.at < firsts[m.conversation][0]):
            firsts[m.conversation] = (m.at, reason)
    counts = dict.fromkeys(arc.ignored, 0)
    for at, reason in firsts.values():
        if at <= until:
            counts[reason] += 1
    counts["drafts"] = sum(1 for m in arc.messages if m.draft and m.at <= until)
    return counts


def _reason_of(m: Msg) -> str | None:
    prefix = m.conversation.split("-")[0]
    return {"group": "group", "inmail": "inmail", "sponsored": "inmail", "news": "automated",
            "member": "unknown_sender", "spam": "spam"}.get(prefix)


# ---- writing the files ------------------------------------------------------------------------------------------

def _csv_text(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def messages_csv(arc: Archive, until: datetime, newer: bool) -> str:
    msgs = [m for m in arc.messages if m.at <= until and (newer or not m.draft)]
    by_conv: dict[str, list[Msg]] = {}
    for m in msgs:
        by_conv.setdefault(m.conversation, []).append(m)
    rows = []
    for conv in sorted(by_conv, key=lambda c: -max(m.at for m in by_conv[c]).timestamp()):  # newest first
        for m in sorted(by_conv[conv], key=lambda m: m.at, reverse=True):
            title = "" if len({*(r[1] for r in m.recipients), m.sender[1]}) <= 2 else "Project chat"
            row = [conv, title, m.sender[0], m.sender[1], ", ".join(r[0] for r in m.recipients),
                   ";".join(r[1] for r in m.recipients), m.at.strftime("%Y-%m-%d %H:%M:%S UTC"), m.subject,
                   m.content, m.folder]
            if newer:
                row += ["", "Yes" if m.draft else "No"]
            rows.append(row)
    return _csv_text(MESSAGES_HEADER_B if newer else MESSAGES_HEADER_A, rows)


def connections_csv(arc: Archive, until: datetime) -> str:
    rows = []
    for i, p in enumerate(arc.people):
        if not p.connected:
            continue
        day = (until - timedelta(days=30 + (i * 7919) % 3650)).strftime("%d %b %Y")  # ten years of connecting
        rows.append([p.first, p.last, p.url, "", p.company, p.title, day])
    return PREAMBLE + _csv_text(["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                                 "Connected On"], rows)


def invitations_csv(arc: Archive, until: datetime) -> str:
    header = ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"]
    rows = [[i[h] for h in header] for i in arc.invitations
            if datetime.strptime(i["Sent At"], "%m/%d/%y, %I:%M %p") <= until]
    rows.append(["Pat Incoming", "Alex Rivera", "1/5/26, 9:15 AM", "Hi Alex, let's connect", "INCOMING",
                 "https://www.linkedin.com/in/pat-incoming", OWNER[2]])
    rows.append(["Alex Rivera", "Nora Nonote", "2/5/26, 9:15 AM", "", "OUTGOING", OWNER[2],
                 "https://www.linkedin.com/in/nora-nonote"])
    return _csv_text(header, rows)


PROFILE_CSV = _csv_text(["First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline", "Summary",
                         "Industry", "Zip Code", "Geo Location", "Twitter Handles", "Websites", "Instant Messengers"],
                        [[OWNER[0], OWNER[1], "", "", "", "Data analyst moving into product analytics", "", "",
                          "", "Berlin", "", "", ""]])
POSITIONS_CSV = _csv_text(["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
                          [["Globex", "Data Analyst", "Dashboards", "Berlin", "Mar 2021", ""],
                           ["Initech", "Junior Analyst", "", "Munich", "Jan 2018", "Feb 2021"]])


def archive_zip(arc: Archive, until: datetime, newer: bool) -> bytes:
    folder = "Basic_LinkedInDataExport_11-15-2026/" if newer else ""
    files = {f"{folder}messages.csv" if newer else "messages.csv": messages_csv(arc, until, newer),
             f"{folder}Connections.csv": connections_csv(arc, until),
             f"{folder}Invitations.csv": invitations_csv(arc, until),
             f"{folder}Profile.csv": PROFILE_CSV, f"{folder}Positions.csv": POSITIONS_CSV,
             f"{folder}Education.csv": "School Name,Start Date,End Date\nTU Berlin,2012,2016\n",
             f"{folder}Skills.csv": "Name\nSQL\nPython\n",
             f"{folder}Articles/Articles/hello.html": "<html>hello</html>",
             f"{folder}Ad_Targeting.csv": "Member Age\n25 to 34\n"}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(name, text.encode("utf-8"))
    return buf.getvalue()


def make_archives(n_people: int = 420, seed: int = 7, first_export: datetime = EXPORT_A) -> dict:
    """{"arc": Archive, "a": bytes, "b": bytes, "truth_a", "truth_b", "ignored_a", "ignored_b"}.

    The first export is taken at `first_export`, the second a month later; the history is the same relative to
    them whatever the date (a browser test passes today, so what is recent stays recent)."""
    a, b = first_export, first_export + (EXPORT_B - EXPORT_A)
    arc = build(n_people, seed, end=b)
    return {"arc": arc, "a": archive_zip(arc, a, newer=False), "b": archive_zip(arc, b, newer=True),
            "truth_a": truth_until(arc, a), "truth_b": truth_until(arc, b),
            "ignored_a": ignored_until(arc, a), "ignored_b": ignored_until(arc, b)}
