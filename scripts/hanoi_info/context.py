"""What the language builds of one site build hand to the outputs made once for
the whole site (the kiosk, the API's root index, the handouts), and the
site-wide work any process may do while the languages are built.

The plugins keep this in one typed object, owned by the ``hanoi`` plugin,
instead of in attributes of their own that other plugins read: so that the
languages can be built in separate processes (:mod:`hanoi_info.parallel`),
each returning its part, and merged before the site-wide outputs are written.
Everything in it is plain data that pickles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class CapturedPage:
    """A page's HTML as the build of one language rendered it (sanitized, with
    the published photos' markup): the one HTML every later output starts from."""

    norm_path: str
    lang: str
    url: str  # site-relative URL in that build: "en/tourism/lake/"
    html: str
    # Site path -> source file of the local images the HTML shows, as that
    # language's build published them (a localized image included).
    files: tuple[tuple[str, str], ...] = ()


@dataclass
class LanguageResults:
    """What one or more language builds produced for the site-wide outputs."""

    # Language codes in the order they were built.
    built: list[str] = field(default_factory=list)
    # Language code -> its part of the kiosk (hanoi_info.kiosk.build.KioskPart).
    kiosk_parts: dict[str, Any] = field(default_factory=dict)
    # (norm_path, language code) -> the render jobs of a handout that prints its
    # page's text, made from the page as that language's build rendered it
    # (hanoi_info.handouts.build.page_text_jobs).
    handout_jobs: dict[tuple[str, str], list[Any]] = field(default_factory=dict)
    # The checks' answers that need a rendered page, worked out from the pages
    # as these builds rendered them (hanoi_info.checks.BuildChecks), by cache key.
    check_answers: dict[str, Any] = field(default_factory=dict)

    def of_languages(self, codes: list[str]) -> "LanguageResults":
        """The part of these results that the builds of ``codes`` produced."""
        wanted = set(codes)
        return LanguageResults(
            built=[code for code in self.built if code in wanted],
            kiosk_parts={code: part for code, part in self.kiosk_parts.items() if code in wanted},
            handout_jobs={key: jobs for key, jobs in self.handout_jobs.items() if key[1] in wanted},
            # Keyed by page text, not language: whichever build rendered the text first.
            check_answers=dict(self.check_answers),
        )

    def merge(self, other: "LanguageResults") -> None:
        self.built.extend(code for code in other.built if code not in self.built)
        self.kiosk_parts.update(other.kiosk_parts)
        self.handout_jobs.update(other.handout_jobs)
        self.check_answers.update(other.check_answers)

    def in_order(self, codes: list[str]) -> None:
        """Put the results in the site's language order, whichever process built which language."""
        self.built.sort(key=lambda code: codes.index(code) if code in codes else len(codes))


@dataclass
class SiteTasks:
    """Site-wide outputs that need no language build (for example the handouts'
    short links), registered by the plugins before the languages are built;
    whichever process is free does each one, once (hanoi_info.parallel).
    A task writes files into the staging folder and returns nothing; a build
    that has registered a task can rely on it being done once every language
    is built (a failing task stops the build)."""

    tasks: dict[str, Callable[[], None]] = field(default_factory=dict)

    def add(self, name: str, task: Callable[[], None]) -> None:
        if name in self.tasks:
            raise ValueError(f"site task {name!r} registered twice")
        self.tasks[name] = task
