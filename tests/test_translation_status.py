"""Translation status: ``hanoi-info status``, the notices on stale pages, and the
status page of the built site (``/status/`` in every language)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import build, copy_fixture, run_cli
from hanoi_info.corpus import load_corpus
from hanoi_info.project import load_project
from hanoi_info.translation_status import status_page, status_report

PREFIX = {"vi": "", "en": "en/", "fr": "fr/", "zh": "zh/", "ja": "ja/", "ko": "ko/"}
STALE_NOTICE = {
    "en": "This translation may be out of date",
    "fr": "Cette traduction n'est peut-être plus à jour",
}


def status_lines(config: Path, *extra: str) -> list[str]:
    """The translation table (the review table follows a blank line; tests/test_review.py)."""
    result = run_cli("-f", str(config), "status", *extra)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    return lines[:lines.index("")]


def test_status_counts_of_the_basic_fixture():
    lines = status_lines(Path(__file__).parent / "fixtures/basic/mkdocs.yml", "-v")
    assert lines == [
        "language     current  stale  missing   done",
        "en English         2      0        2    50%",
        "    missing  docs/events/anniversaries.en.md  (translate docs/events/anniversaries.md)",
        "    missing  docs/tourism/pagoda.en.md  (translate docs/tourism/pagoda.md)",
        "fr Français        1      1        2    25%",
        "    stale    docs/tourism/lake.fr.md  (the Vietnamese docs/tourism/lake.md changed; update the text, then its source_hash)",
        "    missing  docs/events/anniversaries.fr.md  (translate docs/events/anniversaries.md)",
        "    missing  docs/tourism/pagoda.fr.md  (translate docs/tourism/pagoda.md)",
        "zh 中文            2      0        2    50%",
        "    missing  docs/events/anniversaries.zh.md  (translate docs/events/anniversaries.md)",
        "    missing  docs/tourism/pagoda.zh.md  (translate docs/tourism/pagoda.md)",
        "ja 日本語          2      0        2    50%",
        "    missing  docs/events/anniversaries.ja.md  (translate docs/events/anniversaries.md)",
        "    missing  docs/tourism/pagoda.ja.md  (translate docs/tourism/pagoda.md)",
        "ko 한국어          2      0        2    50%",
        "    missing  docs/events/anniversaries.ko.md  (translate docs/events/anniversaries.md)",
        "    missing  docs/tourism/pagoda.ko.md  (translate docs/tourism/pagoda.md)",
    ]


def test_status_of_one_language():
    lines = status_lines(Path(__file__).parent / "fixtures/basic/mkdocs.yml", "--lang", "fr")
    assert lines == ["language     current  stale  missing   done", "fr Français        1      1        2    25%"]


def test_editing_a_vietnamese_page_makes_its_translations_stale_until_their_hash_is_updated(tmp_path):
    root = copy_fixture("basic", tmp_path)
    config = root / "mkdocs.yml"
    lake = root / "docs/tourism/lake.md"
    lake.write_text(lake.read_text(encoding="utf-8").replace("bên hồ có đền Ngọc Sơn.", "giữa hồ có Tháp Rùa."),
                    encoding="utf-8")

    corpus = load_corpus(root / "docs", load_project(config).languages)
    assert {status.code: status.stale for status in status_report(corpus)} == {
        code: ("tourism/lake.md",) for code in ("en", "fr", "zh", "ja", "ko")
    }
    assert [line.split()[:4] for line in status_lines(config)[1:]] == [
        ["en", "English", "1", "1"], ["fr", "Français", "1", "1"], ["zh", "中文", "1", "1"],
        ["ja", "日本語", "1", "1"], ["ko", "한국어", "1", "1"],
    ]
    site = tmp_path / "site"
    assert build(config, site).returncode == 0
    for lang in ("en", "fr", "zh", "ja", "ko"):
        html = (site / f"{PREFIX[lang]}tourism/lake/index.html").read_text(encoding="utf-8")
        assert "hanoi-notice--stale" in html, lang
    assert STALE_NOTICE["en"] in (site / "en/tourism/lake/index.html").read_text(encoding="utf-8")

    # The English translator updates the text and records the new version.
    new_hash = run_cli("source-hash", str(lake)).stdout.split()[0]
    english = root / "docs/tourism/lake.en.md"
    english.write_text(english.read_text(encoding="utf-8").replace('"ed99e58ea861"', f'"{new_hash}"'), encoding="utf-8")
    assert status_lines(config)[1].split()[:5] == ["en", "English", "2", "0", "2"]
    assert build(config, site).returncode == 0
    assert "hanoi-notice" not in (site / "en/tourism/lake/index.html").read_text(encoding="utf-8")
    assert STALE_NOTICE["fr"] in (site / "fr/tourism/lake/index.html").read_text(encoding="utf-8")
    status_html = (site / "en/status/index.html").read_text(encoding="utf-8")
    assert '<progress id="progress-en" max="4" value="2">50%</progress>' in status_html
    assert '<progress id="progress-ja" max="4" value="1">25%</progress>' in status_html


# -- the status page ---------------------------------------------------------------------------------------


def article(site: Path, path: str) -> str:
    html = (site / path).read_text(encoding="utf-8")
    return re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S).group(1)


def squeeze(html: str) -> str:
    return re.sub(r"\s+", " ", html).replace("> <", "><").strip()


def test_status_page_shows_exact_counts_and_links_for_the_basic_fixture(basic_site):
    html = squeeze(article(basic_site, "fr/status/index.html"))
    assert "<h1>État des traductions</h1>" in html
    assert "<p>Pages sources en vietnamien : 4</p>" in html
    expected = {
        "en": (2, 0, 2, 50), "fr": (1, 1, 2, 25), "zh": (2, 0, 2, 50), "ja": (2, 0, 2, 50), "ko": (2, 0, 2, 50),
    }
    for code, (current, stale, missing, percent) in expected.items():
        assert (f'<label for="progress-{code}">À jour : {current} pages sur 4 ({percent} %)</label>'
                f'<progress id="progress-{code}" max="4" value="{current}">{percent}%</progress>') in html
        assert (f"<dt>À jour</dt><dd>{current}</dd><dt>À actualiser</dt><dd>{stale}</dd>"
                f"<dt>Pas encore traduit</dt><dd>{missing}</dd>") in html
    assert ('<h3 id="stale-fr">À actualiser (1)</h3><ul class="hanoi-status__list"><li>'
            '<a href="../tourism/lake/" hreflang="fr" lang="fr">Le lac de l&#39;Épée</a> — fichier à mettre à jour : '
            "<code>docs/tourism/lake.fr.md</code></li></ul>") in html
    assert ('<h3 id="missing-ko">Pas encore traduit (2)</h3><ul class="hanoi-status__list"><li>'
            '<a href="../../events/anniversaries/" hreflang="vi" lang="vi">Ngày kỷ niệm</a> — fichier à créer : '
            '<code>docs/events/anniversaries.ko.md</code></li><li><a href="../../tourism/pagoda/" hreflang="vi" lang="vi">'
            "Chùa Một Cột</a> — fichier à créer : <code>docs/tourism/pagoda.ko.md</code></li></ul>") in html
    assert "stale-en" not in html  # no empty lists


@pytest.mark.parametrize("lang, title", [("vi", "Tình trạng bản dịch"), ("en", "Translation status"),
                                         ("zh", "翻译进度"), ("ja", "翻訳の状況"), ("ko", "번역 현황")])
def test_status_page_exists_in_every_language_in_that_language(basic_site, lang, title):
    html = (basic_site / f"{PREFIX[lang]}status/index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html
    assert f"<h1>{title}</h1>" in html
    assert 'name="robots"' not in html  # a public page; only the sitemap and the search leave it out
    assert '<meta name="description" content="' in html
    assert html.count("<progress ") == 5


def test_status_page_is_neither_in_search_nor_in_the_sitemap(basic_site):
    for lang in PREFIX:
        index = json.loads((basic_site / f"{PREFIX[lang]}search/search_index.json").read_text(encoding="utf-8"))
        assert [doc["location"] for doc in index["docs"] if "status" in doc["location"]] == []
    assert "status" not in (basic_site / "sitemap.xml").read_text(encoding="utf-8")


def test_status_page_switches_language_on_the_same_page(basic_site):
    html = (basic_site / "ja/status/index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)" class="md-select__link">', html)
    assert links == [("../../status/", "vi"), ("../../en/status/", "en"), ("../../fr/status/", "fr"),
                     ("../../zh/status/", "zh"), ("./", "ja"), ("../../ko/status/", "ko")]


def test_status_page_data_matches_the_report():
    project = load_project(Path(__file__).parent / "fixtures/basic/mkdocs.yml")
    page = status_page(load_corpus(project.docs_dir, project.languages))
    assert page.source_pages == 4
    assert [(item.language.code, item.current, item.total, item.percent) for item in page.languages] == [
        ("en", 2, 4, 50), ("fr", 1, 4, 25), ("zh", 2, 4, 50), ("ja", 2, 4, 50), ("ko", 2, 4, 50)]
    assert [entry.url for entry in page.languages[1].stale] == ["fr/tourism/lake/"]
    assert [entry.file for entry in page.languages[1].missing] == ["docs/events/anniversaries.fr.md", "docs/tourism/pagoda.fr.md"]


def test_a_wrong_status_path_is_refused_with_the_fix(tmp_path):
    root = copy_fixture("basic", tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - hanoi-editorial\n", "  - hanoi-editorial:\n      status_path: Status Page\n"), encoding="utf-8")
    result = build(config, tmp_path / "site")
    assert result.returncode == 1
    assert ("expected one lower-case word or words joined by hyphens, such as 'status' or 'translation-status'; "
            "got 'Status Page'") in result.stderr
    assert not (tmp_path / "site").exists()
