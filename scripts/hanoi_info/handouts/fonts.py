# Why fontconfig is bound here through cffi rather than through a package
# (issue #14): no maintained Python binding of fontconfig exists, and its CLI
# is much slower for this job. Measured side by side in one run (2 cores, load
# average ~9, medians of 21 rounds, the same 8 family/style patterns, the same
# results): this binding 13 ms; `fc-match` 8 subprocesses one after the other
# 128 ms, all 8 at once 84 ms (each loads the font configuration and caches
# again). For the whole handouts build, which matches once per build, the
# planning step (hanoi_info.handouts.build.prepare, real site, 9 rounds) took
# 37 ms with this binding and 149 ms with `fc-match`, while a rebuild with no
# change renders nothing (under 1 ms). `fc-list` is one 12 ms call but only
# lists fonts: choosing among them would mean re-implementing fontconfig's
# matching and substitution rules, which are what Pango (and so WeasyPrint)
# follows and what this check must see. HarfBuzz's subsetter, by contrast, is
# used through uharfbuzz (hanoi_info.handouts.cjkfonts).
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

import ctypes.util
import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache

from cffi import FFI

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
    index: int = 0  # the face in a collection (.ttc)


_fc = FFI()
_fc.cdef("""
    typedef struct _FcConfig FcConfig;
    typedef struct _FcPattern FcPattern;
    typedef unsigned char FcChar8;
    typedef int FcBool;
    typedef enum { FcMatchPattern, FcMatchFont, FcMatchScan } FcMatchKind;
    typedef enum { FcResultMatch, FcResultNoMatch, FcResultTypeMismatch, FcResultNoId, FcResultOutOfMemory } FcResult;
    FcConfig * FcInitLoadConfigAndFonts (void);
    void FcConfigDestroy (FcConfig *config);
    FcPattern * FcPatternCreate (void);
    void FcPatternDestroy (FcPattern *p);
    FcBool FcPatternAddString (FcPattern *p, const char *object, const FcChar8 *s);
    FcBool FcConfigSubstitute (FcConfig *config, FcPattern *p, FcMatchKind kind);
    void FcDefaultSubstitute (FcPattern *pattern);
    FcPattern * FcFontMatch (FcConfig *config, FcPattern *p, FcResult *result);
    FcResult FcPatternGetString (const FcPattern *p, const char *object, int n, FcChar8 **s);
    FcResult FcPatternGetInteger (const FcPattern *p, const char *object, int n, int *i);
""")


@lru_cache(maxsize=None)
def _fontconfig():
    return _fc.dlopen(ctypes.util.find_library("fontconfig") or "libfontconfig.so.1")


def match_fonts(families: tuple[str, ...] = tuple(FONT_PACKAGES), styles: tuple[str, ...] = ("Regular", "Bold")) -> list[FontMatch]:
    """What fontconfig (the library WeasyPrint's Pango uses) gives for each family and style."""
    fontconfig = _fontconfig()
    config = fontconfig.FcInitLoadConfigAndFonts()
    matches = []
    try:
        for family, style in ((family, style) for family in families for style in styles):
            pattern = fontconfig.FcPatternCreate()
            fontconfig.FcPatternAddString(pattern, b"family", family.encode())
            fontconfig.FcPatternAddString(pattern, b"style", style.encode())
            fontconfig.FcConfigSubstitute(config, pattern, fontconfig.FcMatchPattern)
            fontconfig.FcDefaultSubstitute(pattern)
            result = _fc.new("FcResult *")
            match = fontconfig.FcFontMatch(config, pattern, result)
            fontconfig.FcPatternDestroy(pattern)
            matched_family, file, index = "", "", 0
            if match != _fc.NULL:
                value = _fc.new("FcChar8 **")
                number = _fc.new("int *")
                if fontconfig.FcPatternGetString(match, b"family", 0, value) == fontconfig.FcResultMatch:
                    matched_family = _fc.string(value[0]).decode()
                if fontconfig.FcPatternGetString(match, b"file", 0, value) == fontconfig.FcResultMatch:
                    file = _fc.string(value[0]).decode()
                if fontconfig.FcPatternGetInteger(match, b"index", 0, number) == fontconfig.FcResultMatch:
                    index = number[0]
                fontconfig.FcPatternDestroy(match)
            matches.append(FontMatch(family, style, matched_family, file, index))
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


def check_fonts() -> list[FontMatch]:
    """Raise :class:`MissingDependency` naming the font packages to install;
    return the fonts found (their fingerprint is part of every handout's cache key)."""
    matches = match_fonts()
    problems = font_problems(matches)
    if problems:
        raise MissingDependency("the handouts cannot be rendered:\n" + "\n".join(problems))
    return matches


def check_renderer() -> None:
    """Raise :class:`MissingDependency` when WeasyPrint would subset fonts
    without HarfBuzz. Checked only before a handout is rendered: importing
    WeasyPrint costs 0.3 s, which a build whose handouts all come from the
    cache does not need to spend."""
    problem = harfbuzz_subset_problem()
    if problem:
        raise MissingDependency("the handouts cannot be rendered:\n" + problem)


def fonts_fingerprint(matches: list[FontMatch]) -> str:
    """Changes when a font file the handouts use is replaced or updated."""
    digest = hashlib.sha256()
    for match in sorted(matches, key=lambda m: (m.family, m.style)):
        try:
            stat = os.stat(match.file)
            digest.update(f"{match.family}\0{match.style}\0{match.file}\0{match.index}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        except OSError:
            digest.update(f"{match.family}\0{match.style}\0{match.file}\0missing\n".encode())
    return digest.hexdigest()
