"""A fast query encoder: the same BERT sentence-transformers model, run in plain NumPy.

Importing sentence-transformers (and torch) takes about 9 s on a 2-core machine;
a question needs one forward pass over a dozen tokens. This module reads the
model directory's own files (``tokenizer.json``, ``model.safetensors``,
``config.json``, ``1_Pooling/config.json``) and computes the same embedding with
NumPy and the ``tokenizers`` library, which import in a fraction of a second.
It supports BERT models with mean pooling (all-MiniLM-L6-v2 among them);
anything else falls back to sentence-transformers, which stays the reference:
tests check that both agree (cosine >= 0.999).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np


class UnsupportedModel(Exception):
    """The model directory is not a mean-pooled BERT this encoder can run."""


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def _erf(x: np.ndarray) -> np.ndarray:
    """Abramowitz & Stegun 7.1.26 (error < 1.5e-7): NumPy has no erf and SciPy is slow to import."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-a * a))


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


class NumpyBertEmbedder:
    """Implements the ``Embedder`` interface for mean-pooled BERT sentence-transformers models."""

    def __init__(self, name: str, path: str) -> None:
        folder = Path(path)
        try:
            config = json.loads((folder / "config.json").read_text())
            modules = json.loads((folder / "modules.json").read_text())
            pooling = json.loads((folder / "1_Pooling" / "config.json").read_text())
        except (OSError, ValueError) as exc:
            raise UnsupportedModel(f"{path}: not a local sentence-transformers folder ({exc})") from exc
        kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
        if (config.get("model_type") != "bert" or config.get("hidden_act") != "gelu"
                or config.get("position_embedding_type", "absolute") != "absolute"
                or kinds[:2] != ["Transformer", "Pooling"] or set(kinds[2:]) - {"Normalize"}
                or not pooling.get("pooling_mode_mean_tokens")
                or any(pooling.get(k) for k in ("pooling_mode_cls_token", "pooling_mode_max_tokens",
                                                "pooling_mode_mean_sqrt_len_tokens"))):
            raise UnsupportedModel(f"{path}: only mean-pooled BERT models run without torch")
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        try:
            st_config = json.loads((folder / "sentence_bert_config.json").read_text())
        except (OSError, ValueError):
            st_config = {}
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=int(st_config.get("max_seq_length", 256)))
        self.tokenizer.no_padding()
        weights = load_file(str(folder / "model.safetensors"))
        self.prefix = "bert." if "bert.embeddings.word_embeddings.weight" in weights else ""
        # Dense weights transposed once, contiguous, so every matmul is a plain BLAS call.
        self.weights = {k: np.ascontiguousarray(v.T if v.ndim == 2 and ".embeddings." not in f".{k}" else v,
                                                dtype=np.float32)
                        for k, v in weights.items() if not k.endswith("position_ids")}
        self.layers = int(config["num_hidden_layers"])
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.name = name
        self.dimension = int(config["hidden_size"])

    def _w(self, key: str) -> np.ndarray:
        return self.weights[self.prefix + key]

    def _dense(self, x: np.ndarray, key: str) -> np.ndarray:
        return x @ self._w(key + ".weight") + self._w(key + ".bias")

    def _embed_one(self, text: str) -> np.ndarray:
        ids = np.asarray(self.tokenizer.encode(text).ids, dtype=np.int64)
        n = len(ids)
        x = (self._w("embeddings.word_embeddings.weight")[ids]
             + self._w("embeddings.position_embeddings.weight")[:n]
             + self._w("embeddings.token_type_embeddings.weight")[0])
        x = _layer_norm(x, self._w("embeddings.LayerNorm.weight"), self._w("embeddings.LayerNorm.bias"), self.eps)
        head = self.dimension // self.heads
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            q = self._dense(x, p + "attention.self.query").reshape(n, self.heads, head).transpose(1, 0, 2)
            k = self._dense(x, p + "attention.self.key").reshape(n, self.heads, head).transpose(1, 0, 2)
            v = self._dense(x, p + "attention.self.value").reshape(n, self.heads, head).transpose(1, 0, 2)
            scores = q @ k.transpose(0, 2, 1) / math.sqrt(head)  # a Python float keeps float32
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            probs = scores / scores.sum(axis=-1, keepdims=True)
            context = (probs @ v).transpose(1, 0, 2).reshape(n, self.dimension)
            x = _layer_norm(self._dense(context, p + "attention.output.dense") + x,
                            self._w(p + "attention.output.LayerNorm.weight"),
                            self._w(p + "attention.output.LayerNorm.bias"), self.eps)
            inner = _gelu(self._dense(x, p + "intermediate.dense"))
            x = _layer_norm(self._dense(inner, p + "output.dense") + x, self._w(p + "output.LayerNorm.weight"),
                            self._w(p + "output.LayerNorm.bias"), self.eps)
        pooled = x.mean(axis=0)
        return pooled / max(float(np.linalg.norm(pooled)), 1e-12)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._embed_one(t) for t in texts]).astype(np.float32)

    def encode_documents(self, texts: list[str], progress: bool = False) -> np.ndarray:
        return self.encode_queries(texts)
