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
from babel.dates import format_date, format_skeleton, get_month_names
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from hanoi_info.languages import CJK_CODES, LanguageConfigError, language_for_code
from hanoi_info.schema import ID_PATTERN, Source

KINDS: tuple[str, ...] = ("city", "diplomatic", "partnership", "asean", "national-day", "history")
RECURRING_MARKER = "<!-- events:recurring -->"
ANNIVERSARIES_MARKER = "<!-- events:anniversaries -->"
TEMPLATES = Path(__file__).parent / "templates"
TABLES_TEMPLATE = "events/tables.md.j2"

_TOP_FIELDS = ("recurring", "anniversaries")
_RECURRING_FIELDS = ("id", "name", "when", "sources")
_ANNIVERSARY_FIELDS = ("id", "name", "date", "year", "kind", "sources")
_WHEN_FIELDS = ("month", "day", "quarter")
_SOURCE_FIELDS = ("title", "url", "checked")
_DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Gettext = Callable[[str], str]


class EventDataError(ValueError):
    """``data/events.yml`` cannot be used; the message names file, entry, field and fix."""


@dataclass(frozen=True)
class When:
    """When a recurring event takes place: a month (with a day only where fixed) or a quarter."""

    month: int | None = None
    day: int | None = None
    quarter: int | None = None


@dataclass(frozen=True)
class RecurringEvent:
    id: str
    name: Mapping[str, str]
    when: When | None  # None: the organisers set the date anew each year
    sources: tuple[Source, ...]


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


class _Loader(yaml.SafeLoader):
    """Safe YAML without implicit timestamps: dates stay text, so a wrong date
    gets a message naming its entry instead of a bare YAML error."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Checker:
    def __init__(self, shown: str):
        self.shown = shown

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
        if not isinstance(value, list) or not value:
            raise self.fail(where, "expected a list of at least one source, each with title, url and checked (YYYY-MM-DD)")
        sources = []
        for index, item in enumerate(value):
            at = f"{where}[{index}]"
            item = self.mapping(item, at, _SOURCE_FIELDS, "{title: ..., url: https://..., checked: YYYY-MM-DD}")
            for key in _SOURCE_FIELDS:
                if key not in item:
                    raise self.fail(f"{at}.{key}", "missing; every source needs title, url and checked (YYYY-MM-DD)")
            title = self.text(item["title"], f"{at}.title", "the source's title as text")
            url = self.text(item["url"], f"{at}.url", "an address starting with https:// or http://")
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise self.fail(f"{at}.url", f"expected an address starting with https:// or http://, got {url!r}")
            sources.append(Source(title=title, url=url, checked=self.date(item["checked"], f"{at}.checked")))
        return tuple(sources)

    def when(self, value: Any, where: str) -> When | None:
        if value is None:
            return None
        value = self.mapping(value, where, _WHEN_FIELDS, "{month: 7}, {month: 10, day: 10} or {quarter: 4}")
        if not value:
            raise self.fail(where, "empty; give month, month and day, or quarter, or leave 'when' out if the date varies")
        if "quarter" in value:
            if "month" in value or "day" in value:
                raise self.fail(where, "give either a month (and day) or a quarter, not both")
            return When(quarter=self.integer(value["quarter"], f"{where}.quarter", 1, 4, "a quarter"))
        if "month" not in value:
            raise self.fail(f"{where}.month", "missing; a day needs its month, e.g. {month: 10, day: 10}")
        month = self.integer(value["month"], f"{where}.month", 1, 12, "a month")
        if "day" not in value:
            return When(month=month)
        # 2000 is a leap year, so 29 February is accepted.
        last = (dt.date(2000 + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
        return When(month=month, day=self.integer(value["day"], f"{where}.day", 1, last, "a day of that month"))


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
    checker = _Checker(shown)
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
        recurring.append(
            RecurringEvent(
                id=entry_id,
                name=checker.names(item["name"], f"{where}.name", languages),
                when=checker.when(item.get("when"), f"{where}.when"),
                sources=checker.sources(item["sources"], f"{where}.sources"),
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
    )
    environment.filters["cell"] = _cell
    return environment


def _render(macro: str, **context: Any) -> str:
    module = _environment().get_template(TABLES_TEMPLATE).module
    return str(getattr(module, macro)(**context)).strip("\n")


def recurring_table(data: EventData, lang: str, gettext: Gettext) -> str:
    """The Markdown table of recurring events in ``lang``."""
    rows = [
        {
            "event": event.name[lang],
            "when": format_event_date(event.when, lang) if event.when else gettext("Dates vary from year to year"),
        }
        for event in data.recurring
    ]
    return _render(
        "recurring",
        rows=rows,
        headers={"event": gettext("Event"), "when": gettext("When")},
        empty=gettext("No recurring events are listed yet."),
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
                tables[content] = recurring_table(data, lang, gettext)
            else:
                tables[content] = anniversaries_table(data, lang, year, gettext)
        ending = line[len(content):]
        newline = ending or ("\r\n" if "\r\n" in markdown else "\n")
        before = newline if index > 0 and lines[index - 1].strip() else ""
        after = newline if index + 1 < len(lines) and lines[index + 1].strip() else ""
        table = tables[content].replace("\n", newline)
        out[index] = before + table + ending + after
    return "".join(out)
