"""Checks on what pages point to and how translations follow their source:

* links to pages, headings (anchors) and files that do not exist, in every
  language, resolved as MkDocs and mkdocs-static-i18n resolve them (relative to
  the file; in a translation the Vietnamese file name leads to the page in the
  translation's language, or to the Vietnamese page where it is missing);
* images that are missing, loaded from another site, or without alt text;
* raw HTML that would run or load something in the reader's browser;
* translations whose ``##`` sections, links or images no longer match their
  Vietnamese source (checked for current translations: a stale one is listed by
  ``hanoi-info status`` and shows readers a notice until it is updated).
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from hanoi_info.check_cache import CheckCache, memory_cache
from hanoi_info.corpus import Corpus, PageRecord, PageText, split_language
from hanoi_info.html_policy import Violation, page_violations
from hanoi_info.outline import MarkdownSettings, Outline, Reference, anchors_in, rendered, scan
from hanoi_info.schema import Problem

SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
WEB_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
MAX_LISTED = 8


def outline_of(record: PageRecord) -> Outline:
    return scan(record.body, record.body_line)


class AwaitingRender(Exception):
    """A check needs the rendered HTML of a page that this run may not render
    (the build's first pass: the language builds render it, see
    :func:`answers_from_html`)."""


def _rendered_keys(settings: MarkdownSettings, record: PageRecord | PageText) -> dict[str, tuple[str, ...]]:
    """The cache keys of the two checks that read a page's rendered HTML."""
    return {
        "anchors": (settings.key, record.body),
        "html-policy": (settings.key, str(record.body_line), record.body),
    }


def _rendered_answer(kind: str, record: PageRecord | PageText, output: str | None):
    if kind == "anchors":
        return anchors_in(output)
    return page_violations(record.body, record.body_line, output)


def needs_render(settings: MarkdownSettings, record: PageRecord | PageText, cache: CheckCache) -> bool:
    return not all(cache.has(kind, parts) for kind, parts in _rendered_keys(settings, record).items())


def answers_from_html(settings: MarkdownSettings, record: PageRecord | PageText, output: str) -> dict[str, object]:
    """The answers of the checks that read the rendered page, from ``output``: the
    page's HTML as a build rendered ``record.body`` with the site's Markdown
    settings (before sanitizing), keyed for :meth:`CheckCache.add`."""
    return {CheckCache.key(kind, parts): _rendered_answer(kind, record, output)
            for kind, parts in _rendered_keys(settings, record).items()}


@dataclass(frozen=True)
class Target:
    """Where a written link or image address leads inside docs/."""

    path: str  # docs-relative, normalised: "tourism/lake.md" ("" for "#anchor" alone)
    fragment: str


def is_external(address: str) -> bool:
    return address.startswith("//") or bool(SCHEME.match(address))


def resolve(record: PageRecord, address: str) -> Target | str:
    """The docs path an address leads to, or why it cannot lead anywhere."""
    if "\\" in address:
        return "use / between folders, not \\"
    path, _, fragment = address.partition("#")
    path = unquote(path.partition("?")[0])
    if path.startswith("/"):
        return "absolute address; write the path of the file relative to this page, for example ../tourism/lake.md"
    if not path:
        return Target("", fragment)
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(record.src_path), path))
    if joined == ".." or joined.startswith("../") or joined.startswith("/"):
        return "points outside docs/; link only to pages and files inside docs/"
    if path.endswith("/"):
        joined += "/"
    return Target(joined if joined != "." else "", fragment)


def _relative(from_path: str, to_path: str) -> str:
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def _localized_candidates(path: str, codes: tuple[str, ...]) -> list[str]:
    stem, extension = posixpath.splitext(path)
    return [f"{stem}.{code}{extension}" for code in codes] + [path]


class ReferenceChecker:
    def __init__(self, corpus: Corpus, docs_dir: Path, settings: MarkdownSettings, cache: CheckCache | None = None,
                 defer_rendering: bool = False):
        """``defer_rendering``: a check that needs a page's rendered HTML and finds
        no answer in ``cache`` raises :class:`AwaitingRender` instead of rendering."""
        self.defer_rendering = defer_rendering
        self.corpus = corpus
        self.docs_dir = docs_dir
        self.settings = settings
        self.cache = cache or memory_cache()
        self.shown = f"{docs_dir.name}/"
        self.codes = frozenset(language.code for language in corpus.languages)
        self.source = corpus.source_language

    # -- helpers -----------------------------------------------------------
    def _exists(self, path: str) -> bool:
        if any(part.startswith(".") for part in path.split("/")):
            return False  # hidden files are not published
        return (self.docs_dir / path).is_file()

    def _from_rendered(self, kind: str, record: PageRecord | PageText):
        parts = _rendered_keys(self.settings, record)[kind]
        if self.defer_rendering and not self.cache.has(kind, parts):
            raise AwaitingRender(record.src_path)
        return self.cache.answer(kind, parts, lambda: _rendered_answer(kind, record, rendered(record.body, self.settings)))

    def _anchors(self, record: PageRecord) -> frozenset[str]:
        return self._from_rendered("anchors", record)

    def _html_violations(self, record: PageRecord | PageText) -> list[Violation]:
        """What the sanitizer would remove from the page (raw HTML and what Markdown writes)."""
        return self._from_rendered("html-policy", record)

    def _languages_showing(self, record: PageRecord) -> list[str]:
        """The builds in which this page's text is shown: its own language, and
        for a Vietnamese page every language that has no translation of it."""
        if record.lang != self.source.code:
            return [record.lang]
        return [language.code for language in self.corpus.languages
                if self.corpus.get(record.norm_path, language.code) is None or language.is_source]

    def _suggest(self, record: PageRecord, missing: str, candidates: list[str]) -> str:
        close = difflib.get_close_matches(missing, candidates, n=1, cutoff=0.6)
        return f"; did you mean '{_relative(record.src_path, close[0])}'?" if close else ""

    # -- one page ----------------------------------------------------------
    def check_record(self, record: PageRecord | PageText) -> list[Problem]:
        outline = outline_of(record)
        problems: list[Problem] = []

        def add(line: int, message: str) -> None:
            problems.append(Problem(record.src_path, line, message))

        for line, name in outline.undefined_references:
            add(line, f"reference '[{name}]' is not defined; add a line '[{name}]: page.md' below the text or correct the name")
        for reference in outline.references:
            if reference.kind == "image":
                problems.extend(self._check_image(record, reference))
            else:
                problems.extend(self._check_link(record, reference))
        # One cause, one message: an external link or image address is judged by the
        # checks above; the HTML policy does not report it again on the same line.
        # (A data: image is not refused there, so the policy still reports it.)
        refused_addresses = {reference.line for reference in outline.references
                             if is_external(reference.target) and not reference.target.lower().startswith("data:")}
        for violation in self._html_violations(record):
            if violation.kind == "address" and violation.tag in ("a", "img") and violation.line in refused_addresses:
                continue
            add(violation.line, violation.message())
        return problems

    def _check_image(self, record: PageRecord, image: Reference) -> list[Problem]:
        problems = []
        address = image.target
        name = posixpath.basename(address.split("#")[0].split("?")[0])
        if not image.has_alt or not image.text.strip():
            problems.append(Problem(record.src_path, image.line,
                                    f"image '{address}' has no alt text; describe what it shows, in the page's language: ![description]({address})"))
        elif image.text.strip() == name or image.text.strip() == posixpath.splitext(name)[0]:
            problems.append(Problem(record.src_path, image.line,
                                    f"image '{address}': the alt text is the file name; describe what the image shows, in the page's language"))
        if not address:
            problems.append(Problem(record.src_path, image.line, "image without a file; write ![description](file.svg)"))
            return problems
        if is_external(address):
            if not address.lower().startswith("data:"):
                problems.append(Problem(record.src_path, image.line,
                                        f"image '{address[:80]}' is loaded from another site; no request may leave the site: "
                                        f"save the image next to the page in {self.shown}{posixpath.dirname(record.src_path) or '.'}/ and write its file name"))
            return problems
        target = resolve(record, address)
        if isinstance(target, str):
            problems.append(Problem(record.src_path, image.line, f"image '{address}': {target}"))
            return problems
        codes = (record.lang, self.source.code)
        if not any(self._exists(candidate) for candidate in _localized_candidates(target.path, codes)):
            problems.append(Problem(record.src_path, image.line,
                                    f"image '{address}' not found: {self.shown}{target.path} does not exist; save the image there or correct the name"))
        return problems

    def _check_link(self, record: PageRecord, link: Reference) -> list[Problem]:
        address = link.target

        def problem(message: str) -> list[Problem]:
            return [Problem(record.src_path, link.line, f"link '{address[:100]}': {message}")]

        if not address:
            return problem("empty address; write the file name of the page, for example lake.md")
        if is_external(address):
            scheme = SCHEME.match(address)
            if scheme and scheme.group(1).lower() not in WEB_SCHEMES:
                return problem(f"'{scheme.group(1)}:' addresses are not allowed; link to a page (its .md file) or a web address starting with https://")
            if address.startswith("//"):
                return problem("write the full web address, starting with https://")
            return []
        target = resolve(record, address)
        if isinstance(target, str):
            return problem(target)
        if not target.path:
            return self._check_anchor(record, link, record, target.fragment, same_page=True)
        if target.path.endswith("/") or (self.docs_dir / target.path).is_dir():
            folder = target.path.rstrip("/")
            page = f"{folder}/index.md"
            fix = f"link to its page '{_relative(record.src_path, page)}'" if self._exists(page) else "link to a page file (.md)"
            return problem(f"is a folder; {fix}")
        if target.path.endswith(".md"):
            norm, lang = split_language(target.path, self.codes, self.source.code)
            if lang != self.source.code:
                return problem(
                    f"link to the Vietnamese file name '{_relative(record.src_path, norm)}' instead; "
                    "the build leads each reader to the page in their language"
                )
            if self.corpus.get(norm, self.source.code) is None:
                if self._exists(norm):
                    return []  # the page has problems of its own, reported on it
                suggestion = self._suggest(record, norm, self.corpus.source_paths())
                return problem(f"no such page: {self.shown}{norm} does not exist{suggestion}")
            if not target.fragment:
                return []
            problems: list[Problem] = []
            seen: set[str] = set()
            for code in self._languages_showing(record):
                page = self.corpus.get(norm, code) or self.corpus.get(norm, self.source.code)
                assert page is not None
                if page.src_path in seen:
                    continue
                seen.add(page.src_path)
                shown_in = None if code == record.lang else self.corpus.language(code)
                problems += self._check_anchor(record, link, page, target.fragment, shown_in=shown_in)
            return problems
        codes = (record.lang, self.source.code)
        if not any(self._exists(candidate) for candidate in _localized_candidates(target.path, codes)):
            return problem(f"file not found: {self.shown}{target.path} does not exist")
        return []

    def _check_anchor(self, record: PageRecord, link: Reference, page: PageRecord, fragment: str,
                      same_page: bool = False, shown_in=None) -> list[Problem]:
        if not fragment:
            return []
        ids = self._anchors(page)
        if unquote(fragment) in ids:
            return []
        listed = ", ".join(sorted(ids)[:MAX_LISTED]) + (", ..." if len(ids) > MAX_LISTED else "")
        known = f"; its anchors are: {listed}" if ids else "; it has no headings to link to"
        where = "this page" if same_page else f"{self.shown}{page.src_path}"
        if shown_in is not None:
            message = (
                f"this page is shown untranslated in {shown_in.native_name}, where the link leads to {where}, "
                f"which has no anchor '#{fragment}'{known}. Give the heading the same explicit id in every language: "
                f"'## Heading {{#{fragment}}}'"
            )
        else:
            message = f"{where} has no heading with the anchor '#{fragment}'{known}"
        return [Problem(record.src_path, link.line, f"link '{link.target[:100]}': {message}")]

    # -- translations against their source ----------------------------------
    def _internal_targets(self, record: PageRecord, references: tuple[Reference, ...]) -> dict[str, list[Reference]]:
        targets: dict[str, list[Reference]] = {}
        for reference in references:
            if not reference.target or is_external(reference.target):
                continue
            target = resolve(record, reference.target)
            if isinstance(target, str) or not target.path:
                continue
            targets.setdefault(target.path, []).append(reference)
        return targets

    def check_structure(self, record: PageRecord) -> list[Problem]:
        source = self.corpus.get(record.norm_path, self.source.code)
        if source is None or record.lang == self.source.code or self.corpus.status(record.norm_path, record.lang) != "current":
            return []
        mine, theirs = outline_of(record), outline_of(source)
        problems: list[Problem] = []
        source_name = f"{self.shown}{source.src_path}"
        my_sections = [heading for heading in mine.headings if heading.level == 2]
        their_sections = [heading for heading in theirs.headings if heading.level == 2]
        same_sections = len(my_sections) == len(their_sections)
        if not same_sections:
            listed = "; ".join(f"## {heading.text}" for heading in their_sections[:MAX_LISTED])
            if len(my_sections) > len(their_sections):
                line = my_sections[len(their_sections)].line
            else:
                line = my_sections[-1].line if my_sections else record.body_line
            problems.append(Problem(
                record.src_path, line,
                f"structure: {len(my_sections)} '##' headings, but the Vietnamese page {source_name} has "
                f"{len(their_sections)}" + (f" ({listed})" if listed else "") + "; translate every section, in the same order",
            ))

        for kind, mine_refs, their_refs in (("link", mine.links, theirs.links), ("image", mine.images, theirs.images)):
            my_targets = self._internal_targets(record, mine_refs)
            their_targets = self._internal_targets(source, their_refs)
            for path in sorted(set(their_targets) - set(my_targets)):
                first = their_targets[path][0]
                section = theirs.section_of(first.line)
                line = my_sections[section - 1].line if same_sections and section else record.body_line
                problems.append(Problem(
                    record.src_path, line,
                    f"structure: the Vietnamese page has the {kind} '{first.target}' (line {first.line}) and this "
                    f"translation does not; keep the same {kind}s as the source",
                ))
            for path in sorted(set(my_targets) - set(their_targets)):
                first = my_targets[path][0]
                problems.append(Problem(
                    record.src_path, first.line,
                    f"structure: {kind} '{first.target}' is not in the Vietnamese page {source_name}; keep the same "
                    f"{kind}s as the source (add it there first)",
                ))
            if not same_sections:
                continue
            for path in sorted(set(my_targets) & set(their_targets)):
                expected = {theirs.section_of(item.line) for item in their_targets[path]}
                for item in my_targets[path]:
                    section = mine.section_of(item.line)
                    if section not in expected:
                        wanted = min(expected)
                        where = f"'## {their_sections[wanted - 1].text}'" if wanted else "the introduction"
                        problems.append(Problem(
                            record.src_path, item.line,
                            f"structure: {kind} '{item.target}' is in section {section} here but in section {wanted} "
                            f"({where}) of the Vietnamese page; keep the sections in the same order",
                        ))
                        break
        return problems


def check_references(corpus: Corpus, docs_dir: Path, settings: MarkdownSettings,
                     cache: CheckCache | None = None) -> list[Problem]:
    """Links, anchors, images and raw HTML of every page in every language."""
    problems, _ = references_awaiting_render(corpus, docs_dir, settings, cache)
    return problems


def references_awaiting_render(
    corpus: Corpus, docs_dir: Path, settings: MarkdownSettings, cache: CheckCache | None = None, *,
    defer_rendering: bool = False, only: Iterable[tuple[str, str]] | None = None,
) -> tuple[list[Problem], set[tuple[str, str]]]:
    """:func:`check_references` of the texts ``only`` (default: all); with
    ``defer_rendering``, the texts whose checks need a page not yet rendered
    are left out of the problems and returned (keys of ``corpus.texts``)."""
    checker = ReferenceChecker(corpus, docs_dir, settings, cache, defer_rendering=defer_rendering)
    problems: set[Problem] = set()
    awaiting: set[tuple[str, str]] = set()
    for key in sorted(corpus.texts if only is None else only):
        try:
            problems.update(checker.check_record(corpus.texts[key]))
        except AwaitingRender:
            awaiting.add(key)
    return sorted(problems), awaiting


def check_structure(corpus: Corpus, docs_dir: Path, settings: MarkdownSettings) -> list[Problem]:
    """Current translations whose sections, links or images differ from their source."""
    checker = ReferenceChecker(corpus, docs_dir, settings)
    problems: list[Problem] = []
    for record in corpus.records():
        problems.extend(checker.check_structure(record))
    return sorted(problems)
