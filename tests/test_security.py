"""The hardened service: limits, rate limiting, CORS, security headers, privacy, faults, fuzzing, concurrency."""

from __future__ import annotations

import json
import logging
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings as hyp_settings, strategies as st

from chatbot.core import build_index
from chatbot.web.app import create_app
from chatbot.web.security import redact

from .servers import LiveServer

NOTICE = "consult a qualified doctor"
ORIGIN = "https://clinic.example"


@pytest.fixture(scope="module")
def client(settings, bot):
    app = create_app(settings.with_(rate_limit=0, allowed_origins=ORIGIN), bot=bot)
    with TestClient(app) as c:
        yield c


# ------------------------------------------------------------------ limits and bad input

def test_body_over_the_limit_is_413(client):
    response = client.post("/api/ask", content=b'{"question": "' + b"a" * 20_000 + b'"}',
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 413 and "too large" in response.json()["detail"]


def test_streamed_body_over_the_limit_is_413(client):
    def chunks():
        yield b'{"question": "'
        for _ in range(40):
            yield b"a" * 1000
        yield b'"}'
    response = client.post("/api/ask", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413


def test_long_question_is_422_with_a_readable_message(client):
    response = client.post("/api/ask", json={"question": "why " * 200})
    assert response.status_code == 422 and "too long" in response.json()["detail"]


@pytest.mark.parametrize("body, content_type", [
    (b"\x89PNG\r\n\x1a\n\x00\x00binary", "application/octet-stream"),
    (b"question=are exosomes safe", "application/x-www-form-urlencoded"),
    (b"{\"question\": ", "application/json"),
    (b"[1, 2, 3]", "application/json"),
    (b"null", "application/json"),
    (b"\xff\xfe\xfd", "application/json"),
])
def test_non_json_or_binary_bodies_get_4xx_never_500(client, body, content_type):
    response = client.post("/api/ask", content=body, headers={"Content-Type": content_type})
    assert 400 <= response.status_code < 500


# ------------------------------------------------------------------ headers and CORS

@pytest.mark.parametrize("method, path", [("GET", "/"), ("GET", "/healthz"), ("GET", "/widget.js"),
                                          ("GET", "/static/chat.css"), ("GET", "/nowhere"), ("POST", "/api/ask")])
def test_security_headers_on_every_response(client, method, path):
    response = client.request(method, path, json={"question": "are exosomes safe"} if method == "POST" else None)
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'self'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"


def test_frame_ancestors_is_a_setting(settings, bot):
    app = create_app(settings.with_(frame_ancestors="https://partner.example"), bot=bot)
    with TestClient(app) as c:
        assert "frame-ancestors https://partner.example" in c.get("/").headers["content-security-policy"]


def test_cors_only_for_configured_origins(client):
    allowed = client.post("/api/ask", json={"question": "are exosomes safe"}, headers={"Origin": ORIGIN})
    assert allowed.headers.get("access-control-allow-origin") == ORIGIN
    other = client.post("/api/ask", json={"question": "are exosomes safe"}, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    preflight = client.options("/api/ask", headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST",
                                                    "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200 and preflight.headers["access-control-allow-origin"] == ORIGIN
    denied = client.options("/api/ask", headers={"Origin": "https://evil.example",
                                                 "Access-Control-Request-Method": "POST"})
    assert denied.status_code == 400


# ------------------------------------------------------------------ rate limiting

def test_rate_limit_per_client_with_retry_after(settings, bot):
    app = create_app(settings.with_(rate_limit=3, rate_window=60), bot=bot)
    with TestClient(app) as c:
        codes = [c.post("/api/ask", json={"question": "are exosomes safe"}).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        limited = c.post("/api/ask", json={"question": "are exosomes safe"})
        assert 1 <= int(limited.headers["retry-after"]) <= 60
        assert c.get("/healthz").status_code == 200  # reading pages is not limited
        # Without trust_proxy, a forged X-Forwarded-For does not buy a new allowance.
        forged = c.post("/api/ask", json={"question": "are exosomes safe"}, headers={"X-Forwarded-For": "10.9.9.9"})
        assert forged.status_code == 429


def test_proxy_header_trusted_only_when_configured(settings, bot):
    app = create_app(settings.with_(rate_limit=1, rate_window=60, trust_proxy=True), bot=bot)
    with TestClient(app) as c:
        first = {"X-Forwarded-For": "203.0.113.1"}
        assert c.post("/api/ask", json={"question": "are exosomes safe"}, headers=first).status_code == 200
        assert c.post("/api/ask", json={"question": "are exosomes safe"}, headers=first).status_code == 429
        second = {"X-Forwarded-For": "203.0.113.2, 10.0.0.1"}
        assert c.post("/api/ask", json={"question": "are exosomes safe"}, headers=second).status_code == 200


# ------------------------------------------------------------------ privacy

def test_no_question_text_in_logs_by_default(client, caplog):
    secret = "my email is jane.doe@example.com are exosomes safe"
    with caplog.at_level(logging.DEBUG, logger="chatbot"):
        assert client.post("/api/ask", json={"question": secret}).status_code == 200
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "status=answered" in text
    assert "jane.doe" not in text and "exosomes safe" not in text


def test_opt_in_question_log_is_redacted(settings, bot, caplog):
    app = create_app(settings.with_(log_questions=True, rate_limit=0), bot=bot)
    with TestClient(app) as c, caplog.at_level(logging.INFO, logger="chatbot"):
        c.post("/api/ask", json={"question": "call me on +1 (555) 123-4567 or jane@example.com, are exosomes safe"})
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "are exosomes safe" in text and "jane@" not in text and "555" not in text
    assert redact("id 123456789 mail a.b@c.org") == "id [number] mail [email]"


def test_page_warns_not_to_share_personal_details(client):
    html = client.get("/").text
    assert "don't share names, contact details" in html and "automated assistant" in html


# ------------------------------------------------------------------ faults

@pytest.fixture()
def damaged_settings(settings, embedder, corpus_copy, tmp_path):
    own = settings.with_(corpus_dir=corpus_copy, index_dir=tmp_path / "index", auto_build=False)
    build_index(own, embedder, log=lambda _: None)
    return own


@pytest.mark.parametrize("damage", ["truncate", "delete", "garbage-manifest", "missing"])
def test_damaged_index_gives_503_with_the_fix(damaged_settings, damage):
    index_dir = damaged_settings.index_dir
    if damage == "truncate":
        path = index_dir / "vectors.faiss"
        path.write_bytes(path.read_bytes()[:64])
    elif damage == "delete":
        (index_dir / "sentences.npy").unlink()
    elif damage == "garbage-manifest":
        (index_dir / "manifest.json").write_text("\x00\x01not json")
    else:
        shutil.rmtree(index_dir)
    with TestClient(create_app(damaged_settings)) as c:
        health = c.get("/healthz")
        assert health.status_code == 503 and "python -m chatbot build" in health.json()["detail"]
        ask = c.post("/api/ask", json={"question": "are exosomes safe"})
        assert ask.status_code == 503 and "python -m chatbot build" in ask.json()["detail"]
        page = c.post("/", data={"question": "are exosomes safe"})
        assert page.status_code == 503 and "python -m chatbot build" in page.text
        assert c.get("/").status_code == 200  # the page itself still loads


def test_damaged_index_from_the_cli_is_one_line(damaged_settings):
    from .conftest import run_cli

    (damaged_settings.index_dir / "vectors.faiss").write_bytes(b"not an index")
    done = run_cli("ask", "are exosomes safe", env={"CHATBOT_INDEX_DIR": str(damaged_settings.index_dir),
                                                   "CHATBOT_CORPUS_DIR": str(damaged_settings.corpus_dir),
                                                   "CHATBOT_AUTO_BUILD": "0"})
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "damaged" in done.stderr and "python -m chatbot build" in done.stderr


# ------------------------------------------------------------------ fuzzing

@hyp_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=st.text(alphabet=st.characters(codec="utf-8"), max_size=700))
def test_fuzz_questions_never_500_and_always_carry_the_notice(client, question):
    response = client.post("/api/ask", json={"question": question})
    assert response.status_code in (200, 422), response.text
    if response.status_code == 200:
        assert NOTICE in response.json()["notice"].lower()


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
                           lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children,
                                                                                          max_size=4), max_leaves=10)


@hyp_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.dictionaries(st.sampled_from(["question", "top_k", "extra"]), json_values, max_size=3))
def test_fuzz_bodies_get_2xx_or_4xx(client, body):
    response = client.post("/api/ask", content=json.dumps(body), headers={"Content-Type": "application/json"})
    assert response.status_code in (200, 413, 422), response.text
    if response.status_code == 200:
        assert NOTICE in response.json()["notice"].lower()


# ------------------------------------------------------------------ concurrency on loopback

def test_500_requests_from_20_concurrent_clients(settings, bot):
    questions = ["are exosomes safe", "what are exosomes", "is there exosomes in pee", "who won the world cup",
                 "I can't breathe", "what dose should I take", "can exosomes help my hair loss",
                 "how much does exosome treatment cost"]
    expected = {q: bot.ask(q).status for q in questions}
    # Unique questions too (cache misses): same status as their base question.
    app = create_app(settings.with_(rate_limit=0), bot=bot)
    failures: list[str] = []
    lock = threading.Lock()
    with LiveServer(app) as server:
        def worker(n: int) -> None:
            with httpx.Client(base_url=server.url, timeout=30) as http:
                for i in range(25):
                    base = questions[(n + i) % len(questions)]
                    question = base if i % 2 else f"{base} ({n}-{i})"
                    r = http.post("/api/ask", json={"question": question})
                    ok = (r.status_code == 200 and NOTICE in r.json()["notice"].lower()
                          and r.json()["status"] == expected[base])
                    if not ok:
                        with lock:
                            failures.append(f"{question}: {r.status_code} {r.text[:100]}")
        with ThreadPoolExecutor(max_workers=20) as pool:
            list(pool.map(worker, range(20)))
        assert httpx.get(server.url + "/healthz").status_code == 200
    assert failures == []


def test_a_failing_request_does_not_take_the_server_down(settings, bot, caplog):
    class Flaky:
        """The real bot, except that one question hits a bug."""

        def __init__(self, real):
            self.real = real
            self.store = real.store

        def ask(self, question, top_k=None):
            if "explode" in question:
                raise RuntimeError("boom: explode my secret question")
            return self.real.ask(question, top_k)

    app = create_app(settings.with_(rate_limit=0), bot=Flaky(bot))
    with TestClient(app, raise_server_exceptions=False) as c, caplog.at_level(logging.ERROR, logger="chatbot"):
        failed = c.post("/api/ask", json={"question": "please explode"})
        assert failed.status_code == 500 and "Traceback" not in failed.text and "boom" not in failed.text
        assert c.post("/api/ask", json={"question": "are exosomes safe"}).status_code == 200
        assert c.get("/healthz").status_code == 200
    assert "secret" not in caplog.text and "RuntimeError" in caplog.text
