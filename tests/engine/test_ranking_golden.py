"""Scoring and ranking a fixed network give the recorded figures (tests/data/ranking/golden.json), so work done
for speed (scoring each distinct title once, no scikit-learn) cannot change a result. How to re-record after an
intended change of the rules: tests/data/ranking/make_golden.py."""

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "data" / "ranking"))
import make_golden  # noqa: E402

RECORDED = json.loads((ROOT / "tests" / "data" / "ranking" / "golden.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def now():
    return make_golden.golden()


def test_the_network_is_the_recorded_one(now):
    assert (now["today"], now["snoozed"], now["dismissed"]) == \
        (RECORDED["today"], RECORDED["snoozed"], RECORDED["dismissed"])
    assert len(now["contacts"]) == len(RECORDED["contacts"]) > 800


def test_every_contact_scores_as_recorded(now):
    differ = [(old, new) for old, new in zip(RECORDED["contacts"], now["contacts"], strict=True) if old != new]
    assert not differ, f"{len(differ)} contacts differ, first: recorded {differ[0][0]}, now {differ[0][1]}"


def test_the_order_is_as_recorded(now):
    assert now["ranked"] == RECORDED["ranked"]
    assert now["next_20"] == RECORDED["next_20"]
