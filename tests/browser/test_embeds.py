"""Embeds in headless Chromium: an agency's page on a second localhost port
embeds one of our pages through assets/javascripts/embed.js; the embed view
works inside a sandboxed iframe with an opaque origin."""

from __future__ import annotations

import time

import pytest

from browser_support import chromium, serve

pytestmark = pytest.mark.browser

TOLERANCE = 3  # pixels
PUBLIC = "https://embeds.example.org/"  # site_url of tests/fixtures/embeds
AGENCY = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Ward portal</title><link rel="icon" href="data:,"></head>
<body style="margin:0;padding:8px;font-family:sans-serif">
  <h1>Ward portal</h1>
  <a data-hanoi-embed="{site}embed/en/tourism/lake/" href="{site}en/tourism/lake/">The Lake of the Sword</a>
  <p>After the embed.</p>
  <script async src="{site}assets/javascripts/embed.js"></script>
</body>
</html>
"""
SANDBOXED = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Blog</title><link rel="icon" href="data:,"></head>
<body>
  <iframe id="wp" sandbox="allow-scripts" src="{site}embed/{path}" title="embedded" width="600" height="500"></iframe>
</body></html>
"""


class Watch:
    """Console errors, uncaught exceptions and failed or refused requests of a page and its frames."""

    def __init__(self, page):
        self.problems: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda message: message.type == "error" and self.problems.append(f"console: {message.text}"))
        page.on("pageerror", lambda error: self.problems.append(f"pageerror: {error}"))
        page.on("requestfailed", lambda request: self.problems.append(f"failed: {request.url}"))
        page.on("response", lambda response: response.status >= 400 and self.problems.append(f"{response.status}: {response.url}"))
        page.on("request", lambda request: self.requests.append(request.url))


@pytest.fixture(scope="module")
def servers(embeds_site, tmp_path_factory):
    agency_dir = tmp_path_factory.mktemp("agency")
    with serve(embeds_site) as site, serve(agency_dir) as agency, chromium() as browser:
        assert site.split(":")[2] != agency.split(":")[2]
        (agency_dir / "index.html").write_text(AGENCY.format(site=site), encoding="utf-8")
        yield browser, site, agency, agency_dir


def embed_frame(page, selector: str = "iframe[data-hanoi-embed-id]"):
    page.wait_for_selector(selector)
    for _ in range(100):
        frames = [frame for frame in page.frames if "/embed/" in frame.url]
        if frames:
            frames[0].wait_for_load_state("load")
            return frames[0]
        time.sleep(0.05)
    raise AssertionError("the embed frame did not load")


def heights(page, frame) -> tuple[float, float]:
    outer = page.evaluate("document.querySelector('iframe[data-hanoi-embed-id]').getBoundingClientRect().height")
    inner = frame.evaluate("document.documentElement.getBoundingClientRect().height")
    return outer, inner


def settled_heights(page, frame) -> tuple[float, float]:
    deadline = time.monotonic() + 5
    while True:
        outer, inner = heights(page, frame)
        if abs(outer - inner) <= TOLERANCE or time.monotonic() > deadline:
            return outer, inner
        time.sleep(0.05)


def test_agency_embed_follows_the_content_height_and_ignores_other_windows(servers):
    browser, site, agency, _ = servers
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    watch = Watch(page)
    page.goto(agency)
    frame = embed_frame(page)
    assert frame.evaluate("window.origin") == "null"  # sandboxed: an opaque origin
    assert frame.evaluate("document.querySelector('h1').textContent") == "The Lake of the Sword"

    wide_outer, wide_inner = settled_heights(page, frame)
    assert abs(wide_outer - wide_inner) <= TOLERANCE and wide_outer != 480  # resized from the loader's first guess

    page.set_viewport_size({"width": 320, "height": 640})
    narrow_outer, narrow_inner = settled_heights(page, frame)
    assert abs(narrow_outer - narrow_inner) <= TOLERANCE
    assert narrow_outer > wide_outer + 50  # the text wraps onto more lines
    # Readable at 320 px: nothing wider than the frame.
    assert frame.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")

    frame_id = page.evaluate("document.querySelector('iframe[data-hanoi-embed-id]').dataset.hanoiEmbedId")
    message = f"{{type: 'hanoi-embed:height', id: '{frame_id}', height: 77}}"
    # From the agency page itself, and from another sandboxed frame on it (whose
    # origin is "null" too, like ours): ignored.
    page.evaluate(f"window.postMessage({message}, '*')")
    page.evaluate(
        "(message) => { const other = document.createElement('iframe');"
        " other.setAttribute('sandbox', 'allow-scripts');"
        " other.srcdoc = '<script>parent.postMessage(' + message + ', \"*\")<\\/script>';"
        " document.body.appendChild(other); }",
        message,
    )
    # From our frame but with another embed's id: ignored.
    frame.evaluate("parent.postMessage({type: 'hanoi-embed:height', id: 'hanoi-embed-999-x', height: 66}, '*')")
    page.wait_for_timeout(500)
    assert heights(page, frame)[0] == narrow_outer
    # The same message from the frame the loader created is obeyed.
    frame.evaluate(f"parent.postMessage({message}, '*')")
    page.wait_for_function("document.querySelector('iframe[data-hanoi-embed-id]').getBoundingClientRect().height === 77")

    assert watch.problems == []
    assert all(url.startswith((site, agency)) or url.startswith("about:") for url in watch.requests), watch.requests
    page.close()


@pytest.mark.parametrize("path", ["ja/tourism/lake/", "fr/tourism/pagoda/", "vi/events/calendar/"])
def test_embed_view_renders_in_a_sandboxed_iframe_without_errors(servers, path):
    browser, site, agency, agency_dir = servers
    name = "wp-" + path.replace("/", "-") + ".html"
    (agency_dir / name).write_text(SANDBOXED.format(site=site, path=path), encoding="utf-8")
    page = browser.new_page()
    watch = Watch(page)
    page.goto(agency + name)
    frame = embed_frame(page, "iframe#wp")
    page.wait_for_timeout(300)
    assert frame.evaluate("window.origin") == "null"
    assert frame.evaluate("document.querySelector('.hanoi-embed__content h1').textContent").strip()
    assert frame.evaluate("getComputedStyle(document.body).fontFamily")  # the embed's own stylesheet applies
    assert frame.evaluate("getComputedStyle(document.querySelector('.hanoi-embed')).paddingTop") == "16px"
    assert watch.problems == []
    page.close()


def test_dialog_copy_buttons_are_ready_on_the_site(servers):
    browser, site, _, _ = servers
    page = browser.new_page()
    # Material's language switcher asks the site's public address for its sitemap; not served here.
    page.route(PUBLIC + "**", lambda route: route.fulfill(status=200, body=""))
    watch = Watch(page)
    page.goto(site + "ko/tourism/lake/")
    summary = page.locator("details.hanoi-embed-share > summary")
    assert summary.inner_text() == "이 페이지 삽입하기"
    summary.click()
    script_code = page.locator("#hanoi-embed-script")
    assert script_code.is_visible()
    assert "embed/ko/tourism/lake/" in script_code.input_value()
    assert page.get_by_role("button", name="복사").count() == 2
    assert watch.problems == []
    assert all(url.startswith((site, PUBLIC)) for url in watch.requests), watch.requests
    page.close()
