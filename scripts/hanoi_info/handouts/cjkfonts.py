"""Smaller CJK fonts for the handouts, made once per machine.

Noto Sans CJK ships as one collection of 65,535 glyphs per weight. WeasyPrint
subsets the fonts it embeds for every PDF, and for a face that size HarfBuzz
spends most of a handout's rendering time there (and the subset keeps a slot
for every glyph id, some 200 KB per font). So, before rendering, each regional
face the handouts use (Noto Sans CJK SC, JP, KR; regular and bold) is cut down
to the characters of its language's national standard set (GB 2312, JIS X 0208,
KS X 1001 and all of modern Hangul) plus Latin, punctuation, kana and
full-width forms. The stylesheet names this face first
(``"Noto Sans CJK JP Handout"``) and the full system face after it, so a rarer
character still prints, from the full face.

The cut-down fonts are made with HarfBuzz's subsetter (never fontTools) and
kept in the handouts cache, named after the source font's fingerprint; they
are inputs of the PDFs like any other font file (the stylesheet that points to
them is part of every cache key)."""

from __future__ import annotations

import ctypes.util
import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cffi import FFI

from hanoi_info.handouts.fonts import CJK_FAMILIES, FontMatch

CHARSET_VERSION = "1"
SUFFIX = "Handout"  # the prepared face's CSS family: "Noto Sans CJK JP Handout"
NATIONAL_SETS = {"zh": "gb2312", "ja": "euc_jp", "ko": "euc_kr"}
COMMON_RANGES = (
    (0x0020, 0x007E), (0x00A0, 0x024F), (0x1E00, 0x1EFF), (0x2000, 0x206F), (0x2070, 0x20CF), (0x2100, 0x22FF),
    (0x2460, 0x24FF), (0x2500, 0x26FF), (0x3000, 0x30FF), (0x31F0, 0x33FF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
)
HANGUL_RANGES = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7A3))

_ffi = FFI()
_ffi.cdef("""
    typedef struct _hb_blob_t hb_blob_t;
    typedef struct _hb_face_t hb_face_t;
    typedef struct _hb_set_t hb_set_t;
    typedef struct _hb_subset_input_t hb_subset_input_t;
    typedef uint32_t hb_codepoint_t;
    hb_blob_t * hb_blob_create_from_file_or_fail (const char *file_name);
    void hb_blob_destroy (hb_blob_t *blob);
    const char * hb_blob_get_data (hb_blob_t *blob, unsigned int *length);
    hb_face_t * hb_face_create (hb_blob_t *blob, unsigned int index);
    void hb_face_destroy (hb_face_t *face);
    hb_blob_t * hb_face_reference_blob (hb_face_t *face);
    void hb_set_add_range (hb_set_t *set, hb_codepoint_t first, hb_codepoint_t last);
    void hb_set_add (hb_set_t *set, hb_codepoint_t codepoint);
    hb_subset_input_t * hb_subset_input_create_or_fail (void);
    void hb_subset_input_destroy (hb_subset_input_t *input);
    hb_set_t * hb_subset_input_unicode_set (hb_subset_input_t *input);
    hb_face_t * hb_subset_or_fail (hb_face_t *source, const hb_subset_input_t *input);
""")


@lru_cache(maxsize=None)
def _libraries():
    def open_library(name: str, soname: str):
        return _ffi.dlopen(ctypes.util.find_library(name) or soname)

    return open_library("harfbuzz", "libharfbuzz.so.0"), open_library("harfbuzz-subset", "libharfbuzz-subset.so.0")


@dataclass(frozen=True)
class PreparedFont:
    lang: str
    family: str  # the system face it comes from: "Noto Sans CJK JP"
    weight: int  # 400 or 700
    source: str  # font file (a collection) and face index
    index: int
    path: Path  # the cut-down font in the cache

    @property
    def css_family(self) -> str:
        return f"{self.family} {SUFFIX}"


@lru_cache(maxsize=None)
def charset(lang: str) -> tuple[int, ...]:
    """The code points kept for a CJK language."""
    points: set[int] = set()
    for first, last in COMMON_RANGES + (HANGUL_RANGES if lang == "ko" else ()):
        points.update(range(first, last + 1))
    codec = NATIONAL_SETS[lang]
    for lead in range(0xA1, 0xFF):
        for trail in range(0xA1, 0xFF):
            try:
                points.update(map(ord, bytes((lead, trail)).decode(codec)))
            except UnicodeDecodeError:
                pass
    return tuple(sorted(points))


def planned(matches: list[FontMatch], cache_dir: Path) -> list[PreparedFont]:
    """Where each prepared face goes; its name changes with the source font file."""
    fonts = []
    for lang, family in CJK_FAMILIES.items():
        for match in matches:
            if match.family != family or match.matched_family != family or not match.file:
                continue
            weight = 700 if match.style == "Bold" else 400
            stat = os.stat(match.file)
            key = f"{CHARSET_VERSION}\0{match.file}\0{match.index}\0{stat.st_size}\0{stat.st_mtime_ns}"
            digest = hashlib.sha256(key.encode()).hexdigest()[:16]
            slug = family.lower().replace(" ", "-")
            path = cache_dir / "fonts" / f"{slug}-{weight}-{digest}.otf"
            fonts.append(PreparedFont(lang, family, weight, match.file, match.index, path))
    return fonts


def font_face_css(fonts: list[PreparedFont]) -> str:
    return "".join(
        f'@font-face {{ font-family: "{font.css_family}"; font-weight: {font.weight}; '
        f'src: url("{font.path.resolve().as_uri()}"); }}\n'
        for font in fonts
    )


def subset_font(source: str, index: int, code_points: tuple[int, ...]) -> bytes:
    harfbuzz, subset = _libraries()
    blob = harfbuzz.hb_blob_create_from_file_or_fail(source.encode())
    if blob == _ffi.NULL:
        raise OSError(f"{source}: cannot be read")
    face = harfbuzz.hb_face_create(blob, index)
    subset_input = subset.hb_subset_input_create_or_fail()
    result = _ffi.NULL
    try:
        unicodes = subset.hb_subset_input_unicode_set(subset_input)
        for point in code_points:
            harfbuzz.hb_set_add(unicodes, point)
        result = subset.hb_subset_or_fail(face, subset_input)
        if result == _ffi.NULL:
            raise OSError(f"{source}: HarfBuzz could not subset face {index}")
        data_blob = harfbuzz.hb_face_reference_blob(result)
        length = _ffi.new("unsigned int *")
        data = bytes(_ffi.buffer(harfbuzz.hb_blob_get_data(data_blob, length), length[0]))
        harfbuzz.hb_blob_destroy(data_blob)
        return data
    finally:
        if result != _ffi.NULL:
            harfbuzz.hb_face_destroy(result)
        subset.hb_subset_input_destroy(subset_input)
        harfbuzz.hb_face_destroy(face)
        harfbuzz.hb_blob_destroy(blob)


def prepare(fonts: list[PreparedFont]) -> int:
    """Make the prepared faces that are not in the cache yet (HarfBuzz runs
    without the GIL, so two at a time). Returns how many were made."""
    missing = [font for font in fonts if not font.path.is_file()]

    def make(font: PreparedFont) -> None:
        font.path.parent.mkdir(parents=True, exist_ok=True)
        data = subset_font(font.source, font.index, charset(font.lang))
        temporary = font.path.with_name(f".{font.path.name}.{os.getpid()}")
        temporary.write_bytes(data)
        os.replace(temporary, font.path)

    if missing:
        with ThreadPoolExecutor(max(1, min(len(missing), os.cpu_count() or 1))) as pool:
            list(pool.map(make, missing))
    return len(missing)
