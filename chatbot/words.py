"""Chat-speak and apostrophe-less spellings patients type, shared by safety triage and retrieval."""

CHAT_SPEAK = {
    "r": "are", "u": "you", "ur": "your", "wat": "what", "wot": "what", "y": "why", "abt": "about",
    "pls": "please", "plz": "please", "thx": "thanks", "b4": "before",
    "im": "i'm", "ive": "i've", "cant": "can't", "couldnt": "couldn't", "wont": "won't", "dont": "don't",
    "hes": "he's", "shes": "she's", "theyre": "they're", "isnt": "isn't", "doesnt": "doesn't",
}

# Chat fillers: they ask nothing and name nothing ("whats an exosome lol").
CHAT_FILLERS = frozenset({"lol", "lmao", "haha", "hehe", "omg", "idk", "tbh", "ngl", "btw", "hey", "hi", "hello", "ok",
                          "okay", "um", "uh", "hmm"})
