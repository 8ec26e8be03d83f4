"""The fonts and libraries the handouts need, checked before anything is rendered.

* Noto Sans (Vietnamese diacritics) and the regional Noto Sans CJK faces,
  found through fontconfig: a missing family would silently fall back to
  another font, so a missing package is an error that names it.
* HarfBuzz's subset library: WeasyPrint 70 subsets fonts with HarfBuzz only
  when ``libharfbuzz-subset`` (>= 4.1) can be loaded
  (``weasyprint.pdf.fonts.Font.subset``); otherwise it logs "Using fontTools
  instead of HarfBuzz-Subset" and falls back to fontTools, which is many times
  slower on the CJK fonts. We refuse that fallback.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

HARFBUZZ_SUBSET_PACKAGE = "libharfbuzz-subset0"
FONTTOOLS_FALLBACK_MESSAGE = "Using fontTools instead of HarfBuzz-Subset"
HARFBUZZ_MIN_VERSION = (4, 1, 0)  # WeasyPrint needs hb_set_add_sorted_array

# Family (as the stylesheet names it) -> Debian package that provides it.
FONT_PACKAGES: dict[str, str] = {
    "Noto Sans": "fonts-noto-core",
    "Noto Sans CJK SC": "fonts-noto-cjk",
    "Noto Sans CJK JP": "fonts-noto-cjk",
    "Noto Sans CJK KR": "fonts-noto-cjk",
}
# The regional CJK face for each CJK language (the stylesheet selects it with :lang()).
CJK_FAMILIES = {"zh": "Noto Sans CJK SC", "ja": "Noto Sans CJK JP", "ko": "Noto Sans CJK KR"}


class MissingDependency(RuntimeError):
    pass


def harfbuzz_subset_problem() -> str | None:
    """Why WeasyPrint would fall back to fontTools, or None when HarfBuzz subsetting works."""
    from weasyprint.text import ffi

    if ffi.harfbuzz_subset is None:
        return (
            "WeasyPrint cannot load HarfBuzz's subset library, so it would subset fonts with fontTools "
            f"(many times slower); install the Debian package {HARFBUZZ_SUBSET_PACKAGE} "
            f"(sudo apt-get install {HARFBUZZ_SUBSET_PACKAGE}) or run 'make setup'"
        )
    if not ffi.harfbuzz.hb_version_atleast(*HARFBUZZ_MIN_VERSION):
        version = ffi.ffi.string(ffi.harfbuzz.hb_version_string()).decode() if hasattr(ffi.harfbuzz, "hb_version_string") else "too old"
        return (
            f"HarfBuzz {version} is older than {'.'.join(map(str, HARFBUZZ_MIN_VERSION))}; WeasyPrint would subset "
            f"fonts with fontTools (many times slower); upgrade the Debian packages libharfbuzz0b and {HARFBUZZ_SUBSET_PACKAGE}"
        )
    return None


@dataclass(frozen=True)
class FontMatch:
    family: str  # requested
    style: str  # requested: "Regular" or "Bold"
    matched_family: str
    file: str


def match_fonts(families: tuple[str, ...] = tuple(FONT_PACKAGES), styles: tuple[str, ...] = ("Regular", "Bold")) -> list[FontMatch]:
    """What fontconfig gives for each family and style (through the same library WeasyPrint uses)."""
    from weasyprint.text.ffi import ffi, fontconfig

    config = fontconfig.FcInitLoadConfigAndFonts()
    matches = []
    try:
        for family, style in ((family, style) for family in families for style in styles):
            pattern = fontconfig.FcPatternCreate()
            fontconfig.FcPatternAddString(pattern, b"family", family.encode())
            fontconfig.FcPatternAddString(pattern, b"style", style.encode())
            fontconfig.FcConfigSubstitute(config, pattern, 0)  # FcMatchPattern
            fontconfig.FcDefaultSubstitute(pattern)
            result = ffi.new("FcResult *")
            match = fontconfig.FcFontMatch(config, pattern, result)
            fontconfig.FcPatternDestroy(pattern)
            matched_family, file = "", ""
            if match != ffi.NULL:
                value = ffi.new("FcChar8 **")
                if fontconfig.FcPatternGetString(match, b"family", 0, value) == 0:
                    matched_family = ffi.string(value[0]).decode()
                if fontconfig.FcPatternGetString(match, b"file", 0, value) == 0:
                    file = ffi.string(value[0]).decode()
                fontconfig.FcPatternDestroy(match)
            matches.append(FontMatch(family, style, matched_family, file))
    finally:
        fontconfig.FcConfigDestroy(config)
    return matches


def font_problems(matches: list[FontMatch]) -> list[str]:
    problems = []
    for match in matches:
        if match.style != "Regular":
            continue  # a missing bold face is synthesized; the family itself is what matters
        if match.matched_family.casefold() != match.family.casefold():
            package = FONT_PACKAGES.get(match.family, "the package that provides it")
            got = f"'{match.matched_family}'" if match.matched_family else "nothing"
            problems.append(
                f"font '{match.family}' is not installed (fontconfig offers {got} instead); "
                f"install the Debian package {package} (sudo apt-get install {package}) or run 'make setup'"
            )
    return problems


def check_dependencies() -> list[FontMatch]:
    """Raise :class:`MissingDependency` naming the packages to install; return the fonts found."""
    problems = []
    harfbuzz = harfbuzz_subset_problem()
    if harfbuzz:
        problems.append(harfbuzz)
    matches = match_fonts()
    problems += font_problems(matches)
    if problems:
        raise MissingDependency("the handouts cannot be rendered:\n" + "\n".join(problems))
    return matches


def fonts_fingerprint(matches: list[FontMatch]) -> str:
    """Changes when a font file the handouts use is replaced or updated."""
    digest = hashlib.sha256()
    for match in sorted(matches, key=lambda m: (m.family, m.style)):
        try:
            stat = os.stat(match.file)
            digest.update(f"{match.family}\0{match.style}\0{match.file}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        except OSError:
            digest.update(f"{match.family}\0{match.style}\0{match.file}\0missing\n".encode())
    return digest.hexdigest()
