"""The files published for a photo, made with Pillow and cached by content hash.

Every published file is decoded and encoded again from bare pixels: no EXIF
(GPS position, camera, owner), no XMP, no IPTC, no comments, no embedded
colour profile (the pixels are converted to sRGB first). Each variant is named
after the hash of the original and the encoding settings, and kept in the
cache (``.cache/pictures/``); an unchanged photo is never encoded again.
"""

from __future__ import annotations

import hashlib
import io
import threading
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from hanoi_info.cachefiles import publish_cached, write_atomically
from hanoi_info.pictures.library import WIDTHS, Photo

# Bump when an encoding setting changes: every variant is made again.
ENCODER_VERSION = "1"
PUBLISHED_DIR = "assets/pictures"
MIME = {"avif": "image/avif", "webp": "image/webp", "jpg": "image/jpeg", "png": "image/png"}


@dataclass(frozen=True)
class VariantSpec:
    name: str  # "480", "screen", "print"
    width: int
    ext: str  # "avif", "jpg", "webp"
    quality: int


@dataclass(frozen=True)
class Variant:
    spec: VariantSpec
    path: str  # site-relative: "assets/pictures/<key>-480.avif"
    width: int
    height: int
    bytes: int
    cache_file: Path

    @property
    def mime(self) -> str:
        return MIME[self.spec.ext]


# The responsive set: AVIF, with JPEG for browsers without it.
RESPONSIVE = tuple(VariantSpec(str(width), width, ext, quality)
                   for ext, quality in (("avif", 55), ("jpg", 82)) for width in WIDTHS)
# The kiosk's screens (1920×1080, the text column about 1200 px): one WebP.
SCREEN = VariantSpec("screen", 1280, "webp", 80)
# Print handouts: A5 text column (128 mm) at 300 dpi.
PRINT = VariantSpec("print", 1512, "jpg", 90)
# A smaller JPEG for feed readers and the API's image (1200 px: what link previews expect).
SHARE = VariantSpec("share", 1200, "jpg", 85)


def clean_pixels(path: Path) -> Image.Image:
    """The original's pixels, upright and in sRGB, with no metadata at all."""
    with Image.open(path) as image:
        image = ImageOps.exif_transpose(image)
        profile = image.info.get("icc_profile")
        if image.mode in ("RGBA", "LA", "P"):
            image = image.convert("RGBA")
            background = Image.new("RGBA", image.size, (255, 255, 255, 255))
            image = Image.alpha_composite(background, image)
        image = image.convert("RGB")
        if profile:
            try:
                source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
                image = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode="RGB")
            except (ImageCms.PyCMSError, OSError):
                pass
        # A new image from the raw pixels carries no info (exif, xmp, icc, comments).
        return Image.frombytes("RGB", image.size, image.tobytes())


def encode(image: Image.Image, spec: VariantSpec) -> bytes:
    buffer = io.BytesIO()
    if spec.ext == "avif":
        image.save(buffer, "AVIF", quality=spec.quality, speed=8)
    elif spec.ext == "webp":
        image.save(buffer, "WEBP", quality=spec.quality, method=4)
    elif spec.ext == "png":
        image.save(buffer, "PNG", optimize=False, compress_level=6)
    else:
        image.save(buffer, "JPEG", quality=spec.quality, optimize=True, progressive=True)
    return buffer.getvalue()


def resized(image: Image.Image, width: int) -> Image.Image:
    if image.width <= width:
        return image
    height = round(image.height * width / image.width)
    return image.resize((width, height), Image.Resampling.LANCZOS)


def variant_height(photo: Photo, width: int) -> int:
    return photo.height if photo.width <= width else round(photo.height * width / photo.width)


class VariantCache:
    """Makes and keeps the published files of photos; counts what it encoded."""

    def __init__(self, cache_dir: Path):
        self.cache_dir = cache_dir
        self.encoded = 0
        self.reused = 0
        self._lock = threading.Lock()
        self._pixels: dict[str, Image.Image] = {}

    def _file(self, photo: Photo, spec: VariantSpec) -> Path:
        settings = hashlib.sha256(f"{ENCODER_VERSION}:{spec}".encode()).hexdigest()[:8]
        return self.cache_dir / photo.key / f"{spec.name}-{settings}.{spec.ext}"

    def variant(self, photo: Photo, spec: VariantSpec) -> Variant:
        file = self._file(photo, spec)
        width = min(spec.width, photo.width)
        height = variant_height(photo, spec.width)
        with self._lock:
            if file.is_file():
                self.reused += 1
            else:
                pixels = self._pixels.get(photo.sha256)
                if pixels is None:
                    pixels = self._pixels[photo.sha256] = clean_pixels(photo.file)
                data = encode(resized(pixels, spec.width), spec)
                write_atomically(file, data)
                self.encoded += 1
        return Variant(spec, f"{PUBLISHED_DIR}/{photo.key}-{spec.name}.{spec.ext}", width, height, file.stat().st_size, file)

    def responsive(self, photo: Photo) -> list[Variant]:
        return [self.variant(photo, spec) for spec in RESPONSIVE]

    def pixels(self, photo: Photo) -> Image.Image:
        with self._lock:
            pixels = self._pixels.get(photo.sha256)
            if pixels is None:
                pixels = self._pixels[photo.sha256] = clean_pixels(photo.file)
            return pixels

    def release(self) -> None:
        self._pixels.clear()


def publish(variant: Variant, site_dir: Path) -> None:
    """Publish a variant into the site (unless the same bytes are there already)."""
    target = site_dir / variant.path
    if target.is_file() and target.stat().st_size == variant.bytes:
        return
    publish_cached(variant.cache_file, target)
