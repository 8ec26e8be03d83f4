"""Open Graph and Twitter Card data of every page, with its share card
(:mod:`hanoi_info.pictures.cards`), written into the site as the pages are
built (``assets/cards/<hash>.png``, or ``.jpg`` over a photo)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hanoi_info.cachefiles import publish_cached, write_atomically
from hanoi_info.page_info import absolute
from hanoi_info.pictures import artwork
from hanoi_info.pictures.cards import HEIGHT, WIDTH, CardInput, encode_card, render_card
from hanoi_info.schema import TOPICS

CARDS_DIR = "assets/cards"
OG_LOCALES = {"vi": "vi_VN", "en": "en_GB", "fr": "fr_FR", "zh": "zh_CN", "ja": "ja_JP", "ko": "ko_KR"}


def og_locale(code: str) -> str:
    return OG_LOCALES.get(code, code.replace("-", "_"))


@dataclass(frozen=True)
class ShareData:
    title: str
    description: str
    url: str
    site_name: str
    locale: str
    alternate_locales: tuple[str, ...]
    image: str  # absolute
    image_type: str
    image_width: int
    image_height: int
    image_alt: str
    type: str = "article"


class ShareCards:
    def __init__(self, cache_dir: Path, pictures: Any):
        self.cache_dir = cache_dir
        self.pictures = pictures
        self.drawn = 0
        self.reused = 0
        self.seconds = 0.0
        self.by_url: dict[str, ShareData] = {}

    def card_file(self, card: CardInput, site_dir: Path, background_photo: Any) -> tuple[str, str]:
        """The card's site path and type, drawn unless the cache holds it."""
        key = card.key()
        ext = "jpg" if background_photo is not None else "png"
        cached = self.cache_dir / f"{key}.{ext}"
        if cached.is_file():
            self.reused += 1
        else:
            started = time.monotonic()
            background = self.pictures.cache.pixels(background_photo) if background_photo is not None else None
            data, ext = encode_card(render_card(card, background), background_photo is not None)
            write_atomically(cached, data)
            self.drawn += 1
            self.seconds += time.monotonic() - started
        path = f"{CARDS_DIR}/{key}.{ext}"
        target = site_dir / path
        if not target.is_file():
            publish_cached(cached, target)
        return path, "image/jpeg" if ext == "jpg" else "image/png"

    def for_page(self, site: Any, page: Any, config: Any, info: Any) -> ShareData:
        corpus, language = site.corpus, site.language
        site_url = config.site_url or ""
        norm_path = getattr(page.file, "norm_src_uri", page.file.src_uri)
        meta = page.meta or {}
        title = str(meta.get("title") or page.title or config.site_name)
        description = str(meta.get("description") or config.site_description or "")
        topic = meta.get("topic")
        text_lang = info.content_lang if info is not None else language.code
        photo = None
        alternates: tuple[str, ...] = ()
        url = absolute(site_url, page.url)
        if info is not None:
            url = info.canonical if info.status != "missing" else url
            found = self.pictures.page_photo(norm_path, language.code) if self.pictures is not None else None
            photo = found[0] if found else None
            alternates = tuple(og_locale(code) for code in corpus.translated_languages(norm_path) if code != text_lang)
        label = site.gettext(TOPICS[topic]) if topic in TOPICS else ""
        card = CardInput(title, text_lang, label, config.site_name, language.code, artwork.artwork_for(topic),
                         photo.key if photo is not None else None)
        path, image_type = self.card_file(card, Path(config.site_dir), photo)
        data = ShareData(
            title=title, description=description, url=url, site_name=config.site_name,
            locale=og_locale(text_lang), alternate_locales=alternates,
            image=absolute(site_url, path), image_type=image_type, image_width=WIDTH, image_height=HEIGHT,
            image_alt=f"{title} – {config.site_name}",
            type="website" if topic == "home" else "article",
        )
        self.by_url[page.url] = data
        return data

    def summary(self) -> str:
        return (f"share cards: {self.drawn} drawn ({self.seconds:.1f} s, "
                f"{(self.seconds / self.drawn if self.drawn else 0) * 1000:.0f} ms each), {self.reused} from the cache")
