"""QR codes as small SVG files.

The ``qrcode`` package computes the module matrix; the SVG is one path of
horizontal runs on a white square with the quiet zone the standard asks for
(four modules), drawn with crisp edges so that a camera, or a screenshot fed
to a decoder, reads it at any size.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import qrcode
from qrcode.constants import ERROR_CORRECT_M

from hanoi_info.qrmodules import dark_runs

QUIET_ZONE = 4


def qr_matrix(data: str) -> list[list[bool]]:
    """The code's modules (True = dark), without the quiet zone."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


def matrix_path(matrix: list[list[bool]], offset: int = QUIET_ZONE) -> str:
    """SVG path data stroking every run of dark modules as a horizontal line one
    module thick: an absolute move to the first run of a row, then relative
    moves, which keeps a code of a long address to a few kilobytes."""
    parts: list[str] = []
    for y, row in enumerate(matrix):
        previous_end = None
        for start, end in dark_runs(row):
            if previous_end is None:
                parts.append(f"M{start + offset} {y + offset}.5h{end - start}")
            else:
                parts.append(f"m{start - previous_end} 0h{end - start}")
            previous_end = end
    return "".join(parts)


def qr_svg(data: str) -> str:
    """A standalone SVG document encoding ``data``; it scales to its container."""
    matrix = qr_matrix(data)
    size = len(matrix) + 2 * QUIET_ZONE
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" shape-rendering="crispEdges">'
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path stroke="#000" d="{matrix_path(matrix)}"/></svg>\n'
    )


def qr_file_name(data: str) -> str:
    """A stable file name for the code of ``data``: the same link always gets the same file."""
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16] + ".svg"


class QrSvgCache:
    """Rendered codes kept on disk between builds (``.cache/kiosk/qr-v1/``):
    the pure-Python encoder's choice of mask takes 10–20 ms per code, and the
    real site has hundreds of codes that do not change from build to build."""

    VERSION = "1"  # change when qr_svg draws differently

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder / f"qr-v{self.VERSION}" if folder is not None else None

    def svg(self, data: str) -> str:
        if self.folder is None:
            return qr_svg(data)
        path = self.folder / qr_file_name(data)
        try:
            stored = path.read_text(encoding="utf-8")
            # The first line records the data, so a stale or foreign file is never used.
            first, _, svg = stored.partition("\n")
            if first == json.dumps(data):
                return svg
        except OSError:
            pass
        svg = qr_svg(data)
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(data) + "\n" + svg, encoding="utf-8")
        os.replace(temporary, path)
        return svg
