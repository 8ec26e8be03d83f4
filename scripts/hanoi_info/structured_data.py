"""Structured data (schema.org JSON-LD) for every page, in the reader's language.

One ``@graph`` per page, made from the same data as the page itself:

- ``WebPage``: address, title, description, language of the text, last
  revision, its translations (``workTranslation`` on the Vietnamese original,
  ``translationOfWork`` on a translation), breadcrumbs, publisher;
- ``GovernmentOrganization``: the publisher;
- ``BreadcrumbList``: the language's home page, the topic, the page;
- a place page's place (``TouristAttraction``, ``Airport``... from its
  ``place:`` front matter) with ``GeoCoordinates`` and its address;
- on the events pages, an ``Event`` for each event of the reference year that
  has real days (lunar festivals resolved for the year), ``endDate`` being
  the last day.

:func:`script_json` serialises it for a ``<script type="application/ld+json">``
block: ``<``, ``>`` and ``&`` are written as ``\\u003c``, ``\\u003e`` and
``\\u0026``, so no text from the content can close the element."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from hanoi_info.corpus import Corpus, page_url
from hanoi_info.embeds.feeds import Occurrence, occurrences
from hanoi_info.events import EventData
from hanoi_info.languages import Language
from hanoi_info.messages import N_
from hanoi_info.page_info import absolute
from hanoi_info.places import Place
from hanoi_info.schema import TOPICS

CONTEXT = "https://schema.org"
PUBLISHER = N_("Hà Nội People's Committee")
CITY = N_("Hà Nội")
COUNTRY = "VN"  # ISO 3166-1 alpha-2, as schema.org's addressCountry asks
Gettext = Callable[[str], str]


def _address(gettext: Gettext) -> dict:
    return {"@type": "PostalAddress", "addressLocality": gettext(CITY), "addressCountry": COUNTRY}


def page_graph(
    corpus: Corpus,
    norm_path: str,
    language: Language,
    site_url: str,
    site_name: str,
    gettext: Gettext,
    *,
    place: Place | None = None,
    events: list[Occurrence] | None = None,
) -> dict:
    """The JSON-LD document of one page as a reader of ``language`` gets it."""
    source = corpus.source_language
    record = corpus.get(norm_path, language.code) or corpus.get(norm_path, source.code)
    assert record is not None, norm_path
    content_language = corpus.language(record.lang)
    url = absolute(site_url, page_url(norm_path, language))
    home = absolute(site_url, language.url_prefix)
    page_id = f"{url}#webpage"
    publisher_id = absolute(site_url, "#publisher")

    def page_ref(code: str) -> dict:
        other = corpus.language(code)
        address = absolute(site_url, page_url(norm_path, other))
        return {"@type": "WebPage", "@id": f"{address}#webpage", "url": address, "inLanguage": other.hreflang}

    webpage: dict = {
        "@type": "WebPage",
        "@id": page_id,
        "url": url,
        "name": record.meta.title,
        "description": record.meta.description,
        "inLanguage": content_language.hreflang,
        "dateModified": record.meta.updated.isoformat(),
        "isPartOf": {"@type": "WebSite", "name": site_name, "url": home},
        "publisher": {"@id": publisher_id},
        "breadcrumb": {"@id": f"{url}#breadcrumb"},
    }
    translated = corpus.translated_languages(norm_path)
    if record.lang == source.code:
        others = [code for code in translated if code != source.code]
        if others:
            webpage["workTranslation"] = [page_ref(code) for code in others]
    else:
        webpage["translationOfWork"] = page_ref(source.code)

    crumbs = [{"@type": "ListItem", "position": 1, "name": site_name, "item": home}]
    if record.meta.topic in TOPICS and url != home:
        crumbs.append({"@type": "ListItem", "position": 2, "name": gettext(TOPICS[record.meta.topic])})
    if url != home:
        crumbs.append({"@type": "ListItem", "position": len(crumbs) + 1, "name": record.meta.title, "item": url})
    graph: list[dict] = [
        webpage,
        {"@type": "GovernmentOrganization", "@id": publisher_id, "name": gettext(PUBLISHER),
         "url": absolute(site_url, ""), "address": _address(gettext)},
        {"@type": "BreadcrumbList", "@id": f"{url}#breadcrumb", "itemListElement": crumbs},
    ]
    if place is not None:
        place_id = f"{url}#place"
        graph.append({
            "@type": place.type,
            "@id": place_id,
            "name": record.meta.title,
            "description": record.meta.description,
            "url": url,
            "geo": {"@type": "GeoCoordinates", "latitude": place.lat, "longitude": place.lon},
            "address": _address(gettext),
            "hasMap": place.osm_url,
        })
        webpage["about"] = {"@id": place_id}
    for occurrence in events or ():
        if occurrence.start is None or occurrence.end is None or occurrence.span:
            continue
        last = occurrence.end - dt.timedelta(days=1)
        graph.append({
            "@type": "Event",
            "name": occurrence.title,
            "startDate": occurrence.start.isoformat(),
            "endDate": last.isoformat(),
            "description": occurrence.when,
            "url": url,
            "inLanguage": language.hreflang,
            "location": {"@type": "Place", "name": gettext(CITY), "address": _address(gettext)},
        })
    return {"@context": CONTEXT, "@graph": graph}


def page_events(pages: dict[str, str | None], norm_path: str, data: EventData | None, year: int | None, lang: str,
                gettext: Gettext) -> list[Occurrence]:
    """The events a page lists for ``year``: the recurring events on the page
    with the recurring-events table, the round anniversaries on the one with
    the anniversaries table (``pages``: :func:`hanoi_info.embeds.feeds.events_pages`,
    found once per build); nothing elsewhere."""
    if data is None or year is None or norm_path not in (pages["recurring"], pages["anniversaries"]):
        return []
    found = occurrences(data, year, lang, gettext)
    if pages["recurring"] == norm_path and pages["anniversaries"] == norm_path:
        return found
    if pages["recurring"] == norm_path:
        return [o for o in found if o.kind == "recurring"]
    return [o for o in found if o.kind != "recurring"]


def script_json(document: dict) -> str:
    """JSON for a ``<script type="application/ld+json">`` element: no ``<``,
    ``>`` or ``&`` in it (nor the JavaScript line separators)."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
