"""`python -m chatbot ask` end to end, in fresh processes, with the real model and index."""

from __future__ import annotations

import json

import pytest

from .conftest import run_cli

NOTICE = "consult a qualified doctor"


@pytest.fixture(scope="module")
def cli_env(bot, settings) -> dict[str, str]:
    """Point the CLI at the tests' index (already built by the ``bot`` fixture)."""
    return {"CHATBOT_INDEX_DIR": str(settings.index_dir), "CHATBOT_AUTO_BUILD": "0"}


def ask_json(question: str, env: dict[str, str], *extra: str) -> dict:
    done = run_cli("ask", question, "--json", *extra, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_safety_question_answered_from_the_safety_section(cli_env):
    reply = ask_json("are exosomes safe", cli_env)
    assert reply["status"] == "answered"
    assert reply["sources"][0]["section"] == "Are Exosomes Safe to Use"
    assert "generally safe" in reply["answer"]
    assert NOTICE in reply["notice"].lower()
    assert set(reply) >= {"question", "status", "answer", "sources", "notice", "score"}
    assert set(reply["sources"][0]) >= {"id", "document", "section", "text", "score"}


def test_text_output_has_answer_sources_and_notice(cli_env):
    done = run_cli("ask", "where are exosomes found", "--top-k", "2", env=cli_env)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "saliva" in out
    assert "Sources:" in out and "Where Are Exosomes Found" in out and "  3. " not in out
    assert NOTICE in out.lower().replace("\n", " ")


@pytest.mark.parametrize("question, status", [
    ("What is the capital of France?", "out_of_scope"),
    ("my husband has crushing chest pain and is sweating", "emergency"),
    ("how many ml of exosomes should I inject into my scalp", "personal_advice"),
])
def test_every_status_exits_zero_with_the_notice(cli_env, question, status):
    reply = ask_json(question, cli_env)
    assert reply["status"] == status
    assert NOTICE in reply["notice"].lower()
    done = run_cli("ask", question, env=cli_env)
    assert done.returncode == 0
    assert NOTICE in done.stdout.lower().replace("\n", " ")
    if status == "emergency":
        assert done.stdout.startswith("This could be a medical emergency. Call your local emergency number")
        assert reply["sources"] == []


@pytest.mark.parametrize("question, message", [("", "empty"), ("   ", "empty"), ("x" * 5000, "too long")])
def test_bad_question_is_a_one_line_error_and_exit_2(question, message):
    done = run_cli("ask", question)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and message in done.stderr and "Traceback" not in done.stderr


def test_bad_top_k_and_setting_are_one_line_errors(cli_env):
    done = run_cli("ask", "are exosomes safe", "--top-k", "0", env=cli_env)
    assert done.returncode == 2 and "top_k" in done.stderr and "Traceback" not in done.stderr
    done = run_cli("ask", "are exosomes safe", env={"CHATBOT_TOP_K": "many"})
    assert done.returncode == 2 and "CHATBOT_TOP_K" in done.stderr and "Traceback" not in done.stderr


def test_help_lists_every_command():
    done = run_cli("--help")
    assert done.returncode == 0
    for command in ("ask", "build", "serve", "eval", "calibrate"):
        assert command in done.stdout
