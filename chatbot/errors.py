"""The chatbot's own error types. Adapters translate them at the edge:
the CLI into a one-line message and an exit code, the web layer into an HTTP status."""

from __future__ import annotations


class ChatbotError(Exception):
    """Base class: a problem a user or operator can fix, with a readable message."""

    exit_code = 1


class ConfigError(ChatbotError):
    """A setting has a bad value."""

    exit_code = 2


class BadQuestion(ChatbotError):
    """The question is empty, too long or not text."""

    exit_code = 2


class CorpusError(ChatbotError):
    """A corpus file cannot be read or holds nothing usable."""


class IndexProblem(ChatbotError):
    """The index is missing, stale or damaged. The message names the fix."""

    fix = "run: python -m chatbot build"

    def __init__(self, problem: str) -> None:
        super().__init__(f"{problem}; {self.fix}")
        self.problem = problem


class IndexMissing(IndexProblem):
    """No index has been built yet."""


class IndexStale(IndexProblem):
    """The index was built from another corpus or model."""


class IndexCorrupt(IndexProblem):
    """An index file is truncated, unreadable or does not match its manifest."""


class EvalFileError(ChatbotError):
    """An evaluation file cannot be read."""

    exit_code = 2
