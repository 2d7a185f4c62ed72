"""Ingest: read corpus files, drop page chrome, repair text defects, find headings.

A ``.txt`` file is a web page saved as text: a title line, short heading lines
(title case, no final full stop), paragraphs, ``•`` bullet lists and page
chrome at the end (pagination, "Comments on …", "Leave a Reply", "Gravatar").
A ``.md`` file uses ATX headings (``#``); its first ``#`` heading is the title.
The result is a ``Document``: a title and an ordered list of ``Block``s, each
tagged with the section heading it sits under, verbatim.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CorpusError

DOCUMENT_SUFFIXES = (".txt", ".md")
# Editors' files that live in corpus/ but are not articles.
NOT_DOCUMENTS = {"readme", "glossary", "not_covered"}
# Bump when cleaning or splitting changes, so built indexes become stale.
PIPELINE_VERSION = "3"

BULLET_RE = re.compile(r"^\s*(?:[•·▪◦‣●]|[-*+](?=\s))\s*")
PAGINATION_RE = re.compile(r"^(?:\d+\s+){2,}\d+$|^(?:page\s+)?\d+\s*(?:of\s+\d+)?$", re.I)
# Chrome that starts the comment area: everything from here to the end goes.
CHROME_START_RE = re.compile(r"^(?:\d+\s+)?(?:comments?\s+on\b|leave\s+a\s+reply\b|leave\s+a\s+comment\b|gravatar\b)", re.I)
CHROME_LINE_RE = re.compile(r"^(?:gravatar|share this:?|related posts?:?|read more|previous post|next post)$", re.I)
MD_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
SMALL_WORDS = {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "of",
               "on", "or", "the", "to", "with", "their", "its", "vs", "do", "does", "can", "how"}


@dataclass(frozen=True)
class Block:
    """A paragraph or a bullet item under a section heading."""

    section: str
    kind: str  # "paragraph" | "bullet"
    text: str


@dataclass
class Document:
    """A cleaned corpus document."""

    name: str  # file name relative to the corpus folder
    title: str
    blocks: list[Block] = field(default_factory=list)

    @property
    def sections(self) -> list[str]:
        seen: list[str] = []
        for block in self.blocks:
            if block.section not in seen:
                seen.append(block.section)
        return seen


def corpus_files(corpus_dir: Path) -> list[Path]:
    """The document files of the corpus, in a stable order."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"{corpus_dir}: corpus folder not found")
    files = sorted(p for p in corpus_dir.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
                   and not p.name.startswith(".") and p.stem.lower() not in NOT_DOCUMENTS)
    if not files:
        raise CorpusError(f"{corpus_dir}: no .txt or .md documents in the corpus folder")
    return files


def corpus_hash(corpus_dir: Path) -> str:
    """A digest of every document's name and bytes, plus the pipeline version."""
    digest = hashlib.sha256(f"pipeline:{PIPELINE_VERSION}\n".encode())
    for path in corpus_files(corpus_dir):
        digest.update(path.relative_to(corpus_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def load_corpus(corpus_dir: Path) -> list[Document]:
    return [read_document(path, corpus_dir) for path in corpus_files(corpus_dir)]


def read_document(path: Path, corpus_dir: Path | None = None) -> Document:
    """Read and clean one file; a clear ``CorpusError`` names the file when it cannot."""
    name = path.relative_to(corpus_dir).as_posix() if corpus_dir else path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"{name}: cannot read file ({exc.strerror})") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{name}: not valid UTF-8 text (byte {exc.start}); save it as UTF-8") from exc
    if "\0" in text:
        raise CorpusError(f"{name}: looks like a binary file, not text")
    lines = [clean_line(line) for line in text.splitlines()]
    if path.suffix.lower() == ".md":
        document = parse_markdown(name, lines)
    else:
        document = parse_text(name, lines)
    if not document.blocks:
        raise CorpusError(f"{name}: no readable paragraphs in the file")
    return document


# A capitalised word stuck mid-sentence before a no-break space is the text of a tag or
# link chip saved with the page ("they are Exosomes\u00a0 small in size"): drop it.
STRAY_CHIP_RE = re.compile(r"(?<=[a-z,] )[A-Z][\w-]*\u00a0 (?=[a-z])")


def clean_line(line: str) -> str:
    """Repair text defects: stray chip text, odd spaces, doubled spaces, control characters."""
    line = unicodedata.normalize("NFC", line)
    line = STRAY_CHIP_RE.sub("", line)
    line = "".join(" " if ch in "\u00a0\u2007\u202f\t" else ch for ch in line
                   if ch in "\t" or unicodedata.category(ch)[0] != "C" or ch == "\u200d")
    line = line.replace("\u200b", "")
    return re.sub(r" {2,}", " ", line).strip()


def is_heading(line: str) -> bool:
    """A short title-case line with no final punctuation."""
    if not line or len(line) > 80 or BULLET_RE.match(line) or line[-1] in ".!?:;,\"”'":
        return False
    words = re.findall(r"[A-Za-z][\w'’-]*", line)
    if not words or len(words) > 10 or not line[0].isupper():
        return False
    capitalised = sum(1 for w in words if w[0].isupper() or w.lower() in SMALL_WORDS)
    return capitalised == len(words)


def parse_text(name: str, lines: list[str]) -> Document:
    content = _strip_chrome(lines)
    if not content:
        raise CorpusError(f"{name}: the file is empty")
    title, body = content[0], content[1:]
    document = Document(name=name, title=title)
    section = title
    for para in _paragraphs(body):
        if len(para) == 1 and is_heading(para[0]):
            section = para[0]
            continue
        _add_blocks(document, section, para)
    return document


def parse_markdown(name: str, lines: list[str]) -> Document:
    content = _strip_chrome(lines)
    if not content:
        raise CorpusError(f"{name}: the file is empty")
    title = None
    section = None
    document = Document(name=name, title="")
    pending: list[str] = []

    def flush() -> None:
        if pending:
            for para in _paragraphs(pending):
                _add_blocks(document, section or title or Path(name).stem, para)
            pending.clear()

    for line in content:
        match = MD_HEADING_RE.match(line)
        if match:
            flush()
            heading = _strip_markdown(match.group(2))
            if title is None and len(match.group(1)) == 1:
                title = heading
            else:
                section = heading
            continue
        pending.append(_strip_markdown(line))
    flush()
    document.title = title or Path(name).stem.replace("-", " ").replace("_", " ").title()
    document.blocks = [Block(b.section if b.section != Path(name).stem else document.title, b.kind, b.text)
                       for b in document.blocks]
    return document


def _strip_markdown(line: str) -> str:
    line = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", line)
    line = re.sub(r"(\*\*|__|`)", "", line)
    return re.sub(r"(?<!\w)[*_](\S[^*_]*?)[*_](?!\w)", r"\1", line)


def _strip_chrome(lines: list[str]) -> list[str]:
    kept: list[str] = []
    for line in lines:
        if CHROME_START_RE.match(line):
            break
        if PAGINATION_RE.match(line) or CHROME_LINE_RE.match(line):
            continue
        kept.append(line)
    while kept and not kept[0]:
        kept.pop(0)
    while kept and not kept[-1]:
        kept.pop()
    return kept


def _paragraphs(lines: list[str]) -> list[list[str]]:
    """Group lines into paragraphs separated by blank lines; each bullet stands alone."""
    paras: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if not line or BULLET_RE.match(line):
            if current:
                paras.append(current)
            current = [line] if line else []
            if line:
                paras.append(current)
                current = []
            continue
        current.append(line)
    if current:
        paras.append(current)
    return paras


def _add_blocks(document: Document, section: str, para: list[str]) -> None:
    if BULLET_RE.match(para[0]):
        text = BULLET_RE.sub("", para[0]).strip()
        if text:
            document.blocks.append(Block(section, "bullet", text))
        return
    text = " ".join(para).strip()
    if text:
        document.blocks.append(Block(section, "paragraph", text))
