"""Where each language stands: current, stale and missing translations.

A translation is *current* when its ``source_hash`` is the hash of the
Vietnamese page as it is now, *stale* when the Vietnamese page changed since
(readers see a notice), *missing* when there is no file for it (readers get the
Vietnamese page). :func:`status_report` is shared by ``hanoi-info status`` and
the status page of the built site (``/status/`` in every language).

Review status: a page records that a native reviewer read it against a version
of the Vietnamese text (``reviewed: {against: <source hash>, on: <date>}``;
the Vietnamese page against its own). It is *reviewed* when that version is
the current one, *reviewed against an older version* when the Vietnamese text
changed since, *unreviewed* without the field (:func:`review_report`)."""

from __future__ import annotations

import posixpath
import unicodedata
from dataclasses import dataclass
from typing import Literal

from hanoi_info.corpus import Corpus, page_url
from hanoi_info.languages import Language


@dataclass(frozen=True)
class LanguageStatus:
    code: str
    native_name: str
    current: tuple[str, ...]
    stale: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def total(self) -> int:
        return len(self.current) + len(self.stale) + len(self.missing)

    @property
    def percent_current(self) -> int:
        """Rounded down, so that 100 % means every page is current."""
        return (100 * len(self.current)) // self.total if self.total else 100


def status_report(corpus: Corpus) -> tuple[LanguageStatus, ...]:
    sources = corpus.source_paths()
    report = []
    for language in corpus.languages[1:]:
        buckets: dict[str, list[str]] = {"current": [], "stale": [], "missing": []}
        for norm_path in sources:
            buckets[corpus.status(norm_path, language.code)].append(norm_path)
        report.append(
            LanguageStatus(
                language.code,
                language.native_name,
                tuple(buckets["current"]),
                tuple(buckets["stale"]),
                tuple(buckets["missing"]),
            )
        )
    return tuple(report)


Review = Literal["reviewed", "older", "unreviewed"]


def review_state(corpus: Corpus, norm_path: str, code: str) -> Review | None:
    """Where the review of a page in a language stands (None: no such page)."""
    record = corpus.get(norm_path, code)
    if record is None:
        return None
    if record.meta.reviewed is None:
        return "unreviewed"
    return "reviewed" if record.meta.reviewed.against == corpus.source_hashes.get(norm_path) else "older"


@dataclass(frozen=True)
class ReviewStatus:
    code: str
    native_name: str
    reviewed: tuple[str, ...]  # docs-relative files
    older: tuple[str, ...]
    unreviewed: tuple[str, ...]

    @property
    def total(self) -> int:
        return len(self.reviewed) + len(self.older) + len(self.unreviewed)


def review_report(corpus: Corpus) -> tuple[ReviewStatus, ...]:
    """Per language (Vietnamese first), the pages written in it by review state."""
    report = []
    for language in corpus.languages:
        buckets: dict[str, list[str]] = {"reviewed": [], "older": [], "unreviewed": []}
        for norm_path in corpus.source_paths():
            state = review_state(corpus, norm_path, language.code)
            if state is not None:
                buckets[state].append(corpus.get(norm_path, language.code).src_path)
        report.append(ReviewStatus(language.code, language.native_name, tuple(buckets["reviewed"]),
                                   tuple(buckets["older"]), tuple(buckets["unreviewed"])))
    return tuple(report)


def format_review(report: tuple[ReviewStatus, ...], verbose: bool = False, docs: str = "docs/") -> str:
    width = max([_display_width(f"{status.code} {status.native_name}") for status in report] + [8])
    lines = [f"{_pad('review', width)} {'reviewed':>8} {'older':>6} {'unreviewed':>10}"]
    for status in report:
        lines.append(f"{_pad(status.code + ' ' + status.native_name, width)} {len(status.reviewed):>8} "
                     f"{len(status.older):>6} {len(status.unreviewed):>10}")
        if verbose:
            lines.extend(
                f"    older    {docs}{path}  (reviewed against an older Vietnamese text; review it again, then "
                f"'hanoi-info review mark {docs}{path}')"
                for path in status.older
            )
    return "\n".join(lines)


def translation_file(norm_path: str, code: str) -> str:
    """docs-relative file of a page's translation: "tourism/lake.fr.md"."""
    stem, extension = posixpath.splitext(norm_path)
    return f"{stem}.{code}{extension}"


def _display_width(text: str) -> int:
    """Terminal columns: Chinese, Japanese and Korean characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in ("W", "F") else 1 for char in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _display_width(text))


def format_status(report: tuple[LanguageStatus, ...], verbose: bool = False, docs: str = "docs/") -> str:
    width = max([_display_width(f"{status.code} {status.native_name}") for status in report] + [8])
    lines = [f"{_pad('language', width)} {'current':>8} {'stale':>6} {'missing':>8}   done"]
    for status in report:
        lines.append(
            f"{_pad(status.code + ' ' + status.native_name, width)} {len(status.current):>8} {len(status.stale):>6} "
            f"{len(status.missing):>8}   {status.percent_current:>3}%"
        )
        if verbose:
            lines.extend(
                f"    stale    {docs}{translation_file(path, status.code)}  (the Vietnamese {docs}{path} changed; "
                f"update the text, then its source_hash)"
                for path in status.stale
            )
            lines.extend(
                f"    missing  {docs}{translation_file(path, status.code)}  (translate {docs}{path})"
                for path in status.missing
            )
    return "\n".join(lines)


# -- the status page of the built site ------------------------------------------------


@dataclass(frozen=True)
class StatusEntry:
    title: str
    title_lang: str  # the language the title is written in
    url: str  # site-relative URL of the page to open
    file: str  # docs-relative file to edit or create


@dataclass(frozen=True)
class LanguageProgress:
    language: Language
    current: int
    total: int
    stale: tuple[StatusEntry, ...]
    missing: tuple[StatusEntry, ...]
    reviewed: int = 0
    unreviewed: int = 0
    review_older: tuple[StatusEntry, ...] = ()

    @property
    def percent(self) -> int:
        return (100 * self.current) // self.total if self.total else 100


@dataclass(frozen=True)
class StatusPage:
    source: Language
    source_pages: int
    languages: tuple[LanguageProgress, ...]
    source_reviewed: int = 0  # Vietnamese pages reviewed in their current version


def status_page(corpus: Corpus, docs: str = "docs/") -> StatusPage:
    """What the status page shows, the same in every language of the site;
    ``docs`` prefixes the files to edit ("docs/tourism/lake.fr.md")."""
    source = corpus.source_language
    progress = []
    for status in status_report(corpus):
        language = corpus.language(status.code)
        stale = []
        for path in status.stale:
            record = corpus.get(path, language.code)
            assert record is not None
            stale.append(StatusEntry(record.meta.title, language.code, page_url(path, language), docs + record.src_path))
        missing = []
        for path in status.missing:
            record = corpus.get(path, source.code)
            assert record is not None
            missing.append(StatusEntry(record.meta.title, source.code, page_url(path, source),
                                       docs + translation_file(path, language.code)))
        states = {path: review_state(corpus, path, language.code) for path in corpus.source_paths()}
        older = []
        for path, state in states.items():
            if state == "older":
                record = corpus.get(path, language.code)
                older.append(StatusEntry(record.meta.title, language.code, page_url(path, language), docs + record.src_path))
        progress.append(LanguageProgress(
            language, len(status.current), status.total, tuple(stale), tuple(missing),
            reviewed=sum(state == "reviewed" for state in states.values()),
            unreviewed=sum(state == "unreviewed" for state in states.values()),
            review_older=tuple(older),
        ))
    source_reviewed = sum(review_state(corpus, path, source.code) == "reviewed" for path in corpus.source_paths())
    return StatusPage(source, len(corpus.source_paths()), tuple(progress), source_reviewed)
