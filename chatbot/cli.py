"""Command line: parse arguments, call the core, print. Nothing else lives here."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path

from .config import Settings
from .errors import ChatbotError

DESCRIPTION = ("Exosome patient-education chatbot: answers from a vetted article, with sources, "
               "and always the advice to consult a qualified doctor.")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m chatbot", description=DESCRIPTION)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ask = commands.add_parser("ask", help="answer one question", description="Answer one question from the corpus.")
    ask.add_argument("question", help="the question, in quotes")
    ask.add_argument("--json", action="store_true", help="print the answer object as JSON")
    ask.add_argument("--top-k", type=int, default=None, metavar="N", help="how many sources to list (default 3)")

    commands.add_parser("build", help="(re)build index/ from corpus/",
                        description="Rebuild the index from the corpus folder, with progress.")

    serve = commands.add_parser("serve", help="start the web chat", description="Start the web chat (page, widget, API).")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")

    ev = commands.add_parser("eval", help="score the bot on a question set",
                             description="Batch FAQ evaluation of a JSON Lines or CSV question file.")
    ev.add_argument("file", type=Path, help="questions: .jsonl or .csv")
    ev.add_argument("--json", dest="json_out", type=Path, metavar="OUT", help="write metrics and results as JSON")
    ev.add_argument("--report", type=Path, metavar="OUT.html", help="write a self-contained HTML report")
    ev.add_argument("--split", default=None, help="only questions whose 'split' field is this (e.g. test)")
    ev.add_argument("--min", dest="gates", action="append", default=[], metavar="METRIC=VALUE",
                    help="fail (exit 1) when a metric is below VALUE, e.g. --min hit@1=0.9 (repeatable)")
    ev.add_argument("--max", dest="max_gates", action="append", default=[], metavar="METRIC=VALUE",
                    help="fail (exit 1) when a metric is above VALUE, e.g. --max answerable_wrongly_declined=0")
    ev.add_argument("--strict", action="store_true", help="refuse a file with malformed lines instead of skipping them")

    cal = commands.add_parser("calibrate", help="choose the abstention threshold on a question set",
                              description="Choose the out-of-scope threshold that best separates answerable "
                                          "from off-topic questions, and save it to corpus/calibration.json.")
    cal.add_argument("file", type=Path, help="questions: .jsonl or .csv")
    cal.add_argument("--split", default="tune", help="questions to calibrate on (default: tune; never the test half)")
    cal.add_argument("--dry-run", action="store_true", help="show the trade-off without saving")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        return COMMANDS[args.command](args, settings)
    except ChatbotError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:  # permissions, a full disk, a missing folder: the environment, not a bug
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from .core import Chatbot, check_top_k, clean_question

    # Refuse bad input before loading anything.
    clean_question(args.question, settings.max_question_chars)
    if args.top_k is not None:
        check_top_k(args.top_k)
    bot = Chatbot.open(settings)
    answer = bot.ask(args.question, top_k=args.top_k)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_answer(answer))
    return 0


def format_answer(answer) -> str:
    """The answer as plain text: the answer first (the emergency message, for red flags)."""
    width = 88
    lines = [wrapped for line in answer.answer.split("\n") for wrapped in textwrap.wrap(line, width)] or [""]
    lines += ["", f"[{answer.status.replace('_', ' ')}]"]
    if answer.sources:
        lines.append("Sources:")
        for n, source in enumerate(answer.sources, 1):
            lines.append(f"  {n}. {source.section} ({source.document}), score {source.score:.2f}")
    if answer.caution:
        lines += ["", *textwrap.wrap("Caution: " + answer.caution, width)]
    lines += ["", *textwrap.wrap("Notice: " + answer.notice, width)]
    return "\n".join(lines)


def cmd_build(args: argparse.Namespace, settings: Settings) -> int:
    from .core import build_index

    build_index(settings, progress=True)
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from .web.server import run

    run(settings, host=args.host, port=args.port, workers=args.workers)
    return 0


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from . import evaluate

    return evaluate.main(args, settings)


def cmd_calibrate(args: argparse.Namespace, settings: Settings) -> int:
    from . import evaluate

    return evaluate.calibrate_main(args, settings)


COMMANDS = {"ask": cmd_ask, "build": cmd_build, "serve": cmd_serve, "eval": cmd_eval, "calibrate": cmd_calibrate}
