"""The labelled FAQ questions as a nearest-neighbour check: real model, real files."""

from __future__ import annotations

import json

import numpy as np

from chatbot.core import Chatbot
from chatbot.examples import CACHE_FILE, Examples


class Counting:
    """The real embedder, counting how many texts it was asked to encode."""

    def __init__(self, embedder) -> None:
        self.embedder = embedder
        self.encoded = 0
        self.texts: list[str] = []

    def encode_queries(self, texts):
        self.encoded += len(texts)
        self.texts.extend(texts)
        return self.embedder.encode_queries(texts)


def write_faq(corpus, rows) -> None:
    (corpus / "faq.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_a_question_worded_like_a_labelled_off_topic_one_is_caught(tmp_path, embedder):
    write_faq(tmp_path, [
        {"question": "are exosomes safe", "split": "tune"},
        {"question": "is exosome therapy covered by insurance", "expect": "out_of_scope", "split": "tune"},
        {"question": "what colour are exosomes", "expect": "out_of_scope", "split": "test"},
    ])
    examples = Examples.load(tmp_path, tmp_path, embedder, "bundled")
    assert examples.questions == ["are exosomes safe", "is exosome therapy covered by insurance"]  # never test
    near = embedder.encode_queries(["is exosome therapy paid for by health plans",
                                    "is exosome therapy safe", "what color are exosomes"])
    assert examples.closest_off_topic(near[0], 0.7) == "is exosome therapy covered by insurance"
    assert examples.closest_off_topic(near[1], 0.7) is None  # closest to an answerable one
    assert examples.closest_off_topic(near[2], 0.7) is None  # like a test question only: not known
    assert examples.closest_off_topic(near[0], 0.99) is None


def test_a_question_worded_like_a_labelled_answerable_one_prefers_its_sections(tmp_path, embedder):
    write_faq(tmp_path, [
        {"question": "why are exosomes good", "sections": ["Benefits of Using Exosomes"], "split": "tune"},
        {"question": "how much do exosomes cost", "expect": "out_of_scope", "split": "tune"},
    ])
    examples = Examples.load(tmp_path, tmp_path, embedder, "bundled")
    near, far = embedder.encode_queries(["why are exosomes so good", "where are exosomes found"])
    assert examples.closest_sections(near) == {"Benefits of Using Exosomes"}
    assert examples.closest_sections(far) == frozenset()
    # A labelled question about what will come decides nothing for one that is not.
    write_faq(tmp_path, [
        {"question": "will exosomes become more common in beauty", "sections": ["Future of Exosomes"], "split": "tune"},
        {"question": "how much do exosomes cost", "expect": "out_of_scope", "split": "tune"},
    ])
    future = Examples.load(tmp_path, tmp_path, embedder, "bundled")
    recent = embedder.encode_queries(["are exosomes a recent thing in beauty"])[0]
    assert future.closest_sections(recent, threshold=0.8) == {"Future of Exosomes"}  # close enough by cosine
    assert future.closest_sections(recent, threshold=0.8, question="are exosomes a recent thing in beauty") == set()
    assert future.closest_sections(recent, threshold=0.8,
                                   question="will exosomes be a big thing in beauty") == {"Future of Exosomes"}
    # Nor does one that is neither about the conclusion nor answered there, for one asking for the conclusion.
    write_faq(tmp_path, [
        {"question": "give me the key points about exosomes", "sections": ["Important Points About Exosomes"],
         "split": "tune"},
        {"question": "what is the article's final word on exosomes", "sections": ["Conclusion"], "split": "tune"},
        {"question": "how much do exosomes cost", "expect": "out_of_scope", "split": "tune"},
    ])
    points = Examples.load(tmp_path, tmp_path, embedder, "bundled")
    asked = "give me the key points and conclusions about exosomes"
    vector = embedder.encode_queries([asked])[0]
    assert points.closest_sections(vector, threshold=0.8) == {"Important Points About Exosomes"}
    assert points.closest_sections(vector, threshold=0.8, question=asked) == set()
    final = embedder.encode_queries(["what is the article's final word on exosomes, its conclusion"])[0]
    assert points.closest_sections(final, threshold=0.8,
                                   question="the article's conclusion on exosomes") == {"Conclusion"}
    # Nor does one asking who helps, for one asking who is helped.
    write_faq(tmp_path, [
        {"question": "who can help with exosome treatment for hair or skin", "sections": ["Conclusion"],
         "split": "tune"},
        {"question": "how much do exosomes cost", "expect": "out_of_scope", "split": "tune"},
    ])
    helper = Examples.load(tmp_path, tmp_path, embedder, "bundled")
    asked = "for whom might exosome hair treatments be helpful"
    vector = embedder.encode_queries([asked])[0]
    assert helper.closest_sections(vector, threshold=0.8) == {"Conclusion"}  # close enough by cosine
    assert helper.closest_sections(vector, threshold=0.8, question=asked) == set()
    examples.left_out = "why are exosomes good"  # evaluation: not its own example
    assert examples.closest_sections(embedder.encode_queries(["why are exosomes good"])[0]) == frozenset()


def test_the_bot_answers_a_rewording_from_the_labelled_section(bot):
    # "what jobs do exosomes do in the body" is labelled Functions; the words alone lead to
    # "they move through the body" (What Are Exosomes).
    question = "what jobs do exosomes have in the body"
    without = Chatbot(bot.settings, bot.store, bot.embedder)
    without.examples = Examples.none()
    assert without.ask(question).sources[0].section == "What Are Exosomes"
    reply = bot.ask(question)
    assert reply.status == "answered" and reply.sources[0].section == "Functions of Exosomes"


def test_the_vectors_are_cached_until_the_questions_change(tmp_path, embedder):
    rows = [{"question": "are exosomes safe", "split": "tune"},
            {"question": "how much do exosomes cost", "expect": "out_of_scope", "split": "tune"}]
    write_faq(tmp_path, rows)
    counting = Counting(embedder)
    first = Examples.load(tmp_path, tmp_path, counting, "bundled")
    again = Examples.load(tmp_path, tmp_path, counting, "bundled")
    assert counting.encoded == 2 and np.array_equal(first.vectors, again.vectors)
    write_faq(tmp_path, [*rows, {"question": "who discovered exosomes", "expect": "out_of_scope", "split": "tune"}])
    assert len(Examples.load(tmp_path, tmp_path, counting, "bundled").questions) == 3 and counting.encoded == 5
    (tmp_path / CACHE_FILE).write_bytes(b"damaged")
    assert len(Examples.load(tmp_path, tmp_path, counting, "bundled").questions) == 3 and counting.encoded == 8
    # A glossary change may change how the questions are searched: encoded again, expanded.
    (tmp_path / "glossary.txt").write_text("price = cost\n", encoding="utf-8")
    Examples.load(tmp_path, tmp_path, counting, "bundled", expand=str.upper)
    assert counting.encoded == 11 and counting.texts[-3:] == ["ARE EXOSOMES SAFE", "HOW MUCH DO EXOSOMES COST",
                                                              "WHO DISCOVERED EXOSOMES"]


def test_no_faq_file_means_no_examples(tmp_path, embedder):
    assert Examples.load(tmp_path, tmp_path, embedder, "bundled").questions == []


def test_an_answerable_labelled_question_about_as_close_leaves_the_decision_to_the_retriever():
    # "are there any medicines carried by exosomes": 0.880 from "are there exosome pills" (off-topic),
    # 0.871 from "could exosomes be used to deliver drugs" (answerable). Unit vectors with those cosines:
    pills, drugs = np.array([1.0, 0.0, 0.0]), np.array([0.0, 1.0, 0.0])
    examples = Examples(["are there exosome pills", "could exosomes be used to deliver drugs"],
                        np.array([True, False]), np.stack([pills, drugs]), [[], ["Exosomes in Medicine"]])

    def asked(to_pills: float, to_drugs: float) -> np.ndarray:
        return np.array([to_pills, to_drugs, np.sqrt(1 - to_pills ** 2 - to_drugs ** 2)])

    assert examples.closest_off_topic(asked(0.600, 0.595), 0.5) is None  # within the margin: either may be
    assert examples.closest_off_topic(asked(0.600, 0.550), 0.5) == "are there exosome pills"
    examples.left_out = "could exosomes be used to deliver drugs"  # evaluation: a question never decides itself
    assert examples.closest_off_topic(asked(0.600, 0.595), 0.5) == "are there exosome pills"


def test_the_bot_declines_a_rewording_of_a_labelled_off_topic_question(bot):
    question = "do exosome treatments come with a warranty"
    assert bot.uncovered_topic(question) is None  # no list or rule names it
    reply = bot.ask(question)
    assert reply.status == "out_of_scope" and reply.sources == []
    assert bot.like_off_topic_example(bot.retriever.encode(question)) == "is there a warranty on exosome treatments"
    without = Chatbot(bot.settings.with_(example_threshold=1.1), bot.store, bot.embedder)
    assert without.ask(question).status == "answered"  # the example is what declines it


def test_only_the_tune_half_is_used(bot):
    faq = [json.loads(line) for line in (bot.settings.corpus_dir / "faq.jsonl").read_text().splitlines()]
    test_half = {row["question"] for row in faq if row.get("split") == "test"}
    assert test_half and not test_half & set(bot.examples.questions)
    assert len(bot.examples.questions) == sum(1 for row in faq if row.get("split") == "tune"
                                              and row.get("expect", "answered") in ("answered", "out_of_scope"))


def test_dense_mode_is_the_plain_baseline_without_examples(bot):
    dense = Chatbot(bot.settings.with_(retrieval="dense"), bot.store, bot.embedder)
    assert dense.examples.questions == [] and bot.examples.questions
