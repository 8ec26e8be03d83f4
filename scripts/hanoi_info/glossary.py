"""The glossary of place and institution names, and the check that pages use
its form. ``data/glossary/*.yml`` are merged; an id may appear in several files
only with the same names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import yaml

from hanoi_info.corpus import Corpus, PageRecord
from hanoi_info.languages import CJK_CODES
from hanoi_info.schema import ID_PATTERN, Problem

# Link targets, addresses and domain names ("hanoi.gov.vn") are not prose.
LINK_TARGET = re.compile(r"\]\([^)]*\)|https?://\S+|<[^>]+>|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?\b")


@dataclass(frozen=True)
class GlossaryEntry:
    id: str
    names: dict[str, str]
    avoid: dict[str, tuple[str, ...]] = field(default_factory=dict)
    origin: str = ""


class GlossaryError(ValueError):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


def _entry_line(text: str, entry_id: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"^\s*-?\s*id:\s*['\"]?{re.escape(entry_id)}['\"]?\s*$", line):
            return number
    return 1


def load_glossary(directory: Path, languages: Iterable[str], display_root: Path | None = None) -> dict[str, GlossaryEntry]:
    codes = list(languages)
    entries: dict[str, GlossaryEntry] = {}
    problems: list[Problem] = []
    for path in sorted(directory.glob("*.yml")):
        shown = (path.relative_to(display_root) if display_root else path).as_posix()
        text = path.read_text(encoding="utf-8")
        try:
            data = yaml.safe_load(text) or []
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            problems.append(Problem(shown, (mark.line + 1) if mark else 1, f"not valid YAML: {getattr(error, 'problem', error)}"))
            continue
        if not isinstance(data, list):
            problems.append(Problem(shown, 1, "expected a list of entries, each starting with '- id: ...'"))
            continue
        for index, raw in enumerate(data):
            if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not ID_PATTERN.match(raw["id"]):
                problems.append(Problem(shown, 1, f"entry {index + 1}: needs an 'id' of lower-case words joined by hyphens"))
                continue
            entry_id = raw["id"]
            line = _entry_line(text, entry_id)
            missing = [code for code in codes if not isinstance(raw.get(code), str) or not raw[code].strip()]
            if missing:
                problems.append(Problem(shown, line, f"{entry_id}: missing the name in {', '.join(missing)}"))
                continue
            avoid_raw = raw.get("avoid") or {}
            if not isinstance(avoid_raw, dict) or not all(
                isinstance(value, list) and all(isinstance(item, str) for item in value) for value in avoid_raw.values()
            ):
                problems.append(Problem(shown, line, f"{entry_id}.avoid: expected 'language: [spelling, ...]' lines"))
                continue
            entry = GlossaryEntry(
                entry_id,
                {code: raw[code].strip() for code in codes},
                {code: tuple(values) for code, values in avoid_raw.items()},
                f"{shown}:{line}",
            )
            known = entries.get(entry_id)
            if known is not None and known.names != entry.names:
                problems.append(
                    Problem(shown, line, f"{entry_id}: defined differently in {known.origin}; keep one definition")
                )
                continue
            if known is not None:
                merged = dict(known.avoid)
                for code, values in entry.avoid.items():
                    merged[code] = tuple(dict.fromkeys(merged.get(code, ()) + values))
                entry = GlossaryEntry(entry_id, entry.names, merged, known.origin)
            entries[entry_id] = entry
    if problems:
        raise GlossaryError(problems)
    return entries


def _pattern(spelling: str, lang: str) -> re.Pattern[str]:
    if lang in CJK_CODES:
        return re.compile(re.escape(spelling))
    return re.compile(rf"(?<!\w){re.escape(spelling)}(?!\w)", re.IGNORECASE)


def check_page(record: PageRecord, glossary: dict[str, GlossaryEntry]) -> list[Problem]:
    """Avoided spellings in a page's title, description and text."""
    problems = []
    lines = [record.meta.title, record.meta.description, record.meta.handout_summary or ""]
    first_body_line = record.body_line
    body_lines = record.body.split("\n")
    for entry in glossary.values():
        avoided = entry.avoid.get(record.lang, ())
        if not avoided:
            continue
        correct = _pattern(entry.names[record.lang], record.lang)
        for spelling in avoided:
            wrong = _pattern(spelling, record.lang)
            for offset, line in enumerate(lines + body_lines):
                cleaned = correct.sub(" ", LINK_TARGET.sub(" ", line))
                if wrong.search(cleaned):
                    number = 1 if offset < len(lines) else first_body_line + offset - len(lines)
                    problems.append(
                        Problem(
                            record.src_path,
                            number,
                            f"write '{entry.names[record.lang]}', not '{spelling}' (glossary: {entry.id})",
                        )
                    )
    return problems


def check_corpus(corpus: Corpus, glossary: dict[str, GlossaryEntry]) -> list[Problem]:
    problems: list[Problem] = []
    for record in corpus.records():
        problems.extend(check_page(record, glossary))
    return sorted(problems)
