"""What the handouts put on the site besides the PDFs: the ``/q/<code>/``
redirect pages, standalone QR images, per-language print packs, and the data
of each language's list of handouts (``/handouts/``, ``/en/handouts/`` ...)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from hanoi_info import catalogs
from hanoi_info.cachefiles import publish_cached, write_atomically
from hanoi_info.corpus import Corpus
from hanoi_info.handouts import plan
from hanoi_info.handouts.plan import VARIANTS, Handout
from hanoi_info.qr import PRINT_LEVEL, QrCache, qr_png, qr_svg
from hanoi_info.handouts.registry import Redirect
from hanoi_info.page_info import absolute
from hanoi_info.schema import TOPICS
from hanoi_info.templating import COMPILED_TEMPLATES

REDIRECT_TEMPLATE = "redirect.html"
QR_IMAGE_SYMBOL_MM = 30.0


@dataclass(frozen=True)
class Link:
    label: str
    url: str  # site-relative


@dataclass(frozen=True)
class IndexItem:
    title: str
    page_url: str
    pdfs: tuple[Link, ...]
    preview_url: str
    qr_svg_url: str
    qr_png_url: str
    short_url: str
    short_display: str


@dataclass(frozen=True)
class IndexGroup:
    topic: str
    label: str
    items: tuple[IndexItem, ...]


@dataclass(frozen=True)
class HandoutIndex:
    groups: tuple[IndexGroup, ...]
    packs: tuple[Link, ...]
    count: int


@dataclass(frozen=True)
class PageHandout:
    """What a page's footer links to: its own handout and the language's list."""

    pdf_url: str | None
    index_url: str


def handout_index(
    items: list[Handout], lang: str, url_prefix: str, variants: tuple[str, ...], gettext: Callable[[str], str], site_url: str
) -> HandoutIndex | None:
    mine = [item for item in items if item.lang == lang]
    if not mine:
        return None
    groups: dict[str, list[IndexItem]] = {}
    for item in mine:
        groups.setdefault(item.topic, []).append(
            IndexItem(
                title=item.title,
                page_url=item.page_path,
                pdfs=tuple(Link(gettext(VARIANTS[variant]), item.pdf_path(variant)) for variant in variants),
                preview_url=item.preview_path,
                qr_svg_url=plan.qr_image_path(item.short_path, "svg"),
                qr_png_url=plan.qr_image_path(item.short_path, "png"),
                short_url=absolute(site_url, item.short_path),
                short_display=plan.short_display(site_url, item.short_path),
            )
        )
    packs = tuple(Link(gettext(VARIANTS[variant]), plan.pack_path(url_prefix, lang, variant)) for variant in variants)
    return HandoutIndex(
        groups=tuple(
            IndexGroup(topic, gettext(TOPICS[topic]) if topic in TOPICS else topic, tuple(entries))
            for topic, entries in groups.items()
        ),
        packs=packs,
        count=len(mine),
    )


def _relative(target: str, from_dir: str) -> str:
    """A link from the folder ``from_dir`` ("q/abc123/") to the site-relative ``target``."""
    relative = posixpath.relpath("/" + target, "/" + from_dir.rstrip("/"))
    return relative + ("/" if target.endswith("/") and not relative.endswith("/") else "")


def write_redirect_pages(
    site_dir: Path, redirects: list[Redirect], templates_dir: Path, locales_dir: Path, corpus: Corpus, site_url: str
) -> int:
    """``q/<code>/index.html`` for every short link, in the language of its page."""
    environments: dict[str, Environment] = {}
    for redirect in redirects:
        if redirect.lang not in environments:
            env = Environment(
                loader=FileSystemLoader(str(templates_dir)), autoescape=True, undefined=StrictUndefined,
                extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True,
                bytecode_cache=COMPILED_TEMPLATES,
            )
            env.install_gettext_translations(catalogs.translations(locales_dir, corpus.language(redirect.lang)), newstyle=True)
            environments[redirect.lang] = env
        folder = f"{plan.short_path_for(redirect.code)}"
        html = environments[redirect.lang].get_template(REDIRECT_TEMPLATE).render(
            lang=corpus.language(redirect.lang).hreflang,
            title=redirect.title,
            title_lang=corpus.language(redirect.title_lang).hreflang if redirect.title_lang else None,
            target=_relative(redirect.target, folder),
            canonical=absolute(site_url, redirect.target),
        )
        path = site_dir / folder / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    return len(redirects)


def write_qr_images(site_dir: Path, codes: list[str], site_url: str, qr_cache: QrCache) -> None:
    """``q/<code>/qr.svg`` and ``qr.png`` (300 dpi): the code of the absolute short link."""
    for code in codes:
        folder = plan.short_path_for(code)
        url = absolute(site_url, folder)
        matrix = qr_cache.matrix(url, PRINT_LEVEL)
        target = site_dir / folder
        target.mkdir(parents=True, exist_ok=True)
        (target / "qr.svg").write_text(qr_svg(matrix, symbol_mm=QR_IMAGE_SYMBOL_MM, title=url), encoding="utf-8")
        (target / "qr.png").write_bytes(qr_png(matrix, symbol_mm=QR_IMAGE_SYMBOL_MM))


PACK_FORMAT = "1"  # change when a pack is made differently


def pack_key(pdfs: list[tuple[Path, int]], *, one_sheet_each: bool, date: dt.date) -> str:
    """What a pack depends on: its handouts (their cache files are named by the
    hash of everything a handout depends on), the blank pages, the date, PDFium."""
    from importlib import metadata

    digest = hashlib.sha256(f"{PACK_FORMAT}\n{metadata.version('pypdfium2')}\n{one_sheet_each}\n{date}\n".encode())
    for path, pages in pdfs:
        digest.update(f"{path.name}:{pages}\n".encode())
    return digest.hexdigest()[:32]


def write_pack(pdfs: list[tuple[Path, int]], target: Path, *, one_sheet_each: bool, date: dt.date,
               cache_dir: Path | None = None) -> bool:
    """Merge handouts into one PDF at ``target``. With ``one_sheet_each`` a
    one-page handout is followed by a blank page, so that printed on both
    sides every handout is its own sheet. With ``cache_dir`` the pack is kept
    there by :func:`pack_key` (merging the 126 handouts of the real site's six
    packs took 0.2 s of every warm build): returns whether it was merged."""
    cached = cache_dir / f"{pack_key(pdfs, one_sheet_each=one_sheet_each, date=date)}.pdf" if cache_dir else None
    target.parent.mkdir(parents=True, exist_ok=True)
    if cached is not None and cached.is_file():
        publish_cached(cached, target)
        return False
    data = merged_pack(pdfs, one_sheet_each=one_sheet_each, date=date)
    if cached is not None:
        write_atomically(cached, data)
    target.write_bytes(data)
    return True


def merged_pack(pdfs: list[tuple[Path, int]], *, one_sheet_each: bool, date: dt.date) -> bytes:
    import pypdfium2

    pack = pypdfium2.PdfDocument.new()
    try:
        for path, pages in pdfs:
            source = pypdfium2.PdfDocument(path)
            try:
                pack.import_pages(source)
                if one_sheet_each and pages % 2:
                    model = source[0]
                    width, height = model.get_width(), model.get_height()
                    boxes = {name: getattr(model, f"get_{name}")() for name in ("mediabox", "bleedbox", "trimbox")}
                    blank = pack.new_page(width, height)
                    for name, box in boxes.items():
                        getattr(blank, f"set_{name}")(*box)
            finally:
                source.close()
        buffer = io.BytesIO()
        pack.save(buffer)
    finally:
        pack.close()
    return reproducible(buffer.getvalue(), date)


def prune_packs(cache_dir: Path, keep: set[str], older_than: float) -> int:
    """Remove cached packs this build did not use (``keep``: their keys) that
    are older than ``older_than`` seconds (another build may share the cache)."""
    import time

    removed = 0
    if not cache_dir.is_dir():
        return 0
    now = time.time()
    for path in cache_dir.glob("*.pdf"):
        try:
            if path.stem not in keep and now - path.stat().st_mtime >= older_than:
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed


CREATION_DATE = re.compile(rb"/CreationDate\(D:\d{14}([^)]*)\)")
FILE_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>\s*\]")


def reproducible(pdf: bytes, date: dt.date) -> bytes:
    """The same pack from the same handouts, byte for byte: PDFium stamps the
    time of saving and a random file identifier, which are replaced in place
    (same lengths, so the cross-reference offsets stay valid) by the content's
    date and a digest of the rest of the file."""
    stamp = date.strftime("%Y%m%d").encode() + b"000000"
    pdf = CREATION_DATE.sub(lambda m: b"/CreationDate(D:" + stamp + m.group(1) + b")", pdf, count=1)
    match = FILE_ID.search(pdf)
    if match:
        without_id = pdf[: match.start()] + pdf[match.end():]
        digest = hashlib.md5(without_id, usedforsecurity=False).hexdigest().upper().encode()
        pdf = pdf[: match.start(1)] + digest + pdf[match.end(1): match.start(2)] + digest + pdf[match.end(2):]
    return pdf
