"""The chatbot core: opens (or builds) the index once, then answers questions.

``Chatbot.ask`` is the one entry point every adapter uses (CLI, web, eval):
validate the question, triage it for safety, retrieve, decide whether the
corpus covers it, and build the reply with its sources and notice.
"""

from __future__ import annotations

import sys
import unicodedata
from contextlib import contextmanager
from typing import Callable

from . import index as index_store
from . import safety
from .answer import (ANSWERED, EMERGENCY, OUT_OF_SCOPE, OUT_OF_SCOPE_MESSAGE, PERSONAL_ADVICE, Answer, extract,
                     missing_kind, not_covered_message, quoted_first, to_sources)
from .config import Settings
from .errors import BadQuestion, IndexMissing, IndexStale
from .examples import Examples, faq_items
from .ingest import load_corpus
from .red_flags import RedFlagModel
from .retrieve import (Glossary, NotCovered, Retriever, choices, english_words, expansion_key, without_asker,
                       without_purpose, without_where_in_the_article)
from .split import split_documents

Log = Callable[[str], None]

# A question all of whose own words the corpus has needs this part of the plain threshold. On the tune
# half no off-topic question whose words the corpus all has scores under 0.71 (they are declined as
# topics, or by the labelled examples), and no answerable one under 0.31; 0.75 of 0.342 is 0.26.
ALL_WORDS_KNOWN_FACTOR = 0.75


def log_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def clean_question(question: object, max_chars: int) -> str:
    """The question as text we accept, or ``BadQuestion`` with a readable reason."""
    if not isinstance(question, str):
        raise BadQuestion("the question must be text")
    # Control characters carry no meaning in a question; drop them, keep line breaks as spaces.
    text = "".join(" " if ch in "\r\n\t" else ch for ch in question
                   if ch in "\r\n\t" or unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn"))
    text = " ".join(text.split())
    if not text:
        raise BadQuestion("the question is empty")
    if len(text) > max_chars:
        raise BadQuestion(f"the question is too long ({len(text)} characters; at most {max_chars})")
    return text


def check_top_k(top_k: object) -> int:
    if isinstance(top_k, bool) or not isinstance(top_k, int) or not 1 <= top_k <= 20:
        raise BadQuestion("top_k must be a whole number from 1 to 20")
    return top_k


def build_index(settings: Settings, embedder=None, log: Log = log_stderr, progress: bool = False):
    """(Re)build ``index/`` from ``corpus/``."""
    documents = load_corpus(settings.corpus_dir)
    passages = split_documents(documents)
    log(f"read {len(documents)} document(s) from {settings.corpus_dir}: {len(passages)} passages")
    if embedder is None:
        embedder = load_embedder(settings, log)
    built = index_store.build(settings.index_dir, settings.model, settings.corpus_dir, passages, embedder,
                              log=log, progress=progress)
    # Opening the bot makes the labelled questions' vectors (index/examples.npz) and trains the
    # learnt red-flag check (index/red_flags.npz) too.
    log("preparing the labelled questions and the red-flag check")
    examples = Chatbot(settings, index_store.load(settings.index_dir, settings.model, settings.corpus_dir),
                       embedder).examples
    if examples.questions:
        log(f"{len(examples.questions)} labelled questions of {settings.corpus_dir / 'faq.jsonl'} (tune half) ready")
    return built


def load_embedder(settings: Settings, log: Log = log_stderr):
    """The reference embedder (sentence-transformers): builds the index, and is the fallback."""
    from .embed import load_embedder as load

    log(f"loading model {settings.model}")
    return load(settings.model, settings.model_path)


def load_query_encoder(settings: Settings, log: Log = log_stderr):
    """The encoder for questions: the fast NumPy path when the model allows, else the reference."""
    if settings.encoder == "fast":
        from .fast_encoder import NumpyBertEmbedder, UnsupportedModel

        try:
            return NumpyBertEmbedder(settings.model, settings.model_path)
        except UnsupportedModel as exc:
            log(f"{exc}; using sentence-transformers")
    return load_embedder(settings, log)


class Chatbot:
    """Answers questions from a loaded index. Create with ``Chatbot.open``."""

    def __init__(self, settings: Settings, store: index_store.StoredIndex, embedder) -> None:
        self.settings = settings
        self.store = store
        self.embedder = embedder
        self.not_covered = NotCovered.load(settings.corpus_dir)
        self.retriever = Retriever(store, embedder, Glossary.load(settings.corpus_dir), mode=settings.retrieval,
                                   english=english_words(settings.model_path), also=frozenset(self.not_covered.words()))
        self.threshold, self.unsupported_threshold = settings.effective_thresholds()
        # Hybrid mode only: dense mode is the plain baseline. The manifest's corpus hash was
        # checked when the index was loaded: no need to read the articles again.
        built_from = f"{store.manifest.model}\n{store.manifest.corpus_hash}"
        labelled = faq_items(settings.corpus_dir)  # read once for both below
        self.examples = (Examples.load(settings.corpus_dir, settings.index_dir, embedder, built_from,
                                       self.retriever.expand, labelled)
                         if settings.retrieval == "hybrid" else Examples.none())
        # Safety, so in either retrieval mode (each its own way of searching a message).
        searched_as = expansion_key(settings.corpus_dir, settings.retrieval)
        self.red_flags = RedFlagModel.load(settings.corpus_dir, settings.index_dir, embedder, built_from,
                                           self.retriever.expand, searched_as, settings.retrieval, labelled)

    @classmethod
    def open(cls, settings: Settings, log: Log = log_stderr, embedder=None) -> "Chatbot":
        """Load the index, building it first when missing or stale (if ``auto_build``)."""
        try:
            index_store.check(settings.index_dir, settings.model, settings.corpus_dir)
        except (IndexMissing, IndexStale) as problem:
            if not settings.auto_build:
                raise
            log(f"{problem.problem}: building it now")
            embedder = embedder or load_embedder(settings, log)
            build_index(settings, embedder, log)
        store = index_store.load(settings.index_dir, settings.model, settings.corpus_dir)
        return cls(settings, store, embedder or load_query_encoder(settings, log))

    def required_score(self, question: str) -> float:
        """The top similarity a question needs to be answered: the stricter threshold when none
        of its own words occur in the corpus ("who discovered exosomes"), a lower one when all of
        them do ("name 2 things a doctor uses to guide a patient", far from every passage to the
        model, which reads a question without "exosomes" as about something else), else the plain one."""
        supported = self.retriever.supported(question)
        if supported is False:
            return self.unsupported_threshold
        if supported and self.retriever.names_only_corpus_words(question):
            return self.threshold * ALL_WORDS_KNOWN_FACTOR
        return self.threshold

    def uncovered_topic(self, question: str) -> str | None:
        """A topic the corpus is known not to cover: one of the editors' not-covered topics, or
        what the question asks exosomes to work on when the corpus never mentions it ("scars").
        Who exosomes are explained to ("explain exosomes to kids") or who asks what they are ("my kids
        asked what exosomes are") is no topic."""
        if self.retriever.explains_exosomes(question) or self.retriever.asks_what_exosomes_are(question):
            return None
        # "for my beauty therapy course, ...": no question about courses; "my teenager asked how ...": none about age;
        # "which section talks about hair loss": none about sections.
        question = without_where_in_the_article(without_asker(without_purpose(question)))
        stem, options = choices(question)
        if options:
            # A quiz's wrong options are not what is asked ("... a) how the disease spreads b) skin tone"):
            # its stem names the topic, or every option does.
            topics = [self._uncovered(option) for option in options]
            return self._uncovered(stem) or (topics[0] if all(topics) else None)
        return self._uncovered(question)

    def _uncovered(self, question: str) -> str | None:
        only_article_words = self.retriever.names_only_article_words
        # A topic's word typed one letter off is the topic still: "safe wile *pregnent*" (respelt only when
        # the question as typed names no topic).
        return (self.not_covered.match(question, only_article_words)
                or self.not_covered.match(self.retriever.speller.correct(question), only_article_words)
                or self.retriever.unknown_target(question))

    def like_off_topic_example(self, query) -> str | None:
        """The labelled off-topic question this one (``query``: its vector as searched) is
        worded like, if that is the closest labelled question (a threshold above 1, more than
        any cosine, turns this off)."""
        return self.examples.closest_off_topic(query, self.settings.example_threshold)

    def learnt_red_flag(self, query) -> bool:
        """Whether the learnt check calls a message a red flag (``query``: its vector as searched)."""
        return self.red_flags.probability(query) >= self.settings.red_flag_threshold

    @contextmanager
    def leaving_out(self, question: str):
        """Judge ``question`` without its own label (evaluation: a tune question is not its own example)."""
        self.examples.left_out = question
        try:
            yield
        finally:
            self.examples.left_out = None

    def ask(self, question: object, top_k: int | None = None) -> Answer:
        text = clean_question(question, self.settings.max_question_chars)
        k = check_top_k(self.settings.top_k if top_k is None else top_k)
        notice = self.settings.notice
        verdict = safety.triage(text)
        if verdict.status != EMERGENCY:
            query = self.retriever.encode(text)
            # A phrasing the rules did not foresee (the cheap dot product first).
            if self.learnt_red_flag(query) and safety.may_be_report(text):
                verdict = safety.Triage(EMERGENCY, safety.red_flag_kind(text))
        if verdict.status == EMERGENCY:
            return Answer(text, EMERGENCY, safety.emergency_message(verdict.category, self.settings), [], notice, 0.0)
        # A quoted line of the article asks about its section, before any labelled question's; so
        # does a line repeated unquoted.
        # (A section named, "the safety section", is searched first but answers only what it covers.)
        quoted = self.retriever.quoted_sections(text)
        prefer = (quoted or self.retriever.named_sections(text) or self.retriever.echoed_sections(text)
                  or self.examples.closest_sections(query, question=text))
        hits, query, top = self.retriever.search(text, k, prefer=prefer, query=query)
        if verdict.status == PERSONAL_ADVICE:
            general = [h for h in hits if h.dense >= self.threshold]
            return Answer(text, PERSONAL_ADVICE, safety.personal_advice_message(), to_sources(general), notice,
                          round(top, 4))
        caution = self.settings.caution if safety.makes_claim(text) else ""
        topic = self.uncovered_topic(text)
        too_far = top < self.required_score(text) and not (self.retriever.ending_mentions(text) or quoted)
        # A labelled off-topic neighbour ("to whom can I complain about a bad exosome facial") does not
        # decline a question asking whom to consult first: the article's own advice answers that.
        like_off_topic = self.like_off_topic_example(query) and not self.retriever.asks_whom_to_consult(text)
        if topic or too_far or like_off_topic:
            message = not_covered_message(topic) if topic else OUT_OF_SCOPE_MESSAGE
            return Answer(text, OUT_OF_SCOPE, message, [], notice, round(top, 4), caution)
        reply, owner = extract(hits, self.store, lambda rows: self.retriever.sentence_scores(text, query, rows))
        kind = missing_kind(text, reply)
        if kind:  # "how many ..." answered by a sentence without a number is no answer
            return Answer(text, OUT_OF_SCOPE, not_covered_message(kind), [], notice, round(top, 4), caution)
        if safety.makes_claim(reply):
            caution = self.settings.caution
        return Answer(text, ANSWERED, reply, to_sources(quoted_first(hits, owner)), notice, round(top, 4), caution)
