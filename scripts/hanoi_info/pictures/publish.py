"""Photos through one site build: what the plugins call.

:class:`Pictures` is made once per site build (before the first language):
it loads the library, encodes what the cache does not hold yet, and then
answers the outputs: the page HTML, the kiosk's screen files, the handouts'
print files, the API's and feeds' image, the share cards' background.
"""

from __future__ import annotations

import posixpath
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from mkdocs.structure.files import Files, InclusionLevel

from hanoi_info.corpus import Corpus
from hanoi_info.messages import N_
from hanoi_info.page_info import absolute
from hanoi_info.pictures.library import SIDECAR_SUFFIX, Library, Photo, PhotoUse, is_photo_path, load_library
from hanoi_info.pictures.markup import PhotoMarkup, rewrite_photos, screen_photos, site_path
from hanoi_info.pictures.variants import PRINT, RESPONSIVE, SCREEN, SHARE, Variant, VariantCache, publish

PHOTO_CREDIT = N_("Photo: %(credit)s")
CACHE_DIR = ".cache/pictures"
Gettext = Callable[[str], str]


@dataclass(frozen=True)
class PageImage:
    """A page's photo for the API, the feeds and the share card."""

    url: str  # absolute
    type: str
    bytes: int
    width: int
    height: int
    alt: str
    credit: str
    licence: str  # the licence's name in the reader's language
    licence_url: str | None
    source: str
    photo: Photo

    def as_json(self) -> dict:
        return {"url": self.url, "type": self.type, "width": self.width, "height": self.height, "alt": self.alt,
                "credit": self.credit, "licence": self.licence, "licence_url": self.licence_url, "source": self.source}


class Pictures:
    def __init__(self, corpus: Corpus, docs_dir: Path, data_dir: Path, cache_dir: Path, site_url: str):
        self.corpus = corpus
        self.docs_dir = docs_dir
        self.site_url = site_url
        self.library: Library = load_library(corpus, docs_dir, data_dir)
        self.cache = VariantCache(cache_dir)
        self.variants: dict[str, dict[str, Variant]] = {}  # photo path -> spec name -> variant
        self.by_key: dict[str, Photo] = {}
        self.seconds = 0.0

    @property
    def problems(self):
        return self.library.problems

    def prepare(self) -> None:
        """Encode every variant the site publishes (those in the cache are reused)."""
        started = time.monotonic()
        for path, photo in sorted(self.library.photos.items()):
            specs = [*RESPONSIVE, SCREEN, SHARE]
            if any(use.handout for use in self.library.uses if use.photo == path):
                specs.append(PRINT)
            self.variants[path] = {spec.name + "." + spec.ext: self.cache.variant(photo, spec) for spec in specs}
            self.by_key[photo.key] = photo
        self.cache.release()
        self.seconds = time.monotonic() - started

    def summary(self) -> str:
        return (f"pictures: {len(self.library.photos)} photo(s), {self.cache.encoded} image(s) encoded, "
                f"{self.cache.reused} from the cache ({self.seconds:.1f} s)")

    # -- the site ----------------------------------------------------------
    def unpublish_originals(self, files: Files) -> Files:
        """Originals (with their metadata) and sidecars stay out of the site;
        the build publishes clean variants instead."""
        for file in files:
            src = file.src_uri
            if src in self.library.photos or (src.endswith(SIDECAR_SUFFIX) and is_photo_path(src[: -len(SIDECAR_SUFFIX)])):
                file.inclusion = InclusionLevel.EXCLUDED
            elif is_photo_path(src) and src.split("/")[0] not in ("assets",):
                # A photo no page uses, or one with problems: never published.
                file.inclusion = InclusionLevel.EXCLUDED
        return files

    def publish(self, site_dir: Path) -> None:
        for variants in self.variants.values():
            for variant in variants.values():
                publish(variant, site_dir)

    def _photo_at(self, path: str) -> Photo | None:
        """The photo a site path shows: "tourism/lake.jpg" or "en/tourism/lake.jpg"."""
        photo = self.library.photos.get(path)
        if photo is None and "/" in path:
            head, rest = path.split("/", 1)
            if head in {language.code for language in self.corpus.languages}:
                photo = self.library.photos.get(rest)
        return photo

    def _markup(self, photo: Photo, lang: str, gettext: Gettext) -> PhotoMarkup:
        variants = self.variants[photo.path]
        return PhotoMarkup(
            photo=photo,
            avif=tuple(variants[f"{spec.name}.avif"] for spec in RESPONSIVE if spec.ext == "avif"),
            jpeg=tuple(variants[f"{spec.name}.jpg"] for spec in RESPONSIVE if spec.ext == "jpg"),
            credit_line=gettext(PHOTO_CREDIT) % {"credit": photo.sidecar.credit},
            licence_name=photo.licence.name(lang),
            licence_url=photo.licence.url,
            caption=photo.sidecar.captions.get(lang),
            lang=self.corpus.language(lang).hreflang,
        )

    def page_html(self, content: str, page_url: str, lang: str, gettext: Gettext) -> str:
        if not self.library.photos:
            return content

        def markup_for(path: str) -> PhotoMarkup | None:
            photo = self._photo_at(path)
            return self._markup(photo, lang, gettext) if photo is not None and photo.path in self.variants else None

        return rewrite_photos(content, page_url, markup_for)

    def kiosk_html(self, content: str, page_url: str) -> str:
        """The page's HTML with each photo as its one screen-sized file."""
        if not self.by_key:
            return content

        def screen_for(src: str) -> tuple[str, int, int] | None:
            path = site_path(src, page_url) or ""
            name = posixpath.basename(path)
            photo = self.by_key.get(name.split("-", 1)[0])
            if photo is None or not path.startswith("assets/pictures/"):
                return None
            screen = self.variants[photo.path][f"{SCREEN.name}.{SCREEN.ext}"]
            return _relative(screen.path, page_url), screen.width, screen.height

        return screen_photos(content, screen_for)

    # -- other outputs -----------------------------------------------------
    def page_photo(self, norm_path: str, lang: str) -> tuple[Photo, PhotoUse] | None:
        """The photo of the text a reader of ``lang`` gets (a translation, or the Vietnamese page)."""
        code = lang if self.corpus.get(norm_path, lang) is not None else self.corpus.source_language.code
        return self.library.page_photo(norm_path, code)

    def page_image(self, norm_path: str, lang: str) -> PageImage | None:
        found = self.page_photo(norm_path, lang)
        if found is None or found[0].path not in self.variants:
            return None
        photo, use = found
        share = self.variants[photo.path][f"{SHARE.name}.{SHARE.ext}"]
        return PageImage(absolute(self.site_url, share.path), share.mime, share.bytes, share.width, share.height, use.alt,
                         photo.sidecar.credit, photo.licence.name(lang), photo.licence.url, photo.sidecar.source, photo)

    def print_file(self, photo: Photo) -> Path:
        return self.cache.variant(photo, PRINT).cache_file

    def print_file_at(self, path: str) -> tuple[str, int, int] | None:
        """The print file (file: address, width, height) of the photo a site
        path of the published markup shows ("assets/pictures/<key>-960.jpg"),
        for a handout that prints the page's text; None for anything else."""
        photo = self.by_key.get(posixpath.basename(path).split("-", 1)[0]) if path.startswith("assets/pictures/") else None
        if photo is None:
            return None
        variant = self.cache.variant(photo, PRINT)
        return variant.cache_file.resolve().as_uri(), variant.width, variant.height


def _relative(target: str, page_url: str) -> str:
    from mkdocs.utils import get_relative_url

    return get_relative_url(target, page_url or ".")
