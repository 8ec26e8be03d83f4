"""The glossary of place and institution names, and the check that pages use
its form. ``data/glossary/*.yml`` are merged; an id may appear in several files
only with the same names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import yaml

from hanoi_info.check_cache import CheckCache, memory_cache
from hanoi_info.corpus import Corpus, PageRecord
from hanoi_info.languages import CJK_CODES
from hanoi_info.schema import ID_PATTERN, Problem, ProblemsError

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Link targets, addresses and domain names ("hanoi.gov.vn") are not prose.
LINK_TARGET = re.compile(r"\]\([^)]*\)|https?://\S+|<[^>]+>|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?\b")


@dataclass(frozen=True)
class GlossaryEntry:
    id: str
    names: dict[str, str]
    avoid: dict[str, tuple[str, ...]] = field(default_factory=dict)
    origin: str = ""


class GlossaryError(ProblemsError):
    """The glossary files cannot be read; ``problems`` names each file and line."""


_ID_LINE = re.compile(r"^\s*-?\s*id:\s*['\"]?([^'\"\s]+)['\"]?\s*$")


def _entry_lines(text: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _ID_LINE.match(line)
        if match:
            lines.setdefault(match.group(1), number)
    return lines


def load_glossary(directory: Path, languages: Iterable[str], display_root: Path | None = None) -> dict[str, GlossaryEntry]:
    codes = list(languages)
    entries: dict[str, GlossaryEntry] = {}
    problems: list[Problem] = []
    for path in sorted(directory.glob("*.yml")):
        shown = (path.relative_to(display_root) if display_root else path).as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(shown, 1, "not UTF-8 text; save the file with UTF-8 encoding"))
            continue
        try:
            data = yaml.load(text, Loader=_LOADER) or []
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            problem = getattr(error, "problem", None) or str(error).split("\n")[0]
            problems.append(Problem(shown, (mark.line + 1) if mark else 1, f"not valid YAML: {problem}"))
            continue
        except (ValueError, TypeError, OverflowError, RecursionError) as error:
            problems.append(Problem(shown, 1, f"cannot be read: {str(error).splitlines()[0] if str(error) else type(error).__name__}"))
            continue
        if not isinstance(data, list):
            problems.append(Problem(shown, 1, "expected a list of entries, each starting with '- id: ...'"))
            continue
        entry_lines = _entry_lines(text)
        for index, raw in enumerate(data):
            if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not ID_PATTERN.match(raw["id"]):
                problems.append(Problem(shown, 1, f"entry {index + 1}: needs an 'id' of lower-case words joined by hyphens"))
                continue
            entry_id = raw["id"]
            line = entry_lines.get(entry_id, 1)
            missing = [code for code in codes if not isinstance(raw.get(code), str) or not raw[code].strip()]
            if missing:
                problems.append(Problem(shown, line, f"{entry_id}: missing the name in {', '.join(missing)}"))
                continue
            avoid_raw = raw.get("avoid") or {}
            if not isinstance(avoid_raw, dict) or not all(
                isinstance(code, str) and isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value)
                for code, value in avoid_raw.items()
            ):
                problems.append(Problem(shown, line, f"{entry_id}.avoid: expected 'language: [spelling, ...]' lines with non-empty spellings"))
                continue
            unknown = sorted(code for code in avoid_raw if code not in codes)
            if unknown:
                problems.append(Problem(shown, line, f"{entry_id}.avoid: unknown language {', '.join(unknown)}; use the codes of mkdocs.yml ({', '.join(codes)})"))
                continue
            entry = GlossaryEntry(
                entry_id,
                {code: raw[code].strip() for code in codes},
                {code: tuple(value.strip() for value in values) for code, values in avoid_raw.items()},
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


@lru_cache(maxsize=4096)
def _pattern(spelling: str, lang: str) -> re.Pattern[str]:
    if lang in CJK_CODES:
        return re.compile(re.escape(spelling))
    return re.compile(rf"(?<!\w){re.escape(spelling)}(?!\w)", re.IGNORECASE)


def _prose_lines(record: PageRecord) -> list[tuple[int, str]]:
    """(file line, text) of what a reader reads: title, description, handout
    summary and body, with link targets and addresses blanked out."""
    header = [record.meta.title, record.meta.description, record.meta.handout_summary or ""]
    lines = [(1, line) for line in header]
    lines += [(record.body_line + offset, line) for offset, line in enumerate(record.body.split("\n"))]
    return [(number, LINK_TARGET.sub(" ", line)) for number, line in lines]


def check_page(record: PageRecord, glossary: dict[str, GlossaryEntry]) -> list[Problem]:
    """Avoided spellings in a page's title, description and text. A spelling
    inside the correct name (the glossary's form contains it) is not reported."""
    problems = []
    lines: list[tuple[int, str]] | None = None
    folded: str | None = None
    for entry in glossary.values():
        avoided = entry.avoid.get(record.lang, ())
        if not avoided:
            continue
        if folded is None:
            lines = _prose_lines(record)
            folded = "\n".join(line for _, line in lines).casefold()
        assert lines is not None
        correct = _pattern(entry.names[record.lang], record.lang)
        for spelling in avoided:
            if spelling.casefold() not in folded and spelling not in folded:
                continue  # quick rejection: most pages do not contain most spellings
            wrong = _pattern(spelling, record.lang)
            for number, line in lines:
                found = [match.span() for match in wrong.finditer(line)]
                if not found:
                    continue
                allowed = [match.span() for match in correct.finditer(line)]
                if any(not any(start >= a and end <= b for a, b in allowed) for start, end in found):
                    problems.append(
                        Problem(
                            record.src_path,
                            number,
                            f"write '{entry.names[record.lang]}', not '{spelling}' (glossary: {entry.id})",
                        )
                    )
    return problems


def check_corpus(corpus: Corpus, glossary: dict[str, GlossaryEntry], cache: CheckCache | None = None) -> list[Problem]:
    cache = cache or memory_cache()
    problems: list[Problem] = []
    for record in corpus.records():
        # What the check reads of the page; the glossary is in the cache's salt.
        parts = (record.src_path, record.lang, str(record.body_line), record.meta.title, record.meta.description,
                 record.meta.handout_summary or "", record.body)
        problems.extend(cache.answer("glossary", parts, lambda: check_page(record, glossary)))
    return sorted(problems)
