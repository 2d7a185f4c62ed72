"""Retrieve: find the passages closest to a question.

Dense cosine similarity (FAISS) fused with BM25 lexical scores, after
expanding the question with the editors' glossary of lay terms
(``corpus/glossary.txt``: ``lay words = article words``). The fused score ranks;
the dense cosine of the best passage is what the abstention threshold reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import CorpusError
from .index import StoredIndex
from .split import Passage

GLOSSARY_FILE = "glossary.txt"
LEXICAL_WEIGHT = 0.3  # chosen on the tuning half of corpus/faq.jsonl (see README, "Retrieval")


@dataclass(frozen=True)
class Hit:
    """One retrieved passage with its scores."""

    passage: Passage
    score: float  # fused score used for ranking
    dense: float  # cosine similarity of question and passage
    lexical: float  # BM25 score scaled to 0..1 over the corpus for this question
    index: int  # position in the stored passages


class Glossary:
    """Lay terms and their article equivalents, as editors write them."""

    def __init__(self, entries: list[tuple[list[str], list[str]]]) -> None:
        self.entries = entries

    @classmethod
    def load(cls, corpus_dir: Path) -> "Glossary":
        path = corpus_dir / GLOSSARY_FILE
        if not path.exists():
            return cls([])
        entries = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if "=" not in line:
                raise CorpusError(f"{path}:{number}: expected 'lay words = article words'")
            left, right = line.split("=", 1)
            lay = [t.strip().lower() for t in left.split(",") if t.strip()]
            article = [t.strip() for t in right.split(",") if t.strip()]
            if lay and article:
                entries.append((lay, article))
        return cls(entries)

    def expand(self, question: str) -> str:
        """The question plus the article words for every lay term it contains."""
        lowered = " " + re.sub(r"[^\w']+", " ", question.lower()) + " "
        extra: list[str] = []
        for lay, article in self.entries:
            if any(f" {term} " in lowered for term in lay):
                extra.extend(t for t in article if t not in extra)
        return f"{question} ({', '.join(extra)})" if extra else question


class Lexical:
    """BM25 over the passages' context text (bm25s, with English stemming)."""

    def __init__(self, texts: list[str]) -> None:
        import bm25s
        import Stemmer

        self._bm25s = bm25s
        self._stemmer = Stemmer.Stemmer("english")
        self._bm25 = bm25s.BM25()
        self._bm25.index(self._tokens(texts), show_progress=False)

    def _tokens(self, texts: list[str]) -> list[list[str]]:
        return self._bm25s.tokenize(texts, stopwords="en", stemmer=self._stemmer, return_ids=False,
                                    show_progress=False)

    def scores(self, query: str) -> np.ndarray:
        tokens = self._tokens([query])[0]
        if not tokens:
            return np.zeros(self._bm25.scores["num_docs"], dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)


class Retriever:
    def __init__(self, store: StoredIndex, embedder, glossary: Glossary, mode: str = "hybrid",
                 lexical_weight: float = LEXICAL_WEIGHT) -> None:
        self.store = store
        self.embedder = embedder
        self.glossary = glossary
        self.mode = mode
        self.lexical_weight = lexical_weight
        self.lexical = Lexical([p.context_text() for p in store.passages]) if mode == "hybrid" else None

    def search(self, question: str, k: int) -> tuple[list[Hit], np.ndarray]:
        """Best passages first, and the query vector (for sentence scoring)."""
        expanded = self.glossary.expand(question)
        query = self.embedder.encode_queries([expanded])
        n = self.store.vectors.size
        scores, ids = self.store.vectors.search(query, n if n <= 1000 else max(k * 20, 200))
        dense = {int(i): float(s) for i, s in zip(ids[0], scores[0]) if i >= 0}
        if self.lexical is not None:
            raw = self.lexical.scores(expanded)
            top = float(raw.max()) if raw.size else 0.0
            lexical = raw / top if top > 0 else raw
        else:
            lexical = np.zeros(n, dtype=np.float32)
        w = self.lexical_weight if self.lexical is not None else 0.0
        hits = [Hit(self.store.passages[i], (1 - w) * d + w * float(lexical[i]), d, float(lexical[i]), i)
                for i, d in dense.items()]
        hits.sort(key=lambda h: (-h.score, h.index))
        return _dedupe(hits, self.store)[:k], query[0]


def _dedupe(hits: list[Hit], store: StoredIndex, limit: float = 0.92) -> list[Hit]:
    """Drop passages that say again what a better-ranked one says (summary lists)."""
    kept: list[Hit] = []
    for hit in hits:
        if any(_overlap(hit.passage.text, k.passage.text) >= limit for k in kept):
            continue
        kept.append(hit)
    return kept


def _overlap(a: str, b: str) -> float:
    wa, wb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))
