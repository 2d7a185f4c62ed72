"""The chat page and the embeddable widget in a real headless Chromium (Debian's, never a download)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from chatbot.config import PROJECT_ROOT
from chatbot.web.app import create_app

from .servers import LiveServer, StaticHost, free_port

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
        "--no-first-run", "--disable-component-update", "--disable-sync"]
SHOTS = PROJECT_ROOT / "artifacts" / "screenshots"
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def host_port() -> int:
    return free_port()


@pytest.fixture(scope="module")
def server(settings, bot, host_port):
    app = create_app(settings.with_(allowed_origins=f"http://127.0.0.1:{host_port}", rate_limit=0), bot=bot)
    with LiveServer(app) as live:
        yield live


@pytest.fixture(scope="module")
def host_site(server, host_port, tmp_path_factory):
    """The shipped demo host page, served from another origin, pointing at the test server."""
    folder = tmp_path_factory.mktemp("clinic-site")
    demo = (PROJECT_ROOT / "demo" / "host-page.html").read_text()
    (folder / "index.html").write_text(demo.replace("http://127.0.0.1:8000", server.url))
    with StaticHost(folder, port=host_port) as site:
        yield site


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run `make test`, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    pg = context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def shot(pg, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / name), full_page=True)


def test_page_answers_with_source_and_notice(server, page):
    page.goto(server.url + "/")
    page.fill("#question", "are exosomes safe")
    page.click(".ask-send")
    reply = page.locator("#transcript .reply").last
    reply.wait_for()
    assert "generally safe to use" in reply.locator(".reply-text").inner_text()
    assert reply.locator(".source-section").first.inner_text() == "Are Exosomes Safe to Use"
    assert "consult a qualified doctor" in reply.locator(".reply-notice").inner_text().lower()
    assert page.evaluate("document.activeElement.id") == "question"  # focus back in the box
    assert not reply.locator(".source-text").first.is_visible()
    reply.locator("summary").first.click()
    assert reply.locator(".source-text").first.is_visible()
    shot(page, "page.png")


def test_conversation_is_kept_and_emergency_stands_out(server, page):
    page.goto(server.url + "/")
    page.fill("#question", "what are exosomes")
    page.press("#question", "Enter")
    page.locator("#transcript .reply").first.wait_for()
    page.fill("#question", "my dad's face is drooping and his speech is slurred")
    page.press("#question", "Enter")
    emergency = page.locator(".reply--emergency")
    emergency.wait_for()
    assert emergency.get_attribute("role") == "alert"
    assert emergency.locator(".reply-text").inner_text().startswith("This could be a medical emergency. Call")
    assert page.locator("#transcript .reply").count() == 2
    assert page.locator("#transcript .msg--user").count() == 2


def test_markup_in_a_question_is_shown_literally(server, page):
    page.goto(server.url + "/")
    page.fill("#question", XSS)
    page.click(".ask-send")
    page.locator("#transcript .reply").last.wait_for()
    assert page.locator("#transcript .msg--user .msg-text").last.inner_text() == XSS
    assert page.locator("#transcript img").count() == 0
    assert page.dialogs == []


def test_page_is_usable_on_a_360px_screen(server, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    pg = context.new_page()
    pg.goto(server.url + "/")
    pg.fill("#question", "are exosomes safe")
    pg.click(".ask-send")
    pg.locator("#transcript .reply").wait_for()
    assert pg.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    shot(pg, "page-360.png")
    context.close()


def test_form_works_without_javascript(server, browser):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(server.url + "/")
    pg.fill("#question", "where are exosomes found")
    pg.click(".ask-send")
    pg.wait_for_load_state()
    assert "saliva" in pg.locator(".reply-text").inner_text()
    assert "consult a qualified doctor" in pg.locator(".reply-notice").inner_text().lower()
    pg.locator("button.starter", has_text="Are exosomes safe?").click()
    pg.wait_for_load_state()
    assert "generally safe" in pg.locator(".reply-text").inner_text()
    context.close()


def test_widget_on_another_origin(host_site, page):
    page.goto(host_site.url + "/index.html")
    widget = page.locator("#exosome-chat-widget")
    launcher = widget.locator(".launcher")
    launcher.wait_for()
    assert launcher.get_attribute("aria-expanded") == "false"
    launcher.click()
    box = widget.locator("input")
    assert launcher.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.id") == "exosome-chat-widget"  # focus is inside the widget
    box.fill("can exosomes help my hair loss")
    box.press("Enter")
    reply = widget.locator(".reply").last
    reply.wait_for(timeout=20_000)
    assert "hair" in reply.locator(".reply-text").inner_text().lower()
    assert "Exosomes in Skin and Hair Treatments" in reply.locator(".source-section").first.inner_text()
    assert "consult a qualified doctor" in reply.locator(".reply-notice").inner_text().lower()
    # The host page's aggressive styles (hot pink buttons, hidden .reply) do not reach the widget.
    assert reply.is_visible()
    color = widget.locator(".form button").evaluate("b => getComputedStyle(b).backgroundColor")
    assert color == "rgb(15, 118, 110)"
    shot(page, "widget.png")
    box.fill(XSS)
    box.press("Enter")
    widget.locator(".reply").nth(1).wait_for(timeout=20_000)
    assert widget.locator(".msg--user .msg-text").last.inner_text() == XSS
    assert page.dialogs == []
    page.keyboard.press("Escape")
    assert widget.locator(".panel").is_hidden()
    assert launcher.get_attribute("aria-expanded") == "false"
    # Focus goes back to the button that opened the panel, and the keyboard reopens it.
    assert page.evaluate("document.activeElement.shadowRoot.activeElement.className") == "launcher"
    page.keyboard.press("Enter")
    assert widget.locator(".panel").is_visible()
    assert page.evaluate("document.activeElement.shadowRoot.activeElement.id") == "w-q"


def test_widget_is_usable_on_a_360px_screen(host_site, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    pg = context.new_page()
    pg.goto(host_site.url + "/index.html")
    widget = pg.locator("#exosome-chat-widget")
    widget.locator(".launcher").click()
    panel = widget.locator(".panel").bounding_box()
    assert panel["x"] >= 0 and panel["x"] + panel["width"] <= 360
    widget.locator("input").fill("are exosomes safe")
    widget.locator(".form button").click()
    widget.locator(".reply").wait_for(timeout=20_000)
    shot(pg, "widget-360.png")
    context.close()


def test_widget_refused_from_an_origin_not_allowed(server, browser, tmp_path):
    """CORS: a site not listed in CHATBOT_ALLOWED_ORIGINS gets no answers."""
    (tmp_path / "index.html").write_text(
        (PROJECT_ROOT / "demo" / "host-page.html").read_text().replace("http://127.0.0.1:8000", server.url))
    with StaticHost(tmp_path) as other:
        context = browser.new_context()
        pg = context.new_page()
        pg.goto(other.url + "/index.html")
        widget = pg.locator("#exosome-chat-widget")
        widget.locator(".launcher").click()
        widget.locator("input").fill("are exosomes safe")
        widget.locator("input").press("Enter")
        error = widget.locator(".reply-error")
        error.wait_for(timeout=20_000)
        assert "couldn't reach" in error.inner_text()
        context.close()
