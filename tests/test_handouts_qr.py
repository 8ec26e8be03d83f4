"""QR symbols of the short links (hanoi_info.handouts.qr): decodable, level Q,
a 4-module quiet zone, small enough for a distant scan, big enough in print."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
import zxingcpp
from PIL import Image

from hanoi_info.handouts.qr import (
    MIN_SYMBOL_MM, PNG_DPI, QUIET_ZONE, MatrixCache, qr_matrix, qr_module_png, qr_png, qr_svg,
)

# 30 characters, the longest site address the version limit is promised for.
SITE_30 = "https://thongtin-doingoai.vn.x/"[:30]
URL = SITE_30.rstrip("/") + "/q/abc234/"


def decode(image: Image.Image) -> zxingcpp.Barcode:
    results = zxingcpp.read_barcodes(image.convert("L"))
    assert len(results) == 1
    return results[0]


def test_a_30_character_site_address_needs_version_4_or_lower():
    assert len(SITE_30) == 30
    assert qr_matrix(URL).version <= 4


def test_png_decodes_to_the_url_at_level_q_with_a_quiet_zone_and_300_dpi():
    matrix = qr_matrix(URL)
    image = Image.open(io.BytesIO(qr_png(matrix)))
    assert image.info["dpi"] == pytest.approx((PNG_DPI, PNG_DPI), abs=0.01)
    barcode = decode(image)
    assert barcode.text == URL
    assert barcode.ec_level == "Q"
    module = image.width // matrix.size_with_quiet_zone
    assert image.width == module * (matrix.size + 2 * QUIET_ZONE)
    gray = image.convert("L")
    border = [gray.getpixel((x, y)) for x in range(image.width) for y in range(QUIET_ZONE * module)]
    assert min(border) == 255  # the top quiet zone is white
    symbol_mm = matrix.size * module / PNG_DPI * 25.4
    assert symbol_mm >= MIN_SYMBOL_MM


def test_module_png_is_one_pixel_per_module():
    matrix = qr_matrix(URL)
    image = Image.open(io.BytesIO(qr_module_png(matrix)))
    assert image.size == (matrix.size_with_quiet_zone, matrix.size_with_quiet_zone)
    assert decode(image.resize((image.width * 8, image.height * 8), Image.Resampling.NEAREST)).text == URL


def test_svg_is_sized_in_millimetres_with_the_quiet_zone():
    matrix = qr_matrix(URL)
    svg = ET.fromstring(qr_svg(matrix, 26.0, title=URL))
    width = float(svg.get("width").removesuffix("mm"))
    assert width == pytest.approx(26.0 * matrix.size_with_quiet_zone / matrix.size, abs=0.01)
    assert svg.get("viewBox") == f"0 0 {matrix.size_with_quiet_zone} {matrix.size_with_quiet_zone}"


def test_svg_refuses_a_symbol_smaller_than_25_mm():
    with pytest.raises(ValueError, match="at least 25"):
        qr_svg(qr_matrix(URL), 20.0)


def test_matrix_cache_on_disk_gives_the_same_symbol(tmp_path):
    first = MatrixCache(tmp_path).get(URL)
    assert list(tmp_path.iterdir())
    again = MatrixCache(tmp_path).get(URL)  # read back from the file
    assert again == first
    assert again == qr_matrix(URL)
