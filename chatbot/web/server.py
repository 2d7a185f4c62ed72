"""``python -m chatbot serve``: build the index if needed, then run uvicorn."""

from __future__ import annotations

import logging
import os

from ..config import Settings
from ..core import build_index, log_stderr
from ..errors import IndexMissing, IndexStale
from .. import index as index_store


def create_app_from_env():
    """App factory for uvicorn workers: each reads settings from the environment."""
    from .app import create_app

    return create_app(Settings.from_env())


def run(settings: Settings, host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    import uvicorn

    # Build once here, before workers start, so several workers never race to write index/.
    try:
        index_store.check(settings.index_dir, settings.model, settings.corpus_dir)
    except (IndexMissing, IndexStale) as problem:
        if settings.auto_build:
            log_stderr(f"{problem.problem}: building it now")
            build_index(settings, progress=True)
    if workers > 1:
        # Each worker process gets its share of the cores for BLAS; oversubscribed OpenBLAS threads
        # spin against each other (measured: 6 req/s instead of 120 with 2 workers on 2 cores).
        threads = str(max(1, (os.cpu_count() or 1) // workers))
        for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(variable, threads)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    log_stderr(f"starting the chat on http://{host}:{port} (Ctrl+C to stop)")
    # access_log off: uvicorn's access log records client addresses; ours records no personal data.
    uvicorn.run("chatbot.web.server:create_app_from_env", factory=True, host=host, port=port,
                workers=workers, access_log=False, log_level="info")
