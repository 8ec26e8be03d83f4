"""Integration: the basic fixture site (tests/fixtures/basic) built through the
CLI, checked file by file. The fixture has a home page in every language, a
page translated into every language (French stale), and a page in Vietnamese
only."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

LANGS = ["vi", "en", "fr", "zh", "ja", "ko"]
PREFIX = {"vi": "", "en": "en/", "fr": "fr/", "zh": "zh/", "ja": "ja/", "ko": "ko/"}
BASE = "https://fixture.example.org/"


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_every_language_gets_every_page_and_its_own_search_index(basic_site):
    # Pages, indexes and sitemaps; theme assets (CSS, JS, images) are Material's and the capabilities' own.
    pages = sorted(
        p.relative_to(basic_site).as_posix() for p in basic_site.rglob("*")
        if p.is_file() and "assets" not in p.parts and p.suffix in (".html", ".json", ".xml", ".gz")
    )
    expected = ["404.html", "sitemap.xml", "sitemap.xml.gz"]
    for lang in LANGS:
        prefix = PREFIX[lang]
        expected += [f"{prefix}index.html", f"{prefix}search/search_index.json", f"{prefix}events/anniversaries/index.html",
                     f"{prefix}tourism/lake/index.html", f"{prefix}tourism/pagoda/index.html",
                     f"{prefix}status/index.html"]  # the translation status page (hanoi-editorial)
    assert pages == sorted(expected)


@pytest.mark.parametrize("lang", LANGS)
def test_html_lang_is_the_language_of_the_build(basic_site, lang):
    html = read(basic_site, f"{PREFIX[lang]}tourism/lake/index.html")
    assert re.search(r'<html lang="([^"]+)"', html).group(1) == lang


def alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def test_translated_page_lists_all_languages_and_x_default(basic_site):
    html = read(basic_site, "ja/tourism/lake/index.html")
    assert alternates(html) == {
        "vi": BASE + "tourism/lake/", "en": BASE + "en/tourism/lake/", "fr": BASE + "fr/tourism/lake/",
        "zh-Hans": BASE + "zh/tourism/lake/", "ja": BASE + "ja/tourism/lake/", "ko": BASE + "ko/tourism/lake/",
        "x-default": BASE + "tourism/lake/",
    }
    assert f'<link rel="canonical" href="{BASE}ja/tourism/lake/">' in html


def test_untranslated_page_shows_notice_keeps_vietnamese_lang_and_points_canonical_to_original(basic_site):
    html = read(basic_site, "en/tourism/pagoda/index.html")
    assert alternates(html) == {"vi": BASE + "tourism/pagoda/", "x-default": BASE + "tourism/pagoda/"}
    assert f'<link rel="canonical" href="{BASE}tourism/pagoda/">' in html
    assert "This page has not been translated into English yet, so it is shown in Vietnamese." in html
    assert '<a href="../../../tourism/pagoda/" hreflang="vi" lang="vi">Read the Vietnamese original</a>' in html
    assert '<div class="hanoi-content" lang="vi">' in html
    assert "Chùa Một Cột được dựng trên một cột đá giữa hồ." in html


@pytest.mark.parametrize(
    "lang, notice",
    [
        ("fr", "Cette page n'a pas encore été traduite en français\u00a0; elle est donc affichée en vietnamien."),
        ("zh", "本页尚未翻译成中文，因此显示越南语原文。"),
        ("ja", "このページはまだ日本語に翻訳されていないため、ベトナム語で表示しています。"),
        ("ko", "이 페이지는 아직 한국어로 번역되지 않아 베트남어로 표시됩니다."),
    ],
)
def test_missing_translation_notice_is_in_the_readers_language(basic_site, lang, notice):
    assert notice in read(basic_site, f"{lang}/tourism/pagoda/index.html")


def test_translated_page_has_no_notice_and_its_own_lang(basic_site):
    html = read(basic_site, "en/tourism/lake/index.html")
    assert "hanoi-notice" not in html
    assert '<div class="hanoi-content" lang="en">' in html


def test_stale_translation_says_when_the_original_changed(basic_site):
    html = read(basic_site, "fr/tourism/lake/index.html")
    assert "L'original vietnamien a été mis à jour le 2 novembre 2026\u00a0; cette traduction n'intègre peut-être pas encore ces changements." in html


def test_language_switcher_has_native_names_and_keeps_the_page(basic_site):
    html = read(basic_site, "tourism/lake/index.html")
    links = re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)" class="md-select__link">\s*([^<]+?)\s*</a>', html)
    assert links == [
        ("./", "vi", "Tiếng Việt"),
        ("../../en/tourism/lake/", "en", "English"),
        ("../../fr/tourism/lake/", "fr", "Français"),
        ("../../zh/tourism/lake/", "zh", "中文"),
        ("../../ja/tourism/lake/", "ja", "日本語"),
        ("../../ko/tourism/lake/", "ko", "한국어"),
    ]


def test_sitemap_lists_written_pages_with_alternates(basic_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(read(basic_site, "sitemap.xml"))
    entries = {
        url.find("s:loc", ns).text: {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        for url in root.findall("s:url", ns)
    }
    lake = {lang: BASE + PREFIX[lang] + "tourism/lake/" for lang in LANGS}
    assert sorted(entries) == sorted(
        [BASE + PREFIX[lang] for lang in LANGS] + list(lake.values()) + [BASE + "tourism/pagoda/", BASE + "events/anniversaries/"]
    )
    assert entries[BASE + "ko/tourism/lake/"] == {
        **{("zh-Hans" if lang == "zh" else lang): url for lang, url in lake.items()}, "x-default": lake["vi"]
    }
    assert entries[BASE + "tourism/pagoda/"] == {"vi": BASE + "tourism/pagoda/", "x-default": BASE + "tourism/pagoda/"}


def test_each_search_index_holds_only_its_language(basic_site):
    def index(lang):
        return json.loads(read(basic_site, f"{PREFIX[lang]}search/search_index.json"))

    vi = index("vi")
    assert [doc["location"] for doc in vi["docs"]] == [
        "", "events/anniversaries/", "events/anniversaries/#nam-nay",
        "tourism/lake/", "tourism/lake/#ho-nuoc", "tourism/pagoda/", "tourism/pagoda/#kien-truc",
    ]
    ja = index("ja")
    assert ja["config"]["lang"] == ["ja"]
    assert [doc["title"] for doc in ja["docs"]] == ["Home ja", "ホアンキエム湖", "湖"]
    zh_text = " ".join(doc["text"] for doc in index("zh")["docs"])
    assert "\u200b还剑湖\u200b" in zh_text  # segmented at build time
    assert "\u200b" not in " ".join(doc["text"] for doc in ja["docs"])  # Japanese is left to the browser


def test_pages_load_their_languages_index(basic_site):
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', read(basic_site, "ko/tourism/lake/index.html"), re.S)
    assert json.loads(config.group(1))["base"] == "../../../ko/"


def test_root_404_page_stays_vietnamese(basic_site):
    assert '<html lang="vi"' in read(basic_site, "404.html")


EXTERNAL = re.compile(r"""(?:src|href|srcset|action|poster|data)\s*=\s*["'](?:https?:)?//(?!fixture\.example\.org)""", re.I)
CSS_EXTERNAL = re.compile(r"""(?:@import\s+["']|url\(\s*["']?)(?:https?:)?//""", re.I)


def test_no_request_leaves_the_site(basic_site):
    """Only links a reader clicks may point elsewhere (sources, official portals);
    nothing that loads by itself: no fonts, scripts, styles, images or frames."""
    offenders = []
    for path in basic_site.rglob("*"):
        if path.suffix == ".html":
            html = path.read_text(encoding="utf-8")
            for tag in re.findall(r"<(?:script|link|img|iframe|source|video|audio|object|embed)\b[^>]*>", html, re.I):
                if EXTERNAL.search(tag) and 'rel="alternate"' not in tag and 'rel="canonical"' not in tag:
                    offenders.append(f"{path.relative_to(basic_site)}: {tag}")
        elif path.suffix in (".css", ".js"):
            text = path.read_text(encoding="utf-8", errors="replace")
            if path.suffix == ".css" and CSS_EXTERNAL.search(text):
                offenders.append(str(path.relative_to(basic_site)))
    assert offenders == []
    assert "fonts.googleapis.com" not in "".join(p.read_text(errors="replace") for p in basic_site.rglob("*.html"))


@pytest.mark.parametrize(
    "lang, row",
    [
        ("vi", "<td>16 tháng 7, 1999</td>\n<td>UNESCO trao danh hiệu Thành phố vì hòa bình</td>\n<td style=\"text-align:right\">30 năm</td>"),
        ("ja", "<td>16 tháng 7, 1999</td>\n<td>UNESCO trao danh hiệu Thành phố vì hòa bình</td>\n<td style=\"text-align:right\">30 năm</td>"),
    ],
)
def test_events_marker_becomes_the_years_anniversary_table_in_the_pages_language(basic_site, lang, row):
    """anniversary_year is 2029 in the fixture: 30 years since 1999. The Japanese
    build shows the untranslated page, so the table is Vietnamese like its text."""
    html = read(basic_site, f"{PREFIX[lang]}events/anniversaries/index.html")
    assert row in html
