"""Permanent page ids: ``data/page-ids.yml``, committed, lists every page id
with the Vietnamese file that carries it.

A page's ``id`` ends up in printed QR codes, kiosk links, embeds and feeds, so it
must never change silently. The check compares the pages with this file: an id
that disappeared or a file whose id changed is an error (with the fix); a new
page's id is recorded with ``hanoi-info ids --update``, which rewrites the
file from the pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from hanoi_info.corpus import Corpus
from hanoi_info.schema import field_line, ID_PATTERN, Problem, ProblemsError

LOCK_FILE = "page-ids.yml"
HEADER = """\
# Permanent page ids: id -> the Vietnamese page (below docs/) that carries it.
# Printed QR codes, kiosk links, embeds and feeds depend on these ids, so
# 'hanoi-info check' and the build fail when an id listed here disappears or a
# file's id changes. After adding, moving or (deliberately) removing a page run
#   hanoi-info ids --update
# and commit this file with the pages. Do not edit it by hand.
"""
_LINE = re.compile(r"^([a-z0-9-]+):")


class LockError(ProblemsError):
    """The list of permanent page ids cannot be read or does not match the pages."""


@dataclass(frozen=True)
class Lock:
    ids: dict[str, str]  # id -> docs-relative path of the Vietnamese page
    lines: dict[str, int]  # id -> line in the file


def lock_path(data_dir: Path) -> Path:
    return data_dir / LOCK_FILE


def read_lock(path: Path, shown: str) -> Lock:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise LockError([Problem(shown, 1, "not UTF-8 text; run 'hanoi-info ids --update' to rewrite it")]) from None
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    except (yaml.YAMLError, ValueError, RecursionError) as error:
        mark = getattr(error, "problem_mark", None)
        raise LockError([Problem(shown, mark.line + 1 if mark else 1,
                                 "not valid YAML; restore it from git or run 'hanoi-info ids --update'")]) from None
    if not isinstance(data, dict):
        raise LockError([Problem(shown, 1, "expected 'id: path' lines; restore it from git or run 'hanoi-info ids --update'")])
    problems = []
    ids: dict[str, str] = {}
    for key, value in data.items():
        if not isinstance(key, str) or not ID_PATTERN.match(key) or not isinstance(value, str) or not value.endswith(".md"):
            problems.append(Problem(shown, 1, f"entry {key!r:.40}: expected 'page-id: folder/page.md'; restore it from git"))
            continue
        ids[key] = value
    if problems:
        raise LockError(problems)
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _LINE.match(line)
        if match and match.group(1) in ids:
            lines.setdefault(match.group(1), number)
    return Lock(ids, lines)


def current_ids(corpus: Corpus) -> dict[str, str]:
    """id -> docs-relative path of every Vietnamese page."""
    return {record.meta.id: record.src_path for record in corpus.records(corpus.source_language.code)}


def render_lock(ids: dict[str, str]) -> str:
    body = "".join(f"{page_id}: {ids[page_id]}\n" for page_id in sorted(ids))
    return HEADER + body


def write_lock(path: Path, ids: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(render_lock(ids), encoding="utf-8")
    temporary.replace(path)


@dataclass(frozen=True)
class IdChanges:
    added: dict[str, str]
    removed: dict[str, str]
    moved: dict[str, tuple[str, str]]  # id -> (old path, new path)

    def lines(self, docs: str = "docs/") -> list[str]:
        return (
            [f"added    {page_id}  {docs}{path}" for page_id, path in sorted(self.added.items())]
            + [f"moved    {page_id}  {docs}{old} -> {docs}{new}" for page_id, (old, new) in sorted(self.moved.items())]
            + [f"removed  {page_id}  {docs}{path}" for page_id, path in sorted(self.removed.items())]
        )


def compare(lock: dict[str, str], current: dict[str, str]) -> IdChanges:
    return IdChanges(
        added={page_id: path for page_id, path in current.items() if page_id not in lock},
        removed={page_id: path for page_id, path in lock.items() if page_id not in current},
        moved={page_id: (lock[page_id], path) for page_id, path in current.items() if page_id in lock and lock[page_id] != path},
    )


def check_ids(corpus: Corpus, lock: Lock, docs_dir: Path, lock_shown: str, docs_shown: str) -> tuple[list[Problem], list[Problem]]:
    """(errors, unrecorded): ids that disappeared or changed, which the build
    refuses; and new ids not yet recorded, which only ``check`` reports."""
    current = current_ids(corpus)
    by_path = {record.src_path: record.meta.id for record in corpus.records(corpus.source_language.code)}
    errors: list[Problem] = []
    unrecorded: list[Problem] = []
    changed_paths: set[str] = set()
    readable = set(by_path)
    for page_id, old_path in sorted(lock.ids.items()):
        if page_id in current:
            continue
        if old_path not in readable and (docs_dir / old_path).is_file():
            continue  # the page is there but cannot be read: its own problem is reported
        new_id = by_path.get(old_path)
        if new_id is not None:
            changed_paths.add(old_path)
            line = _id_line(docs_dir / old_path)
            errors.append(Problem(
                f"{docs_shown}{old_path}", line,
                f"id: changed from '{page_id}' to '{new_id}'; page ids are permanent (printed QR codes, kiosk links and "
                f"embeds use them): write 'id: {page_id}' again. If this really is another page, run "
                f"'hanoi-info ids --update' and commit {lock_shown}",
            ))
            continue
        errors.append(Problem(
            lock_shown, lock.lines.get(page_id, 1),
            f"page id '{page_id}' ({docs_shown}{old_path}) no longer exists; page ids are permanent: restore the page, "
            f"or give the page that replaces it 'id: {page_id}'. If the page was removed on purpose, run "
            f"'hanoi-info ids --update' and commit {lock_shown}",
        ))
    for page_id, path in sorted(current.items()):
        if page_id not in lock.ids and path not in changed_paths:
            unrecorded.append(Problem(
                f"{docs_shown}{path}", _id_line(docs_dir / path),
                f"id: '{page_id}' is new; record it with 'hanoi-info ids --update' and commit {lock_shown}",
            ))
    return errors, unrecorded


def _id_line(path: Path) -> int:
    try:
        lines = path.read_text(encoding="utf-8").split("\n")[1:]
    except (OSError, UnicodeDecodeError):
        return 1
    return field_line(lines, "id")
