"""The project's UI strings: Babel/gettext catalogs under ``locales/``.

Catalogs are read straight from the ``.po`` files and compiled in memory, so a
translator's edit shows up in the next build with no compiled files to commit.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from hanoi_info.languages import Language
from hanoi_info.messages import N_
from hanoi_info.schema import Problem

DOMAIN = "messages"

# Material's own strings that some of its language files still leave in English
# (for Vietnamese: "Initializing search", "Contributors", ...). The English text is
# the msgid in our catalogs; templates/partials/language.html prefers these.
MATERIAL_STRING_OVERRIDES: dict[str, str] = {
    "search.result.initializer": N_("Initializing search"),
    "source.file.contributors": N_("Contributors"),
    "rss.created": N_("RSS feed"),
    "rss.updated": N_("RSS feed of updated content"),
    "tabs": N_("Tabs"),
    "nav": N_("Navigation"),
    "meta.source": N_("Source"),
}


def extract_site_name(fileobj, keywords, comment_tags, options):
    """Babel extractor (babel.cfg) for mkdocs.yml: its ``site_name`` is the one
    msgid of the site's name, which every output translates per language."""
    for number, line in enumerate(fileobj.read().decode("utf-8").splitlines(), start=1):
        if line.startswith("site_name:"):
            name = line.split(":", 1)[1].split(" #", 1)[0].strip().strip("'\"")
            if name:
                yield number, "gettext", name, []
            return


def site_name(locales_dir: Path, language: Language, msgid: str) -> str:
    """The site's name in a language: mkdocs.yml's site_name through the catalog."""
    return translations(locales_dir, language).gettext(msgid)


def catalog_path(locales_dir: Path, code: str) -> Path:
    return locales_dir / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=32)
def _translations_cached(path: str, mtime_ns: int, babel_locale: str) -> Translations:
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=babel_locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def translations(locales_dir: Path, language: Language) -> NullTranslations:
    """gettext translations for a language; English (the msgid language) needs no catalog."""
    path = catalog_path(locales_dir, language.code)
    if not path.exists():
        if language.code == "en":
            return NullTranslations()
        raise FileNotFoundError(
            f"{path}: missing UI catalog for '{language.code}'; create it with "
            f"'pybabel init -D {DOMAIN} -i locales/messages.pot -d locales -l {language.code}'"
        )
    return _translations_cached(str(path), path.stat().st_mtime_ns, language.babel_locale)


@dataclass(frozen=True)
class CatalogReport:
    code: str
    total: int
    problems: tuple[Problem, ...]


def check_catalog(locales_dir: Path, language: Language, template: Catalog | None = None) -> CatalogReport:
    """Untranslated, fuzzy and out-of-date entries of one language's catalog."""
    path = catalog_path(locales_dir, language.code)
    shown = path.as_posix()
    if not path.exists():
        return CatalogReport(language.code, 0, (Problem(shown, 1, "UI catalog missing; run 'make catalogs' and translate it"),))
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=language.babel_locale)
    problems: list[Problem] = []
    total = 0
    for message in catalog:
        if not message.id:
            continue
        total += 1
        line = message.lineno or 1
        text = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if message.fuzzy:
            problems.append(Problem(shown, line, f"fuzzy translation of '{text}'; review it and remove the 'fuzzy' flag"))
        elif not all(strings):
            problems.append(Problem(shown, line, f"untranslated: '{text}'"))
        elif any('"' in string for string in strings):
            # Templates put translations into attributes (alt, title, aria-label), where
            # Jinja's translated Markup is not escaped again: a straight quote ends the attribute.
            problems.append(Problem(shown, line, f"straight double quote in the translation of '{text}'; "
                                                 "write typographic quotes (“ ” or « ») instead"))
    if template is not None:
        known = {message.id for message in catalog if message.id}
        for message in template:
            if message.id and message.id not in known:
                text = message.id if isinstance(message.id, str) else message.id[0]
                problems.append(Problem(shown, 1, f"missing entry '{text}'; run 'make catalogs' to update the catalog"))
    return CatalogReport(language.code, total, tuple(problems))


def read_template(locales_dir: Path) -> Catalog:
    with open(locales_dir / f"{DOMAIN}.pot", "rb") as handle:
        return read_po(handle)


def update_catalogs(root: Path, locales_dir: Path, languages: tuple[Language, ...]) -> list[Path]:
    """Extract every UI string into ``messages.pot`` and merge it into each
    language's catalog (creating missing ones). English is the msgid language,
    so its catalog is filled with the msgids themselves."""
    from babel.messages.frontend import CommandLineInterface

    template = locales_dir / f"{DOMAIN}.pot"
    cli = CommandLineInterface()
    cli.run([
        "pybabel", "-q", "extract", "-F", str(root / "babel.cfg"), "-k", "N_", "--no-location",
        "--sort-output", "--omit-header", "-o", str(template), str(root),
    ])
    written = []
    for language in languages:
        path = catalog_path(locales_dir, language.code)
        action = "update" if path.exists() else "init"
        args = ["pybabel", "-q", action, "-D", DOMAIN, "-i", str(template), "-d", str(locales_dir), "-l", language.code]
        if action == "update":
            args += ["--no-fuzzy-matching", "--ignore-obsolete"]
        cli.run(args)
        if language.code == "en":
            _fill_with_msgids(path, language)
        written.append(path)
    return written


def _fill_with_msgids(path: Path, language: Language) -> None:
    from babel.messages.pofile import write_po

    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=language.babel_locale)
    for message in catalog:
        if isinstance(message.id, (list, tuple)):  # plural: msgstr[0] singular, msgstr[1] plural
            if not all(message.string):
                message.string = tuple(message.id)
        elif message.id and not message.string:
            message.string = message.id
    with open(path, "wb") as handle:
        write_po(handle, catalog, omit_header=False, no_location=True, sort_output=True)
