"""Which handouts and short links a site has, and where their files go.

Pure functions of the corpus: the per-language builds (index page, links
under each page) and the site-wide step that renders the PDFs compute the same
plan, so every link points to a file that the site-wide step writes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from hanoi_info.corpus import Corpus, page_url
from hanoi_info.messages import N_
from hanoi_info.schema import TOPICS, Problem, field_line
from hanoi_info.shortlinks import SHORT_PREFIX, short_code, short_path

VARIANTS: dict[str, str] = {
    "office": N_("A5 for a desk printer"),
    "print": N_("A5 for a print shop, with 3 mm bleed and crop marks"),
}
HANDOUTS_DIR = "handouts"
MAX_FACTS = 6
MAX_FACT_CHARS = {"cjk": 60, "other": 120}
PLACEHOLDER_HOSTS = frozenset({"localhost", "127.0.0.1", "0.0.0.0", "::1", "[::1]"})


@dataclass(frozen=True)
class ShortLink:
    """A page for a reader of ``lang``, reachable at ``/q/<code>/``. Where the
    page is not translated yet the link leads to its copy in that language's
    section (the Vietnamese text under a notice) and, once the translation is
    published, to the translation: the same printed code gets better."""

    code: str
    page_id: str
    norm_path: str
    lang: str
    title: str
    content_lang: str  # the language the page's text is in

    @property
    def path(self) -> str:
        return short_path(self.page_id, self.lang)

    @property
    def is_fallback(self) -> bool:
        return self.content_lang != self.lang


@dataclass(frozen=True)
class Handout:
    page_id: str
    norm_path: str
    src_path: str  # below docs/, as written: "tourism/lake.en.md"
    lang: str
    url_prefix: str  # "" or "en/"
    topic: str
    title: str
    code: str
    page_path: str  # site-relative URL of the page: "en/tourism/lake/"

    @property
    def short_path(self) -> str:
        return short_path(self.page_id, self.lang)

    def pdf_path(self, variant: str) -> str:
        suffix = "" if variant == "office" else f".{variant}"
        return f"{self.url_prefix}{HANDOUTS_DIR}/{self.page_id}{suffix}.pdf"

    @property
    def preview_path(self) -> str:
        return f"{self.url_prefix}{HANDOUTS_DIR}/{self.page_id}.preview.png"


def index_path(url_prefix: str) -> str:
    """Site-relative URL of a language's list of handouts: "en/handouts/"."""
    return f"{url_prefix}{HANDOUTS_DIR}/"


def pack_path(url_prefix: str, lang: str, variant: str) -> str:
    suffix = "" if variant == "office" else f".{variant}"
    # Page ids cannot contain dots, so this never collides with a handout.
    return f"{url_prefix}{HANDOUTS_DIR}/hanoi-handouts.{lang}{suffix}.pdf"


def qr_image_path(code_path: str, extension: str) -> str:
    """Standalone QR images live next to the short link's redirect page."""
    return f"{code_path}qr.{extension}"


def _topic_rank(topic: str) -> int:
    order = list(TOPICS)
    return order.index(topic) if topic in order else len(order)


def short_links(corpus: Corpus, codes: tuple[str, ...]) -> list[ShortLink]:
    """Every page for a reader of every built language (as the site has every
    page in every language, translated or not)."""
    links = []
    for norm_path in corpus.source_paths():
        source = corpus.get(norm_path, corpus.source_language.code)
        assert source is not None
        for language in corpus.languages:
            if language.code not in codes:
                continue
            record = corpus.get(norm_path, language.code) or source
            links.append(
                ShortLink(short_code(source.meta.id, language.code), source.meta.id, norm_path, language.code,
                          record.meta.title, record.lang)
            )
    return links


def handouts(corpus: Corpus, codes: tuple[str, ...]) -> list[Handout]:
    """Pages with ``handout: true``, in each built language they are written in;
    by language (site order), then topic (home page order), then path."""
    found = []
    for norm_path in corpus.source_paths():
        source = corpus.get(norm_path, corpus.source_language.code)
        assert source is not None
        for code in corpus.translated_languages(norm_path):
            record = corpus.get(norm_path, code)
            assert record is not None
            if code not in codes or not record.meta.handout:
                continue
            language = corpus.language(code)
            found.append(
                Handout(
                    page_id=record.meta.id,
                    norm_path=norm_path,
                    src_path=record.src_path,
                    lang=code,
                    url_prefix=language.url_prefix,
                    topic=source.meta.topic,
                    title=record.meta.title,
                    code=short_code(record.meta.id, code),
                    page_path=page_url(norm_path, language),
                )
            )
    order = {language.code: index for index, language in enumerate(corpus.languages)}
    found.sort(key=lambda h: (order[h.lang], _topic_rank(h.topic), h.norm_path))
    return found


def code_collisions(links: list[ShortLink]) -> list[str]:
    """Two pages whose ids happen to give the same short code (30 bits; unlikely, but fatal)."""
    seen: dict[str, ShortLink] = {}
    problems = []
    for link in links:
        other = seen.setdefault(link.code, link)
        if other is not link and (other.page_id, other.lang) != (link.page_id, link.lang):
            problems.append(
                f"short code '{link.code}' is shared by page '{other.page_id}' ({other.lang}) and "
                f"'{link.page_id}' ({link.lang}); change the id of the newer page"
            )
    return problems


def handout_facts(corpus: Corpus, handout: Handout, docs_dir: Path) -> tuple[tuple[str, ...], list[Problem]]:
    """The optional ``handout_facts`` list of a page: short practical lines for the sheet."""
    record = corpus.get(handout.norm_path, handout.lang)
    assert record is not None
    raw = record.meta.extra.get("handout_facts")
    if raw is None:
        return (), []
    try:
        lines = (docs_dir / record.src_path).read_text(encoding="utf-8").split("\n")[1:]
    except OSError:
        lines = []
    line = field_line(lines, "handout_facts")
    limit = MAX_FACT_CHARS["cjk" if corpus.language(handout.lang).is_cjk else "other"]
    if not isinstance(raw, list) or not raw:
        return (), [Problem(record.src_path, line, "handout_facts: expected a list of short lines (- Bus 86: airport – Old Quarter)")]
    problems = []
    facts = []
    for index, item in enumerate(raw, start=1):
        if not isinstance(item, str) or not item.strip():
            problems.append(Problem(record.src_path, line, f"handout_facts[{index}]: expected text, got {item!r:.40}"))
        elif "<" in item and any(tag in item for tag in ("</", "<a", "<b", "<i", "<s", "<p", "<d")):
            problems.append(Problem(record.src_path, line, f"handout_facts[{index}]: must be plain text; remove the HTML tags"))
        elif len(item.strip()) > limit:
            problems.append(Problem(record.src_path, line, f"handout_facts[{index}]: {len(item.strip())} characters, at most {limit} allowed; shorten it"))
        else:
            facts.append(item.strip())
    if len(raw) > MAX_FACTS:
        problems.append(Problem(record.src_path, line, f"handout_facts: {len(raw)} lines, at most {MAX_FACTS} fit on the sheet; keep the most useful"))
    return tuple(facts), problems


def checked_date(corpus: Corpus, handout: Handout) -> dt.date:
    """The date the sheet's facts were last confirmed: the oldest source check
    (a sheet is only as current as its least recently checked fact), or the
    page's revision date when it lists no sources."""
    record = corpus.get(handout.norm_path, handout.lang)
    assert record is not None
    dates = [source.checked for source in record.meta.sources]
    return min(dates) if dates else record.meta.updated


def site_url_problem(site_url: str) -> str | None:
    """Why ``site_url`` must not be printed in a QR code, or None when it is a real public address."""
    parts = urlsplit(site_url or "")
    host = (parts.hostname or "").lower()
    if not host:
        return "site_url is not set"
    if host in PLACEHOLDER_HOSTS or host.endswith((".localhost", ".local", ".test", ".invalid", ".example")):
        return f"site_url '{site_url}' is a local or placeholder address"
    labels = host.split(".")
    if "example" in labels[:-1] or labels[0] == "example":
        return f"site_url '{site_url}' is a placeholder (example.*) address"
    if parts.scheme != "https":
        return f"site_url '{site_url}' is not HTTPS"
    return None


def short_display(site_url: str, path: str) -> str:
    """The short address as printed under the code: no scheme, no trailing slash."""
    parts = urlsplit(site_url)
    base = (parts.netloc + parts.path).rstrip("/")
    return f"{base}/{path}".rstrip("/")


def short_path_for(code: str) -> str:
    """The folder of a short link from its code: "q/abc234/"."""
    return f"{SHORT_PREFIX}/{code}/"
