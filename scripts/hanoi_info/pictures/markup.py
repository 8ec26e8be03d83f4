"""The picture markup of a page, written into its sanitized HTML.

The sanitizer (:mod:`hanoi_info.sanitize`) has already cleaned what the editor
wrote; this step then replaces each ``<img>`` of a photo by the project's own
(trusted) markup: a ``<figure>`` with ``<picture>`` (AVIF sources, JPEG
fallback, ``srcset``/``sizes``, ``width``/``height``, lazy loading after the
first photo) and the credit and licence in the reader's language. The HTML is
read with an HTML tokenizer (``html.parser``) and edited at the offsets it
reports; nothing is matched with regular expressions.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urljoin, urlsplit

from hanoi_info.pictures.library import Photo
from hanoi_info.pictures.variants import Variant

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# The text column is at most about 680 CSS px wide (Material's grid at 61rem).
SIZES = "(min-width: 76.25em) 680px, 100vw"
_ROOT = "https://site.invalid/"


@dataclass(frozen=True)
class PhotoMarkup:
    """What the markup of one photo needs, in one build language."""

    photo: Photo
    avif: tuple[Variant, ...]
    jpeg: tuple[Variant, ...]
    credit_line: str  # "Photo: … " in the reader's language
    licence_name: str
    licence_url: str | None
    caption: str | None
    lang: str  # the reader's language (hreflang)


def site_path(src: str, page_url: str) -> str | None:
    """The site-relative path an address in the page at ``page_url`` leads to, or None for another site."""
    parts = urlsplit(src)
    if parts.scheme or src.startswith("//"):
        return None
    resolved = urlsplit(urljoin(_ROOT + page_url, src))
    return unquote(resolved.path).lstrip("/")


def image_size(path: Path) -> tuple[int | None, int | None]:
    """Width and height in pixels of a raster image file (read from its header),
    or (None, None) for a drawing (SVG) or a file Pillow does not read."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            return image.size
    except (OSError, UnidentifiedImageError):
        return None, None


def _relative(target: str, page_url: str) -> str:
    from mkdocs.utils import get_relative_url

    return get_relative_url(target, page_url or ".")


def _attrs(values: list[tuple[str, str]]) -> str:
    return "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in values)


def picture_html(markup: PhotoMarkup, alt: str, page_url: str, eager: bool) -> str:
    def srcset(variants: tuple[Variant, ...]) -> str:
        return ", ".join(f"{_relative(v.path, page_url)} {v.width}w" for v in variants)

    largest = markup.jpeg[-1]
    fallback = markup.jpeg[min(1, len(markup.jpeg) - 1)]
    img = [("src", _relative(fallback.path, page_url)), ("srcset", srcset(markup.jpeg)), ("sizes", SIZES),
           ("width", str(largest.width)), ("height", str(largest.height)), ("alt", alt)]
    if not eager:
        img.append(("loading", "lazy"))
    img.append(("decoding", "async"))
    return (f'<picture><source{_attrs([("type", "image/avif"), ("srcset", srcset(markup.avif)), ("sizes", SIZES)])}>'
            f"<img{_attrs(img)}></picture>")


def credit_html(markup: PhotoMarkup) -> str:
    licence = html.escape(markup.licence_name)
    if markup.licence_url:
        licence = f'<a href="{html.escape(markup.licence_url, quote=True)}" rel="license">{licence}</a>'
    return (f'<small class="hanoi-photo__credit" lang="{html.escape(markup.lang)}">'
            f"{html.escape(markup.credit_line)} · {licence}</small>")


def figure_html(markup: PhotoMarkup, alt: str, page_url: str, eager: bool) -> str:
    caption = ""
    if markup.caption:
        caption = f'<span class="hanoi-photo__caption" lang="{html.escape(markup.lang)}">{html.escape(markup.caption)}</span> '
    return (f'<figure class="hanoi-photo">{picture_html(markup, alt, page_url, eager)}'
            f"<figcaption>{caption}{credit_html(markup)}</figcaption></figure>")


def inline_html(markup: PhotoMarkup, alt: str, page_url: str, eager: bool) -> str:
    return (f'<span class="hanoi-photo hanoi-photo--inline">{picture_html(markup, alt, page_url, eager)}'
            f"{credit_html(markup)}</span>")


class _Finder(HTMLParser):
    """Offsets of photo images, and of paragraphs that hold nothing but one."""

    def __init__(self, text: str, is_photo: Callable[[str], bool]):
        super().__init__(convert_charrefs=True)
        self.text = text
        self.is_photo = is_photo
        self.line_starts = [0] + [index + 1 for index, char in enumerate(text) if char == "\n"]
        self.stack: list[dict] = []
        self.images: list[dict] = []  # {"start", "end", "src", "alt", "paragraph": (start, end) | None}

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _mark_content(self) -> None:
        if self.stack:
            self.stack[-1]["content"] = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        raw = self.get_starttag_text() or ""
        if tag == "img":
            values = {name: value or "" for name, value in attrs}
            if self.is_photo(values.get("src", "")):
                parent = self.stack[-1] if self.stack else None
                image = {"start": start, "end": start + len(raw), "src": values.get("src", ""),
                         "alt": values.get("alt", ""), "parent": parent, "paragraph": None}
                self.images.append(image)
                if parent is not None:
                    parent.setdefault("photos", []).append(image)
                return
        self._mark_content()
        if tag not in VOID:
            self.stack.append({"tag": tag, "start": start})

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1]["tag"] == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        end = self.text.find(">", start) + 1
        while self.stack:
            element = self.stack.pop()
            if element["tag"] == tag:
                photos = element.get("photos", [])
                if tag == "p" and len(photos) == 1 and not element.get("content"):
                    photos[0]["paragraph"] = (element["start"], end)
                break

    def handle_data(self, data: str) -> None:
        if data.strip():
            self._mark_content()


def rewrite_photos(content: str, page_url: str, markup_for: Callable[[str], PhotoMarkup | None]) -> str:
    """``content`` (a page's sanitized HTML at ``page_url``) with every photo's
    ``<img>`` replaced by the picture markup. ``markup_for`` maps a
    site-relative path to the photo's markup data, or None for other images."""
    finder = _Finder(content, lambda src: (path := site_path(src, page_url)) is not None and markup_for(path) is not None)
    finder.feed(content)
    finder.close()
    edits: list[tuple[int, int, str]] = []
    for index, image in enumerate(finder.images):
        markup = markup_for(site_path(image["src"], page_url) or "")
        assert markup is not None
        alt = html.unescape(image["alt"])
        if image["paragraph"]:
            start, end = image["paragraph"]
            edits.append((start, end, figure_html(markup, alt, page_url, eager=index == 0)))
        else:
            edits.append((image["start"], image["end"], inline_html(markup, alt, page_url, eager=index == 0)))
    pieces, position = [], 0
    for start, end, replacement in sorted(edits):
        pieces += [content[position:start], replacement]
        position = end
    pieces.append(content[position:])
    return "".join(pieces)


class _ForScreen(HTMLParser):
    def __init__(self, text: str, screen_for: Callable[[str], tuple[str, int | None, int | None] | None]):
        super().__init__(convert_charrefs=True)
        self.text = text
        self.screen_for = screen_for
        self.line_starts = [0] + [index + 1 for index, char in enumerate(text) if char == "\n"]
        self.edits: list[tuple[int, int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, column = self.getpos()
        start = self.line_starts[line - 1] + column
        raw = self.get_starttag_text() or ""
        values = {name: value or "" for name, value in attrs}
        if tag == "source" and values.get("type") == "image/avif":
            first = values.get("srcset", "").split(" ")[0]
            if self.screen_for(first) is not None:
                self.edits.append((start, start + len(raw), ""))
        elif tag == "img" and self.screen_for(values.get("src", "")) is not None:
            src, width, height = self.screen_for(values["src"])  # type: ignore[misc]
            kept = [(name, value) for name, value in values.items() if name not in ("src", "srcset", "sizes", "width", "height", "loading")]
            size = [("width", str(width)), ("height", str(height))] if width and height else []
            self.edits.append((start, start + len(raw), f"<img{_attrs([('src', src), *size, *kept])}>"))

    handle_startendtag = handle_starttag


def screen_photos(content: str, screen_for: Callable[[str], tuple[str, int | None, int | None] | None]) -> str:
    """The page's HTML for the kiosk (or paper): each photo one file (no AVIF
    sources, no ``srcset``). ``screen_for`` maps an ``src`` of the responsive
    markup to (src, width, height) of the file to show (no size: None)."""
    parser = _ForScreen(content, screen_for)
    parser.feed(content)
    parser.close()
    pieces, position = [], 0
    for start, end, replacement in sorted(parser.edits):
        pieces += [content[position:start], replacement]
        position = end
    pieces.append(content[position:])
    return "".join(pieces)
