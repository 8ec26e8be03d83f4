"""Recording a native review in a page's front matter (``hanoi-info review
mark``): ``reviewed: {against: "<hash>", on: YYYY-MM-DD}``, where the hash is
the Vietnamese text's current one (:mod:`hanoi_info.content`). Only that line
changes; every other byte of the file stays as it was. What the reviews mean
for each language is :mod:`hanoi_info.translation_status`'s."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from hanoi_info.content import FRONT_MATTER, FrontMatterError, file_source_hash, split_front_matter
from hanoi_info.corpus import split_language
from hanoi_info.project import Project


class ReviewError(ValueError):
    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.line = line


def source_file(project: Project, path: Path) -> Path:
    """The Vietnamese page a page file belongs to (itself for a Vietnamese page)."""
    docs = project.docs_dir.resolve()
    try:
        relative = path.resolve().relative_to(docs).as_posix()
    except ValueError:
        raise ReviewError(f"not a page of {project.docs_dir.name}/; give a file below it") from None
    codes = frozenset(language.code for language in project.languages)
    norm, _ = split_language(relative, codes, project.languages[0].code)
    return docs / norm


def review_line(against: str, on: dt.date) -> str:
    return f'reviewed: {{against: "{against}", on: {on.isoformat()}}}'


def set_review(text: str, against: str, on: dt.date) -> str:
    """``text`` with its front matter's ``reviewed`` field replaced or added
    (before the closing ``---``), line endings and everything else unchanged."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]
    match = FRONT_MATTER.match(body)
    if not match:
        raise ReviewError("no front matter: the file must start with a '---' line")
    newline = "\r\n" if "\r\n" in match.group(0) else "\n"
    block = match.group(1) or ""
    lines = block.split(newline)[:-1] if block else []
    kept, index = [], 0
    while index < len(lines):
        if re.match(r"^reviewed\s*:", lines[index]):
            index += 1
            while index < len(lines) and lines[index][:1] in (" ", "\t"):
                index += 1  # the old field's indented lines
            continue
        kept.append(lines[index])
        index += 1
    kept.append(review_line(against, on))
    if match.group(1) is None:
        raise ReviewError("the front matter is empty; a page needs its fields (id, title, ...)", 2)
    opening, closing_start = body[: match.start(1)], match.end(1)
    return bom + opening + newline.join(kept) + newline + body[closing_start:]


def mark_reviewed(project: Project, path: Path, on: dt.date) -> str:
    """Record the review of ``path`` against the current Vietnamese text; returns that text's hash."""
    if not path.is_file():
        raise ReviewError("no such file")
    source = source_file(project, path)
    if not source.is_file():
        raise ReviewError(f"its Vietnamese page {source.relative_to(project.docs_dir.resolve().parent).as_posix()} does not exist")
    try:
        against = file_source_hash(source)
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        split_front_matter(text)
    except UnicodeDecodeError:
        raise ReviewError("not UTF-8 text") from None
    except FrontMatterError as error:
        raise ReviewError(str(error), error.line) from None
    updated = set_review(text, against, on)
    split_front_matter(updated)  # still readable
    path.write_bytes(updated.encode("utf-8"))
    return against
