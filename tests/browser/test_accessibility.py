"""WCAG 2.2 AA on the site's own page types, checked by axe-core (from npm)
in headless Chromium: home pages, a content page, a missing-translation
page, a stale translation and an events table."""

from __future__ import annotations

import pytest

from browser_support import chromium, serve
from conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = [
    "",  # Vietnamese home
    "ja/",  # Japanese home
    "ko/tourism/lake/",  # translated page
    "en/tourism/pagoda/",  # missing translation, Vietnamese text with notice
    "fr/tourism/lake/",  # stale translation notice
    "events/anniversaries/",  # generated table
]


@pytest.fixture(scope="module")
def axe_page(basic_site):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` in the project folder (make test does)")
    with serve(basic_site) as base, chromium() as browser:
        page = browser.new_page()
        page.route("https://fixture.example.org/**", lambda route: route.abort())
        yield page, base


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_wcag_aa_violation(axe_page, path):
    page, base = axe_page
    page.goto(base + path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    violations = [(v["id"], [node["target"] for node in v["nodes"]]) for v in result["violations"]]
    assert violations == []
