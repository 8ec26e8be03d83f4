"""QR codes for printed short links: one matrix, drawn as SVG (vector, for the
handout and for designers) and as a 300 dpi PNG.

Error correction level Q survives a scuffed or folded sheet; the 4-module
quiet zone is part of every image, so a designer cannot crop it away by
accident. The symbol (without its quiet zone) is printed at least
:data:`MIN_SYMBOL_MM` wide."""

from __future__ import annotations

import hashlib
import io
import math
import os
from dataclasses import dataclass
from pathlib import Path

import qrcode
from qrcode.constants import ERROR_CORRECT_Q

from hanoi_info.qrmodules import dark_runs
from PIL import Image

QUIET_ZONE = 4  # modules, on each side (ISO/IEC 18004 minimum)
MIN_SYMBOL_MM = 25.0  # printed width of the symbol itself, quiet zone excluded
PNG_DPI = 300
MM_PER_INCH = 25.4


@dataclass(frozen=True)
class QrMatrix:
    data: str
    version: int
    modules: tuple[tuple[bool, ...], ...]  # the symbol only, without the quiet zone

    @property
    def size(self) -> int:
        return len(self.modules)

    @property
    def size_with_quiet_zone(self) -> int:
        return self.size + 2 * QUIET_ZONE


def qr_matrix(data: str) -> QrMatrix:
    """The smallest symbol at error correction level Q that holds ``data``."""
    code = qrcode.QRCode(version=None, error_correction=ERROR_CORRECT_Q, border=0)
    code.add_data(data)
    code.make(fit=True)
    modules = tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())
    return QrMatrix(data=data, version=code.version, modules=modules)


class MatrixCache:
    """QR matrices by their data, kept in memory and (with a folder) on disk:
    choosing the best mask pattern takes the pure-Python encoder some 40 ms
    per code, too slow to repeat for every page on every build."""

    VERSION = "1"

    def __init__(self, folder: Path | None = None):
        self.folder = folder
        self.memory: dict[str, QrMatrix] = {}

    def _file(self, data: str) -> Path:
        assert self.folder is not None
        digest = hashlib.sha256(f"{self.VERSION}\n{qrcode.__name__}\n{data}".encode()).hexdigest()[:32]
        return self.folder / f"{digest}.txt"

    def get(self, data: str) -> QrMatrix:
        if data in self.memory:
            return self.memory[data]
        matrix = None
        if self.folder is not None:
            try:
                version, stored, *rows = self._file(data).read_text(encoding="utf-8").split("\n")
                if stored == data and rows and all(len(row) == len(rows) for row in rows):
                    matrix = QrMatrix(data, int(version), tuple(tuple(cell == "1" for cell in row) for row in rows))
            except (OSError, ValueError):
                matrix = None
        if matrix is None:
            matrix = qr_matrix(data)
            if self.folder is not None:
                self.folder.mkdir(parents=True, exist_ok=True)
                rows = ["".join("1" if cell else "0" for cell in row) for row in matrix.modules]
                text = "\n".join([str(matrix.version), data, *rows])
                temporary = self._file(data).with_suffix(f".{os.getpid()}.tmp")
                temporary.write_text(text, encoding="utf-8")
                os.replace(temporary, self._file(data))
        self.memory[data] = matrix
        return matrix


def _path_data(matrix: QrMatrix) -> str:
    """One SVG path for all dark modules, with runs of dark modules on a row merged."""
    return "".join(
        f"M{start + QUIET_ZONE} {y + QUIET_ZONE}h{end - start}v1h-{end - start}z"
        for y, row in enumerate(matrix.modules)
        for start, end in dark_runs(row)
    )


def qr_svg(matrix: QrMatrix, symbol_mm: float = 26.0, *, title: str | None = None) -> str:
    """A standalone SVG whose symbol is ``symbol_mm`` wide (quiet zone added around it)."""
    if symbol_mm < MIN_SYMBOL_MM:
        raise ValueError(f"a printed QR symbol must be at least {MIN_SYMBOL_MM} mm wide, not {symbol_mm}")
    total = matrix.size_with_quiet_zone
    width_mm = symbol_mm * total / matrix.size
    label = f"<title>{_escape(title)}</title>" if title else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{width_mm:.2f}mm" height="{width_mm:.2f}mm" '
        f'viewBox="0 0 {total} {total}" shape-rendering="crispEdges" role="img">{label}'
        f'<rect width="{total}" height="{total}" fill="#fff"/>'
        f'<path fill="#000" d="{_path_data(matrix)}"/></svg>'
    )


def qr_module_png(matrix: QrMatrix) -> bytes:
    """One pixel per module, quiet zone included: for the handout, where it is
    scaled up without smoothing (``image-rendering: pixelated``), which PDF
    viewers and print drivers draw as sharp squares. WeasyPrint draws this far
    faster than the same symbol as an SVG path."""
    image = _module_image(matrix)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _module_image(matrix: QrMatrix) -> Image.Image:
    total = matrix.size_with_quiet_zone
    image = Image.new("1", (total, total), 1)
    pixels = image.load()
    for y, row in enumerate(matrix.modules):
        for x, dark in enumerate(row):
            if dark:
                pixels[x + QUIET_ZONE, y + QUIET_ZONE] = 0
    return image


def qr_png(matrix: QrMatrix, symbol_mm: float = MIN_SYMBOL_MM + 1) -> bytes:
    """A 1-bit PNG at 300 dpi, whole pixels per module, symbol at least ``symbol_mm`` wide."""
    module_px = math.ceil(symbol_mm / MM_PER_INCH * PNG_DPI / matrix.size)
    total = matrix.size_with_quiet_zone
    image = _module_image(matrix).resize((total * module_px, total * module_px), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(PNG_DPI, PNG_DPI))
    return buffer.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
