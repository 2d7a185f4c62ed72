"""Answer: the reply object, and the extractive choice of sentences.

An answer never contains generated text about health: it is one to three
sentences quoted verbatim from the best passages, chosen sentence by sentence
by their similarity to the question. Fixed texts (the notice, the caution, the
emergency and refusal messages) come from settings and the safety module.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Callable

import numpy as np

from .index import StoredIndex
from .retrieve import Hit
from .split import BULLET_MARK

ANSWERED = "answered"
OUT_OF_SCOPE = "out_of_scope"
EMERGENCY = "emergency"
PERSONAL_ADVICE = "personal_advice"
STATUSES = (ANSWERED, OUT_OF_SCOPE, EMERGENCY, PERSONAL_ADVICE)

OUT_OF_SCOPE_MESSAGE = ("Sorry, the article I answer from does not cover that, so I can't answer it. "
                        "You can ask about what exosomes are, where they are found, what they do, their use in "
                        "medicine, skin and hair treatments, and their safety.")
MAX_SENTENCES = 3
# Sentences scoring within this of the best one join the answer.
WINDOW = 0.08


# A question that asks for an amount or a time is only answered by a sentence that gives one.
ANSWER_KINDS = [
    # Not "how many benefits are there", "how many body fluids are exosomes found in" nor "how many ways are
    # exosomes used in skincare": the list itself answers, counted or not (the article's lists of benefits
    # and points whatever the verb).
    # Nor "how much certainty does the text give about safety": how sure the article is, said in its words.
    ("amounts or numbers", re.compile(r"^(?:so |and |ok |okay )?how (?:much(?! (?:certainty|confidence|doubt|"
                                      r"uncertainty|emphasis|weight)\b)|many(?! (?:\w+ )?(?:benefits|points|"
                                      r"bullet points)\b)(?! (?:\w+ )?(?:functions|fluids|places|uses|diseases|"
                                      r"reasons|ways|types|kinds|sorts|signals)\b.{0,40}\b(?:list|lists|listed|name|"
                                      r"names|named|mention|mentions|mentioned|give|gives|given|found|contain|contains|"
                                      r"hold|holds|carry|carries|used|transfer|transfers|send|sends)\b))\b"),
     re.compile(r"\d|%|\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
                r"hundreds?|thousands?|millions?|billions?|dozens?|half|percent)\b")),
    ("how long or how often things take", re.compile(r"^(?:so |and |ok |okay )?(?:how long|how soon|how often|"
                                                     r"what year|when (?:did|was|were|will))\b"),
     re.compile(r"\d|\b(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centur(y|ies)|daily|weekly|"
                r"monthly|yearly|once|twice)\b")),
    ("speeds and distances", re.compile(r"^(?:so |and |ok |okay )?how (?:fast|quickly|far|deep)\b"),
     re.compile(r"\d|\b(seconds?|minutes?|hours?|days?|millimet\w*|centimet\w*|met(er|re)s?|inch(es)?|layers?|"
                r"speed|per)\b")),
]


CLAUSE_BREAK = re.compile(r"\s*(?:[,;:.!?]|\s-+)\s+")


def missing_kind(question: str, reply: str) -> str | None:
    """What the question asks for ("amounts or numbers") when the reply does not give it."""
    # ... asked first or after what the writer says first ("since exosomes reverse ageing, how many years ...").
    asked = question.lower()
    clauses = [asked, *CLAUSE_BREAK.split(asked)[1:]]
    for kind, asks, gives in ANSWER_KINDS:
        if any(asks.search(clause) for clause in clauses) and not gives.search(reply.lower()):
            return kind
    return None


def not_covered_message(topic: str) -> str:
    return (f"Sorry, the article I answer from does not cover {topic}, so I can't answer that. "
            "A qualified doctor or the clinic can tell you more.")


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


def extract(hits: list[Hit], store: StoredIndex, score: Callable[[list[int]], np.ndarray]) -> tuple[str, int]:
    """The one to three sentences that answer the question, verbatim, and the passage they come from.

    ``score`` rates the given sentence rows (indexes into the store's sentences). The
    sentences come from the best section: the best passage and any other retrieved passage
    of the same section (a section's lead paragraph often answers best); the answer stays
    within one passage. On the tuning half, letting a passage of another section supply
    the sentence picked the wrong section more often than the right one.
    """
    if not hits:
        return "", -1
    top = hits[0].passage
    candidates = {h.index for h in hits if (h.passage.document, h.passage.section) == (top.document, top.section)}
    pool = [i for i, owner in enumerate(store.sentence_owner) if owner in candidates]
    pool_score = dict(zip(pool, score(pool).tolist()))
    owner = store.sentence_owner[max(pool, key=pool_score.__getitem__)]
    score_of = {r: v for r, v in pool_score.items() if store.sentence_owner[r] == owner}
    order = sorted(score_of, key=lambda r: -score_of[r])
    best_score = score_of[order[0]]
    chosen = {order[0]}
    for r in order[1:]:
        if score_of[r] >= best_score - WINDOW and len(chosen) < MAX_SENTENCES:
            chosen.add(r)
    # Give a dependent sentence ("They are used in ...") the sentence it refers back to.
    for r in sorted(chosen):
        if DEPENDENT_START.match(store.sentence_text[r]) and r - 1 in score_of and r - 1 not in chosen \
                and len(chosen) < MAX_SENTENCES:
            chosen.add(r - 1)
    # Keep a claim with the caveat or the list that follows it ("generally safe ... However, ...").
    for r in sorted(chosen):
        if r + 1 in score_of and r + 1 not in chosen and QUALIFIER_START.match(store.sentence_text[r + 1]) \
                and len(chosen) < MAX_SENTENCES:
            chosen.add(r + 1)
    # A list's lead-in ("... medical use:") runs on into its first item: quote them together, so
    # the quote stays one verbatim run (the weakest other sentence makes room when the answer is full).
    for r in sorted(chosen):
        if store.sentence_text[r].endswith(":") and r + 1 not in chosen and r + 1 in score_of:
            if len(chosen) >= MAX_SENTENCES:
                chosen.discard(min(chosen - {r}, key=score_of.__getitem__))
            chosen.add(r + 1)
    # Keep list items as the list they are, so the answer stays verbatim: "use:\n• They are natural ..."
    passage = store.passages[owner].text
    parts = []
    for r in sorted(chosen):
        sentence = store.sentence_text[r]
        if BULLET_MARK + sentence in passage:
            parts.append(("\n" if parts else "") + BULLET_MARK + sentence)
        else:
            parts.append((" " if parts else "") + sentence)
    return "".join(parts), owner


def quoted_first(hits: list[Hit], owner: int) -> list[Hit]:
    """The sources with the passage the answer quotes first (it is of the best section)."""
    return sorted(hits, key=lambda h: h.index != owner)
