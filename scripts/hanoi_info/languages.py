"""The site's languages, defined once.

``mkdocs.yml`` lists language codes under the ``hanoi-i18n`` plugin; everything
else (the static-i18n configuration, the language switcher's native names,
hreflang values, Babel locales for dates, search settings, the catalogs that
must exist) is derived here from those codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, UnknownLocaleError

# Babel locale used for dates, numbers and plural rules where the bare code is
# ambiguous: "zh" on this site means Simplified Chinese as written in China.
BABEL_LOCALE_OVERRIDES = {"zh": "zh_Hans_CN"}
# hreflang values (BCP 47) where the bare code would be ambiguous.
HREFLANG_OVERRIDES = {"zh": "zh-Hans"}
CJK_CODES = frozenset({"zh", "ja", "ko"})
# Mid-sentence names where CLDR's differs: Vietnamese writes "bằng tiếng Việt".
NAME_IN_SENTENCE_OVERRIDES = {"vi": "tiếng Việt"}


class LanguageConfigError(ValueError):
    pass


@dataclass(frozen=True)
class Language:
    code: str  # folder prefix, file suffix and catalog name: "vi", "en", "zh"
    babel_locale: str  # "zh_Hans_CN"
    native_name: str  # "Tiếng Việt", "Français", "中文": for menus and headings
    name_in_sentence: str  # "tiếng Việt", "français", "中文": inside a sentence of the language itself
    hreflang: str  # "zh-Hans"
    is_source: bool  # the language editors write in (Vietnamese)

    @property
    def is_cjk(self) -> bool:
        return self.code in CJK_CODES

    @property
    def url_prefix(self) -> str:
        """Path of the language's home below the site root: "" or "en/"."""
        return "" if self.is_source else f"{self.code}/"

    def locale(self) -> Locale:
        return Locale.parse(self.babel_locale)


@lru_cache(maxsize=None)
def language_for_code(code: str, is_source: bool = False) -> Language:
    babel_locale = BABEL_LOCALE_OVERRIDES.get(code, code)
    try:
        locale = Locale.parse(babel_locale)
    except (UnknownLocaleError, ValueError):
        raise LanguageConfigError(
            f"mkdocs.yml: plugins.hanoi-i18n.languages: '{code}' is not a language Babel knows; "
            "use an ISO 639-1 code such as 'th' or 'id'"
        ) from None
    name = locale.get_language_name(locale) or code
    # CLDR gives the name as it is written inside a sentence ("français"), except
    # where its own data starts it with a capital in every position; a menu entry
    # starts with a capital.
    native_name = name[:1].upper() + name[1:]
    return Language(
        code=code,
        babel_locale=babel_locale,
        native_name=native_name,
        name_in_sentence=NAME_IN_SENTENCE_OVERRIDES.get(code, name),
        hreflang=HREFLANG_OVERRIDES.get(code, code),
        is_source=is_source,
    )


def languages_from_codes(codes: list[str] | tuple[str, ...]) -> tuple[Language, ...]:
    """Expand the configured codes; the first one is the source language."""
    if not codes:
        raise LanguageConfigError("mkdocs.yml: plugins.hanoi-i18n.languages: list at least one language code")
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            raise LanguageConfigError(f"mkdocs.yml: plugins.hanoi-i18n.languages: '{code}' is listed twice")
        seen.add(code)
    return tuple(language_for_code(code, index == 0) for index, code in enumerate(codes))


def static_i18n_languages(languages: tuple[Language, ...]) -> list[dict]:
    """The ``languages`` option of mkdocs-static-i18n for these languages."""
    return [
        {
            "locale": language.code,
            "name": language.native_name,
            "default": language.is_source,
            "build": True,
        }
        for language in languages
    ]
