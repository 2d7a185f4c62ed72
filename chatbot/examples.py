"""Examples: the labelled questions of the FAQ set's tune half, as a nearest-neighbour check.

A new question whose closest labelled question is one the articles do not answer is
declined too: "is exosome therapy covered by health plans" is closest to "is exosome
therapy covered by insurance" (cosine 0.93), whatever its words. One worded almost the
same as a labelled answerable question is answered from that question's section. all-MiniLM-L6-v2 was
trained on pairs of duplicate questions, so question-to-question closeness is what it
measures best. Only the ``tune`` half is read: the ``test`` half stays unseen.

The vectors are kept in ``index/examples.npz`` (encoding the questions takes seconds)
and made again whenever the labelled questions, the glossary, the articles, the model or
the code that expands questions (``EXPANSION_CODE``) change.
"""

from __future__ import annotations

import hashlib
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from .answer import ANSWERED, OUT_OF_SCOPE
from .errors import EvalFileError
from .retrieve import expansion_key

FAQ_FILE = "faq.jsonl"
CACHE_FILE = "examples.npz"
EXAMPLE_SPLIT = "tune"


# A question at least this close to a labelled answerable one ranks that one's sections
# first. Chosen on the tune half, each question left out of its own decision (hit@1 0.968
# without, 0.977 at 0.85, 0.979 at 0.88, 0.975 at 0.9, 0.968 at 0.95).
SECTION_THRESHOLD = 0.88
# A question closest to an off-topic labelled question is declined only when no answerable one is
# within this margin of it. Chosen on the tune half (3,747 questions): without it 3 answerable
# questions were declined; at 0.01, 1 (one off-topic question more answered, a topic the
# not-covered list then gained); at 0.02, off-topic declined fell from 0.999 to 0.993.
OFF_TOPIC_MARGIN = 0.01

# A labelled question about what will come ("will exosomes become more common in beauty") does
# not decide the sections of one that is not ("are exosomes a recent thing in beauty").
FUTURE = re.compile(r"\b(will|future|going to|gonna|someday|soon|upcoming|later|next)\b", re.IGNORECASE)
# Nor does one that neither asks for the article's conclusion nor is answered there decide the
# sections of one that does ("present the principal conclusions of the article" is worded like
# "give me the key points").
CONCLUSION = re.compile(r"\bconclu(de|des|ded|ding|sion|sions)\b", re.IGNORECASE)
# Nor does one asking who helps ("who can help with exosome treatment for hair") decide the sections of
# one asking who is helped ("for whom might exosome hair treatments be helpful"): worded alike, answered apart.
HELPED = re.compile(r"\b(?:for|to)\s+whom\b|\bwhom\s+(?:do|does|did|can|could|might|may|will|would)\b",
                    re.IGNORECASE)
HELPER = re.compile(r"\bwho\s+(?:can|could|will|would|should|do|does)\s+(?:help|offer|provide|give|carry\s+out|"
                    r"perform)s?\b", re.IGNORECASE)


@dataclass
class Examples:
    questions: list[str]
    off_topic: np.ndarray  # bool, one per question
    vectors: np.ndarray  # normalised, one row per question
    sections: list[list[str]] = field(default_factory=list)  # the labelled sections, one list per question
    left_out: str | None = None  # a question evaluation leaves out of its own decision

    @classmethod
    def load(cls, corpus_dir: Path, index_dir: Path, embedder, built_from: str,
             expand: Callable[[str], str] = str, items: list | None = None) -> "Examples":
        """The tune half's answerable and off-topic questions with their vectors (none without a FAQ file).

        ``expand`` turns a question into the text that is searched (glossary, typo fixes), so a
        question and the examples are compared as they are searched; the vectors are made
        again when the glossary or ``built_from`` (what the index was built from: the model and
        the articles, as its manifest says) change, as the expansions then may. ``items``: the
        FAQ set's items, when already read (``faq_items``)."""
        items = [i for i in (faq_items(corpus_dir) if items is None else items)
                 if i.split == EXAMPLE_SPLIT and i.expect in (ANSWERED, OUT_OF_SCOPE)]
        if not any(i.expect == OUT_OF_SCOPE for i in items):
            return cls.none()
        questions = [i.question for i in items]
        off_topic = np.array([i.expect == OUT_OF_SCOPE for i in items])
        context = [built_from, expansion_key(corpus_dir)]
        digest = hashlib.sha256("\n".join([*context, *(f"{i.expect}\t{i.question}" for i in items)]).encode()).hexdigest()
        vectors = cached_vectors(index_dir / CACHE_FILE, digest, lambda: np.asarray(
            embedder.encode_queries([expand(q) for q in questions]), dtype=np.float32))
        return cls(questions, off_topic, vectors, [list(i.sections) for i in items])

    @classmethod
    def none(cls) -> "Examples":
        return cls([], np.zeros(0, dtype=bool), np.zeros((0, 0), dtype=np.float32), [])

    def closest(self, vector: np.ndarray) -> tuple[int, float]:
        """The position of the labelled question closest to ``vector``, and its cosine (-1, 0.0 for none)."""
        if not self.questions:
            return -1, 0.0
        similarity = self._similarity(vector)
        best = int(np.argmax(similarity))
        return best, float(similarity[best])

    def _similarity(self, vector: np.ndarray) -> np.ndarray:
        """The cosine of every labelled question to ``vector``; -1 for the one left out."""
        similarity = self.vectors @ vector
        if self.left_out is not None:
            similarity = np.where([q == self.left_out for q in self.questions], -1.0, similarity)
        return similarity

    def closest_off_topic(self, vector: np.ndarray, threshold: float) -> str | None:
        """The labelled question closest to ``vector`` when it is off-topic and at least ``threshold`` close."""
        if not self.questions:
            return None
        similarity = self._similarity(vector)
        best = int(np.argmax(similarity))
        if not self.off_topic[best] or similarity[best] < threshold:
            return None
        # An answerable labelled question about as close says the question may be either: the
        # retriever decides ("are there any medicines carried by exosomes" is 0.880 from "are
        # there exosome pills" and 0.871 from "could exosomes be used to deliver drugs").
        if similarity[best] - similarity[~self.off_topic].max(initial=-1.0) < OFF_TOPIC_MARGIN:
            return None
        return self.questions[best]

    def closest_sections(self, vector: np.ndarray, threshold: float = SECTION_THRESHOLD,
                         question: str | None = None) -> frozenset[str]:
        """The sections that answer the closest labelled question, when it is answerable and that
        close (and, given the ``question`` itself, asks about the future or the conclusion only if it
        does, and not who helps when it asks who is helped)."""
        best, similarity = self.closest(vector)
        if best < 0 or self.off_topic[best] or similarity < threshold:
            return frozenset()
        if question is not None and FUTURE.search(self.questions[best]) and not FUTURE.search(question):
            return frozenset()
        if (question is not None and CONCLUSION.search(question)
                and not any(CONCLUSION.search(text) for text in (self.questions[best], *self.sections[best]))):
            return frozenset()
        if question is not None and HELPED.search(question) and HELPER.search(self.questions[best]):
            return frozenset()
        return frozenset(self.sections[best])


def faq_items(corpus_dir: Path) -> list:
    """The items of the corpus's FAQ set (``corpus/faq.jsonl``); none when it is missing or unreadable."""
    from .evaluate import load_items

    path = corpus_dir / FAQ_FILE
    if not path.is_file():
        return []
    try:
        return load_items(path)[0]
    except EvalFileError:
        return []


def cached_vectors(cache: Path, digest: str, make: Callable[[], np.ndarray]) -> np.ndarray:
    """The array kept in ``cache`` when it was made for ``digest``, else ``make()`` (then kept)."""
    try:
        with np.load(cache) as stored:
            if str(stored["digest"]) == digest:
                return stored["vectors"]
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        pass  # missing or damaged: make again
    vectors = make()
    partial = cache.with_name(f".{cache.name}.{os.getpid()}")
    try:  # written whole, then moved in place: two server workers may start together
        with open(partial, "wb") as out:
            np.savez(out, digest=np.array(digest), vectors=vectors)
        os.replace(partial, cache)
    except OSError:
        partial.unlink(missing_ok=True)  # a read-only index folder: encode again at the next start
    return vectors
