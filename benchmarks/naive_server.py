"""The naive baseline server for the benchmark: what a plain implementation looks like.

sentence-transformers loaded at start, every question encoded with torch inside an
``async def`` route (blocking the event loop), exact FAISS search, no cache.
Run: ``python -m uvicorn benchmarks.naive_server:app --port 8101`` (with
``BENCH_INDEX_DIR`` pointing at a built index).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import faiss
from fastapi import FastAPI
from pydantic import BaseModel
from sentence_transformers import SentenceTransformer

os.environ.setdefault("HF_HUB_OFFLINE", "1")
INDEX_DIR = Path(os.environ.get("BENCH_INDEX_DIR", "index"))
MODEL_PATH = os.environ["BENCH_MODEL_PATH"]

model = SentenceTransformer(MODEL_PATH, device="cpu")
index = faiss.read_index(str(INDEX_DIR / "vectors.faiss"))
passages = [json.loads(line) for line in (INDEX_DIR / "passages.jsonl").read_text().splitlines()]
app = FastAPI()


class Ask(BaseModel):
    question: str


@app.post("/api/ask")
async def ask(body: Ask) -> dict:
    vector = model.encode([body.question], normalize_embeddings=True)
    scores, ids = index.search(vector, 3)
    return {"question": body.question, "sources": [passages[i] for i in ids[0]], "score": float(scores[0][0])}


@app.get("/healthz")
async def healthz() -> dict:
    return {"status": "ok"}
