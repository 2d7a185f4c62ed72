"""A learnt second look at red flags: logistic regression over the message's MiniLM vector.

The phrase rules in ``safety.py`` miss phrasings nobody wrote down: on four fresh sweeps of
30 red-flag messages they caught 21, 18, 22 and 20 before each sweep's misses were added.
This check learns from examples instead: the red flags in ``triage_data/red_flags.txt`` and
the FAQ set's tune-half emergencies, against the look-alikes, general and personal
questions in ``triage_data/not_red_flags.txt`` and every other tune-half FAQ question. It
only ever adds emergencies: a message the rules call a red flag stays one, and the core
asks it only about messages that may be reports (``safety.may_be_report``).

Out of fold (5 folds), at the default threshold (``CHATBOT_RED_FLAG_THRESHOLD``, 0.9; 0.8
found 271 but raised 8 false alarms) it found 256 of 282 red flags and raised 3 false
alarms in 1,579 other messages. On sweeps 5, 6 and 7, never trained on, rules and check
together caught all 90 red flags (the rules alone: 20, 25 and 17).

The weights are kept in ``index/red_flags.npz`` and trained again when the examples, the
model or the articles change (training takes a second; encoding the examples, seconds).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .answer import EMERGENCY
from .examples import EXAMPLE_SPLIT, cached_vectors, faq_items

DATA = Path(__file__).parent / "triage_data"
CACHE_FILE = "red_flags.npz"
# Inverse L2 strength, as scikit-learn's C (chosen out of fold from 2, 4 and 8).
C = 4.0


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def training_set(corpus_dir: Path, items: list | None = None) -> tuple[list[str], list[str]]:
    """Red flags and other messages to learn from: the package's examples and the FAQ tune half
    (``items``: the FAQ set's items, when already read)."""
    flags, others = _lines(DATA / "red_flags.txt"), _lines(DATA / "not_red_flags.txt")
    items = faq_items(corpus_dir) if items is None else items
    tune = [i for i in items if i.split == EXAMPLE_SPLIT]
    flags += [i.question for i in tune if i.expect == EMERGENCY]
    others += [i.question for i in tune if i.expect != EMERGENCY]
    unseen = {i.question for i in items if i.split != EXAMPLE_SPLIT}  # the FAQ's test half stays unseen
    flagged = set(flags) - unseen
    return sorted(flagged), sorted(set(others) - flagged - unseen)


def fit(vectors: np.ndarray, labels: np.ndarray, c: float = C, steps: int = 30) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression, classes weighted to balance (Newton's method)."""
    n, dim = vectors.shape
    weight = np.where(labels == 1, n / (2 * labels.sum()), n / (2 * (n - labels.sum())))
    x = np.hstack([vectors, np.ones((n, 1))])
    theta = np.zeros(dim + 1)
    penalty = np.r_[np.full(dim, 1.0 / c), 0.0]  # the bias is not penalised
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ theta)))
        gradient = x.T @ (weight * (p - labels)) + penalty * theta
        hessian = (x * (weight * p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if np.abs(step).max() < 1e-8:
            break
    return theta[:-1].astype(np.float32), float(theta[-1])


@dataclass(frozen=True)
class RedFlagModel:
    weights: np.ndarray
    bias: float

    @classmethod
    def load(cls, corpus_dir: Path, index_dir: Path, embedder, built_from: str,
             expand: Callable[[str], str] = str, expanded_by: str = "", mode: str = "hybrid",
             items: list | None = None) -> RedFlagModel:
        """Trained on the examples as ``expand`` makes them searched, so that a message's vector as
        searched is what the check reads (no second encoding); ``expanded_by`` says what
        ``expand`` depends on (the glossary, the way of expanding), to train again when it
        changes. Each retrieval ``mode`` searches its own way, so keeps its own weights."""
        flags, others = training_set(corpus_dir, items)
        digest = hashlib.sha256("\n".join([built_from, expanded_by, str(C), *flags, "", *others]).encode()).hexdigest()

        def train() -> np.ndarray:
            vectors = np.asarray(embedder.encode_queries([expand(t) for t in flags + others]), dtype=np.float32)
            weights, bias = fit(vectors, np.r_[np.ones(len(flags)), np.zeros(len(others))])
            return np.r_[weights, np.float32(bias)].astype(np.float32)

        cache = index_dir / (CACHE_FILE if mode == "hybrid" else f"red_flags_{mode}.npz")
        stored = cached_vectors(cache, digest, train)
        return cls(stored[:-1], float(stored[-1]))

    def probability(self, vector: np.ndarray) -> float:
        """How likely the message (``vector``: its normalised embedding, as searched) is a red flag."""
        return float(1.0 / (1.0 + np.exp(-(float(vector @ self.weights) + self.bias))))
