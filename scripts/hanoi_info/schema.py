"""The front-matter schema of a page, and its validation.

Every problem becomes a :class:`Problem` (file, line, message) so that the build
and ``hanoi-info check`` can report all of them at once, one line each, in the
form editors' tools understand: ``path:line: message``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from hanoi_info.content import SOURCE_HASH_LENGTH
from hanoi_info.messages import N_

# Topic ids with the English label that the catalogs translate. The order is the
# order of the home page's sections and the kiosk's tiles.
TOPICS: dict[str, str] = {
    "arriving": N_("Arriving in Hà Nội"),
    "tourism": N_("Tourism"),
    "culture": N_("Culture"),
    "investment": N_("Investment"),
    "asean": N_("ASEAN"),
    "events": N_("Events and anniversaries"),
}
# Pages that belong to the site itself rather than to a topic.
SITE_TOPICS = frozenset({"home", "about"})
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HASH_PATTERN = re.compile(rf"^[0-9a-f]{{{SOURCE_HASH_LENGTH}}}$")
MAX_DESCRIPTION = 200
MAX_SUMMARY = {"cjk": 300, "other": 600}


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ProblemsError(ValueError):
    """Data that cannot be used; ``problems`` says why, one ``path:line: message`` each."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


# Where the project keeps the text of documents that have no public web address
# (a city plan handed to the project); the build publishes them under /sources/.
HELD_SOURCES_DIR = "data/sources"


@dataclass(frozen=True)
class Source:
    """One source of a page's facts: a web page (``url``) or a document whose
    text the project holds (``held``, with its issuing body and date)."""

    title: str
    url: str | None
    checked: dt.date
    publisher: str | None = None
    issued: str | None = None
    held: str | None = None  # file name inside HELD_SOURCES_DIR

    @property
    def held_path(self) -> str | None:
        """Site-relative path of the published copy of a held document."""
        return f"sources/{self.held}" if self.held else None


def publish_held_sources(held_dir: Path, site_dir: Path) -> None:
    """Copy the held documents to ``<site>/sources/`` so that every citation of
    one links to its text (see :attr:`Source.held_path`)."""
    if not held_dir.is_dir():
        return
    target = site_dir / "sources"
    target.mkdir(parents=True, exist_ok=True)
    for document in sorted(held_dir.iterdir()):
        if document.is_file() and not document.name.startswith("."):
            (target / document.name).write_bytes(document.read_bytes())


def parse_held(value: Any) -> str | None:
    """The file name of ``held: data/sources/<file>``, or None if it is not one."""
    if not isinstance(value, str):
        return None
    prefix = HELD_SOURCES_DIR + "/"
    name = value[len(prefix):] if value.startswith(prefix) else ""
    if not name or "/" in name or name.startswith("."):
        return None
    return name


@dataclass(frozen=True)
class Review:
    """A native reviewer read the page against this version of the Vietnamese
    text (``against``, a source hash; for a Vietnamese page its own) on ``on``."""

    against: str
    on: dt.date


@dataclass(frozen=True)
class PageMeta:
    id: str
    title: str
    description: str
    topic: str
    updated: dt.date
    sources: tuple[Source, ...] = ()
    handout: bool = False
    handout_summary: str | None = None
    kiosk: bool = False
    source_hash: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    reviewed: Review | None = None


def field_line(front_matter_lines: list[str], name: str) -> int:
    """1-based file line of ``name:`` in the front matter (which starts on line 2)."""
    prefix = f"{name}:"
    for index, line in enumerate(front_matter_lines):
        if line.startswith(prefix):
            return index + 2
    return 1


def front_matter_lines(text: str) -> list[str]:
    """The lines after the opening '---', up to the closing one (file line 2 onwards)."""
    lines = []
    for line in text.split("\n", 200)[1:200]:
        if line.rstrip() == "---":
            break
        lines.append(line)
    return lines


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        # A quoted date ("2026-11-30") means the same to an editor.
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _show(value: Any, width: int = 40) -> str:
    """A value quoted for a message: short, on one line, no control characters."""
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _type_name(value: Any) -> str:
    return {dict: "a mapping", list: "a list", bool: "true/false", int: "a number", float: "a number",
            type(None): "nothing"}.get(type(value), type(value).__name__)


def _is_web_url(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        parts = urlsplit(value)
        parts.port  # raises for a malformed port or address
    except ValueError:
        return False
    return parts.scheme in ("https", "http") and bool(parts.hostname) and not re.search(r"[\s<>\"\\]", value)


class _Collector:
    def __init__(self, path: str, text: str):
        self.path = path
        self.lines = front_matter_lines(text)
        self.problems: list[Problem] = []

    def add(self, name: str, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.path, line or field_line(self.lines, name.split(".")[0].split("[")[0]), message))

    def item_line(self, name: str, index: int) -> int:
        """Line of the ``index``-th (0-based) '- ' item of the list field ``name``."""
        start = field_line(self.lines, name)
        if start == 1:
            return 1
        count = -1
        for offset, line in enumerate(self.lines[start - 1:], start=start):
            if offset > start and line[:1] not in (" ", "\t", "-", ""):
                break
            if line.lstrip().startswith("- ") or line.strip() == "-":
                count += 1
                if count == index:
                    return offset
        return start


def validate_meta(
    meta: dict[str, Any],
    *,
    path: str,
    text: str,
    is_translation: bool,
    is_cjk: bool,
    held_sources_dir: Path | None = None,
) -> tuple[PageMeta | None, list[Problem]]:
    """Check one page's front matter. Returns the typed metadata when it is valid.

    ``held_sources_dir`` is the project's folder of held documents; when given,
    a ``held:`` source must name a file in it."""
    report = _Collector(path, text)

    def text_field(name: str, *, required: bool = True, limit: int | None = None) -> str | None:
        value = meta.get(name)
        if value is None:
            if required:
                report.add(name, f"{name}: missing; add a line '{name}: ...' to the front matter")
            return None
        if not isinstance(value, str):
            report.add(name, f"{name}: expected text, got {_type_name(value)} {_show(value)}")
            return None
        if not value.strip():
            report.add(name, f"{name}: is empty; write the {name.replace('_', ' ')}")
            return None
        if "<" in value and re.search(r"<\s*/?\s*[a-zA-Z!]", value):
            report.add(name, f"{name}: must be plain text; remove the HTML tags")
            return None
        if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", value):
            report.add(name, f"{name}: contains invisible control characters; retype the text")
            return None
        if limit is not None and len(value) > limit:
            report.add(name, f"{name}: {len(value)} characters, at most {limit} allowed; shorten it")
        return value.strip()

    def bool_field(name: str) -> bool:
        value = meta.get(name, False)
        if not isinstance(value, bool):
            report.add(name, f"{name}: expected true or false, got {_show(value)}")
            return False
        return value

    page_id = text_field("id")
    if page_id is not None and not ID_PATTERN.match(page_id):
        report.add("id", f"id: '{page_id}' must be lower-case letters, digits and single hyphens (like 'tourism-hoan-kiem-lake')")
    title = text_field("title")
    description = text_field("description", limit=MAX_DESCRIPTION)

    topic = meta.get("topic")
    if topic is None:
        report.add("topic", "topic: missing; add 'topic: ' with one of " + ", ".join(TOPICS))
    elif not isinstance(topic, str):
        report.add("topic", f"topic: expected one of {', '.join(TOPICS)}, got {_type_name(topic)} {_show(topic)}")
        topic = None
    elif topic not in TOPICS and topic not in SITE_TOPICS:
        report.add("topic", f"topic: unknown topic {_show(topic)}; use one of " + ", ".join(TOPICS))

    updated = _as_date(meta.get("updated"))
    if "updated" not in meta:
        report.add("updated", "updated: missing; add 'updated: YYYY-MM-DD' (the date the text was last revised)")
    elif updated is None:
        report.add("updated", f"updated: expected a date YYYY-MM-DD, got {_show(meta.get('updated'))}")

    sources: list[Source] = []
    raw_sources = meta.get("sources")
    if raw_sources is None:
        if topic in TOPICS:
            report.add("sources", "sources: missing; list the sources of the page's facts (title, url, checked)")
    elif not isinstance(raw_sources, list):
        report.add("sources", "sources: expected a list of entries with title, url and checked")
    else:
        for index, entry in enumerate(raw_sources):
            where = f"sources[{index + 1}]"
            line = report.item_line("sources", index)
            if not isinstance(entry, dict):
                report.add("sources", f"{where}: expected 'title', 'url' and 'checked' fields", line)
                continue
            source_title, url, checked = entry.get("title"), entry.get("url"), _as_date(entry.get("checked"))
            if not isinstance(source_title, str) or not source_title.strip():
                report.add("sources", f"{where}.title: missing; name the source (site or document title)", line)
            elif re.search(r"<\s*/?\s*[a-zA-Z!]", source_title):
                report.add("sources", f"{where}.title: must be plain text; remove the HTML tags", line)
            held = None
            document_ok = True
            if "held" in entry:
                held = parse_held(entry.get("held"))
                if held is None:
                    document_ok = False
                    report.add("sources", f"{where}.held: expected '{HELD_SOURCES_DIR}/<file>', the project's copy of the document, got {_show(entry.get('held'), 60)}", line)
                elif held_sources_dir is not None and not (held_sources_dir / held).is_file():
                    document_ok = False
                    report.add("sources", f"{where}.held: {HELD_SOURCES_DIR}/{held} does not exist; add the document's text there or fix the file name", line)
                for key, what in (("publisher", "the body that issued the document"), ("issued", "the year or date it was issued")):
                    if not isinstance(entry.get(key), (str, int, dt.date)) or not str(entry.get(key)).strip():
                        document_ok = False
                        report.add("sources", f"{where}.{key}: missing; a held document names {what}", line)
                if url is not None and not _is_web_url(url):
                    document_ok = False
                    report.add("sources", f"{where}.url: expected a web address starting with https://, got {_show(url, 60)}", line)
            elif not _is_web_url(url):
                document_ok = False
                report.add("sources", f"{where}.url: expected a web address starting with https://, got {_show(url, 60)}; "
                           f"for a document without one, give publisher, issued and held: {HELD_SOURCES_DIR}/<file>", line)
            if checked is None:
                report.add("sources", f"{where}.checked: expected the date the fact was checked, YYYY-MM-DD", line)
            if isinstance(source_title, str) and source_title.strip() and document_ok and checked is not None:
                sources.append(Source(source_title.strip(), url, checked,
                                      publisher=str(entry["publisher"]).strip() if held else None,
                                      issued=str(entry["issued"]).strip() if held else None,
                                      held=held))

    handout = bool_field("handout")
    kiosk = bool_field("kiosk")
    summary_limit = MAX_SUMMARY["cjk" if is_cjk else "other"]
    handout_summary = text_field("handout_summary", required=False, limit=summary_limit)

    source_hash = meta.get("source_hash")
    if is_translation:
        if source_hash is None:
            report.add(
                "source_hash",
                "source_hash: missing; a translation records the version of the Vietnamese page it translates "
                "(run 'hanoi-info source-hash' on the Vietnamese file)",
            )
        elif not isinstance(source_hash, str):
            report.add("source_hash", f"source_hash: write the hash in quotes (source_hash: \"{source_hash}\"), otherwise YAML reads it as a number")
        elif not HASH_PATTERN.match(source_hash):
            report.add("source_hash", f"source_hash: expected {SOURCE_HASH_LENGTH} hexadecimal characters, got {_show(source_hash)}")
    elif source_hash is not None:
        report.add("source_hash", "source_hash: only translations have a source_hash; remove it from the Vietnamese page")

    reviewed = None
    raw_review = meta.get("reviewed")
    if raw_review is not None:
        how = ("write 'reviewed: {against: \"<12-character hash>\", on: YYYY-MM-DD}' "
               "(or run 'hanoi-info review mark' on the file)")
        if isinstance(raw_review, dict) and True in raw_review and "on" not in raw_review:
            # YAML 1.1 reads the key 'on' as true.
            raw_review = {("on" if key is True else key): value for key, value in raw_review.items()}
        if not isinstance(raw_review, dict) or set(raw_review) - {"against", "on"}:
            report.add("reviewed", f"reviewed: expected the fields 'against' and 'on'; {how}")
        else:
            against, on = raw_review.get("against"), _as_date(raw_review.get("on"))
            if not isinstance(against, str) or not HASH_PATTERN.match(against):
                report.add("reviewed", f"reviewed.against: expected the {SOURCE_HASH_LENGTH}-character hash of the "
                                       f"Vietnamese text the reviewer read, in quotes, got {_show(against)}; {how}")
            elif on is None:
                report.add("reviewed", f"reviewed.on: expected the date of the review, YYYY-MM-DD, got {_show(raw_review.get('on'))}")
            else:
                reviewed = Review(against, on)

    known = {"id", "title", "description", "topic", "updated", "sources", "handout", "handout_summary", "kiosk",
             "source_hash", "reviewed", "template", "hide", "search", "redirect_from", "handout_facts", "place"}
    extra = {key: value for key, value in meta.items() if key in known - {
        "id", "title", "description", "topic", "updated", "sources", "handout", "handout_summary", "kiosk", "source_hash",
        "reviewed"}}
    for key in meta:
        if not isinstance(key, str) or key not in known:
            shown = key if isinstance(key, str) and key.isprintable() else _show(key)
            report.add(str(key), f"{shown}: unknown field; check the spelling (known fields: " + ", ".join(sorted(known)) + ")")

    if report.problems:
        return None, report.problems
    assert page_id and title and description and updated and isinstance(topic, str)
    return (
        PageMeta(
            id=page_id,
            title=title,
            description=description,
            topic=topic,
            updated=updated,
            sources=tuple(sources),
            handout=handout,
            handout_summary=handout_summary,
            kiosk=kiosk,
            source_hash=source_hash if is_translation else None,
            extra=extra,
            reviewed=reviewed,
        ),
        [],
    )
