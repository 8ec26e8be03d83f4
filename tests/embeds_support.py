"""Helpers of the embeds, feeds and API tests (tests/fixtures/embeds)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from conftest import FIXTURES
from hanoi_info.corpus import load_corpus
from hanoi_info.project import load_project

BASE = "https://embeds.example.org/"
PROJECT = load_project(FIXTURES / "embeds" / "mkdocs.yml")
LANGUAGES = PROJECT.languages
CODES = [language.code for language in LANGUAGES]
CORPUS = load_corpus(PROJECT.docs_dir, LANGUAGES)


def language(code: str):
    return next(item for item in LANGUAGES if item.code == code)


def site_file(site: Path, url: str) -> Path:
    """The file of the built site that serves ``url`` (an address below BASE)."""
    assert url.startswith(BASE), url
    path = url[len(BASE):].split("#", 1)[0].split("?", 1)[0]
    return site / (path + "index.html" if path.endswith("/") or not path else path)


def strings(value) -> Iterator[str]:
    """Every string inside a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def site_urls(text: str) -> list[str]:
    """Every address into the site in ``text`` (JSON values, HTML attributes, XML)."""
    return re.findall(re.escape(BASE) + r"[^\s\"'<>\\]*", text)


def missing(site: Path, urls) -> list[str]:
    return sorted({url for url in urls if not site_file(site, url).is_file()})


def read_json(site: Path, path: str):
    return json.loads((site / path).read_text(encoding="utf-8"))
