"""The learnt red-flag check: trained on examples, checked on phrasings it never saw."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from chatbot import safety
from chatbot.core import Chatbot
from chatbot.red_flags import CACHE_FILE, RedFlagModel, fit, training_set

DATA = Path(__file__).parent / "data"


def lines(name: str) -> list[str]:
    return [line.strip() for line in (DATA / name).read_text().splitlines()
            if line.strip() and not line.startswith("#")]


def test_unseen_red_flags_get_the_emergency_message(bot):
    """Sweeps 5, 6 and 7, never trained on: the phrase rules alone caught 20, 25 and 17 of their 30."""
    unseen = lines("unseen_red_flags.txt")
    flags, others = training_set(bot.settings.corpus_dir)
    assert not set(unseen) & set(flags + others)  # really unseen
    missed = [message for message in unseen if bot.ask(message).status != "emergency"]
    assert not missed, missed
    assert any(safety.triage(message).status != "emergency" for message in unseen)  # the rules alone do not


def test_unseen_look_alikes_raise_no_alarm(bot):
    """General questions about symptoms and cases ("is fainting common during injections") are
    not reports: the learnt check does not count for them."""
    alarms = [message for message in lines("unseen_not_red_flags.txt") if bot.ask(message).status == "emergency"]
    assert not alarms, alarms


def test_the_learnt_check_can_be_turned_off_and_picks_the_message(bot):
    message = "my mother's mouth is crooked and she can't hold her cup"  # no phrase rule names it
    assert safety.triage(message).status is None
    assert bot.ask(message).status == "emergency" and bot.settings.emergency_number in bot.ask(message).answer
    off = Chatbot(bot.settings.with_(red_flag_threshold=1.1), bot.store, bot.embedder)
    assert off.ask(message).status != "emergency"
    assert bot.settings.crisis_line in bot.ask("i want to be dead").answer  # self-harm gets the crisis line


def test_the_test_half_of_the_faq_is_not_trained_on(bot):
    import json

    test_half = {json.loads(line)["question"] for line in (bot.settings.corpus_dir / "faq.jsonl").open()
                 if json.loads(line).get("split") == "test"}
    flags, others = training_set(bot.settings.corpus_dir)
    assert test_half and not test_half & set(flags + others)


def test_fit_separates_two_classes():
    rng = np.random.default_rng(0)
    vectors = np.vstack([rng.normal(1, 0.3, (40, 3)), rng.normal(-1, 0.3, (60, 3))])
    labels = np.r_[np.ones(40), np.zeros(60)]
    weights, bias = fit(vectors, labels)
    scores = vectors @ weights + bias
    assert (scores[:40] > 0).all() and (scores[40:] < 0).all()
    assert np.array_equal(fit(vectors, labels)[0], weights)  # deterministic


def test_the_weights_are_kept_until_the_examples_change(tmp_path, embedder, settings):
    first = RedFlagModel.load(settings.corpus_dir, tmp_path, embedder, "built from A")
    assert (tmp_path / CACHE_FILE).is_file()
    calls = []

    class Counting:
        def encode_queries(self, texts):
            calls.append(len(texts))
            return embedder.encode_queries(texts)

    again = RedFlagModel.load(settings.corpus_dir, tmp_path, Counting(), "built from A")
    assert calls == [] and np.array_equal(again.weights, first.weights)
    RedFlagModel.load(settings.corpus_dir, tmp_path, Counting(), "built from B")  # the model or articles changed
    assert calls
