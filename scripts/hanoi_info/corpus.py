"""The content tree as data: every page in every language, validated, with
its translation status. Pure Python (no MkDocs), shared by the build, the CLI
and every output (handouts, kiosk, feeds)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Iterator, Literal

from hanoi_info.content import FrontMatterError, source_hash, split_front_matter
from hanoi_info.languages import Language
from hanoi_info.schema import HELD_SOURCES_DIR, PageMeta, Problem, field_line, front_matter_lines, validate_meta

MAX_PAGE_BYTES = 1_000_000
Status = Literal["source", "current", "stale", "missing"]


@dataclass(frozen=True)
class PageRecord:
    src_path: str  # path below docs/, as written: "tourism/hoan-kiem-lake.en.md"
    norm_path: str  # the source's path, shared by all languages: "tourism/hoan-kiem-lake.md"
    lang: str
    meta: PageMeta
    body: str
    body_line: int


@dataclass(frozen=True)
class PageText:
    """A page's Markdown, also for pages whose front matter is invalid: their
    links and images are still checked, so that one run reports everything."""

    src_path: str
    norm_path: str
    lang: str
    body: str
    body_line: int


def page_url(norm_path: str, language: Language) -> str:
    """Site-relative URL of a page with directory URLs: "en/tourism/hoan-kiem-lake/"."""
    path = PurePosixPath(norm_path)
    parts = list(path.parent.parts) if str(path.parent) != "." else []
    if path.stem not in ("index", "README"):
        parts.append(path.stem)
    tail = "/".join(parts)
    return language.url_prefix + (tail + "/" if tail else "")


# What a language suffix looks like: "de", "pt-BR", "zh_CN", "EN" (the file name's
# second-to-last dotted part). Anything else with a dot is a misnamed file.
LANGUAGE_SUFFIX = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def file_name_problem(src_path: str, languages: tuple[Language, ...]) -> str | None:
    """Why a page's file name cannot be placed: a language suffix that is not one
    of the site's languages ("lake.de.md") or a stray dot ("lake.v2.md").
    Without this check such a file would silently become a Vietnamese page."""
    name = PurePosixPath(src_path).name
    parts = name.split(".")
    if len(parts) < 3:
        return None
    suffix, stem = parts[-2], ".".join(parts[:-2])
    codes = [language.code for language in languages]
    if suffix in codes:
        if "." in stem:
            return f"file name has a dot before the language; name pages <slug>.md or <slug>.<language>.md, for example {stem.replace('.', '-')}.{suffix}.md"
        return None
    listed = ", ".join(codes)
    if LANGUAGE_SUFFIX.match(suffix):
        if suffix.lower() in codes:
            return f"language code '{suffix}' must be written in lower case: rename the file {stem}.{suffix.lower()}.md"
        return (
            f"unknown language '{suffix}' in the file name; this site's languages are {listed} "
            f"(mkdocs.yml, plugins.hanoi-i18n.languages): rename the file ({stem}.md for Vietnamese, "
            f"{stem}.{codes[1] if len(codes) > 1 else codes[0]}.md ...) or add '{suffix}' to that list"
        )
    return f"file name has a dot; name pages <slug>.md or <slug>.<language>.md with a slug of lower-case words joined by hyphens, for example {'-'.join(parts[:-1])}.md"


def split_language(src_path: str, codes: frozenset[str], source_code: str) -> tuple[str, str]:
    """("tourism/x.en.md", ...) -> ("tourism/x.md", "en"); unsuffixed files are the source."""
    path = PurePosixPath(src_path)
    suffixes = path.name.split(".")
    if len(suffixes) >= 3 and suffixes[-2] in codes:
        norm = path.with_name(".".join(suffixes[:-2] + [suffixes[-1]]))
        return norm.as_posix(), suffixes[-2]
    return path.as_posix(), source_code


@dataclass
class Corpus:
    languages: tuple[Language, ...]
    pages: dict[tuple[str, str], PageRecord] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    source_hashes: dict[str, str] = field(default_factory=dict)
    texts: dict[tuple[str, str], PageText] = field(default_factory=dict)

    @property
    def source_language(self) -> Language:
        return self.languages[0]

    def language(self, code: str) -> Language:
        for language in self.languages:
            if language.code == code:
                return language
        raise KeyError(code)

    def source_paths(self) -> list[str]:
        return sorted(norm for norm, lang in self.pages if lang == self.source_language.code)

    def get(self, norm_path: str, lang: str) -> PageRecord | None:
        return self.pages.get((norm_path, lang))

    def status(self, norm_path: str, lang: str) -> Status:
        if lang == self.source_language.code:
            return "source"
        page = self.pages.get((norm_path, lang))
        if page is None:
            return "missing"
        return "current" if page.meta.source_hash == self.source_hashes.get(norm_path) else "stale"

    def translated_languages(self, norm_path: str) -> list[str]:
        """Languages the page is really written in (source first), in site order."""
        return [language.code for language in self.languages if (norm_path, language.code) in self.pages]

    def records(self, lang: str | None = None) -> Iterator[PageRecord]:
        for key in sorted(self.pages):
            if lang is None or key[1] == lang:
                yield self.pages[key]


def symlink_problem(path: Path, relative: str, docs_dir: Path) -> Problem | None:
    """MkDocs follows symbolic links and would publish whatever they point to."""
    if not path.is_symlink():
        return None
    target = Path(os.path.realpath(path))
    root = Path(os.path.realpath(docs_dir))
    if not target.exists():
        return Problem(relative, 1, "symbolic link to a file that does not exist; replace the link with the file itself")
    if target.is_dir():
        return Problem(relative, 1, "symbolic link to a folder; MkDocs would publish its files as well: move the files here instead")
    if root not in target.parents:
        return Problem(relative, 1, "symbolic link points outside docs/; replace it with the file itself")
    return None


def _read_text(path: Path, relative: str, docs_dir: Path) -> tuple[str | None, Problem | None]:
    problem = symlink_problem(path, relative, docs_dir)
    if problem is not None:
        return None, problem
    try:
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:
            return None, Problem(
                relative, 1,
                f"file is {size / 1_000_000:.1f} MB; a page may be at most {MAX_PAGE_BYTES // 1_000_000} MB: split it into several pages",
            )
        data = path.read_bytes()
    except OSError as error:
        return None, Problem(relative, 1, f"cannot be read: {error.strerror}")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, Problem(relative, line, "not UTF-8 text; save the file with UTF-8 encoding")


@dataclass(frozen=True)
class HeldSources:
    """The folder of held documents and the files in it: a page's ``held:``
    source is valid only if its file is there."""

    folder: Path
    names: frozenset[str]

    @classmethod
    def of(cls, folder: Path) -> "HeldSources":
        try:
            names = frozenset(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())
        except OSError:
            names = frozenset()
        return cls(folder, names)


@dataclass(frozen=True)
class PageRead:
    """What one file says on its own: its text, its record (``None`` with
    problems), the lines of its id and topic, and its source hash (Vietnamese)."""

    text: PageText | None
    record: PageRecord | None
    problems: tuple[Problem, ...]
    field_lines: dict[str, int]
    source_hash: str | None


# The last reading of each file in this process, by its path: an editor's
# preview (hanoi-info serve) loads the corpus for every rebuild, and parsing
# and validating the front matter of the real site's 216 files took 0.25 s of
# each, though one file changed. Everything a reading depends on is in its key.
_LAST_READ: dict[str, tuple[tuple, PageRead]] = {}


def read_page(relative: str, norm: str, language: Language, text: str, held_sources: HeldSources) -> PageRead:
    key = (norm, language, text, held_sources)
    last = _LAST_READ.get(relative)
    if last is not None and last[0] == key:
        return last[1]
    page = _read_page(relative, norm, language, text, held_sources.folder)
    _LAST_READ[relative] = (key, page)
    return page


def _read_page(relative: str, norm: str, language: Language, text: str, held_sources_dir: Path) -> PageRead:
    try:
        raw_page = split_front_matter(text)
    except FrontMatterError as error:
        return PageRead(None, None, (Problem(relative, error.line, str(error)),), {}, None)
    page_text = PageText(relative, norm, language.code, raw_page.body, raw_page.body_line)
    meta, problems = validate_meta(
        raw_page.meta, path=relative, text=text, is_translation=not language.is_source, is_cjk=language.is_cjk,
        held_sources_dir=held_sources_dir,
    )
    if problems:
        return PageRead(page_text, None, tuple(problems), {}, None)
    assert meta is not None
    front_lines = front_matter_lines(text)
    return PageRead(
        page_text,
        PageRecord(relative, norm, language.code, meta, raw_page.body, raw_page.body_line),
        (),
        {name: field_line(front_lines, name) for name in ("id", "topic")},
        source_hash(raw_page.meta, raw_page.body) if language.is_source else None,
    )


def load_corpus(docs_dir: Path, languages: tuple[Language, ...]) -> Corpus:
    corpus = Corpus(languages=languages)
    codes = frozenset(language.code for language in languages)
    source_code = languages[0].code
    by_id: dict[str, str] = {}
    seen_paths: dict[tuple[str, str], str] = {}
    field_lines: dict[str, dict[str, int]] = {}
    shown = f"{docs_dir.name}/"  # how messages name other files: "docs/tourism/lake.md"
    held_sources = HeldSources.of(docs_dir.parent / HELD_SOURCES_DIR)

    for root, dirs, files in os.walk(docs_dir):
        # MkDocs leaves out only hidden files and folders; everything else is published.
        kept = []
        for name in sorted(d for d in dirs if not d.startswith(".")):
            path = Path(root) / name
            problem = symlink_problem(path, path.relative_to(docs_dir).as_posix(), docs_dir)
            if problem:
                corpus.problems.append(problem)
            else:
                kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            relative = path.relative_to(docs_dir).as_posix()
            if not name.endswith(".md"):
                problem = symlink_problem(path, relative, docs_dir)
                if problem:
                    corpus.problems.append(problem)
                continue
            naming = file_name_problem(relative, languages)
            if naming:
                corpus.problems.append(Problem(relative, 1, naming))
                continue
            text, problem = _read_text(path, relative, docs_dir)
            if problem:
                corpus.problems.append(problem)
                continue
            assert text is not None
            norm, lang = split_language(relative, codes, source_code)
            if (norm, lang) in seen_paths:
                corpus.problems.append(
                    Problem(relative, 1, f"same page and language as {shown}{seen_paths[(norm, lang)]}; "
                            "Vietnamese pages have no language suffix: keep one of the two files")
                )
                continue
            seen_paths[(norm, lang)] = relative
            page = read_page(relative, norm, corpus.language(lang), text, held_sources)
            if page.text is not None:
                corpus.texts[(norm, lang)] = page.text
            if page.problems:
                corpus.problems.extend(page.problems)
                continue
            record = page.record
            assert record is not None
            field_lines[relative] = page.field_lines
            corpus.pages[(norm, lang)] = record
            meta = record.meta
            if page.source_hash is not None:
                corpus.source_hashes[norm] = page.source_hash
                if meta.id in by_id:
                    corpus.problems.append(
                        Problem(relative, field_lines[relative]["id"],
                                f"id: '{meta.id}' is already used by {shown}{by_id[meta.id]}; every page needs its own id")
                    )
                by_id[meta.id] = relative

    for (norm, lang), record in sorted(corpus.pages.items()):
        if lang == source_code:
            continue
        source = corpus.pages.get((norm, source_code))
        if source is None and (norm, source_code) in seen_paths:
            continue  # the Vietnamese page exists but is broken: its own message is the one cause
        if source is None:
            corpus.problems.append(
                Problem(record.src_path, 1, f"translation without a Vietnamese page: create {shown}{norm} or rename this file")
            )
            continue
        for name in ("id", "topic"):
            if getattr(record.meta, name) != getattr(source.meta, name):
                corpus.problems.append(
                    Problem(
                        record.src_path,
                        field_lines[record.src_path][name],
                        f"{name}: '{getattr(record.meta, name)}' differs from the Vietnamese page's "
                        f"'{getattr(source.meta, name)}'; a translation keeps the source's {name}",
                    )
                )
    corpus.problems.sort()
    return corpus
