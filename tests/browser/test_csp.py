"""The Content-Security-Policy of deploy/nginx/ in Chromium: the real site,
served by Debian's nginx with the production snippet, shows every page type in
every language without a single CSP violation or console error; the site's
search, the kiosk and an embed view framed by another site work under their
policies; and a script injected into a published page does not run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser_support import chromium, serve
from nginx_support import LANGUAGES, PAGE_TYPES, nginx, page_path

pytestmark = pytest.mark.browser

# Collected in every frame before the page's own scripts run (init scripts come
# through the DevTools protocol, which the page's policy does not govern).
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} blocked ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`);
});
"""

PROBE = "csp-probe/en/page"


def with_injected_script(html: str) -> str:
    """A published page with what an attacker would add: an inline script, an
    event handler and a javascript: link, each of which would mark the page."""
    injected = (
        '<script>document.documentElement.dataset.injected = "inline script ran";</script>'
    )
    handler = '<img src="/no-such-image.png" alt="" onerror="document.documentElement.dataset.injected = \'handler ran\'">'
    html = html.replace("</head>", injected + "</head>", 1)
    return html.replace("</article>", handler + "</article>", 1)


@pytest.fixture(scope="module")
def base(real_site, tmp_path_factory):
    """The real site as built, plus one page with an injected script, written
    after the build (the sanitizer removes scripts from content): a folder of
    links to the build's files and the probe page next to them."""
    root = tmp_path_factory.mktemp("csp") / "site"
    root.mkdir()
    for entry in real_site.iterdir():
        (root / entry.name).symlink_to(entry)
    page = real_site / "en" / "tourism" / "hoan-kiem-lake-old-quarter" / "index.html"
    probe = root / PROBE
    probe.mkdir(parents=True)  # as deep as the page it copies, so that its addresses resolve
    (probe / "index.html").write_text(with_injected_script(page.read_text(encoding="utf-8")), encoding="utf-8")
    with nginx(root) as url:
        yield url + "/"


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


class Watched:
    """A fresh browser context whose page records CSP violations, console
    errors, uncaught exceptions and failed requests."""

    def __init__(self, browser):
        self.context = browser.new_context()
        self.context.add_init_script(WATCH)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda message: self.errors.append(f"console: {message.text}") if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(f"exception: {error}"))
        self.page.on("requestfailed", lambda request: self.errors.append(f"failed: {request.url}"))
        self.page.on("response", lambda response: self.errors.append(f"HTTP {response.status}: {response.url}") if response.status >= 400 else None)

    def violations(self) -> list[str]:
        return [found for frame in self.page.frames for found in frame.evaluate("window.__violations || []")]

    def settle(self) -> None:
        self.page.wait_for_load_state("networkidle")


@pytest.fixture
def watched(browser):
    opened = Watched(browser)
    yield opened
    opened.context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name, template", PAGE_TYPES, ids=[name for name, _ in PAGE_TYPES])
def test_page_type_loads_without_violation_or_console_error(watched, base, name, template, lang):
    response = watched.page.goto(base + page_path(template, lang))
    assert response.status == 200
    assert "'self'" in response.headers["content-security-policy"]
    watched.settle()
    assert watched.violations() == []
    assert watched.errors == []
    # The page's own scripts did run: Material's bundle (or the embed/kiosk script) took over.
    if name == "kiosk start":
        watched.page.wait_for_selector("body[data-offline=ready]", state="attached", timeout=30_000)
    elif name == "embed view":
        expect(watched.page.locator("main.hanoi-embed")).to_be_visible()
    else:
        expect(watched.page.locator("html")).to_have_class(re.compile(r"\bjs\b"))


def test_search_works_under_the_policy(watched, base):
    watched.page.goto(base + "en/tourism/hoan-kiem-lake-old-quarter/")
    box = watched.page.locator("input.md-search__input")
    box.click()
    box.fill("lake")
    box.press("End")
    expect(watched.page.locator(".md-search-result__item").first).to_be_visible()
    assert watched.violations() == []
    assert watched.errors == []


def test_kiosk_works_under_its_policy(watched, base):
    page = watched.page
    page.goto(base + "kiosk/")
    page.locator("#k-attract").click()
    page.locator('button[data-lang="en"]').click()
    page.locator(".k-tile").first.click()
    page.locator(".k-view:not([hidden]) .k-entry").first.click()
    expect(page.locator("#k-article h1")).to_be_visible()
    expect(page.locator("#k-takealong-qr")).to_have_js_property("complete", True)
    assert page.evaluate("document.getElementById('k-takealong-qr').naturalWidth") > 1  # the QR code, not the blank
    watched.settle()
    assert watched.violations() == []
    assert watched.errors == []


def test_embed_view_works_in_a_sandboxed_frame_on_another_site(watched, base, tmp_path):
    embed = base + "embed/ja/tourism/hoan-kiem-lake-old-quarter/"
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><title>Agency</title><link rel="icon" href="data:,">'
        f'<iframe src="{embed}" title="Embedded page" sandbox="allow-scripts allow-popups"></iframe>'
        "<script>addEventListener('message', (e) => { document.title = e.data.type; });</script>",
        encoding="utf-8",
    )
    with serve(tmp_path) as host:  # another origin: another port
        watched.page.goto(host)
        # embed-frame.js ran inside the frame and told its parent its height.
        expect(watched.page).to_have_title("hanoi-embed:height")
        frame = watched.page.frame_locator("iframe")
        expect(frame.locator("main.hanoi-embed")).to_be_visible()
        assert watched.violations() == []
        assert watched.errors == []


def test_injected_inline_script_and_handler_are_blocked(watched, base):
    watched.page.goto(base + PROBE + "/")
    watched.settle()
    # The page itself works (its own files run) ...
    expect(watched.page.locator("html")).to_have_class(re.compile(r"\bjs\b"))
    expect(watched.page.locator("article h1").first).to_be_visible()
    # ... what was injected did not run, and Chromium says why.
    assert watched.page.evaluate("document.documentElement.dataset.injected") is None
    violations = watched.violations()
    assert any(found.startswith("script-src-elem blocked inline") for found in violations), violations
    assert any(found.startswith("script-src-attr blocked inline") for found in violations), violations
    assert any("Content Security Policy" in error for error in watched.errors), watched.errors
