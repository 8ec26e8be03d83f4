"""Rendering handouts to PDF with WeasyPrint: cached, in parallel, strict.

* Cache: a PDF is stored under ``.cache/handouts/<key>.pdf`` where the key
  hashes everything the PDF depends on (its HTML, which holds the content,
  the translated labels and the QR target; the stylesheets; the files the
  HTML loads, such as images; the font files; the WeasyPrint version). A
  rebuild with no change renders nothing.
* Parallel: a process pool with one worker per core, started before MkDocs
  builds the pages (:class:`Rendering`). Each worker creates one
  ``FontConfiguration`` and parses the stylesheets once (with the cut-down CJK
  faces of :mod:`hanoi_info.handouts.cjkfonts`), then renders many handouts
  with them; WeasyPrint would otherwise set up fontconfig, load the fonts and
  parse the CSS again for every document.
* Strict: any WeasyPrint warning (a missing image, an unsupported CSS value,
  the fontTools fallback) fails the build, like MkDocs' strict mode. Only
  ``file:`` and ``data:`` URLs are fetched: nothing leaves the machine.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import re
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import unquote, urlsplit

from hanoi_info.cachefiles import publish_cached, write_atomically
from hanoi_info.handouts.fonts import FONTTOOLS_FALLBACK_MESSAGE, HARFBUZZ_SUBSET_PACKAGE

# Bump when the rendering code changes in a way the inputs do not show.
RENDERER_VERSION = "3"
STYLESHEET = "handout.css"
PREVIEW_WIDTH_PX = 300
PRUNE_AFTER_SECONDS = 24 * 3600
# Tagged PDF: structure, reading order and language for screen readers.
PDF_OPTIONS = {"pdf_tags": True}


class RenderError(RuntimeError):
    pass


@dataclass(frozen=True)
class Stylesheets:
    """The CSS texts of each variant: the shared sheet, then the variant's own."""

    folder: str
    texts: dict[str, tuple[str, ...]]
    font_faces: str = ""  # @font-face rules of the prepared CJK faces (hanoi_info.handouts.cjkfonts)
    font_faces_key: str = ""  # what those faces are, wherever the cache is (their file names)

    @classmethod
    def load(cls, templates_dir: Path, variants: Iterable[str], font_faces: str = "") -> "Stylesheets":
        texts = {}
        for variant in variants:
            names = (STYLESHEET, f"variant-{variant}.css")
            missing = [name for name in names if not (templates_dir / name).is_file()]
            if missing:
                raise RenderError(f"{templates_dir}: missing handout stylesheet(s) {', '.join(missing)}")
            texts[variant] = tuple((templates_dir / name).read_text(encoding="utf-8") for name in names)
        key = " ".join(re.findall(r'url\("[^"]*/([^"/]+)"\)', font_faces))
        return cls(str(templates_dir.resolve()), texts, font_faces, key)


@dataclass(frozen=True)
class RenderJob:
    key: str  # cache key
    html: str
    base_url: str
    variant: str
    label: str  # the page's file, for messages: "docs/tourism/lake.en.md"
    preview: bool = False  # also draw the first page as a PNG
    lang: str = ""


@dataclass(frozen=True)
class Rendered:
    key: str
    pdf: Path
    preview: Path | None
    pages: int
    rendered: bool  # False when it came from the cache


def referenced_files(html: str, base_url: str) -> list[tuple[str, Path]]:
    """Local files the HTML loads (images), as (the address written, the file):
    both belong in the cache key (the address, not the absolute path, so that
    the cache survives moving the project)."""
    base = Path(unquote(urlsplit(base_url).path))
    files = []
    for url in re.findall(r"""\bsrc=["']([^"']+)["']""", html):
        parts = urlsplit(url)
        if parts.scheme in ("", "file") and not url.startswith("data:"):
            files.append((url, (base / unquote(parts.path)).resolve() if not parts.scheme else Path(unquote(parts.path))))
    return files


@lru_cache(maxsize=1)
def weasyprint_version() -> str:
    # From the installed package's metadata: importing WeasyPrint for its
    # __version__ costs 0.3 s, which a build with every handout cached skips.
    return metadata.version("weasyprint")


def cache_key(html: str, base_url: str, variant: str, stylesheets: Stylesheets, fonts_fingerprint: str) -> str:
    digest = hashlib.sha256()
    for part in (RENDERER_VERSION, weasyprint_version(), variant, fonts_fingerprint, stylesheets.font_faces_key,
                 *stylesheets.texts[variant], html):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    for address, path in referenced_files(html, base_url):
        digest.update(address.encode())
        digest.update(path.read_bytes() if path.is_file() else b"missing")
    return digest.hexdigest()[:32]


# -- the worker side ---------------------------------------------------------

class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


_STATE: dict = {}

# "hb_codepoint_t[825]": a C array type of fixed length, as WeasyPrint writes them.
SIZED_ARRAY = re.compile(r"(\w+)\[(\d+)\]")


class OpenLengthArrays:
    """WeasyPrint's font subsetting (``weasyprint.pdf.fonts``) asks cffi for an
    array of a new length for every font of every handout (``ffi.new(
    "hb_codepoint_t[825]", glyphs)``), and cffi parses each new type string
    with pycparser, about 6 ms each: rendering the real site's 126 handouts
    in one process took 7.3–7.5 s of CPU with WeasyPrint's sized arrays and
    6.9 s with open ones (5–7 %; each worker of the pool parses its own).
    Filled from a list of that length, the open array type
    (``"hb_codepoint_t[]"``, parsed once) is the same memory with the same
    contents. Everything else goes to cffi as written."""

    def __init__(self, ffi) -> None:
        self.ffi = ffi

    def new(self, cdecl, init=None):
        sized = SIZED_ARRAY.fullmatch(cdecl) if isinstance(cdecl, str) else None
        if sized and isinstance(init, (list, tuple)) and len(init) == int(sized.group(2)):
            return self.ffi.new(f"{sized.group(1)}[]", init)
        return self.ffi.new(cdecl, init)

    def __getattr__(self, name: str):
        return getattr(self.ffi, name)


def open_length_arrays_for_subsetting() -> None:
    """Once per process (idempotent): see :class:`OpenLengthArrays`."""
    import weasyprint.pdf.fonts as subsetting

    if not isinstance(subsetting.ffi, OpenLengthArrays):
        subsetting.ffi = OpenLengthArrays(subsetting.ffi)


def _setup(stylesheets: Stylesheets) -> None:
    """Once per process: one font configuration, every stylesheet parsed once."""
    from weasyprint import CSS
    from weasyprint.logger import LOGGER
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    if _STATE.get("stylesheets") == stylesheets:
        return
    open_length_arrays_for_subsetting()
    capture = _STATE.get("capture") or _Capture()
    if "capture" not in _STATE:
        LOGGER.addHandler(capture)
    fetcher = URLFetcher(allowed_protocols=("file", "data"), fail_on_errors=True)
    font_config = FontConfiguration()
    base = Path(stylesheets.folder).as_uri() + "/"
    faces = [CSS(string=stylesheets.font_faces, base_url=base, font_config=font_config, url_fetcher=fetcher)] if stylesheets.font_faces else []
    css = {
        variant: faces + [CSS(string=text, base_url=base, font_config=font_config, url_fetcher=fetcher) for text in texts]
        for variant, texts in stylesheets.texts.items()
    }
    _STATE.update(stylesheets=stylesheets, capture=capture, fetcher=fetcher, font_config=font_config, css=css)
    problems = _drain(capture)
    if problems:
        raise RenderError(f"{stylesheets.folder}: the handout stylesheets have problems:\n" + "\n".join(problems))


def _drain(capture: _Capture) -> list[str]:
    messages, capture.messages = capture.messages, []
    return messages


def render_one(job: RenderJob, cache_dir: Path, stylesheets: Stylesheets) -> Rendered:
    """Render one handout into the cache (in a worker, or in this process)."""
    from weasyprint import HTML
    from weasyprint.logger import LOGGER
    from weasyprint.urls import FatalURLFetchingError

    _setup(stylesheets)
    capture: _Capture = _STATE["capture"]
    propagate = LOGGER.propagate
    LOGGER.propagate = False  # reported below, as one error
    _drain(capture)
    try:
        document = HTML(string=job.html, base_url=job.base_url, url_fetcher=_STATE["fetcher"]).render(
            stylesheets=_STATE["css"][job.variant], font_config=_STATE["font_config"]
        )
        pdf = document.write_pdf(**PDF_OPTIONS)
    except (Exception, FatalURLFetchingError) as error:  # WeasyPrint's own failures, with the page named
        cause = f" ({error.__cause__})" if error.__cause__ else ""
        raise RenderError(
            f"{job.label}: the {job.variant} handout could not be rendered: {type(error).__name__}: {error}{cause}"
        ) from None
    finally:
        LOGGER.propagate = propagate
    problems = _drain(capture)
    if any(FONTTOOLS_FALLBACK_MESSAGE in message for message in problems):
        raise RenderError(
            f"{job.label}: WeasyPrint fell back to fontTools to subset fonts (many times slower); "
            f"install the Debian package {HARFBUZZ_SUBSET_PACKAGE}"
        )
    if problems:
        raise RenderError(f"{job.label}: the {job.variant} handout has problems:\n" + "\n".join(problems))
    pdf_path = cache_dir / f"{job.key}.pdf"
    write_atomically(pdf_path, pdf)
    preview = None
    if job.preview:
        preview = cache_dir / f"{job.key}.preview.png"
        write_atomically(preview, preview_png(pdf))
    pages = len(document.pages)
    write_atomically(cache_dir / f"{job.key}.json", json.dumps({"pages": pages, "variant": job.variant}).encode())
    return Rendered(job.key, pdf_path, preview, pages, True)


def preview_png(pdf: bytes, width_px: int = PREVIEW_WIDTH_PX) -> bytes:
    """The first page, drawn with pdfium, as a small PNG (the page box only: the
    trim, without bleed and crop marks)."""
    import io

    import pypdfium2
    from PIL import Image

    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        left, bottom, right, top = page.get_trimbox()
        scale = width_px / (right - left)
        media_left, media_bottom, media_right, media_top = page.get_mediabox()
        crop = (
            round((left - media_left) * scale), round((bottom - media_bottom) * scale),
            round((media_right - right) * scale), round((media_top - top) * scale),
        )
        image = page.render(scale=scale, crop=crop).to_pil().convert("RGB")
        # 64 colours are plenty for a thumbnail of a printed page: a quarter
        # of the bytes of a full-colour PNG, and quicker to write.
        image = image.quantize(colors=64, method=Image.Quantize.FASTOCTREE)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return buffer.getvalue()
    finally:
        document.close()


def _worker_render(job: RenderJob, cache_dir: str, stylesheets: Stylesheets) -> Rendered:
    return render_one(job, Path(cache_dir), stylesheets)


# -- the build side ----------------------------------------------------------

def cached(job: RenderJob, cache_dir: Path) -> Rendered | None:
    pdf = cache_dir / f"{job.key}.pdf"
    meta = cache_dir / f"{job.key}.json"
    preview = cache_dir / f"{job.key}.preview.png"
    if not (pdf.is_file() and meta.is_file()) or (job.preview and not preview.is_file()):
        return None
    try:
        pages = int(json.loads(meta.read_text())["pages"])
        os.utime(meta)  # in use: keeps it from being pruned
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return Rendered(job.key, pdf, preview if job.preview else None, pages, False)


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _pool_context() -> multiprocessing.context.BaseContext:
    """Fork this process when it runs no other thread: the workers start at
    once, WeasyPrint already imported. Otherwise (``mkdocs serve`` runs a
    server thread) fork from a clean server process that imports WeasyPrint."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["weasyprint", "hanoi_info.handouts.render"])
    return context


class Rendering:
    """Rendering started in the background: the cache is looked up at once and
    the missing handouts go to a process pool, so the PDFs are made while
    MkDocs builds the pages; :meth:`wait` collects them."""

    def __init__(
        self, jobs: list[RenderJob], cache_dir: Path, stylesheets: Stylesheets, workers: int = 0,
        prepare: Callable[[Callable], object] | None = None,
    ):
        """``prepare(map)``: what every renderer needs first (the prepared
        fonts), done before any job; it may spread its work over the pool with
        ``map`` (the builtin ``map`` without a pool)."""
        cache_dir.mkdir(parents=True, exist_ok=True)
        self.cache_dir = cache_dir
        self.stylesheets = stylesheets
        self.results: dict[str, Rendered] = {}
        todo: dict[str, RenderJob] = {}
        for job in jobs:
            hit = cached(job, cache_dir)
            if hit is not None:
                self.results[job.key] = hit
            else:
                todo.setdefault(job.key, job)
        # CJK handouts take longest: start them first so the pool ends together.
        self.todo = sorted(todo.values(), key=lambda job: (-len(job.html.encode()), job.key))
        self.workers = min(workers or default_workers(), len(self.todo))
        self.pool: ProcessPoolExecutor | None = None
        self.futures: list = []
        if self.workers > 1:
            # Each worker parses the stylesheets with its first job (not when it
            # starts): their @font-face rules load the prepared fonts.
            self.pool = ProcessPoolExecutor(self.workers, mp_context=_pool_context())
        if self.todo and prepare is not None:
            try:
                prepare(self.pool.map if self.pool is not None else map)
            except BaseException:
                self.cancel()
                raise
        if self.pool is not None:
            self.futures = [self.pool.submit(_worker_render, job, str(cache_dir), stylesheets) for job in self.todo]

    def wait(self) -> dict[str, Rendered]:
        try:
            if self.pool is None:
                for job in self.todo:
                    self.results[job.key] = render_one(job, self.cache_dir, self.stylesheets)
            else:
                for future in self.futures:
                    rendered = future.result()
                    self.results[rendered.key] = rendered
        finally:
            self.cancel()
        return self.results

    def cancel(self) -> None:
        if self.pool is not None:
            for future in self.futures:
                future.cancel()
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def render_all(
    jobs: list[RenderJob], cache_dir: Path, stylesheets: Stylesheets, workers: int = 0,
    prepare: Callable[[], object] | None = None,
) -> dict[str, Rendered]:
    """Render the jobs that are not in the cache; returns every job's result by key."""
    return Rendering(jobs, cache_dir, stylesheets, workers, prepare).wait()


def prune(cache_dir: Path, keep: set[str], variants: Iterable[str], older_than: float = PRUNE_AFTER_SECONDS) -> int:
    """Remove cached handouts of these variants that this build did not use and
    nobody used for ``older_than`` seconds (other builds may share the cache);
    other variants' entries stay for the next build of them."""
    removed = 0
    if not cache_dir.is_dir():
        return 0
    variants = set(variants)
    now = time.time()
    stale = set()
    for meta in cache_dir.glob("*.json"):
        key = meta.name.split(".")[0]
        if key in keep or not re.fullmatch(r"[0-9a-f]{32}", key):
            continue
        try:
            if now - meta.stat().st_mtime < older_than:
                continue
            variant = json.loads(meta.read_text()).get("variant")
        except (OSError, ValueError, AttributeError):
            variant = None
        if variant is None or variant in variants:
            stale.add(key)
    for path in cache_dir.iterdir():
        if path.is_file() and path.name.split(".")[0] in stale:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def copy_file(source: Path, target: Path) -> None:
    publish_cached(source, target)
