"""QR codes as SVG (hanoi_info.kiosk.qrsvg): the path draws exactly the code's
modules, and the drawing decodes to the encoded address."""

from __future__ import annotations

import re

import zxingcpp
from PIL import Image, ImageDraw

from hanoi_info.kiosk.qrsvg import QUIET_ZONE, QrSvgCache, matrix_path, qr_file_name, qr_matrix, qr_svg

URL = "https://nld.com.vn/dua-mua-thu-ha-noi-tro-thanh-thuong-hieu-du-lich-van-hoa-tam-quoc-te-196250924001232367.htm"


def modules_from_path(path: str, size: int) -> list[list[bool]]:
    """Which modules the stroked path covers (absolute M, relative m, h)."""
    grid = [[False] * size for _ in range(size)]
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            for column in range(int(x), int(x + float(a))):
                grid[int(y)][column] = True
            x += float(a)
    return grid


def test_path_covers_exactly_the_dark_modules():
    matrix = qr_matrix(URL)
    size = len(matrix) + 2 * QUIET_ZONE
    drawn = modules_from_path(matrix_path(matrix), size)
    expected = [[False] * size for _ in range(size)]
    for row, line in enumerate(matrix):
        for column, dark in enumerate(line):
            expected[row + QUIET_ZONE][column + QUIET_ZONE] = dark
    assert drawn == expected


def test_drawing_of_the_svg_decodes_to_the_address():
    svg = qr_svg(URL)
    size = int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))
    scale = 8
    image = Image.new("L", (size * scale, size * scale), 255)
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(modules_from_path(re.search(r' d="([^"]+)"', svg).group(1), size)):
        for column, dark in enumerate(line):
            if dark:
                draw.rectangle([column * scale, row * scale, (column + 1) * scale - 1, (row + 1) * scale - 1], fill=0)
    assert [result.text for result in zxingcpp.read_barcodes(image)] == [URL]


def test_svg_is_self_contained_and_names_are_stable():
    svg = qr_svg("https://example.org/q/abcdef/")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and "href" not in svg
    assert qr_file_name("https://example.org/q/abcdef/") == qr_file_name("https://example.org/q/abcdef/")
    assert qr_file_name("https://example.org/q/abcdef/") != qr_file_name("https://example.org/q/abcdeg/")


def test_cache_keeps_codes_between_builds_and_ignores_foreign_files(tmp_path):
    cache = QrSvgCache(tmp_path)
    assert cache.svg("https://example.org/q/abcdef/") == qr_svg("https://example.org/q/abcdef/")
    stored = tmp_path / "qr-v1" / qr_file_name("https://example.org/q/abcdef/")
    assert stored.read_text(encoding="utf-8").startswith('"https://example.org/q/abcdef/"\n<svg')
    stored.write_text('"https://example.org/q/abcdef/"\n<svg>kept</svg>', encoding="utf-8")
    assert QrSvgCache(tmp_path).svg("https://example.org/q/abcdef/") == "<svg>kept</svg>"
    stored.write_text('"https://other.example/"\n<svg>other</svg>', encoding="utf-8")
    assert QrSvgCache(tmp_path).svg("https://example.org/q/abcdef/") == qr_svg("https://example.org/q/abcdef/")
    assert QrSvgCache(None).svg("x") == qr_svg("x")
