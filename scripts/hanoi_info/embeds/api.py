"""The content API: static JSON under ``api/v1/`` for agency and press sites
and for syndication (Vietnam.vn).

    api/v1/index.json                 the languages and where their documents are
    api/v1/<lang>/index.json          every page as a reader of <lang> gets it
    api/v1/<lang>/pages/<id>.json     one page with its rendered HTML
    api/v1/api-v1.schema.json         JSON Schema of all three (a copy of
                                      hanoi_info/schemas/api-v1.schema.json)

Version 1 is stable: fields are only ever added, with a new schema, never
renamed or removed; a breaking change gets ``api/v2/``. Every address is
absolute. Pages are keyed by their permanent ``id``. Dates are the content's
own (``updated``, ``checked``), never the build's, so two builds of the same
content give the same bytes."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path

from hanoi_info.corpus import Corpus, page_url
from hanoi_info.embeds import paths
from hanoi_info.embeds.embed import text_record
from hanoi_info.embeds.feeds import feed_urls
from hanoi_info.languages import Language
from hanoi_info.page_info import absolute
from hanoi_info.places import Place, page_place
from hanoi_info.schema import TOPICS
from hanoi_info.shortlinks import short_path

SCHEMA = Path(__file__).resolve().parent.parent / "schemas" / paths.SCHEMA_FILE
Gettext = Callable[[str], str]


def language_object(language: Language) -> dict:
    return {"code": language.code, "name": language.native_name, "hreflang": language.hreflang}


def site_object(site_name: str, site_url: str, language: Language | None = None) -> dict:
    return {"name": site_name, "url": absolute(site_url, language.url_prefix if language else "")}


def page_entry(
    corpus: Corpus,
    norm_path: str,
    language: Language,
    site_url: str,
    gettext: Gettext,
    *,
    short_links: bool = False,
    handouts: Mapping[tuple[str, str], str] | None = None,
    image: Callable[[str, str], dict | None] | None = None,
) -> dict:
    """One page as a reader of ``language`` gets it (the Vietnamese text where
    it is not translated yet: ``status`` "missing", ``lang`` "vi").

    ``short_links``: list the page's permanent short link (only where the site
    publishes them). ``handouts``: site-relative PDF paths by (page id, lang)."""
    record = text_record(corpus, norm_path, language)
    page_id = record.meta.id
    status = corpus.status(norm_path, language.code)
    entry: dict = {
        "id": page_id,
        "lang": record.lang,
        "status": status,
        "title": record.meta.title,
        "description": record.meta.description,
        "topic": record.meta.topic,
    }
    if record.meta.topic in TOPICS:
        entry["topic_label"] = gettext(TOPICS[record.meta.topic])
    entry["url"] = absolute(site_url, page_url(norm_path, language))
    entry["updated"] = record.meta.updated.isoformat()
    if short_links and status != "missing":
        entry["short_link"] = absolute(site_url, short_path(page_id, language.code))
    handout = (handouts or {}).get((page_id, language.code))
    if handout:
        entry["handout"] = absolute(site_url, handout)
    picture = image(norm_path, language.code) if image else None
    if picture:
        entry["image"] = picture
    entry["embed"] = absolute(site_url, paths.embed_path(norm_path, language))
    entry["oembed"] = absolute(site_url, paths.oembed_path(page_id, language.code))
    entry["document"] = absolute(site_url, paths.api_page_path(page_id, language.code))
    entry["alternates"] = [
        {
            "lang": code,
            "hreflang": corpus.language(code).hreflang,
            "url": absolute(site_url, page_url(norm_path, corpus.language(code))),
            "document": absolute(site_url, paths.api_page_path(page_id, code)),
        }
        for code in corpus.translated_languages(norm_path)
        if code != language.code
    ]
    place = page_place(corpus, norm_path)
    if place is not None:
        entry["place"] = place_object(place)
    return entry


def place_object(place: Place) -> dict:
    """A place page's coordinates, as the API and the embed view give them."""
    return {
        "type": place.type,
        "latitude": place.lat,
        "longitude": place.lon,
        "geo_uri": place.geo_uri,
        "map_url": place.osm_url,
        "source": {"title": place.source.title, "url": place.source.url, "checked": place.source.checked.isoformat()},
    }


def _page_order(corpus: Corpus, language: Language) -> list[str]:
    return sorted(corpus.source_paths(), key=lambda norm: text_record(corpus, norm, language).meta.id)


def language_index(
    corpus: Corpus,
    language: Language,
    site_url: str,
    site_name: str,
    gettext: Gettext,
    **options,
) -> dict:
    """``api/v1/<lang>/index.json``: every page, by id."""
    pages = [page_entry(corpus, norm, language, site_url, gettext, **options) for norm in _page_order(corpus, language)]
    return {
        "kind": "index",
        "version": paths.API_VERSION,
        "language": language_object(language),
        "site": site_object(site_name, site_url, language),
        "updated": max((page["updated"] for page in pages), default=None),
        "pages": pages,
    }


def page_document(
    corpus: Corpus,
    norm_path: str,
    language: Language,
    site_url: str,
    site_name: str,
    gettext: Gettext,
    html: str,
    **options,
) -> dict:
    """``api/v1/<lang>/pages/<id>.json``: the index entry, the sources and the
    rendered HTML (``html``, with absolute links)."""
    record = text_record(corpus, norm_path, language)
    return {
        "kind": "page",
        "version": paths.API_VERSION,
        "language": language_object(language),
        "site": site_object(site_name, site_url, language),
        **page_entry(corpus, norm_path, language, site_url, gettext, **options),
        "sources": [
            {"title": source.title, "url": source.url or absolute(site_url, source.held_path),
             "checked": source.checked.isoformat(),
             **({"publisher": source.publisher, "issued": source.issued} if source.held else {})}
            for source in record.meta.sources
        ],
        "html": html,
    }


def root_index(corpus: Corpus, site_url: str, site_name: str, built: tuple[str, ...]) -> dict:
    """``api/v1/index.json``: the languages built, each with its index and feeds."""
    languages = []
    for language in corpus.languages:
        if language.code not in built:
            continue
        languages.append(
            {
                **language_object(language),
                "source": language.is_source,
                "home": absolute(site_url, language.url_prefix),
                "index": absolute(site_url, paths.api_index_path(language.code)),
                "feeds": {name: absolute(site_url, path) for name, path in feed_urls(language.code).items()},
            }
        )
    return {
        "kind": "root",
        "version": paths.API_VERSION,
        "site": site_object(site_name, site_url),
        "schema": absolute(site_url, paths.api_schema_path()),
        "languages": languages,
    }


def dumps(document: dict) -> str:
    """The bytes every JSON output is written as: UTF-8, two-space indent, a final newline."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
