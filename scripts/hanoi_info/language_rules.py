"""Language rules: the mechanical problems of each language a machine can see,
in the pages' running text and in the UI catalogs' translations.

What each language checks is data, ``data/language-rules/<code>.yml`` (a file
per language, its header says how an editor adds a rule); this module holds the
checks those files switch on and configure:

* ``terms``: forbidden -> preferred words and phrases (calques, outdated names,
  unexplained abbreviations), the one list an editor extends;
* ``french_spaces``: a non-breaking space (U+00A0) or narrow non-breaking
  space (U+202F) before ``; : ! ?`` and inside « »;
* ``lower_case``: words written in lower case after given words (French
  language names: "traduite en français");
* ``simplified_only``: Simplified Chinese characters only (OpenCC's ``t2s``);
* ``full_width_punctuation``: full-width punctuation next to CJK characters;
* ``punctuation``: punctuation that the language does not use, anywhere;
* ``name_hyphen``: no half-width hyphen between CJK characters ("升龙-河内");
* ``cjk_latin_space``: no space between CJK characters and Latin letters or digits;
* ``counter_space``: no space between a number and a following counter ("2019 년");
* ``tone_marks``: one placement style of the Vietnamese tone marks (``old``:
  hòa, thủy; ``new``: hoà, thuỷ).

Running text is what a reader reads: the title, description, handout summary
and handout facts of the front matter, and the Markdown body without code
(fenced blocks and code spans), link targets, web addresses, HTML tags and
attribute lists. In the catalogs, the ``msgstr`` translations, without their
placeholders (``%(name)s``, ``{date}``). Every message names what is wrong and
the fix; :func:`check_corpus` and :func:`check_catalogs` give ``path:line``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

import yaml

from hanoi_info.check_cache import CheckCache, memory_cache
from hanoi_info.corpus import Corpus, PageRecord
from hanoi_info.schema import field_line, Problem, ProblemsError

if TYPE_CHECKING:
    from hanoi_info.project import Project

RULES_FOLDER = "language-rules"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Removed spans become this character: neither a letter, a space, CJK nor punctuation.
MASK = "\ue000"
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # kana and Han (not Hangul)
CJK_CHAR = re.compile(f"[{CJK}]")
# A Latin letter (Vietnamese letters included) or a digit.
LATIN = r"[0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff]"
HANGUL = "\uac00-\ud7a3"

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+).+?\1")
IMAGE_OR_LINK = re.compile(r"!?\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
REFERENCE_LINK = re.compile(r"!?\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\[[^\]]*\]")
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+.*$")
URL = re.compile(r"<?(?:https?://|mailto:|tel:|www\.)[^\s<>)\]]*>?|\b[\w-]+(?:\.[\w-]+)*\.(?:vn|com|org|net|gov|int|edu|io)\b(?:/\S*)?")
HTML = re.compile(r"<!--.*?-->|</?[A-Za-z][^>]*>")
ATTR_LIST = re.compile(r"\{:?\s*[#.][^}]*\}")
ADMONITION = re.compile(r"^(\s*)(?:!!!|\?\?\?\+?)\s*[\w-]+")
PLACEHOLDER = re.compile(r"%\([^)]*\)[sdif]|%[sdif]|\{[\w.]*\}")
LIST_OR_QUOTE = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s+|>\s*)+")

# Front-matter fields whose values readers read.
TEXT_FIELDS = ("title", "description", "handout_summary")


class LanguageRulesError(ProblemsError):
    """The language-rule files cannot be read; ``problems`` names each file and line."""


@dataclass(frozen=True)
class Term:
    avoid: str
    write: str
    why: str = ""
    allow: tuple[str, ...] = ()  # longer phrases in which the avoided words are right
    abbreviation: bool = False  # accepted once the page explains it: "Ủy ban nhân dân (UBND)"
    line: int = 1  # where the rule is, for messages about the rule itself


@dataclass(frozen=True)
class LanguageRules:
    code: str
    origin: str  # the rules file, for messages
    terms: tuple[Term, ...] = ()
    french_spaces: bool = False
    lower_case: tuple[tuple[str, ...], tuple[str, ...]] | None = None  # (after, words)
    simplified_only: tuple[str, ...] | None = None  # allowed exceptions, or None when off
    full_width_punctuation: dict[str, str] = field(default_factory=dict)
    punctuation: dict[str, str] = field(default_factory=dict)
    name_hyphen: str | None = None
    cjk_latin_space: bool | None = None  # False: no space between CJK and Latin
    counter_space: tuple[str, ...] = ()
    tone_marks: str | None = None

    @property
    def is_cjk_text(self) -> bool:
        return self.code in ("zh", "ja", "ko")


@dataclass(frozen=True)
class Hit:
    offset: int  # in the checked text
    message: str


# -- the rules files -----------------------------------------------------------------


KEYS = ("terms", "french_spaces", "lower_case", "simplified_only", "full_width_punctuation", "punctuation",
        "name_hyphen", "cjk_latin_space", "counter_space", "tone_marks")


def _key_line(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


def _term_lines(text: str) -> list[int]:
    return [number for number, line in enumerate(text.splitlines(), start=1)
            if re.match(r"^\s*-\s+avoid\s*:", line)]


def _strings(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value):
        return tuple(item.strip() for item in value)
    return None


def _mapping(value: Any) -> dict[str, str] | None:
    if isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) and k for k, v in value.items()):
        return dict(value)
    return None


def load_language_rules(directory: Path, codes: Iterable[str], display_root: Path | None = None) -> dict[str, LanguageRules]:
    """Every ``<code>.yml`` of the folder (none is fine: no rules)."""
    codes = list(codes)
    rules: dict[str, LanguageRules] = {}
    problems: list[Problem] = []
    if not directory.is_dir():
        return rules
    for path in sorted(directory.glob("*.yml")):
        shown = (path.relative_to(display_root) if display_root else path).as_posix()
        code = path.stem
        if code not in codes:
            problems.append(Problem(shown, 1, f"'{code}' is not one of this site's languages ({', '.join(codes)}); "
                                              "name the file <language code>.yml"))
            continue
        try:
            text = path.read_text(encoding="utf-8")
            data = yaml.load(text, Loader=_LOADER) or {}
        except UnicodeDecodeError:
            problems.append(Problem(shown, 1, "not UTF-8 text; save the file with UTF-8 encoding"))
            continue
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            problem = getattr(error, "problem", None) or str(error).split("\n")[0]
            problems.append(Problem(shown, (mark.line + 1) if mark else 1, f"not valid YAML: {problem}"))
            continue
        if not isinstance(data, dict):
            problems.append(Problem(shown, 1, "expected 'terms:' and the other rule settings, one per line"))
            continue
        before = len(problems)

        def bad(key: str, message: str, line: int | None = None) -> None:
            problems.append(Problem(shown, line or _key_line(text, key), f"{key}: {message}"))

        for key in data:
            if key not in KEYS:
                bad(str(key), "unknown setting; check the spelling (known: " + ", ".join(KEYS) + ")")
        terms: list[Term] = []
        raw_terms = data.get("terms") or []
        lines = _term_lines(text)
        if not isinstance(raw_terms, list):
            bad("terms", "expected a list of entries '- avoid: ...' with 'write: ...'")
            raw_terms = []
        for index, raw in enumerate(raw_terms):
            line = lines[index] if index < len(lines) else _key_line(text, "terms")
            if not isinstance(raw, dict) or not isinstance(raw.get("avoid"), str) or not isinstance(raw.get("write"), str) \
                    or not raw["avoid"].strip() or not raw["write"].strip():
                bad("terms", f"entry {index + 1}: needs 'avoid: <words to avoid>' and 'write: <words to write>'", line)
                continue
            unknown = sorted(set(raw) - {"avoid", "write", "why", "allow", "abbreviation"})
            allow = _strings(raw.get("allow", []))
            if unknown or allow is None or not isinstance(raw.get("why", ""), str) \
                    or not isinstance(raw.get("abbreviation", False), bool):
                bad("terms", f"entry {index + 1} ({raw['avoid']}): "
                             + (f"unknown field {', '.join(map(str, unknown))}; " if unknown else "")
                             + "fields are avoid, write, why (text), allow (a list of phrases), abbreviation (true/false)", line)
                continue
            terms.append(Term(raw["avoid"].strip(), raw["write"].strip(), str(raw.get("why") or "").strip(),
                              allow, bool(raw.get("abbreviation")), line))

        lower_case = None
        if "lower_case" in data:
            raw = data["lower_case"]
            after = _strings(raw.get("after")) if isinstance(raw, dict) else None
            words = _strings(raw.get("words")) if isinstance(raw, dict) else None
            if after is None or words is None:
                bad("lower_case", "expected 'after: [word, ...]' and 'words: [word, ...]'")
            else:
                lower_case = (after, words)
        simplified = None
        if data.get("simplified_only") is not None and data.get("simplified_only") is not False:
            raw = data["simplified_only"]
            allow = () if raw is True else _strings(raw.get("allow", [])) if isinstance(raw, dict) else None
            if allow is None:
                bad("simplified_only", "expected true, or 'allow: [words written in Traditional characters on purpose]'")
            else:
                simplified = allow
        mappings = {}
        for key in ("full_width_punctuation", "punctuation"):
            value = _mapping(data.get(key, {}) or {})
            if value is None:
                bad(key, "expected 'character to avoid: character to write' lines, such as '\",\": \"，\"'")
                value = {}
            mappings[key] = value
        for key in ("french_spaces", "cjk_latin_space"):
            if key in data and not isinstance(data[key], bool):
                bad(key, "expected true or false")
        name_hyphen = data.get("name_hyphen")
        if name_hyphen is not None and (not isinstance(name_hyphen, str) or not name_hyphen):
            bad("name_hyphen", "expected the dash to write between names instead of '-', such as \"—\"")
        counters = _strings(data.get("counter_space", []) or [])
        if counters is None:
            bad("counter_space", "expected a list of counters written right after a number, such as [년, 월, 일]")
        tone_marks = data.get("tone_marks")
        if tone_marks is not None and tone_marks not in ("old", "new"):
            bad("tone_marks", "expected 'old' (hòa, thủy) or 'new' (hoà, thuỷ)")
        if len(problems) > before:
            continue
        rules[code] = LanguageRules(
            code=code,
            origin=shown,
            terms=tuple(terms),
            french_spaces=bool(data.get("french_spaces", False)),
            lower_case=lower_case,
            simplified_only=simplified,
            full_width_punctuation=mappings["full_width_punctuation"],
            punctuation=mappings["punctuation"],
            name_hyphen=name_hyphen,
            cjk_latin_space=data.get("cjk_latin_space"),
            counter_space=counters or (),
            tone_marks=tone_marks,
        )
    if problems:
        raise LanguageRulesError(problems)
    return rules


# -- the checks on one text ---------------------------------------------------------------


def _quote(text: str, start: int, end: int, width: int = 12) -> str:
    """The words around a hit, for the message: '…court : %…'."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    snippet = text[left:right].replace(MASK, "…").replace("\u00a0", "\u2423").replace("\u202f", "\u2423")
    snippet = snippet.replace("\n", " ").strip()
    return ("…" if left > 0 else "") + snippet + ("…" if right < len(text) else "")


@lru_cache(maxsize=1024)
def _term_pattern(words: str, cjk: bool) -> re.Pattern[str]:
    if cjk:
        return re.compile(re.escape(words))
    start = r"(?<![\w/-])" if re.match(r"\w", words) else ""
    end = r"(?![\w/-])" if re.search(r"\w$", words) else ""
    return re.compile(start + re.escape(words) + end, re.IGNORECASE)


def check_terms(text: str, rules: LanguageRules, explained: set[str] | None = None) -> Iterator[Hit]:
    """Forbidden words and phrases. ``explained`` collects the abbreviations a
    page explained so far ("Ủy ban nhân dân (UBND)"): later ones are fine."""
    cjk = rules.is_cjk_text
    for term in rules.terms:
        if term.avoid.casefold() not in text.casefold():
            continue
        allowed = [match.span() for phrase in term.allow for match in _term_pattern(phrase, cjk).finditer(text)]
        for match in _term_pattern(term.avoid, cjk).finditer(text):
            start, end = match.span()
            if any(a <= start and end <= b for a, b in allowed):
                continue
            if term.abbreviation:
                if explained is not None and term.avoid in explained:
                    continue
                if text[end:end + 1] == ")" and text[max(0, start - 1):start] == "(":
                    if explained is not None:
                        explained.add(term.avoid)
                    continue
                message = (f"'{match.group(0)}' is an abbreviation readers may not know ({_quote(text, start, end)}); "
                           f"write '{term.write}', or explain it once: '{term.write} ({term.avoid})'")
            else:
                message = f"'{match.group(0)}' ({_quote(text, start, end)}): write '{term.write}'"
            if term.why:
                message += f" ({term.why})"
            yield Hit(start, message)


FRENCH_BEFORE = re.compile(r"([ \t]+)([;:!?]+)|(?<=[\w»)\]*_])([;!?]+)(?=\s|$)")
FRENCH_GUILLEMETS = re.compile(r"«([ \t]?)(?=\S)|(?<=\S)([ \t]?)»")


def check_french_spaces(text: str) -> Iterator[Hit]:
    for match in FRENCH_BEFORE.finditer(text):
        if match.group(1) is not None:
            mark = match.group(2)
            after = text[match.end():match.end() + 1]
            if mark.startswith("!") and after == "[":
                continue  # an image: ![alt]
            yield Hit(match.start(), f"plain space before '{mark[0]}' ({_quote(text, match.start(), match.end())}); "
                                     "write a narrow non-breaking space (U+202F) or a non-breaking space (U+00A0) "
                                     "before ; : ! ?")
        else:
            mark = match.group(3)
            yield Hit(match.start(), f"no space before '{mark[0]}' ({_quote(text, match.start(), match.end())}); "
                                     "add a narrow non-breaking space (U+202F) before ; ! ?")
    for match in FRENCH_GUILLEMETS.finditer(text):
        space = match.group(1) if match.group(1) is not None else match.group(2)
        mark = "«" if match.group(1) is not None else "»"
        what = "plain space" if space else "no space"
        where = "after «" if mark == "«" else "before »"
        yield Hit(match.start(), f"{what} {where} ({_quote(text, match.start(), match.end())}); write a narrow "
                                 "non-breaking space (U+202F) or a non-breaking space (U+00A0) inside « »")


def check_lower_case(text: str, after: tuple[str, ...], words: tuple[str, ...]) -> Iterator[Hit]:
    capitals = "|".join(re.escape(word[:1].upper() + word[1:]) for word in words)
    leads = "|".join(re.escape(word) for word in after)
    pattern = _compiled(rf"(?<![\w])(?:{leads})\s+({capitals})(?!\w)")
    for match in pattern.finditer(text):
        word = match.group(1)
        yield Hit(match.start(1), f"'{word}' is written in lower case inside a sentence "
                                  f"({_quote(text, match.start(), match.end())}); write '{word[:1].lower() + word[1:]}'")


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def check_simplified(text: str, allow: tuple[str, ...]) -> Iterator[Hit]:
    if not CJK_CHAR.search(text):
        return
    converted = _t2s().convert(text)
    if converted == text:
        return
    allowed = [match.span() for word in allow for match in re.finditer(re.escape(word), text)]
    if len(converted) != len(text):  # a phrase conversion changed the length: report the line as a whole
        yield Hit(0, f"Traditional characters ({_quote(text, 0, 0, 24)}); write '{converted.strip()[:60]}'")
        return
    index = 0
    while index < len(text):
        if text[index] == converted[index]:
            index += 1
            continue
        end = index
        while end < len(text) and text[end] != converted[end]:
            end += 1
        if not any(a <= index and end <= b for a, b in allowed):
            yield Hit(index, f"Traditional character(s) '{text[index:end]}' ({_quote(text, index, end)}); "
                             f"write the Simplified '{converted[index:end]}'")
        index = end


def check_full_width(text: str, mapping: dict[str, str]) -> Iterator[Hit]:
    if not mapping or not CJK_CHAR.search(text):
        return
    chars = "".join(re.escape(char) for char in mapping)
    pattern = _compiled(rf"(?<=[{CJK}])[{chars}]|[{chars}](?=[{CJK}])")
    for match in pattern.finditer(text):
        char = match.group(0)
        if char == "." and text[match.start() - 1:match.start()].isdigit() and text[match.end():match.end() + 1].isdigit():
            continue
        yield Hit(match.start(), f"half-width '{char}' in running text ({_quote(text, match.start(), match.end())}); "
                                 f"write the full-width '{mapping[char]}'")


def check_punctuation(text: str, mapping: dict[str, str]) -> Iterator[Hit]:
    for index, char in enumerate(text):
        if char in mapping:
            yield Hit(index, f"'{char}' is not used in this language ({_quote(text, index, index + 1)}); "
                             f"write '{mapping[char]}'")


def check_name_hyphen(text: str, dash: str) -> Iterator[Hit]:
    for match in _compiled(rf"(?<=[{CJK}])[ ]?-[ ]?(?=[{CJK}])").finditer(text):
        left = re.search(rf"[{CJK}]{{1,4}}$", text[:match.start()]).group(0)
        right = re.match(rf"[{CJK}]{{1,4}}", text[match.end():]).group(0)
        yield Hit(match.start(), f"half-width hyphen between names ('{left}{match.group(0)}{right}'); "
                                 f"write '{left}{dash}{right}'")


def check_cjk_latin_space(text: str) -> Iterator[Hit]:
    pattern = _compiled(rf"(?<=[{CJK}])[ \u3000]+(?={LATIN})|(?<={LATIN})[ \u3000]+(?=[{CJK}])")
    for match in pattern.finditer(text):
        left = text[max(0, match.start() - 4):match.start()].replace(MASK, "…")
        right = text[match.end():match.end() + 4].replace(MASK, "…")
        yield Hit(match.start(), f"space between Chinese or Japanese characters and Latin letters or digits "
                                 f"('{left}{match.group(0)}{right}'); remove it: '{left}{right}'")


def check_counter_space(text: str, counters: tuple[str, ...]) -> Iterator[Hit]:
    words = "|".join(re.escape(word) for word in sorted(counters, key=len, reverse=True))
    for match in _compiled(rf"(?<![\d.,])(\d+(?:[.,]\d+)*)[ \u00a0]+({words})").finditer(text):
        yield Hit(match.start(), f"space between a number and its counter ('{match.group(0).lstrip()}'); "
                                 f"write '{match.group(1)}{match.group(2)}' ("
                                 f"{_quote(text, match.start(), match.end())})")


# Vietnamese tone marks on oa, oe, uy at the end of a syllable: old style marks the
# first vowel (hòa), new style the second (hoà). "qu" is a consonant: quý, quả are right in both.
TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
_OPEN_PAIR = re.compile(r"(?i)(?<![q])([oòóỏõọ][aàáảãạeèéẻẽẹ]|[uùúủũụ][yỳýỷỹỵ])(?![^\W\d_])")


def _move_tone(pair: str, style: str) -> str | None:
    """The pair written in ``style``, or None when it already is (or has no tone)."""
    first, second = unicodedata.normalize("NFD", pair[0]), unicodedata.normalize("NFD", pair[1])
    tone_first = [c for c in first if c in TONES]
    tone_second = [c for c in second if c in TONES]
    if style == "old" and tone_second and not tone_first:
        moved = first + tone_second[0], "".join(c for c in second if c not in TONES)
    elif style == "new" and tone_first and not tone_second:
        moved = "".join(c for c in first if c not in TONES), second + tone_first[0]
    else:
        return None
    return unicodedata.normalize("NFC", moved[0] + moved[1])


def check_tone_marks(text: str, style: str) -> Iterator[Hit]:
    text = unicodedata.normalize("NFC", text)
    for match in _OPEN_PAIR.finditer(text):
        fixed = _move_tone(match.group(1), style)
        if fixed is None:
            continue
        word_start = match.start()
        while word_start > 0 and text[word_start - 1].isalpha():
            word_start -= 1
        word = text[word_start:match.end()]
        if word[:2].lower() == "qu":
            continue
        right = word[: match.start() - word_start] + fixed
        example = "hòa, khỏe, thủy" if style == "old" else "hoà, khoẻ, thuỷ"
        yield Hit(match.start(), f"'{word}': write '{right}' (the pages place the tone mark the "
                                 f"{'old' if style == 'old' else 'new'} way: {example})")


def check_text(text: str, rules: LanguageRules, explained: set[str] | None = None) -> list[Hit]:
    """Every rule of ``rules`` on one piece of running text (placeholders and
    code already masked)."""
    if explained is None:
        explained = set()
    hits: list[Hit] = list(check_terms(text, rules, explained))
    if rules.french_spaces:
        hits += check_french_spaces(text)
    if rules.lower_case:
        hits += check_lower_case(text, *rules.lower_case)
    if rules.simplified_only is not None:
        hits += check_simplified(text, rules.simplified_only)
    if rules.full_width_punctuation:
        hits += check_full_width(text, rules.full_width_punctuation)
    if rules.punctuation:
        hits += check_punctuation(text, rules.punctuation)
    if rules.name_hyphen:
        hits += check_name_hyphen(text, rules.name_hyphen)
    if rules.cjk_latin_space is False:
        hits += check_cjk_latin_space(text)
    if rules.counter_space:
        hits += check_counter_space(text, rules.counter_space)
    if rules.tone_marks:
        hits += check_tone_marks(text, rules.tone_marks)
    return sorted(hits, key=lambda hit: hit.offset)


# -- pages ------------------------------------------------------------------------------


def _mask(match: re.Match[str]) -> str:
    return MASK


def running_text(line: str) -> str:
    """A Markdown line as a reader reads it: link texts without their targets,
    no code spans, addresses, HTML tags or attribute lists."""
    line = CODE_SPAN.sub(_mask, line)
    line = IMAGE_OR_LINK.sub(lambda match: match.group(1), line)
    line = REFERENCE_LINK.sub(lambda match: match.group(1), line)
    line = HTML.sub(_mask, line)
    line = URL.sub(_mask, line)
    line = ATTR_LIST.sub("", line)
    line = ADMONITION.sub(r"\1", line)
    line = LIST_OR_QUOTE.sub("", line)
    return line.rstrip()


def body_lines(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    """(file line, running text) of a page's body, outside fenced code."""
    fence: str | None = None
    in_comment = False
    for offset, line in enumerate(body.split("\n")):
        match = FENCE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            continue
        if match:
            fence = match.group(1)
            continue
        if in_comment:
            if "-->" in line:
                in_comment = False
                line = line.split("-->", 1)[1]
            else:
                continue
        if "<!--" in line and "-->" not in line.split("<!--", 1)[1]:
            in_comment = True
            line = line.split("<!--", 1)[0]
        if REFERENCE_DEFINITION.match(line) or line.startswith("    ") and not line.strip().startswith(("-", "*")):
            continue
        yield first_line + offset, running_text(line)


def _front_matter_texts(record: PageRecord, text: str) -> Iterator[tuple[int, str]]:
    lines = text.split("\n", 200)[1:200]
    front = []
    for line in lines:
        if line.rstrip() == "---":
            break
        front.append(line)
    for name in TEXT_FIELDS:
        value = getattr(record.meta, name)
        if value:
            yield field_line(front, name), running_text(value)
    facts = record.meta.extra.get("handout_facts")
    if isinstance(facts, list):
        start = field_line(front, "handout_facts")
        item_lines = [start + 1 + index for index, line in enumerate(front[start - 1:]) if line.lstrip().startswith("- ")]
        for index, fact in enumerate(facts):
            if isinstance(fact, str):
                yield (item_lines[index] if index < len(item_lines) else start), running_text(fact)


def check_page(record: PageRecord, rules: LanguageRules, text: str) -> list[Problem]:
    """The rules on a page's front-matter texts and body; ``text`` is the file."""
    problems = []
    explained: set[str] = set()
    for number, line in [*_front_matter_texts(record, text), *body_lines(record.body, record.body_line)]:
        if not line.strip():
            continue
        for hit in check_text(line, rules, explained):
            problems.append(Problem(record.src_path, number, hit.message))
    return problems


def check_corpus(corpus: Corpus, rules: dict[str, LanguageRules], docs_dir: Path,
                 cache: CheckCache | None = None) -> list[Problem]:
    cache = cache or memory_cache()
    problems: list[Problem] = []
    for record in corpus.records():
        language_rules = rules.get(record.lang)
        if language_rules is None:
            continue
        text = (docs_dir / record.src_path).read_text(encoding="utf-8")
        # The answer depends on the file alone (its record is parsed from it);
        # the rule data is in the cache's salt.
        problems += cache.answer("language-rules", (record.src_path, text),
                                 lambda: check_page(record, language_rules, text))
    return sorted(set(problems))


# -- catalogs ---------------------------------------------------------------------------


def _unescape(value: str) -> str:
    return re.sub(r'\\(["\\tn])', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), value)


def catalog_strings(text: str) -> Iterator[tuple[list[tuple[int, int]], str]]:
    """Each msgstr of a .po file: ([(offset, file line) where each physical line
    starts], the joined translation)."""
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        if re.match(r"^msgstr(\[\d+\])?\s", line):
            parts: list[tuple[int, str]] = [(index + 1, _unescape(line.split(None, 1)[1].strip()[1:-1]))]
            index += 1
            while index < len(lines) and lines[index].startswith('"'):
                parts.append((index + 1, _unescape(lines[index].strip()[1:-1])))
                index += 1
            starts, joined = [], ""
            for number, part in parts:
                starts.append((len(joined), number))
                joined += part
            if joined:
                yield starts, joined
            continue
        index += 1


def _line_at(starts: list[tuple[int, int]], offset: int) -> int:
    line = starts[0][1]
    for start, number in starts:
        if start <= offset:
            line = number
    return line


def check_catalog_file(path: Path, shown: str, rules: LanguageRules) -> list[Problem]:
    text = path.read_text(encoding="utf-8")
    problems = []
    header_done = False
    for starts, string in catalog_strings(text):
        if not header_done:
            header_done = True
            if "Content-Type:" in string:
                continue  # the catalog's header
        masked = PLACEHOLDER.sub(MASK, string).replace("%%", "%")
        for hit in check_text(masked, rules):
            problems.append(Problem(shown, _line_at(starts, hit.offset), hit.message))
    return problems


def check_catalogs(locales_dir: Path, rules: dict[str, LanguageRules], display_root: Path) -> list[Problem]:
    from hanoi_info.catalogs import catalog_path

    problems: list[Problem] = []
    for code, language_rules in rules.items():
        path = catalog_path(locales_dir, code)
        if path.exists():
            try:
                shown = path.relative_to(display_root).as_posix()
            except ValueError:
                shown = path.as_posix()
            problems += check_catalog_file(path, shown, language_rules)
    return sorted(set(problems))


def check_project(project: Project, corpus: Corpus, cache: CheckCache | None = None) -> list[Problem]:
    """The rules of ``data/language-rules/`` on every page and catalog, as
    ``hanoi-info check`` and the build report them."""
    try:
        rules = load_language_rules(project.data_dir / RULES_FOLDER, [language.code for language in project.languages],
                                    display_root=project.root)
    except LanguageRulesError as error:
        return error.problems
    if not rules:
        return []
    docs = project.docs_dir.relative_to(project.root).as_posix() + "/" \
        if project.docs_dir.is_relative_to(project.root) else project.docs_dir.as_posix() + "/"
    pages = [Problem(docs + problem.path, problem.line, problem.message)
             for problem in check_corpus(corpus, rules, project.docs_dir, cache)]
    return pages + check_catalogs(project.locales_dir, rules, project.root)
