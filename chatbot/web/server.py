"""``python -m chatbot serve``: build the index if needed, then run uvicorn."""

from __future__ import annotations

import logging

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
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    log_stderr(f"starting the chat on http://{host}:{port} (Ctrl+C to stop)")
    # access_log off: uvicorn's access log records client addresses; ours records no personal data.
    uvicorn.run("chatbot.web.server:create_app_from_env", factory=True, host=host, port=port,
                workers=workers, access_log=False, log_level="info")
