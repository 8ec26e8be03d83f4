"""The content API under /api/v1/ (hanoi_info.embeds.api), validated against
its JSON Schema (hanoi_info/schemas/api-v1.schema.json) on the built
tests/fixtures/embeds site."""

from __future__ import annotations

import copy
import json
import re

import jsonschema
import pytest

from conftest import ROOT
from embeds_support import BASE, CODES, CORPUS, language, missing, read_json, site_urls, strings
from hanoi_info.corpus import load_corpus
from hanoi_info.corpus import page_url
from hanoi_info.embeds import paths
from hanoi_info.embeds.api import SCHEMA
from hanoi_info.project import load_project
from hanoi_info.shortlinks import short_path

VALIDATOR = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
PAGE_IDS = sorted(CORPUS.get(norm, "vi").meta.id for norm in CORPUS.source_paths())
REAL = load_project(ROOT / "mkdocs.yml")
NORM_BY_ID = {CORPUS.get(norm, "vi").meta.id: norm for norm in CORPUS.source_paths()}


def test_schema_is_a_valid_json_schema_and_is_published_with_the_api(embeds_site):
    jsonschema.Draft202012Validator.check_schema(VALIDATOR.schema)
    assert read_json(embeds_site, paths.api_schema_path()) == VALIDATOR.schema


def test_every_api_document_is_valid(embeds_site):
    documents = sorted((embeds_site / paths.API_ROOT).rglob("*.json"))
    documents = [path for path in documents if not path.name.endswith(".schema.json")]
    assert len(documents) == 1 + len(CODES) * (1 + len(PAGE_IDS))
    for path in documents:
        errors = [error.message for error in VALIDATOR.iter_errors(json.loads(path.read_text(encoding="utf-8")))]
        assert errors == [], path


def test_root_lists_every_language_with_its_index_and_feeds(embeds_site):
    root = read_json(embeds_site, paths.api_root_path())
    assert root["kind"] == "root" and root["version"] == 1
    assert [item["code"] for item in root["languages"]] == CODES
    assert [item["source"] for item in root["languages"]] == [True] + [False] * (len(CODES) - 1)
    assert missing(embeds_site, site_urls(json.dumps(root))) == []


@pytest.mark.parametrize("code", CODES)
def test_language_index_lists_every_page_once_as_the_reader_gets_it(embeds_site, code):
    index = read_json(embeds_site, paths.api_index_path(code))
    assert index["language"]["code"] == code
    assert [page["id"] for page in index["pages"]] == PAGE_IDS
    for page in index["pages"]:
        norm = NORM_BY_ID[page["id"]]
        record = CORPUS.get(norm, code)
        assert page["status"] == CORPUS.status(norm, code)
        assert page["lang"] == (code if record else "vi")
        assert page["title"] == (record or CORPUS.get(norm, "vi")).meta.title
        assert page["url"] == BASE + page_url(norm, language(code))
        assert {item["lang"] for item in page["alternates"]} == set(CORPUS.translated_languages(norm)) - {code}
        # A short link is published for every page in each language it is written in.
        if record:
            assert page["short_link"] == BASE + short_path(page["id"], code)
        else:
            assert "short_link" not in page
    assert index["updated"] == max(page["updated"] for page in index["pages"])


def test_fallback_copy_is_marked_missing_and_gives_the_vietnamese_text(embeds_site):
    page = read_json(embeds_site, paths.api_page_path("tourism-pagoda", "ja"))
    assert (page["status"], page["lang"], page["title"]) == ("missing", "vi", "Chùa Một Cột")
    assert page["topic_label"] == "観光"
    assert "Chùa Một Cột được dựng trên một cột đá giữa hồ." in page["html"]
    assert [item["lang"] for item in page["alternates"]] == ["vi"]


def test_handout_is_listed_where_the_page_has_one(embeds_site):
    handouts = {
        (page["id"], code): page.get("handout")
        for code in CODES
        for page in read_json(embeds_site, paths.api_index_path(code))["pages"]
    }
    assert {key: url for key, url in handouts.items() if url} == {
        ("tourism-pagoda", "vi"): BASE + "handouts/tourism-pagoda.pdf"
    }
    assert (embeds_site / "handouts/tourism-pagoda.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("code", CODES)
def test_page_documents_carry_the_rendered_html_with_absolute_links(embeds_site, code):
    for page_id in PAGE_IDS:
        document = read_json(embeds_site, paths.api_page_path(page_id, code))
        index_entry = next(page for page in read_json(embeds_site, paths.api_index_path(code))["pages"] if page["id"] == page_id)
        assert {key: value for key, value in document.items() if key in index_entry} == index_entry
        assert document["kind"] == "page" and document["document"] == BASE + paths.api_page_path(page_id, code)
        assert ' href="../' not in document["html"] and ' src="../' not in document["html"]
    lake = read_json(embeds_site, paths.api_page_path("tourism-lake", code))
    assert f'href="{BASE}{language(code).url_prefix}tourism/pagoda/"' in lake["html"]
    assert lake["sources"] == [{"title": s.title, "url": s.url, "checked": s.checked.isoformat()}
                               for s in CORPUS.get("tourism/lake.md", code).meta.sources]


def test_every_site_address_in_the_api_exists(embeds_site):
    urls = []
    for path in (embeds_site / paths.API_ROOT).rglob("*.json"):
        for text in strings(json.loads(path.read_text(encoding="utf-8"))):
            urls += site_urls(text)
    assert len(urls) > 100
    assert missing(embeds_site, urls) == []


def test_schema_rejects_documents_that_break_the_format(embeds_site):
    index = read_json(embeds_site, paths.api_index_path("en"))
    assert VALIDATOR.is_valid(index)
    without_url = copy.deepcopy(index)
    del without_url["pages"][0]["url"]
    undocumented = copy.deepcopy(index)
    undocumented["pages"][0]["author"] = "someone"
    bad_date = copy.deepcopy(index)
    bad_date["pages"][0]["updated"] = "30/11/2026"
    page = read_json(embeds_site, paths.api_page_path("tourism-lake", "en"))
    without_html = {key: value for key, value in page.items() if key != "html"}
    for document in (without_url, undocumented, bad_date, without_html):
        assert not VALIDATOR.is_valid(document)


def test_real_site_api_is_valid_and_complete_in_every_language(real_site):
    root = read_json(real_site, paths.api_root_path())
    base = root["site"]["url"]
    project_corpus = load_corpus(REAL.docs_dir, REAL.languages)
    assert [item["code"] for item in root["languages"]] == [language.code for language in REAL.languages]
    urls = []
    for path in sorted((real_site / paths.API_ROOT).rglob("*.json")):
        if path.name.endswith(".schema.json"):
            continue
        document = json.loads(path.read_text(encoding="utf-8"))
        assert [error.message for error in VALIDATOR.iter_errors(document)] == [], path
        urls += [url for text in strings(document) for url in re.findall(re.escape(base) + r"[^\s\"'<>\\]*", text)]
    for language in REAL.languages:
        index = read_json(real_site, paths.api_index_path(language.code))
        assert len(index["pages"]) == len(project_corpus.source_paths())
    files = {url: real_site / (url[len(base):].split("#")[0] + ("index.html" if url.split("#")[0].endswith("/") else ""))
             for url in urls}
    assert sorted(url for url, file in files.items() if not file.is_file()) == []
