"""What the kiosk contains, and the files it is made of.

The kiosk is a one-page app: a small shell (``index.html`` with the attract
screen, the language picker, the controls and every language's UI strings),
then, fetched when needed and precached by a service worker:

- ``<lang>/index.json``: the topic tiles and page lists of one language;
- ``<lang>/p/<page id>.json``: the text of one page in one language it is
  written in (a reader of a language the page is not translated into gets the
  Vietnamese fragment with the missing-translation notice);

Fragments are JSON data, ``{"html": "…"}``, not ``.html`` files: they are
pieces of the shell, not documents (no doctype, head or title), and the site's
HTML is validated file by file.
- ``qr/<hash>.svg``: QR codes (a page's permanent short link per language,
  and every link that leads off the kiosk);
- ``media/…``: images the pages show.

Each language's build renders and writes that language's part
(:func:`language_part`: its tiles and page lists, the text of the pages
written in it and the QR codes these show), so the kiosk's pages are made on
every core, from the HTML that build rendered. Once every language is built,
:func:`plan_kiosk` works out the shell (pure: corpus and settings in, data
out), :func:`render_kiosk` renders the shell and gathers the static files and
images, and :func:`write_kiosk` writes them and, last, the manifest of all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Mapping

from babel.support import NullTranslations
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from hanoi_info.context import CapturedPage
from hanoi_info.corpus import Corpus, PageRecord, Status, page_url
from hanoi_info.dates import format_long_date
from hanoi_info.kiosk.links import (
    LinkContext,
    KioskContentError,
    public_url,
    qr_path,
    rewrite_html,
    strip_leading_h1,
)
from hanoi_info.kiosk.manifest import MANIFEST_NAME, FileDigest, build_version, digest_of, make_manifest, manifest_json
from hanoi_info.qr import SCREEN_LEVEL, QrCache, QrMatrix, qr_svg
from hanoi_info.kiosk.strings import ui_strings
from hanoi_info.languages import Language
from hanoi_info.places import page_place
from hanoi_info.pictures.kiosk import artwork_files, attract_svg
from hanoi_info.schema import TOPICS
from hanoi_info.shortlinks import short_path
from hanoi_info.templating import COMPILED_TEMPLATES

STATIC_DIR = Path(__file__).parent / "static"
STATIC_FILES = ("kiosk.js", "kiosk.css", "blank.svg")
SERVICE_WORKER = "sw.js"
TEMPLATE_SHELL = "kiosk/index.html"
TEMPLATE_LANGUAGE = "kiosk/language.html"
TEMPLATE_PAGE = "kiosk/page.html"

Gettext = Callable[[str], str]


@dataclass(frozen=True)
class KioskSettings:
    idle_seconds: float = 90
    countdown_seconds: float = 20


@dataclass(frozen=True)
class SourceLink:
    title: str
    url: str | None  # None: a document the project holds, named without a link
    qr: str | None


@dataclass(frozen=True)
class Directions:
    """A place page's directions card: a QR code of the place on OpenStreetMap,
    which any phone's camera opens (hanoi_info.places)."""

    url: str
    qr: str
    lat: float
    lon: float


@dataclass(frozen=True)
class ContentFragment:
    """One page's text in one language it is written in."""

    page_id: str
    language: Language
    path: str  # kiosk-relative: "en/p/tourism-lake.json"
    title: str
    html: str
    sources: tuple[SourceLink, ...]
    directions: Directions | None = None


@dataclass(frozen=True)
class KioskEntry:
    """A page as the reader of one language finds it on the kiosk."""

    page_id: str
    title: str
    description: str
    content_lang: str  # hreflang of the language the text is written in
    status: Status
    content: str  # kiosk-relative path of the content fragment
    qr: str  # kiosk-relative path of the QR code of the page's short link
    short_url: str
    updated: str  # "Last revised" date, written the reader's way
    source_updated: str  # the Vietnamese original's date, for the stale notice


@dataclass(frozen=True)
class KioskTopic:
    topic: str
    label: str
    entries: tuple[KioskEntry, ...]


@dataclass(frozen=True)
class KioskLanguage:
    language: Language
    strings: Mapping[str, str]
    topics: tuple[KioskTopic, ...]

    @property
    def path(self) -> str:
        return f"{self.language.code}/index.json"


@dataclass(frozen=True)
class KioskPlan:
    languages: tuple[KioskLanguage, ...]
    settings: KioskSettings
    site_url: str


@dataclass(frozen=True)
class KioskPart:
    """What one language's build wrote into the kiosk folder: kiosk-relative
    path -> size and hash (its tiles and page lists, the text of the pages
    written in it, the QR codes these show), and the site paths of the images
    they show (copied with the shell)."""

    lang: str
    files: Mapping[str, FileDigest]
    media: tuple[str, ...]


def content_path(page_id: str, lang: str) -> str:
    return f"{lang}/p/{page_id}.json"


def _source(corpus: Corpus, norm_path: str) -> PageRecord:
    record = corpus.get(norm_path, corpus.source_language.code)
    assert record is not None, norm_path
    return record


def kiosk_paths(corpus: Corpus) -> list[str]:
    """Source paths of the kiosk's pages (``kiosk: true`` in one of the topics;
    the home page has no place on the kiosk, which has its own start), in the
    order of the topics, then of their paths."""
    order = {topic: index for index, topic in enumerate(TOPICS)}
    paths = [
        norm_path for norm_path in corpus.source_paths()
        if _source(corpus, norm_path).meta.kiosk and _source(corpus, norm_path).meta.topic in order
    ]
    return sorted(paths, key=lambda norm_path: (order[_source(corpus, norm_path).meta.topic], norm_path))


def should_capture(corpus: Corpus | None, norm_path: str, lang: str) -> bool:
    """Whether a language build's rendering of a page is kiosk text: a kiosk
    page written in that language (not a copy of the Vietnamese text)."""
    if corpus is None:
        return False
    source = corpus.get(norm_path, corpus.source_language.code)
    return (
        source is not None
        and source.meta.kiosk
        and source.meta.topic in TOPICS
        and corpus.status(norm_path, lang) != "missing"
    )


def kiosk_environment(template_dirs: list[str]) -> Environment:
    """The Jinja environment of the kiosk's templates (``overrides/kiosk/``)."""
    return Environment(
        loader=FileSystemLoader(template_dirs),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        bytecode_cache=COMPILED_TEMPLATES,
    )


def kiosk_page_urls(corpus: Corpus, paths: list[str]) -> dict[str, str]:
    """Site-relative URL of every kiosk page in every language -> its id."""
    urls: dict[str, str] = {}
    for norm_path in paths:
        page_id = _source(corpus, norm_path).meta.id
        for language in corpus.languages:
            urls[page_url(norm_path, language)] = page_id
    return urls


def content_fragments(
    corpus: Corpus, paths: list[str], code: str, captured: Mapping[str, CapturedPage], site_url: str
) -> tuple[tuple[ContentFragment, ...], tuple[str, ...], tuple[str, ...]]:
    """The text of every kiosk page written in language ``code`` (``captured``:
    source path -> the page as that language's build rendered it), with links
    and images rewritten; and the addresses needing QR codes and the files to copy."""
    context = LinkContext(site_url=site_url, kiosk_pages=kiosk_page_urls(corpus, paths))
    fragments: list[ContentFragment] = []
    qr_urls: dict[str, None] = {}
    media: dict[str, None] = {}
    for norm_path in paths:
        record = corpus.get(norm_path, code)
        if record is None:
            continue  # not translated: the kiosk shows the Vietnamese fragment
        page = captured.get(norm_path)
        if page is None:
            raise KioskContentError(
                f"docs/{record.src_path}: the build did not render this page, so the kiosk cannot show it; "
                "build every language (no --lang) to produce the kiosk"
            )
        rewritten = rewrite_html(strip_leading_h1(page.html), page.url, context, where=f"docs/{record.src_path}")
        qr_urls.update(dict.fromkeys(rewritten.qr_urls))
        media.update(dict.fromkeys(rewritten.media))
        sources = tuple(
            SourceLink(source.title, source.url, qr_path(source.url)) if source.url
            else SourceLink(f"{source.publisher}, {source.title} ({source.issued})", None, None)
            for source in record.meta.sources
        )
        qr_urls.update(dict.fromkeys(source.url for source in sources if source.url))
        place = page_place(corpus, norm_path)
        directions = Directions(place.osm_url, qr_path(place.osm_url), place.lat, place.lon) if place else None
        if directions is not None:
            qr_urls[directions.url] = None
        fragments.append(
            ContentFragment(
                page_id=record.meta.id,
                language=corpus.language(code),
                path=content_path(record.meta.id, code),
                title=record.meta.title,
                html=rewritten.html,
                sources=sources,
                directions=directions,
            )
        )
    return tuple(fragments), tuple(qr_urls), tuple(media)


def language_view(corpus: Corpus, paths: list[str], language: Language, site_url: str, gettext: Gettext) -> KioskLanguage:
    """The topic tiles and page lists a reader of ``language`` sees."""
    source = corpus.source_language
    by_topic: dict[str, list[KioskEntry]] = {topic: [] for topic in TOPICS}
    for norm_path in paths:
        original = corpus.get(norm_path, source.code)
        assert original is not None
        record = corpus.get(norm_path, language.code) or original
        short_url = public_url(site_url, short_path(original.meta.id, language.code))
        by_topic[original.meta.topic].append(
            KioskEntry(
                page_id=original.meta.id,
                title=record.meta.title,
                description=record.meta.description,
                content_lang=corpus.language(record.lang).hreflang,
                status=corpus.status(norm_path, language.code),
                content=content_path(original.meta.id, record.lang),
                qr=qr_path(short_url),
                short_url=short_url,
                updated=format_long_date(record.meta.updated, language),
                source_updated=format_long_date(original.meta.updated, language),
            )
        )
    topics = tuple(
        KioskTopic(topic, gettext(label), tuple(by_topic[topic])) for topic, label in TOPICS.items() if by_topic[topic]
    )
    return KioskLanguage(language=language, strings=ui_strings(gettext, language), topics=topics)


def plan_kiosk(corpus: Corpus, site_url: str, settings: KioskSettings, gettext_for: Callable[[Language], Gettext]) -> KioskPlan:
    """The kiosk's shell: its languages (their tiles and strings) and settings."""
    paths = kiosk_paths(corpus)
    views = tuple(language_view(corpus, paths, language, site_url, gettext_for(language)) for language in corpus.languages)
    return KioskPlan(views, settings, site_url)


def language_part(
    corpus: Corpus,
    code: str,
    captured: Mapping[str, CapturedPage],
    site_url: str,
    env: Environment,
    translations: NullTranslations,
    kiosk_dir: Path,
    qr_cache: QrCache | None = None,
) -> KioskPart:
    """Write the files of language ``code`` into ``kiosk_dir``, from the pages
    as its build rendered them (``captured``: source path -> page); the plugin
    passes the project's :class:`~hanoi_info.qr.QrCache`, kept between builds.

    Written here, in whichever process built the language, so that creating
    the kiosk's ~750 files is spread over every core. A QR code that two
    languages show is written by the first build to create its file
    (:func:`write_files` with ``shared``); both list it with the same digest."""
    qr_cache = qr_cache or QrCache()
    language = corpus.language(code)
    paths = kiosk_paths(corpus)
    view = language_view(corpus, paths, language, site_url, translations.gettext)
    fragments, qr_urls, media = content_fragments(corpus, paths, code, captured, site_url)
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    files: dict[str, bytes] = {
        view.path: fragment_json(env.get_template(TEMPLATE_LANGUAGE).render(view=view).encode("utf-8"))
    }
    for fragment in fragments:
        files[fragment.path] = fragment_json(env.get_template(TEMPLATE_PAGE).render(fragment=fragment).encode("utf-8"))
    written = write_files(kiosk_dir, files)
    short_urls = [entry.short_url for topic in view.topics for entry in topic.entries]
    codes = {qr_path(url): screen_code(qr_cache.matrix(url, SCREEN_LEVEL)) for url in dict.fromkeys([*short_urls, *qr_urls])}
    written.update(write_files(kiosk_dir, codes, shared=True))
    return KioskPart(code, written, media)


@lru_cache(maxsize=4096)
def screen_code(matrix: QrMatrix) -> bytes:
    """The kiosk's SVG of a code: the languages built in one process show many
    of the same links (sources, directions), each drawn once."""
    return qr_svg(matrix).encode("utf-8")


def write_files(kiosk_dir: Path, files: Mapping[str, bytes], *, shared: bool = False) -> dict[str, FileDigest]:
    """Write ``files`` below ``kiosk_dir``. ``shared``: files that other
    languages' builds may write too, with the same bytes (a QR code's file is
    named by a hash of its link): the first build to create one writes it,
    the others leave it (about 500 files instead of 2,000 on the real site)."""
    written = {}
    for path, data in files.items():
        target = kiosk_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with target.open("xb" if shared else "wb") as output:
                output.write(data)
        except FileExistsError:
            pass
        written[path] = digest_of(data)
    return written


def shell_data(plan: KioskPlan) -> dict:
    """What the kiosk's script needs before any language is chosen."""
    return {
        "source": plan.languages[0].language.code,
        "languages": [
            {"code": view.language.code, "hreflang": view.language.hreflang, "name": view.language.native_name}
            for view in plan.languages
        ],
        "strings": {view.language.code: dict(view.strings) for view in plan.languages},
        "idle_seconds": plan.settings.idle_seconds,
        "countdown_seconds": plan.settings.countdown_seconds,
    }


def fragment_json(html: bytes) -> bytes:
    """A fragment of the shell as the kiosk's script fetches it: ``{"html": "…"}``."""
    return json.dumps({"html": html.decode("utf-8")}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True)
class KioskFiles:
    files: Mapping[str, bytes]  # kiosk-relative path -> content: the shell, static files, images
    digests: Mapping[str, FileDigest]  # every file but the manifest, the languages' parts included
    version: str


def render_kiosk(
    plan: KioskPlan,
    parts: Mapping[str, KioskPart],
    env: Environment,
    translations_for: Callable[[Language], NullTranslations],
    site_dir: Path,
) -> KioskFiles:
    """The files of the kiosk build that the languages' parts (:func:`language_part`,
    already written, one per language of ``plan``) do not include: the shell,
    the static files and the images the pages show; and the digests of all."""
    source = plan.languages[0].language
    missing = [view.language.code for view in plan.languages if view.language.code not in parts]
    if missing:
        raise KioskContentError(f"the kiosk has no pages in {', '.join(missing)}: build every language (no --lang)")
    env.install_gettext_translations(translations_for(source), newstyle=True)  # type: ignore[attr-defined]
    data = json.dumps(shell_data(plan), ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    files: dict[str, bytes] = {
        "index.html": env.get_template(TEMPLATE_SHELL).render(
            views=plan.languages, source=source, data_json=data, attract_svg=attract_svg()
        ).encode("utf-8")
    }
    digests: dict[str, FileDigest] = {}
    media: dict[str, None] = {}
    for view in plan.languages:
        part = parts[view.language.code]
        digests.update(part.files)  # a QR code two languages show is the same file
        media.update(dict.fromkeys(part.media))
    for path in media:
        origin = site_dir / path
        if not origin.is_file():
            raise KioskContentError(f"{path}: a kiosk page shows this file but the build did not produce it")
        files[f"media/{path}"] = origin.read_bytes()
    for name in STATIC_FILES:
        files[name] = (STATIC_DIR / name).read_bytes()
    files.update(artwork_files())  # the project's drawings: attract screen and topic tiles
    # The service worker carries the build's version, so that a new build is a
    # new worker: browsers compare the worker script byte by byte.
    digests.update((path, digest_of(data)) for path, data in files.items())
    version = build_version(digests)
    files[SERVICE_WORKER] = (
        f"const VERSION = {json.dumps(version)};\n".encode("utf-8") + (STATIC_DIR / SERVICE_WORKER).read_bytes()
    )
    digests[SERVICE_WORKER] = digest_of(files[SERVICE_WORKER])
    return KioskFiles(files, digests, version)


def write_kiosk(kiosk_dir: Path, output: KioskFiles, plan: KioskPlan) -> Path:
    """Write the shell, static files and images beside the languages' parts,
    and the manifest last (a kiosk folder without one is an unfinished build)."""
    write_files(kiosk_dir, output.files)
    manifest = make_manifest(
        output.digests,
        output.version,
        tuple(view.language.code for view in plan.languages),
        plan.settings.idle_seconds,
        plan.settings.countdown_seconds,
        plan.site_url,
    )
    (kiosk_dir / MANIFEST_NAME).write_bytes(manifest_json(manifest))
    return kiosk_dir / MANIFEST_NAME
