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

The cut-down fonts are made with HarfBuzz's subsetter (never fontTools),
through uharfbuzz (the maintained Python bindings, which bring their own
HarfBuzz), and kept in the handouts cache, named after the source font's
fingerprint and the subsetter's HarfBuzz version; they are inputs of the PDFs
like any other font file (the stylesheet that points to them is part of every
cache key)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import uharfbuzz as hb

from hanoi_info.cachefiles import write_atomically
from hanoi_info.handouts.fonts import CJK_FAMILIES, FontMatch

CHARSET_VERSION = "1"
SUFFIX = "Handout"  # the prepared face's CSS family: "Noto Sans CJK JP Handout"
NATIONAL_SETS = {"zh": "gb2312", "ja": "euc_jp", "ko": "euc_kr"}
COMMON_RANGES = (
    (0x0020, 0x007E), (0x00A0, 0x024F), (0x1E00, 0x1EFF), (0x2000, 0x206F), (0x2070, 0x20CF), (0x2100, 0x22FF),
    (0x2460, 0x24FF), (0x2500, 0x26FF), (0x3000, 0x30FF), (0x31F0, 0x33FF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
)
HANGUL_RANGES = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7A3))


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
            key = f"{CHARSET_VERSION}\0{hb.version_string()}\0{match.file}\0{match.index}\0{stat.st_size}\0{stat.st_mtime_ns}"
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
    try:
        face = hb.Face(hb.Blob.from_file_path(source), index)
    except hb.HarfBuzzError as error:
        raise OSError(f"{source}: cannot be read") from error
    subset_input = hb.SubsetInput()
    subset_input.unicode_set.update(code_points)
    try:
        return hb.subset(face, subset_input).blob.data
    except RuntimeError as error:
        raise OSError(f"{source}: HarfBuzz could not subset face {index}") from error


def prepare(fonts: list[PreparedFont], map_: Callable = map) -> int:
    """Make the prepared faces that are not in the cache yet, one per call of
    ``map_`` (a process pool's ``map`` makes them on every core). Returns how many were made.

    Not in threads: uharfbuzz holds the GIL while it subsets, so threads do
    not overlap (measured, six faces, 2 cores, medians of 7 rounds: one after
    the other 1.6 s, in a 2-thread pool 2.4 s; the former cffi binding of the
    system's HarfBuzz 6 in that pool 2.7 s)."""
    missing = [font for font in fonts if not font.path.is_file()]
    for _ in map_(prepare_one, missing):
        pass
    return len(missing)


def prepare_one(font: PreparedFont) -> None:
    write_atomically(font.path, subset_font(font.source, font.index, charset(font.lang)))
