"""Photos on the print handouts: the print file (1512 px, A5 column at 300 dpi,
no metadata) of the photo a page marks ``{ .handout }``, and print files in
place of the originals in a handout that prints the page's text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from hanoi_info.pictures.publish import PHOTO_CREDIT
from hanoi_info.pictures.variants import PRINT


@dataclass(frozen=True)
class HandoutPhoto:
    src: str  # file:// address of the print file
    alt: str
    width: int
    height: int
    caption: str | None
    credit: str
    licence: str


def photo(pictures: Any, norm_path: str, lang: str, gettext: Callable[[str, str], str]) -> HandoutPhoto | None:
    if pictures is None:
        return None
    found = pictures.library.handout_photo(norm_path, lang)
    if found is None:
        return None
    chosen, use = found
    variant = pictures.cache.variant(chosen, PRINT)
    return HandoutPhoto(variant.cache_file.resolve().as_uri(), use.alt, variant.width, variant.height,
                        chosen.sidecar.captions.get(lang), gettext(lang, PHOTO_CREDIT) % {"credit": chosen.sidecar.credit},
                        chosen.licence.name(lang))


def page_text(pictures: Any, html: str, page_file: Path) -> str:
    """The page text's photos as their print files (never the original with its metadata)."""
    if pictures is None:
        return html
    return pictures.print_html(html, page_file.parent)
