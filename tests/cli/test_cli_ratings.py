"""`unstuck target` with the target in the user's own words, and `unstuck rate`: stored as the app stores them, and
`unstuck rank` moves as the app's list does."""

import json

from engine.cli import main
from engine.store import Store


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_target_takes_several_titles_a_level_range_and_adjacent_roles(db_path, capsys):
    code, out, _ = run(capsys, "target", "--role", "UX Researcher", "--role", "User Researcher; Design Researcher",
                       "--level-range", "mid:senior", "--adjacent", "Product Designer")
    assert code == 0
    profile = json.loads(run(capsys, "profile", "--json")[1])
    assert profile["target_role"] == "UX Researcher"
    assert profile["role_aliases"] == ["User Researcher", "Design Researcher"]
    assert (profile["target_level"], profile["level_high"]) == ("mid", "senior")
    assert profile["adjacent_roles"] == ["Product Designer"]
    text = run(capsys, "profile")[1]
    assert "Mid level to Senior" in text and "Also called: User Researcher; Design Researcher" in text
    # options not given keep their value; a plain --level is one level again; --adjacent '' clears them
    run(capsys, "target", "--level", "entry", "--adjacent", "")
    profile = json.loads(run(capsys, "profile", "--json")[1])
    assert profile["role_aliases"] == ["User Researcher", "Design Researcher"]
    assert (profile["target_level"], profile["level_high"], profile["adjacent_roles"]) == ("entry", "", [])


def test_an_upside_down_level_range_is_refused_with_the_field_named(db_path, capsys):
    code, out, err = run(capsys, "target", "--role", "Nurse", "--level-range", "senior:entry")
    assert code == 2 and out == "" and "level_high" in err and "swap" in err
    with Store(db_path) as store:
        assert store.load_profile() is None


def test_rate_moves_the_person_in_rank_and_clear_takes_it_back(db_path, capsys):
    run(capsys, "demo")
    first = json.loads(run(capsys, "rank", "--top", "5", "--json")[1])[0]["id"]
    code, out, err = run(capsys, "rate", str(first), "not-relevant")
    assert code == 0 and json.loads(out) == {"contact": first, "rating": "not_relevant"} and "not relevant" in err
    code, out, err = run(capsys, "rank", "--top", "5", "--json")
    assert first not in [r["id"] for r in json.loads(out)]
    assert "1 rating so far" in err
    everyone = json.loads(run(capsys, "rank", "--all", "--json")[1])
    rated = next(r for r in everyone if r["id"] == first)
    assert rated["priority"] == 0 and "you marked them not relevant" in rated["why"]
    assert run(capsys, "rate", str(first), "--clear")[0] == 0
    assert json.loads(run(capsys, "rank", "--top", "5", "--json")[1])[0]["id"] == first


def test_rate_refuses_an_unknown_contact_and_a_missing_rating(db_path, capsys):
    run(capsys, "target", "--role", "Nurse")
    code, _, err = run(capsys, "rate", "1")
    assert code == 2 and "good or not-relevant" in err
    try:
        main(["rate", "999", "good"])
    except SystemExit as e:
        assert "no contact 999" in str(e.code)
    else:
        raise AssertionError("an unknown contact is refused")
