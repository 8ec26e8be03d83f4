"""One search index per language.

Stock mkdocs-static-i18n merges every language into one index at the site
root, so a Japanese reader's query runs over Vietnamese, French... pages too.
Here each language build writes its own ``<lang>/search/search_index.json``
with locations relative to that language's root, and the page template points
Material's search at the language root (``overrides/main.html``, block config).
Chinese is segmented at build time with jieba; Japanese and Korean are left to
Material's in-browser pipeline, as Material does for a single-language site.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import material.plugins.search.plugin as material_search

from hanoi_info.languages import Language

import logging

import jieba

# jieba announces loading its dictionary at DEBUG on its own handler.
jieba.setLogLevel(logging.WARNING)

# Languages whose Han characters are segmented with jieba at build time. Japanese
# kanji must not be: jieba's dictionary is Chinese.
BUILD_TIME_SEGMENTED = frozenset({"zh"})


def prepare_search_plugin(search_plugin: Any, language: Language) -> None:
    """Before a language build: let Material derive lang, separator and pipeline
    from that language (as if the site had only this language)."""
    search_plugin.config.lang = None
    search_plugin.config.separator = None
    search_plugin.config.pipeline = None
    material_search.jieba = jieba if language.code in BUILD_TIME_SEGMENTED else None


def language_index(
    entries: list[dict], config: dict[str, Any], language: Language, fallback_urls: set[str] = frozenset()
) -> dict[str, Any]:
    """The index of one language, with locations relative to the language root.
    Pages shown in Vietnamese for want of a translation are left out: a reader
    searching in Japanese gets Japanese pages."""
    prefix = language.url_prefix
    docs = []
    for entry in entries:
        location = entry["location"]
        if location.split("#", 1)[0] in fallback_urls:
            continue
        if prefix and location.startswith(prefix):
            location = location[len(prefix):]
        docs.append({**entry, "location": location})
    return {"config": {key: config[key] for key in ("lang", "separator", "pipeline", "fields")}, "docs": docs}


def write_language_index(site_dir: Path, language: Language, index: dict[str, Any]) -> Path:
    target = site_dir / language.url_prefix / "search" / "search_index.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":"), default=str), encoding="utf-8")
    return target
