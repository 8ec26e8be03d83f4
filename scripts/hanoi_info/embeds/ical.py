"""The year's events and anniversaries as an iCalendar file (RFC 5545), one
per language, for calendar applications.

Only what the content dates goes in: a fixed day is an all-day event; a month
or a quarter is an event spanning it, saying that the organisers announce the
days; events and anniversaries without a date for the year are left out (the
feeds list them). ``DTSTAMP`` is the newest ``checked`` date of the entry's
sources, so the file changes only when the content does."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from urllib.parse import urlsplit

from hanoi_info import __version__
from hanoi_info.embeds.feeds import ORGANISERS_SET_DATES, Occurrence, occurrence_url
from hanoi_info.languages import Language

LINE_OCTETS = 75
Gettext = Callable[[str], str]


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11)."""
    return (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, never inside a
    UTF-8 character; continuation lines start with a space."""
    pieces = []
    current = b""
    limit = LINE_OCTETS
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            pieces.append(current.decode("utf-8"))
            current = b""
            limit = LINE_OCTETS - 1  # the leading space counts
        current += encoded
    pieces.append(current.decode("utf-8"))
    return "\r\n ".join(pieces)


def _date(value: dt.date) -> str:
    return value.strftime("%Y%m%d")


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
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//hanoi-info//{escape_text(site_name)} {__version__}//{language.code.upper()}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME;LANGUAGE={lang}:{escape_text(name)}",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"DESCRIPTION;LANGUAGE={lang}:{escape_text(description)}",
        f"X-WR-CALDESC:{escape_text(description)}",
    ]
    for occurrence in found:
        if occurrence.start is None or occurrence.end is None:
            continue
        stamp = occurrence.checked or occurrence.start
        details = occurrence.when
        if occurrence.span:
            details = f"{details}\n{gettext(ORGANISERS_SET_DATES)}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{occurrence.id}-{year}-{language.code}@{host}",
            f"DTSTAMP:{_date(stamp)}T000000Z",
            f"DTSTART;VALUE=DATE:{_date(occurrence.start)}",
            f"DTEND;VALUE=DATE:{_date(occurrence.end)}",
            f"SUMMARY;LANGUAGE={lang}:{escape_text(occurrence.title)}",
            f"DESCRIPTION;LANGUAGE={lang}:{escape_text(details)}",
            f"CATEGORIES:{escape_text(occurrence.kind)}",
            f"URL:{occurrence_url(occurrence, pages, language, site_url)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
