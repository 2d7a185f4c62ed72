"""Embed: turn text into normalised vectors (cosine = inner product).

``Embedder`` is the seam: ``encode_queries`` / ``encode_documents``. The
reference implementation wraps sentence-transformers, imported lazily because
importing it costs seconds; the model loads offline from a local path.
"""

from __future__ import annotations

import os
from typing import Protocol

import numpy as np

from .errors import ConfigError


class Embedder(Protocol):
    name: str
    dimension: int

    def encode_queries(self, texts: list[str]) -> np.ndarray: ...

    def encode_documents(self, texts: list[str], progress: bool = False) -> np.ndarray: ...


class SentenceTransformerEmbedder:
    """The reference embedder: a sentence-transformers model, loaded once."""

    def __init__(self, name: str, path: str) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from sentence_transformers import SentenceTransformer  # slow import: only here
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # the weight-loading bar is noise on every start

        try:
            self.model = SentenceTransformer(path, device="cpu")
        except (OSError, ValueError) as exc:
            raise ConfigError(f"cannot load embedding model {path!r}: {exc}") from exc
        self.name = name
        get_dimension = getattr(self.model, "get_embedding_dimension", None) or \
            self.model.get_sentence_embedding_dimension
        self.dimension = int(get_dimension())

    def _encode(self, texts: list[str], progress: bool) -> np.ndarray:
        vectors = self.model.encode(texts, batch_size=32, normalize_embeddings=True,
                                    convert_to_numpy=True, show_progress_bar=progress)
        return np.ascontiguousarray(vectors, dtype=np.float32).reshape(len(texts), self.dimension)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, progress=False)

    def encode_documents(self, texts: list[str], progress: bool = False) -> np.ndarray:
        return self._encode(texts, progress=progress)


def load_embedder(model: str, path: str) -> Embedder:
    return SentenceTransformerEmbedder(model, path)
