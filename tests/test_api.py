"""The JSON API and the server-rendered page, in-process with the real index (TestClient)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from chatbot.web.app import create_app

NOTICE = "consult a qualified doctor"


@pytest.fixture(scope="module")
def client(settings, bot):
    with TestClient(create_app(settings.with_(rate_limit=0), bot=bot)) as c:
        yield c


@pytest.mark.parametrize("question, status", [
    ("are exosomes safe", "answered"),
    ("What is the capital of France?", "out_of_scope"),
    ("I can't breathe and my throat is closing", "emergency"),
    ("should I stop my chemo and get exosomes instead", "personal_advice"),
])
def test_each_status_with_the_notice(client, question, status):
    response = client.post("/api/ask", json={"question": question})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == status
    assert NOTICE in body["notice"].lower()
    assert body["question"] == question


def test_answer_matches_the_contract(client):
    body = client.post("/api/ask", json={"question": "are exosomes safe", "top_k": 2}).json()
    assert set(body) >= {"question", "status", "answer", "sources", "notice", "score"}
    assert len(body["sources"]) == 2 and body["sources"][0]["section"] == "Are Exosomes Safe to Use"
    assert body["sources"][0]["score"] >= body["sources"][1]["score"]


@pytest.mark.parametrize("payload, fragment", [
    ({}, "question: Field required"),
    ({"question": 5}, "question"),
    ({"question": ""}, "empty"),
    ({"question": "x" * 2000}, "too long"),
    ({"question": "are exosomes safe", "top_k": 0}, "top_k"),
    ({"question": "are exosomes safe", "top_k": "lots"}, "top_k"),
])
def test_bad_bodies_get_422_with_a_readable_message(client, payload, fragment):
    response = client.post("/api/ask", json=payload)
    assert response.status_code == 422
    assert isinstance(response.json()["detail"], str) and fragment in response.json()["detail"]


def test_not_json_is_a_4xx(client):
    response = client.post("/api/ask", content=b"\x00\xff not json", headers={"Content-Type": "application/json"})
    assert 400 <= response.status_code < 500


def test_healthz_and_openapi_docs(client):
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json()["status"] == "ok" and health.json()["passages"] > 0
    assert "/api/ask" in client.get("/openapi.json").json()["paths"]
    assert client.get("/docs").status_code == 200


def test_page_renders_form_and_starters(client):
    page = client.get("/")
    assert page.status_code == 200
    html = page.text
    assert 'role="log"' in html and 'aria-live="polite"' in html
    assert '<label for="question"' in html and "automated assistant" in html.lower()
    assert "Are exosomes safe?" in html


def test_form_post_renders_the_answer_without_javascript(client):
    page = client.post("/", data={"question": "are exosomes safe"})
    assert page.status_code == 200
    assert "generally safe to use" in page.text
    assert "Are Exosomes Safe to Use" in page.text
    assert NOTICE in page.text.lower()


def test_form_post_escapes_the_question(client):
    page = client.post("/", data={"question": "<img src=x onerror=alert(1)>"})
    assert "<img src=x" not in page.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in page.text


def test_form_post_of_an_empty_question_explains(client):
    page = client.post("/", data={"question": "  "})
    assert page.status_code == 422 and "Please check your question" in page.text


def test_widget_script_is_served(client):
    script = client.get("/widget.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert "attachShadow" in script.text and "renderReply" in script.text
