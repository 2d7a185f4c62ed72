"""Hardening middleware (pure ASGI): security headers, body size limit, per-client rate limit, privacy-safe logs."""

from __future__ import annotations

import json
import logging
import math
import re
import threading
import time
from typing import Any, Callable

Scope = dict[str, Any]
log = logging.getLogger("chatbot.web")

REDACTIONS = [
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "[email]"),
    (re.compile(r"\+?\d[\d\s().-]{6,}\d"), "[number]"),
    (re.compile(r"\d{4,}"), "[number]"),
]


def redact(text: str) -> str:
    """Remove emails, phone numbers and long digit runs (for the opt-in question log)."""
    for pattern, replacement in REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


async def send_json(send: Callable, status: int, body: dict, headers: list[tuple[bytes, bytes]] = ()) -> None:
    payload = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode()),
                            *headers]})
    await send({"type": "http.response.body", "body": payload})


class SecurityHeadersMiddleware:
    """Security headers on every response; a CSP that fits the page (no inline script or style)."""

    def __init__(self, app, frame_ancestors: str = "'self'") -> None:
        self.app = app
        csp = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               f"connect-src 'self'; base-uri 'none'; form-action 'self'; object-src 'none'; "
               f"frame-ancestors {frame_ancestors}")
        self.headers = [
            (b"content-security-policy", csp.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"strict-origin-when-cross-origin"),
            (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]

    async def __call__(self, scope: Scope, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        docs = scope["path"] in ("/docs", "/redoc")  # Swagger UI needs its CDN script and inline code

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [h for h in self.headers if h[0] not in names and not (docs and h[0] == b"content-security-policy")]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimitMiddleware:
    """413 for bodies over the limit, whether announced by Content-Length or streamed."""

    def __init__(self, app, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers", [])).get(b"content-length")
        too_big = {"detail": f"request body too large (at most {self.max_bytes} bytes)"}
        if length is not None:
            try:
                announced = int(length)
            except ValueError:
                return await send_json(send, 400, {"detail": "invalid Content-Length"})
            if announced > self.max_bytes:
                return await send_json(send, 413, too_big)
        received = 0
        responded = False

        async def limited_receive() -> dict:
            nonlocal received, responded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # Answer 413 now and tell the app the client has gone, so it stops reading.
                    if not responded:
                        responded = True
                        await send_json(send, 413, too_big)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: dict) -> None:
            if not responded:  # once the 413 is out, whatever the app says is dropped
                await send(message)

        await self.app(scope, limited_receive, guarded_send)




class RateLimitMiddleware:
    """Fixed-window request counting per client for POSTs to the given paths; 429 with Retry-After."""

    def __init__(self, app, limit: int, window: int, trust_proxy: bool = False, paths: tuple[str, ...] = ()) -> None:
        self.app = app
        self.limit = limit
        self.window = max(1, window)
        self.trust_proxy = trust_proxy
        self.paths = set(paths)
        self._counts: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def client_key(self, scope: Scope) -> str:
        if self.trust_proxy:
            forwarded = dict(scope.get("headers", [])).get(b"x-forwarded-for", b"").decode("latin-1")
            if forwarded.strip():
                return forwarded.split(",")[0].strip()  # the client as seen by our own proxy
        client = scope.get("client")
        return client[0] if client else "unknown"

    def check(self, key: str, now: float) -> float:
        """0 if the request may go on, else the seconds until the client may retry."""
        with self._lock:
            start, count = self._counts.get(key, (now, 0))
            if now - start >= self.window:
                start, count = now, 0
            if count >= self.limit:
                return start + self.window - now
            self._counts[key] = (start, count + 1)
            if len(self._counts) > 10_000:  # forget finished windows so memory stays bounded
                self._counts = {k: v for k, v in self._counts.items() if now - v[0] < self.window}
            return 0.0

    async def __call__(self, scope: Scope, receive: Callable, send: Callable) -> None:
        if (scope["type"] == "http" and self.limit > 0 and scope["method"] == "POST" and scope["path"] in self.paths):
            wait = self.check(self.client_key(scope), time.monotonic())
            if wait > 0:
                retry = str(max(1, math.ceil(wait))).encode()
                return await send_json(send, 429, {"detail": "too many questions; please wait a moment"},
                                       [(b"retry-after", retry)])
        await self.app(scope, receive, send)


class RequestLogMiddleware:
    """One log line per request: method, path, status, time. Never the question text."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        status = 500

        async def capture(message: dict) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, capture)
        finally:
            log.info("%s %s %s %.1fms", scope["method"], scope["path"], status,
                     (time.perf_counter() - started) * 1000)
