"""Which handouts a site has and which addresses may be printed
(hanoi_info.handouts.plan)."""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES
from hanoi_info.corpus import load_corpus
from hanoi_info.handouts import plan
from hanoi_info.languages import languages_from_codes

CODES = ("vi", "en", "fr", "zh", "ja", "ko")


@pytest.fixture()
def docs(tmp_path):
    target = tmp_path / "docs"
    shutil.copytree(FIXTURES / "handouts" / "docs", target)
    return target


@pytest.mark.parametrize(
    "site_url, problem",
    [
        ("http://127.0.0.1:8000/", "local or placeholder"),
        ("https://localhost/", "local or placeholder"),
        ("https://fixture.example.org/", "placeholder (example.*)"),
        ("https://example.com/", "placeholder (example.*)"),
        ("https://hanoi.example/", "local or placeholder"),
        ("http://thongtin.hanoi.vn/", "is not HTTPS"),
        ("", "not set"),
        ("https://thongtin.hanoi.vn/", None),
        ("https://thongtin.hanoi.gov.vn/sub/", None),
    ],
)
def test_placeholder_and_plain_http_addresses_are_not_printable(site_url, problem):
    found = plan.site_url_problem(site_url)
    if problem is None:
        assert found is None
    else:
        assert problem in found


def test_handouts_are_the_written_languages_of_handout_pages_in_site_order(docs):
    corpus = load_corpus(docs, languages_from_codes(list(CODES)))
    found = [(h.lang, h.page_id, h.page_path) for h in plan.handouts(corpus, CODES)]
    assert found == [
        ("vi", "arriving-airport", "arriving/airport/"),
        ("vi", "tourism-lake", "tourism/lake/"),
        ("en", "arriving-airport", "en/arriving/airport/"),
        ("en", "tourism-lake", "en/tourism/lake/"),
        ("ko", "arriving-airport", "ko/arriving/airport/"),
    ]
    assert [(h.lang, h.page_id) for h in plan.handouts(corpus, ("vi", "ko"))] == [
        ("vi", "arriving-airport"), ("vi", "tourism-lake"), ("ko", "arriving-airport")
    ]


def test_file_names_of_a_handout(docs):
    corpus = load_corpus(docs, languages_from_codes(list(CODES)))
    handout = [h for h in plan.handouts(corpus, CODES) if h.lang == "en"][0]
    assert handout.pdf_path("office") == "en/handouts/arriving-airport.pdf"
    assert handout.pdf_path("print") == "en/handouts/arriving-airport.print.pdf"
    assert handout.preview_path == "en/handouts/arriving-airport.preview.png"
    assert plan.pack_path("en/", "en", "print") == "en/handouts/hanoi-handouts.en.print.pdf"
    assert plan.index_path("en/") == "en/handouts/"
    assert plan.qr_image_path(handout.short_path, "svg") == f"q/{handout.code}/qr.svg"


def test_practical_facts_are_checked(docs):
    path = docs / "arriving" / "airport.en.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('  - "Taxi: official rank in front of the arrivals hall"', "  - " + "x" * 130 + "\n  - 12"), encoding="utf-8")
    corpus = load_corpus(docs, languages_from_codes(list(CODES)))
    handout = [h for h in plan.handouts(corpus, CODES) if (h.lang, h.page_id) == ("en", "arriving-airport")][0]
    facts, problems = plan.handout_facts(corpus, handout, docs)
    assert facts == ("Bus 86: airport – Hoàn Kiếm Lake – Hà Nội Railway Station",)
    line = text.split("\n").index("handout_facts:") + 1
    assert [str(p) for p in problems] == [
        f"arriving/airport.en.md:{line}: handout_facts[2]: 130 characters, at most 120 allowed; shorten it",
        f"arriving/airport.en.md:{line}: handout_facts[3]: expected text, got 12",
    ]


def test_short_address_is_printed_without_scheme_or_trailing_slash():
    assert plan.short_display("https://thongtin.hanoi.vn/", "q/abc234/") == "thongtin.hanoi.vn/q/abc234"
    assert plan.short_display("https://hanoi.vn/info/", "q/abc234/") == "hanoi.vn/info/q/abc234"
