"""The project's own artwork: one SVG illustration per topic, one for the home
page and one for the kiosk's attract screen (``overrides/assets/images/artwork/``,
licensed to the project: ``LICENCE.txt`` there), with their text
alternatives in every language.

The share cards use the same drawings, rasterised here with Pillow: the SVG
files are written in a small subset (``rect``, ``circle``, ``ellipse``,
``path`` with M/L/H/V/C/Q/T/Z, ``g`` with fill, stroke and opacity) that this
module draws; no SVG library is needed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw

from hanoi_info.messages import N_

ARTWORK_DIR = Path(__file__).resolve().parents[3] / "overrides" / "assets" / "images" / "artwork"
SITE_DIR = "assets/images/artwork"
ARTWORK = ("arriving", "tourism", "culture", "investment", "asean", "events", "home", "kiosk")
MAX_BYTES = 20 * 1024
# Text alternatives (msgids; translated in locales/).
ALT = {
    "arriving": N_("An aircraft arriving over the Red River and the towers of Nhật Tân Bridge"),
    "tourism": N_("The Turtle Tower on its islet in Hoàn Kiếm Lake"),
    "culture": N_("Khuê Văn Các, the pavilion of the Temple of Literature"),
    "investment": N_("Long Biên Bridge's steel trusses before the towers of a growing city"),
    "asean": N_("Partner cities linked in a ring around Hà Nội's lotus"),
    "events": N_("Lanterns and fireworks over the city for a festival"),
    "home": N_("A lotus in bloom on Hoàn Kiếm Lake, the Turtle Tower behind it"),
    "kiosk": N_("Hà Nội from the airport road: Nhật Tân Bridge, the Turtle Tower and a lotus"),
}
SVG = "{http://www.w3.org/2000/svg}"


def artwork_for(topic: str | None) -> str:
    return topic if topic in ARTWORK else "home"


def urls() -> dict[str, str]:
    """Site-relative address of each drawing (for the templates' ``url`` filter)."""
    return {name: f"{SITE_DIR}/{name}.svg" for name in ARTWORK}


def svg_file(name: str) -> Path:
    return ARTWORK_DIR / f"{name}.svg"


# --- a rasteriser for the subset --------------------------------------------

_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_TOKEN = re.compile(r"[MmLlHhVvCcQqTtZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _bezier(points: list[tuple[float, float]], steps: int = 16) -> list[tuple[float, float]]:
    out = []
    for i in range(1, steps + 1):
        t = i / steps
        if len(points) == 3:
            (x0, y0), (x1, y1), (x2, y2) = points
            out.append(((1 - t) ** 2 * x0 + 2 * (1 - t) * t * x1 + t * t * x2,
                        (1 - t) ** 2 * y0 + 2 * (1 - t) * t * y1 + t * t * y2))
        else:
            (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points
            a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t ** 3
            out.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    return out


def path_polylines(data: str) -> list[tuple[list[tuple[float, float]], bool]]:
    """The path's subpaths as point lists, each with whether it is closed."""
    tokens = _TOKEN.findall(data)
    shapes: list[tuple[list[tuple[float, float]], bool]] = []
    current: list[tuple[float, float]] = []
    x = y = 0.0
    start = (0.0, 0.0)
    last_control: tuple[float, float] | None = None
    command = ""
    index = 0

    def numbers(count: int) -> list[float]:
        nonlocal index
        values = [float(tokens[index + k]) for k in range(count)]
        index += count
        return values

    while index < len(tokens):
        if tokens[index].isalpha():
            command = tokens[index]
            index += 1
            if command in "Zz":
                if current:
                    shapes.append((current, True))
                current = []
                x, y = start
                continue
        relative = command.islower()
        kind = command.upper()
        ox, oy = (x, y) if relative else (0.0, 0.0)
        if kind == "M":
            if current:
                shapes.append((current, False))
            nx, ny = numbers(2)
            x, y = ox + nx, oy + ny
            start = (x, y)
            current = [(x, y)]
            command = "l" if relative else "L"
            last_control = None
        elif kind == "L":
            nx, ny = numbers(2)
            x, y = ox + nx, oy + ny
            current.append((x, y))
            last_control = None
        elif kind == "H":
            (nx,) = numbers(1)
            x = (x if relative else 0.0) + nx
            current.append((x, y))
        elif kind == "V":
            (ny,) = numbers(1)
            y = (y if relative else 0.0) + ny
            current.append((x, y))
        elif kind == "C":
            x1, y1, x2, y2, nx, ny = numbers(6)
            points = [(x, y), (ox + x1, oy + y1), (ox + x2, oy + y2), (ox + nx, oy + ny)]
            current += _bezier(points)
            last_control = points[2]
            x, y = points[3]
        elif kind in "QT":
            if kind == "Q":
                x1, y1, nx, ny = numbers(4)
                control = (ox + x1, oy + y1)
            else:
                nx, ny = numbers(2)
                control = (2 * x - last_control[0], 2 * y - last_control[1]) if last_control else (x, y)
            points = [(x, y), control, (ox + nx, oy + ny)]
            current += _bezier(points)
            last_control = control
            x, y = points[2]
        else:
            raise ValueError(f"unsupported path command {command!r}")
    if current:
        shapes.append((current, False))
    return shapes


def _paint(value: str | None, opacity: float) -> tuple[int, int, int, int] | None:
    if not value or value == "none":
        return None
    red, green, blue = ImageColor.getrgb(value)[:3]
    return (red, green, blue, round(255 * opacity))


def rasterise(name: str, width: int, height: int) -> Image.Image:
    """The drawing ``name`` as an RGBA image of ``width``×``height`` (scaled to cover, centred)."""
    return rasterise_file(svg_file(name), width, height)


@lru_cache(maxsize=16)
def rasterise_file(path: Path, width: int, height: int) -> Image.Image:
    root = ET.parse(path).getroot()
    vx, vy, vw, vh = (float(v) for v in root.get("viewBox", "0 0 480 320").split())
    supersample = 2
    scale = max(width / vw, height / vh) * supersample
    dx = (width * supersample - vw * scale) / 2 - vx * scale
    dy = (height * supersample - vh * scale) / 2 - vy * scale
    canvas = Image.new("RGBA", (width * supersample, height * supersample), (0, 0, 0, 0))

    def point(p: tuple[float, float]) -> tuple[float, float]:
        return (p[0] * scale + dx, p[1] * scale + dy)

    def draw_shape(polylines, style: dict) -> None:
        opacity = float(style.get("opacity", 1))
        layer = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
        pen = ImageDraw.Draw(layer)
        fill = _paint(style.get("fill", "#000"), 1.0)
        stroke = _paint(style.get("stroke"), 1.0)
        width_px = max(1, round(float(style.get("stroke-width", 1)) * scale))
        for points, closed in polylines:
            scaled = [point(p) for p in points]
            if fill and len(scaled) > 2:
                pen.polygon(scaled, fill=fill)
            if stroke and len(scaled) > 1:
                pen.line(scaled + ([scaled[0]] if closed else []), fill=stroke, width=width_px, joint="curve")
        if opacity < 1:
            alpha = layer.getchannel("A").point(lambda a: round(a * opacity))
            layer.putalpha(alpha)
        canvas.alpha_composite(layer)

    def walk(element: ET.Element, inherited: dict) -> None:
        style = dict(inherited)
        style.pop("opacity", None)
        for key in ("fill", "stroke", "stroke-width"):
            if element.get(key) is not None:
                style[key] = element.get(key)
        opacity = float(inherited.get("group_opacity", 1)) * float(element.get("opacity", 1))
        tag = element.tag.replace(SVG, "")
        if tag == "g":
            for child in element:
                walk(child, {**style, "group_opacity": opacity})
            return
        style["opacity"] = opacity
        number = lambda key: float(element.get(key, 0))  # noqa: E731
        if tag == "rect":
            x, y, w, h = number("x"), number("y"), number("width"), number("height")
            draw_shape([([(x, y), (x + w, y), (x + w, y + h), (x, y + h)], True)], style)
        elif tag in ("circle", "ellipse"):
            cx, cy = number("cx"), number("cy")
            rx = number("r") if tag == "circle" else number("rx")
            ry = number("r") if tag == "circle" else number("ry")
            import math

            points = [(cx + rx * math.cos(2 * math.pi * k / 72), cy + ry * math.sin(2 * math.pi * k / 72)) for k in range(72)]
            draw_shape([(points, True)], style)
        elif tag == "path":
            draw_shape(path_polylines(element.get("d", "")), style)

    for child in root:
        if child.tag.replace(SVG, "") in ("title", "desc"):
            continue
        walk(child, {"fill": "#000"})
    return canvas.resize((width, height), Image.Resampling.LANCZOS)


def svg_title(name: str) -> str:
    root = ET.parse(svg_file(name)).getroot()
    title = root.find(f"{SVG}title")
    return (title.text or "").strip() if title is not None else ""
