"""Evaluation: run the bot over a question set, then score the results.

Three separate steps, so each can be tested on its own: ``load_items`` reads
JSON Lines or CSV; ``run`` asks the bot (the same core the CLI and web use);
``compute_metrics`` and ``choose_threshold`` are pure functions over plain
results. ``main`` and ``calibrate_main`` are the command-line adapters.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .answer import ANSWERED, OUT_OF_SCOPE, STATUSES
from .config import Settings
from .errors import ChatbotError, EvalFileError


@dataclass
class EvalItem:
    question: str
    expect: str = ANSWERED
    sections: list[str] = field(default_factory=list)
    split: str = ""
    line: int = 0


@dataclass
class EvalResult:
    """One question's outcome. The first seven fields are the contract; the rest are added."""

    question: str
    expect: str
    status: str
    sections: list[str]  # headings of the returned sources, best first
    notice: str
    rank: int | None  # 1-based rank of the first right source
    ok: bool
    expected_sections: list[str] = field(default_factory=list)
    score: float = 0.0
    latency_ms: float = 0.0
    answer: str = ""
    split: str = ""


# ---------------------------------------------------------------- input

def load_items(path: Path, strict: bool = False) -> tuple[list[EvalItem], list[str]]:
    """Items and the problems found (``line N: why``); malformed lines are skipped, or refused when strict."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise EvalFileError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalFileError(f"{path}: cannot read ({exc})") from None
    rows = _csv_rows(text) if path.suffix.lower() == ".csv" else _jsonl_rows(text)
    items: list[EvalItem] = []
    problems: list[str] = []
    for line, row in rows:
        try:
            items.append(_item(row, line))
        except ValueError as exc:
            problems.append(f"line {line}: {exc}")
    if strict and problems:
        raise EvalFileError(f"{path}: {len(problems)} malformed line(s), refused (--strict): " + "; ".join(problems))
    if not items:
        raise EvalFileError(f"{path}: no usable questions" + (f" ({'; '.join(problems[:3])})" if problems else ""))
    return items, problems


def _jsonl_rows(text: str) -> Iterable[tuple[int, Any]]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            yield number, json.loads(line)
        except ValueError as exc:
            yield number, ValueError(f"not valid JSON ({exc.msg})")


def _csv_rows(text: str) -> Iterable[tuple[int, Any]]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "question" not in [f.strip() for f in reader.fieldnames]:
        raise EvalFileError("CSV file needs a header row with a 'question' column")
    for row in reader:
        row = {(k or "").strip(): v for k, v in row.items()}
        # DictReader gives missing cells the value None and files surplus cells under the key None (now "").
        if None in row.values() or row.get(""):
            yield reader.line_num, ValueError("wrong number of columns")
            continue
        sections = [s.strip() for s in (row.get("sections") or "").replace("|", ";").split(";") if s.strip()]
        yield reader.line_num, {**row, "sections": sections}


def _item(row: Any, line: int) -> EvalItem:
    if isinstance(row, ValueError):
        raise row
    if not isinstance(row, dict):
        raise ValueError("expected an object with a 'question'")
    question = row.get("question")
    if not isinstance(question, str) or not question.strip():
        raise ValueError("missing or empty 'question'")
    expect = row.get("expect") or ANSWERED
    if not isinstance(expect, str) or expect.strip() not in STATUSES:
        raise ValueError(f"'expect' must be one of {', '.join(STATUSES)}")
    expect = expect.strip()
    sections = row.get("sections") or []
    if isinstance(sections, str):
        sections = [sections]
    if not isinstance(sections, list) or not all(isinstance(s, str) for s in sections):
        raise ValueError("'sections' must be a list of headings")
    split = row.get("split") or ""
    return EvalItem(question.strip(), expect, sections, str(split), line)


# ---------------------------------------------------------------- running

def run(bot, items: list[EvalItem], progress: bool = False) -> list[EvalResult]:
    """Ask every question; the model stays loaded in ``bot`` throughout."""
    from tqdm import tqdm

    results = []
    for item in tqdm(items, desc="evaluating", unit="q", disable=not progress, file=sys.stderr):
        started = time.perf_counter()
        try:
            with bot.leaving_out(item.question):  # a labelled question is not its own example
                answer = bot.ask(item.question)
        except ChatbotError as exc:  # e.g. too long: record it, keep going
            results.append(EvalResult(item.question, item.expect, f"error: {exc}", [], "", None, False,
                                      item.sections, split=item.split))
            continue
        latency = (time.perf_counter() - started) * 1000
        returned = [s.section for s in answer.sources]
        results.append(score_result(item, answer.status, returned, answer.notice, answer.score, latency,
                                    answer.answer))
    return results


def score_result(item: EvalItem, status: str, returned: list[str], notice: str, score: float = 0.0,
                 latency_ms: float = 0.0, answer: str = "") -> EvalResult:
    rank = first_rank(returned, item.sections) if status == ANSWERED else None
    ok = status == item.expect and (item.expect != ANSWERED or not item.sections or rank == 1)
    return EvalResult(item.question, item.expect, status, returned, notice, rank, ok, item.sections,
                      round(score, 4), round(latency_ms, 2), answer, item.split)


def first_rank(returned: list[str], expected: list[str]) -> int | None:
    for position, section in enumerate(returned, 1):
        if section in expected:
            return position
    return None


# ---------------------------------------------------------------- metrics (pure)

def compute_metrics(results: list[EvalResult], threshold: float | None = None) -> dict[str, Any]:
    """Retrieval, status, notice and latency metrics over plain results."""
    ranked = [r for r in results if r.expect == ANSWERED and r.expected_sections]
    ranks = [r.rank for r in ranked]
    metrics: dict[str, Any] = {
        "questions": len(results),
        "accuracy": _ratio(sum(r.ok for r in results), len(results)),
        "hit@1": _ratio(sum(1 for k in ranks if k == 1), len(ranks)),
        "hit@3": _ratio(sum(1 for k in ranks if k is not None and k <= 3), len(ranks)),
        "mrr": _ratio(sum(1 / k for k in ranks if k), len(ranks)),
        "notice_coverage": _ratio(sum(1 for r in results if "consult a qualified doctor" in r.notice.lower()),
                                  len(results)),
    }
    statuses = sorted({*STATUSES, *(r.status for r in results)}, key=lambda s: (s not in STATUSES, s))
    confusion = {e: {g: 0 for g in statuses} for e in STATUSES}
    for r in results:
        confusion.setdefault(r.expect, {g: 0 for g in statuses})[r.status] += 1
    metrics["confusion"] = confusion
    for status in STATUSES:
        given = sum(1 for r in results if r.status == status)
        expected = sum(1 for r in results if r.expect == status)
        both = sum(1 for r in results if r.status == status and r.expect == status)
        metrics[f"precision:{status}"] = _ratio(both, given)
        metrics[f"recall:{status}"] = _ratio(both, expected)
    metrics["off_topic_declined"] = metrics[f"recall:{OUT_OF_SCOPE}"]
    metrics["answerable_wrongly_declined"] = sum(1 for r in results
                                                 if r.expect == ANSWERED and r.status == OUT_OF_SCOPE)
    latencies = sorted(r.latency_ms for r in results if r.latency_ms > 0)
    metrics["latency_p50_ms"] = round(percentile(latencies, 50), 2)
    metrics["latency_p95_ms"] = round(percentile(latencies, 95), 2)
    if threshold is not None:
        metrics["threshold"] = round(threshold, 4)
    return metrics


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile of sorted values (0 for none)."""
    if not values:
        return 0.0
    k = max(0, min(len(values) - 1, math.ceil(p / 100 * len(values)) - 1))
    return values[k]


def _ratio(part: float, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def check_gates(metrics: dict[str, Any], minimums: dict[str, float], maximums: dict[str, float]) -> list[str]:
    """The failures, as readable lines; notice coverage below 100% always fails."""
    failures = []
    if metrics.get("notice_coverage") is not None and metrics["notice_coverage"] < 1.0:
        failures.append(f"notice_coverage = {metrics['notice_coverage']} < 1.0 (every reply must carry the notice)")
    for name, bound in minimums.items():
        value = metrics.get(name)
        if value is None or value < bound:
            failures.append(f"{name} = {value} < {bound}")
    for name, bound in maximums.items():
        value = metrics.get(name)
        if value is None or value > bound:
            failures.append(f"{name} = {value} > {bound}")
    return failures


def parse_gates(specs: list[str]) -> dict[str, float]:
    gates = {}
    for spec in specs:
        name, sep, value = spec.partition("=")
        try:
            if not sep or not name.strip():
                raise ValueError
            gates[name.strip()] = float(value)
        except ValueError:
            raise EvalFileError(f"gate {spec!r} should look like METRIC=VALUE, e.g. hit@1=0.9") from None
    return gates


# ---------------------------------------------------------------- threshold calibration (pure)

def choose_threshold(answerable: list[float], off_topic: list[float]) -> tuple[float, list[dict[str, Any]]]:
    """The threshold that best separates the two score lists, and the trade-off table.

    Fewest errors (answerable declined + off-topic accepted) wins; among equals, the
    threshold in the middle of the widest gap, so small score shifts do not flip answers.
    """
    if not answerable or not off_topic:
        raise EvalFileError("calibration needs both answerable and out_of_scope questions")
    points = sorted(set(answerable) | set(off_topic))
    candidates = [points[0] - 0.01] + [(a + b) / 2 for a, b in zip(points, points[1:])] + [points[-1] + 0.01]
    table = []
    for t in candidates:
        declined = sum(1 for s in answerable if s < t)
        accepted = sum(1 for s in off_topic if s >= t)
        below = max((s for s in points if s < t), default=t)
        above = min((s for s in points if s >= t), default=t)
        table.append({"threshold": round(t, 4), "answerable_declined": declined, "off_topic_accepted": accepted,
                      "errors": declined + accepted, "gap": round(above - below, 4)})
    best = min(table, key=lambda row: (row["errors"], row["answerable_declined"], -row["gap"]))
    return best["threshold"], table


# ---------------------------------------------------------------- output

def summary_table(metrics: dict[str, Any]) -> str:
    keys = ["questions", "accuracy", "hit@1", "hit@3", "mrr", "off_topic_declined", "answerable_wrongly_declined",
            "notice_coverage", "latency_p50_ms", "latency_p95_ms", "threshold"]
    lines = [f"{'metric':<30}{'value':>10}"] + [f"{k:<30}{_fmt(metrics.get(k)):>10}" for k in keys if k in metrics]
    lines += ["", f"{'status':<18}{'precision':>10}{'recall':>10}"]
    for status in STATUSES:
        lines.append(f"{status:<18}{_fmt(metrics[f'precision:{status}']):>10}{_fmt(metrics[f'recall:{status}']):>10}")
    given = list(next(iter(metrics["confusion"].values())).keys())
    lines += ["", "expected \\ given".ljust(18) + "".join(f"{g[:12]:>14}" for g in given)]
    for expected, row in metrics["confusion"].items():
        lines.append(f"{expected:<18}" + "".join(f"{row.get(g, 0):>14}" for g in given))
    return "\n".join(lines)


def _fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def write_json(path: Path, metrics: dict[str, Any], results: list[EvalResult]) -> None:
    path.write_text(json.dumps({"metrics": metrics, "results": [asdict(r) for r in results]},
                               ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def score_chart_svg(results: list[EvalResult], threshold: float) -> str:
    """Top similarity of in-scope vs off-topic questions, threshold marked, as inline SVG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    groups = {"in scope (expected answered)": [r.score for r in results if r.expect == ANSWERED],
              "off topic (expected out_of_scope)": [r.score for r in results if r.expect == OUT_OF_SCOPE]}
    fig, ax = plt.subplots(figsize=(8, 3.2), dpi=100)
    for row, (label, scores) in enumerate(groups.items()):
        jitter = [row + ((i * 37) % 11 - 5) / 40 for i in range(len(scores))]  # deterministic spread
        ax.scatter(scores, jitter, s=22, alpha=.75, label=f"{label} (n={len(scores)})",
                   color=["#0f766e", "#b45309"][row])
    ax.axvline(threshold, color="#b91c1c", linestyle="--", linewidth=1.5)
    ax.text(threshold, 1.6, f" threshold {threshold:.3f}", color="#b91c1c", va="center")
    ax.set_yticks([0, 1], ["in scope", "off topic"])
    ax.set_ylim(-0.6, 1.9)
    ax.set_xlabel("top similarity (closest passage or sentence)")
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    ax.grid(axis="x", alpha=.3)
    fig.tight_layout()
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(fig)
    svg = buffer.getvalue()
    return svg[svg.index("<svg"):]


def write_report(path: Path, metrics: dict[str, Any], results: list[EvalResult], threshold: float,
                 source: str, gate_failures: list[str]) -> None:
    """One self-contained HTML file a content editor can read."""
    from jinja2 import Environment, FileSystemLoader
    from markupsafe import Markup

    env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)
    html = env.get_template("report.html").render(
        metrics=metrics, results=results, source=source, threshold=threshold, statuses=STATUSES,
        chart=Markup(score_chart_svg(results, threshold)), failures=gate_failures,
        generated=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), fmt=_fmt)
    path.write_text(html, encoding="utf-8")


# ---------------------------------------------------------------- commands

def _select(items: list[EvalItem], split: str | None) -> list[EvalItem]:
    if not split:
        return items
    chosen = [i for i in items if i.split == split]
    if not chosen:
        raise EvalFileError(f"no questions with split {split!r}")
    return chosen


def _load_reporting(path: Path, strict: bool = False) -> list[EvalItem]:
    """``load_items``, with each skipped line reported on stderr."""
    items, problems = load_items(path, strict=strict)
    for problem in problems:
        print(f"warning: {path}: {problem} (skipped)", file=sys.stderr)
    return items


def _check_writable(path: Path | None) -> None:
    """Refuse an output path that cannot be written before spending time on the run."""
    if path is None:
        return
    folder = path.resolve().parent
    if not folder.is_dir():
        raise EvalFileError(f"{path}: folder {folder} does not exist")
    if path.is_dir() or not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise EvalFileError(f"{path}: cannot write there")


def main(args, settings: Settings) -> int:
    from .core import Chatbot

    _check_writable(args.json_out)
    _check_writable(args.report)
    items = _select(_load_reporting(args.file, args.strict), args.split)
    minimums, maximums = parse_gates(args.gates), parse_gates(args.max_gates)
    bot = Chatbot.open(settings)
    results = run(bot, items, progress=True)
    metrics = compute_metrics(results, bot.threshold)
    failures = check_gates(metrics, minimums, maximums)
    print(summary_table(metrics))
    if args.json_out:
        write_json(args.json_out, metrics, results)
        print(f"wrote {args.json_out}", file=sys.stderr)
    if args.report:
        write_report(args.report, metrics, results, bot.threshold, str(args.file), failures)
        print(f"wrote {args.report}", file=sys.stderr)
    for failure in failures:
        print(f"gate failed: {failure}", file=sys.stderr)
    return 1 if failures else 0


def calibrate_main(args, settings: Settings) -> int:
    from .core import Chatbot

    items = _load_reporting(args.file)
    if args.split == "test":
        raise EvalFileError("refusing to calibrate on the test half: tune on 'tune', measure on 'test'")
    bot = Chatbot.open(settings)
    # Questions on a topic known not to be covered are declined whatever their score: leave them out.
    items = [i for i in _select(items, args.split) if i.expect in (ANSWERED, OUT_OF_SCOPE)
             and not bot.uncovered_topic(i.question)]
    results = run(bot, items, progress=True)
    threshold, counts = _calibrate_one("all questions", results)
    # Questions none of whose own words occur in the corpus ("who discovered exosomes") must
    # score higher: their similarity comes from "exosome" alone.
    unsupported = [r for r in results if bot.retriever.supported(r.question) is False]
    strict, strict_counts = threshold, {}
    if any(r.expect == ANSWERED for r in unsupported) and any(r.expect == OUT_OF_SCOPE for r in unsupported):
        strict, strict_counts = _calibrate_one("questions without lexical support", unsupported)
        strict = max(strict, threshold)
    record = {"threshold": threshold, "unsupported_threshold": strict, "file": str(args.file), "split": args.split,
              **counts, "unsupported": strict_counts, "model": settings.model, "retrieval": settings.retrieval,
              "calibrated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    if args.dry_run:
        print(f"threshold {threshold:.4f}, unsupported {strict:.4f} (dry run: not saved)")
    else:
        try:
            settings.calibration_file.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            raise EvalFileError(f"{settings.calibration_file}: cannot save the threshold ({exc.strerror})") from None
        print(f"threshold {threshold:.4f}, unsupported {strict:.4f} saved to {settings.calibration_file}")
    return 0


def _calibrate_one(title: str, results: list[EvalResult]) -> tuple[float, dict[str, int]]:
    """Choose a threshold for these results, print its trade-off table, and count them."""
    answerable = [r.score for r in results if r.expect == ANSWERED]
    off_topic = [r.score for r in results if r.expect == OUT_OF_SCOPE]
    threshold, table = choose_threshold(answerable, off_topic)
    print(f"{title} ({len(answerable)} answerable, {len(off_topic)} off-topic)")
    print(f"{'threshold':>10}{'answerable declined':>22}{'off-topic accepted':>21}")
    for row in table:
        mark = "  <- chosen" if row["threshold"] == threshold else ""
        if row["errors"] <= min(r["errors"] for r in table) + 3 or mark:
            print(f"{row['threshold']:>10.4f}{row['answerable_declined']:>22}{row['off_topic_accepted']:>21}{mark}")
    best = next(r for r in table if r["threshold"] == threshold)
    return threshold, {"answerable": len(answerable), "off_topic": len(off_topic),
                       "answerable_declined": best["answerable_declined"],
                       "off_topic_accepted": best["off_topic_accepted"]}
