"""Pictures on the airport kiosk: the project's drawings on the attract screen
and the topic tiles, photos as one screen-sized file each, and the size budget
of the kiosk's offline precache (every file of the manifest is precached by
the service worker, so the budget is their total)."""

from __future__ import annotations

from typing import Mapping

from hanoi_info.pictures import artwork

ARTWORK_DIR = "artwork"
DEFAULT_BUDGET_MB = 30.0


class PrecacheOverBudget(ValueError):
    pass


def artwork_files() -> dict[str, bytes]:
    """Kiosk-relative path -> bytes of each topic's drawing (``artwork/<topic>.svg``,
    on the topic tiles; the attract screen's is inline in the shell)."""
    from hanoi_info.schema import TOPICS

    return {f"{ARTWORK_DIR}/{name}.svg": artwork.svg_file(name).read_bytes() for name in TOPICS}


def attract_svg() -> str:
    """The attract screen's drawing as inline SVG (the shell then needs no
    request beyond its stylesheet and script); decorative, so hidden from
    screen readers, whose text the greeting gives."""
    import xml.etree.ElementTree as ET

    ET.register_namespace("", "http://www.w3.org/2000/svg")
    root = ET.fromstring(artwork.svg_file("kiosk").read_bytes())
    for title in root.findall("{http://www.w3.org/2000/svg}title"):
        root.remove(title)
    for name in ("role", "aria-labelledby"):
        root.attrib.pop(name, None)
    root.set("class", "k-attract__art")
    root.set("aria-hidden", "true")
    root.set("focusable", "false")
    return ET.tostring(root, encoding="unicode")


def precache_size(sizes: Mapping[str, int], manifest_bytes: int = 0) -> int:
    return sum(sizes.values()) + manifest_bytes


def check_budget(sizes: Mapping[str, int], budget_mb: float) -> str:
    """The line the build logs (``sizes``: kiosk path -> bytes); raises
    :class:`PrecacheOverBudget` over the budget."""
    size = precache_size(sizes)
    budget = int(budget_mb * 1024 * 1024)
    largest = sorted(sizes.items(), key=lambda item: (-item[1], item[0]))[:3]
    line = (f"kiosk precache: {size / 1048576:.2f} MB of its {budget_mb:g} MB budget "
            f"({len(sizes)} files; largest: {', '.join(f'{path} {count // 1024} KB' for path, count in largest)})")
    if size > budget:
        raise PrecacheOverBudget(
            f"the kiosk's offline precache is {size / 1048576:.2f} MB, over its budget of {budget_mb:g} MB; "
            "use fewer or smaller photos on kiosk pages, or raise plugins.hanoi-kiosk.precache_budget_mb in mkdocs.yml"
        )
    return line
