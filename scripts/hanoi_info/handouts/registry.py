"""The registry of issued QR codes (``data/qr-registry.yml``).

A code printed on paper cannot be recalled, so every code that went to print
is recorded here and must keep leading somewhere: to its page while the page
exists in that language, otherwise to the ``redirect:`` target an editor
declared. The build fails, naming the code and its old page, when neither
holds. ``hanoi-info qr issue`` appends the codes of the current handouts; it
never rewrites or removes entries (comments editors add are kept)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import yaml

from hanoi_info.corpus import Corpus, page_url
from hanoi_info.handouts.plan import Handout, ShortLink
from hanoi_info.schema import ID_PATTERN
from hanoi_info.shortlinks import short_code

HEADER = """\
# Issued QR short links (/q/<code>/) of printed handouts. Committed; never remove an entry.
#
# 'hanoi-info qr issue' appends the codes of the current handouts before a print run.
# When a page is removed or loses a translation, its code must keep working: add
#   redirect: <page id>     (for example 'tourism-hoan-kiem-lake'; same language), or
#   redirect: /<site path>/ (for example '/en/tourism/')
# to its entry. Fields: code, page (the page id), lang, issued (date), redirect (optional).
codes:
"""
CODE_PATTERN = re.compile(r"^[a-z2-7]{6}$")


class RegistryError(ValueError):
    pass


@dataclass(frozen=True)
class RegistryEntry:
    code: str
    page: str
    lang: str
    issued: dt.date
    redirect: str | None = None


@dataclass(frozen=True)
class Registry:
    path: Path
    entries: tuple[RegistryEntry, ...]

    def codes(self) -> set[str]:
        return {entry.code for entry in self.entries}


@dataclass(frozen=True)
class Redirect:
    """``/q/<code>/`` in language ``lang`` leads to the site-relative ``target``."""

    code: str
    lang: str
    target: str  # site-relative: "en/tourism/lake/"
    title: str  # the target's title, in ``lang`` when it exists there
    target_is_path: bool = False  # a declared path, checked against the built site
    title_lang: str | None = None  # the title's language when it is not ``lang``


def load_registry(path: Path, language_codes: Iterable[str]) -> Registry:
    """Read and check the registry; a missing file is an empty registry."""
    if not path.exists():
        return Registry(path, ())
    where = path.as_posix()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise RegistryError(f"{where}:{line}: not valid YAML: {getattr(error, 'problem', error)}") from None
    if data is None:
        return Registry(path, ())
    if not isinstance(data, dict) or set(data) - {"codes"}:
        raise RegistryError(f"{where}: expected one key, 'codes:', holding a list of entries")
    raw_entries = data.get("codes") or []
    if not isinstance(raw_entries, list):
        raise RegistryError(f"{where}: 'codes:' must be a list of entries (- code: ..., page: ..., lang: ..., issued: ...)")
    codes = set(language_codes)
    problems: list[str] = []
    entries: list[RegistryEntry] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_entries, start=1):
        label = f"{where}: entry {index}"
        if not isinstance(raw, dict):
            problems.append(f"{label}: expected the fields code, page, lang and issued")
            continue
        unknown = set(raw) - {"code", "page", "lang", "issued", "redirect"}
        code, page, lang, issued, redirect = (raw.get(key) for key in ("code", "page", "lang", "issued", "redirect"))
        if isinstance(code, str):
            label += f" (code {code})"
        if unknown:
            problems.append(f"{label}: unknown field(s) {', '.join(sorted(map(str, unknown)))}; the fields are code, page, lang, issued, redirect")
        if not isinstance(code, str) or not CODE_PATTERN.match(code):
            problems.append(f"{label}: code: expected 6 characters a-z and 2-7, got {code!r:.20}")
        if not isinstance(page, str) or not ID_PATTERN.match(page):
            problems.append(f"{label}: page: expected a page id such as 'tourism-hoan-kiem-lake', got {page!r:.40}")
        if not isinstance(lang, str) or not lang:
            problems.append(f"{label}: lang: expected a language code such as 'en', got {lang!r:.20}")
        if isinstance(issued, dt.datetime):
            issued = issued.date()
        if not isinstance(issued, dt.date):
            problems.append(f"{label}: issued: expected the date the code was issued, YYYY-MM-DD")
        if redirect is not None and (not isinstance(redirect, str) or not redirect.strip()):
            problems.append(f"{label}: redirect: expected a page id or a site path starting with '/'")
        if problems and problems[-1].startswith(label):
            continue
        assert isinstance(code, str) and isinstance(page, str) and isinstance(lang, str)
        if short_code(page, lang) != code:
            problems.append(
                f"{label}: code '{code}' does not belong to page '{page}' in '{lang}' "
                f"(its code is '{short_code(page, lang)}'); correct the page id or language, never the code"
            )
            continue
        if lang not in codes and redirect is None:
            problems.append(f"{label}: '{lang}' is no longer a language of the site; add 'redirect: /<site path>/' to the entry")
            continue
        if code in seen:
            problems.append(f"{label}: code '{code}' is listed twice (entries {seen[code]} and {index}); keep one")
            continue
        seen[code] = index
        entries.append(RegistryEntry(code, page, lang, issued, redirect.strip() if isinstance(redirect, str) else None))
    if problems:
        raise RegistryError("\n".join(problems))
    return Registry(path, tuple(entries))


def unissued(registry: Registry, items: Iterable[Handout]) -> list[Handout]:
    codes = registry.codes()
    return [item for item in items if item.code not in codes]


def issue(registry: Registry, items: Iterable[Handout], today: dt.date) -> list[RegistryEntry]:
    """Append entries for the handouts whose codes are not issued yet; returns them."""
    new = []
    codes = registry.codes()
    for item in items:
        if item.code in codes:
            continue
        codes.add(item.code)
        new.append(RegistryEntry(item.code, item.page_id, item.lang, today))
    if not new:
        return []
    path = registry.path
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    if not text.endswith("\n"):
        text += "\n"
    data = yaml.safe_load(text) if text.strip() else None
    if not isinstance(data, dict) or "codes" not in data:
        text += "codes:\n"
    elif data.get("codes") == [] and re.search(r"^codes:\s*\[\s*\]\s*$", text, re.M):
        text = re.sub(r"^codes:\s*\[\s*\]\s*$", "codes:", text, flags=re.M)
    existing = re.search(r"^([ \t]*)- +code:", text, re.M)
    indent = existing.group(1) if existing else "  "
    for entry in new:
        text += (
            f"{indent}- code: {entry.code}\n{indent}  page: {entry.page}\n{indent}  lang: {entry.lang}\n"
            f"{indent}  issued: {entry.issued.isoformat()}\n"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return new


def _page_target(corpus: Corpus, page_id: str, lang: str) -> tuple[str, str, str] | None:
    """(site-relative URL, title, title language) of page ``page_id`` for a reader of ``lang``."""
    for norm_path in corpus.source_paths():
        source = corpus.get(norm_path, corpus.source_language.code)
        assert source is not None
        if source.meta.id != page_id:
            continue
        codes = [language.code for language in corpus.languages]
        language = corpus.language(lang) if lang in codes else corpus.source_language
        record = corpus.get(norm_path, language.code) or source
        return page_url(norm_path, language), record.meta.title, record.lang
    return None


def resolve(
    registry: Registry, corpus: Corpus, links: list[ShortLink], built: tuple[str, ...], site_name: str
) -> tuple[list[Redirect], list[str]]:
    """Every short link to write: all current pages, plus every issued code.

    Returns the redirects and the problems (issued codes that lead nowhere)."""
    redirects: dict[str, Redirect] = {}
    for link in links:
        redirects[link.code] = Redirect(
            link.code, link.lang, page_url(link.norm_path, corpus.language(link.lang)), link.title,
            title_lang=link.content_lang if link.is_fallback else None,
        )
    # A printed code promises the page in its language: a fallback copy does not keep it.
    current = {(link.page_id, link.lang) for link in links if not link.is_fallback}
    problems = []
    registry_name = registry.path.as_posix()
    for entry in registry.entries:
        site_language = entry.lang in [language.code for language in corpus.languages]
        if site_language and entry.lang not in built:
            continue  # a preview build of other languages
        if entry.redirect is None:
            if (entry.page, entry.lang) in current:
                continue
            problems.append(
                f"QR code '{entry.code}' (issued {entry.issued.isoformat()} for page '{entry.page}' in '{entry.lang}') "
                f"no longer resolves: no page with id '{entry.page}' is written in '{entry.lang}'. "
                f"Printed codes cannot be recalled: restore the page, or add 'redirect: <page id>' or "
                f"'redirect: /<site path>/' to the entry of '{entry.code}' in {registry_name}"
            )
            continue
        target = entry.redirect
        if target.startswith("/"):
            path = target.lstrip("/")
            if ".." in path.split("/") or "//" in target or ":" in target:
                problems.append(f"QR code '{entry.code}': redirect '{target}' must be a path inside the site, like '/en/tourism/'")
                continue
            redirects[entry.code] = Redirect(entry.code, entry.lang, path, site_name, target_is_path=True)
            continue
        resolved = _page_target(corpus, target, entry.lang) if ID_PATTERN.match(target) else None
        if resolved is None:
            problems.append(
                f"QR code '{entry.code}' (page '{entry.page}' in '{entry.lang}'): redirect '{target}' is not the id of a page; "
                f"write a page id (like 'tourism-hoan-kiem-lake') or a site path starting with '/' in {registry_name}"
            )
            continue
        url, title, title_lang = resolved
        lang = entry.lang if site_language else corpus.source_language.code
        redirects[entry.code] = Redirect(entry.code, lang, url, title, title_lang=title_lang if title_lang != lang else None)
    return sorted(redirects.values(), key=lambda r: r.code), problems


def missing_path_targets(site_dir: Path, redirects: list[Redirect]) -> list[str]:
    """Declared path redirects that lead to nothing in the built site."""
    problems = []
    for redirect in redirects:
        if not redirect.target_is_path:
            continue
        target = site_dir / redirect.target
        if not (target.is_file() or (target / "index.html").is_file()):
            problems.append(
                f"QR code '{redirect.code}': redirect '/{redirect.target}' is not a page or file of the built site; "
                "point it at an existing page"
            )
    return problems
