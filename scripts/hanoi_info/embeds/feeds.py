"""Feeds per language: RSS 2.0 and JSON Feed 1.1 of recently updated pages
and of the year's events, for agency and press sites and feed readers.

Items carry the content's own dates (a page's ``updated``; for an event, the
newest ``checked`` date of its sources), never the build's: two builds of the
same content give the same bytes. The year of the events is the site's
reference year (``plugins.hanoi.anniversary_year``). Pages appear in the
languages they are written in; a reader's feed never fills up with
Vietnamese fallback copies. RSS is rendered by ``overrides/feeds/rss.xml.html``;
JSON Feed documents are built here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from email.utils import format_datetime

from babel.dates import format_skeleton

from hanoi_info.corpus import Corpus, PageRecord, page_url
from hanoi_info.embeds import paths
from hanoi_info.events import (
    ANNIVERSARIES_MARKER,
    RECURRING_MARKER,
    Anniversary,
    EventData,
    RecurringEvent,
    day_in_year,
    event_dates,
    format_event_date,
    format_lunar,
    format_span,
    round_anniversaries,
)
from hanoi_info.languages import Language, language_for_code
from hanoi_info.messages import N_
from hanoi_info.page_info import absolute
from hanoi_info.schema import TOPICS, Source

# Dates without a time are read as midnight in Hà Nội.
HANOI_TZ = dt.timezone(dt.timedelta(hours=7))
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
RSS_TYPE = "application/rss+xml"
JSON_FEED_TYPE = "application/feed+json"
CALENDAR_TYPE = "text/calendar"

UPDATES_TITLE = N_("Recently updated pages")
UPDATES_DESCRIPTION = N_("The pages of this site in this language, most recently revised first.")
EVENTS_TITLE = N_("Events and anniversaries in {year}")
EVENTS_DESCRIPTION = N_("Hà Nội's recurring international events and the round anniversaries the city marks in {year}.")
ORGANISERS_SET_DATES = N_("The exact dates are announced by the organisers.")
# Strings of hanoi_info.events, shared with the events pages' tables.
DATES_VARY = "Dates vary from year to year"
LISTED_IN_PLAN = N_("Listed in the city's {year} plan; no newer source confirms it")
YEARS = "{years} years"

Gettext = Callable[[str], str]


def feed_urls(lang: str) -> dict[str, str]:
    """Site-relative addresses of one language's feeds, by name."""
    return {
        "updates_rss": paths.feed_path(lang, paths.UPDATES_RSS),
        "updates_json": paths.feed_path(lang, paths.UPDATES_JSON),
        "events_rss": paths.feed_path(lang, paths.EVENTS_RSS),
        "events_json": paths.feed_path(lang, paths.EVENTS_JSON),
        "events_ics": paths.feed_path(lang, paths.EVENTS_ICS),
    }


@dataclass(frozen=True)
class FeedItem:
    id: str
    url: str
    title: str
    summary: str
    lang: str
    date: dt.date | None  # publication: a page's revision, an event entry's newest source check
    tags: tuple[str, ...] = ()
    start: dt.date | None = None  # events: the first day, where the content gives one
    end: dt.date | None = None  # events: the day after the last one
    image: Any = None  # the page's photo (hanoi_info.pictures.publish.PageImage): RSS enclosure, JSON Feed image

    @property
    def rfc822(self) -> str:
        return rfc822(self.date) if self.date else ""

    @property
    def rfc3339(self) -> str:
        return rfc3339(self.date) if self.date else ""


@dataclass(frozen=True)
class Feed:
    title: str
    description: str
    home_page_url: str
    rss_url: str
    json_url: str
    language: str  # BCP 47
    items: tuple[FeedItem, ...] = field(default_factory=tuple)

    @property
    def last_build_date(self) -> str:
        dates = [item.date for item in self.items if item.date]
        return rfc822(max(dates)) if dates else ""


@dataclass(frozen=True)
class FeedLink:
    """A ``<link rel="alternate">`` for feed discovery in a page's head."""

    type: str
    title: str
    href: str


def rfc822(date: dt.date) -> str:
    return format_datetime(dt.datetime(date.year, date.month, date.day, tzinfo=HANOI_TZ))


def rfc3339(date: dt.date) -> str:
    return dt.datetime(date.year, date.month, date.day, tzinfo=HANOI_TZ).isoformat()


def feed_title(site_name: str, title: str) -> str:
    return f"{site_name} – {title}"


# --- recently updated pages ---------------------------------------------------


def updated_pages(corpus: Corpus, language: Language, limit: int) -> list[PageRecord]:
    """The pages written in ``language``, newest revision first, then by id."""
    records = list(corpus.records(language.code))
    records.sort(key=lambda record: (-record.meta.updated.toordinal(), record.meta.id))
    return records[:limit]


def page_items(corpus: Corpus, language: Language, site_url: str, limit: int, gettext: Gettext) -> tuple[FeedItem, ...]:
    items = []
    for record in updated_pages(corpus, language, limit):
        url = absolute(site_url, page_url(record.norm_path, language))
        label = gettext(TOPICS[record.meta.topic]) if record.meta.topic in TOPICS else None
        items.append(
            FeedItem(
                # A revision is a new item for feed readers; the same revision keeps its id.
                id=f"{url}#updated-{record.meta.updated.isoformat()}",
                url=url,
                title=record.meta.title,
                summary=record.meta.description,
                lang=record.lang,
                date=record.meta.updated,
                tags=(label,) if label else (),
            )
        )
    return tuple(items)


def updates_feed(corpus: Corpus, language: Language, site_url: str, site_name: str, gettext: Gettext, limit: int) -> Feed:
    urls = feed_urls(language.code)
    return Feed(
        title=feed_title(site_name, gettext(UPDATES_TITLE)),
        description=gettext(UPDATES_DESCRIPTION),
        home_page_url=absolute(site_url, language.url_prefix),
        rss_url=absolute(site_url, urls["updates_rss"]),
        json_url=absolute(site_url, urls["updates_json"]),
        language=language.hreflang,
        items=page_items(corpus, language, site_url, limit, gettext),
    )


# --- events -------------------------------------------------------------------


@dataclass(frozen=True)
class Occurrence:
    """A recurring event or a round anniversary in the reference year, in one language."""

    id: str
    kind: str  # "recurring", or the anniversary's kind
    title: str
    when: str  # the date or period in words
    start: dt.date | None  # None where the content gives no date for the year
    end: dt.date | None  # exclusive
    span: bool  # a month or a quarter: the organisers announce the exact days
    sources: tuple[Source, ...]

    @property
    def checked(self) -> dt.date | None:
        return max((source.checked for source in self.sources), default=None)


def _babel_locale(lang: str) -> str:
    return language_for_code(lang).babel_locale


def recurring_occurrence(event: RecurringEvent, year: int, lang: str, gettext: Gettext) -> Occurrence | None:
    """The event in ``year`` (its Gregorian dates, a lunar festival resolved for
    that year); None when it is not held that year."""
    if not event.held_in(year):
        return None
    found = event_dates(event, year)
    if found is None:
        if event.plan_year:
            words = gettext(LISTED_IN_PLAN).format(year=event.plan_year)
        elif event.when is not None and event.when.is_lunar:
            words = format_lunar(event.when, gettext)
        else:
            words = gettext(DATES_VARY)
        return Occurrence(event.id, "recurring", event.name[lang], words, None, None, False, event.sources)
    start, end, span = found
    locale = _babel_locale(lang)
    if span:
        pattern = "yQQQQ" if event.when is not None and event.when.quarter is not None else "yMMMM"
        words = format_skeleton(pattern, start, locale=locale)
    else:
        words = format_span(start, end, lang)
        if event.when is not None and event.when.is_lunar:
            words = f"{words} ({format_lunar(event.when, gettext)})"
    return Occurrence(event.id, "recurring", event.name[lang], words, start, end, span, event.sources)


def anniversary_occurrence(anniversary: Anniversary, year: int, lang: str, gettext: Gettext) -> Occurrence:
    assert anniversary.years is not None, "use the entries of round_anniversaries()"
    title = f"{anniversary.name[lang]} – {gettext(YEARS).format(years=anniversary.years)}"
    if anniversary.date is None:
        return Occurrence(anniversary.id, anniversary.kind, title, format_event_date(year, lang), None, None, False,
                          anniversary.sources)
    start = day_in_year(anniversary.date, year)
    return Occurrence(anniversary.id, anniversary.kind, title, format_event_date(start, lang), start,
                      start + dt.timedelta(days=1), False, anniversary.sources)


def occurrences(data: EventData | None, year: int, lang: str, gettext: Gettext) -> list[Occurrence]:
    """The year's recurring events and round anniversaries, in date order;
    those without a date for the year come last, by id."""
    if data is None:
        return []
    found = [o for o in (recurring_occurrence(event, year, lang, gettext) for event in data.recurring) if o is not None]
    found += [anniversary_occurrence(entry, year, lang, gettext) for entry in round_anniversaries(data, year)]
    return sorted(found, key=lambda o: (0, o.start, o.end, o.id) if o.start else (1, dt.date.min, dt.date.min, o.id))


def events_pages(corpus: Corpus) -> dict[str, str | None]:
    """The source path of the page showing each table (recurring events,
    anniversaries): the first Vietnamese page with its marker line."""
    found: dict[str, str | None] = {"recurring": None, "anniversaries": None}
    for record in corpus.records(corpus.source_language.code):
        lines = {line.strip() for line in record.body.splitlines()}
        if found["recurring"] is None and RECURRING_MARKER in lines:
            found["recurring"] = record.norm_path
        if found["anniversaries"] is None and ANNIVERSARIES_MARKER in lines:
            found["anniversaries"] = record.norm_path
    return found


def occurrence_url(occurrence: Occurrence, pages: dict[str, str | None], language: Language, site_url: str) -> str:
    """The page listing the occurrence in ``language``, or the language's home page."""
    norm = pages["recurring" if occurrence.kind == "recurring" else "anniversaries"]
    return absolute(site_url, page_url(norm, language) if norm else language.url_prefix)


def event_items(
    found: list[Occurrence], pages: dict[str, str | None], language: Language, site_url: str, year: int
) -> tuple[FeedItem, ...]:
    items = []
    for occurrence in found:
        url = occurrence_url(occurrence, pages, language, site_url)
        items.append(
            FeedItem(
                id=f"{url}#{occurrence.id}-{year}",
                url=url,
                title=occurrence.title,
                summary=occurrence.when,
                lang=language.code,
                date=occurrence.checked,
                tags=(occurrence.kind,),
                start=occurrence.start,
                end=occurrence.end,
            )
        )
    return tuple(items)


def events_feed(
    data: EventData | None, corpus: Corpus, language: Language, site_url: str, site_name: str, gettext: Gettext, year: int
) -> Feed:
    urls = feed_urls(language.code)
    items = event_items(occurrences(data, year, language.code, gettext), events_pages(corpus), language, site_url, year)
    return Feed(
        title=feed_title(site_name, gettext(EVENTS_TITLE).format(year=year)),
        description=gettext(EVENTS_DESCRIPTION).format(year=year),
        home_page_url=absolute(site_url, language.url_prefix),
        rss_url=absolute(site_url, urls["events_rss"]),
        json_url=absolute(site_url, urls["events_json"]),
        language=language.hreflang,
        items=items,
    )


# --- JSON Feed and discovery ------------------------------------------------


def json_feed(feed: Feed) -> dict:
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). Events carry
    their dates in the ``_event`` extension (``end`` is the day after)."""
    items = []
    for item in feed.items:
        entry: dict = {"id": item.id, "url": item.url, "title": item.title, "content_text": item.summary,
                       "summary": item.summary}
        if item.date:
            entry["date_published"] = item.rfc3339
        if item.tags:
            entry["tags"] = list(item.tags)
        if item.image is not None:
            entry["image"] = item.image.url
        entry["language"] = language_for_code(item.lang).hreflang
        if item.start:
            entry["_event"] = {"start": item.start.isoformat(), "end": (item.end or item.start).isoformat()}
        items.append(entry)
    return {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": feed.home_page_url,
        "feed_url": feed.json_url,
        "description": feed.description,
        "language": feed.language,
        "items": items,
    }


def feed_links(language: Language, site_url: str, site_name: str, gettext: Gettext, year: int | None) -> tuple[FeedLink, ...]:
    urls = feed_urls(language.code)
    updates = feed_title(site_name, gettext(UPDATES_TITLE))
    links = [
        FeedLink(RSS_TYPE, updates, absolute(site_url, urls["updates_rss"])),
        FeedLink(JSON_FEED_TYPE, updates, absolute(site_url, urls["updates_json"])),
    ]
    if year is not None:
        events = feed_title(site_name, gettext(EVENTS_TITLE).format(year=year))
        links += [
            FeedLink(RSS_TYPE, events, absolute(site_url, urls["events_rss"])),
            FeedLink(JSON_FEED_TYPE, events, absolute(site_url, urls["events_json"])),
            FeedLink(CALENDAR_TYPE, events, absolute(site_url, urls["events_ics"])),
        ]
    return tuple(links)
