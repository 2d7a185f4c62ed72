"""Index: FAISS vectors plus passages plus a manifest, saved to and loaded from ``index/``.

``VectorIndex`` is the seam over FAISS (``build / save / load / search``): exact
inner-product search for small corpora, an inverted-file index (IVF) above
``APPROXIMATE_THRESHOLD`` vectors, its recall against exact search measured in the benchmark.
``StoredIndex`` is the self-describing directory: ``vectors.faiss`` (passages),
``sentences.npy`` (one vector per passage sentence, for extractive answers),
``passages.jsonl`` and ``manifest.json`` (model, dimension, corpus hash, build
time). Loading checks the manifest against the corpus and settings.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np

from .errors import IndexCorrupt, IndexMissing, IndexStale
from .ingest import corpus_hash
from .split import Passage

FORMAT_VERSION = 1
APPROXIMATE_THRESHOLD = 50_000
NPROBE = 32  # lists searched per query: recall@10 vs exact is measured by benchmarks/bench.py
MANIFEST = "manifest.json"
VECTORS = "vectors.faiss"
SENTENCES = "sentences.npy"
PASSAGES = "passages.jsonl"


class VectorIndex:
    """Normalised vectors searchable by inner product (= cosine)."""

    def __init__(self, faiss_index: Any) -> None:
        self._index = faiss_index
        if hasattr(faiss_index, "nprobe"):  # FAISS does not save it with the index
            faiss_index.nprobe = NPROBE

    @property
    def kind(self) -> str:
        return type(self._index).__name__

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    @classmethod
    def build(cls, vectors: np.ndarray, threshold: int = APPROXIMATE_THRESHOLD) -> "VectorIndex":
        """Exact search below ``threshold`` vectors; IVF (k-means lists, exact within a list) above.

        IVF rather than HNSW: on this 2-core machine HNSW took ~23 s per 100k vectors to
        build, IVF ~2.4 s, at similar recall (see the README's performance section).
        """
        import faiss

        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        n, dim = vectors.shape
        if n < threshold:
            index = faiss.IndexFlatIP(dim)
        else:
            nlist = int(4 * np.sqrt(n))
            index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
            sample = vectors[np.random.default_rng(0).choice(n, size=min(n, 64 * nlist), replace=False)]
            index.train(sample)
        index.add(vectors)
        return cls(index)

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        k = max(1, min(k, self.size))
        scores, ids = self._index.search(np.ascontiguousarray(queries, dtype=np.float32), k)
        return scores, ids

    def save(self, path: Path) -> None:
        import faiss

        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path) -> "VectorIndex":
        import faiss

        try:
            return cls(faiss.read_index(str(path)))
        except RuntimeError as exc:  # FAISS reports truncated or foreign files this way
            raise IndexCorrupt(f"{path} is damaged or not a FAISS index") from exc


@dataclass
class Manifest:
    format_version: int
    model: str
    dimension: int
    corpus_hash: str
    build_time: str
    build_seconds: float
    passages: int
    sentences: int
    index_type: str
    documents: list[str]


@dataclass
class StoredIndex:
    """Everything retrieval needs, as loaded from the index directory."""

    manifest: Manifest
    passages: list[Passage]
    vectors: VectorIndex
    sentence_vectors: np.ndarray
    sentence_owner: list[int]  # passage index of each sentence vector
    sentence_text: list[str]


def check(index_dir: Path, model: str, corpus_dir: Path) -> Manifest:
    """Read the manifest and say whether it fits the corpus and model; raise if not."""
    path = index_dir / MANIFEST
    if not path.exists():
        raise IndexMissing(f"no index in {index_dir}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        manifest = Manifest(**data)
    except (ValueError, TypeError, OSError) as exc:
        raise IndexCorrupt(f"{path} is unreadable") from exc
    if manifest.format_version != FORMAT_VERSION:
        raise IndexStale(f"index in {index_dir} has format {manifest.format_version}, this version reads {FORMAT_VERSION}")
    if manifest.model != model:
        raise IndexStale(f"index in {index_dir} was built with model {manifest.model!r}, settings say {model!r}")
    if manifest.corpus_hash != corpus_hash(corpus_dir):
        raise IndexStale(f"index in {index_dir} is stale: the corpus in {corpus_dir} has changed since it was built")
    return manifest


def load(index_dir: Path, model: str, corpus_dir: Path) -> StoredIndex:
    manifest = check(index_dir, model, corpus_dir)
    try:
        passages = [Passage(**json.loads(line)) for line in
                    (index_dir / PASSAGES).read_text(encoding="utf-8").splitlines() if line.strip()]
        sentence_vectors = np.load(index_dir / SENTENCES, allow_pickle=False)
    except FileNotFoundError as exc:
        raise IndexCorrupt(f"{exc.filename} is missing") from exc
    except (ValueError, TypeError, OSError, EOFError) as exc:
        raise IndexCorrupt(f"an index file in {index_dir} is truncated or damaged ({type(exc).__name__})") from exc
    if not (index_dir / VECTORS).exists():
        raise IndexCorrupt(f"{index_dir / VECTORS} is missing")
    vectors = VectorIndex.load(index_dir / VECTORS)
    owners, texts = _sentences(passages)
    if (len(passages) != manifest.passages or vectors.size != manifest.passages
            or sentence_vectors.shape != (len(texts), manifest.dimension)):
        raise IndexCorrupt(f"the files in {index_dir} do not match its manifest")
    return StoredIndex(manifest, passages, vectors, sentence_vectors, owners, texts)


def build(index_dir: Path, model: str, corpus_dir: Path, passages: list[Passage],
          embedder: Any, log: Callable[[str], None] = lambda _: None, progress: bool = False) -> Manifest:
    """Embed passages and their sentences, and write the index directory atomically."""
    started = time.perf_counter()
    digest = corpus_hash(corpus_dir)
    log(f"embedding {len(passages)} passages with {model}")
    passage_vectors = embedder.encode_documents([p.context_text() for p in passages], progress=progress)
    owners, texts = _sentences(passages)
    log(f"embedding {len(texts)} sentences")
    sentence_vectors = embedder.encode_documents(
        [passages[owner].sentence_context(text) for owner, text in zip(owners, texts)], progress=progress)
    vectors = VectorIndex.build(passage_vectors)
    manifest = Manifest(
        format_version=FORMAT_VERSION, model=model, dimension=int(passage_vectors.shape[1]),
        corpus_hash=digest, build_time=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        build_seconds=round(time.perf_counter() - started, 3), passages=len(passages),
        sentences=len(texts), index_type=vectors.kind, documents=sorted({p.document for p in passages}))
    index_dir.mkdir(parents=True, exist_ok=True)
    # Write into a temporary folder, then move files in: a crash never leaves half an index,
    # and the manifest goes last so a reader never sees a manifest without its files.
    with tempfile.TemporaryDirectory(dir=index_dir, prefix=".build-") as tmp:
        tmp_dir = Path(tmp)
        vectors.save(tmp_dir / VECTORS)
        np.save(tmp_dir / SENTENCES, sentence_vectors)
        (tmp_dir / PASSAGES).write_text(
            "".join(json.dumps(asdict(p), ensure_ascii=False) + "\n" for p in passages), encoding="utf-8")
        (tmp_dir / MANIFEST).write_text(json.dumps(asdict(manifest), indent=2) + "\n", encoding="utf-8")
        (index_dir / MANIFEST).unlink(missing_ok=True)
        for name in (VECTORS, SENTENCES, PASSAGES, MANIFEST):
            os.replace(tmp_dir / name, index_dir / name)
    log(f"wrote {index_dir} ({len(passages)} passages, {manifest.index_type}) in {manifest.build_seconds:.1f} s")
    return manifest


def _sentences(passages: list[Passage]) -> tuple[list[int], list[str]]:
    owners: list[int] = []
    texts: list[str] = []
    for i, passage in enumerate(passages):
        for sentence in passage.sentences():
            owners.append(i)
            texts.append(sentence)
    return owners, texts
