"""Answer: the reply object, and the extractive choice of sentences.

An answer never contains generated text about health: it is one to three
sentences quoted verbatim from the best passages, chosen sentence by sentence
by their similarity to the question. Fixed texts (the notice, the caution, the
emergency and refusal messages) come from settings and the safety module.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from .index import StoredIndex
from .retrieve import Hit

ANSWERED = "answered"
OUT_OF_SCOPE = "out_of_scope"
EMERGENCY = "emergency"
PERSONAL_ADVICE = "personal_advice"
STATUSES = (ANSWERED, OUT_OF_SCOPE, EMERGENCY, PERSONAL_ADVICE)

OUT_OF_SCOPE_MESSAGE = ("Sorry, the article I answer from does not cover that, so I can't answer it. "
                        "You can ask about what exosomes are, where they are found, what they do, their use in "
                        "medicine, skin and hair treatments, and their safety.")
MAX_SENTENCES = 3
# A sentence starting like this leans on the one before it for its meaning.
DEPENDENT_START = re.compile(r"^(They|These|This|That|It|Their|Because of this|Because of these)\b")
# A sentence starting like this qualifies the one before it: never quote the claim without it.
QUALIFIER_START = re.compile(r"^(However|But|Although|That is why|If not|These include|This includes|"
                             r"They include|For example)\b")


@dataclass
class Source:
    id: str
    document: str
    section: str
    text: str
    score: float


@dataclass
class Answer:
    """One reply, as the CLI prints it and the API returns it (``asdict``)."""

    question: str
    status: str
    answer: str
    sources: list[Source] = field(default_factory=list)
    notice: str = ""
    score: float = 0.0
    caution: str = ""  # added field: fixed caution when cures or results come up

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def to_sources(hits: list[Hit]) -> list[Source]:
    return [Source(h.passage.id, h.passage.document, h.passage.section, h.passage.text, round(h.score, 4))
            for h in hits]


def extract(hits: list[Hit], query: np.ndarray, store: StoredIndex) -> str:
    """The one to three sentences of the best passages that answer the question, verbatim."""
    if not hits:
        return ""
    candidates = {h.index for h in hits[:2] if h.score >= hits[0].score - 0.05} | {hits[0].index}
    rows = [i for i, owner in enumerate(store.sentence_owner) if owner in candidates]
    scores = store.sentence_vectors[rows] @ query
    # Sentences of the top passage get a small bonus: the passage as a whole matched best.
    bonus = np.array([0.05 if store.sentence_owner[r] == hits[0].index else 0.0 for r in rows])
    order = np.argsort(-(scores + bonus), kind="stable")
    best = rows[int(order[0])]
    owner = store.sentence_owner[best]
    same = [r for r in rows if store.sentence_owner[r] == owner]
    chosen = {best}
    best_score = float(store.sentence_vectors[best] @ query)
    for j in order[1:]:
        r = rows[int(j)]
        if r in same and float(scores[int(j)]) >= best_score - 0.08 and len(chosen) < MAX_SENTENCES:
            chosen.add(r)
    # Give a dependent sentence ("They are used in ...") the sentence it refers back to.
    for r in sorted(chosen):
        if DEPENDENT_START.match(store.sentence_text[r]) and r - 1 in same and r - 1 not in chosen \
                and len(chosen) < MAX_SENTENCES:
            chosen.add(r - 1)
    # Keep a claim with the caveat or the list that follows it ("generally safe ... However, ...").
    for r in sorted(chosen):
        if r + 1 in same and r + 1 not in chosen and QUALIFIER_START.match(store.sentence_text[r + 1]) \
                and len(chosen) < MAX_SENTENCES:
            chosen.add(r + 1)
    return " ".join(store.sentence_text[r] for r in sorted(chosen))
