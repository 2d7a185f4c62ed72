"""JSON routes: ``POST /api/ask`` and ``GET /healthz``."""

from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ..answer import Answer
from ..errors import BadQuestion
from .deps import BotDep, answer_for

router = APIRouter()


class AskRequest(BaseModel):
    question: str = Field(description="The patient's question, as typed.", examples=["are exosomes safe"])
    top_k: Optional[int] = Field(default=None, ge=1, le=20, description="How many sources to return.")


class Health(BaseModel):
    status: str
    passages: int = 0
    model: str = ""
    index_built: str = ""
    detail: str = ""


@router.post("/api/ask", response_model=Answer, tags=["chat"],
             responses={422: {"description": "Empty, too long or malformed question"},
                        413: {"description": "Body too large"}, 429: {"description": "Too many requests"},
                        503: {"description": "Index not loaded"}})
async def ask(body: AskRequest, bot: BotDep, request: Request):  # BotDep: 503 until the index is loaded
    try:
        answer = await answer_for(request, body.question, body.top_k)
    except BadQuestion as exc:
        return JSONResponse({"detail": str(exc)}, status_code=422)
    # The same object as ``response_model`` documents, serialised directly (no re-validation).
    return JSONResponse(answer.to_dict())


@router.get("/healthz", response_model=Health, tags=["ops"], responses={503: {"model": Health}})
def healthz(request: Request):
    bot = request.app.state.bot
    if bot is None:
        detail = request.app.state.problem or "starting"
        return JSONResponse(Health(status="unavailable", detail=detail).model_dump(), status_code=503)
    manifest = bot.store.manifest
    return Health(status="ok", passages=manifest.passages, model=manifest.model, index_built=manifest.build_time)
