"""engine.textsim gives scikit-learn's TF-IDF cosines to the last bit, without importing scikit-learn."""

import csv
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from engine import textsim
from engine.demo import recipe
from engine.textsim import char_wb_ngrams, tfidf_similarity, word_ngrams
from engine.titles import canonical_role

ROOT = Path(__file__).resolve().parents[2]
with (ROOT / "tests" / "data" / "titles_labelled.csv").open(encoding="utf-8") as f:
    TITLES = [row["title"] for row in csv.DictReader(f)]
ROLES = list(dict.fromkeys([canonical_role(t) for t in TITLES]
                           + [role for family in recipe()["roles"].values() for role in family]))


def sklearn_similarity(texts, target):
    """What scoring computed with scikit-learn before engine.textsim."""
    corpus = [*texts, target]
    sims = np.zeros(len(texts))
    for analyzer, ngrams in (("word", (1, 2)), ("char_wb", (3, 5))):
        try:
            matrix = TfidfVectorizer(analyzer=analyzer, ngram_range=ngrams, sublinear_tf=True,
                                     strip_accents="unicode").fit_transform(corpus)
        except ValueError:  # not one term in any text: scikit-learn refuses, and nothing is alike
            continue
        sims += (matrix[:-1] @ matrix[-1].T).toarray().ravel() / 2
    return sims


@pytest.mark.parametrize("texts", [TITLES, ROLES], ids=["raw titles", "canonical roles"])
@pytest.mark.parametrize("target", ["data scientist", "Científica de Datos senior", "hr business partner people",
                                    "data scientist data machine learning forecasting healthcare"])
def test_the_same_figures_as_scikit_learn_to_the_last_bit(texts, target):
    assert len(texts) > 300
    np.testing.assert_array_equal(tfidf_similarity(texts, target), sklearn_similarity(texts, target))


TEXT = st.text(st.sampled_from("ab cdé  Ää\tßİﬁx1_-.Ω"), max_size=25)


@settings(max_examples=150, deadline=None)
@given(texts=st.lists(TEXT, min_size=1, max_size=8), target=TEXT)
def test_any_texts_give_scikit_learns_figures(texts, target):
    np.testing.assert_array_equal(tfidf_similarity(texts, target), sklearn_similarity(texts, target))


def test_n_grams_are_scikit_learns():
    for analyzer, ngrams, ours in (("word", (1, 2), word_ngrams), ("char_wb", (3, 5), char_wb_ngrams)):
        theirs = TfidfVectorizer(analyzer=analyzer, ngram_range=ngrams, strip_accents="unicode").build_analyzer()
        for text in TITLES + ["", "a", "ab", "  İstanbul  Straße ﬁnance ", "Ω x"]:
            assert ours(text) == theirs(text), text


def test_same_text_is_one_and_unrelated_text_zero():
    sims = tfidf_similarity(["Data Scientist", "data   scientist", "pastry chef", ""], "data scientist")
    assert sims[0] == pytest.approx(1) and sims[1] == pytest.approx(1)
    assert sims[2] == sims[3] == 0


def test_scoring_no_longer_imports_scikit_learn():
    code = "import sys, engine.scoring, engine.learning; print('sklearn' in sys.modules, 'scipy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "False"]


def test_the_word_cache_is_emptied_between_calls_never_inside_one(monkeypatch):
    # a tiny cache limit empties the n-gram numbers at the start of nearly every call: a call that met the limit
    # half-way would mix numbers from before and after, and two different n-grams would count as one
    from engine import textsim
    monkeypatch.setattr(textsim, "_CACHE_LIMIT", 5)
    texts = ROLES[:120]
    for target in ("data scientist", "hr business partner people"):
        np.testing.assert_array_equal(tfidf_similarity(texts, target), sklearn_similarity(texts, target))
    assert len(textsim._WORD_GRAMS) > 5  # filled again within the call, emptied only at the next one


@settings(max_examples=100, deadline=None)
@given(texts=st.lists(TEXT, min_size=1, max_size=8))
def test_word_grams_counted_in_numpy_are_the_plain_counts(texts):
    fit = textsim._word_fit(texts)
    fast, plain = (fit.row, fit.feature, fit.count, fit.size), plain_entries(texts, word_ngrams)
    assert fast[3] == plain[3]
    for a, b in zip(fast[:3], plain[:3], strict=True):
        np.testing.assert_array_equal(a, b)


def plain_entries(docs, analyze):
    """(row, feature, count) of every distinct n-gram of each doc and the vocabulary size, features numbered by
    first appearance, sorted by row then feature: counted the plain way, one n-gram at a time."""
    vocabulary: dict[str, int] = {}
    counts: dict[tuple[int, int], int] = {}
    for row, doc in enumerate(docs):
        for gram in analyze(doc):
            key = (row, vocabulary.setdefault(gram, len(vocabulary)))
            counts[key] = counts.get(key, 0) + 1
    keys = sorted(counts)
    return (np.array([r for r, _ in keys], dtype=np.int64), np.array([f for _, f in keys], dtype=np.int64),
            np.array([counts[k] for k in keys], dtype=np.int64), len(vocabulary))


def concatenated(texts, suffixes):
    return [f"{text} {suffix}" for text, suffix in zip(texts, suffixes, strict=True)]


def assert_close_to_scikit_learn(texts, suffixes, target):
    """The suffix path is scikit-learn's on the concatenated texts to float rounding (sums in another order)."""
    np.testing.assert_allclose(tfidf_similarity(texts, target, suffixes),
                               sklearn_similarity(concatenated(texts, suffixes), target), rtol=1e-12, atol=1e-15)


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(TEXT, min_size=1, max_size=8), bags=st.lists(TEXT, min_size=1, max_size=3), target=TEXT,
       picks=st.lists(st.integers(0, 2), min_size=8, max_size=8))
def test_texts_with_suffixes_give_scikit_learns_figures_on_the_joined_texts(texts, bags, target, picks):
    suffixes = [bags[p % len(bags)] for p in picks[: len(texts)]]
    assert_close_to_scikit_learn(texts, suffixes, target)


@pytest.mark.parametrize("target", ["data scientist", "pastry chef", "Científica de Datos senior"])
def test_suffixes_that_repeat_or_bridge_the_text(target):
    texts = ["data", "data scientist", "scientist data", "", "  ", "chef", "data data scientist", "pastry"]
    suffixes = ["scientist data", "scientist", "data", "", "", "pastry chef pastry", "", "chef"]
    assert_close_to_scikit_learn(texts, suffixes, target)
    assert_close_to_scikit_learn(texts, [""] * len(texts), target)


def real_roles_and_families():
    """Distinct titles of the development ranking sets and the demo's roles, read as scoring reads them."""
    import pandas as pd

    from engine.rolewords import english_role
    from engine.titles import parse_titles
    titles = list(TITLES)
    for sets in ("ranking_v2", "ranking_v4"):
        for path in sorted((ROOT / "tests" / "data" / sets / "dev").glob("*.csv")):
            with path.open(encoding="utf-8") as f:
                titles += [row["title"] for row in csv.DictReader(f)]
    column = pd.Series(list(dict.fromkeys(titles + ROLES)), dtype=object)
    roles = column.map(english_role)
    return roles, parse_titles(column)["family"]


def test_real_titles_expanded_by_their_familys_words_as_scoring_expands_them():
    from engine.titles import family_terms
    roles, families = real_roles_and_families()
    has_title = roles.str.strip() != ""
    suffixes = families.map(family_terms).where(has_title, "")
    codes, _ = __import__("pandas").factorize(roles + " " + suffixes)
    first = np.unique(codes, return_index=True)[1]  # one doc per distinct joined text, as scoring passes them
    texts, suffixes = roles.iloc[first].tolist(), suffixes.iloc[first].tolist()
    assert len(texts) > 1000 and len(set(suffixes)) > 10
    for target in ("data scientist data machine learning statistics forecasting",
                   "pastry chef food cooking kitchen", "probation officer"):
        assert_close_to_scikit_learn(texts, suffixes, target)
        np.testing.assert_array_equal(tfidf_similarity(texts, target), sklearn_similarity(texts, target))


def test_one_fit_of_the_texts_serves_later_calls_on_the_same_texts(monkeypatch):
    # the distinct texts' own n-grams are counted once; later calls on them (another target, with or without
    # suffixes, texts repeated, another small set compared in between) add only theirs, and give what a fresh count
    # gives: repeated texts to the last bit without suffixes
    from engine import textsim
    texts, suffixes = ROLES[:300], [["data analytics", "", "people hr"][i % 3] for i in range(300)]
    fitted = []
    monkeypatch.setattr(textsim, "_word_fit", lambda docs, fit=textsim._word_fit: fitted.append(len(docs)) or fit(docs))
    first = tfidf_similarity(texts, "data scientist")
    tfidf_similarity(["data", "people"], "data scientist")
    joined_texts, joined_suffixes = texts + texts[:40], suffixes + suffixes[::-1][:40]
    again = tfidf_similarity(joined_texts, "hr business partner", joined_suffixes)
    repeated = tfidf_similarity(texts[::-1] + texts, "data analyst")
    assert fitted == [300, 2, 300]  # the reversed order is another set of texts: fitted again
    np.testing.assert_array_equal(first, sklearn_similarity(texts, "data scientist"))
    np.testing.assert_allclose(again, sklearn_similarity(concatenated(joined_texts, joined_suffixes),
                                                         "hr business partner"), rtol=1e-12, atol=1e-15)
    np.testing.assert_array_equal(repeated, sklearn_similarity(texts[::-1] + texts, "data analyst"))


def test_no_texts_and_one_suffix_per_text():
    assert tfidf_similarity([], "data").shape == tfidf_similarity([], "data", []).shape == (0,)
    assert tfidf_similarity(["", " "], "data", ["", "x"]).tolist() == [0, 0]
    with pytest.raises(ValueError, match="one suffix per text"):
        tfidf_similarity(["a"], "b", ["c", "d"])


def test_calls_in_several_threads_agree_while_the_numbering_is_emptied(monkeypatch, in_threads):
    """The app scores in several threads; the process-wide n-gram numbering empties itself when it grows large."""
    monkeypatch.setattr(textsim, "_CACHE_LIMIT", 40)  # emptied every few calls
    sets = [[f"{w} analyst {i}" for i in range(30)] + ["data scientist", "nurse"] for w in
            ("credit", "supply", "clinical", "grant", "security", "learning")]
    expected = [tfidf_similarity(texts, "data analyst", suffixes=["data statistics"] * len(texts)) for texts in sets]
    wrong: list[int] = []

    def run(k: int) -> None:
        for _ in range(15):
            for j, texts in enumerate(sets):
                try:
                    got = tfidf_similarity(texts, "data analyst", suffixes=["data statistics"] * len(texts))
                except Exception:  # numbers from another call's numbering: an index out of range
                    got = None
                if got is None or not np.allclose(got, expected[j], rtol=1e-12, atol=1e-15):
                    wrong.append(k)

    in_threads(run, 4)
    assert wrong == []
