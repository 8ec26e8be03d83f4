"""What the page template needs to know about a page beyond MkDocs' own data:
which language its text is in, whether it is a fallback or a stale translation,
its canonical address and its hreflang alternates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hanoi_info.corpus import Corpus, Status, page_url
from hanoi_info.languages import Language


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    href: str


@dataclass(frozen=True)
class PageInfo:
    language: Language  # the language of the build (the reader's choice)
    content_lang: str  # the language the text is written in
    status: Status | None  # None for pages outside the content tree
    source_url: str  # site-relative URL of the Vietnamese original
    source_updated: dt.date | None
    canonical: str
    alternates: tuple[Alternate, ...]

    @property
    def is_fallback(self) -> bool:
        return self.status == "missing"

    @property
    def is_stale(self) -> bool:
        return self.status == "stale"


def absolute(site_url: str, relative_url: str) -> str:
    return site_url.rstrip("/") + "/" + relative_url


def page_info(corpus: Corpus, norm_path: str, language: Language, site_url: str) -> PageInfo:
    source = corpus.source_language
    status = corpus.status(norm_path, language.code)
    source_record = corpus.get(norm_path, source.code)
    translated = corpus.translated_languages(norm_path)
    alternates = [
        Alternate(corpus.language(code).hreflang, absolute(site_url, page_url(norm_path, corpus.language(code))))
        for code in translated
    ]
    source_href = absolute(site_url, page_url(norm_path, source))
    alternates.append(Alternate("x-default", source_href))
    # A fallback page repeats the Vietnamese text; search engines should index the original.
    canonical = source_href if status == "missing" else absolute(site_url, page_url(norm_path, language))
    return PageInfo(
        language=language,
        content_lang=source.code if status == "missing" else language.code,
        status=status,
        source_url=page_url(norm_path, source),
        source_updated=source_record.meta.updated if source_record else None,
        canonical=canonical,
        alternates=tuple(alternates),
    )


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    lastmod: dt.date
    alternates: tuple[Alternate, ...]


def sitemap_entries(corpus: Corpus, site_url: str) -> list[SitemapEntry]:
    """Every page in every language it is written in, each with all its alternates.
    Fallback copies are left out: their canonical is the Vietnamese page."""
    entries = []
    for norm_path in corpus.source_paths():
        info = page_info(corpus, norm_path, corpus.source_language, site_url)
        for code in corpus.translated_languages(norm_path):
            record = corpus.get(norm_path, code)
            assert record is not None
            entries.append(
                SitemapEntry(
                    loc=absolute(site_url, page_url(norm_path, corpus.language(code))),
                    lastmod=record.meta.updated,
                    alternates=info.alternates,
                )
            )
    return entries
