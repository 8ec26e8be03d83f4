"""Reading Markdown pages: front matter, body, and the source hash that ties a
translation to the exact version of the Vietnamese page it translates."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

# libyaml's parser when PyYAML was built with it: the build reads every page's
# front matter once more than MkDocs does, so this is on the hot path.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(\r?\n|\Z)", re.DOTALL)
SOURCE_HASH_LENGTH = 12


class FrontMatterError(ValueError):
    """The front matter block cannot be read; ``line`` is 1-based in the file."""

    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class RawPage:
    meta: dict[str, Any]
    body: str
    body_line: int  # 1-based line where the body starts, for error positions


def split_front_matter(text: str) -> RawPage:
    """Split ``text`` into its YAML front matter mapping and Markdown body."""
    match = FRONT_MATTER.match(text)
    if not match:
        raise FrontMatterError(
            "no front matter: the file must start with a '---' line, the YAML fields, and a closing '---' line"
        )
    block = match.group(1) or ""
    try:
        meta = yaml.load(block, Loader=YAML_LOADER) if block.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = 2 + mark.line if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error)
        raise FrontMatterError(f"front matter is not valid YAML: {problem}", line) from None
    if not isinstance(meta, dict):
        raise FrontMatterError("front matter must be a mapping of 'field: value' lines", 2)
    body = text[match.end():]
    body_line = text[: match.end()].count("\n") + 1
    return RawPage(meta=meta, body=body, body_line=body_line)


def source_hash(meta: dict[str, Any], body: str) -> str:
    """The version stamp of a Vietnamese source page.

    Covers what a translator translates (title, description, handout summary and
    body), not bookkeeping such as ``updated`` or ``sources``, so that fixing a
    source's check date does not mark five translations stale.
    """
    parts = [
        str(meta.get("title", "")),
        str(meta.get("description", "")),
        str(meta.get("handout_summary", "")),
        body.replace("\r\n", "\n").strip(),
    ]
    digest = hashlib.sha256("\n\n".join(parts).encode("utf-8")).hexdigest()
    return digest[:SOURCE_HASH_LENGTH]


def file_source_hash(path: Path) -> str:
    page = split_front_matter(path.read_text(encoding="utf-8"))
    return source_hash(page.meta, page.body)
