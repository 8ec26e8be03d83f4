"""A handout's HTML (hanoi_info.handouts.document): the page's own words, the
labels in the handout's language, Korean kept whole word by word."""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURES, ROOT
from hanoi_info.context import CapturedPage
from hanoi_info.corpus import load_corpus
from hanoi_info.handouts import plan
from hanoi_info.handouts.document import DocumentBuilder, keep_words
from hanoi_info.languages import languages_from_codes

CODES = ("vi", "en", "fr", "zh", "ja", "ko")
DOCS = FIXTURES / "handouts" / "docs"


# The English lake page as the site's build renders it (sanitized, at its address).
LAKE_EN = CapturedPage(
    "tourism/lake.md", "en", "en/tourism/lake/",
    '<h1 id="hoan-kiem-lake">Hoàn Kiếm Lake</h1>\n'
    "<p>Hoàn Kiếm Lake lies in the heart of the Old Quarter; on its shore stand Ngọc Sơn Temple and the Thê Húc Bridge.</p>\n"
    '<p><img alt="Sketch of Hoàn Kiếm Lake" src="../lake-map.svg"></p>\n'
    '<h2 id="a-walk-around-the-lake">A walk around the lake</h2>\n'
    "<p>A walk around the lake is about 1.7 km long.</p>",
    (("en/tourism/lake-map.svg", str(DOCS / "tourism" / "lake-map.svg")),),
)


def _builder(corpus=None, site_url="https://thongtin.hanoi.vn/") -> DocumentBuilder:
    return DocumentBuilder(
        corpus=corpus, docs_dir=DOCS, templates_dir=ROOT / "overrides" / "handouts", locales_dir=ROOT / "locales",
        site_url=site_url, site_name="Hà Nội International Information",
    )


@pytest.fixture(scope="module")
def documents():
    corpus = load_corpus(DOCS, languages_from_codes(list(CODES)))
    builder = _builder(corpus)
    pages = {("tourism/lake.md", "en"): LAKE_EN}
    return {(h.lang, h.page_id): builder.build(h, pages.get((h.norm_path, h.lang)))[0]
            for h in plan.handouts(corpus, CODES) if h.lang in ("en", "ko")}


def test_korean_handout_speaks_korean(documents):
    raw = documents[("ko", "arriving-airport")].html
    assert '<span class="keep">스캔하여</span> <span class="keep">이</span>' in raw
    html = re.sub(r'<span class="keep">([^<]*)</span>', r"\1", raw)
    assert '<html lang="ko">' in html
    assert "스캔하여 이 페이지를 한국어로 읽기" in html  # from locales/ko
    assert "실용 정보" in html
    assert "정보 확인일: 2026년 11월 18일." in html  # the oldest source check, dated by Babel
    assert "thongtin.hanoi.vn</span><wbr><span>/q/" in html
    assert "Draft" not in html and "초안" not in html


def test_english_call_to_action_and_no_draft_notice_for_a_public_address(documents):
    html = documents[("en", "arriving-airport")].html
    assert "Scan to read this page in English" in html
    assert "Information checked on November 18, 2026." in html
    assert "Bus 86: airport – Hoàn Kiếm Lake – Hà Nội Railway Station" in html


def test_a_page_without_summary_prints_the_sites_own_html_of_the_page(documents):
    document = documents[("en", "tourism-lake")]
    assert document.uses_page_text
    html = document.html
    assert html.count("<h1") == 1  # the page's own title is not repeated
    assert '<h2 id="a-walk-around-the-lake">A walk around the lake</h2>' in html
    assert "Hoàn Kiếm Lake lies in the heart of the Old Quarter" in html
    # The drawing the page shows, as its source file below docs/, the document's base
    # (a site address means nothing to the PDF renderer).
    assert 'src="tourism/lake-map.svg"' in html
    assert document.base_url == DOCS.resolve().as_uri() + "/"


def test_a_handout_that_prints_its_text_needs_the_page():
    corpus = load_corpus(DOCS, languages_from_codes(list(CODES)))
    [lake] = [h for h in plan.handouts(corpus, CODES) if h.page_id == "tourism-lake" and h.lang == "en"]
    with pytest.raises(ValueError, match="needs the page's HTML"):
        _builder(corpus).build(lake)


def test_page_text_keeps_no_links():
    page = CapturedPage("money.md", "en", "en/money/",
                        '<h1>Title</h1><p>See <a href="https://noibaiairport.vn/">the airport</a> and <a href="../money/">money</a>.</p>')
    assert _builder().paper_text(page) == "<p>See the airport and money.</p>"


def test_page_text_on_paper_is_sanitized_again():
    page = CapturedPage("x.md", "en", "en/x/", '<p>Text <img src="x.png" alt="" onerror="alert(1)"></p>\n\n<script>alert(2)</script>\n')
    assert _builder().paper_text(page) == '<p>Text <img src="x.png" alt=""></p>\n\n\n'


def test_draft_notice_when_the_address_is_a_placeholder():
    corpus = load_corpus(DOCS, languages_from_codes(list(CODES)))
    builder = _builder(corpus, site_url="http://127.0.0.1:8000/")
    handout = [h for h in plan.handouts(corpus, CODES) if h.lang == "vi" and h.page_id == "arriving-airport"][0]
    html = builder.build(handout)[0].html
    assert "Bản nháp: mã QR này dẫn đến http://127.0.0.1:8000/, không phải trang web chính thức." in html


def test_keep_words_wraps_korean_words_only_in_the_body():
    html = '<html><head><title>한국어 제목</title></head><body class="x"><p>택시는 <b>공식 승차장</b>에서 T1 only</p><style>p{}</style></body></html>'
    assert keep_words(html) == (
        '<html><head><title>한국어 제목</title></head><body class="x"><p><span class="keep">택시는</span> '
        '<b><span class="keep">공식</span> <span class="keep">승차장</span></b><span class="keep">에서</span> T1 only</p>'
        "<style>p{}</style></body></html>"
    )
