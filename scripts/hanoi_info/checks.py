"""``hanoi-info check``: every content problem in one run, one line each.

The same checks run in the build (the ``hanoi-editorial`` plugin) with the same
messages, so that what ``check`` reports is exactly what stops a build:

* pages: front matter, file names and languages, duplicate pages and ids,
  symbolic links (:mod:`hanoi_info.corpus`, :mod:`hanoi_info.schema`);
* permanent page ids against ``data/page-ids.yml`` (:mod:`hanoi_info.page_ids`);
* links, anchors, images and raw HTML in every language, and translations
  whose structure no longer matches their source (:mod:`hanoi_info.references`);
* names spelled otherwise than the glossary (:mod:`hanoi_info.glossary`);
* each language's rules: typography, script, forbidden terms, in the pages and
  the catalogs (:mod:`hanoi_info.language_rules`, data in ``data/language-rules/``);
* untranslated, fuzzy or missing UI-catalog entries (:mod:`hanoi_info.catalogs`).

Only bookkeeping that does not change what readers get is left out of the
build: a new page id not yet recorded in ``data/page-ids.yml`` (or the file
missing altogether). ``check`` reports it so that CI asks for the commit.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from hanoi_info.catalogs import check_catalog, read_template
from hanoi_info.corpus import Corpus, load_corpus
from hanoi_info.check_cache import CheckCache, ReportCache, files_state, fingerprint
from hanoi_info.glossary import GlossaryError, check_corpus, load_glossary
from hanoi_info.language_rules import RULES_FOLDER, check_project as check_language_rules
from hanoi_info.outline import MarkdownSettings
from hanoi_info.page_ids import LockError, check_ids, lock_path, read_lock
from hanoi_info.pictures.library import check_pictures
from hanoi_info.project import Project
from hanoi_info.references import answers_from_html, check_structure, needs_render, references_awaiting_render
from hanoi_info.schema import Problem

CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


@dataclass
class CheckReport:
    build: list[Problem] = field(default_factory=list)  # what stops the build
    bookkeeping: list[Problem] = field(default_factory=list)  # reported by 'check' only

    @property
    def problems(self) -> list[Problem]:
        return sorted(set(self.build) | set(self.bookkeeping))


def shown_path(path: Path | str, project: Project) -> str:
    """How a file is named in messages: relative to the project's folder."""
    path = Path(path)
    if not path.is_absolute():
        return path.as_posix()
    try:
        return path.relative_to(project.root).as_posix()
    except ValueError:
        return Path(os.path.relpath(path, project.root)).as_posix()


def markdown_settings(project: Project) -> MarkdownSettings:
    """The Markdown extensions of the project's mkdocs.yml (as MkDocs applies them)."""
    return project.markdown


def answers_cache(project: Project, salt: str) -> CheckCache:
    """The per-page answers of earlier runs (hanoi_info.check_cache), valid for
    this project's rule data and Markdown settings (``salt``: :func:`checks_salt`)."""
    path = project.checks_cache_dir / "answers.pickle" if project.checks_cache_dir else None
    return CheckCache(path, salt)


def checks_salt(project: Project, markdown: MarkdownSettings) -> str:
    rule_files = [path for folder in ("glossary", RULES_FOLDER) if (project.data_dir / folder).is_dir()
                  for path in (project.data_dir / folder).rglob("*") if path.is_file()]
    return fingerprint(rule_files, markdown.key)


def inputs_state(project: Project, salt: str) -> str:
    """Everything a run of the checks reads: the pages and their files, the
    data, the catalogs, the configuration as loaded, the code and rules (``salt``)."""
    folders = [folder for folder in (project.docs_dir, project.data_dir, project.locales_dir) if folder.is_dir()]
    files = [project.config_file, *([project.qr_registry] if project.qr_registry else [])]
    # Where the build writes is no input: a build's staging folder has a new name each time.
    settings = replace(project, site_dir=Path(), kiosk_dir=None)
    return files_state(folders, files, extra=f"{salt}\0{settings!r}")


def collect(project: Project, *, corpus: Corpus | None = None, markdown: MarkdownSettings | None = None) -> CheckReport:
    if markdown is None:
        markdown = markdown_settings(project)
    salt = checks_salt(project, markdown)
    reports = ReportCache(project.checks_cache_dir / "report.pickle" if project.checks_cache_dir else None)
    state = inputs_state(project, salt)
    stored = reports.load(state)
    if isinstance(stored, CheckReport):
        return stored
    report = _collect(project, corpus, markdown, answers_cache(project, salt))
    reports.save(state, report)
    return report


class BuildChecks:
    """The checks of one build, in two passes, so that the build renders each
    page once (in MkDocs, in its language build) and the checks render none:

    * :meth:`start`, before any language is built: every check, except those of
      texts whose links or HTML need a page that no earlier run rendered (its
      anchors, what its Markdown writes). A problem found here stops the build
      at once; the checks then render what they still need, so that the build
      reports exactly what ``hanoi-info check`` reports.
    * :meth:`take_rendered` in the language builds: the answers those checks
      need, from each page's HTML as MkDocs rendered it (before sanitizing).
    * :meth:`finish`, once every language is built and before anything is
      published: the checks left out, on those answers (a page no build
      rendered, in a one-language preview, is rendered by the checks).
    """

    def __init__(self, project: Project, corpus: Corpus, markdown: MarkdownSettings) -> None:
        self.project = project
        self.corpus = corpus
        self.markdown = markdown
        salt = checks_salt(project, markdown)
        self._reports = ReportCache(project.checks_cache_dir / "report.pickle" if project.checks_cache_dir else None)
        self._state = inputs_state(project, salt)
        self.cache = answers_cache(project, salt)
        # Keys of corpus.texts whose link and HTML checks wait for the language builds.
        self.awaiting: set[tuple[str, str]] = set()
        self.report = CheckReport()
        self._texts_by_file = {text.src_path: text for text in corpus.texts.values()}

    def start(self) -> CheckReport:
        stored = self._reports.load(self._state)
        if isinstance(stored, CheckReport):
            self.report = stored
            return stored
        self.report = _collect(self.project, self.corpus, self.markdown, self.cache, awaiting=self.awaiting)
        if self.report.build and self.awaiting:
            return self.finish({})  # stopping anyway: report everything, as 'check' does
        if not self.awaiting:
            self._reports.save(self._state, self.report)
        return self.report

    def take_rendered(self, src_path: str, markdown: str, output: str) -> dict[str, object]:
        """The answers awaited from a page that a language build rendered from
        ``markdown`` into ``output`` (nothing when its text is not the one the
        checks read: a plugin changed it before rendering)."""
        record = self._texts_by_file.get(src_path)
        if record is None:
            return {}
        # MkDocs drops the blank lines after the front matter, a plugin may drop
        # the last line break; Markdown renders neither to anything.
        if markdown.strip("\n") != record.body.strip("\n") or not needs_render(self.markdown, record, self.cache):
            return {}
        return answers_from_html(self.markdown, record, output)

    def finish(self, answers: dict[str, object]) -> CheckReport:
        if not self.awaiting:
            return self.report
        self.cache.add(answers)
        problems, _ = references_awaiting_render(self.corpus, self.project.docs_dir, self.markdown, self.cache,
                                                 only=sorted(self.awaiting))
        self.cache.save()
        docs = shown_path(self.project.docs_dir, self.project) + "/"
        report = self.report
        report.build = sorted(set(report.build) | {Problem(docs + p.path, p.line, p.message) for p in problems})
        report.bookkeeping = sorted(set(report.bookkeeping) - set(report.build))
        self.awaiting = set()
        self._reports.save(self._state, report)
        return report


def _collect(project: Project, corpus: Corpus | None, markdown: MarkdownSettings, cache: CheckCache,
             awaiting: set[tuple[str, str]] | None = None) -> CheckReport:
    """Every check; with ``awaiting`` (a set to fill), the link and HTML checks
    of texts that need a page not yet rendered are left out and named there."""
    report = CheckReport()
    if corpus is None:
        corpus = load_corpus(project.docs_dir, project.languages)
    docs = shown_path(project.docs_dir, project) + "/"

    def in_docs(problems: list[Problem]) -> list[Problem]:
        return [Problem(docs + problem.path, problem.line, problem.message) for problem in problems]

    report.build += in_docs(corpus.problems)
    references, left = references_awaiting_render(corpus, project.docs_dir, markdown, cache,
                                                   defer_rendering=awaiting is not None)
    if awaiting is not None:
        awaiting |= left
    report.build += in_docs(references)
    report.build += in_docs(check_structure(corpus, project.docs_dir, markdown))
    report.build += check_place_pages(project, corpus, in_docs)
    report.build += in_docs(check_pictures(corpus, project.docs_dir, project.data_dir))

    lock_file = lock_path(project.data_dir)
    lock_shown = shown_path(lock_file, project)
    if lock_file.exists():
        try:
            lock = read_lock(lock_file, lock_shown)
        except LockError as error:
            report.build += error.problems
        else:
            errors, unrecorded = check_ids(corpus, lock, project.docs_dir, lock_shown, docs)
            report.build += errors
            report.bookkeeping += unrecorded
    else:
        report.bookkeeping.append(Problem(
            lock_shown, 1,
            "missing: the list of permanent page ids; create it with 'hanoi-info ids --update' and commit it",
        ))

    codes = [language.code for language in project.languages]
    try:
        glossary = load_glossary(project.data_dir / "glossary", codes, display_root=project.root)
    except GlossaryError as error:
        report.build += [Problem(shown_path(p.path, project), p.line, p.message) for p in error.problems]
    else:
        report.build += in_docs(check_corpus(corpus, glossary, cache))
    report.build += check_language_rules(project, corpus, cache)
    cache.save()

    try:
        template = read_template(project.locales_dir)
    except FileNotFoundError:
        template = None
        report.build.append(Problem(shown_path(project.locales_dir / "messages.pot", project), 1,
                                    "missing: run 'hanoi-info catalogs' to extract the UI strings"))
    for language in project.languages:
        catalog = check_catalog(project.locales_dir, language, template)
        report.build += [Problem(shown_path(p.path, project), p.line, p.message) for p in catalog.problems]
    # The handouts plugin stops the build on these itself; 'check' lists them too.
    report.bookkeeping += check_qr_registry(project, corpus)
    report.build = sorted(set(report.build))
    report.bookkeeping = sorted(set(report.bookkeeping) - set(report.build))
    return report


def check_place_pages(project: Project, corpus: Corpus, in_docs) -> list[Problem]:
    """Place pages without coordinates, coordinates outside Hà Nội (data/places.yml)."""
    from hanoi_info.places import PlaceRulesError, check_places, load_rules

    try:
        rules = load_rules(project.data_dir)
    except PlaceRulesError as error:
        return [Problem(shown_path(project.data_dir / "places.yml", project), 1, str(error))]
    return in_docs(check_places(corpus, rules, project.docs_dir))


def check_qr_registry(project: Project, corpus: Corpus) -> list[Problem]:
    """Issued QR codes that no longer lead anywhere (data/qr-registry.yml)."""
    from hanoi_info.handouts.plan import short_links
    from hanoi_info.handouts.registry import RegistryError, load_registry, resolve

    path = project.data_dir / "qr-registry.yml"
    if not path.exists():
        return []
    shown = shown_path(path, project)
    codes = tuple(language.code for language in project.languages)
    try:
        registry = load_registry(path, codes)
    except RegistryError as error:
        return [Problem(shown, 1, str(error))]
    _, messages = resolve(registry, corpus, short_links(corpus, codes), codes, site_name="")
    lines = path.read_text(encoding="utf-8").splitlines()

    def line_of(message: str) -> int:
        code = re.search(r"QR code '([^']+)'", message)
        for number, line in enumerate(lines, start=1):
            if code and re.search(rf"\bcode:\s*['\"]?{re.escape(code.group(1))}\b", line):
                return number
        return 1

    return [Problem(shown, line_of(message), message) for message in messages]


def run_checks(project: Project, *, corpus: Corpus | None = None, markdown: MarkdownSettings | None = None,
               scope: str = "all") -> list[Problem]:
    """Every problem (``scope="all"``, what ``hanoi-info check`` prints) or
    those that stop the build (``scope="build"``)."""
    report = collect(project, corpus=corpus, markdown=markdown)
    return report.build if scope == "build" else report.problems


def _one_line(text: str) -> str:
    return CONTROL.sub(lambda match: f"\\x{ord(match.group(0)):02x}" if ord(match.group(0)) < 0x100
                       else f"\\u{ord(match.group(0)):04x}", text)


def format_problem(problem: Problem) -> str:
    return f"{_one_line(problem.path)}:{problem.line}: {_one_line(problem.message)}"


def format_problems(problems: list[Problem], output_format: str = "text") -> str:
    if output_format == "json":
        return json.dumps(
            [{"path": p.path, "line": p.line, "message": p.message} for p in problems], ensure_ascii=False, indent=2
        )
    return "\n".join(format_problem(problem) for problem in problems)


def build_failure_message(problems: list[Problem]) -> str:
    return (
        f"the content has {len(problems)} problem(s); fix them and build again "
        "('hanoi-info check' lists them too):\n" + format_problems(problems)
    )
