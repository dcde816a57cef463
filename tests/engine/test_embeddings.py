"""Title embeddings (engine.embeddings): shipped in the wordllama wheel, loaded with the network blocked, cached."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engine import embeddings

ROOT = Path(__file__).resolve().parents[2]

BLOCKED = r"""
import socket, sys
attempts = []
def refuse(name):
    def blocked(*args, **kwargs):
        attempts.append(name)
        raise OSError("network blocked by test_embeddings")
    return blocked
socket.socket.connect = refuse("connect")
socket.socket.connect_ex = refuse("connect_ex")
socket.create_connection = refuse("create_connection")
socket.getaddrinfo = refuse("getaddrinfo")
from engine import embeddings
assert embeddings.available(), "the model did not load from the wordllama package folder"
sims = embeddings.similarity(["occupational therapist", "physiotherapist", "truck driver"], "occupational therapist")
print(repr((attempts, [round(float(s), 3) for s in sims])))
"""


def test_the_model_loads_and_embeds_with_every_connection_refused():
    out = subprocess.run([sys.executable, "-c", BLOCKED], capture_output=True, text=True, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT), "HOME": "/nonexistent", "PATH": "/usr/bin:/bin"},
                         timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    attempts, sims = eval(out.stdout.strip().splitlines()[-1])  # noqa: S307 - our own printed literal
    assert attempts == []
    assert sims[0] > 0.99 and sims[1] > sims[2]


def test_vectors_are_unit_length_and_empty_text_is_zero():
    v = embeddings.vectors(["video editor", "", "   "])
    assert v.shape == (3, embeddings.DIM)
    assert abs(np.linalg.norm(v[0]) - 1) < 1e-2
    assert not v[1].any() and not v[2].any()
    assert embeddings.similarity([], "x").shape == (0,)


def test_a_rerun_never_recomputes_a_title(monkeypatch):
    embeddings.vectors(["credit risk analyst", "loan underwriter"])
    model = embeddings._model()
    calls = []
    original = model.sums
    monkeypatch.setattr(model, "sums", lambda texts: calls.append(list(texts)) or original(texts))
    embeddings.similarity(["credit risk analyst", "loan underwriter"], "credit risk analyst")
    assert calls == []
    embeddings._words.pop("Zymurgist", None)
    embeddings.similarity(["credit risk analyst", "loan Zymurgist"], "credit risk analyst")
    assert calls == [["Zymurgist"]]  # the new title's one new word; "loan" was read before


def _labelled_titles() -> list[str]:
    """Every title of the labelled title sets: thousands, in many languages and scripts."""
    import csv

    titles = []
    for path in sorted((ROOT / "tests" / "data").glob("titles_labelled*.csv")):
        with path.open(encoding="utf-8") as f:
            titles += [row["title"] for row in csv.DictReader(f)]
    return list(dict.fromkeys(titles))


def test_a_title_has_the_tokens_its_words_have_alone():
    """What lets a title's vector be added up from its words' (engine.embeddings._composed)."""
    tokenizer = embeddings._model().tokenizer
    titles = [t for t in _labelled_titles() if "" not in t.split(" ") and "▁" not in t]
    assert len(titles) > 3000
    whole = tokenizer.encode_batch(titles, add_special_tokens=False)
    distinct = list(dict.fromkeys(w for t in titles for w in t.split(" ")))
    alone = tokenizer.encode_batch(distinct, add_special_tokens=False)
    words = {w: e.ids for w, e in zip(distinct, alone, strict=True)}
    differ = [t for t, e in zip(titles, whole, strict=True) if e.ids != [i for w in t.split(" ") for i in words[w]]]
    assert differ == []


def test_vectors_added_up_from_words_are_the_whole_texts_own():
    texts = [*_labelled_titles()[:2000], "  two  spaces ", "tab\there", "a▁b", " lead", "trail ", "x" * 400, "🙂 ok"]
    embeddings._words.clear()
    model = embeddings._model()
    composed = embeddings._composed(model, texts)
    np.testing.assert_allclose(composed, model.embed(texts), rtol=0, atol=2e-6)
    again = embeddings._composed(model, list(reversed(texts)))  # the words now cached, the texts in another order
    np.testing.assert_array_equal(again[::-1], composed)


def test_without_the_model_similarity_is_zero_not_an_error(monkeypatch):
    monkeypatch.setattr(embeddings, "_model", lambda: None)
    monkeypatch.setattr(embeddings, "_cache", {})
    assert not embeddings.available()
    assert embeddings.similarity(["nurse"], "nurse").tolist() == [0.0]


@pytest.mark.parametrize(("target", "closer", "farther"), [
    ("grant writer", "fundraising manager", "software developer"),
    ("video editor", "film editor", "bank teller"),
])
def test_meaning_orders_some_roles_nobody_listed(target, closer, farther):
    near, far = embeddings.similarity([closer, farther], target)
    assert near > far


def test_the_vectors_are_wordllamas_own_without_importing_its_package():
    """Read from the package's files with safetensors and tokenizers: the same vectors WordLlama's embed gives."""
    out = subprocess.run([sys.executable, "-c", "import sys; from engine import embeddings; "
                          "embeddings.vectors(['nurse']); print('wordllama' in sys.modules)"],
                         capture_output=True, text=True, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "False", out.stderr[-2000:]
    import wordllama
    from wordllama import WordLlama

    reference = WordLlama.load(config="l2_supercat", dim=embeddings.DIM, cache_dir=Path(wordllama.__file__).parent,
                               disable_download=True)
    texts = ["Data Analyst", "Responsable des ressources humaines", "Аналитик данных", "", "Head of Talent — EMEA",
             "Senior Software Engineer II", "🙂", "x" * 400]
    assert np.array_equal(embeddings._model().embed(texts), reference.embed(texts, norm=False))


def test_texts_are_embedded_alike_one_by_one_or_many_at_once():
    """Many texts are averaged a chunk at a time: a text's vector does not depend on its neighbours or the chunks."""
    model = embeddings._model()
    texts = [("" if i % 7 == 0 else f"Role {i} of the data team") for i in range(3 * model.CHUNK + 5)]
    texts[model.CHUNK - 1] = texts[model.CHUNK] = ""  # empty texts at a chunk's border
    together = model.embed(texts)
    alone = np.vstack([model.embed([t]) for t in texts])
    assert np.array_equal(together, alone)
    assert not together[[i for i, t in enumerate(texts) if not t]].any()


def test_threads_get_the_same_vectors_while_the_caches_are_emptied(monkeypatch, in_threads):
    """The app scores in several threads; both caches empty themselves when full."""
    monkeypatch.setattr(embeddings, "CACHE_LIMIT", 30)
    monkeypatch.setattr(embeddings, "WORD_LIMIT", 20)
    sets = [[f"{w} analyst {i}" for i in range(25)] for w in ("credit", "supply", "clinical", "grant", "security")]
    expected = [embeddings.vectors(texts) for texts in sets]
    wrong: list[int] = []

    def run(k: int) -> None:
        for _ in range(10):
            for j, texts in enumerate(sets):
                try:
                    same = np.array_equal(embeddings.vectors(texts), expected[j])
                except Exception:  # a cache emptied under this call
                    same = False
                if not same:
                    wrong.append(k)

    in_threads(run, 4, switch=1e-6)  # threads take turns as often as they can: a race shows within a few calls
    assert wrong == []
