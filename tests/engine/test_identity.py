"""engine.identity: when two cards may be one person, how sure, and the evidence in plain words."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import identity
from engine.identity import (
    EMPLOYERS,
    RULES,
    CardIndex,
    _spaced,
    compare,
    make_cards,
    normalise_companies,
    normalise_company,
    possible_duplicates,
    same_company,
)


def card(name, company=None, email=None, url=None):
    return make_cards([name], [company], [email], [url])[0]


def relate(a, b, company="Acme", other=None):
    """The finding for two names at the same (or another) company."""
    return compare(card(a, company), card(b, company if other is None else other))


# ---- names -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("a", "b", "tier", "said"), [
    ("Tom Nguyen", "Thomas Nguyen", "nickname", "same first name as a nickname (Tom ~ Thomas), same last name"),
    ("Katherine O'Neill", "Kate O’Neill", "nickname", "same first name as a nickname (Katherine ~ Kate)"),
    ("Mike Chen", "Michael Chen", "nickname", "(Mike ~ Michael)"),
    ("Dan Okafor", "Daniel Okafor", "nickname", "(Dan ~ Daniel)"),
    ("Bill Evans", "William Evans", "nickname", "(Bill ~ William)"),
    ("Liv Brown", "Olivia Brown", "short form", "first name may be a short form (Liv ~ Olivia)"),
    ("Zoë Müller", "Zoe Mueller", "variant", "same name spelled differently (Zoë Müller ~ Zoe Mueller)"),
    ("Zoe Mueller", "Zoe Muller", "variant", "spelled differently"),
    ("Zoë Müller", "Zoe Muller", "same", "same name"),
    ("Søren Ågård", "Soeren Aagaard", "variant", "spelled differently"),
    ("Jürgen Groß", "Juergen Gross", "variant", "spelled differently"),
    ("Käthe Bär", "Kaethe Baer", "variant", "spelled differently"),
    ("Bjørn Dæhlie", "Bjoern Daehlie", "variant", "spelled differently"),
    ("Jörg Schröder", "Joerg Schroder", "variant", "spelled differently"),
    ("Łukasz Nowak", "Lukasz Nowak", "variant", "spelled differently"),
    ("Łukasz Nowak", "?ukasz Nowak", "lost letter",
     "same name but for a letter lost to an encoding (Łukasz Nowak ~ ?ukasz Nowak)"),
    ("Ömer Yılmaz", "Ömer Y\ufffdlmaz", "lost letter", "lost to an encoding"),
    ("Дмитрий Иванов", "Dmitry Ivanov", "variant", "same name transliterated (Дмитрий Иванов ~ Dmitry Ivanov)"),
    ("王伟", "Wei Wang", "variant", "spelled differently"),
    ("Müller, José", "José Müller", "same", "same name"),
    ("John Smith", "J. Smith", "initial", "first name matches an initial (John ~ J.), same last name"),
    ("John Smith", "J Smith", "initial", "(John ~ J.)"),
    ("Ana María Ruiz", "Ana Ruiz", "variant", "same first name, same last name, a middle name on one side only"),
    ("Michael Chen", "Mike Chén", "nickname", "same last name"),
])
def test_names_that_may_be_one_person(a, b, tier, said):
    found = relate(a, b)
    assert found is not None and found.tier == tier
    assert said in found.evidence


@pytest.mark.parametrize(("a", "b"), [
    ("Robert Kowalski Sr.", "Robert Kowalski Jr."),  # father and son
    ("John A. Smith", "John B. Smith"),  # middle names that disagree
    ("Dan Okafor", "Dana Kowalski"),
    ("Tom Nguyen", "Tim Nguyen"),
    ("Daniel Okafor", "Daniela Okafor"),
    ("Ana Ruiz", "Anna Weber"),
    ("?ukasz Nowak", "Jan Nowak"),
    ("J. Smith", "K. Smith"),
    ("Madonna", "Madonna Ciccone"),
])
def test_names_that_are_not_one_person(a, b):
    assert relate(a, b) is None


def test_a_weak_name_is_worth_a_question_only_with_the_employer_agreeing():
    assert relate("Liv Brown", "Olivia Brown").action == "ask"
    assert relate("Liv Brown", "Olivia Brown", other="Initech") is None
    assert compare(card("Liv Brown"), card("Olivia Brown")) is None
    assert compare(card("J. Smith"), card("John Smith")) is None
    assert relate("Dan Okafor", "Daniela Okafor", other="Globex") is None  # a short form, another company


# ---- employers -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "key"), [
    ("Allegro Sp. z o.o.", "allegro"), ("Allegro.pl", "allegro"), ("www.stripe.com", "stripe"),
    ("Stripe, Inc.", "stripe"), ("Amazon.com, Inc.", "amazon"), ("Booking.com B.V.", "booking"),
    ("Maersk A/S", "maersk"), ("Deloitte Consulting LLP", "deloitte consulting"), ("Node.js Foundation",
    "nodejs foundation"), ("St. Mary's Hospital", "st marys hospital"), ("Kowalski & Son Plumbing",
    "kowalski and son plumbing"),
])
def test_company_forms(raw, key):
    assert normalise_company(raw) == key


def test_company_keys_agree_one_at_a_time_in_bulk_and_when_the_memo_overflows(monkeypatch):
    names = ["Acme Inc.", "Allegro.pl", "Stripe, Inc.", None, "Acme Inc.", "Deloitte Consulting LLP", "Zeta GmbH"]
    bulk = normalise_companies(names)
    monkeypatch.setattr(identity, "_MEMO_SIZE", 2)
    identity._COMPANY_MEMO.clear()
    assert [normalise_company(n) for n in names] == bulk == normalise_companies(names)
    assert len(identity._COMPANY_MEMO) <= 2


@pytest.mark.parametrize("names", [
    ["Acme Inc.", float("nan"), None, "  ", "Acme Inc.", float("nan"), "Globex"],  # names and missing values
    [1, 1.0, True, "1", "Acme Inc.", pd.NA, None],  # values of other types, equal to each other: each its own text
    [["Acme"], "Acme"],  # an unhashable value
])
def test_company_keys_in_bulk_read_each_value_as_one_at_a_time(names):
    assert normalise_companies(names) == [normalise_company(n) for n in names]
    assert normalise_companies(pd.Series(names, dtype=object)) == [normalise_company(n) for n in names]


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Stripe", "Stripe Inc.", True),
    ("stripe.com", "Stripe", True),
    ("Allegro", "Allegro.pl", True),
    ("Deloitte", "Deloitte Consulting LLP", True),
    ("Google", "Google Cloud", True),
    ("Amazon", "Amazon Web Services", True),
    ("Globex Corp", "Globex Corpp", True),  # a typo in the legal form
    ("Apple", "Apple Bank", False),  # another business that starts with the same word
    ("Bank", "Bank of America", False),
    ("Northwind Health", "Northwind Logistics", False),
    ("Northwind", "Northwind Logistics", False),  # not safe to guess: ask instead
    ("Meta", "Metaview", False),
])
def test_same_company_takes_only_descriptive_tails(a, b, same):
    assert same_company(normalise_company(a), normalise_company(b)) is same


@pytest.mark.parametrize(("stored", "incoming", "employer", "said"), [
    (("Stripe Inc.", None), (None, "tom@stripe.com"), "email", "email domain stripe.com ~ company 'Stripe Inc.'"),
    ((None, "tom@stripe.com"), ("Stripe", None), "email", "company 'Stripe' ~ email domain stripe.com"),
    ((None, "tom@stripe.com"), (None, "t.nguyen@mail.stripe.com"), "email", "same email domain"),
    (("Stripe", None), (None, "tom.nguyen@gmail.com"), "unknown", "company missing on one side"),  # free mail
    ((None, "tom@plaid.com"), (None, "tom@stripe.com"), "different", "different email domains (plaid.com vs "
                                                                      "stripe.com)"),
    (("Stripe", None), ("Stripe Inc.", None), "same", "company 'Stripe' ~ 'Stripe Inc.'"),
    (("Stripe", None), ("Plaid", "tom@stripe.com"), "different", "different company ('Stripe' vs 'Plaid')"),
])
def test_email_domains_stand_in_for_a_missing_company(stored, incoming, employer, said):
    found = compare(card("Tom Nguyen", *stored), card("Tom Nguyen", *incoming))
    assert (found.employer, found.action) == (employer, "merge" if employer in ("same", "email") else "ask")
    assert said in found.evidence
    nickname = compare(card("Tom Nguyen", *stored), card("Thomas Nguyen", *incoming))
    assert (nickname is None) == (employer == "different")


def test_the_rules_never_merge_on_a_name_alone():
    for tier, actions in RULES.items():
        assert actions[EMPLOYERS.index("unknown")] != "merge", tier
        assert actions[EMPLOYERS.index("different")] != "merge", tier
    for tier in ("short form", "initial"):
        assert "merge" not in RULES[tier]


def test_two_linkedin_profiles_are_two_people_and_one_profile_is_one():
    a = card("Ana Ruiz", "Foo", url="linkedin.com/in/ana-1")
    assert compare(a, card("Ana Ruiz", "Foo", url="linkedin.com/in/ana-2")) is None
    assert compare(a, card("Annie Ross", url="linkedin.com/in/ana-1")).evidence == "same LinkedIn URL"


def test_strength_grows_with_what_agrees():
    alone = compare(card("Mike Chen"), card("Michael Chen"))
    with_company = compare(card("Mike Chen", "Stripe"), card("Michael Chen", "Stripe Inc."))
    exact = compare(card("Michael Chen", "Stripe"), card("Michael Chen", "Stripe"))
    assert 0 < alone.strength < with_company.strength < exact.strength == 1.0


# ---- finding candidates ----------------------------------------------------------------------------------------

POOL = ["Tom Nguyen", "Thomas Nguyen", "Kate O'Neill", "Katherine O'Neill", "Liv Brown", "Olivia Brown",
        "Zoë Müller", "Zoe Mueller", "Zoe Muller", "?ukasz Nowak", "Łukasz Nowak", "J. Smith", "John Smith",
        "Jon Smith", "Dan Okafor", "Daniel Okafor", "Daniela Okafor", "Дмитрий Иванов", "Dmitry Ivanov",
        "Robert Kowalski Jr.", "Robert Kowalski Sr.", "Bob Kowalski", "Ana María Ruiz", "Ana Ruiz", "Wei Wang",
        "王伟", "Y?lmaz", "Madonna", "Müller, José", "José Müller", "Tina Brown", "Christina Brown"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(POOL), st.sampled_from([None, "Acme", "Acme Inc.", "Globex"])),
                min_size=2, max_size=12))
def test_the_index_finds_every_pair_that_comparing_all_would(people):
    cards = make_cards([p[0] for p in people], [p[1] for p in people], [None] * len(people), [None] * len(people))
    everything = {(i, j) for i, j in itertools.combinations(range(len(cards)), 2)
                  if compare(cards[i], cards[j]) is not None}
    assert everything <= CardIndex(cards).pairs()


def stored(*people):
    frame = pd.DataFrame(people)
    frame.insert(0, "id", range(1, len(frame) + 1))
    return frame


def test_possible_duplicates_among_stored_contacts():
    contacts = stored(
        {"full_name": "Michael Chen", "company": "St. Mary's Hospital", "email": "m.chen@stmarys.org"},
        {"full_name": "Michael Chen", "company": "Northwind Logistics", "email": "mchen@northwind-logistics.com"},
        {"full_name": "Mike Chen", "company": "Northwind Logistics Inc."},
        {"full_name": "Ana Ruiz", "email": "ana@foo.io", "linkedin_url": "https://www.linkedin.com/in/ana-1"},
        {"full_name": "Ana Ruiz", "email": "ANA@foo.io", "linkedin_url": "https://www.linkedin.com/in/ana-2"},
        {"full_name": "Bo Li", "email": "bo@x.org"},
        {"full_name": "B. Li", "email": "bo@x.org"},
    )
    pairs = possible_duplicates(contacts)
    assert list(pairs.columns) == ["a", "b", "evidence", "strength"]
    found = {(a, b): (ev, s) for a, b, ev, s in pairs.itertuples(index=False)}
    assert found[(6, 7)] == ("same email", 1.0)
    assert found[(2, 3)] == ("same first name as a nickname (Michael ~ Mike), same last name, "
                             "company 'Northwind Logistics' ~ 'Northwind Logistics Inc.'", 0.8)
    assert found[(1, 2)][0] == "same name, different company ('St. Mary's Hospital' vs 'Northwind Logistics')"
    assert (1, 3) not in found  # a nickname at another employer is not worth a question
    assert (4, 5) not in found  # two LinkedIn profiles, even with one email between them
    assert pairs["strength"].is_monotonic_decreasing


def test_possible_duplicates_of_nothing_is_an_empty_frame():
    assert possible_duplicates(pd.DataFrame(columns=["id", "full_name"])).empty


@settings(max_examples=100, deadline=None)  # the Unicode classes it compares with cost 2.6 ms a call
@given(st.lists(st.none() | st.text(st.sampled_from("aZ09?-_ .,'&\t") | st.characters(max_codepoint=0x7F), max_size=10)
                | st.text(max_size=6), max_size=8))
def test_runs_of_anything_but_letters_and_digits_become_one_space_in_ascii_and_any_script(values):
    """_spaced reads ASCII-only columns with ASCII classes (the Unicode ones cost 2.6 ms to compile per call):
    the result is the Unicode classes' result, whatever the texts."""
    import pyarrow as pa
    import pyarrow.compute as pc

    a = pa.array(values, pa.string())
    for keep in ("", "?"):
        assert _spaced(a, keep) == pc.replace_substring_regex(a, rf"[^\pL\pN{keep}]+", " ").to_pylist()
