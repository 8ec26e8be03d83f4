"""The airport kiosk in headless Chromium at 1920×1080, served by the
launcher's own server from the kiosk fixture's build (tests/fixtures/kiosk).

Every test records every request the browser makes (pages, scripts, the
service worker) and fails if one goes to another origin."""

from __future__ import annotations

import io
import time

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from browser_support import chromium
from conftest import FIXTURES, ROOT
from hanoi_info import catalogs
from hanoi_info.corpus import load_corpus
from hanoi_info.kiosk.launcher import serve_in_thread
from hanoi_info.languages import languages_from_codes
from hanoi_info.shortlinks import short_path

pytestmark = pytest.mark.browser

LANGUAGES = languages_from_codes(["vi", "en", "fr", "zh", "ja", "ko"])
LANGS = [language.code for language in LANGUAGES]
HREFLANG = {language.code: language.hreflang for language in LANGUAGES}
SITE = "https://fixture.example.org/"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CORPUS = load_corpus(FIXTURES / "kiosk" / "docs", LANGUAGES)
VIEWPORT = {"width": 1920, "height": 1080}


def gettext(lang: str):
    return catalogs.translations(ROOT / "locales", LANGUAGES[LANGS.index(lang)]).gettext


def title(page_path: str, lang: str) -> str:
    record = CORPUS.get(page_path, lang) or CORPUS.get(page_path, "vi")
    return record.meta.title


def decode(png: bytes) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


# -- fixtures ---------------------------------------------------------------

@pytest.fixture(scope="module")
def server(kiosk_site):
    running = serve_in_thread(kiosk_site / "kiosk", 0)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser():
    with chromium(args=["--js-flags=--expose-gc", "--enable-precise-memory-info"]) as launched:
        yield launched


class Kiosk:
    """One fresh browser context on the kiosk, with every request recorded."""

    def __init__(self, browser, url: str, **options):
        self.url = url
        self.context = browser.new_context(viewport=VIEWPORT, **options)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self, query: str = "") -> None:
        self.page.goto(self.url + query)
        expect(self.page.locator("#k-attract")).to_be_visible()

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(self.url) and not url.startswith("data:")]

    # What a traveller does, one touch each.
    def start(self) -> None:
        self.page.locator("#k-attract").click()
        expect(self.page.locator("#k-languages")).to_be_visible()

    def choose(self, lang: str) -> None:
        self.page.locator(f'button[data-lang="{lang}"]').click()
        expect(self.page.locator('[data-view="topics"]')).to_be_visible()

    def topic(self, topic: str) -> None:
        self.page.locator(f'button[data-topic="{topic}"]').click()
        expect(self.page.locator(f'[data-view="topic"][data-topic="{topic}"]')).to_be_visible()

    def read(self, page_id: str) -> None:
        self.page.locator(f'.k-entry[data-page="{page_id}"]').click()
        expect(self.page.locator("#k-reading")).to_be_visible()
        expect(self.page.locator("#k-article h1")).to_be_visible()

    def press(self, action: str) -> None:
        self.page.locator(f'.k-bar [data-action="{action}"]').click()

    def heading(self) -> str:
        return self.page.locator(".k-view:not([hidden]) h1").inner_text().strip()

    def wait_offline_ready(self) -> None:
        self.page.wait_for_selector("body[data-offline=ready]", state="attached", timeout=30_000)


@pytest.fixture
def kiosk(browser, server):
    yield from _checked_kiosk(Kiosk(browser, server.url))


def _checked_kiosk(opened: "Kiosk"):
    """Yield a kiosk context; afterwards it must have made no foreign request and met no error."""
    yield opened
    try:
        assert opened.foreign_requests() == []
        assert opened.errors == []
    finally:
        opened.context.close()


# -- the flow, in every language ----------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_attract_language_topic_page_back_home(kiosk, lang):
    page, _ = kiosk.page, gettext(lang)
    kiosk.open()
    expect(page.locator(".k-greeting:not([hidden]) .k-greeting__slogan")).to_have_text("Hà Nội – Đến để yêu")
    kiosk.start()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    kiosk.choose(lang)
    expect(page.locator("html")).to_have_attribute("lang", HREFLANG[lang])
    assert kiosk.heading() == _("What would you like to know?")
    for action, label in (("back", "Back"), ("home", "Home"), ("language", "Language"), ("text-size", "Text size")):
        expect(page.locator(f'.k-bar [data-action="{action}"] [data-t]')).to_have_text(_(label))

    kiosk.topic("arriving")
    assert kiosk.heading() == _("Arriving in Hà Nội")
    kiosk.read("arriving-airport")
    assert kiosk.heading() == title("arriving/airport.md", lang)
    expect(page.locator("#k-article")).to_have_attribute("lang", HREFLANG[lang])
    expect(page.locator("#k-article .k-notice")).to_have_count(0)
    # The page's permanent short link in the reader's language, to take along.
    qr = page.locator("#k-takealong-qr")
    expect(qr).to_have_js_property("complete", True)
    assert decode(qr.screenshot()) == [SITE + short_path("arriving-airport", lang)]

    kiosk.press("back")
    assert kiosk.heading() == _("Arriving in Hà Nội")
    kiosk.press("home")
    assert kiosk.heading() == _("What would you like to know?")

    # A page not translated into this language: the Vietnamese text, marked as such.
    kiosk.topic("tourism")
    kiosk.read("tourism-pagoda")
    assert kiosk.heading() == "Chùa Một Cột"
    expect(page.locator("#k-article")).to_have_attribute("lang", "vi")
    notice = page.locator("#k-article .k-notice")
    if lang == "vi":
        expect(notice).to_have_count(0)
    else:
        expect(notice).to_have_attribute("lang", HREFLANG[lang])
        expect(notice.locator("p").nth(0)).to_have_text(_("Not yet translated"))
        expect(notice.locator("p").nth(1)).to_have_text(
            _("This page has not been translated into %(language)s yet, so it is shown in Vietnamese.")
            % {"language": LANGUAGES[LANGS.index(lang)].name_in_sentence}
        )
    kiosk.press("home")
    kiosk.press("back")
    expect(page.locator("#k-languages")).to_be_visible()
    kiosk.press("home")
    expect(page.locator("#k-attract")).to_be_visible()


def test_attract_screen_cycles_through_the_six_languages(kiosk):
    kiosk.open()
    seen = []
    for _ in range(len(LANGS)):
        greeting = kiosk.page.locator(".k-greeting:not([hidden])")
        seen.append((greeting.get_attribute("lang"), greeting.locator("h1").inner_text(), greeting.locator("p").inner_text()))
        kiosk.page.wait_for_function(
            "lang => document.querySelector('.k-greeting:not([hidden])').lang !== lang", arg=seen[-1][0], timeout=6000
        )
    assert seen == [
        (HREFLANG[lang], gettext(lang)("Welcome to Hà Nội"), gettext(lang)("Hà Nội – Come to love")) for lang in LANGS
    ]


def test_stale_translation_shows_the_date_of_the_original(kiosk):
    kiosk.open()
    kiosk.start()
    kiosk.choose("fr")
    kiosk.topic("tourism")
    kiosk.read("tourism-lake")
    notice = kiosk.page.locator("#k-article .k-notice")
    expect(notice.locator("p").nth(1)).to_have_text(
        "L'original vietnamien a été mis à jour le 2 novembre 2026 ; cette traduction n'intègre peut-être pas encore ces changements."
    )
    expect(kiosk.page.locator(".k-revised")).to_have_text(gettext("fr")("Last revised: %(date)s") % {"date": "20 octobre 2026"})


# -- idle reset -------------------------------------------------------------

def test_idle_countdown_continue_and_reset(kiosk):
    page = kiosk.page
    kiosk.open("?idle=2&countdown=3")
    history_length = page.evaluate("history.length")
    kiosk.start()
    kiosk.choose("ja")
    kiosk.topic("tourism")
    kiosk.read("tourism-lake")
    kiosk.press("text-size")
    page.evaluate("window.scrollTo(0, 300); sessionStorage.setItem('left-behind', '1')")
    heading = kiosk.heading()

    # No input for 2 s: the countdown appears, with one large "continue" button.
    idle = page.locator("#k-idle")
    expect(idle).to_be_visible(timeout=4000)
    expect(idle.locator("h2")).to_have_text(gettext("ja")("Are you still there?"))
    assert 1 <= int(page.locator("#k-countdown").inner_text()) <= 3
    button = idle.locator('[data-action="continue"]')
    assert button.inner_text() == gettext("ja")("Continue")
    box = button.bounding_box()
    assert box["width"] >= 400 and box["height"] >= 96
    button.click()
    expect(idle).to_be_hidden()
    assert kiosk.heading() == heading  # the session goes on where it was
    assert page.evaluate("document.documentElement.dataset.size") == "1"

    # No input again: countdown, then back to the attract screen with nothing left.
    expect(idle).to_be_visible(timeout=4000)
    expect(page.locator("#k-attract")).to_be_visible(timeout=5000)
    expect(idle).to_be_hidden()
    state = page.evaluate("""() => ({
        lang: document.documentElement.lang,
        size: document.documentElement.dataset.size || null,
        scroll: window.scrollY,
        lists: document.getElementById('k-lists').children.length,
        article: document.getElementById('k-article').children.length,
        session: sessionStorage.length,
        history: history.length,
        shell: document.getElementById('k-shell').hidden,
    })""")
    assert state == {"lang": "vi", "size": None, "scroll": 0, "lists": 0, "article": 0, "session": 0,
                     "history": history_length, "shell": True}
    # The next traveller starts from the language picker, in no language.
    kiosk.start()
    expect(page.locator('.k-bar [data-action="language"]')).to_be_hidden()
    expect(page.locator(".k-bar [data-action=back] [data-t] span[lang]")).to_have_count(len(LANGS))


# -- no way off the kiosk ---------------------------------------------------

def test_external_link_shows_its_qr_card_and_does_not_navigate(kiosk):
    page = kiosk.page
    kiosk.open()
    kiosk.start()
    kiosk.choose("en")
    kiosk.topic("arriving")
    kiosk.read("arriving-airport")
    url = page.url
    pages_before = len(kiosk.context.pages)

    link = page.locator('#k-article .k-content a[href="https://noibaiairport.vn/"]')
    link.click()
    card = page.locator("#k-qr")
    expect(card).to_be_visible()
    expect(card.locator("h2")).to_have_text("Scan to open on your phone")
    expect(page.locator("#k-qr-url")).to_have_text("https://noibaiairport.vn/")
    image = page.locator("#k-qr-image")
    expect(image).to_have_js_property("complete", True)
    assert decode(card.screenshot()) == ["https://noibaiairport.vn/"]
    card.locator('[data-action="close-qr"]').click()
    expect(card).to_be_hidden()

    # A middle click (new tab) or a right click / long press (menu) opens nothing either.
    link.click(button="middle")
    link.click(button="right")
    page.wait_for_timeout(300)
    assert page.url == url and len(kiosk.context.pages) == pages_before

    # A site page that is not on the kiosk: its public address, as a QR code.
    page.locator('#k-article .k-content a[href$="/en/culture/history/"]').click()
    assert decode(card.screenshot()) == [SITE + "en/culture/history/"]
    card.locator('[data-action="close-qr"]').click()

    # A kiosk page opens in the kiosk, at the linked heading.
    page.locator('#k-article a[data-page="tourism-lake"]').click()
    expect(page.locator("#k-article h1")).to_have_text("Hoàn Kiếm Lake")
    expect(page.locator("#the-lake")).to_be_in_viewport()
    assert page.url == url
    assert "noibaiairport" not in " ".join(kiosk.requests)


# -- offline ----------------------------------------------------------------

def test_every_page_opens_offline_after_the_first_load(browser, kiosk_site):
    running = serve_in_thread(kiosk_site / "kiosk", 0)
    kiosk = Kiosk(browser, running.url)
    try:
        kiosk.open()
        kiosk.wait_offline_ready()
        # The network is cut: the browser is offline and the local server is gone.
        running.stop()
        kiosk.context.set_offline(True)
        kiosk.page.reload()
        expect(kiosk.page.locator("#k-attract")).to_be_visible()
        opened = []
        for lang in LANGS:
            kiosk.start()
            kiosk.choose(lang)
            for topic, page_ids in (("arriving", ["arriving-airport"]), ("tourism", ["tourism-lake", "tourism-pagoda"])):
                kiosk.topic(topic)
                for page_id in page_ids:
                    kiosk.read(page_id)
                    expect(kiosk.page.locator("#k-takealong-qr")).to_have_js_property("complete", True)
                    assert kiosk.page.evaluate("document.getElementById('k-takealong-qr').naturalWidth") > 0
                    opened.append((lang, page_id, kiosk.heading()))
                    kiosk.press("back")
                kiosk.press("back")
            kiosk.press("back")
            kiosk.press("back")
            expect(kiosk.page.locator("#k-attract")).to_be_visible()
        assert len(opened) == 18
        assert ("zh", "tourism-lake", "Hồ Hoàn Kiếm") in opened
        assert kiosk.foreign_requests() == []
        assert kiosk.errors == []
    finally:
        kiosk.context.close()


def test_first_load_weight(browser, server, kiosk_site):
    """Bytes the browser fetches on the kiosk's first load: the shell it needs to
    show the attract screen, then the service worker's precache of the build."""
    kiosk = Kiosk(browser, server.url)
    fetched: list[tuple[str, bool, int]] = []  # (url, by the service worker, body bytes)
    kiosk.context.on("requestfinished", lambda request: fetched.append(
        (request.url, request.service_worker is not None, request.sizes()["responseBodySize"])
    ))
    try:
        kiosk.open()
        kiosk.wait_offline_ready()
        kiosk.page.wait_for_timeout(200)
        shell = sum(size for _, by_worker, size in fetched if not by_worker)
        precache = sum(size for _, by_worker, size in fetched if by_worker)
        build = sum(path.stat().st_size for path in (kiosk_site / "kiosk").rglob("*") if path.is_file())
        print(f"\nkiosk first load (fixture): shell {shell} bytes in "
              f"{sum(1 for f in fetched if not f[1])} requests; service worker precache {precache} bytes in "
              f"{sum(1 for f in fetched if f[1])} requests; whole build {build} bytes")
        # The shell, its script and style, and its icon (blank.svg: the kiosk's policy allows no data: address).
        assert sorted(url for url, by_worker, _ in fetched if not by_worker) == [
            server.url, server.url + "blank.svg", server.url + "kiosk.css", server.url + "kiosk.js"
        ]
        assert shell < 64_000
        # The precache is the build, each file once (what the page already has is revalidated, not sent again).
        assert shell + precache <= build
        assert kiosk.foreign_requests() == []
    finally:
        kiosk.context.close()


def test_real_site_kiosk_smoke(browser, real_site):
    """The real content: every topic's first page opens in every language, and
    the first load is measured (printed for the README)."""
    running = serve_in_thread(real_site / "kiosk", 0)
    kiosk = Kiosk(browser, running.url)
    fetched: list[tuple[bool, int]] = []
    kiosk.context.on("requestfinished", lambda request: fetched.append(
        (request.service_worker is not None, request.sizes()["responseBodySize"])
    ))
    try:
        kiosk.open()
        kiosk.wait_offline_ready()
        shell = sum(size for by_worker, size in fetched if not by_worker)
        precache = sum(size for by_worker, size in fetched if by_worker)
        print(f"\nkiosk first load (real site): shell {shell} bytes; service worker precache {precache} bytes "
              f"in {sum(1 for by_worker, _ in fetched if by_worker)} requests")
        assert shell < 64_000
        for lang in LANGS:
            kiosk.start()
            kiosk.choose(lang)
            topics = kiosk.page.locator('[data-view="topics"] [data-topic]').evaluate_all(
                "tiles => tiles.map(tile => tile.dataset.topic)"
            )
            assert len(topics) >= 5
            for topic in topics:
                kiosk.topic(topic)
                kiosk.page.locator(f'[data-view="topic"][data-topic="{topic}"] .k-entry').first.click()
                expect(kiosk.page.locator("#k-article h1")).not_to_be_empty()
                expect(kiosk.page.locator("#k-takealong-qr")).to_have_js_property("complete", True)
                kiosk.press("back")
                kiosk.press("back")
            kiosk.press("language")
            kiosk.press("back")
        assert kiosk.foreign_requests() == []
        assert kiosk.errors == []
    finally:
        kiosk.context.close()
        running.stop()


# -- measured in the browser ------------------------------------------------

MEASURE = """() => {
  const dialog = document.querySelector('dialog[open]');
  const scope = dialog || document;
  const shown = el => el.checkVisibility({checkVisibilityCSS: true}) && el.getClientRects().length > 0;
  const small = [];
  for (const el of scope.querySelectorAll('a[href], button, [data-action]')) {
    if (!shown(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.width < 48 || box.height < 48) small.push(`${el.outerHTML.slice(0, 80)}: ${box.width.toFixed(0)}×${box.height.toFixed(0)}`);
  }
  const tiny = [];
  const walker = document.createTreeWalker(dialog || document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!node.textContent.trim() || !parent || !shown(parent) || parent.closest('script, style')) continue;
    const size = parseFloat(getComputedStyle(parent).fontSize);
    if (size < 22) tiny.push(`${node.textContent.trim().slice(0, 30)}: ${size}px`);
  }
  return {small, tiny};
}"""


def screens(kiosk):
    """Each kiosk screen in turn (name, after having shown it)."""
    page = kiosk.page
    kiosk.open("?idle=600")
    yield "attract"
    kiosk.start()
    yield "language picker"
    kiosk.choose("en")
    yield "topic tiles"
    kiosk.topic("tourism")
    yield "page list"
    kiosk.read("tourism-pagoda")
    yield "reading view (untranslated page)"
    kiosk.press("home")
    kiosk.topic("arriving")
    kiosk.read("arriving-airport")
    yield "reading view"
    page.locator('#k-article .k-content a[href="https://noibaiairport.vn/"]').click()
    expect(page.locator("#k-qr")).to_be_visible()
    yield "QR card"
    page.locator('[data-action="close-qr"]').click()
    page.goto(kiosk.url + "?idle=1&countdown=600")
    kiosk.start()
    kiosk.choose("ko")
    expect(page.locator("#k-idle")).to_be_visible(timeout=4000)
    yield "idle countdown"


def test_touch_targets_and_text_sizes(kiosk):
    measured = {}
    for name in screens(kiosk):
        measured[name] = kiosk.page.evaluate(MEASURE)
    assert measured == {name: {"small": [], "tiny": []} for name in measured}
    assert len(measured) == 8


def test_text_size_control_enlarges_the_reading_text(kiosk):
    page = kiosk.page
    kiosk.open()
    kiosk.start()
    kiosk.choose("zh")
    kiosk.topic("arriving")
    kiosk.read("arriving-airport")
    sizes = []
    for _ in range(4):
        sizes.append(page.evaluate("parseFloat(getComputedStyle(document.querySelector('#k-article .k-content p')).fontSize)"))
        kiosk.press("text-size")
    assert sizes == [26, 32, 38, 26]
    kiosk.press("text-size")
    kiosk.press("text-size")
    assert page.evaluate(MEASURE) == {"small": [], "tiny": []}  # targets stay large at the largest size


@pytest.fixture()
def kiosk_under_axe(browser, server):
    """The kiosk with axe-core injected: the testing tool is an inline script,
    which the kiosk's Content-Security-Policy rightly blocks, so only this
    context ignores the policy (tests/browser/test_csp.py tests the policy)."""
    yield from _checked_kiosk(Kiosk(browser, server.url, bypass_csp=True))


def test_axe_finds_no_violations_on_any_screen(kiosk_under_axe):
    kiosk = kiosk_under_axe
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run 'npm ci' (make setup does)")
    results = {}
    for name in screens(kiosk):
        kiosk.page.add_script_tag(path=str(AXE))
        violations = kiosk.page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)"
        )
        results[name] = violations
    assert results == {name: [] for name in results}
    assert len(results) == 8


# -- soak -------------------------------------------------------------------

SOAK_INTERACTIONS = 2000
# Where a touch on the first shown match of a selector lands (scrolled into
# view as a reader would), polled in the page until it is shown. The touch is
# a pointer click at that point rather than locator.click: Playwright's
# locators keep state in the page's JS heap, which would blur the measurement,
# and their checks would make the run several times longer.
TOUCH_POINT = """selector => new Promise((resolve, reject) => {
  const deadline = performance.now() + 10000;
  (function poll() {
    const dialog = document.querySelector('dialog[open]');
    for (const element of document.querySelectorAll(selector)) {
      if (!element.checkVisibility() || (dialog && !dialog.contains(element))) continue;
      let box = element.getBoundingClientRect();
      if (box.top < 120 || box.bottom > innerHeight) {
        element.scrollIntoView({block: 'center'});
        box = element.getBoundingClientRect();
      }
      return resolve([box.x + box.width / 2, box.y + box.height / 2]);
    }
    if (performance.now() > deadline) return reject(new Error(`never shown: ${selector}`));
    setTimeout(poll, 5);
  })();
})"""


def test_soak_memory_stays_flat_over_2000_interactions_with_idle_resets(browser, server):
    """Scripted sessions (attract, language, topic, page, text size, QR card,
    link to another page, back, home, language) in every language, every third
    one left alone until the idle reset; the JS heap after a forced GC at the
    end is within 20% of the heap after the first reset."""
    kiosk = Kiosk(browser, server.url)
    page = kiosk.page
    count = 0

    def touch(selector: str) -> None:
        nonlocal count
        x, y = page.evaluate(TOUCH_POINT, selector)
        page.mouse.click(x, y)
        count += 1

    def session(lang: str) -> None:
        touch("#k-attract")
        touch(f'button[data-lang="{lang}"]')
        for _ in range(3):
            touch('button[data-topic="arriving"]')
            touch('.k-entry[data-page="arriving-airport"]')
            touch('.k-bar [data-action="text-size"]')
            touch("#k-article .k-sources a")
            touch('#k-qr [data-action="close-qr"]')
            touch('#k-article .k-content a[data-page="tourism-lake"]')
            touch('.k-bar [data-action="back"]')
            touch('.k-bar [data-action="home"]')
            touch('button[data-topic="tourism"]')
            touch('.k-entry[data-page="tourism-pagoda"]')
            touch('.k-bar [data-action="back"]')
            touch('.k-bar [data-action="back"]')
        touch('.k-bar [data-action="language"]')

    def idle_reset() -> None:
        expect(page.locator("#k-attract")).to_be_visible(timeout=6000)
        expect(page.locator("#k-lists > *")).to_have_count(0)

    def heap() -> int:
        return page.evaluate("() => { gc(); gc(); return performance.memory.usedJSHeapSize; }")

    try:
        kiosk.open("?idle=1&countdown=0.3")
        started = time.monotonic()
        # The first session visits every language once, then waits for the first reset.
        touch("#k-attract")
        for lang in LANGS:
            touch(f'button[data-lang="{lang}"]')
            touch('button[data-topic="arriving"]')
            touch('.k-entry[data-page="arriving-airport"]')
            touch('.k-bar [data-action="language"]')
        idle_reset()
        first = heap()
        sessions, resets = 1, 1
        while count < SOAK_INTERACTIONS:
            session(LANGS[sessions % len(LANGS)])
            sessions += 1
            if sessions % 3 == 0:
                idle_reset()
                resets += 1
            else:
                touch('.k-bar [data-action="home"]')  # on the language picker: back to the attract screen
        idle_reset()
        last = heap()
        elapsed = time.monotonic() - started
        print(f"\nkiosk soak: {count} interactions, {sessions} sessions, {resets} idle resets in {elapsed:.0f} s; "
              f"JS heap after the first reset {first} bytes, after the run {last} bytes ({(last - first) / first:+.1%})")
        assert last <= first * 1.2
        assert kiosk.foreign_requests() == [] and kiosk.errors == []
    finally:
        kiosk.context.close()
