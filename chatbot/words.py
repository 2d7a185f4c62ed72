"""Chat-speak and apostrophe-less spellings patients type, shared by safety triage and retrieval."""

import re
import unicodedata

CHAT_SPEAK = {
    "r": "are", "u": "you", "ur": "your", "wat": "what", "wot": "what", "y": "why", "abt": "about",
    "pls": "please", "plz": "please", "thx": "thanks", "b4": "before",
    "shud": "should", "shld": "should", "cud": "could", "wud": "would", "wats": "what's", "rn": "right now",
    "msg": "message", "msgs": "messages", "bc": "because", "cuz": "because", "coz": "because",
    "im": "i'm", "ive": "i've", "cant": "can't", "couldnt": "couldn't", "wont": "won't", "dont": "don't",
    "nowt": "nothing", "owt": "anything", "folk": "people",  # northern English
    "kinda": "kind of", "sorta": "sort of", "gonna": "going to", "wanna": "want to", "gotta": "have to",
    "gimme": "give me", "lemme": "let me", "docs": "doctors",  # American casual
    "hes": "he's", "shes": "she's", "theyre": "they're", "isnt": "isn't", "doesnt": "doesn't",
}


def written_out(text: str) -> str:
    """The text with its chat-speak written out ("y r exosomes good" -> "why are exosomes good"), so that
    it is searched as the plain question it is, not near other questions typed the same way."""
    # Whole words only: "ur" in "ur-example" is none.
    return re.sub(r"(?<![\w'-])[a-z0-9]+(?![\w'-])", lambda word: CHAT_SPEAK.get(word.group().lower(), word.group()),
                  text, flags=re.IGNORECASE)


# Shorthand with a slash: "w/" is "with", "w/o" "without", and two words either side of one are both
# asked about ("hx/condition", "collect/study"); not "and/or", single letters ("y/n") or numbers ("24/7").
WITH = re.compile(r"\bw/(o\b)?(?=\s*\w)", re.IGNORECASE)
SLASHED = re.compile(r"\b(?!and/or\b)([a-z]{2,})/(?=[a-z]{2,}\b)", re.IGNORECASE)


def slashes_read(text: str) -> str:
    """The text with its shorthand slashes read out ("risk of infxn w/ exos" -> "risk of infxn with exos",
    "med/cosmetic care" -> "med and cosmetic care")."""
    read = SLASHED.sub(r"\1 and ", WITH.sub(lambda w: "without " if w.group(1) else "with ", text))
    return " ".join(read.split()) if read != text else text


def without_emoji(text: str) -> str:
    """The text without its emoji and other pictographs ("what do exosomes actually do 🤷‍♀️"): they name
    nothing the article has, yet pulled the model's reading of a question away from its words."""
    kept = "".join(" " if unicodedata.category(ch) in ("So", "Sk") else ch for ch in text
                   if ch not in "\u200d\ufe0e\ufe0f")  # the joiner and variation selectors inside emoji
    return " ".join(kept.split()) if kept != text else text


# Chat fillers: they ask nothing and name nothing ("whats an exosome lol").
CHAT_FILLERS = frozenset({"lol", "lmao", "haha", "hehe", "omg", "idk", "tbh", "ngl", "btw", "hey", "hi", "hello", "ok",
                          "okay", "um", "uh", "hmm"})


# Punctuation spoken to a phone's dictation ("what are exosomes question mark"): it asks nothing.
SPOKEN_PUNCTUATION = re.compile(r"\b(question mark|exclamation (mark|point)|comma|full stop|new line|new paragraph)\b",
                                re.IGNORECASE)
# "Period" is spoken punctuation only at the end, after no word that makes it a length of time
# or a menstrual period ("... this article period", not "my period" or "the recovery period").
PERIOD_OF = ("my", "her", "the", "a", "this", "that", "your", "own", "any", "each", "every", "long", "short", "trial",
             "waiting", "recovery", "healing", "monthly", "menstrual", "time")
SPOKEN_PERIOD = re.compile("".join(rf"(?<!\b{word})" for word in PERIOD_OF) + r"\s+period\s*[.!?]*\s*$", re.IGNORECASE)
# A dictated "exosome" heard as two words ("exo zomes", "exo some").
EXO_SPLIT = re.compile(r"\bexo[\s-]+[sz](?:ome|um)(s?)\b", re.IGNORECASE)


def without_dictation(text: str) -> str:
    """The text without what dictation adds ("um what are exo zomes question mark" -> "um what are
    exosomes"): spoken punctuation asks nothing, and a split "exo some" is one word."""
    plain = EXO_SPLIT.sub(lambda found: "exosome" + found.group(1), text)
    plain = SPOKEN_PERIOD.sub("", SPOKEN_PUNCTUATION.sub(" ", plain))
    return " ".join(plain.split()) if plain != text else text
