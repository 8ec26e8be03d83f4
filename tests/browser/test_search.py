"""Search stays in the reader's language, CJK included: typed into Material's
search box in headless Chromium on the built basic fixture."""

from __future__ import annotations

import pytest

from browser_support import chromium, serve

pytestmark = pytest.mark.browser

QUERIES = [
    # (language prefix, query, expected result path)
    ("", "Gươm", "tourism/lake/"),
    ("en/", "Old Quarter", "en/tourism/lake/"),
    ("fr/", "vieux quartier", "fr/tourism/lake/"),
    ("zh/", "老城区", "zh/tourism/lake/"),
    ("ja/", "旧市街", "ja/tourism/lake/"),
    ("ko/", "구시가지", "ko/tourism/lake/"),
]


def search(page, base, prefix, query):
    page.goto(f"{base}{prefix}tourism/lake/")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material searches on keyup; CJK text arrives without key events
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__meta') && "
        "!/Initializing|Đang khởi tạo|Type to start|Nhập để/.test(document.querySelector('.md-search-result__meta').textContent)"
    )
    page.wait_for_timeout(300)
    links = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
    return [link.replace(base, "").split("#")[0].split("?")[0] for link in links]


# The fixture's public address. Material asks the site's own origin for the
# sitemaps of alternate pages; in this test that origin is not served.
PUBLIC = "https://fixture.example.org/"


@pytest.fixture(scope="module")
def browser_page(basic_site):
    with serve(basic_site) as base, chromium() as browser:
        page = browser.new_page()
        page.route(PUBLIC + "**", lambda route: route.abort())
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        yield page, base, requests


@pytest.mark.parametrize("prefix, query, expected", QUERIES)
def test_query_finds_the_page_in_the_readers_language_only(browser_page, prefix, query, expected):
    page, base, requests = browser_page
    results = search(page, base, prefix, query)
    assert expected in results
    assert all(result.startswith(prefix) and not any(
        result.startswith(other) for other in ("en/", "fr/", "zh/", "ja/", "ko/") if other != prefix
    ) for result in results), results
    index_requests = [url for url in requests if url.endswith("search_index.json")]
    assert index_requests[-1] == f"{base}{prefix}search/search_index.json"


def test_japanese_reader_does_not_get_vietnamese_results(browser_page):
    page, base, _ = browser_page
    assert search(page, base, "ja/", "Gươm") == []


def test_no_request_leaves_the_site(browser_page):
    page, base, requests = browser_page
    outside = [url for url in requests if not url.startswith((base, PUBLIC))]
    assert requests and outside == []
