"""Split: turn cleaned documents into passages, the unit of retrieval.

One passage per paragraph; a bullet list stays whole together with the
sentence that introduces it. Each passage keeps its document, its section
heading verbatim, its position and a stable id (a digest of document, section
and text, so editing one paragraph leaves the other ids alone).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .ingest import Document

BULLET_MARK = "• "
# Sentence ends: . ! ? followed by space and an upper-case letter or a quote.
SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9])")


@dataclass(frozen=True)
class Passage:
    """A retrievable piece of a document."""

    id: str
    document: str
    title: str
    section: str
    position: int
    text: str

    def context_text(self) -> str:
        """What gets embedded and indexed: title and heading give the passage context."""
        if self.section == self.title:
            return f"{self.title}. {self.text}"
        return f"{self.section}. {self.title}. {self.text}"

    def sentence_context(self, sentence: str) -> str:
        """What gets embedded for one sentence: its heading gives it the topic it leans on."""
        return f"{self.section}. {sentence}"

    def sentences(self) -> list[str]:
        """The passage's sentences (each bullet item is one), verbatim."""
        out: list[str] = []
        for line in self.text.split("\n"):
            line = line.removeprefix(BULLET_MARK).strip()
            out.extend(s.strip() for s in SENTENCE_END_RE.split(line) if s.strip())
        return out


def split_documents(documents: list[Document]) -> list[Passage]:
    passages: list[Passage] = []
    for document in documents:
        passages.extend(split_document(document))
    return passages


def split_document(document: Document) -> list[Passage]:
    groups: list[tuple[str, list[str]]] = []
    for block in document.blocks:
        if block.kind == "bullet":
            last = groups[-1] if groups else None
            joinable = last and last[0] == block.section and (
                last[1][-1].startswith(BULLET_MARK) or last[1][-1].rstrip().endswith(":"))
            if joinable:
                last[1].append(BULLET_MARK + block.text)
                continue
            groups.append((block.section, [BULLET_MARK + block.text]))
        else:
            groups.append((block.section, [block.text]))
    return [_passage(document, position, section, "\n".join(lines))
            for position, (section, lines) in enumerate(groups)]


def _passage(document: Document, position: int, section: str, text: str) -> Passage:
    digest = hashlib.sha1(f"{document.name}\0{section}\0{text}".encode()).hexdigest()[:12]
    return Passage(id=digest, document=document.name, title=document.title,
                   section=section, position=position, text=text)
