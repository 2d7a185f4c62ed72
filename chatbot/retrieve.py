"""Retrieve: find the passages closest to a question.

Dense cosine similarity (FAISS) fused with BM25 lexical scores, after
expanding the question with the editors' glossary of lay terms
(``corpus/glossary.txt``: ``lay words = article words``). The fused score ranks;
the best cosine of any passage or sentence is what the abstention threshold reads.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import pairwise
from pathlib import Path

import numpy as np

from .errors import CorpusError
from .index import StoredIndex
from .split import Passage
from .words import CHAT_FILLERS, CHAT_SPEAK, slashes_read, without_dictation, without_emoji, written_out

# What ``Retriever.expand`` makes of a question is decided by this module and ``words.py``: the
# labelled questions' vectors (index/examples.npz) are of their expansions, and are made again
# whenever either file changes (a version number to raise by hand was forgotten more than once).
EXPANSION_CODE = (Path(__file__), Path(__file__).with_name("words.py"))
GLOSSARY_FILE = "glossary.txt"
NOT_COVERED_FILE = "not_covered.txt"
# Chosen on the tuning half of corpus/faq.jsonl (see README, "Retrieval quality").
LEXICAL_WEIGHT = 0.15
# Weight of the passage's best sentence (cosine) in its score.
SENTENCE_WEIGHT = 0.2
# Added to the passages of preferred sections (those a labelled question worded the same way
# is answered from): enough to rank them first; among them the usual scores decide.
PREFERRED_BONUS = 1.0
# Weight of word overlap beside cosine when choosing the answer's sentences.
SENTENCE_OVERLAP_WEIGHT = 0.2


@dataclass(frozen=True)
class Hit:
    """One retrieved passage with its scores."""

    passage: Passage
    score: float  # fused score used for ranking
    dense: float  # cosine similarity of question and passage
    lexical: float  # BM25 score scaled to 0..1 over the corpus for this question
    index: int  # position in the stored passages


def expansion_key(corpus_dir: Path, mode: str = "hybrid") -> str:
    """What a question's expansion depends on besides the question: the retrieval mode, the
    way of expanding (the code in ``EXPANSION_CODE``) and the glossary. Vectors of expanded
    questions kept on disk are made again when it changes."""
    glossary = corpus_dir / GLOSSARY_FILE
    return "\n".join([mode, _expansion_code(), glossary.read_text(encoding="utf-8") if glossary.is_file() else ""])


@lru_cache(maxsize=1)
def _expansion_code() -> str:
    """The digest of ``EXPANSION_CODE``: read once, as the code does not change while it runs."""
    return hashlib.sha256(b"".join(path.read_bytes() for path in EXPANSION_CODE)).hexdigest()


def _entries(path: Path, separator: str, form: str) -> list[tuple[str, list[str]]]:
    """Lines ``left SEP comma, separated, terms`` of an editors' file (``#`` starts a comment)."""
    if not path.exists():
        return []
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if separator not in line:
            raise CorpusError(f"{path}:{number}: expected '{form}'")
        left, right = line.split(separator, 1)
        terms = [t.strip() for t in right.split(",") if t.strip()]
        if left.strip() and terms:
            entries.append((left.strip(), terms))
    return entries


# What the article is about: a glossary entry that gives only this names it ("EVs = exosomes").
THE_SUBJECT = "exosomes"


def _words(text: str) -> str:
    """Text as ' word word ' for whole-word, case-insensitive phrase matching."""
    return " " + re.sub(r"[^\w']+", " ", text.lower()) + " "


@lru_cache(maxsize=4)
def _article_words(text: str) -> str:
    """``_words`` of an article text, kept: the retriever passes the same corpus text for every question."""
    return _words(text)


def _phrase(term: str) -> str:
    """An editor's term as ``_words`` writes text: "plant-based" -> "plant based", "tl;dr" -> "tl dr"."""
    return " ".join(_words(term).split())


# An editor's term that waives a not-covered topic for a question naming only what the article has.
ONLY_ARTICLE_WORDS = "unless only article words"


class NotCovered:
    """Topics the corpus does not cover (``corpus/not_covered.txt``: ``topic: word, word``).

    A term written ``unless words`` is an exception: a question with those words is not
    about the topic ("compared", unless "side effects": the article says exosomes may
    reduce the side effects of treatments). The term ``unless only article words`` waives the
    topic for a question whose other words are all the article's ("blood vs saliva - which has
    exosomes" compares two things the article covers)."""

    def __init__(self, topics: list[tuple[str, list[str]]]) -> None:
        self.topics = [(name, [_phrase(t) for t in terms if not _is_exception(t)],
                        [_phrase(t.split(None, 1)[1]) for t in terms if _is_exception(t) and t != ONLY_ARTICLE_WORDS])
                       for name, terms in topics]
        self.waived = {name for name, terms in topics if ONLY_ARTICLE_WORDS in terms}

    @classmethod
    def load(cls, corpus_dir: Path) -> "NotCovered":
        return cls(_entries(corpus_dir / NOT_COVERED_FILE, ":", "topic: word, word"))

    def words(self) -> set[str]:
        """Every single word of the topics' terms: what a typo may stand for ("pregnent")."""
        return {word for _, terms, _ in self.topics for term in terms for word in term.split()}

    def match(self, question: str, only_article_words=None) -> str | None:
        """The first topic the question asks about, if any (``only_article_words``: whether a text
        names only what the article has, for the topics waived then)."""
        words = _words(question)
        for name, terms, exceptions in self.topics:
            found = [term for term in terms if f" {term} " in words]
            if not found or any(f" {e} " in words for e in exceptions):
                continue
            if name in self.waived and only_article_words is not None:
                rest = words
                for term in found:
                    rest = rest.replace(f" {term} ", " ")
                if only_article_words(rest):
                    continue
            return name
        return None



def _is_exception(term: str) -> bool:
    return term.startswith("unless ") and len(term.split()) > 1


class Glossary:
    """Lay terms and their article equivalents, as editors write them."""

    def __init__(self, entries: list[tuple[list[str], list[str]]]) -> None:
        self.entries = [([_phrase(t) for t in lay if _phrase(t)], article) for lay, article in entries]

    @classmethod
    def load(cls, corpus_dir: Path) -> "Glossary":
        entries = _entries(corpus_dir / GLOSSARY_FILE, "=", "lay words = article words")
        return cls([(left.split(","), article) for left, article in entries])

    def words(self) -> set[str]:
        """Every single word of the lay terms."""
        return {word for lay, _ in self.entries for term in lay for word in term.split()}

    def found(self, text: str) -> set[str]:
        """The lay terms a text contains; of overlapping ones only the longest."""
        lowered = _words(text)
        # Beside "exosomes", a lay name of them names something else ("... exosomes and extracellular vesicles").
        named = "exosom" in lowered
        found = {term for lay, article in self.entries if not (named and article == [THE_SUBJECT])
                 for term in lay if f" {term} " in lowered}
        # The longest term wins: "fewer side effects" is its own entry, not also "side effects".
        return {term for term in found if not any(f" {term} " in f" {other} " for other in found - {term})}

    def expand(self, question: str, article_text: str = "") -> str:
        """The question plus the article words for every lay term it contains.

        Of overlapping terms only the longest counts ("fewer side effects", not also "side
        effects"). A term the question uses as the article does (the term with its next content
        word on either side occurs in ``article_text``: "side effects of treatments") keeps the
        article's meaning and is not expanded.
        """
        lowered = _words(question)
        article = _article_words(article_text) if article_text else ""
        found = self.found(question)
        extra: list[str] = []
        for lay, terms in self.entries:
            used = [term for term in lay if term in found and not _quotes(lowered, term, article)]
            if used and terms == [THE_SUBJECT]:
                # A lay name of exosomes themselves ("those little bubbles", "EVs") stands in their
                # place: beside them, its words would pull to the definition ("vesicles", "particles").
                for term in used:
                    question = re.sub(r"\b" + r"[^\w']+".join(map(re.escape, term.split())) + r"\b",
                                      THE_SUBJECT, question, flags=re.IGNORECASE)
            elif used:
                extra.extend(t for t in terms if t not in extra)
        return f"{question} ({', '.join(extra)})" if extra else question


def _quotes(words: str, term: str, article: str) -> bool:
    """Whether ``words`` uses ``term`` in a phrase the article has: the term plus the words up to
    its nearest content word on the left or on the right (all texts as ``_words`` gives them)."""
    if not article:
        return False
    tokens = words.split()
    size = len(term.split())
    for start in range(len(tokens) - size + 1):
        if " ".join(tokens[start:start + size]) != term:
            continue
        left = start - 1
        while left >= 0 and tokens[left] in FUNCTION_WORDS:
            left -= 1
        right = start + size
        while right < len(tokens) and tokens[right] in FUNCTION_WORDS:
            right += 1
        phrases = []
        if left >= 0:
            phrases.append(tokens[left:start + size])
        if right < len(tokens):
            phrases.append(tokens[start:right + 1])
        if any(f" {' '.join(p)} " in article for p in phrases):
            return True
    return False


# Words that join content words ("side effects *of* treatments").
FUNCTION_WORDS = {"a", "an", "the", "of", "in", "on", "to", "for", "and", "or", "with", "by", "from", "at", "as"}


COMMON = {"what", "are", "you", "your", "why", "about", "how", "when", "where", "which", "who", "does", "can",
          "could", "would", "should", "will", "the", "and", "for", "with", "from", "that", "this", "they", "them",
          "have", "has", "had", "was", "were", "been", "is", "it", "my", "me", "do", "did", "get", "got"}


def english_words(model_dir: str) -> frozenset[str]:
    """The whole English words of a model's WordPiece vocabulary (``vocab.txt``), if it has one.

    A real word is no typo: without this, "injection" was "corrected" to the article's
    "infection" and "article" to "particles".
    """
    path = Path(model_dir) / "vocab.txt"
    if not path.is_file():
        return frozenset()
    return frozenset(w for w in path.read_text(encoding="utf-8").split() if w.isalpha() and w.islower())


class Speller:
    """Fixes typos and chat-speak against the corpus's own words ("exosmes" -> "exosomes", "r" -> "are")
    and, one edit away, the glossary's ("wrinkels" -> "wrinkles")."""

    def __init__(self, texts: list[str], known: set[str] = frozenset(), stem=None,
                 also: set[str] = frozenset()) -> None:
        # ``also``: words a typo one edit away may be of besides the corpus's, e.g. the glossary's lay
        # words ("wrinkels" -> "wrinkles", which the glossary then turns into the article's "fine
        # lines"); farther guesses at them found real words ("impotence" -> "importance").
        words = {w for t in texts for w in re.findall(r"[a-z]{4,}", t.lower())}
        self.vocabulary = sorted(words)
        self._also = sorted({w for t in also for w in re.findall(r"[a-z]{4,}", t.lower())} - words)
        words |= set(self._also)
        self._known = words | COMMON | set(known)
        # A doubled letter typed once ("cary", "blod", "cels") is the commonest typo, and short words
        # escape the closeness check below; of the article's words only "carry" loses a letter to an
        # English word ("cary", a name), which a question about exosomes does not mean.
        undoubled = ((word[:i] + word[i + 1:], word) for word in words if len(word) >= 5
                     for i in range(len(word) - 1) if word[i] == word[i + 1])
        self._undoubled = {typo: word for typo, word in undoubled if typo not in words}
        # Another form of a known word ("conditions" for "condition") is no typo: stemming matches it.
        self._stem = stem

    @cached_property
    def _five_letter_words(self) -> set[str]:
        """What a four-letter typo a letter short may stand for: made on first need."""
        return {w for w in self.vocabulary if len(w) == 5}

    @cached_property
    def _stems(self) -> set[str]:
        """Stems of every known word: made on first need (tens of ms for the English words),
        which a one-off ``ask`` without an unknown word never has."""
        return {self._stem(w) for w in self._known} if self._stem else set()

    def corrections(self, question: str) -> list[str]:
        """The words the question's typos and chat-speak stand for, each once."""
        fixes: list[str] = []
        for word in re.findall(r"[a-z0-9]+", question.lower()):
            fix = CHAT_SPEAK.get(word) or self._fix(word)
            if fix and (word in CHAT_SPEAK or fix not in fixes):
                fixes.append(fix)
        return fixes

    def correct(self, text: str) -> str:
        """The text with each typo one edit from the word it stands for replaced by it ("whats the futur
        of exosomes" -> "whats the future of exosomes"): the model then reads the question meant, not
        a word it splits into pieces. A farther guess may be a real word the model's vocabulary lacks
        ("impotence" is no "importance"), so it is only added to the question (``corrections``);
        chat-speak is ``written_out``'s."""
        def fixed(word: re.Match) -> str:
            lowered = word.group().lower()
            fix = self._fix(lowered)
            return fix if fix and _one_edit(lowered, fix) else word.group()

        return re.sub(r"(?<![\w'])[a-z]+(?![\w'])", fixed, text, flags=re.IGNORECASE)

    def _fix(self, word: str) -> str | None:
        """The word a lower-case typo stands for, or None."""
        import difflib

        if word in self._undoubled:
            return self._undoubled[word]
        if not word.isalpha() or word in self._known:
            return None
        if len(word) == 4:
            # A short word escapes the closeness check; a letter it dropped ("erly", "lins") it does not.
            longer = {w for w in self._five_letter_words if _one_edit(word, w)}
            return longer.pop() if len(longer) == 1 else None
        if len(word) < 5:
            return None
        # Spelt as it sounds: "infecshun" is "infection", "fucher" "future".
        for sound, spelling in SOUND_SPELLINGS:
            if sound in word:
                respelt = difflib.get_close_matches(word.replace(sound, spelling), self.vocabulary, n=1, cutoff=0.84)
                if respelt:
                    return respelt[0]
        close = difflib.get_close_matches(word, self.vocabulary, n=3, cutoff=0.84)
        stem = self._stem(word) if self._stem else None
        if stem in self._stems:
            # Another form of a known word ("conditions" for "condition") is no typo, unless it is a
            # letter short of one with its stem ("futur": the stemmer's "future", not the model's).
            return next((fix for fix in close if _one_edit(word, fix) and self._stem(fix) == stem), None)
        if close:
            return close[0]
        return next((fix for fix in difflib.get_close_matches(word, self._also, n=3, cutoff=0.84)
                     if _one_edit(word, fix)), None)


# How English spells a sound that a typist writes as it sounds: "-shun" for "-tion", "-cher" for "-ture",
# "-are" for "-air" ("repare").
SOUND_SPELLINGS = [("shun", "tion"), ("shon", "tion"), ("chun", "tion"), ("cher", "ture"), ("chur", "ture"),
                   ("are", "air")]


def _one_edit(word: str, other: str) -> bool:
    """Whether two words differ by one letter added, dropped or changed, or two neighbours swapped."""
    if abs(len(word) - len(other)) > 1:
        return False
    if len(word) == len(other):
        diff = [i for i, (a, b) in enumerate(zip(word, other)) if a != b]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and word[diff[0]] == other[diff[1]] and word[diff[1]] == other[diff[0]])
    short, long = sorted((word, other), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


# "Do exosomes help with X?", "exosomes for X", "can exosomes cure X": X is what the question
# wants them to work on. Words that end X: prepositions and joining words ("dark circles *under* the eyes"),
# and when ("breathing diseases *one day*").
_TARGET_END = (r"(?=\s+(?:in|on|around|under|after|before|from|at|during|and|or|if|when|because|like|as|than|"
               r"without|by|near|since|while|for|with|to|you|they|we|i|it|that|which|who|according|one day|some ?day|"
               r"is|are|was|were|has|have|will)\b"  # "use in *cosmetics* is dying out"
               r"|\s*[?.!,;]|\s*$)")
_TARGET_PHRASE = r"(?:the |my |your |a |an |people with |someone with |those with )?(?P<{}>[a-z'-]+(?: [a-z'-]+){{0,3}}?)"
TARGET = re.compile(
    r"\b(?:help|helps|helping|work|works|good|effective|useful|used|use|treat|treats|treating|cure|cures|fix|fixes|"
    r"reverse|reverses|improve|improves|prevent|prevents|heal|heals|remove|removes|reduce|reduces|get rid of|do|does|"
    r"safe|safer|suitable|ok|okay|done|applied|put|injected|given|better|best|offered|available|sold)"
    r"\s+(?:with|for|on|against|during)\s+" + _TARGET_PHRASE.format("after_verb") + _TARGET_END
    + r"|\b(?:used|use)\s+in\s+" + _TARGET_PHRASE.format("used_in") + _TARGET_END
    + r"|\bexosomes?\s+(?:\w+\s+)?helps?\s+(?:you|me|people|someone|patients)\s+(?:to\s+|with\s+)?"
    + _TARGET_PHRASE.format("help_to") + _TARGET_END
    + r"|\bexosomes?\s+(?:treatments?\s+|therap(?:y|ies)\s+|facials?\s+|injections?\s+|serums?\s+)?for\s+"
    + _TARGET_PHRASE.format("after_for") + _TARGET_END
    + r"|\b(?:can|could|will|would|do|does)\s+exosomes?\s+(?:\w+\s+)?(?:treat|cure|fix|reverse|prevent|remove|reduce|"
    r"heal|get rid of|clear up|repair|rebuild|regrow|restore|regenerate|improve|boost|enhance|increase)\s+"
    + _TARGET_PHRASE.format("after_cure") + _TARGET_END
    + r"|\beffects?\s+on\s+" + _TARGET_PHRASE.format("effects_on") + _TARGET_END
    # What they are made from: "made from *blood donations*".
    + r"|\b(?:made|derived|harvested|sourced|extracted)\s+from\s+" + _TARGET_PHRASE.format("made_from") + _TARGET_END
    # "do exosomes help muscle recovery", "help women with thinning hair" (who is helped is not the target)
    + r"|\bhelps?\s+(?!(?:with|for|on|against|in|to|you|me|us|them|him|her|people|someone|patients|doctors|"
    r"scientists|researchers|cells|the body|where|when|whenever|if|because|so|as|and|or|than|by|at|after|before|"
    r"during|while|once|even|anyone|everyone)\b)(?:[a-z']+ with )?" + _TARGET_PHRASE.format("help_object") + _TARGET_END
    # What they might cause: "can exosome injections cause *swelling*" (the article names infection and immune response)
    + r"|\b(?:cause|causes|trigger|triggers|lead to|leads to)\s+(?:an? |any |some )?"
    + _TARGET_PHRASE.format("caused") + _TARGET_END)
# What has a role, when that is not exosomes: "the role of the *ESCRT machinery* in ...", "what role does *stress* play".
HAS_A_ROLE = re.compile(
    r"\brole\s+of\s+(?!(?:the\s+)?exosomes?\b|them\b|these\b|those\b)" + _TARGET_PHRASE.format("role_of") + _TARGET_END
    + r"|\bwhat\s+role\s+(?:does|do|did|might|could|can|may)\s+(?!(?:the\s+)?exosomes?\b|they\b|these\b|those\b)"
    + _TARGET_PHRASE.format("plays_role") + r"(?=\s+play\b)")

# "are exosome treatments popular in *korea*", "... legal in *australia*", "allowed during *ramadan*":
# where or when, at the end of a question.
PLACE = re.compile(r"\b(?:in|from|during)\s+(?:the\s+)?(?P<place>[a-z'-]+(?:\s+(?:or|and)\s+[a-z'-]+)?)\s*[?.!]*\s*$")
# ... but "in short", "in general", "(used) in practice" say how, not where or in what.
IN_IDIOMS = {"short", "brief", "general", "detail", "summary", "total", "practice", "theory", "reality", "fact",
             "particular", "essence", "principle", "sum", "end", "meantime", "truth", "turn", "return",
             "shambles", "tatters", "ruins", "pieces"}  # "my hairline is in *shambles*"


# Words of degree, words that only stand for "thing" and words for anyone name nothing: "recover
# *faster*", "sleep *better*", "the immune *system*", "safe for *everyone*", "help where *nothing else* helped",
# "what kind of *place*", "involved in *either*".
NAMES_NOTHING = {"better", "best", "faster", "quicker", "quickly", "sooner", "earlier", "later", "more", "less",
                 "easier", "again", "back", "well", "really", "very", "system", "systems", "stuff", "thing", "things",
                 "way", "ways", "part", "parts", "area", "areas", "everyone", "everybody", "anyone", "anybody", "all",
                 "most", "compared", "nothing", "else", "place", "places", "already", "yet", "anymore", "both",
                 "either", "neither", "today", "usual", "usually", "typical", "typically"}

# Verbs that say what exosomes should do, not to what: "help *find* cancer early", "help *catch* it
# sooner", "help doctors *see* how it spreads"; the people a treatment is for ("hair loss in
# *women*"); the article itself ("mentioned in the *article*"); "a *list* of benefits".
SAYS_HOW = {"find", "see", "learn", "know", "understand", "make", "keep", "get", "stop", "fight", "slow", "speed",
            "boost", "protect", "feel", "look", "happen", "happens", "matter", "matters", "say", "said", "mentioned",
            "contain", "contains",
            "catch", "spot", "nab", "prevent", "clear", "fade", "ease", "calm", "soothe", "beat", "tackle", "combat",
            "manage", "control", "restore", "renew", "refresh", "tighten", "firm", "lift", "plump", "brighten",
            "strengthen", "thicken", "list",
            "women", "woman", "men", "man", "adults", "older", "elderly", "seniors", "us",
            "article", "articles", "page", "post", "blog", "text", "piece", "essay"}

# "What temperature ...", "which company ...": the word after "what" names what is asked for.
ASKED_FOR = re.compile(r"^(?:so |and |but |ok |okay )?(?:what|which|whats|what's)\s+"
                       r"(?:kind of |kinds of |type of |types of |sort of )?(?P<asked>[a-z'-]+)\b")
# What has an effect, when a question or claim opens with it ("the *moon* affects hair growth",
# "does *stress* cause inflammation"): the article speaks of what exosomes do, not of other causes.
AGENT = re.compile(r"^(?:(?:so|ok|okay|and|but)\s+)?(?:(?:does|do|can|could|will|would|is it true)\s+(?:that\s+)?)?"
                   r"(?:the\s+|a\s+|an\s+)?(?P<agent>[a-z'-]+)\s+(?:really\s+|actually\s+|even\s+)?"
                   r"(?:affects?|boosts?|causes?|slows?|speeds?\s+up|increases?|damages?|harms?|triggers?)\b")
# Words that follow "what" without naming a thing: "what happens", "what good are they".
NOT_ASKED_FOR = {"happens", "happened", "happen", "good", "might", "must", "else", "exactly", "kind", "type", "sort",
                 "even", "actually", "really", "precisely", "explains", "explain"}  # "what explains their appeal"
# "What (even, on earth) are they", whatever is said around it ("i keep hearing about exosomes on tiktok, ..."),
# asks what exosomes are: the article's first subject, however few of the other words it has.
WHAT_ARE_EXOSOMES = re.compile(r"\b(?:what|wat)\s+(?:even\s+|exactly\s+|really\s+|actually\s+|on earth\s+|"
                               r"in the world\s+|the heck\s+)?(?:is|are|r)\s+"
                               r"(?:they|these|those|exosomes?|an exosome|the exosomes|"
                               r"(?:these|those|the)\s+exosome\s+(?:things?|stuff))\s*"
                               r"(?:(?:exactly|actually|really)\s*)?"
                               # "... everyone is posting about", "... people keep talking about"
                               r"(?:(?:that\s+)?(?:everyone|everybody|people|you|they|i)\s+"
                               r"(?:is\s+|are\s+|am\s+|keeps?\s+)?[a-z]+ing\s+(?:on\s+)?about\s*)?"
                               r"(?:,?\s*(?:then|anyway|again|though|now)\s*)?[?.!]*\s*$")  # "so what are they then"
# "Exosomes are a kind of bacteria, right?", "are exosomes a type of virus": what exosomes are, when
# what they are said to be is no word of the article's (a vesicle is; a peptide is a topic not covered).
KIND_OF = re.compile(r"^(?:so |but |and )?(?:are |aren't |is |isn't )?(?:exosomes?|they) (?:are |is )?(?:a|an|some) "
                     r"(?:kind|type|sort|form) of (?P<what>[a-z' -]+?)(?:,? (?:right|correct|true|yes|aren't they|"
                     r"isn't it|are they|is it|or not))?\s*[?.!]*\s*$")
# Who brought exosomes up is no part of the question: "my skin doctor *mentioned* exosomes, what are they".
HEARD_OF = re.compile(r"\b(?:mention(?:s|ed)?|brought up|brings? up|told me about|tells me about|recommend(?:s|ed)?|"
                      r"suggest(?:s|ed)?|hear(?:d|ing)? (?:about|of)|read about|saw|seen|talking about|going on about|"
                      # ... or found in a product: "the exosome ampoule at the beauty counter - what is an exosome?"
                      r"(?:on|at) the (?:beauty |makeup |skincare )?(?:counter|label|shelf|shelves)|ingredients? list|"
                      r"ampoules?|boosters?|serums?|creams?)\b")

# "Patients ask me what exosomes are. what should i tell them?", "i don't know what an exosome is":
# a question about what exosomes are, reported inside a sentence about something else ("tell me what ...").
# So is what is left of a relayed one ("my mum asked me | what exosomes actually are").
REPORTED_WHAT_ARE = re.compile(r"(?:^\s*|\b(?:ask(?:s|ed|ing)?(?:\s+(?:me|us|him|her|them))?|wonder(?:s|ed|ing)?|"
                               r"know|sure|idea|understand|explain(?:s|ed|ing)?(?:\s+to\s+\w+)?|"
                               r"(?:tell|show|remind)\s+(?:me|us))\s+)"
                               r"what\s+(?:an?\s+)?exosomes?\s+(?:really\s+|actually\s+|exactly\s+|even\s+)?"
                               r"(?:is|are)\b",
                               re.IGNORECASE)

# "Exosomes 101: what they are", "Exosomes - what it is": a headline asking the same.
HEADLINE_WHAT_ARE = re.compile(r"^\s*exosomes?(?:\s+101)?\s*[:\-\u2013\u2014]\s*what\s+(?:they|it)\s+"
                               r"(?:really\s+|actually\s+|exactly\s+)?(?:is|are)\b", re.IGNORECASE)

# "A client asked why ...", "patient wants to know if ...", "customer asks: ...", "my mum asked me what
# ...", "asking for my dad: ...": who asks is context (clinic staff and family relay questions so);
# what is searched is the question asked.
_RELATIVE = (r"(?:mum|mom|mam|mother|dad|father|parents?|husband|wife|partner|spouse|son|daughter|kids?|child|"
             r"children|teen(?:ager)?|grand(?:ad|dad|pa|father|ma|mother|mum|mom|parents?)|gran|granny|nan|nana|"
             r"aunt|auntie|aunty|uncle|sister|brother|sibling|niece|nephew|cousin|neighbou?r|colleague|co-?worker|"
             r"boss|manager|flatmate|roommate|housemate|boyfriend|girlfriend|fianc[e\u00e9]e?|carer|caregiver|"
             r"relative|(?:mother|father|sister|brother|son|daughter)-in-law)")
ASKED_BY = re.compile(
    r"^\s*(?:(?:(?:(?:a|an|my|our|the|one|this)\s+)?(?:patients?|clients?|customers?|callers?|someone|somebody|"
    r"person|lady|man|woman|friend|teacher|professor|lecturer|tutor|instructor|classmate)|"
    r"(?:my|our)\s+(?:[\w-]+'s\s+)?" + _RELATIVE + r")\s+"
    r"(?:(?:here|today|just|also)\s+)?(?:asked|asks|is asking|was asking|are asking|"
    r"keeps asking|keep asking|wants to know|want to know|wanted to know|would like to know|wonders|wondered|"
    r"is wondering|wants|wanted|would like|question|queried|enquired|inquired)(?:\s+(?:me|us))?\s*[:,-]?\s*"
    r"|(?:(?:i'?m\s+)?asking\s+for|on\s+behalf\s+of|for)\s+my\s+(?:[\w-]+'s\s+)?" + _RELATIVE + r"\s*[:,-]\s*)"
    r"(?:(?:about|if|whether)\s+)?", re.IGNORECASE)
# Who the relayed question is about, when it speaks of the one who asked ("my teen asked if she can ...").
_THIRD_PERSON = r"he|she|him|her|his|hers"
THIRD_PERSON = re.compile(r"\b(?:" + _THIRD_PERSON + r")\b", re.IGNORECASE)


def without_asker(question: str) -> str:
    """The question without who relays it ("my teenager asked how exosomes are made" is "how exosomes
    are made"), unless what is left speaks of that person ("... if she is old enough")."""
    rest = ASKED_BY.sub("", question, count=1)
    return question if not rest.strip() or (rest != question and THIRD_PERSON.search(rest)) else rest

# "I don't get how ...", "i'm confused about ...", "... i'm lost": confusion said is how one asks, not what.
_UNDERSTOOD = r"(?:get|understand|follow|see|work out|figure out|grasp)"
_OPENER = r"^\s*(?:(?:honestly|still|sorry|so|ok(?:ay)?|um+|hmm+)\s*,?\s+)?"
CONFUSED = re.compile("|".join([
    (_OPENER + r"(?:i'?m\s+|i am\s+)?(?:still\s+|really\s+|so\s+|a bit\s+|totally\s+|a little\s+)?"
     r"(?:confused|lost|unclear|puzzled)(?:\s+(?:about|on|by|as to)\b|\s*[:,-])\s*"),
    (_OPENER + r"i\s+(?:still\s+|really\s+|just\s+)?(?:don'?t|do not|didn'?t|did not|can'?t|cannot)\s+"
     r"(?:really\s+|quite\s+|fully\s+)?" + _UNDERSTOOD +
     r"\s+(?=(?:how|why|what|where|when|which|who|whether|if|the|this|that|it|about)\b)"),
    r"^\s*(?:i'?m\s+)?not sure i " + _UNDERSTOOD + r"\s+",
    r"[,.;-]?\s*(?:i'?m|i am)\s+(?:so\s+|a bit\s+|totally\s+|still\s+)?(?:lost|confused)\s*[?.!]*\s*$",
]), re.IGNORECASE)

# What a question is for ("for my biology homework:", "... ? it's for a debate", "I'm writing a school
# report,"): a student's errand, not what is asked. Words that also name a medical thing or a
# treatment ("a course", "a test", "the class of") count only after "my" or "our".
_SCHOOLWORK = (r"homework|essays?(?:\s+(?:intro|introduction|conclusion|question))?|assignments?|presentation|revision"
               r"(?:\s+notes)?|quiz|worksheet|citation|dissertation|thesis|bibliography|debate|coursework|"
               r"source\s+list|timeline|(?:school|class|science|biology)\s+(?:project|report|discussion)|lab\s+report")
_MINE_ONLY = r"project|report|class|(?:course\s+)?notes|course|lesson|lecture|exam|test|seminar|paper|studies"
_ERRAND = r"(?:[\w'-]+\s+){0,2}?(?:" + _SCHOOLWORK + "|" + _MINE_ONLY + ")"
PURPOSE = re.compile(r"(?:^|(?<=[,?.!:;\s]))\s*(?:" + "|".join([
    # "for my biology homework:", "it's for a debate", "I need it for my source list", "need it for class"
    (r"(?:(?:it'?s|it\s+is|this\s+is|that'?s|(?:i\s+)?need(?:ed)?\s+(?:it|this|that|to\s+know)|"
     r"i\s+(?:need|have)\s+to\s+\w+\s+(?:it|this|that))\s+)?(?:for|in)\s+"
     r"(?:(?:my|our|a|an|the)\s+(?:[\w'-]+\s+){0,2}?(?:" + _SCHOOLWORK + r")|(?:my|our)\s+" + _ERRAND
     + r"|school|class)"),
    # "homework question:", "question 3 on my worksheet:"
    r"(?:homework|assignment|quiz|worksheet|exam)\s+question(?:\s+\d+)?|question\s+\d+\s+on\s+my\s+\w+",
    # "I'm writing a school report,", "we have a quiz tomorrow,", "my science project is on exosomes,"
    r"i'?m\s+(?:writing|doing|working\s+on)\s+(?:an?|my)\s+" + _ERRAND + r"(?:\s+(?:on|about)\s+exosomes)?",
    (r"(?:we|i)\s+have\s+(?:an?|my|our)\s+" + _ERRAND
     + r"(?:\s+(?:tomorrow|today|tonight|next\s+week|on\s+\w+day))?"),
    r"my\s+" + _ERRAND + r"\s+is\s+(?:on|about)\s+exosomes",
    # "my homework says ...", "my cosmetology homework asks what ..."
    r"my\s+(?:[\w'-]+\s+)?(?:homework|worksheet|assignment|textbook|quiz)\s+(?:says|said|asks|asked)",
]) + r")\b\s*[,:;-]?", re.IGNORECASE)


# How many words in a row of an article line a question repeats, unquoted, to ask about that line.
ECHO_WORDS = 5

# A quoted line: straight or curly double quotes.
QUOTED = re.compile(r'["\u201c\u201d\u201e]([^"\u201c\u201d\u201e]{3,300})["\u201c\u201d]')


# How the writer feels, said before the question ("i'm nervous, ...", "worried i missed something - ..."):
# not what is asked. Not a worry about something ("worried about the cost, how much is it"), which
# may be the topic, unless the writer says the question is another ("scared of needles but curious, ...").
FEELING = re.compile(
    r"^\s*(?:i'?m\s+|i am\s+|i feel\s+|feeling\s+)?(?:so\s+|really\s+|very\s+|a bit\s+|a little\s+|quite\s+|"
    r"kind of\s+|kinda\s+)?(?:nervous|anxious|worried|scared|terrified|afraid|frightened|stressed|uneasy|panicking|"
    r"freaking out)(?:\s+a bit)?"
    r"(?:\s+(?:that\s+)?i(?:'ve| have)?\s+(?:missed|forgotten|forgot|misunderstood)\s+(?:something|anything)"
    r"|\s+(?:of|about)\s+[a-z' ]{1,30}?\s+but\s+(?:curious|interested|wondering|keen to know))?"
    r"\s*[,;:.!-]+\s*(?=\S)", re.IGNORECASE)


# Impatience, said before or after the question ("ugh, ...", "for the last time, ...", "sick of vague
# answers - ...", "... , just answer!!", "... be honest", "... . quickly."), and sarcasm said after it
# ("..., I can't wait", "... ? how convenient"): asks nothing.
# ... at either end of it:
_IMPATIENT_EITHER_END = (
    r"for\s+the\s+(?:last|third|fourth|fifth|hundredth|millionth|\d+(?:st|nd|rd|th))\s+time|"
    r"(?:this\s+is\s+)?(?:the\s+)?(?:second|third|fourth|fifth)\s+time\s+(?:i'?m\s+|i\s+am\s+)?asking|"
    r"i(?:'ve|\s+have)\s+(?:already\s+)?asked\s+(?:this\s+)?(?:twice|three\s+times|\w+\s+times|already|before)|"
    r"i\s+keep\s+asking(?:\s+and\s+(?:getting|get)\s+nothing)?|"
    r"(?:i'?m\s+|i\s+am\s+)?(?:so\s+)?(?:sick|tired|fed\s+up)\s+(?:of|with)\s+(?:vague|non|wishy[\s-]washy|"
    r"useless)[\s-]*answers|(?:my\s+)?patience\s+is\s+(?:gone|wearing\s+thin|running\s+out)|"
    r"stop\s+(?:dodging|stalling|avoiding\s+(?:the|my)\s+question)|"
    r"(?:no\s*one|nobody)\s+(?:will\s+)?(?:give|gives|tell|tells)\s+me\s+a\s+straight\s+answer")
_IMPATIENT_OPENING = r"ugh+|argh+|seriously|come\s+on|ok(?:ay)?\s+fine|fine|" + _IMPATIENT_EITHER_END
_IMPATIENT_CLOSING = (
    r"just\s+(?:answer(?:\s+(?:me|it|the\s+question))?|say\s+it)|(?:and\s+)?be\s+(?:honest|straight)(?:\s+with\s+me)?|"
    r"tell\s+me\s+straight|no\s+(?:hedging|waffle|waffling|excuses|dodging)|"
    r"(?:don'?t|do\s+not)\s+sugar[\s-]?coat\s+it|i\s+(?:don'?t|do\s+not)\s+have\s+all\s+day|"
    r"(?:explain[.!]*\s+)?(?:quickly|quick|now|asap|right\s+now|hurry(?:\s+up)?)|"
    r"(?:no\s*one|nobody)\s+(?:ever\s+)?answers\s+this|seriously|ugh+|"
    r"i\s+(?:can'?t|cannot)\s+wait|how\s+(?:convenient|original|cute|adorable|poetic|mystical|surprising)|"
    r"what\s+a\s+(?:surprise|shock|shocker)|shocker|i\s+bet|i'?m\s+sure|of\s+course|naturally|obviously|"
    + _IMPATIENT_EITHER_END)
IMPATIENCE = re.compile(
    r"^\s*(?:(?:" + _IMPATIENT_OPENING + r")\s*[,;:.!?-]+\s*)+(?=\S)"  # "ugh, for the last time, ..."
    r"|(?<=[\w?!.,;:)-])\s*(?P<stop>[,;:.!?-]+)\s*(?:(?:" + _IMPATIENT_CLOSING + r")\s*[,;:.!?-]*\s*)+$", re.IGNORECASE)


# Who a claim was heard from, said before it ("my friend reckons ...", "an influencer said ...",
# "heard that ..."): the claim is what is asked, not its source. Not the article's own words ("the
# conclusion says ..."), nor hearing *about* something ("i keep hearing about exosomes on tiktok").
_SOURCE = (r"(?:(?:my|a|an|the|some|one|our|this)\s+(?!(?:article|page|text|passage|section|paragraph|summary|"
           r"conclusion|intro|introduction|bot|chatbot)\b)|(?:someone|somebody|people|everyone|everybody)\s+)"
           r"(?:[\w'-]+\s+){0,3}?")
HEARSAY = re.compile(
    r"^\s*(?:(?:i\s+|i'?ve\s+|i have\s+)?(?:heard|read(?!\s+(?:your|the|this|my|an?)\b))(?!\s+(?:about|of)\b)"
    r"(?:\s+(?:online|somewhere|on\s+\w+))?(?:\s+that)?"
    r"|(?:apparently|rumou?r\s+has\s+it)(?:\s+that)?\s*,?"
    r"|" + _SOURCE + r"(?:said|says|claims|claimed|reckons|swears|swore|insists|insisted|thinks|believes|"
    r"told\s+me|tells\s+me|keeps?\s+saying|read|heard|mentioned|wrote|posted)(?:\s+that)?)"
    r"\s+(?!about\b|of\b)(?=\S)", re.IGNORECASE)


# Courtesy words of other languages a patient mixes in ("hola, what are exosomes? gracias", "what do they carry,
# por favor", "are they safe, verdad?"): a greeting, a thanks or please, whom it is said to, a tag question.
_FOREIGN_HELLO = r"hola|buenos\s+d[ií]as|ciao|bonjour|salut|hallo|namaste|oye"
_FOREIGN_COURTESY = (r"(?:muchas\s+)?gracias|merci(?:\s+beaucoup)?|danke(?:\s+sch(?:ö|oe?)n)?|vielen\s+dank|"
                     r"grazie(?:\s+mille)?|obrigad[oa]|arigat[oō]u?|por\s+favor|bitte|kudasai|amig[oa]|hermano|"
                     r"verdad|s[ií](?:\s+o\s+no)?|oui|ja(?:\s+oder\s+nein)?|bueno|que\s+onda|qu[eé]\s+es\s+eso")
# A letter's greeting and sign-off, and who the writer introduces themselves as ("Dear team, ...
# Kind regards, Margaret", "as a retired nurse I wonder ...", "I'm a nurse, ..."): no question, and the name no word
# the article has (a question all in unknown words needs the stricter threshold).
GREETING = re.compile(
    r"^\s*(?:(?:dear|hello|hi|hey|hiya|greetings|good\s+(?:morning|afternoon|evening|day)|" + _FOREIGN_HELLO + r")"
    r"(?:\s+(?:there|team|all|everyone|folks|clinic|doctors?|nurses?|sir(?:\s+or\s+madam)?|madam|"
    r"(?:the\s+)?[\w'-]+\s+team))?\s*[,.!:;-]+|to\s+whom\s+it\s+may\s+concern\s*[,.!:;-]*)\s*(?=\S)",
    re.IGNORECASE)
SIGN_OFF = re.compile(
    r"(?<=[?.!,])\s*(?:(?:(?:kind|kindest|best|warm|warmest|many|with)\s+)?(?:regards|thanks|wishes)|thank\s+you|"
    r"thanks\s+(?:so\s+much|a\s+lot|in\s+advance)|cheers|sincerely|warmly|best|"
    r"yours(?:\s+(?:sincerely|faithfully|truly))?)"
    r"(?:\s*[,.!-]?\s*(?:(?:mr|mrs|ms|miss|dr|prof)\.?\s+)?[a-z][\w'.-]*(?:\s+[a-z][\w'.-]*)?)?\s*[.!]*\s*$",
    re.IGNORECASE)
FOREIGN_COURTESY = re.compile(r"^\s*(?:" + _FOREIGN_COURTESY + r")\s*[,.!:;-]+\s*(?=\S)"
                              r"|(?<=\S)\s*[,;:.!?-]+\s*(?:(?:" + _FOREIGN_COURTESY + r"|pls|please)[\s,]*)+[?.!]*\s*$",
                              re.IGNORECASE)
INTRODUCTION = re.compile(r"^\s*(?:as|i'?m|i\s+am)\s+an?\s+(?:[\w'-]+\s+){0,2}?[\w'-]+(?:\s*,|\s+(?=i\b))\s*",
                          re.IGNORECASE)


def without_letter(question: str) -> str:
    """The question without a letter's greeting, sign-off and the writer's introduction of themselves."""
    rest = FOREIGN_COURTESY.sub("", SIGN_OFF.sub("", question))
    rest = INTRODUCTION.sub("", GREETING.sub("", rest, count=1), count=1)
    return rest if rest.strip() else question


# How the answer should be given ("in one short sentence please:", "yes or no -", "bullet points
# please:", "explain in simple words", "... in three bullets", "quote me the line about ...", "eli5",
# "like i'm 10", "for a kid: ..."): how the reply reads is the bot's to decide (it quotes one to three
# sentences, as plain as the article); what is asked is the rest.
_YEARS_OLD = r"\d+[\s-]*(?:year|yr)s?[\s-]*old"  # "12 year old", "9-yr-old"
_LENGTH = (r"(?:in|with)\s+(?:under\s+|less\s+than\s+|fewer\s+than\s+)?(?:one|a|\d+|two|three|four|five|ten|a\s+few|"
           r"a\s+couple\s+of)\s+(?:short\s+|simple\s+|single\s+|quick\s+)?(?:sentences?|lines?|words?|bullets?|"
           r"bullet\s+points?)(?:\s+or\s+(?:less|fewer))?")
_FORM = (_LENGTH + "|"
         # ... and how it is counted out: "top 3 places ...", "count them: ...", "the benefits, 1 to 5"
         r"top\s+(?:\d+|three|five|ten)(?=\s+\w)|(?:count|number)\s+them(?:\s+out)?|1\s+to\s+\d+|"
         r"(?:(?:a|one|1|two|2|three|3)[\s-]+)?(?:word|line|sentence|number)\s+answer|"
         r"(?:short|brief|quick|simple|straight|clear|plain|headline)\s+(?:answer|version|reply)(?:\s+only)?|"
         r"(?:(?:a|give\s+me\s+a)\s+)?(?:quick\s+|simple\s+)?(?:yes\s*(?:or|/)\s*no|true\s+or\s+false)"
         r"(?:,?\s+with\s+the\s+line\s+from\s+the\s+article)?|"
         r"(?:quick\s+|a\s+)?one[\s-]liner|one\s+line|bullet\s+points|in\s+bullets|"
         r"(?:in\s+)?plain\s+(?:english|terms|words|language)|in\s+english|en\s+ingl[eé]s|"
         r"in\s+(?:simple|layman'?s|lay|everyday)\s+(?:terms|words|language)|in\s+simple(?:\s+(?:way|english))?|"
         r"no\s+jargon|without\s+(?:the\s+)?(?:fluff|jargon|waffle)|just\s+the\s+facts|short\s+and\s+sweet|"
         r"verbatim|word\s+for\s+word|in\s+full|"
         r"keep\s+it\s+(?:brief|short|simple)|clear\s+and\s+simple|"
         r"(?:explain|tell\s+me)(?:\s+it)?\s+(?:simply|briefly|in\s+simple\s+words|like\s+a\s+textbook)|"
         r"(?:quote|copy|paste|show|give)\s+(?:me\s+)?(?:(?:the\s+)?(?:exact\s+)?"
         r"(?:sentence|line|wording|words|quote|passage)(?:\s+(?:the\s+article|it)\s+uses)?|"
         r"what\s+(?:the|this)\s+(?:article|page|text)\s+(?:says|said))\s+(?:about|on|for|regarding)|"
         # ... explained as to a child: "eli5", "like i'm 10", "in kid language", "for dummies", "dumb it down"
         r"eli5|eli10|(?:explain\s+(?:it\s+)?)?(?:like|as\s+if)\s+(?:i'?m|im|i\s+am|i\s+was|i\s+were)\s+"
         r"(?:five|5|six|6|ten|10|twelve|12|a\s+(?:kid|child|toddler|beginner|" + _YEARS_OLD + r"))|"
         r"in\s+(?:kid|kids'?|child|children'?s?)[\s-]*(?:language|terms|words|speak)|"
         r"kid[\s-]*friendly\s+(?:answer|version|explanation|reply)|for\s+dummies|dumb\s+it\s+down(?:\s+for\s+me)?|"
         r"in\s+baby\s+steps")
# ... and, only opening a question, forms that could end one as what is asked ("is it safe for kids", "are
# exosomes kid-friendly", "how do i explain it to a kid"): "explain to a child how ...", "for a beginner: ...".
_WHO_IT_IS_FOR = (r"(?:a|an|my)\s+(?:total\s+|complete\s+|absolute\s+)?(?:kid|child|toddler|beginner|newbie|"
                  r"non[\s-]?scientist|layperson|lay\s+person|" + _YEARS_OLD + r"|(?:five|ten|twelve)[\s-]*year[\s-]*old)")
_OPENING_FORM = (r"(?:explain|describe|put)(?:\s+(?:it|this|that))?\s+(?:to|for)\s+" + _WHO_IT_IS_FOR + "|"
                 r"(?:super\s+|very\s+|really\s+)?(?:basic|simplified|easy|simple)\s+"
                 r"(?:answer|version|explanation|reply)|"
                 r"(?:explain\s+(?:it\s+)?)?(?:like|as)\s+a\s+story")
# Not "for kids, ..." nor "for a 12 year old, ...": those may ask about children ("... are exosomes safe?").
_OPENING_FORM_AND_STOP = (r"for\s+(?:an?\s+(?:total\s+|complete\s+|absolute\s+)?(?:beginner|newbie|non[\s-]?scientist|"
                          r"layperson|lay\s+person)|beginners|laypeople|lay\s+people|non[\s-]?scientists)|"
                          r"(?:very\s+|put\s+)?simply(?:\s+put)?|plain\s+and\s+simple|(?:a\s+)?simple\s+question")
ANSWER_FORM = re.compile(
    # opening it
    r"^\s*(?:" + _FORM + "|" + _OPENING_FORM + r")(?:\s+(?:please|pls|only))?\s*(?:[:,;.!-]+\s*|\s+(?=\w))"
    r"|^\s*(?:" + _OPENING_FORM_AND_STOP + r")(?:\s+(?:please|pls|only))?\s*[:,;.!-]+\s*"  # opening it, then a stop
    r"|[,;-]?\s*\b(?:" + _FORM + r")(?:\s+(?:please|pls))?\s*(?=[?.!]*\s*$)"  # closing it
    r"|(?<=\s)(?:in|with)\s+(?:one|a|1|two|2|three|3)\s+(?:sentences?|lines?|bullets?)\s+(?=\w)",  # inside it
    re.IGNORECASE)


# A length alone ("in 100 words or less"): with nothing but exosomes besides, it asks what they are, briefly.
SHORT_LENGTH = re.compile(_LENGTH, re.IGNORECASE)

# What may be left of a request that asks for nothing but a form ("bullet points about exosomes").
FORM_ONLY_WORDS = frozenset({"about", "on", "of", "for", "exosome", "exosomes", "the", "me", "us", "give", "please",
                             "some", "a"})


def without_answer_form(question: str) -> str:
    """The question without how its answer should be given (see ``ANSWER_FORM``), unless that is all
    it asks for ("bullet points about exosomes": the form is the summary's); a length and exosomes
    alone ask what they are ("exosomes in 100 words or less")."""
    rest = ANSWER_FORM.sub(" ", question)
    if rest == question:
        return question
    if set(re.findall(r"[a-z']+", rest.lower())) <= FORM_ONLY_WORDS:
        return "what are exosomes" if "exosome" in rest.lower() and SHORT_LENGTH.search(question) else question
    return " ".join(rest.split())


def asks_for_form(question: str) -> bool:
    """Whether a question says how its answer should read, after what it says to the bot ("prove
    you're not making it up - quote me the line about ...")."""
    asked = without_address(question)
    return without_answer_form(asked) != asked


# A backstory before the question ("so i was at the salon last week and the stylist kept going on about
# exosomes. what actually are they?"): what the writer did, read or was told asks nothing, and its
# words ("last week", "a lab", "the clinic near me") are no topic. The last sentence is the question,
# searched alone when it stands alone: it names exosomes (its "they" does, after a story about them)
# or asks for the summary or the conclusion. Not when it leans on the story ("which one works
# better?", "is that normal?", "would they help me?", "what does the article say?"), nor after a
# story that asks or is no one's own ("exosome facials are cheap everywhere. are they worth it?").
_STORY_BREAK = re.compile(r"(?<=[.!:;])\s+(?=\S)")
# ... or after a dash, when the writer says who they are ("I'm a lab technician - why are exosomes easy to collect").
_WHO_I_AM_BREAK = re.compile(r"^\s*(?:i'?m|i\s+am|as\s+an?)\s+[^-.!?:;]{2,60}?\s+-+\s+(?=\S)", re.IGNORECASE)
FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|i'd|my|me|we|we're|we've|our|us)\b", re.IGNORECASE)
LEANS_ON_STORY = re.compile(r"\b(?:it|its|it's|this|that|there|those|(?:which|the)\s+ones?|" + _THIRD_PERSON +
                            r"|both|either|i|i'm|im|i've|me|my|mine|we|us|our)\b", re.IGNORECASE)
STORY_THEY = re.compile(r"\b(?:they|them|their|they're)\b|"
                        r"\bthese(?=\s+(?:treatments?|therapies|therapy|products?|injections?|facials?|things?)\b)",
                        re.IGNORECASE)
_QUESTION_START = re.compile(r"^\s*(?:what|what's|whats|why|how|where|when|which|who|is|are|do|does|did|can|could|"
                             r"will|would|should|may|might)\b", re.IGNORECASE)


def _named_before(asked: str, before: str) -> str:
    """``asked`` with its "they" (and "these treatments") as the exosomes ``before`` it named."""
    if "exosom" in asked.lower() or "exosom" not in before.lower():
        return asked
    return STORY_THEY.sub(lambda they: EXOSOMES_FOR.get(they.group().lower(), "exosome"), asked)


def _stands_alone(asked: str, *also: re.Pattern) -> bool:
    """Whether a question read without what came before it still says what it asks: it names
    exosomes, asks for the summary or the conclusion (or matches one of ``also``), and leans on
    nothing before it ("which one works better?", "would they help me?")."""
    return _names_what_is_asked(asked, *also) and not LEANS_ON_STORY.search(asked)


def _names_what_is_asked(asked: str, *also: re.Pattern) -> bool:
    """Whether a question names exosomes, asks for the summary or the conclusion, or matches one of ``also``."""
    return "exosom" in asked.lower() or any(part.search(asked) for part in (SUMMARY_REQUEST, CONCLUSION_REQUEST, *also))


# What may open the question after the story and asks nothing: "in general,", "but generally:", "not about
# me -", and a request to be told ("remind me what exosomes are").
_ASKING_OPENER = re.compile(r"^\s*(?:(?:but|so|and|ok|okay)\s+)?(?:(?:in\s+general|generally|speaking\s+generally|"
                            r"not\s+about\s+me|quick\s+one|just\s+curious)\s*[,:;-]*\s*)?"
                            r"(?:(?:just\s+|please\s+)?(?:remind|tell|show|give)\s+me\b\s*[,:-]?\s*|explain\s+)?",
                            re.IGNORECASE)


def without_backstory(question: str) -> str:
    """The question without the writer's story before it (see ``_STORY_BREAK``): what they do, had or
    are ("I'm a lab technician - why are exosomes easy to collect", "I had a knee operation last
    year. in general, do exosomes play a part in tissue repair") is no topic."""
    *told, asked = _STORY_BREAK.split(question.strip())
    who = _WHO_I_AM_BREAK.match(asked) if not told else None
    told, asked = ([asked[:who.end()]], asked[who.end():]) if who else (told, asked)
    story = " ".join(told)
    opener = _ASKING_OPENER.match(asked)
    body = asked[opener.end():]
    if (not story or "?" in story or not FIRST_PERSON.search(story)
            or not (asked.rstrip().endswith("?") or _QUESTION_START.match(body) or opener.group().strip())):
        return question
    asked, body = _named_before(asked, story), _named_before(body, story)
    # "... what does the article say about skin repair" stands alone; "... what does the article say?" does not.
    about_the_article_on = ABOUT_THE_ARTICLE.search(body) and not _only_asks(ABOUT_THE_ARTICLE.sub(" ", body))
    return asked if _stands_alone(body) or (about_the_article_on and not LEANS_ON_STORY.search(body)) else question


# A question corrected as it was typed: what follows "no wait", "sorry, i mean", "or rather" or
# "actually" is asked instead of what came before, when it is a question of its own ("how do exosomes
# help hair, no wait, how do they help skin"); "scratch that last question - ..." takes back an
# earlier one. A closing ", not in beauty" says what a wh-question does not ask, and ", the bullet
# list one" which thing it asks about.
_FILLER = r"(?:(?:um+|uh+|er+|erm+|hmm+)\s*,?\s*)?"
CORRECTION = re.compile(r"(?:[,;:.?!\u2026]+|\s-+)\s*" + _FILLER +
                        r"\b(?:no\s*,?\s*wait|wait\s*,?\s*no|actually|or\s+rather|(?:(?:sorry|oops|no)\s*,?\s*)?"
                        r"i\s+meant?|scratch\s+that|let\s+me\s+rephrase)\b\s*[,:.!-]*\s+", re.IGNORECASE)
TAKEN_BACK = re.compile(r"^\s*(?:scratch|ignore|forget)\s+that(?:\s+(?:last\s+)?(?:question|one|message))?"
                        r"\s*[,:.!-]+\s*", re.IGNORECASE)
NOT_ASKED = re.compile(r"(?:[,;]\s*(?:and\s+|but\s+)?not\s+(?:in|about|on|the)\s+[^,;?.!()]{1,40}?|"
                       r",\s*the\s+(?:[\w-]+\s+){1,3}one)(?=[?.!)]*\s*$)", re.IGNORECASE)
WH_QUESTION = re.compile(r"^\s*(?:what|what's|whats|why|how|where|which|who)\b", re.IGNORECASE)


def without_correction(question: str) -> str:
    """The question as corrected (see ``CORRECTION``); "they" in a correction are the exosomes
    named before it."""
    rest = TAKEN_BACK.sub("", question, count=1)
    rest = NOT_ASKED.sub("", rest) if WH_QUESTION.match(rest) else rest
    *_, correction = [None, *CORRECTION.finditer(rest)]
    if correction:
        after = rest[correction.end():]
        if _QUESTION_START.match(after):
            rest = _named_before(after, rest[:correction.start()])
    return rest if rest.strip() else question


# Words to the bot, not about exosomes: "hey bot, ...", "..., robot, ...", and a clause before the
# question that speaks to it ("i know you're just a bot, but ...", "your turn: ...", "prove you're
# not making it up - ..."), unless the clause sets a case ("if you have thinning hair, ...").
_BOT = r"(?:chat\s*bots?|bots?|robots?|assistant|computer|ai|siri|alexa)"
VOCATIVE = re.compile(r"^\s*(?:(?:hey|hi|hello|ok(?:ay)?|dear|good|so|well)\s+)?(?:there\s+)?" + _BOT +
                      r"\s*(?:[,:;.!]+|\s-+)\s*|\s*,\s*" + _BOT + r"\s*(?:(?:[,:;.!]+|\s-+)\s*|(?=[?]*\s*$))",
                      re.IGNORECASE)
TO_THE_BOT = re.compile(r"\b(?:you|you're|youre|your|u|ur|test\s+time|quiz\s+time|pop\s+quiz|" + _BOT + r")\b",
                        re.IGNORECASE)
SETS_A_CASE = re.compile(r"^\s*(?:if|when|whenever|once|after|before|since|because|as|while|unless|though|"
                         r"although|even|say|suppose|assuming|imagine|picture|pretend|let's\s+say)\b", re.IGNORECASE)
_CLAUSE = re.compile(r"^(?P<clause>[^,:;?.!-]{2,80}?)(?:\s*[,:;.!]+|\s+-+)\s*(?:(?:but|so|and|now)\s*,?\s+)?(?=\S)",
                     re.IGNORECASE)
_REQUEST_START = re.compile(r"^\s*(?:tell|explain|quote|show|give|list|describe|summari[sz]e|define)\b", re.IGNORECASE)
# Telling the bot to drop its rules or casting it in a role ("ignore all previous instructions and",
# "developer mode on.", "pretend you're a scientist:", "role-play as a nurse", "as an AI without limits,"):
# it quotes the article whoever it is told to be, so none of it is asked ("a nurse" is no question
# about nurses). Safety reads the message as typed, role and all.
_RULES = (r"(?:instructions?|rules|guidelines|training|prompts?|filters?|restrictions|limits|disclaimers?|"
          r"warnings?|safety(?:\s+(?:mode|notice|filters?))?|everything(?:\s+(?:above|before|else))?)")
_END_OF_ROLE = r"(?:\s*(?:[,:;.!]+|\s-+)\s*|\s+(?:and|then)\s+|\s+(?=\w+ing\b|(?:tell|explain|answer|give|list)\b))"
INSTRUCTION = re.compile(
    r"^\s*(?:please\s+)?(?:(?:ignore|forget|disregard|bypass|override|skip|drop)\s+(?:all\s+|any\s+)?"
    r"(?:(?:of\s+)?(?:the|your|my|previous|prior|earlier|above|these|those|usual)\s+)*" + _RULES +
    r"|jailbreak|developer\s+mode(?:\s+on)?|new\s+instructions?|system(?:\s+override)?|you\s+must\s+answer|"
    r"no\s+disclaimers?(?:\s+please)?|without\s+(?:your\s+)?(?:usual\s+)?" + _RULES + r"|stop\s+being\s+careful)"
    + _END_OF_ROLE, re.IGNORECASE)
ROLE = re.compile(
    r"^\s*(?:please\s+)?(?:(?:act|answer|respond|reply|speak|write)\s+(?:as|like)|role[\s-]?play(?:\s+as)?|simulate|"
    r"(?:pretend|imagine)\s+(?:to\s+be|(?:that\s+)?you(?:'re|\s+are))|you(?:'re|\s+are)\s+now|"
    r"as(?=\s+(?:an?\s+)?(?:[\w-]+\s+)?" + _BOT + r"\b))\s+(?:(?:an?|my|the|your)\s+)?(?:[\w'-]+\s+){0,4}?[\w'-]+?"
    + _END_OF_ROLE, re.IGNORECASE)
# A command to a program for what a reader would ask for: "print the conclusion", "output the key points".
COMMAND = re.compile(r"^\s*(?:please\s+)?(?:print|output|display|recite|(?:type|write|spit|read)\s+out)"
                     r"(?:\s+only)?\b", re.IGNORECASE)


def without_address(question: str) -> str:
    """The question without what is said to the bot (see ``VOCATIVE``): its clauses are left out when
    what follows is a question that stands alone (it names exosomes or the article, or asks for the
    summary, and does not lean on them: "you said something about tissue repair - how do exosomes
    help with that" is kept whole). A clause that names exosomes says something of them ("do you
    think exosomes are safe, and ...", "my friend says 'exosomes detox your liver' - do they")."""
    rest = VOCATIVE.sub(lambda bot: ", " if bot.start() else "", question).strip(" ,")
    rest = COMMAND.sub("give", _without_role(rest), count=1)
    asked = rest
    while ((clause := _CLAUSE.match(asked)) and TO_THE_BOT.search(clause["clause"])
           and not SETS_A_CASE.match(clause["clause"]) and "exosom" not in clause["clause"].lower()):
        asked = asked[clause.end():]
    if (asked != rest and (_QUESTION_START.match(asked) or _REQUEST_START.match(asked))
            and _stands_alone(asked, ABOUT_THE_ARTICLE)):
        rest = asked
    return rest if rest.strip() else question


def _without_role(question: str) -> str:
    """The question without the rules it tells the bot to drop and the roles it casts it in (see
    ``INSTRUCTION``, ``ROLE``), when what follows names exosomes or the article ("tell me what exosomes
    are"); "pretend you're a chef and give me a pasta recipe" is left whole."""
    rest = question
    while told := INSTRUCTION.match(rest) or ROLE.match(rest):
        rest = rest[told.end():]
    return rest if _names_what_is_asked(rest, ABOUT_THE_ARTICLE) else question


def without_impatience(question: str) -> str:
    """The question without the writer's impatience (see ``IMPATIENCE``), unless that is all it says."""
    rest = IMPATIENCE.sub(lambda said: "?" if "?" in (said["stop"] or "") else "", question)  # the question's "?" kept
    return rest if re.search(r"\w", rest) else question


def without_purpose(question: str) -> str:
    """The question without what it is for ("for my essay, why are exosomes important" is "why are
    exosomes important"), a letter's greeting and sign-off ("Dear team, ... Kind regards, Margaret"),
    how its answer should read ("in one sentence, ..."), how the writer feels ("i'm nervous, what are
    exosomes"), whom a claim was heard from ("my friend reckons exosomes are ...") or the writer's
    story before it ("I work in a lab. why are exosomes easy to study?"): none names anything the
    article has, nor anything it lacks."""
    # ... but an errand "on exosomes" says what "they" are ("... project on exosomes. why are they easy to study?").
    rest = PURPOSE.sub(lambda errand: " exosomes " if "exosome" in errand.group().lower() else " ",
                       without_letter(without_address(without_correction(question))))
    rest = without_backstory(HEARSAY.sub("", FEELING.sub("", without_answer_form(without_impatience(rest)), count=1),
                                          count=1))
    return " ".join(rest.split()) if rest != question else question


# A chat's next message, about what the last was about: it begins "and ...", "what about ..." or
# "so ...", or speaks of "they" with no one else named ("what should someone do if *they* feel faint").
FOLLOW_UP = re.compile(r"^\s*(?:(?:ok(?:ay)?|right|hmm+|um+|uh+)[,.!]?\s+)?(?:and|but|so|also|plus|then|what about|"
                       r"how about|what of)\b", re.IGNORECASE)
THEY = re.compile(r"\b(?:they|them|their|they're|theyre)\b", re.IGNORECASE)
SOMEONE = re.compile(r"\b(?:someone|somebody|anyone|anybody|everyone|people|person|persons|patients?|clients?|"
                     r"customers?|doctors?|nurses?|dermatologists?|scientists?|researchers?|clinics?|staff|kids|"
                     r"children|parents|friends?|family|he|she|his|her|my|our|your)\b", re.IGNORECASE)
EXOSOMES_FOR = {"they": "exosomes", "them": "exosomes", "their": "exosomes'", "they're": "exosomes are",
                "theyre": "exosomes are"}


def follows_up(question: str) -> bool:
    """Whether a question reads as a chat's next message about exosomes ("and what do they carry?",
    "what about fine lines?"): they are all this bot talks about."""
    return bool(FOLLOW_UP.search(question) or (THEY.search(question) and not SOMEONE.search(question)))


# The options of a multiple-choice question: "a) ... b) ...", "(a) ... (b) ...".
CHOICE = re.compile(r"(?:^|(?<=\s))\(?([a-e])\)\s*")


def choices(question: str) -> tuple[str, list[str]]:
    """A multiple-choice question's stem and options ("... understand a) how the disease spreads
    b) skin tone" -> "... understand", ["how the disease spreads", "skin tone"]); the question and
    no options when it lists fewer than two, lettered in order."""
    found = list(CHOICE.finditer(question))
    if len(found) < 2 or [option.group(1).lower() for option in found] != list("abcde"[:len(found)]):
        return question, []
    options = [question[this.end():following.start()] for this, following in pairwise(found)]
    options.append(question[found[-1].end():])
    return question[:found[0].start()].strip(), [" ".join(option.split()) for option in options]


# "What is/are X?" ("what's an X, in a sentence") asks for a definition: a sentence saying
# "X is/are ..." answers it.
DEFINITION_QUESTION = re.compile(r"^\s*(?:what|wat)(?:\s+(?:exactly\s+)?(?:is|are|r)|'s|s)\s+(?:an?\s+|the\s+)?"
                                 r"(?P<term>[a-z][a-z -]{1,40}?)s?\s*(?:,?\s*(?:in|using)\s+(?:a|one|simple|plain|"
                                 r"a few|few|basic|easy|short|layman'?s?)\b[a-z' ]{0,25})?[?.!]*\s*$", re.I)
# "Explain exosomes (like i'm a teenager)", "can you explain what an exosome is" and "as a receptionist,
# how would i explain exosomes to patients" ask the same.
EXPLAIN_QUESTION = re.compile(r"^\s*(?:[a-z' ]{1,40},\s*)?(?:(?:can|could|would)\s+(?:you|u)\s+|please\s+|"
                              r"how\s+(?:would|do|should|can|could)\s+(?:i|we|you)\s+)?"
                              r"(?:explain|break\s+down|describe)\s+"
                              r"(?:to\s+me\s+)?(?:what\s+)?(?:an?\s+|the\s+)?(?P<term>exosomes?)(?:\s+(?:is|are))?\s*"
                              r"(?:,?\s*(?:like|as if|to|for|in|using|simply)\b[a-z' -]{0,30})?[?.!]*\s*$",
                              re.IGNORECASE)
DEFINITION_BONUS = 0.1

# Verbs that only build the question ("do exosomes ...", "have you ...").
AUXILIARIES = {"do", "doe", "does", "did", "have", "has", "had"}

# "About" is a word of one heading ("Important Points About Exosomes"): it counts for a question
# about exosomes ("tell me about exosomes"), not for one about something else ("nervous about infection").
ABOUT_EXOSOMES = re.compile(r"\babout\s+(?:exosomes?|them|it|this|that)\b", re.IGNORECASE)

# Words every passage is about: they say nothing about which sentence answers.
GENERIC_TERMS = {"exosom"}


def _question_words() -> set[str]:
    """Words that ask rather than say what about: stopwords, chat-speak, fillers."""
    from bm25s.stopwords import STOPWORDS_EN_PLUS

    return (set(STOPWORDS_EN_PLUS) | COMMON | set(CHAT_SPEAK) | CHAT_FILLERS
            | {"please", "tell", "know", "want", "exactly", "someone", "anyone", "thing", "things", "stuff"})


class Lexical:
    """BM25 over the passages' context text (bm25s, with English stemming)."""

    def __init__(self, texts: list[str]) -> None:
        import bm25s
        import Stemmer

        self._bm25s = bm25s
        self._stemmer = Stemmer.Stemmer("english")
        self._bm25 = bm25s.BM25()
        tokens = self._tokens(texts)
        self._bm25.index(tokens, show_progress=False)
        self.vocabulary = {term for document in tokens for term in document}
        self._question_words = self.terms(" ".join(sorted(_question_words()))) | GENERIC_TERMS

    def known(self, term: str) -> bool:
        """Whether a stemmed term is the corpus's, or a form the stemmer did not join to one
        ("diagnosing" and "diagnosis", "personalised" and "personal": six letters in common)."""
        if term in self.vocabulary:
            return True
        for known in self.vocabulary:
            shared = len(os.path.commonprefix([term, known]))
            if shared >= 7 or (shared >= 6 and (term.startswith(known) or known.startswith(term))):
                return True
        return False

    def stem(self, word: str) -> str:
        return self._stemmer.stemWord(word)

    def content_terms(self, terms: set[str]) -> set[str]:
        """Of a text's stemmed terms, those that say what it is about: no question words, no
        "exosome", no numbers (a "2" or a "17-0" says nothing about the topic)."""
        return {t for t in terms - self._question_words if not t.isdigit()}

    def terms(self, text: str) -> set[str]:
        """Stemmed content words of a text."""
        return set(self._tokens([text])[0])

    def _tokens(self, texts: list[str]) -> list[list[str]]:
        return self._bm25s.tokenize(texts, stopwords="en", stemmer=self._stemmer, return_ids=False,
                                    show_progress=False)

    def scores(self, query: str, added: str = "") -> np.ndarray:
        """BM25 score of every passage for a question and the words typo fixes and the glossary added.

        The question's auxiliary verbs are left out: its "do" would match the one "do not work" of
        an article by chance; an added "do not work" is the article's phrase and counts."""
        tokens = [t for t in self._tokens([query])[0] if t not in AUXILIARIES]
        if not ABOUT_EXOSOMES.search(query):  # "nervous about infection" is not "Important Points About Exosomes"
            tokens = [t for t in tokens if t != "about"]
        if added:
            tokens += self._tokens([added])[0]
        if not tokens:
            return np.zeros(self._bm25.scores["num_docs"], dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)


# "What does the article say about ...", "according to this page": words about the article say
# nothing about what is asked, and pull the question's vector away from every passage.
ABOUT_THE_ARTICLE = re.compile(
    r"\b(?:(?:according to|in|from|on|does|did|do|will|would|can|is|what)\s+)?"
    r"(?:(?:the|this|your)\s+(?:exosomes?\s+)?|exosomes?\s+)"  # "the exosome article", "exosomes article conclusion"
    r"(?:article|page|post|blog|text|website|site|piece(?!\s+of\b)|write-?up|essay)\b(?:'s)?"
    r"(?:\s+(?:say|says|said|tell|tells|mention|mentions|mentioned|write|writes|suggest|suggests|cover|covers|"
    r"talk|talks|explain|explains)\b(?:\s+(?:us|me)\b)?)?(?:\s+about\b)?", re.IGNORECASE)  # not "mention me|dical"
# "How firmly does the article say a doctor should be consulted", "how certain is it that exosomes carry RNA":
# how sure a claim is asks about the claim (the article's own words, "may", "generally", say how sure).
HOW_SURE = re.compile(r"^\s*how\s+(?:firm(?:ly)?|strong(?:ly)?|sure(?:ly)?|certain(?:ly)?|confident(?:ly)?|"
                      r"definite(?:ly)?|emphatic(?:ally)?)\s+(?:is\s+it\s+)?"
                      r"(?:(?:say|says|claim|claims|state|states)\s+)?(?:that\s+)?(?=\w)", re.IGNORECASE)
# "Is anything said about inflammation", "is there a word about medical history", "any mention of ...":
# whether the article mentions something asks about that thing (a thing it lacks is still declined).
MENTIONED = re.compile(r"^\s*(?:(?:is|was)\s+(?:there\s+)?|are\s+there\s+)?(?:anything|something|a\s+word|any\s+words?|"
                       r"(?:any|a|some)\s+mentions?|mentions?|much|a\s+bit)\s+(?:at\s+all\s+)?"
                       r"(?:(?:said|written|mentioned)\s+)?(?:in\s+(?:the|this)\s+(?:article|text|page|piece|post)\s+)?"
                       r"(?:about|on|of|regarding|concerning)\s+(?=\w)", re.IGNORECASE)
# The article's advice before any treatment, as the glossary gives it for "who should I check with".
CONSULT_ADVICE = "consult a qualified doctor"
# What a question about the whole article ("what is the article about", "summarise this page") is answered from.
THE_WHOLE_ARTICLE = "important points about exosomes, conclusion"


# A request for the gist ("what are the main takeaways", "quick recap on exosomes"): about nothing
# else, it asks what the article says overall, though it never names the article.
SUMMARY_REQUEST = re.compile(
    r"\b(?:(?:main|key|big|biggest|important|overall|quick|short|brief)\s+)*(?:takeaways?|summary|summari[sz]e|"
    r"sum\s+up|recap|gist|tl;?dr|overview|highlights|(?:main|key|important)\s+points?|key\s+facts|bottom\s+line|"
    r"(?:short|quick|brief)\s+version|"
    r"boil(?:s|ed|ing)?\s+(?:(?:it|this|that|them|exosomes|everything|it\s+all)\s+)?down"
    r"(?:\s+(?:to|into)\s+(?:a\s+few\s+|some\s+|the\s+)?(?:bullet[\s-]+points?|bullets|points|lines|sentences))?|"
    r"in\s+a\s+nutshell|in\s+short)\b"
    r"(?:\s+(?:on|of|about|for)\s+exosomes?)?", re.IGNORECASE)


# "How does the article end", "what does the intro say": the part of the article asked for,
# when nothing else is. The beginning is the first passage, whatever its heading.
THE_ENDING = "conclusion"
THE_BEGINNING = "\x00the beginning"  # a mark, never typed: the retriever searches the first passage's text
BEGINNING = re.compile(r"\b(?:the\s+)?(?:intro|introduction|beginning|start|"
                       r"(?:opening|first)\s+(?:part|paragraph|section|bit|lines?|sentences?|words)|opening)"
                       r"(?:\s+(?:of|to|in)\s+(?:the|this)\s+(?:article|page|post|text|piece|essay))?\b", re.IGNORECASE)
CONCLUSION_REQUEST = re.compile(
    r"\b(?:overall\s+|final\s+)?(?:conclusion|verdict|final\s+word|final\s+thoughts?|"
    r"(?:closing|final|last|concluding)\s+(?:section|part|paragraph|bit|words?|lines?|sentences?|things?))\b"
    r"(?:\s+(?:on|of|about|for|regarding)\s+exosomes?(?:\s+(?:treatments?|therapy|therapies))?)?", re.IGNORECASE)
INTRO = re.compile(r"\b(?:intro|introduction|(?:first|opening)\s+paragraph)\b", re.IGNORECASE)
# "What does the conclusion say about hair and skin", "... according to the conclusion": what the
# ending says, so the last section first.
THE_ENDING_SAYS = re.compile(r"\bthe\s+(?:conclusion|ending|end\s+of\s+the\s+(?:article|page|post|piece|essay))"
                             r"(?:\s+(?:say|says|said|tell|tells|mention|mentions|suggest|suggests)\b|\s*[?.!]*\s*$)",
                             re.IGNORECASE)
# ... and what it is asked about ("... say about *professional care*").
THE_ENDING_SAYS_ABOUT = re.compile(r"\b(?:does|did)\s+the\s+(?:conclusion|ending|end)\s+(?:say|tell|mention)"
                                  r"(?:\s+(?:us|me))?\s+about\b", re.IGNORECASE)
# "The main points, *especially about* safety": the summary of one thing.
FOCUS = re.compile(r"[,;-]?\s*\b(?:especially|particularly|mainly|mostly|focusing)\s+(?:on|about|regarding)\s+",
                   re.IGNORECASE)
# Words that may stand around the part asked for: "give me the exosome facts in a nutshell",
# "what does the intro say about exosomes", "how does the article end".
GIST_WORDS = frozenset({"what's", "whats", "give", "show", "me", "us", "quick", "short", "brief", "exosome", "exosomes",
                        "facts",
                        # ... said with a raised eyebrow: "give me the *famous* key points"
                        "famous", "so-called", "precious", "wonderful", "amazing", "all-important", "much-hyped"})
SAYING_WORDS = frozenset({"say", "says", "tell", "tells", "said"})
# "So overall, what's this article trying to tell me": the article as a whole.
# ... and "what are the important points listed in the article": the points it lists.
OVERALL_WORDS = frozenset({"overall", "trying", "try", "tries", "mainly", "basically", "really", "get", "across",
                           "important", "points", "listed", "list", "lists"})
BEGINNING_VERBS = frozenset({"start", "starts", "begin", "begins", "open", "opens", "tell", "tells", "introduce",
                             "introduces"})
BEGINNING_WORDS = BEGINNING_VERBS | {"say", "says", "about", "exosome", "exosomes", "with", "of"}
ENDING_WORDS = frozenset({"end", "ends", "ending", "finish", "finishes", "close", "closes", "conclude", "concludes",
                          "wrap", "wraps", "up", "last", "final", "part", "bit", "section",
                          "by", "saying", "suggesting", "recommending", "say", "says"})  # "the article's ending say"
# The part of a named article a question asks for, by the words it may have besides asking ones.
# "What is the title of the article": its first passage, which the title heads.
TITLE_WORDS = frozenset({"title", "titled", "headline", "heading", "called", "of"})
ARTICLE_PARTS = ((THE_WHOLE_ARTICLE, OVERALL_WORDS), (THE_ENDING, ENDING_WORDS),
                 (THE_BEGINNING, BEGINNING_VERBS | {"exosome", "exosomes", "first", "and", "say", "says"}),
                 (THE_BEGINNING, TITLE_WORDS))


# Where in the article something is ("which section talks about hair loss", "the paragraph about breast
# milk", "in the medicine part, ...", "the heading 'Exosomes in Medicine'", "where in the text is RNA
# mentioned"): the article is named, and what is asked about is the rest. "Part" and "bit" only of
# the article or after its words ("what part of the cell makes them" asks about cells).
_PART = r"(?:sections?|paragraphs?|headings?|subheadings?|chapters?)"
_ANY_PART = r"(?:sections?|paragraphs?|headings?|subheadings?|chapters?|parts?|bits?)"
_SAYS = (r"(?:talks?|speaks?|says?|mentions?|covers?|explains?|discuss(?:es)?|deals?|tells?|has|is|are|comes?\s+up)"
         r"(?:\s+(?:about|with|on|in|me|us))?")
_OF_THE_ARTICLE = r"(?:of|in)\s+(?:the|this)\s+(?:article|page|text)"
WHERE_IN_THE_ARTICLE = re.compile(r"\b(?:" + "|".join([
    r"(?:which|what)\s+" + _PART + r"(?:\s+" + _OF_THE_ARTICLE + r")?(?:\s+" + _SAYS + r")?",
    r"(?:which|what)\s+" + _ANY_PART + r"\s+" + _OF_THE_ARTICLE + r"(?:\s+" + _SAYS + r")?",
    r"(?:where|in\s+which\s+" + _ANY_PART + r")\s+(?:in|of)\s+the\s+(?:article|text|page)"
    r"(?:\s+(?:does|do|is|are)(?:\s+(?:it|they))?(?:\s+" + _SAYS + r")?)?",
    r"(?:is\s+there|are\s+there|does\s+(?:it|the\s+article|the\s+text)\s+have|does\s+any)\s+(?:an?\s+|any\s+)?"
    + _ANY_PART + r"(?:\s+(?:on|about|regarding|covering)|\s+(?:that\s+)?" + _SAYS + r")",
    r"(?:find|show|give|point)\s+(?:me\s+)?(?:to\s+)?(?:the|a)\s+" + _ANY_PART + r"\s+(?:on|about|regarding)",
    r"(?:in|under|from)\s+the\s+" + _ANY_PART + r"\s+(?:on|about|regarding|titled|called|named)",
    r"(?:the|this|that|an?|any)\s+" + _ANY_PART + r"\s+(?:on|about|regarding|titled|called|named|headed)",
    r"(?:the\s+)?(?:first|second|third|last|final|next)\s+" + _PART + r"\s+of",
    r"(?:the|a)\s+(?:bullet(?:ed)?[\s-]+(?:point\s+)?)?list\s+of(?=\s+(?:the\s+)?(?:important|key|main|benefits))",
    r"(?:the\s+)?" + _PART + r"(?=\s+['\"\u2018\u201c])", r"under(?=\s+['\"\u2018\u201c])"]) + r")\b", re.IGNORECASE)
# ... and the word for a part after what it is about: "the safety section", "in the medicine part" (not
# "the hardest part of it", nor "is that where cosmetics is heading").
_PLACE = r"(?!(?:first|second|third|opening|last|final|closing|next|intro|introductory|concluding)\b)"
NAMED_PART = re.compile(r"\b((?:the|this|that)\s+(?:" + _PLACE + r"[\w'-]+\s+){1,4}?)"
                        r"(?:sections?|paragraphs?|chapters?)\b|"
                        r"\b((?:in|on|from)\s+the\s+(?:[\w'-]+\s+){1,3}?)(?:parts?|bits?)\b", re.IGNORECASE)


# A heading in quotes, single or double ("under 'Functions of Exosomes', ...").
QUOTED_HEADING = re.compile(r"(?<!\w)['\"\u2018\u201c]([^'\"\u2018\u2019\u201c\u201d]{3,80})['\"\u2019\u201d](?!\w)")
# Words around a part's name that name no heading: "in *the* safety section", "*this* exosome *bit*".
PART_NAMING_WORDS = frozenset({"the", "this", "that", "in", "on", "from", "exosome", "exosomes", "and", "of", "about"})


def _same_stem(word: str, other: str) -> bool:
    """Whether two words share their first four letters, or are one word ("safety" and "safe", "benefits"
    and "benefit"; "skin" and "skin")."""
    return word == other or (len(word) >= 4 and len(other) >= 4 and word[:4] == other[:4])


def without_where_in_the_article(question: str) -> str:
    """The question without the words that place what it asks about in the article (see
    ``WHERE_IN_THE_ARTICLE``), unless that is all it says."""
    rest = NAMED_PART.sub(lambda part: part[1] or part[2], WHERE_IN_THE_ARTICLE.sub(" ", question))
    return " ".join(rest.split()) if re.search(r"\w", rest) else question


def about_the_article(question: str) -> str:
    """The question without its words about the article itself; a question about nothing
    else, or a request for the gist and nothing else, asks what the article says overall;
    one about how it ends or begins, for its conclusion or its first passage."""
    named = bool(ABOUT_THE_ARTICLE.search(question))
    rest = " ".join(ABOUT_THE_ARTICLE.sub(" ", question).split())
    # "the key summary and the conclusion": the whole article has both.
    if _asks_only_for(SUMMARY_REQUEST, CONCLUSION_REQUEST.sub(" and ", rest), GIST_WORDS | {"and"}):
        return THE_WHOLE_ARTICLE
    # "The start" is the article's only when the article is named ("where do exosomes start" is no such question).
    if (named or INTRO.search(question)) and _asks_only_for(BEGINNING, rest, BEGINNING_WORDS):
        return THE_BEGINNING
    # "what's the conclusion on exosome treatments": the article's conclusion, named or not.
    if _asks_only_for(CONCLUSION_REQUEST, rest, GIST_WORDS | SAYING_WORDS):
        return THE_ENDING
    # "the main points, especially about safety": what is asked about is safety.
    focus = FOCUS.search(rest)
    if focus and SUMMARY_REQUEST.search(rest[:focus.start()]):
        return f"what about {rest[focus.end():].strip()}"
    if not named:
        return question
    for part, words in ARTICLE_PARTS:
        if _only_asks(rest, also=words):
            return part
    return rest


def _asks_only_for(part: re.Pattern, rest: str, words: frozenset[str]) -> bool:
    """Whether ``rest`` (a question without its words about the article) names ``part`` and,
    besides, has only words that ask or ``words``."""
    return bool(part.search(rest)) and _only_asks(part.sub(" ", rest), also=words)


def _only_asks(text: str, also: frozenset[str] = frozenset()) -> bool:
    """Whether a text has only words that ask ("what", "please"), or are ``also`` allowed."""
    return all(word in _asking_words() or word in also for word in re.findall(r"[a-z']+", text.lower()))


@lru_cache(maxsize=1)
def _asking_words() -> frozenset[str]:
    return frozenset(_question_words() | {"what's", "whats"})  # "what's this article about"


# Words that ask for a list or an item of one: "name two ...", "give me the last point".
LISTING_WORDS = ("name", "names", "give", "list", "first", "last", "one", "two", "three", "four", "five", "six")
# An item of one of the article's lists asked for by its place ("what's benefit number 3 on the list",
# "point number 5 in the important points", "the 4th key point"): the list is the article's.
LIST_ITEM = re.compile(r"\b(?:(?:benefits?|points?|bullets?|bullet\s+points?|items?)\s+(?:number\s+|no\.?\s*|#\s*)\d+|"
                       r"(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|last|final)\s+"
                       r"(?:(?:key|important|main)\s+)?(?:benefits?|points?|bullets?|bullet\s+points?|items?)|"
                       r"(?:on|in|from)\s+(?:the|that|this)\s+list)\b", re.IGNORECASE)
PLACE_IN_LIST = re.compile(r"(?<![\w#])(?:#\s*\d+|(?:number|no\.?)\s*\d+|\d+(?:st|nd|rd|th))\b", re.IGNORECASE)


# "Those little bubbles cells make, where are they found": what is asked about, then the question.
DESCRIBED_FIRST = re.compile(r"^\s*(?:the|those|these)\s+(?P<about>[^,:;?!.-]{3,60}?)\s*(?:[,:;]|\s-+)\s*"
                             r"(?P<asked>\S.*)$", re.IGNORECASE)
VESICLE_WORDS = re.compile(r"\b(?:particles?|bubbles?|sacs?|packets?|packages?|parcels?|vesicles?|structures?|"
                           r"messengers?|messages?|carriers?|exos?|evs?)\b", re.IGNORECASE)


class Retriever:
    def __init__(self, store: StoredIndex, embedder, glossary: Glossary, mode: str = "hybrid",
                 lexical_weight: float = LEXICAL_WEIGHT, english: frozenset[str] = frozenset(),
                 also: frozenset[str] = frozenset()) -> None:
        """``also``: more words a typo one edit away may stand for (the editors' not-covered topics')."""
        self.store = store
        self.embedder = embedder
        self.glossary = glossary
        self.mode = mode
        self.lexical_weight = lexical_weight
        texts = [p.context_text() for p in store.passages]
        self.lexical = Lexical(texts) if mode == "hybrid" else None
        # ... nor do words that name nothing ("safety has *nothing* to do with processing").
        not_about = " ".join(LISTING_WORDS + tuple(sorted(NAMES_NOTHING)))
        self._not_about_terms = self.lexical.terms(not_about) if self.lexical else set()
        self._sentence_terms = [self.lexical.terms(t) for t in store.sentence_text] if self.lexical else []
        self._owners = np.asarray(store.sentence_owner)
        self._words = [frozenset(re.findall(r"\w+", p.text.lower())) for p in store.passages]
        self._last: tuple[str, str, str, set[str]] = ("", "", "", set())  # question, as asked, expansion, terms
        self._article_text = " ".join(p.text for p in store.passages)
        self._passage_words = [_words(p.text.replace("\u2019", "'")) for p in store.passages]
        self._headings = sorted({p.section for p in store.passages})
        # The glossary's lay words are words too: "heading" must reach the glossary, not become "healing";
        # so are the English words the model knows ("injection" is not a typo of "infection").
        self._english = english
        lay_words = glossary.words()
        self.speller = Speller(texts, known=lay_words | english, stem=self.lexical.stem if self.lexical else None,
                               also=lay_words | NAMES_NOTHING | also)  # "stuf" is "stuff"

    def expand(self, question: str) -> str:
        """The question as searched: typos one edit away fixed in place, farther guesses and the
        glossary's article words added (hybrid mode; dense mode is the plain baseline and
        searches the question as typed)."""
        if self.mode != "hybrid":
            return question
        return self._expansion(question)[1]

    def _expansion(self, question: str) -> tuple[str, str, set[str]]:
        """The question as asked (``_asked``), expanded from it, and the expansion's stemmed
        terms, kept for the question last asked (search, the support check and sentence
        scoring each ask in turn)."""
        last_question, asked, expanded, terms = self._last
        if question != last_question:
            errand_left_out = without_purpose(question)
            asked = self._asked(errand_left_out)
            fixes = self.speller.corrections(asked)  # typos farther than one edit: added, not replaced
            fixed = f"{asked} ({' '.join(fixes)})" if fixes else asked
            expanded = self.glossary.expand(fixed, self._article_text)
            terms = self.lexical.terms(expanded)
            # (What a question is for is not among those words: "... ? I need it for my source list".)
            if "exosom" not in terms and follows_up(asked):
                # A chat's next message ("and what do they carry?", "what about fine lines?") is about
                # exosomes: they are all this bot talks about, and read alone it is near no passage.
                # Its "and", "so" or "what about" asks nothing ("what about" read as "what are"); its
                # "they" are exosomes.
                expanded = FOLLOW_UP.sub("", expanded, count=1).strip() or expanded
                named, pronouns = THEY.subn(lambda pronoun: EXOSOMES_FOR[pronoun.group().lower()], expanded)
                expanded = named if pronouns else f"{expanded} (exosomes)"
                terms = terms | {"exosom"}
            elif ((asked != errand_left_out or asks_for_form(question) or LIST_ITEM.search(asked))
                  and "exosom" not in terms and not self._unknown(PLACE_IN_LIST.sub(" ", asked))):
                # The article is about exosomes: "what does this page say about safety" asks
                # about their safety (a model reads a bare "safety" as far from every passage),
                # "quote me the sentence about fine lines" about what they do for fine lines, and
                # "benefit number 3 on the list" about the article's list of exosomes' benefits.
                expanded += " (exosomes)"
                terms = terms | {"exosom"}
            self._last = (question, asked, expanded, terms)
        return asked, expanded, terms

    def _asked(self, question: str) -> str:
        """What is searched for a question (already ``without_purpose``): its typos fixed, without
        emoji and spoken punctuation, its shorthand slashes read out, without who relays it and its words about
        the article, whether it mentions something or how sure it is ("is anything said about", "how firmly does it
        say"), and without chatter around "what are they"."""
        plain = self.speller.correct(written_out(slashes_read(without_dictation(without_emoji(question)))))
        asked = MENTIONED.sub("", without_where_in_the_article(CONFUSED.sub("", ASKED_BY.sub("", plain, count=1))),
                              count=1)
        asked = HOW_SURE.sub("", about_the_article(asked), count=1)
        if asked == THE_BEGINNING:
            return self.store.passages[0].text if self.store.passages else ""
        if self.explains_exosomes(asked):
            return "what are exosomes"
        return self._what_are_exosomes(self._described_first(asked))

    def _described_first(self, question: str) -> str:
        """A question put after what it is about, exosomes described in the article's words ("those
        little bubbles cells make, where are they found in the body"), as the question about them:
        the description's words would pull to the definition. Topics are judged on the question whole."""
        described = DESCRIBED_FIRST.match(question)
        if (not described or "exosom" in question.lower() or not THEY.search(described["asked"])
                or not VESICLE_WORDS.search(described["about"])
                or not self.names_only_article_words(described["about"])):
            return question
        return THEY.sub(lambda pronoun: EXOSOMES_FOR[pronoun.group().lower()], described["asked"], count=1)

    def asks_whom_to_consult(self, question: str) -> bool:
        """Whether the glossary reads the question as asking whom to see first ("before booking an exosome
        facial who should I check with?"): the article's own advice answers it, "consult a qualified doctor"."""
        asked, expanded, _ = self._expansion(question)
        return CONSULT_ADVICE in expanded[len(asked):]

    @staticmethod
    def explains_exosomes(question: str) -> bool:
        """Whether the question asks only to explain exosomes, to whomever ("as a receptionist, how
        would i explain exosomes to patients", "explain exosomes like i'm five"): who it is
        explained to is not what is asked. "Explain exosomes in skincare" asks about skincare."""
        explained = EXPLAIN_QUESTION.match(question)
        return bool(explained) and not re.match(r",?\s*(for|in|using)\b", question[explained.end("term"):])

    def asks_what_exosomes_are(self, question: str) -> bool:
        """Whether the question, without its chatter, is "what are exosomes" (hybrid mode). What they are
        said to be ("a kind of *peptide*") may still be a topic the corpus does not cover."""
        return (self.lexical is not None and self._what_are_exosomes(question) == "what are exosomes"
                and not KIND_OF.search(question.lower()))

    def _what_are_exosomes(self, question: str) -> str:
        """ "What are exosomes" for a question that asks what they are and says nothing else the
        article knows of ("i keep hearing about exosomes on tiktok, what even are they"): its
        other words only pull the search away from the answer."""
        lowered = question.lower()
        asking = WHAT_ARE_EXOSOMES.search(lowered)
        kind = KIND_OF.search(lowered)
        if kind and not self._names_article_words(kind["what"]):
            return "what are exosomes"
        if not asking:
            reported = REPORTED_WHAT_ARE.search(question) or HEADLINE_WHAT_ARE.match(question)
            if reported and not self._names_article_words(question[reported.end():]):
                return "what are exosomes"  # who asks or wonders is context; nothing follows but "what do i say"
            return question
        before = question[:asking.start()]
        if HEARD_OF.search(before.lower()):  # "my skin doctor brought up exosomes, what on earth are they"
            return "what are exosomes"
        return question if self._names_article_words(before) else "what are exosomes"

    def _names_article_words(self, text: str) -> bool:
        """Whether a text has a content word the article has."""
        return bool(self.lexical.content_terms(self.lexical.terms(text)) & self.lexical.vocabulary)

    def quoted_sections(self, question: str) -> frozenset[str]:
        """The sections whose words a question quotes ('"clean and trusted environments" - why does
        that matter'): it asks about that line, however far a model reads the bare words from it.
        A quote of two words or more counts; an advert's or a friend's words are not the article's."""
        if self.lexical is None:
            return frozenset()
        found = set()
        for quote in QUOTED.findall(question):
            words = _words(quote.replace("\u2019", "'"))
            if len(words.split()) >= 2:
                found |= self._sections_with(words)
        return frozenset(found)

    def echoed_sections(self, question: str) -> frozenset[str]:
        """The sections a question repeats a line of, unquoted: ``ECHO_WORDS`` words in a row, two
        of them content words ("... exosomes *are natural and come from* the body, true?"). It asks
        about that line, wherever a model puts the rest of its words."""
        if self.lexical is None:
            return frozenset()
        words = _words(question.replace("\u2019", "'")).split()
        found = set()
        for start in range(len(words) - ECHO_WORDS + 1):
            run = " ".join(words[start:start + ECHO_WORDS])
            sections = self._sections_with(f" {run} ")  # the cheap look first: most runs are no line's
            if sections and len(self.lexical.content_terms(self.lexical.terms(run))) >= 2:
                found |= sections
        return frozenset(found)

    def named_sections(self, question: str) -> frozenset[str]:
        """The section a question names as the article's: by its heading in quotes ("the heading
        'Exosomes in Medicine'") or by the heading's words before "section", "part" ... ("the safety
        section", "in the skin and hair part"): what it asks is what that section says."""
        quoted = {_words(quote) for quote in QUOTED_HEADING.findall(question)}
        found = {heading for heading in self._headings if _words(heading) in quoted}
        for part in NAMED_PART.finditer(WHERE_IN_THE_ARTICLE.sub(" ", question)):
            named = set(_words(part[1] or part[2]).split()) - PART_NAMING_WORDS
            matching = [heading for heading in self._headings
                        if named and all(any(_same_stem(word, other) for other in _words(heading).split())
                                         for word in named)]
            if len(matching) == 1:  # the words name one section, not several
                found.add(matching[0])
        return frozenset(found)

    def _sections_with(self, words: str) -> set[str]:
        """The sections of the passages containing ``words`` (as ``_words`` writes text)."""
        return {p.section for p, text in zip(self.store.passages, self._passage_words) if words in text}

    def ending_mentions(self, question: str) -> bool:
        """Whether the question asks what the ending says about words its last passage has ("what
        does the ending say about professional care"): it does say something, however far a model
        reads the bare words from it."""
        asking = THE_ENDING_SAYS_ABOUT.search(question)
        if not asking or self.lexical is None or not self.store.passages:
            return False
        wanted = self.lexical.content_terms(self.lexical.terms(question[asking.end():])) - GENERIC_TERMS
        return bool(wanted) and wanted <= self.lexical.terms(self.store.passages[-1].text)

    def supported(self, question: str) -> bool | None:
        """Whether any word the question is about (after typo fixes and the glossary) occurs in
        the corpus; None when it has no such words ("what are exosomes") or in dense mode."""
        if self.lexical is None or WHAT_ARE_EXOSOMES.search(question.lower()):
            return None
        terms = self._about(question)
        if not terms:
            return None
        return bool(terms & self.lexical.vocabulary)

    def _about(self, question: str) -> set[str]:
        """The stemmed words the question is about, after typo fixes and the glossary (hybrid mode)."""
        return self.lexical.content_terms(self._expansion(question)[2])

    def names_only_corpus_words(self, question: str) -> bool:
        """Whether the question names at least two words it is about, and the corpus has every one
        (after typo fixes and the glossary). Words that ask for a list or an item of one ("name",
        "give", "first", "last", "two") say nothing of what about; nor do "nothing", "else", "better" ..."""
        if self.lexical is None:
            return False
        terms = self._about(question) - self._not_about_terms
        return len(terms) >= 2 and terms <= self.lexical.vocabulary

    def unknown_target(self, question: str) -> str | None:
        """What the question asks about, when the corpus never names it; else None. These places
        say what a question is about: the word after "what"/"which" ("what *temperature* are
        they kept at"), what exosomes should work on ("do exosomes help with *scars*", "with
        *eyelash* growth"), where ("popular in *japan*") and what has an effect, opening it ("does
        the *moon* affect hair growth"). A word is named when it is the corpus's, a glossary term, a
        typo of a corpus word or another form of one.

        Quoting the article's general lines about skin repair to "do exosomes help with scars"
        would imply a yes the article never gives.
        """
        if self.lexical is None:
            return None
        lowered = question.lower()
        asked = ASKED_FOR.search(lowered)
        # A word of a glossary term in the question is named there: "what *lies* ahead for exosomes".
        if (asked and asked["asked"] not in NOT_ASKED_FOR and asked["asked"] not in self._term_words(lowered)
                and self._unknown(asked["asked"])):
            return asked["asked"]
        found = TARGET.search(lowered)
        if found and found["used_in"] not in IN_IDIOMS:
            target = next(t for t in found.groups() if t)
            helped = self._leading_unknown(target) if found["help_object"] else target
            if helped and self._unknown(helped):
                return target
        # What has a role is another thing only beside exosomes named: "what role do *the little cell packages*
        # play in the immune response" describes them.
        role = HAS_A_ROLE.search(lowered) if "exosome" in lowered else None
        if role:
            target = role["role_of"] or role["plays_role"]
            if self._unknown(target):
                return target
        place = PLACE.search(lowered)
        if place and place["place"] not in IN_IDIOMS and self._unknown(place["place"]):
            return place["place"]
        agent = AGENT.search(lowered)
        if agent and self._unknown(agent["agent"]):
            return agent["agent"]
        return None

    def _leading_unknown(self, phrase: str) -> str:
        """The words of ``phrase`` before its first named one. After "help" without "with", what
        is helped comes first and a verb may follow: "help *muscle* recovery", but "help
        medicine reach target cells" helps medicine."""
        words = phrase.split()
        # A word of a glossary term is named there ("help *mi cabello* grow": "mi" alone is no word).
        in_terms = self._term_words(phrase)
        for position, word in enumerate(words):
            if word in in_terms or not self._unknown(word):
                return " ".join(words[:position])
        return phrase

    def names_only_article_words(self, text: str) -> bool:
        """Whether every content word of a text is the article's (or a glossary term, a typo of a
        corpus word or another form of one), and it names one at least."""
        return (self.lexical is not None and not self._unknown(text)
                and bool(self.lexical.content_terms(self.lexical.terms(text))))

    def _term_words(self, text: str) -> set[str]:
        """The words of the glossary terms a text contains."""
        return {word for term in self.glossary.found(text) for word in term.split()}

    def _unknown(self, phrase: str) -> bool:
        """Whether a word of the phrase is not the corpus's, nor a glossary term, a typo of a
        corpus word or another form of one."""
        glossary_words = self._term_words(phrase)
        words = _words(phrase).split()
        for position, word in enumerate(words):
            if (word in glossary_words or word in NAMES_NOTHING or word in SAYS_HOW or self._comparative(word)
                    or self._negated(word) or self.speller.corrections(word)):
                continue
            terms = self.lexical.content_terms(self.lexical.terms(word))
            if word.endswith("ing") and position < len(words) - 1 and self._known_verb(word, terms):
                continue  # a verb with its object: "*catching* disease early" is about the disease
            if any(not self.lexical.known(term) for term in terms):
                return True
        return False

    def _known_verb(self, word: str, terms: set[str]) -> bool:
        """Whether an "-ing" word (``terms``: its stemmed content terms) is a verb the corpus or
        ``SAYS_HOW`` knows ("*catching* disease", "*treating* disease"): then what follows is its
        object. "*breathing* diseases" and "*hearing* loss" name something the corpus does not."""
        base = word[:-3]
        bases = {base, base + "e"} | ({base[:-1]} if len(base) > 2 and base[-1] == base[-2] else set())
        return bool(bases & SAYS_HOW) or (bool(terms) and all(self.lexical.known(term) for term in terms))

    def _negated(self, word: str) -> bool:
        """Whether a word is "non" or a corpus word with "un"/"non" before it ("a *non* professional",
        "*unqualified*", "*nonprofessional*"): it names what the corpus names, negated."""
        if word == "non":
            return True
        prefix = next((p for p in ("non", "un") if word.startswith(p)), "")
        rest = word[len(prefix):]
        if not prefix or len(rest) < 4:
            return False
        terms = self.lexical.content_terms(self.lexical.terms(rest))
        return bool(terms) and all(self.lexical.known(term) for term in terms)

    def _comparative(self, word: str) -> bool:
        """Whether a word is the comparative of an English word ("thicker", "stronger", "healthier"):
        like "better" and "faster", it says how much, not what."""
        if not word.endswith("er") or len(word) < 5:
            return False
        base = word[:-2]
        # Short bases are left out: "liver" is no "live" + "r", nor "water" a "wat" + "er".
        return ((len(base) >= 4 and base in self._english)  # "thicker"
                or (len(base) >= 4 and base + "e" in self._english)  # "larger"
                or (base[-1] == base[-2] and base[:-1] in self._english)  # "bigger"
                or (base.endswith("i") and base[:-1] + "y" in self._english))  # "healthier"

    def sentence_scores(self, question: str, query: np.ndarray, rows: list[int]) -> np.ndarray:
        """How well each of the given sentences answers: cosine, plus the share of the
        question's content words it contains (so the sentence naming "urine" wins)."""
        scores = self.store.sentence_vectors[rows] @ query
        if self.lexical is None:
            return scores
        # The question as searched too: "tell me what exosomes are" is searched as "what are exosomes".
        definition = (DEFINITION_QUESTION.match(question) or EXPLAIN_QUESTION.match(question)
                      or DEFINITION_QUESTION.match(self._expansion(question)[0]))
        if definition:
            defines = re.compile(rf"^{re.escape(definition['term'].lower())}s?\s+(is|are)\b")
            scores = scores + DEFINITION_BONUS * np.array(
                [bool(defines.match(self.store.sentence_text[r].lower())) for r in rows], dtype=np.float32)
        wanted = self._expansion(question)[2] - GENERIC_TERMS
        if not wanted:
            return scores
        overlap = np.array([len(wanted & self._sentence_terms[r]) / len(wanted) for r in rows], dtype=np.float32)
        return scores + SENTENCE_OVERLAP_WEIGHT * overlap

    def encode(self, question: str) -> np.ndarray:
        """The vector of the question as searched (expanded in hybrid mode)."""
        return self.embedder.encode_queries([self.expand(question)])[0]

    def search(self, question: str, k: int, prefer: frozenset[str] = frozenset(),
               query: np.ndarray | None = None) -> tuple[list[Hit], np.ndarray, float]:
        """Best passages first, the query vector (for sentence scoring), and the best cosine
        of any passage or, in hybrid mode, any sentence (what the abstention threshold reads,
        whatever ``k`` is). Passages of the sections ``prefer`` rank first; ``query`` is the
        question's vector from ``encode``, if already made."""
        query = (self.encode(question) if query is None else query)[None, :]
        if self.lexical is not None and self.store.passages and THE_ENDING_SAYS.search(question):
            prefer = frozenset({self.store.passages[-1].section})
        n = self.store.vectors.size
        scores, ids = self.store.vectors.search(query, n if n <= 1000 else max(k * 20, 200))
        dense = {int(i): float(s) for i, s in zip(ids[0], scores[0]) if i >= 0}
        if self.lexical is not None:
            asked, expanded, _ = self._expansion(question)
            raw = self.lexical.scores(asked, expanded[len(asked):])
            top = float(raw.max()) if raw.size else 0.0
            lexical = raw / top if top > 0 else raw
        else:
            lexical = np.zeros(n, dtype=np.float32)
        w = self.lexical_weight if self.lexical is not None else 0.0
        b = SENTENCE_WEIGHT if self.lexical is not None else 0.0
        # A passage is also as close as its closest sentence: one on-point sentence should count.
        best_sentence = np.full(n, -1.0, dtype=np.float32)
        np.maximum.at(best_sentence, self._owners, self.store.sentence_vectors @ query[0])
        hits = [Hit(self.store.passages[i], (1 - b) * ((1 - w) * d + w * float(lexical[i])) + b * float(best_sentence[i])
                    + (PREFERRED_BONUS if self.store.passages[i].section in prefer else 0.0), d, float(lexical[i]), i)
                for i, d in dense.items()]
        hits.sort(key=lambda h: (-h.score, h.index))
        closest = max(dense.values(), default=0.0)
        if self.lexical is not None:  # hybrid: one sentence that says it is as close as its passage
            closest = max(closest, float(best_sentence.max()))
        return self._dedupe(hits, k), query[0], closest

    def _dedupe(self, hits: list[Hit], k: int, limit: float = 0.92) -> list[Hit]:
        """The best ``k`` hits, without passages that repeat a better-ranked one (summary lists)."""
        kept: list[Hit] = []
        for hit in hits:
            words = self._words[hit.index]
            if any(_overlap(words, self._words[other.index]) >= limit for other in kept):
                continue
            kept.append(hit)
            if len(kept) == k:
                break
        return kept


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
