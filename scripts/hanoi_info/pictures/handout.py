"""Photos on the print handouts: the print file (1512 px, A5 column at 300 dpi,
no metadata) of the photo a page marks ``{ .handout }`` (a handout that prints
the page's text gets print files through Pictures.print_file_at)."""

from __future__ import annotations

from dataclasses import dataclass
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
