"""Dependencies shared by the routers."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from typing import Annotated

import anyio
from fastapi import Depends, Request

from ..answer import Answer
from ..core import Chatbot, clean_question
from ..errors import ChatbotError
from .security import redact

log = logging.getLogger("chatbot.web")


class ServiceUnavailable(ChatbotError):
    """The index could not be loaded; the message says why and how to fix it."""


def get_bot(request: Request) -> Chatbot:
    bot = request.app.state.bot
    if bot is None:
        raise ServiceUnavailable(request.app.state.problem or "the chatbot is starting")
    return bot


BotDep = Annotated[Chatbot, Depends(get_bot)]


class AnswerCache:
    """A small LRU of replies to repeated questions (FAQ traffic repeats)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, int | None], Answer] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, int | None]) -> Answer | None:
        with self._lock:
            answer = self._items.get(key)
            if answer is not None:
                self._items.move_to_end(key)
            return answer

    def put(self, key: tuple[str, int | None], answer: Answer) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._items[key] = answer
            while len(self._items) > self.size:
                self._items.popitem(last=False)


async def answer_for(request: Request, question: object, top_k: int | None) -> Answer:
    """Ask the cache, else the chatbot in a worker thread; log the status, never the question
    unless opted in. Cache hits are served on the event loop without waiting for a thread;
    misses take the one compute lane (``app.state.compute``), because on a small machine
    concurrent encodings only fight over the cores and the GIL."""
    bot = get_bot(request)
    text = clean_question(question, request.app.state.settings.max_question_chars)  # the core's own cleaning
    key = (text.lower(), top_k)
    cache: AnswerCache = request.app.state.cache
    answer = cache.get(key)
    if answer is None:
        answer = await anyio.to_thread.run_sync(bot.ask, text, top_k, limiter=request.app.state.compute)
        cache.put(key, answer)
    elif answer.question != text:  # the same question typed in another case
        answer = Answer(**{**answer.__dict__, "question": text})
    log.info("answer status=%s sources=%d", answer.status, len(answer.sources))
    if request.app.state.settings.log_questions:
        log.info("question (redacted): %s", redact(answer.question))
    return answer
