"""Ingest and split on the real article, and on hand-made files."""

from __future__ import annotations

import re

import pytest

from chatbot.errors import CorpusError
from chatbot.ingest import load_corpus, read_document
from chatbot.split import split_documents

from .conftest import CORPUS

TITLE = "Understanding Exosomes and Their Role in the Human Body"
HEADINGS = [
    "What Are Exosomes", "Where Are Exosomes Found", "Functions of Exosomes", "Exosomes in Medicine",
    "Exosomes in Skin and Hair Treatments", "Benefits of Using Exosomes", "Are Exosomes Safe to Use",
    "Future of Exosomes", "Important Points About Exosomes", "Conclusion",
]
CHROME = re.compile(r"Comments on|Leave a Reply|Gravatar|\b1 2 3 4\b")


@pytest.fixture(scope="module")
def document():
    (doc,) = load_corpus(CORPUS)
    return doc


def test_title_and_every_heading_found_in_order(document):
    assert document.title == TITLE
    assert document.sections == [TITLE, *HEADINGS]


def test_no_chrome_reaches_any_passage(document):
    passages = split_documents([document])
    assert passages
    for passage in passages:
        assert not CHROME.search(passage.text), passage.text
        assert passage.section in [TITLE, *HEADINGS]


def test_text_defects_repaired(document):
    for block in document.blocks:
        assert "  " not in block.text and "\u00a0" not in block.text


def test_bullet_lists_kept_whole_with_their_introduction(document):
    passages = split_documents([document])
    benefits = [p for p in passages if p.section == "Benefits of Using Exosomes"]
    intro = benefits[0].text.split("\n")
    assert intro[0] == "Exosomes have many benefits in health and medical use:"
    assert len(intro) == 6 and all(line.startswith("• ") for line in intro[1:])
    points = [p for p in passages if p.section == "Important Points About Exosomes"]
    assert len(points) == 1 and points[0].text.count("• ") == 6


def test_passages_carry_document_position_and_stable_ids(document):
    first, second = split_documents([document]), split_documents(load_corpus(CORPUS))
    assert [p.id for p in first] == [p.id for p in second]
    assert len({p.id for p in first}) == len(first)
    assert [p.position for p in first] == list(range(len(first)))
    assert first[0].section == TITLE  # text before the first heading belongs to the title


def test_markdown_articles_are_read(tmp_path):
    path = tmp_path / "aftercare.md"
    path.write_text("# Aftercare Notes\n\nIntro text here.\n\n## Washing Your Face\n\nUse a **gentle** cleanser.\n\n"
                    "- Avoid sun\n- Drink water\n", encoding="utf-8")
    doc = read_document(path, tmp_path)
    assert doc.title == "Aftercare Notes"
    assert doc.sections == ["Aftercare Notes", "Washing Your Face"]
    passages = split_documents([doc])
    assert passages[1].text == "Use a gentle cleanser."
    assert passages[2].text == "• Avoid sun\n• Drink water"


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"\xff\xfe\x00bad", "UTF-8"),
    (b"\n\n   \n", "empty"),
])
def test_unreadable_files_get_an_error_naming_the_file(tmp_path, content, message):
    path = tmp_path / "broken.txt"
    path.write_bytes(content)
    with pytest.raises(CorpusError, match=rf"broken\.txt.*{message}"):
        read_document(path, tmp_path)
