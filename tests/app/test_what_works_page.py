"""The "What works for you" page, run on its own (not yet in st.navigation): empty store, demo, a planted pattern."""

from datetime import date, timedelta

import pytest

from engine import learning
from engine.demo import demo_profile
from engine.outreach import contact_states
from engine.scoring import score_contacts
from engine.settings import STANDARD
from engine.store import Store

PAGE = "app_pages/what_works.py"
WINDOW = learning.window_from_rules(STANDARD.rules)


@pytest.fixture
def page(page_alone):
    """Run the page directly over the test's store (UNSTUCK_DB points at db_path)."""
    return lambda: page_alone(PAGE)


def plain(markdown: str) -> str:
    """Markdown as read, with app_pages.shared.md's escapes undone."""
    return markdown.replace("\\", "")


def texts(elements) -> str:
    return "\n".join(plain(e.value) for e in elements)


def test_an_empty_store_says_how_much_history_learning_needs(page):
    at = page()
    assert at.title[0].value == "What works for you"
    info = texts(at.info)
    assert "0 labelled outreaches so far" in info and "needs at least 30, with at least 5 answered and 5 not" in info
    assert "0 of 30 labelled outreaches" in at.get("progress")[0].proto.text
    assert "business days passed without an answer" in texts(at.caption)
    assert not at.get("vega_lite_chart") and not at.metric and not at.success and not at.warning


def test_the_thresholds_come_from_the_settings(page, db_path):
    with Store(db_path) as store:
        store.set_settings({"learning_min_total": 40, "learning_min_each": 8})
    info = texts(page().info)
    assert "needs at least 40, with at least 8 answered and 8 not" in info


def test_the_demo_shows_its_history_the_models_quality_and_the_factors(page, demo_store):
    at = page()
    with Store(demo_store) as store:
        events, profile = store.events(), store.load_profile()
        scored = score_contacts(store.contacts(), profile, contact_states(events, date.today(), STANDARD.rules))
    X, y = learning.training_set(events, scored, date.today(), WINDOW, target_level=profile.target_level)
    assert int(at.metric[0].value) == len(X) >= 30, "the page counts what the engine learns from"
    assert at.metric[1].value == f"{y.mean():.0%}"
    assert [m.label for m in at.metric] == ["Labelled outreaches", "Answered in time", "ROC AUC", "Brier score"]
    verdict = texts(at.success) + texts(at.warning)  # first, in words; the statistics wait in an expander
    assert verdict.startswith(("A strong pattern:", "A clear pattern:", "A weak but real pattern:",
                               "Too early to tell:")), verdict
    assert "ROC" not in verdict and "Brier" not in verdict
    stats = at.expander[0]
    assert stats.label == "The statistics behind this"
    assert [m.label for m in stats.metric] == ["ROC AUC", "Brier score"]
    assert "for always guessing the average" in texts(stats.markdown)
    assert at.get("vega_lite_chart"), "the factor chart is drawn"
    bullets = [m for m in at.markdown if m.value.startswith("- ")]
    assert bullets and plain(bullets[0].value).count("\n- ") == 2, "three sentences on the top factors"


def test_a_planted_pattern_is_shown_as_learned_with_its_words(page, db_path, planted):
    planted(db_path)
    at = page()
    assert texts(at.success).startswith(("A strong pattern:", "A clear pattern:", "A weak but real pattern:"))
    assert "Today leans on it" in texts(at.success)
    assert not at.warning
    assert texts(at.expander[0].markdown).startswith("Better than guessing: ROC AUC")
    sentences = plain(next(m.value for m in at.markdown if m.value.startswith("- ")))
    assert sentences.startswith("- People referred to you reply more often to you: about")
    assert "Your ranking on Today now leans toward" in texts(at.caption)
    few = sentences.count("\n- ")
    at.toggle(key="insights_show_all").set_value(True).run()
    every = plain(next(m.value for m in at.markdown if m.value.startswith("- ")))
    assert every.count("\n- ") > few


def test_the_model_is_trained_once_not_on_every_rerun(page, db_path, planted, monkeypatch):
    planted(db_path, n=60)
    calls = []
    real = learning.fit
    monkeypatch.setattr(learning, "fit", lambda *a, **k: calls.append(1) or real(*a, **k))
    at = page()
    at.toggle(key="insights_show_all").set_value(True).run()
    at.run()
    assert not at.exception and len(calls) == 1


def test_too_little_history_in_a_store_says_how_many_there_are(page, db_path):
    with Store(db_path) as store:
        store.save_profile(demo_profile())
        today = date.today()
        for i in range(12):
            cid = store.add_contact(full_name=f"Person {i}", title="Data Analyst")
            store.log_event(cid, "reached_out", today - timedelta(days=60), channel="email")
            if i % 2:
                store.log_event(cid, "replied", today - timedelta(days=58))
        store.log_event(cid, "reached_out", today, channel="email")  # still waiting: not labelled
    at = page()
    assert "12 labelled outreaches so far (6 answered, 6 not)" in texts(at.info)
    assert "12 of 30 labelled outreaches" in at.get("progress")[0].proto.text
