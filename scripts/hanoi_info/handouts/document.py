"""A handout as an HTML document, from the page's front matter and (for a
page without a ``handout_summary``) the page's own HTML as the site's build
rendered and sanitized it, through the Jinja template ``handout.html`` (in
the handouts templates folder, ``overrides/handouts/``), in the handout's
language."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from hanoi_info import catalogs, dates
from hanoi_info.context import CapturedPage
from hanoi_info.corpus import Corpus
from hanoi_info.handouts import plan
from hanoi_info.handouts.plan import Handout
from hanoi_info.pictures import handout as handout_photos
from hanoi_info.pictures.markup import image_size, screen_photos, site_path
from hanoi_info.places import PlaceRules, page_place
from hanoi_info.qr import PRINT_LEVEL, QrCache, qr_png
from hanoi_info.page_info import absolute
from hanoi_info.kiosk.links import strip_leading_h1
from hanoi_info.sanitize import print_html
from hanoi_info.schema import TOPICS, Problem
from hanoi_info.templating import COMPILED_TEMPLATES

TEMPLATE = "handout.html"
QR_SYMBOL_MM = 26.0  # the printed symbol, quiet zone excluded (at least 25 mm)
# The directions code (a longer address, scanned from close by): smaller, so
# that both codes fit the column beside the text.
DIRECTIONS_SYMBOL_MM = 20.0
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
WORD = re.compile(r"[^\s<>]+")


@dataclass(frozen=True)
class HandoutDirections:
    png: str  # data: address of the code's PNG
    width_mm: float  # printed width, quiet zone included


@dataclass(frozen=True)
class HandoutDocument:
    handout: Handout
    html: str
    base_url: str  # the folder of the page's Markdown file: its images resolve there
    uses_page_text: bool  # no handout_summary: the whole page text is on the sheet


class DocumentBuilder:
    """Everything a handout's HTML depends on, set up once per build."""

    def __init__(
        self,
        *,
        corpus: Corpus,
        docs_dir: Path,
        templates_dir: Path,
        locales_dir: Path,
        site_url: str,
        site_name: str,
        qr_cache: QrCache | None = None,
        pictures: Any = None,
        place_rules: PlaceRules | None = None,
    ):
        self.corpus = corpus
        self.docs_dir = docs_dir
        self.templates_dir = templates_dir
        self.locales_dir = locales_dir
        self.site_url = site_url
        self.site_name = site_name  # mkdocs.yml's site_name: the msgid, translated per handout
        self.draft = plan.site_url_problem(site_url) is not None
        self.qr_cache = qr_cache or QrCache()
        self.pictures = pictures  # hanoi_info.pictures.publish.Pictures, or None
        self.place_rules = place_rules  # data/places.yml: which pages are place pages
        self._environments: dict[str, Environment] = {}
        self._translations: dict[str, Any] = {}

    def gettext(self, lang: str, message: str) -> str:
        if lang not in self._translations:
            self._translations[lang] = catalogs.translations(self.locales_dir, self.corpus.language(lang))
        return self._translations[lang].gettext(message)

    def environment(self, lang: str) -> Environment:
        if lang not in self._environments:
            env = Environment(
                loader=FileSystemLoader(str(self.templates_dir)),
                autoescape=True,
                undefined=StrictUndefined,
                extensions=["jinja2.ext.i18n"],
                trim_blocks=True,
                lstrip_blocks=True,
                bytecode_cache=COMPILED_TEMPLATES,
            )
            self.gettext(lang, "")
            env.install_gettext_translations(self._translations[lang], newstyle=True)
            self._environments[lang] = env
        return self._environments[lang]

    def paper_text(self, page: CapturedPage) -> str:
        """The page's HTML as the site shows it, for paper: no leading title,
        links as their text, every local image as its file (a photo as its
        print file, never the published one with smaller pixels)."""
        html = print_html(strip_leading_h1(page.html))
        files = dict(page.files)
        docs = self.docs_dir.resolve()

        def paper_file(src: str) -> tuple[str, int | None, int | None] | None:
            path = site_path(src, page.url)
            if path is None:
                return None
            if self.pictures is not None:
                printed = self.pictures.print_file_at(path)
                if printed is not None:
                    return printed
            source = files.get(path)
            if source is None:
                return None
            # Relative to docs/, the document's base: a cache key names the
            # address, not where the project lies (hanoi_info.handouts.render.cache_key).
            file = Path(source).resolve()
            address = file.relative_to(docs).as_posix() if file.is_relative_to(docs) else file.as_uri()
            return (address, *image_size(file))

        return screen_photos(html, paper_file)

    def directions(self, norm_path: str) -> HandoutDirections | None:
        """A place page's directions code (the place on OpenStreetMap, as the
        kiosk shows it), printed smaller than the page's own code."""
        place = page_place(self.corpus, norm_path, self.place_rules)
        if place is None:
            return None
        matrix = self.qr_cache.matrix(place.osm_url, PRINT_LEVEL)
        return HandoutDirections(
            png="data:image/png;base64," + base64.b64encode(qr_png(matrix)).decode("ascii"),
            width_mm=round(DIRECTIONS_SYMBOL_MM * matrix.size_with_quiet_zone / matrix.size, 2),
        )

    def build(self, handout: Handout, page: CapturedPage | None = None) -> tuple[HandoutDocument, list[Problem]]:
        """The handout's document; a handout without a summary prints the
        page's text, and needs ``page`` (the page as its language's build rendered it)."""
        corpus = self.corpus
        record = corpus.get(handout.norm_path, handout.lang)
        assert record is not None
        language = corpus.language(handout.lang)
        env = self.environment(handout.lang)
        facts, problems = plan.handout_facts(corpus, handout, self.docs_dir)
        short_url = absolute(self.site_url, handout.short_path)
        matrix = self.qr_cache.matrix(short_url, PRINT_LEVEL)
        summary = record.meta.handout_summary
        if summary is None and page is None:
            raise ValueError(f"docs/{handout.src_path}: a handout without a summary needs the page's HTML")
        context = {
            "lang": language.hreflang,
            "cjk": language.is_cjk,
            "title": record.meta.title,
            "topic": self.gettext(handout.lang, TOPICS[handout.topic]) if handout.topic in TOPICS else "",
            "summary": summary,
            "page_text": Markup(self.paper_text(page)) if summary is None else None,
            "photo": handout_photos.photo(self.pictures, handout.norm_path, handout.lang, self.gettext),
            "facts": facts,
            "qr_png": "data:image/png;base64," + base64.b64encode(qr_png(matrix)).decode("ascii"),
            "qr_width_mm": round(QR_SYMBOL_MM * matrix.size_with_quiet_zone / matrix.size, 2),
            "qr_version": matrix.version,
            "directions": self.directions(handout.norm_path),
            "short_url": short_url,
            "short_display": plan.short_display(self.site_url, handout.short_path),
            "checked": dates.format_long_date(plan.checked_date(corpus, handout), language),
            "sources": [(source.title, _host(source.url) if source.url else source.publisher) for source in record.meta.sources],
            "draft": self.draft,
            "site_url": self.site_url,
            "site_name": self.gettext(handout.lang, self.site_name),
        }
        html = env.get_template(TEMPLATE).render(context)
        if handout.lang == "ko":
            html = keep_words(html)
        # The page text's images are addresses below docs/ (paper_text); the
        # handout's own photo and codes are absolute.
        base = self.docs_dir.resolve() if summary is None else (self.docs_dir / record.src_path).parent.resolve()
        return HandoutDocument(handout, html, base.as_uri() + "/", summary is None), problems


class _LocalImages(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.addresses: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.addresses += [value for name, value in attrs if name == "src" and value]

    handle_startendtag = handle_starttag


def captured_page(norm_path: str, lang: str, url: str, html: str, published: Mapping[str, str]) -> CapturedPage:
    """A page's HTML for its handout, with the source file of every local image
    it shows (``published``: site path -> source file, of the language's build)."""
    parser = _LocalImages()
    parser.feed(html)
    parser.close()
    files = {}
    for address in parser.addresses:
        path = site_path(address, url)
        if path is not None and path in published:
            files[path] = published[path]
    return CapturedPage(norm_path, lang, url, html, tuple(sorted(files.items())))


def _host(url: str) -> str:
    host = urlsplit(url).netloc
    return host[4:] if host.startswith("www.") else host


def keep_words(html: str) -> str:
    """Korean breaks lines between words only (CSS ``word-break: keep-all``).

    WeasyPrint 70 accepts only ``normal`` and ``break-all`` for ``word-break``,
    and Pango breaks between any two Hangul syllables; so each word that
    contains Hangul is wrapped in a span that does not wrap. Only the body's
    text is touched (never tags, the title element or style/svg content)."""
    head, separator, body = html.partition("<body")
    if not separator:
        return html
    parts = re.split(r"(<[^>]*>)", separator + body)
    skip = 0
    for index, part in enumerate(parts):
        if part.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", part)
            if name and name.group(1).lower() in ("style", "svg", "script"):
                skip += -1 if part.startswith("</") else (0 if part.endswith("/>") else 1)
            continue
        if skip or not HANGUL.search(part):
            continue
        parts[index] = WORD.sub(
            lambda m: f'<span class="keep">{m.group(0)}</span>' if HANGUL.search(m.group(0)) else m.group(0), part
        )
    return head + "".join(parts)


