"""A page's HTML, rewritten for the kiosk.

Nothing in the kiosk may navigate away from it, and nothing it shows may come
from another origin. Every link therefore keeps its public address in ``href``
(what a screen reader announces and what the QR code holds) and gets a data
attribute that tells the kiosk's script what a touch does:

- ``data-page="<id>"`` (and ``data-anchor``): another kiosk page, opened in the kiosk;
- ``data-qr="qr/<file>.svg"``: anything else (other sites, site pages that are
  not on the kiosk, e-mail addresses): a card with the link's QR code;
- ``href="#…"``: a heading on the same page.

Images and other embedded files are copied into the kiosk (``media/…``); an
embedded file from another site is an error, because the kiosk works offline.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Mapping
from urllib.parse import unquote, urljoin, urlsplit

from hanoi_info.qr import svg_file_name

QR_DIR = "qr"
MEDIA_DIR = "media"
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Attributes that make the browser fetch something.
FETCHING_ATTRIBUTES = frozenset({"src", "poster", "data"})
_BASE_HOST = "site.invalid"


class KioskContentError(ValueError):
    """A page cannot be shown on the kiosk; the message says what to change."""


@dataclass(frozen=True)
class LinkContext:
    site_url: str  # the public address, for QR codes: "https://example.org/"
    kiosk_pages: Mapping[str, str]  # site-relative URL of a kiosk page (any language) -> page id


@dataclass(frozen=True)
class RewrittenHtml:
    html: str
    qr_urls: tuple[str, ...] = ()  # addresses that need a QR code file, in order of appearance
    media: tuple[str, ...] = ()  # site-relative paths of files to copy into media/


def qr_path(url: str) -> str:
    """Kiosk-relative path of the QR code file for ``url``."""
    return f"{QR_DIR}/{svg_file_name(url)}"


def public_url(site_url: str, site_path: str) -> str:
    return site_url.rstrip("/") + "/" + site_path.lstrip("/")


class _LeadingHeading(HTMLParser):
    """Where the ``<h1>`` that opens a document ends (0 if it does not open with one)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.end: int | None = None
        self.done = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if self.done:
            return
        if self.depth == 0 and tag != "h1":
            self.done = True
        elif tag == "h1":
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if not self.done and tag == "h1" and self.depth:
            self.depth -= 1
            if self.depth == 0:
                self.end = self.getpos()
                self.done = True

    def handle_data(self, data: str) -> None:
        if not self.done and self.depth == 0 and data.strip():
            self.done = True  # text before any heading


def strip_leading_h1(content: str) -> str:
    """The page's text without the title heading that starts it (the kiosk shows
    the title from the front matter, as Material does when the text has none)."""
    parser = _LeadingHeading()
    parser.feed(content)
    if parser.end is None:
        return content
    line, column = parser.end
    offset = sum(len(text) for text in content.splitlines(keepends=True)[: line - 1]) + column
    closing = content.index(">", offset) + 1
    return content[closing:].lstrip()


def _site_path(page_url: str, reference: str) -> tuple[str, str] | None:
    """(site-relative path, fragment) of a relative reference, or None when it
    points to another site."""
    resolved = urlsplit(urljoin(f"https://{_BASE_HOST}/{page_url}", reference))
    if resolved.netloc != _BASE_HOST:
        return None
    path = posixpath.normpath(unquote(resolved.path)) if resolved.path not in ("", "/") else "/"
    if resolved.path.endswith("/") and not path.endswith("/"):
        path += "/"
    path = path.lstrip("/")
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    return path, resolved.fragment


class _Rewriter(HTMLParser):
    def __init__(self, page_url: str, context: LinkContext, where: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.context = context
        self.where = where
        self.edits: list[tuple[int, int, str]] = []
        self.qr_urls: list[str] = []
        self.media: list[str] = []
        self._line_starts = [0]

    # HTMLParser reports positions as (line, column); edits need offsets.
    def feed_text(self, text: str) -> None:
        self._line_starts = [0]
        for match in re.finditer("\n", text):
            self._line_starts.append(match.end())
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._rewrite(tag, attrs, closing="")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._rewrite(tag, attrs, closing=" /")

    def _rewrite(self, tag: str, attrs: list[tuple[str, str | None]], closing: str) -> None:
        values = dict(attrs)
        changed = False
        if tag == "a" and values.get("href") is not None:
            changed = self._link(values)
        for name in FETCHING_ATTRIBUTES & values.keys():
            if values[name] is not None:
                values[name] = self._embedded(tag, name, values[name])
                changed = True
        if "srcset" in values:
            # The kiosk draws every image at one size; alternative files are not copied.
            del values["srcset"]
            changed = True
        if not changed:
            return
        raw = self.get_starttag_text() or ""
        line, column = self.getpos()
        start = self._line_starts[line - 1] + column
        self.edits.append((start, start + len(raw), _start_tag(tag, values, closing)))

    def _link(self, values: dict[str, str | None]) -> bool:
        href = (values.get("href") or "").strip()
        had_target = values.pop("target", None) is not None
        if href.startswith("#"):
            return had_target
        scheme = urlsplit(href).scheme.lower()
        if scheme in EXTERNAL_SCHEMES:
            values["data-qr"] = qr_path(href)
            self._need_qr(href)
            return True
        if scheme:
            # javascript:, data:, ftp:… cannot be opened from the kiosk nor from a phone scan.
            del values["href"]
            return True
        resolved = _site_path(self.page_url, href)
        if resolved is None:
            absolute = urljoin(f"https://{_BASE_HOST}/{self.page_url}", href)
            values["href"] = absolute
            values["data-qr"] = qr_path(absolute)
            self._need_qr(absolute)
            return True
        path, fragment = resolved
        public = public_url(self.context.site_url, path) + (f"#{fragment}" if fragment else "")
        values["href"] = public
        page_id = self.context.kiosk_pages.get(path)
        if page_id is not None:
            values["data-page"] = page_id
            if fragment:
                values["data-anchor"] = fragment
        else:
            values["data-qr"] = qr_path(public)
            self._need_qr(public)
        return True

    def _embedded(self, tag: str, name: str, value: str) -> str:
        if value.startswith("data:"):
            return value
        resolved = _site_path(self.page_url, value)
        if resolved is None or urlsplit(value).scheme:
            raise KioskContentError(
                f"{self.where}: <{tag} {name}=\"{value}\"> loads a file from another site; the kiosk works offline "
                "and shows only files of this site: store the file next to the page and link it relatively"
            )
        path = resolved[0]
        if path not in self.media:
            self.media.append(path)
        return f"{MEDIA_DIR}/{path}"

    def _need_qr(self, url: str) -> None:
        if url not in self.qr_urls:
            self.qr_urls.append(url)


def _start_tag(tag: str, values: dict[str, str | None], closing: str) -> str:
    parts = [tag]
    for name, value in values.items():
        parts.append(name if value is None else f'{name}="{html.escape(value, quote=True)}"')
    return "<" + " ".join(parts) + closing + ">"


def rewrite_html(content: str, page_url: str, context: LinkContext, where: str = "") -> RewrittenHtml:
    """Rewrite the links and embedded files of a page's HTML (``page_url`` is
    the page's site-relative URL, against which its relative links resolve)."""
    rewriter = _Rewriter(page_url=page_url, context=context, where=where or page_url)
    rewriter.feed_text(content)
    pieces: list[str] = []
    position = 0
    for start, end, replacement in sorted(rewriter.edits):
        pieces.append(content[position:start])
        pieces.append(replacement)
        position = end
    pieces.append(content[position:])
    return RewrittenHtml("".join(pieces), tuple(rewriter.qr_urls), tuple(rewriter.media))
