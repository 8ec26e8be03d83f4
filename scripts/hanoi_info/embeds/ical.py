"""The year's events and anniversaries as an iCalendar file (RFC 5545), one
per language, for calendar applications. Written with the ``icalendar``
package, which escapes text values and folds long lines.

Only what the content dates goes in: a fixed day (or a lunar festival,
resolved for the year) is an all-day event over its days; a month or a quarter
is an event spanning it, saying that the organisers announce the days; events
and anniversaries without a date for the year are left out (the feeds list
them). ``DTSTAMP`` is the newest ``checked`` date of the entry's sources, so
the file changes only when the content does."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from urllib.parse import urlsplit

from icalendar import Calendar, Event, vText

from hanoi_info import __version__
from hanoi_info.embeds.feeds import ORGANISERS_SET_DATES, Occurrence, occurrence_url
from hanoi_info.languages import Language

Gettext = Callable[[str], str]


def _text(value: str, lang: str) -> vText:
    text = vText(value)
    text.params["LANGUAGE"] = lang
    return text


def calendar(
    found: list[Occurrence],
    pages: dict[str, str | None],
    language: Language,
    site_url: str,
    *,
    name: str,
    description: str,
    gettext: Gettext,
    year: int,
    site_name: str,
) -> str:
    host = urlsplit(site_url).hostname or "hanoi-info"
    lang = language.hreflang
    cal = Calendar()
    cal.add("PRODID", f"-//hanoi-info//{site_name} {__version__}//{language.code.upper()}")
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("METHOD", "PUBLISH")
    cal.add("NAME", _text(name, lang))
    cal.add("X-WR-CALNAME", name)
    cal.add("DESCRIPTION", _text(description, lang))
    cal.add("X-WR-CALDESC", description)
    for occurrence in found:
        if occurrence.start is None or occurrence.end is None:
            continue
        stamp = occurrence.checked or occurrence.start
        details = occurrence.when
        if occurrence.span:
            details = f"{details}\n{gettext(ORGANISERS_SET_DATES)}"
        event = Event()
        event.add("UID", f"{occurrence.id}-{year}-{language.code}@{host}")
        event.add("DTSTAMP", dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.timezone.utc))
        event.add("DTSTART", occurrence.start)
        event.add("DTEND", occurrence.end)
        event.add("SUMMARY", _text(occurrence.title, lang))
        event.add("DESCRIPTION", _text(details, lang))
        event.add("CATEGORIES", [occurrence.kind])
        event.add("URL", occurrence_url(occurrence, pages, language, site_url))
        event.add("TRANSP", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical().decode("utf-8")
