"""QR codes for print (handouts, short-link images) and screen (the kiosk).

One encoder, one cache, one SVG path builder, one set of renderers:

* :func:`encode` turns data into a :class:`QrMatrix` at an error correction
  level: :data:`PRINT_LEVEL` (Q, survives a scuffed or folded sheet) for
  everything printed, :data:`SCREEN_LEVEL` (M, a smaller symbol) for the kiosk.
* :class:`QrCache` keeps matrices in memory and on disk, in files named by a
  hash of their content (:func:`content_hash`): the pure-Python encoder's
  choice of mask takes 10–40 ms per code, too slow to repeat for hundreds of
  codes on every build.
* :func:`qr_svg` and :func:`qr_png` draw a matrix. With ``symbol_mm`` they
  draw for print (SVG sized in millimetres; PNG at :data:`PNG_DPI`) and refuse
  a symbol narrower than :data:`MIN_SYMBOL_MM`; without it, for screen (an SVG
  that scales to its container; a PNG of one pixel per module, which the
  handout scales up without smoothing).

Every image includes the 4-module quiet zone, so nobody can crop it away.

A printed code lives for years: the bytes of printed codes are pinned by
``tests/test_qr.py``; a change that alters them must be deliberate.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import re
from dataclasses import dataclass
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Literal, Sequence

import qrcode
from PIL import Image
from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_L, ERROR_CORRECT_M, ERROR_CORRECT_Q
from hanoi_info.cachefiles import write_atomically

Level = Literal["L", "M", "Q", "H"]

PRINT_LEVEL: Level = "Q"  # handouts and the short links' QR images
SCREEN_LEVEL: Level = "M"  # the kiosk's codes, read from a lit screen
PRINT_MAX_VERSION = 4  # a printed short link of a site address up to 30 characters fits version 4
QUIET_ZONE = 4  # modules, on each side (ISO/IEC 18004 minimum)
MIN_SYMBOL_MM = 25.0  # printed width of the symbol itself, quiet zone excluded
PNG_DPI = 300
MM_PER_INCH = 25.4
CACHE_DIR = Path(".cache") / "qr"  # below the project root

_LEVELS = {"L": ERROR_CORRECT_L, "M": ERROR_CORRECT_M, "Q": ERROR_CORRECT_Q, "H": ERROR_CORRECT_H}


@dataclass(frozen=True)
class QrMatrix:
    data: str
    level: Level
    version: int
    modules: tuple[tuple[bool, ...], ...]  # True = dark; the symbol only, without the quiet zone

    @property
    def size(self) -> int:
        return len(self.modules)

    @property
    def size_with_quiet_zone(self) -> int:
        return self.size + 2 * QUIET_ZONE


def encode(data: str, level: Level) -> QrMatrix:
    """The smallest symbol at error correction ``level`` that holds ``data``."""
    code = qrcode.QRCode(version=None, error_correction=_LEVELS[level], border=0)
    code.add_data(data)
    code.make(fit=True)
    modules = tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())
    return QrMatrix(data=data, level=level, version=code.version, modules=modules)


def content_hash(data: str) -> str:
    """A stable name for ``data``: the kiosk's QR file names and the cache's file names."""
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def svg_file_name(data: str) -> str:
    """The file name of the code of ``data``: the same link always gets the same file."""
    return content_hash(data) + ".svg"


class QrCache:
    """QR matrices by level and data, in memory and (with a folder) on disk.

    A file per code, ``<folder>/v1-qrcode-<library version>/<level>-<hash>.txt``:
    the data (as JSON), the level, the version and one line of 0/1 per row.
    A file whose data, level or shape does not match is ignored and replaced,
    so a hash collision or a damaged file never yields a wrong code."""

    FORMAT = "1"  # change when the file format changes

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder / f"v{self.FORMAT}-qrcode-{package_version('qrcode')}" if folder is not None else None
        self.memory: dict[tuple[Level, str], QrMatrix] = {}

    def _file(self, data: str, level: Level) -> Path:
        assert self.folder is not None
        return self.folder / f"{level}-{content_hash(data)}.txt"

    def _read(self, data: str, level: Level) -> QrMatrix | None:
        try:
            stored, stored_level, version, *rows = self._file(data, level).read_text(encoding="utf-8").split("\n")
            if json.loads(stored) != data or stored_level != level:
                return None
            size = 17 + 4 * int(version)
            if len(rows) != size or any(len(row) != size or row.strip("01") for row in rows):
                return None
            return QrMatrix(data, level, int(version), tuple(tuple(map("1".__eq__, row)) for row in rows))
        except (OSError, ValueError):
            return None

    def _write(self, matrix: QrMatrix) -> None:
        assert self.folder is not None
        rows = ["".join("1" if cell else "0" for cell in row) for row in matrix.modules]
        text = "\n".join([json.dumps(matrix.data), matrix.level, str(matrix.version), *rows])
        write_atomically(self._file(matrix.data, matrix.level), text.encode("utf-8"))

    def matrix(self, data: str, level: Level) -> QrMatrix:
        key = (level, data)
        if key in self.memory:
            return self.memory[key]
        matrix = self._read(data, level) if self.folder is not None else None
        if matrix is None:
            matrix = encode(data, level)
            if self.folder is not None:
                self._write(matrix)
        self.memory[key] = matrix
        return matrix


_DARK_RUN = re.compile(rb"\x01+")


def dark_runs(row: Sequence[bool]) -> list[tuple[int, int]]:
    """(start, end) of every run of dark modules in ``row``, end exclusive.

    Found by a regular expression over the row as bytes, not a loop over its
    modules: the kiosk draws about 500 codes per build, and the loop took
    0.2 s of it (measured)."""
    return [match.span() for match in _DARK_RUN.finditer(bytes(map(bool, row)))]


def svg_path(matrix: QrMatrix, *, stroked: bool) -> str:
    """Path data drawing every run of dark modules on a row as one bar, offset by the quiet zone.

    ``stroked=False`` (print): each run is a closed rectangle, to be filled;
    the exact module squares a designer's vector tool expects.
    ``stroked=True`` (screen): each run is a line one module thick through the
    middle of the row, to be stroked, with relative moves along a row: shorter
    path data, which keeps the kiosk's codes of long addresses small."""
    parts: list[str] = []
    for y, row in enumerate(matrix.modules):
        previous_end = None
        for start, end in dark_runs(row):
            width = end - start
            if not stroked:
                parts.append(f"M{start + QUIET_ZONE} {y + QUIET_ZONE}h{width}v1h-{width}z")
            elif previous_end is None:
                parts.append(f"M{start + QUIET_ZONE} {y + QUIET_ZONE}.5h{width}")
            else:
                parts.append(f"m{start - previous_end} 0h{width}")
            previous_end = end
    return "".join(parts)


def qr_svg(matrix: QrMatrix, *, symbol_mm: float | None = None, title: str | None = None) -> str:
    """A standalone SVG document of ``matrix``, quiet zone included.

    With ``symbol_mm`` (print): sized in millimetres so that the symbol itself
    is ``symbol_mm`` wide, filled module squares, level Q only. Without it
    (screen): no size of its own, it scales to its container."""
    total = matrix.size_with_quiet_zone
    label = f"<title>{_escape(title)}</title>" if title else ""
    background = f'<rect width="{total}" height="{total}" fill="#fff"/>'
    if symbol_mm is None:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {total} {total}" shape-rendering="crispEdges">'
            f'{label}{background}<path stroke="#000" d="{svg_path(matrix, stroked=True)}"/></svg>\n'
        )
    _check_print(matrix, symbol_mm)
    width_mm = symbol_mm * total / matrix.size
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{width_mm:.2f}mm" height="{width_mm:.2f}mm" '
        f'viewBox="0 0 {total} {total}" shape-rendering="crispEdges" role="img">'
        f'{label}{background}<path fill="#000" d="{svg_path(matrix, stroked=False)}"/></svg>'
    )


def qr_png(matrix: QrMatrix, *, symbol_mm: float | None = None) -> bytes:
    """A 1-bit PNG of ``matrix``, quiet zone included.

    With ``symbol_mm`` (print): at :data:`PNG_DPI`, whole pixels per module,
    the symbol at least ``symbol_mm`` wide, level Q only. Without it: one
    pixel per module, for the handout, which scales it up without smoothing
    (``image-rendering: pixelated``; PDF viewers and print drivers draw sharp
    squares, and WeasyPrint draws it far faster than an SVG path)."""
    total = matrix.size_with_quiet_zone
    image = Image.new("1", (total, total), 1)
    pixels = image.load()
    for y, row in enumerate(matrix.modules):
        for x, dark in enumerate(row):
            if dark:
                pixels[x + QUIET_ZONE, y + QUIET_ZONE] = 0
    buffer = io.BytesIO()
    if symbol_mm is None:
        image.save(buffer, format="PNG")
        return buffer.getvalue()
    _check_print(matrix, symbol_mm)
    module_px = math.ceil(symbol_mm / MM_PER_INCH * PNG_DPI / matrix.size)
    image = image.resize((total * module_px, total * module_px), Image.Resampling.NEAREST)
    image.save(buffer, format="PNG", dpi=(PNG_DPI, PNG_DPI))
    return buffer.getvalue()


def _check_print(matrix: QrMatrix, symbol_mm: float) -> None:
    if symbol_mm < MIN_SYMBOL_MM:
        raise ValueError(f"a printed QR symbol must be at least {MIN_SYMBOL_MM} mm wide, not {symbol_mm}")
    if matrix.level != PRINT_LEVEL:
        raise ValueError(f"a printed QR code must have error correction level {PRINT_LEVEL}, not {matrix.level}")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
