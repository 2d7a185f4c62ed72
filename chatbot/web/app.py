"""The web app factory: loads the chatbot once (in ``lifespan``) and wires routers and middleware.

The web layer only adapts: every answer comes from ``Chatbot.ask``.
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path

import anyio
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..config import Settings
from ..core import Chatbot
from ..errors import ChatbotError
from .deps import AnswerCache, ServiceUnavailable
from .security import BodyLimitMiddleware, RateLimitMiddleware, RequestLogMiddleware, SecurityHeadersMiddleware

HERE = Path(__file__).resolve().parent
log = logging.getLogger("chatbot.web")


def create_app(settings: Settings | None = None, bot: Chatbot | None = None) -> FastAPI:
    """Build the app. Pass ``bot`` to reuse a loaded chatbot (tests, several apps in one process)."""
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if app.state.bot is None:
            try:
                app.state.bot = Chatbot.open(settings, log=log.warning)
                app.state.problem = ""
            except ChatbotError as exc:  # serve 503s with the fix rather than die
                app.state.problem = str(exc)
                log.error("chatbot not available: %s", exc)
        yield

    app = FastAPI(title="Exosome patient-education chatbot",
                  description="Sourced, extractive answers about exosomes. Every reply carries the advice to "
                              "consult a qualified doctor.",
                  version="0.1.0", lifespan=lifespan)
    app.state.settings = settings
    app.state.bot = bot
    app.state.problem = ""
    app.state.cache = AnswerCache(settings.cache_size)
    app.state.compute = anyio.CapacityLimiter(1)  # one question encoded at a time per process
    app.state.templates = templates()

    from .api import router as api_router
    from .pages import router as pages_router

    app.include_router(api_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(ServiceUnavailable)
    async def unavailable(request: Request, exc: ServiceUnavailable) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": "30"})

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        # A bug must not show a traceback to users or take the server down; log its type only
        # (its message could quote the question).
        log.error("unexpected %s on %s %s", type(exc).__name__, request.method, request.url.path)
        return JSONResponse({"detail": "internal error; please try again"}, status_code=500)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": readable_errors(exc.errors())}, status_code=422)

    # Order: the last added runs first. Headers wrap everything, then logging, limits, CORS.
    origins = [o.strip() for o in settings.allowed_origins.split(",") if o.strip()]
    app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
                       allow_headers=["Content-Type"], max_age=600)
    app.add_middleware(RateLimitMiddleware, limit=settings.rate_limit, window=settings.rate_window,
                       trust_proxy=settings.trust_proxy, paths=("/api/ask", "/"))
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestLogMiddleware)
    app.add_middleware(SecurityHeadersMiddleware, frame_ancestors=settings.frame_ancestors)
    return app


def templates() -> Jinja2Templates:
    """One Jinja environment, autoescape on for every template."""
    t = Jinja2Templates(directory=HERE / "templates")
    t.env.autoescape = True
    return t


def readable_errors(errors: list) -> str:
    parts = []
    for error in errors:
        where = ".".join(str(p) for p in error.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"
