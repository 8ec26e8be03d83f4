"""Rebasing a page's links for another address (hanoi_info.embeds.html)."""

from __future__ import annotations

import pytest

from hanoi_info.embeds.html import rebase_urls, site_relative
from hanoi_info.embeds.paths import embed_path, relative_root
from hanoi_info.languages import languages_from_codes

VI, EN = languages_from_codes(["vi", "en"])


@pytest.mark.parametrize(
    "url, expected",
    [
        ("../lake/", "en/tourism/lake/"),
        ("../../events/calendar/#every-year", "en/events/calendar/#every-year"),
        ("../../../tourism/pagoda/", "tourism/pagoda/"),
        ("../lake.svg", "en/tourism/lake.svg"),
        ("#getting-there", "en/tourism/pagoda/#getting-there"),
        ("./", "en/tourism/pagoda/"),
        ("https://hanoi.gov.vn/", None),
        ("mailto:info@hanoi.gov.vn", None),
        ("//cdn.invalid/x.js", None),
    ],
)
def test_site_relative_resolves_against_the_pages_own_address(url, expected):
    assert site_relative(url, "en/tourism/pagoda/") == expected


def test_rebase_rewrites_relative_links_and_images_only():
    content = (
        '<p><a href="../lake/">Lake</a> <a href="https://hanoi.gov.vn/">portal</a> '
        '<img alt="map" src="map.svg" /> <a href="?a=1&amp;b=2">q</a></p>'
    )
    rebased = rebase_urls(content, "en/tourism/pagoda/", "https://x.example.org/")
    assert rebased == (
        '<p><a href="https://x.example.org/en/tourism/lake/">Lake</a> <a href="https://hanoi.gov.vn/">portal</a> '
        '<img alt="map" src="https://x.example.org/en/tourism/pagoda/map.svg"> '
        '<a href="https://x.example.org/en/tourism/pagoda/?a=1&amp;b=2">q</a></p>'
    )
    # Text that merely looks like an attribute is left alone.
    assert rebase_urls("<p>write href=\"x\" like this</p>", "en/", "/") == "<p>write href=\"x\" like this</p>"
    assert rebase_urls("<code>&lt;a href=\"x\"&gt;</code>", "en/", "/") == "<code>&lt;a href=\"x\"&gt;</code>"


def test_embed_paths_include_the_vietnamese_code_and_lead_back_to_the_root():
    assert embed_path("tourism/lake.md", VI) == "embed/vi/tourism/lake/"
    assert embed_path("tourism/lake.md", EN) == "embed/en/tourism/lake/"
    assert embed_path("index.md", EN) == "embed/en/"
    assert relative_root("embed/en/tourism/lake/") == "../../../../"
    assert relative_root("embed/vi/") == "../../"
    assert relative_root("api/v1/en/pages/home.json") == "../../../../"
