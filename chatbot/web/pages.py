"""HTML routes: the chat page (works without JavaScript) and the embeddable widget script."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from ..errors import BadQuestion
from .deps import ServiceUnavailable, answer_for

router = APIRouter()

STARTERS = [
    "What are exosomes?",
    "Are exosomes safe?",
    "Can exosomes help with hair loss?",
    "Where are exosomes found in the body?",
    "How are exosomes used in skin care?",
]
WIDGET_PARTS = ("render.js", "widget.js")
STATIC = Path(__file__).resolve().parent / "static"


def render_page(request: Request, question: str = "", answer=None, error: str = "", status_code: int = 200):
    settings = request.app.state.settings
    return request.app.state.templates.TemplateResponse(
        request, "index.html",
        {"question": question, "answer": answer, "error": error, "starters": STARTERS,
         "notice": settings.notice, "emergency_number": settings.emergency_number,
         "max_chars": settings.max_question_chars},
        status_code=status_code)


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def page(request: Request):
    return render_page(request)


@router.post("/", response_class=HTMLResponse, include_in_schema=False)
async def page_form(request: Request, question: Annotated[str, Form(max_length=100_000)] = ""):
    """The no-JavaScript path: the form posts here and the server renders the reply."""
    try:
        answer = await answer_for(request, question, None)
    except BadQuestion as exc:
        return render_page(request, question, error=f"Please check your question: {exc}.", status_code=422)
    except ServiceUnavailable as exc:
        return render_page(request, question, error=f"The assistant is unavailable right now ({exc}).",
                           status_code=503)
    return render_page(request, question, answer=answer)


@lru_cache(maxsize=1)
def widget_script() -> str:
    return "\n".join((STATIC / name).read_text(encoding="utf-8") for name in WIDGET_PARTS)


@router.get("/widget.js", include_in_schema=False)
def widget() -> Response:
    """One script that embeds the chat bubble on any site (the renderer and the widget together)."""
    return Response(widget_script(), media_type="text/javascript; charset=utf-8",
                    headers={"Cache-Control": "public, max-age=300"})
