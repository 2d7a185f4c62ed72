"""Shared fixtures: the real model, loaded once, and a real index built from the real corpus."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from chatbot.config import PROJECT_ROOT, Settings  # noqa: E402

CORPUS = PROJECT_ROOT / "corpus"


@pytest.fixture(scope="session")
def embedder():
    from chatbot.core import load_embedder

    return load_embedder(Settings.from_env(env={}), log=lambda _: None)


@pytest.fixture(scope="session")
def settings(tmp_path_factory) -> Settings:
    """Settings for the real corpus with an index of the tests' own (never the user's index/)."""
    return Settings.from_env(env={}, corpus_dir=CORPUS, index_dir=tmp_path_factory.mktemp("index"))


@pytest.fixture(scope="session")
def bot(settings, embedder):
    from chatbot.core import Chatbot

    return Chatbot.open(settings, log=lambda _: None, embedder=embedder)


@pytest.fixture()
def corpus_copy(tmp_path) -> Path:
    """A private copy of the corpus that a test may change."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: int = 180) -> subprocess.CompletedProcess:
    """Run ``python -m chatbot`` in a fresh process, as a user would."""
    full_env = {**os.environ, "HF_HUB_OFFLINE": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "chatbot", *args], capture_output=True, text=True,
                          env=full_env, timeout=timeout, cwd=PROJECT_ROOT)
