"""The real content: every page in every language, long enough to be useful,
names as the glossary writes them, and the anniversaries of a hand-checked year."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from conftest import ROOT
from hanoi_info.corpus import load_corpus
from hanoi_info.glossary import check_corpus, load_glossary
from hanoi_info.project import load_project

PROJECT = load_project(ROOT / "mkdocs.yml")
CORPUS = load_corpus(PROJECT.docs_dir, PROJECT.languages)
CODES = [language.code for language in PROJECT.languages]
MINIMUM_PAGES = {"arriving": 5, "tourism": 10, "culture": 6, "investment": 5, "asean": 4, "events": 2}
CONTENT_TOPICS = set(MINIMUM_PAGES)


def prose(body: str) -> str:
    text = re.sub(r"<!--.*?-->", " ", body, flags=re.S)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"https?://\S+", " ", text)
    return re.sub(r"[#*_`>|\[\]-]", " ", text)


def test_content_has_no_problems():
    assert [str(problem) for problem in CORPUS.problems] == []


@pytest.mark.parametrize("code", CODES)
def test_every_page_exists_in_every_language(code):
    missing = [path for path in CORPUS.source_paths() if CORPUS.get(path, code) is None]
    assert missing == []


@pytest.mark.parametrize("code", CODES)
def test_pages_per_topic(code):
    topics = Counter(record.meta.topic for record in CORPUS.records(code))
    assert sum(topics[topic] for topic in CONTENT_TOPICS) >= 30
    assert {topic: topics[topic] for topic in MINIMUM_PAGES} == {
        topic: max(topics[topic], minimum) for topic, minimum in MINIMUM_PAGES.items()
    }


@pytest.mark.parametrize("code", CODES)
def test_every_page_is_long_enough(code):
    language = CORPUS.language(code)
    short = []
    for record in CORPUS.records(code):
        if record.meta.topic not in CONTENT_TOPICS:
            continue
        text = prose(record.body)
        size = len(re.sub(r"\s", "", text)) if language.is_cjk else len(text.split())
        if size < (500 if language.is_cjk else 300):
            short.append(f"{record.src_path}: {size}")
    assert short == []


@pytest.mark.parametrize("code", CODES)
def test_every_page_has_scannable_headings(code):
    assert [r.src_path for r in CORPUS.records(code) if r.meta.topic in CONTENT_TOPICS and r.body.count("\n## ") < 2] == []


def test_translations_keep_the_sources_headings_count():
    mismatched = []
    for record in CORPUS.records():
        source = CORPUS.get(record.norm_path, CODES[0])
        if record.lang != CODES[0] and source is not None:
            if record.body.count("\n## ") != source.body.count("\n## "):
                mismatched.append(record.src_path)
    assert mismatched == []


def test_names_follow_the_glossary():
    glossary = load_glossary(PROJECT.data_dir / "glossary", CODES, display_root=ROOT)
    assert [str(problem) for problem in check_corpus(CORPUS, glossary)] == []


def test_every_content_page_cites_sources():
    assert [r.src_path for r in CORPUS.records() if r.meta.topic in CONTENT_TOPICS and not r.meta.sources] == []


# Round anniversaries of 2027 in data/events.yml, checked by hand against the
# founding dates: 1967-06-24 (+60), 1967-08-08 (+60), 1962-09-05 (+65),
# 2022-12-05 (+5), 1992-12-22 (+35).
ANNIVERSARIES_2027 = {
    "vi": ["24 tháng 6, 1967", "8 tháng 8, 1967", "5 tháng 9, 1962", "5 tháng 12, 2022", "22 tháng 12, 1992"],
    "en": ["June 24, 1967", "August 8, 1967", "September 5, 1962", "December 5, 2022", "December 22, 1992"],
    "fr": ["24 juin 1967", "8 août 1967", "5 septembre 1962", "5 décembre 2022", "22 décembre 1992"],
    "zh": ["1967年6月24日", "1967年8月8日", "1962年9月5日", "2022年12月5日", "1992年12月22日"],
    "ja": ["1967年6月24日", "1967年8月8日", "1962年9月5日", "2022年12月5日", "1992年12月22日"],
    "ko": ["1967년 6월 24일", "1967년 8월 8일", "1962년 9월 5일", "2022년 12월 5일", "1992년 12월 22일"],
}
YEARS_2027 = ["60", "60", "65", "5", "35"]


@pytest.mark.parametrize("code", CODES)
def test_anniversaries_page_lists_the_years_round_anniversaries(real_site, code):
    prefix = "" if code == CODES[0] else f"{code}/"
    html = (real_site / f"{prefix}events/anniversaries/index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td>.*?</td>\s*<td[^>]*>(.*?)</td>\s*</tr>", html, re.S)
    assert [date for date, _ in rows] == ANNIVERSARIES_2027[code]
    assert [re.sub(r"\D", "", years) for _, years in rows] == YEARS_2027
