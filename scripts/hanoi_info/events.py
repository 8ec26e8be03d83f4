"""The city's recurring events and the anniversaries it marks.

``data/events.yml`` lists two kinds of entries (its header comment documents
the schema): events that come back every year, and dated founding events
(diplomatic relations, partnerships, the city's own milestones) from which the
round anniversaries of any year are computed. Everything here is a pure
function of its arguments: the build, the CLI and the tests call the same code.

Pages ask for the tables with a marker line that :func:`expand_event_markers`
replaces::

    <!-- events:recurring -->
    <!-- events:anniversaries -->
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

import yaml
from babel.dates import format_date, format_interval, format_skeleton, get_month_names
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from hanoi_info import lunar
from hanoi_info.languages import CJK_CODES, LanguageConfigError, language_for_code
from hanoi_info.schema import HELD_SOURCES_DIR, ID_PATTERN, Source, parse_held
from hanoi_info.templating import COMPILED_TEMPLATES

KINDS: tuple[str, ...] = ("city", "diplomatic", "partnership", "asean", "national-day", "history")
RECURRING_MARKER = "<!-- events:recurring -->"
ANNIVERSARIES_MARKER = "<!-- events:anniversaries -->"
TEMPLATES = Path(__file__).parent / "templates"
TABLES_TEMPLATE = "events/tables.md.j2"

_TOP_FIELDS = ("recurring", "anniversaries")
_RECURRING_FIELDS = ("id", "name", "when", "every", "since", "sources")
_ANNIVERSARY_FIELDS = ("id", "name", "date", "year", "kind", "sources")
_WHEN_FIELDS = ("month", "day", "quarter", "calendar", "leap", "days")
_CALENDARS = ("gregorian", "lunar")
_MAX_DAYS = 120  # the Hương Pagoda season, the longest, runs about three lunar months
_SOURCE_FIELDS = ("title", "url", "checked", "publisher", "issued", "held")
_DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Gettext = Callable[[str], str]


class EventDataError(ValueError):
    """``data/events.yml`` cannot be used; the message names file, entry, field and fix."""


@dataclass(frozen=True)
class When:
    """When a recurring event takes place: a month (with a day only where fixed)
    or a quarter of the Gregorian calendar, or a day of the Vietnamese lunar
    calendar (``calendar="lunar"``, month and day, ``leap`` for the leap month).
    ``days`` is how many days the event lasts from that day."""

    month: int | None = None
    day: int | None = None
    quarter: int | None = None
    calendar: str = "gregorian"
    leap: bool = False
    days: int = 1

    @property
    def is_lunar(self) -> bool:
        return self.calendar == "lunar"


@dataclass(frozen=True)
class RecurringEvent:
    id: str
    name: Mapping[str, str]
    when: When | None  # None: the organisers set the date anew each year
    sources: tuple[Source, ...]
    every: int = 1  # held every N years ...
    since: int | None = None  # ... counted from this year (the first edition of that rhythm)

    def held_in(self, year: int) -> bool:
        """Whether the event takes place in ``year`` (a biennial event, every other year)."""
        if self.since is None:
            return True
        return year >= self.since and (year - self.since) % self.every == 0

    @property
    def plan_year(self) -> str | None:
        """The issue year of the documents the entry rests on, when every one of
        its sources is a held document (the city's plan): the table then says
        that the event is listed in that plan rather than presenting it as current."""
        if self.sources and all(source.held for source in self.sources):
            return max(source.issued or "" for source in self.sources) or None
        return None


@dataclass(frozen=True)
class Anniversary:
    id: str
    name: Mapping[str, str]
    kind: str
    year: int  # the founding year; always known
    date: dt.date | None  # the founding date, where a source gives the day
    sources: tuple[Source, ...]
    years: int | None = None  # set by round_anniversaries: how many years in the year asked for

    @property
    def founded(self) -> dt.date | int:
        """The founding date, or the year alone where no source gives the day."""
        return self.date if self.date is not None else self.year


@dataclass(frozen=True)
class EventData:
    recurring: tuple[RecurringEvent, ...]
    anniversaries: tuple[Anniversary, ...]


# --- loading -----------------------------------------------------------------


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML (libyaml when available: the file is read on every build and
    preview) without implicit timestamps: dates stay text, so a wrong date
    gets a message naming its entry instead of a bare YAML error."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Checker:
    def __init__(self, shown: str, held_dir: Path | None = None):
        self.shown = shown
        self.held_dir = held_dir

    def fail(self, where: str, message: str) -> EventDataError:
        return EventDataError(f"{self.shown}: {where}: {message}")

    def mapping(self, value: Any, where: str, allowed: tuple[str, ...], example: str) -> dict:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected a mapping such as {example}, got {value!r}")
        for key in value:
            if key not in allowed:
                raise self.fail(f"{where}.{key}", f"unknown field; use one of: {', '.join(allowed)}")
        return value

    def integer(self, value: Any, where: str, low: int, high: int, what: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(where, f"expected {what} from {low} to {high}, got {value!r}")
        return value

    def date(self, value: Any, where: str) -> dt.date:
        if isinstance(value, str) and _DATE_PATTERN.match(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(where, f"expected a date YYYY-MM-DD, got {value!r}")

    def text(self, value: Any, where: str, what: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"expected {what}, got {value!r}")
        return value.strip()

    def names(self, value: Any, where: str, languages: tuple[str, ...]) -> Mapping[str, str]:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected a mapping of language code to name ({', '.join(languages)}), got {value!r}")
        for lang in languages:
            if lang not in value:
                raise self.fail(f"{where}.{lang}", f"missing; give the name in every language: {', '.join(languages)}")
        names = {}
        for lang, name in value.items():
            names[str(lang)] = self.text(name, f"{where}.{lang}", "the name as text")
        return MappingProxyType(names)

    def sources(self, value: Any, where: str) -> tuple[Source, ...]:
        """Web pages ``{title, url, checked}`` or documents the project holds
        ``{title, publisher, issued, held: data/sources/<file>, checked}``, as
        in a page's front matter (:func:`hanoi_info.schema.validate_meta`)."""
        if not isinstance(value, list) or not value:
            raise self.fail(where, "expected a list of at least one source, each with title, url and checked (YYYY-MM-DD)")
        sources = []
        for index, item in enumerate(value):
            at = f"{where}[{index}]"
            item = self.mapping(item, at, _SOURCE_FIELDS, "{title: ..., url: https://..., checked: YYYY-MM-DD}")
            for key in ("title", "checked"):
                if key not in item:
                    raise self.fail(f"{at}.{key}", "missing; every source needs title, url and checked (YYYY-MM-DD)")
            title = self.text(item["title"], f"{at}.title", "the source's title as text")
            checked = self.date(item["checked"], f"{at}.checked")
            if "held" in item:
                held = parse_held(item["held"])
                if held is None:
                    raise self.fail(f"{at}.held", f"expected '{HELD_SOURCES_DIR}/<file>', the project's copy of the document, got {item['held']!r}")
                if self.held_dir is not None and not (self.held_dir / held).is_file():
                    raise self.fail(f"{at}.held", f"{HELD_SOURCES_DIR}/{held} does not exist; add the document's text there or fix the file name")
                for key, what in (("publisher", "the body that issued the document"), ("issued", "the year or date it was issued")):
                    if key not in item:
                        raise self.fail(f"{at}.{key}", f"missing; a held document names {what}")
                publisher = self.text(item["publisher"], f"{at}.publisher", "the issuing body as text")
                issued = str(item["issued"]).strip()
                url = None
                if "url" in item:
                    url = self._url(item["url"], at)
                sources.append(Source(title=title, url=url, checked=checked, publisher=publisher, issued=issued, held=held))
                continue
            if "url" not in item:
                raise self.fail(f"{at}.url", f"missing; give the address, or for a document without one: publisher, issued and held: {HELD_SOURCES_DIR}/<file>")
            sources.append(Source(title=title, url=self._url(item["url"], at), checked=checked))
        return tuple(sources)

    def _url(self, value: Any, at: str) -> str:
        url = self.text(value, f"{at}.url", "an address starting with https:// or http://")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise self.fail(f"{at}.url", f"expected an address starting with https:// or http://, got {url!r}")
        return url

    def when(self, value: Any, where: str) -> When | None:
        if value is None:
            return None
        value = self.mapping(value, where, _WHEN_FIELDS,
                             "{month: 7}, {month: 10, day: 10}, {quarter: 4} or {calendar: lunar, month: 1, day: 6, days: 3}")
        if not value:
            raise self.fail(where, "empty; give month, month and day, or quarter, or leave 'when' out if the date varies")
        calendar = value.get("calendar", "gregorian")
        if calendar not in _CALENDARS:
            raise self.fail(f"{where}.calendar", f"expected lunar or gregorian (the default), got {calendar!r}")
        days = self.integer(value.get("days", 1), f"{where}.days", 1, _MAX_DAYS, "a number of days")
        if calendar == "lunar":
            for key in ("month", "day"):
                if key not in value:
                    raise self.fail(f"{where}.{key}", "missing; a lunar date gives month and day, e.g. {calendar: lunar, month: 1, day: 6}")
            if "quarter" in value:
                raise self.fail(f"{where}.quarter", "a lunar date has no quarter; give month and day")
            leap = value.get("leap", False)
            if not isinstance(leap, bool):
                raise self.fail(f"{where}.leap", f"expected true (the leap month) or false, got {leap!r}")
            return When(month=self.integer(value["month"], f"{where}.month", 1, 12, "a lunar month"),
                        day=self.integer(value["day"], f"{where}.day", 1, 30, "a lunar day"),
                        calendar="lunar", leap=leap, days=days)
        if "leap" in value:
            raise self.fail(f"{where}.leap", "only a lunar date has a leap month; add 'calendar: lunar' or remove 'leap'")
        if "quarter" in value:
            if "month" in value or "day" in value:
                raise self.fail(where, "give either a month (and day) or a quarter, not both")
            if "days" in value:
                raise self.fail(f"{where}.days", "a quarter has no length in days; give a day to count from")
            return When(quarter=self.integer(value["quarter"], f"{where}.quarter", 1, 4, "a quarter"))
        if "month" not in value:
            raise self.fail(f"{where}.month", "missing; a day needs its month, e.g. {month: 10, day: 10}")
        month = self.integer(value["month"], f"{where}.month", 1, 12, "a month")
        if "day" not in value:
            if "days" in value:
                raise self.fail(f"{where}.days", "'days' counts from a day; give the day as well")
            return When(month=month)
        # 2000 is a leap year, so 29 February is accepted.
        last = (dt.date(2000 + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
        return When(month=month, day=self.integer(value["day"], f"{where}.day", 1, last, "a day of that month"), days=days)


def _entry_id(checker: _Checker, item: Any, where: str, seen: dict[str, str]) -> str:
    if not isinstance(item, dict):
        raise checker.fail(where, f"expected a mapping with id, name, ... got {item!r}")
    if "id" not in item:
        raise checker.fail(f"{where}.id", "missing; give the entry a stable id in lower case with hyphens, e.g. city-for-peace")
    entry_id = item["id"]
    if not isinstance(entry_id, str) or not ID_PATTERN.match(entry_id):
        raise checker.fail(f"{where}.id", f"expected lower-case words joined by hyphens, e.g. city-for-peace, got {entry_id!r}")
    if entry_id in seen:
        raise checker.fail(f"{where}.id", f"'{entry_id}' is already used by {seen[entry_id]}; give each entry its own id")
    return entry_id


def load_events(path: str | Path, languages: Iterable[str]) -> EventData:
    """Read and validate ``data/events.yml``; every language listed must have a name."""
    languages = tuple(languages)
    shown = Path(path).as_posix()
    # Held documents live beside the data: data/sources/ for data/events.yml.
    checker = _Checker(shown, Path(path).parent / Path(HELD_SOURCES_DIR).name)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise EventDataError(f"{shown}: cannot read the file: {error.strerror or error}") from None
    try:
        raw = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise EventDataError(f"{shown}: {line}not valid YAML: {problem}") from None
    if not isinstance(raw, dict):
        raise EventDataError(f"{shown}: expected a mapping with the lists 'recurring' and 'anniversaries'")
    for key in raw:
        if key not in _TOP_FIELDS:
            raise EventDataError(f"{shown}: {key}: unknown section; use 'recurring' and 'anniversaries'")
    for key in _TOP_FIELDS:
        if not isinstance(raw.get(key), list):
            raise EventDataError(f"{shown}: {key}: expected a list of entries (each line starting with '- id: ...')")

    seen: dict[str, str] = {}
    recurring = []
    for index, item in enumerate(raw["recurring"]):
        entry_id = _entry_id(checker, item, f"recurring[{index}]", seen)
        where = f"recurring[{entry_id}]"
        checker.mapping(item, where, _RECURRING_FIELDS, "{id: ..., name: ..., when: ..., sources: ...}")
        seen[entry_id] = where
        for key in ("name", "sources"):
            if key not in item:
                raise checker.fail(f"{where}.{key}", f"missing; every recurring event needs {key}")
        every = checker.integer(item.get("every", 1), f"{where}.every", 1, 10, "a number of years")
        since = None
        if "since" in item:
            since = checker.integer(item["since"], f"{where}.since", 1900, 2199, "the year of the first edition")
        elif every > 1:
            raise checker.fail(f"{where}.since", f"missing; an event held every {every} years names a year it was held in, e.g. since: 2026")
        recurring.append(
            RecurringEvent(
                id=entry_id,
                name=checker.names(item["name"], f"{where}.name", languages),
                when=checker.when(item.get("when"), f"{where}.when"),
                sources=checker.sources(item["sources"], f"{where}.sources"),
                every=every,
                since=since,
            )
        )

    anniversaries = []
    for index, item in enumerate(raw["anniversaries"]):
        entry_id = _entry_id(checker, item, f"anniversaries[{index}]", seen)
        where = f"anniversaries[{entry_id}]"
        checker.mapping(item, where, _ANNIVERSARY_FIELDS, "{id: ..., name: ..., date: ..., kind: ..., sources: ...}")
        seen[entry_id] = where
        for key in ("name", "kind", "sources"):
            if key not in item:
                raise checker.fail(f"{where}.{key}", f"missing; every anniversary needs {key}")
        if "date" in item and "year" in item:
            raise checker.fail(where, "give either date (YYYY-MM-DD) or year (YYYY) alone, not both")
        if "date" in item:
            date = checker.date(item["date"], f"{where}.date")
            year = date.year
        elif "year" in item:
            date = None
            year = checker.integer(item["year"], f"{where}.year", 1, 9999, "a year")
        else:
            raise checker.fail(f"{where}.date", "missing; give date: YYYY-MM-DD, or year: YYYY where no source gives the day")
        kind = item["kind"]
        if kind not in KINDS:
            raise checker.fail(f"{where}.kind", f"expected one of {', '.join(KINDS)}, got {kind!r}")
        anniversaries.append(
            Anniversary(
                id=entry_id,
                name=checker.names(item["name"], f"{where}.name", languages),
                kind=kind,
                year=year,
                date=date,
                sources=checker.sources(item["sources"], f"{where}.sources"),
            )
        )
    return EventData(recurring=tuple(recurring), anniversaries=tuple(anniversaries))


# --- computing ---------------------------------------------------------------


def lunar_dates(when: When, year: int) -> tuple[dt.date, dt.date] | None:
    """(first day, day after the last) in the Gregorian ``year`` of a lunar-calendar
    date; None when it does not fall in that year (a leap month the year lacks).

    A date late in the lunar year (months 11 and 12) can fall in January of the
    next Gregorian year, so both lunar years that overlap ``year`` are tried."""
    assert when.is_lunar and when.month is not None and when.day is not None
    for lunar_year in (year - 1, year):
        try:
            start = lunar.to_gregorian(lunar.LunarDate(lunar_year, when.month, when.day, when.leap))
        except lunar.LunarDateError:
            continue
        if start.year == year:
            return start, start + dt.timedelta(days=when.days)
    return None


def event_dates(event: RecurringEvent, year: int) -> tuple[dt.date, dt.date, bool] | None:
    """(start, end exclusive, whether the organisers set the exact days) of a
    recurring event in ``year``; None when the content gives no date for that
    year or the event is not held then. An event known only from the city's
    plan of an earlier year (:attr:`RecurringEvent.plan_year`) gets no dates:
    nothing says it still takes place."""
    when = event.when
    if when is None or not event.held_in(year) or event.plan_year:
        return None
    if when.is_lunar:
        found = lunar_dates(when, year)
        return (found[0], found[1], False) if found else None
    if when.quarter is not None:
        return dt.date(year, when.quarter * 3 - 2, 1), _next_month(year, when.quarter * 3), True
    assert when.month is not None
    if when.day is not None:
        start = day_in_year(dt.date(2000, when.month, when.day), year)
        return start, start + dt.timedelta(days=when.days), False
    return dt.date(year, when.month, 1), _next_month(year, when.month), True


def _next_month(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1)


def day_in_year(date: dt.date, year: int) -> dt.date:
    """The date's day in ``year``; 29 February is marked on the 28th in other years."""
    if date.month == 2 and date.day == 29:
        try:
            return dt.date(year, 2, 29)
        except ValueError:
            return dt.date(year, 2, 28)
    return date.replace(year=year)


def round_anniversaries(data: EventData, year: int, step: int = 5) -> list[Anniversary]:
    """Anniversaries whose age in ``year`` is a positive multiple of ``step``.

    Sorted by day of the year; entries known only by their year come last,
    oldest first. Each returned entry has ``years`` set.
    """
    if isinstance(step, bool) or not isinstance(step, int) or step < 1:
        raise ValueError(f"step must be a positive whole number of years, got {step!r}")
    found = []
    for anniversary in data.anniversaries:
        years = year - anniversary.year
        if years > 0 and years % step == 0:
            found.append(replace(anniversary, years=years))

    def order(anniversary: Anniversary) -> tuple:
        if anniversary.date is None:
            return (1, anniversary.year, 0, anniversary.id)
        return (0, anniversary.date.month, anniversary.date.day, anniversary.id)

    return sorted(found, key=order)


# --- formatting --------------------------------------------------------------


def _babel_locale(lang: str) -> str:
    try:
        return language_for_code(lang).babel_locale
    except LanguageConfigError:
        raise ValueError(f"unknown language code {lang!r}; use an ISO 639-1 code listed in mkdocs.yml") from None


def _month_name(month: int, lang: str, locale: str) -> str:
    # A month on its own takes CLDR's stand-alone form ("Tháng 7", "July",
    # "juillet"). Chinese, Japanese and Korean write Gregorian months with a
    # numeral ("7月", "7월"), the form their long dates use; CLDR's wide form
    # for Chinese is "七月", which reads as a lunar month, and Babel 2.18's
    # stand-alone data for Japanese and Korean gives that form too.
    if lang in CJK_CODES:
        return get_month_names("abbreviated", "format", locale=locale)[month]
    return get_month_names("wide", "stand-alone", locale=locale)[month]


def format_span(start: dt.date, end: dt.date, lang: str) -> str:
    """A day or a run of days (``end`` exclusive), as a reader of ``lang`` writes
    it: "6 February 2027", "22–24 February 2027", "2027年2月22日～24日"."""
    locale = _babel_locale(lang)
    last = end - dt.timedelta(days=1)
    if last <= start:
        return format_date(start, "long", locale=locale)
    return format_interval(start, last, "yMMMMd", locale=locale)


def format_lunar(when: When, gettext: Gettext) -> str:
    """A lunar-calendar date in words: "Day 6 of lunar month 1", "Days 6–12 of lunar month 4"."""
    assert when.is_lunar and when.day is not None
    last = when.day + when.days - 1
    if when.leap:
        if when.days == 1:
            return gettext("Day {day} of leap lunar month {month}").format(day=when.day, month=when.month)
        return gettext("Days {first}–{last} of leap lunar month {month}").format(first=when.day, last=last, month=when.month)
    if when.days == 1:
        return gettext("Day {day} of lunar month {month}").format(day=when.day, month=when.month)
    return gettext("Days {first}–{last} of lunar month {month}").format(first=when.day, last=last, month=when.month)


def format_event_date(value: dt.date | When | int, lang: str) -> str:
    """A date as a reader of ``lang`` writes it.

    ``value`` is a full date (long format: "16 tháng 7, 1999", "July 16, 1999",
    "1999年7月16日"), a :class:`When` (month and day, month, or quarter), or a
    year alone.
    """
    locale = _babel_locale(lang)
    if isinstance(value, dt.date):
        return format_date(value, "long", locale=locale)
    if isinstance(value, When):
        if value.quarter is not None:
            return format_date(dt.date(2000, value.quarter * 3 - 2, 1), "QQQQ", locale=locale)
        if value.month is not None and value.day is not None:
            return format_skeleton("MMMMd", dt.date(2000, value.month, value.day), locale=locale)
        if value.month is not None:
            return _month_name(value.month, lang, locale)
        raise ValueError("a When needs a month or a quarter")
    if isinstance(value, int) and not isinstance(value, bool):
        return format_skeleton("y", dt.date(value, 1, 1), locale=locale)
    raise TypeError(f"cannot format {value!r} as an event date")


# --- Markdown tables ---------------------------------------------------------


def _cell(value: Any) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(str(value).split()).replace("|", "\\|")


@lru_cache(maxsize=1)
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=False,  # Markdown, not HTML
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        bytecode_cache=COMPILED_TEMPLATES,
    )
    environment.filters["cell"] = _cell
    return environment


def _render(macro: str, **context: Any) -> str:
    module = _environment().get_template(TABLES_TEMPLATE).module
    return str(getattr(module, macro)(**context)).strip("\n")


def _when_words(event: RecurringEvent, lang: str, gettext: Gettext) -> str:
    """The rule, in words: the lunar date, the month or quarter, or "dates vary";
    with how often, for an event not held every year."""
    when = event.when
    if when is None:
        words = gettext("Dates vary from year to year")
    elif when.is_lunar:
        words = format_lunar(when, gettext)
    elif when.day is not None and when.days > 1:
        start = dt.date(2000, when.month or 1, when.day)
        words = format_skeleton("MMMMd", start, locale=_babel_locale(lang)) + " (" + gettext("{days} days").format(days=when.days) + ")"
    else:
        words = format_event_date(when, lang)
    if event.every > 1 and event.since is not None:
        words = gettext("Every {every} years since {year}; {when}").format(when=words, every=event.every, year=event.since)
    plan = event.plan_year
    if plan:
        words = gettext("{when} (listed in the city's {year} plan)").format(when=words, year=plan)
    return words


def _year_cell(event: RecurringEvent, year: int, lang: str, gettext: Gettext) -> str:
    if not event.held_in(year):
        return gettext("Not held this year")
    found = event_dates(event, year)
    if found is None:
        return "–"
    start, end, span = found
    if span:
        return _span_words(event.when, start, lang)
    return format_span(start, end, lang)


def _span_words(when: When | None, start: dt.date, lang: str) -> str:
    locale = _babel_locale(lang)
    if when is not None and when.quarter is not None:
        return format_skeleton("yQQQQ", start, locale=locale)
    return format_skeleton("yMMMM", start, locale=locale)


def recurring_table(data: EventData, lang: str, gettext: Gettext, year: int | None = None) -> str:
    """The Markdown table of recurring events in ``lang``: the rule, and the
    Gregorian dates of ``year`` and the next year (lunar festivals move)."""
    years = (year, year + 1) if year is not None else ()
    rows = [
        {
            "event": event.name[lang],
            "when": _when_words(event, lang, gettext),
            "years": [_year_cell(event, y, lang, gettext) for y in years],
        }
        for event in data.recurring
    ]
    has_lunar = any(event.when is not None and event.when.is_lunar for event in data.recurring)
    return _render(
        "recurring",
        rows=rows,
        headers={"event": gettext("Event"), "when": gettext("When"),
                 "years": [format_event_date(y, lang) for y in years]},
        empty=gettext("No recurring events are listed yet."),
        note=gettext("Festivals of the lunar calendar fall on a different Gregorian date every year; "
                     "the dates shown are computed from the Vietnamese lunar calendar.") if has_lunar and years else "",
    )


def anniversaries_table(data: EventData, lang: str, year: int, gettext: Gettext) -> str:
    """The Markdown table of ``year``'s round anniversaries in ``lang``."""
    rows = [
        {
            "date": format_event_date(anniversary.founded, lang),
            "anniversary": anniversary.name[lang],
            "years": gettext("{years} years").format(years=anniversary.years),
        }
        for anniversary in round_anniversaries(data, year)
    ]
    return _render(
        "anniversaries",
        rows=rows,
        headers={"date": gettext("Date"), "anniversary": gettext("Anniversary"), "years": gettext("Years")},
        empty=gettext("No round anniversaries in {year}.").format(year=year),
    )


def expand_event_markers(markdown: str, lang: str, year: int, data: EventData, gettext: Gettext) -> str:
    """Replace each marker line with its table; every other line stays as it is.

    A marker is a line that is exactly ``<!-- events:recurring -->`` or
    ``<!-- events:anniversaries -->``. UI strings (column headers, "{years}
    years") go through ``gettext`` with English msgids. A table needs blank
    lines around it to be read as one, so a blank line is added where a
    neighbouring line has text.
    """
    tables: dict[str, str] = {}
    lines = markdown.splitlines(keepends=True)
    out = list(lines)
    for index, line in enumerate(lines):
        content = line.rstrip("\r\n")
        if content not in (RECURRING_MARKER, ANNIVERSARIES_MARKER):
            continue
        if content not in tables:
            if content == RECURRING_MARKER:
                tables[content] = recurring_table(data, lang, gettext, year)
            else:
                tables[content] = anniversaries_table(data, lang, year, gettext)
        ending = line[len(content):]
        newline = ending or ("\r\n" if "\r\n" in markdown else "\n")
        before = newline if index > 0 and lines[index - 1].strip() else ""
        after = newline if index + 1 < len(lines) and lines[index + 1].strip() else ""
        table = tables[content].replace("\n", newline)
        out[index] = before + table + ending + after
    return "".join(out)
