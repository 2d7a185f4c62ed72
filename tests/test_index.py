"""The index directory: built deterministically, checked against corpus and model on load."""

from __future__ import annotations

import json

import numpy as np
import pytest

from chatbot import index as index_store
from chatbot.core import Chatbot, build_index
from chatbot.errors import IndexCorrupt, IndexMissing, IndexStale

QUIET = {"log": lambda _: None}


def test_manifest_describes_the_index(settings, bot):
    manifest = json.loads((settings.index_dir / "manifest.json").read_text())
    assert manifest["model"] == settings.model
    assert manifest["dimension"] == 384
    assert manifest["passages"] == len(bot.store.passages) == bot.store.vectors.size
    assert manifest["index_type"] == "IndexFlatIP"
    assert manifest["documents"] == ["understanding-exosomes.txt"]
    assert len(manifest["corpus_hash"]) == 64 and manifest["build_time"].endswith("Z")


def test_build_is_deterministic(settings, embedder, tmp_path):
    other = settings.with_(index_dir=tmp_path / "again")
    build_index(other, embedder, **QUIET)
    assert (other.index_dir / "passages.jsonl").read_text() == (settings.index_dir / "passages.jsonl").read_text()
    a = np.load(other.index_dir / "sentences.npy")
    b = np.load(settings.index_dir / "sentences.npy")
    assert np.allclose(a, b, atol=1e-5)


@pytest.fixture()
def own_index(settings, embedder, corpus_copy, tmp_path):
    own = settings.with_(corpus_dir=corpus_copy, index_dir=tmp_path / "index", auto_build=False)
    build_index(own, embedder, **QUIET)
    return own


def test_changed_corpus_makes_the_index_stale(own_index, embedder):
    article = own_index.corpus_dir / "understanding-exosomes.txt"
    text = article.read_text().replace("\nConclusion\n", "\nNew Section\n\nA new paragraph about exosomes.\n\nConclusion\n")
    article.write_text(text)
    with pytest.raises(IndexStale, match="corpus .* has changed.*python -m chatbot build"):
        Chatbot.open(own_index, embedder=embedder, **QUIET)
    rebuilt = Chatbot.open(own_index.with_(auto_build=True), embedder=embedder, **QUIET)
    assert "New Section" in {p.section for p in rebuilt.store.passages}


def test_other_model_makes_the_index_stale(own_index):
    with pytest.raises(IndexStale, match="built with model 'bundled'"):
        index_store.check(own_index.index_dir, "some/other-model", own_index.corpus_dir)


def test_missing_index_is_reported_or_built(settings, embedder, tmp_path):
    empty = settings.with_(index_dir=tmp_path / "none", auto_build=False)
    with pytest.raises(IndexMissing, match="python -m chatbot build"):
        Chatbot.open(empty, embedder=embedder, **QUIET)
    built = Chatbot.open(empty.with_(auto_build=True), embedder=embedder, **QUIET)
    assert built.ask("are exosomes safe").status == "answered"


@pytest.mark.parametrize("name, damage", [
    ("vectors.faiss", lambda p: p.write_bytes(p.read_bytes()[:100])),
    ("vectors.faiss", lambda p: p.unlink()),
    ("sentences.npy", lambda p: p.write_bytes(p.read_bytes()[:50])),
    ("passages.jsonl", lambda p: p.write_text(p.read_text().splitlines()[0] + "\n")),
    ("passages.jsonl", lambda p: p.write_text("{not json")),
    ("manifest.json", lambda p: p.write_text("{}")),
])
def test_damaged_index_files_are_refused_with_the_fix(own_index, embedder, name, damage):
    damage(own_index.index_dir / name)
    with pytest.raises(IndexCorrupt, match="python -m chatbot build"):
        Chatbot.open(own_index, embedder=embedder, **QUIET)


def test_large_corpora_get_an_approximate_index_with_good_recall(tmp_path):
    from chatbot.index import VectorIndex

    rng = np.random.default_rng(1)
    centers = rng.normal(size=(50, 384)).astype(np.float32)
    vectors = centers[rng.integers(0, 50, 5000)] + 0.3 * rng.normal(size=(5000, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    exact, approximate = VectorIndex.build(vectors), VectorIndex.build(vectors, threshold=1000)
    assert exact.kind == "IndexFlatIP" and approximate.kind == "IndexIVFFlat"
    approximate.save(tmp_path / "ivf.faiss")
    loaded = VectorIndex.load(tmp_path / "ivf.faiss")
    queries = vectors[:100] + 0.05 * rng.normal(size=(100, 384)).astype(np.float32)
    _, truth = exact.search(queries, 10)
    _, found = loaded.search(queries, 10)
    recall = np.mean([len(set(t) & set(f)) / 10 for t, f in zip(truth, found)])
    assert recall >= 0.9
