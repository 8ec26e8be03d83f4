"""Embed views, oEmbed and the "Embed this page" dialog (hanoi_info.embeds.embed,
the hanoi-embeds plugin), checked on the built tests/fixtures/embeds site."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import build, copy_fixture
from embeds_support import BASE, CODES, CORPUS, language, missing, read_json, site_file
from hanoi_info.corpus import page_url
from hanoi_info.embeds import paths

PAGES = CORPUS.source_paths()
CASES = [(code, norm) for code in CODES for norm in PAGES]


def embed_html(site: Path, code: str, norm: str) -> str:
    return (site / paths.embed_path(norm, language(code)) / "index.html").read_text(encoding="utf-8")


def base_href(document: str, own_url: str) -> str:
    """The address every relative link of the embed view resolves against."""
    return urljoin(own_url, re.search(r'<base href="([^"]*)" target="_blank">', document).group(1))


@pytest.mark.parametrize("code, norm", CASES)
def test_every_page_has_an_embed_view_in_every_language(embeds_site, code, norm):
    document = embed_html(embeds_site, code, norm)
    own_url = BASE + paths.embed_path(norm, language(code))
    assert re.search(r'<html lang="([^"]+)">', document).group(1) == code
    expected_lang = code if CORPUS.get(norm, code) else "vi"
    assert f'<article class="hanoi-embed__content" lang="{expected_lang}">' in document
    # The content only: none of the site's header, navigation or search.
    for chrome in ("md-header", "md-nav", "md-sidebar", "md-search", "md-footer"):
        assert chrome not in document
    # Every relative address (styles, script, links, images) resolves, through <base>, to a file of the site.
    root = base_href(document, own_url)
    assert root == BASE
    relative = [value for value in re.findall(r'(?:href|src)="([^"]*)"', document)
                if not value.startswith(("http:", "https:", "#")) and value != "../" * own_url[len(BASE):].count("/")]
    assert missing(embeds_site, [urljoin(root, value) for value in relative]) == []
    # A small attribution link back to the full page, opening outside the frame.
    attribution = re.search(r'<p class="hanoi-embed__attribution"><a href="([^"]+)" target="_blank"', document).group(1)
    assert urljoin(root, attribution) == BASE + page_url(norm, language(code))


def test_embed_view_loads_no_cookie_or_storage_code(embeds_site):
    frame_script = (embeds_site / paths.FRAME_SCRIPT).read_text(encoding="utf-8")
    document = embed_html(embeds_site, "en", "tourism/lake.md")
    for text in (frame_script, document):
        for api in ("document.cookie", "localStorage", "sessionStorage", "indexedDB", "caches."):
            assert api not in text
    assert re.findall(r'<script[^>]*src="([^"]+)"', document) == [paths.FRAME_SCRIPT]
    assert "<script>" not in document


def test_untranslated_page_embeds_the_vietnamese_text_with_the_notice_in_the_readers_language(embeds_site):
    document = embed_html(embeds_site, "fr", "tourism/pagoda.md")
    assert "Cette page n'a pas encore été traduite" in document
    assert '<article class="hanoi-embed__content" lang="vi">' in document
    assert "<h1>Chùa Một Cột</h1>" in document
    original = re.search(r'<a href="([^"]+)" hreflang="vi" lang="vi">', document).group(1)
    assert urljoin(BASE, original) == BASE + "tourism/pagoda/"
    assert "Lire la page complète sur" in document


def test_stale_translation_embed_says_so(embeds_site):
    assert "hanoi-notice--stale" in embed_html(embeds_site, "fr", "tourism/lake.md")
    assert "hanoi-notice" not in embed_html(embeds_site, "en", "tourism/lake.md")


def test_links_and_images_of_the_text_lead_to_the_full_site(embeds_site):
    document = embed_html(embeds_site, "en", "tourism/lake.md")
    content = document.split('<article class="hanoi-embed__content"', 1)[1].split("</article>", 1)[0]
    links = dict((text, urljoin(BASE, href)) for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', content))
    assert links["One Pillar Pagoda"] == BASE + "en/tourism/pagoda/"
    assert links["events calendar"] == BASE + "en/events/calendar/#hang-nam"
    image = urljoin(BASE, re.search(r'<img alt="Drawing of the lake" src="([^"]+)"', content).group(1))
    assert site_file(embeds_site, image).read_text().startswith("<svg")


@pytest.mark.parametrize("code, norm", CASES)
def test_oembed_document_per_page_and_language(embeds_site, code, norm):
    record = CORPUS.get(norm, code) or CORPUS.get(norm, "vi")
    document = read_json(embeds_site, paths.oembed_path(record.meta.id, code))
    assert document["version"] == "1.0" and document["type"] == "rich"
    assert document["title"] == record.meta.title
    assert isinstance(document["width"], int) and isinstance(document["height"], int)
    assert document["provider_url"] == BASE + language(code).url_prefix
    assert document["provider_name"]
    iframe = re.fullmatch(r'<iframe src="([^"]+)" title="([^"]+)" width="(\d+)" height="(\d+)" [^>]*></iframe>', document["html"])
    assert iframe.group(1) == BASE + paths.embed_path(norm, language(code))
    assert html.unescape(iframe.group(2)) == record.meta.title
    assert (int(iframe.group(3)), int(iframe.group(4))) == (document["width"], document["height"])
    assert 'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"' in document["html"]
    assert missing(embeds_site, [iframe.group(1), document["provider_url"]]) == []


@pytest.mark.parametrize("code, norm", CASES)
def test_page_head_announces_its_oembed_document_and_the_feeds(embeds_site, code, norm):
    page = (embeds_site / page_url(norm, language(code)) / "index.html").read_text(encoding="utf-8")
    record = CORPUS.get(norm, code) or CORPUS.get(norm, "vi")
    head = page.split("</head>", 1)[0]
    oembed = re.findall(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)" title="([^"]+)">', head)
    assert [(href, html.unescape(title)) for href, title in oembed] == [
        (BASE + paths.oembed_path(record.meta.id, code), record.meta.title)
    ]
    feeds = re.findall(r'<link rel="alternate" type="([^"]+)" href="([^"]+)" title="[^"]+">', head)
    feeds = [(kind, href) for kind, href in feeds if kind != "application/json+oembed"]
    assert feeds == [
        ("application/rss+xml", f"{BASE}feeds/{code}/updates.xml"),
        ("application/feed+json", f"{BASE}feeds/{code}/updates.json"),
        ("application/rss+xml", f"{BASE}feeds/{code}/events.xml"),
        ("application/feed+json", f"{BASE}feeds/{code}/events.json"),
        ("text/calendar", f"{BASE}feeds/{code}/events.ics"),
    ]
    assert missing(embeds_site, [oembed[0][0]] + [href for _, href in feeds]) == []


@pytest.mark.parametrize(
    "code, summary, copy",
    [
        ("vi", "Nhúng trang này", "Sao chép"),
        ("en", "Embed this page", "Copy"),
        ("fr", "Intégrer cette page", "Copier"),
        ("zh", "嵌入本页", "复制"),
        ("ja", "このページを埋め込む", "コピー"),
        ("ko", "이 페이지 삽입하기", "복사"),
    ],
)
def test_embed_dialog_offers_both_snippets_in_the_readers_language(embeds_site, code, summary, copy):
    page = (embeds_site / page_url("tourism/lake.md", language(code)) / "index.html").read_text(encoding="utf-8")
    dialog = re.search(r'<details class="hanoi-embed-share">(.*?)</details>', page, re.S).group(1)
    assert f"<summary>{summary}</summary>" in dialog
    assert dialog.count(f">{copy}</button>") == 2
    codes = [html.unescape(text) for text in re.findall(r"<textarea [^>]*>(.*?)</textarea>", dialog, re.S)]
    labels = re.findall(r'<label id="[^"]+" for="([^"]+)">', dialog)
    assert labels == ["hanoi-embed-script", "hanoi-embed-iframe"]
    copied = [html.unescape(text) for text in re.findall(r'data-clipboard-text="([^"]*)"', dialog)]
    assert copied == codes
    embed_url = BASE + paths.embed_path("tourism/lake.md", language(code))
    loader, iframe = codes
    placeholder = re.search(r'<a data-hanoi-embed="([^"]+)" href="([^"]+)">', loader)
    assert placeholder.groups() == (embed_url, BASE + page_url("tourism/lake.md", language(code)))
    script = re.search(r'<script async src="([^"]+)"></script>', loader).group(1)
    assert script == BASE + paths.LOADER_SCRIPT
    assert re.search(r'<iframe src="([^"]+)"', iframe).group(1) == embed_url
    assert missing(embeds_site, [embed_url, script, *placeholder.groups()]) == []
    assert "<script" not in dialog.replace("&lt;script", "")  # the dialog itself runs no script


OUTPUTS = ("embed", "oembed", "api", "feeds")


def test_two_builds_of_the_same_content_are_byte_identical(embeds_site, tmp_path):
    site = tmp_path / "site"
    result = build(copy_fixture("embeds", tmp_path) / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    for folder in OUTPUTS:
        first = {p.relative_to(embeds_site): p.read_bytes() for p in (embeds_site / folder).rglob("*") if p.is_file()}
        second = {p.relative_to(site): p.read_bytes() for p in (site / folder).rglob("*") if p.is_file()}
        assert first and sorted(first) == sorted(second)
        assert [name for name in first if first[name] != second[name]] == []
