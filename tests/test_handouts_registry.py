"""The registry of issued QR codes (hanoi_info.handouts.registry): what it
accepts, where each issued code leads, and how 'qr issue' appends to it."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from conftest import FIXTURES
from hanoi_info.corpus import load_corpus
from hanoi_info.handouts import plan
from hanoi_info.handouts.registry import (
    HEADER, Registry, RegistryEntry, RegistryError, issue, load_registry, missing_path_targets, resolve, unissued,
)
from hanoi_info.languages import languages_from_codes
from hanoi_info.shortlinks import short_code

CODES = ("vi", "en", "fr", "zh", "ja", "ko")
DAY = dt.date(2026, 11, 30)


@pytest.fixture()
def docs(tmp_path):
    target = tmp_path / "docs"
    shutil.copytree(FIXTURES / "handouts" / "docs", target)
    return target


def corpus_of(docs):
    corpus = load_corpus(docs, languages_from_codes(list(CODES)))
    assert not corpus.problems
    return corpus


def entry(page, lang, redirect=None):
    return RegistryEntry(short_code(page, lang), page, lang, DAY, redirect)


def test_missing_registry_is_empty(tmp_path):
    assert load_registry(tmp_path / "none.yml", CODES).entries == ()


def test_issue_appends_every_handout_once_and_keeps_comments(tmp_path, docs):
    path = tmp_path / "qr-registry.yml"
    path.write_text(HEADER.replace("codes:\n", "# keep this note\ncodes:\n"), encoding="utf-8")
    handouts = plan.handouts(corpus_of(docs), CODES)
    new = issue(load_registry(path, CODES), handouts, DAY)
    assert sorted((e.page, e.lang) for e in new) == [
        ("arriving-airport", "en"), ("arriving-airport", "ko"), ("arriving-airport", "vi"),
        ("tourism-lake", "en"), ("tourism-lake", "vi"),
    ]
    text = path.read_text(encoding="utf-8")
    assert "# keep this note" in text
    registry = load_registry(path, CODES)
    assert {e.code for e in registry.entries} == {h.code for h in handouts}
    assert all(e.issued == DAY for e in registry.entries)
    assert issue(registry, handouts, DAY + dt.timedelta(days=1)) == []
    assert path.read_text(encoding="utf-8") == text


def test_issue_follows_the_indentation_already_used(tmp_path, docs):
    path = tmp_path / "qr-registry.yml"
    code = short_code("tourism-lake", "vi")
    path.write_text(f"codes:\n- code: {code}\n  page: tourism-lake\n  lang: vi\n  issued: 2026-01-01\n", encoding="utf-8")
    issue(load_registry(path, CODES), plan.handouts(corpus_of(docs), CODES), DAY)
    assert len(load_registry(path, CODES).entries) == 5


@pytest.mark.parametrize(
    "text, message",
    [
        ("codes: [1", "not valid YAML"),
        ("pages: []", "expected one key, 'codes:'"),
        ("codes:\n  - code: aaaaaa\n    page: tourism-lake\n    lang: vi\n    issued: 2026-11-30\n",
         "code 'aaaaaa' does not belong to page 'tourism-lake' in 'vi'"),
        (f"codes:\n  - code: {short_code('tourism-lake', 'vi')}\n    page: tourism-lake\n    lang: vi\n    issued: soon\n",
         "issued: expected the date"),
        (f"codes:\n  - code: {short_code('tourism-lake', 'vi')}\n    page: tourism-lake\n    lang: vi\n    issued: 2026-11-30\n    note: x\n",
         "unknown field(s) note"),
        (f"codes:\n  - code: {short_code('tourism-lake', 'th')}\n    page: tourism-lake\n    lang: th\n    issued: 2026-11-30\n",
         "'th' is no longer a language of the site; add 'redirect: /<site path>/'"),
    ],
)
def test_bad_registry_says_what_to_fix(tmp_path, text, message):
    path = tmp_path / "qr-registry.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")):
        load_registry(path, CODES)


def test_duplicate_codes_are_refused(tmp_path):
    code = short_code("tourism-lake", "vi")
    item = f"  - code: {code}\n    page: tourism-lake\n    lang: vi\n    issued: 2026-11-30\n"
    path = tmp_path / "qr-registry.yml"
    path.write_text("codes:\n" + item + item, encoding="utf-8")
    with pytest.raises(RegistryError, match=f"code '{code}' is listed twice"):
        load_registry(path, CODES)


def test_every_page_gets_a_short_link_in_every_language(docs):
    corpus = corpus_of(docs)
    registry = Registry(docs / "r.yml", ())
    redirects, problems = resolve(registry, corpus, plan.short_links(corpus, CODES), CODES, "Site")
    assert problems == []
    targets = {(r.code, r.lang): (r.target, r.title_lang) for r in redirects}
    assert len(targets) == 4 * len(CODES)
    prefix = {code: "" if code == "vi" else f"{code}/" for code in CODES}
    for page_id, path in {"home": "", "arriving-airport": "arriving/airport/", "tourism-lake": "tourism/lake/",
                          "tourism-pagoda": "tourism/pagoda/"}.items():
        for code in CODES:
            assert targets[(short_code(page_id, code), code)][0] == prefix[code] + path
    # Written in the language: the title is in it; not yet translated: the Vietnamese title, marked as such.
    assert targets[(short_code("arriving-airport", "ko"), "ko")][1] is None
    assert targets[(short_code("tourism-pagoda", "en"), "en")][1] == "vi"


def test_an_issued_code_whose_page_is_gone_fails_naming_the_code_and_the_page(docs):
    (docs / "arriving" / "airport.en.md").unlink()
    corpus = corpus_of(docs)
    registry = Registry(docs / "qr-registry.yml", (entry("arriving-airport", "en"),))
    _, problems = resolve(registry, corpus, plan.short_links(corpus, CODES), CODES, "Site")
    code = short_code("arriving-airport", "en")
    assert len(problems) == 1
    assert f"QR code '{code}' (issued 2026-11-30 for page 'arriving-airport' in 'en') no longer resolves" in problems[0]
    assert "add 'redirect: <page id>'" in problems[0]


def test_a_redirect_to_a_page_id_leads_to_that_page_in_the_codes_language(docs):
    (docs / "arriving" / "airport.en.md").unlink()
    corpus = corpus_of(docs)
    registry = Registry(docs / "qr-registry.yml", (entry("arriving-airport", "en", "tourism-lake"),))
    redirects, problems = resolve(registry, corpus, plan.short_links(corpus, CODES), CODES, "Site")
    assert problems == []
    redirect = {r.code: r for r in redirects}[short_code("arriving-airport", "en")]
    assert (redirect.lang, redirect.target, redirect.title) == ("en", "en/tourism/lake/", "Hoàn Kiếm Lake")


def test_a_redirect_to_a_path_is_checked_against_the_built_site(docs, tmp_path):
    (docs / "tourism" / "lake.en.md").unlink()
    corpus = corpus_of(docs)
    registry = Registry(docs / "qr-registry.yml", (entry("tourism-lake", "en", "/en/tourism/"),))
    redirects, problems = resolve(registry, corpus, plan.short_links(corpus, CODES), CODES, "Site")
    assert problems == []
    site = tmp_path / "site"
    assert missing_path_targets(site, redirects) == [
        f"QR code '{short_code('tourism-lake', 'en')}': redirect '/en/tourism/' is not a page or file of the built site; "
        "point it at an existing page"
    ]
    (site / "en" / "tourism").mkdir(parents=True)
    (site / "en" / "tourism" / "index.html").write_text("<html></html>")
    assert missing_path_targets(site, redirects) == []


def test_a_redirect_that_is_neither_id_nor_path_is_refused(docs):
    corpus = corpus_of(docs)
    registry = Registry(docs / "qr-registry.yml", (entry("arriving-airport", "en", "tourism-lakes"),))
    _, problems = resolve(registry, corpus, plan.short_links(corpus, CODES), CODES, "Site")
    assert "redirect 'tourism-lakes' is not the id of a page" in problems[0]


def test_unissued_lists_handouts_missing_from_the_registry(docs):
    handouts = plan.handouts(corpus_of(docs), CODES)
    registry = Registry(docs / "r.yml", tuple(entry(h.page_id, h.lang) for h in handouts if h.lang != "ko"))
    assert [(h.page_id, h.lang) for h in unissued(registry, handouts)] == [("arriving-airport", "ko")]
