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
BYTE_ORDER_MARK = "\ufeff"
# Written by some editors (Notepad) at the start of UTF-8 files; MkDocs ignores it too.
_DATE_LIKE = re.compile(r"^\s*-?\s*([\w-]+)\s*:\s*['\"]?(\d{4}-\d{1,2}-\d{1,2})\b")


class FrontMatterError(ValueError):
    """The front matter block cannot be read; ``line`` is 1-based in the file."""

    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.line = line


class _FrontMatterLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML (libyaml when available) that refuses a field written twice:
    plain YAML silently keeps the last one, and the editor never learns which."""

    def construct_mapping(self, node, deep=False):
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue  # the base class reports keys that are lists or mappings
            key = key_node.value
            if key in seen:
                raise FrontMatterError(
                    f"'{key}' is written twice in the front matter (lines {seen[key]} and "
                    f"{key_node.start_mark.line + 2}); keep one",
                    key_node.start_mark.line + 2,
                )
            seen[key] = key_node.start_mark.line + 2
        return super().construct_mapping(node, deep=deep)


@dataclass(frozen=True)
class RawPage:
    meta: dict[str, Any]
    body: str
    body_line: int  # 1-based line where the body starts, for error positions


def _invalid_date_line(block: str) -> tuple[int, str] | None:
    """YAML reads 2026-02-30 as a date and fails outside its own error type."""
    import datetime as dt

    for index, line in enumerate(block.split("\n")):
        match = _DATE_LIKE.match(line)
        if match:
            year, month, day = (int(part) for part in match.group(2).split("-"))
            try:
                dt.date(year, month, day)
            except ValueError:
                return index + 2, f"{match.group(1)}: {match.group(2)} is not a date of the calendar; write a real date, YYYY-MM-DD"
    return None


def split_front_matter(text: str) -> RawPage:
    """Split ``text`` into its YAML front matter mapping and Markdown body.

    Every way the front matter can be wrong raises :class:`FrontMatterError`
    (never another exception) with the file line of the problem."""
    if text.startswith(BYTE_ORDER_MARK):
        text = text[1:]
    match = FRONT_MATTER.match(text)
    if not match:
        raise FrontMatterError(
            "no front matter: the file must start with a '---' line, the YAML fields, and a closing '---' line"
        )
    block = match.group(1) or ""
    try:
        meta = yaml.load(block, Loader=_FrontMatterLoader) if block.strip() else {}
    except FrontMatterError:
        raise
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = 2 + mark.line if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error).split("\n")[0]
        raise FrontMatterError(f"front matter is not valid YAML: {problem}", line) from None
    except RecursionError:
        raise FrontMatterError("front matter is nested too deeply to be read; write plain 'field: value' lines", 2) from None
    except (ValueError, TypeError, OverflowError) as error:
        # Dates such as 2026-02-30, text that cannot be encoded...
        found = _invalid_date_line(block)
        if found is not None:
            raise FrontMatterError(found[1], found[0]) from None
        raise FrontMatterError(f"front matter cannot be read: {error}", 2) from None
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
