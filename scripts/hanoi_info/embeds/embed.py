"""The embed view of a page, the addresses its head and "Embed this page"
dialog show, and its oEmbed document.

The embed view (``embed/<lang>/<path>/``) is the page's text alone, for an
iframe on another site: no navigation, no cookies or storage, links opening
outside the frame. The HTML itself comes from ``overrides/embed/page.html``;
the snippets agencies paste from ``overrides/embed/snippets.html``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hanoi_info.corpus import Corpus, page_url
from hanoi_info.embeds import paths
from hanoi_info.embeds.html import rebase_urls
from hanoi_info.languages import Language
from hanoi_info.page_info import PageInfo, absolute, page_info
from hanoi_info.places import Place, page_place
from hanoi_info.schema import Source

OEMBED_VERSION = "1.0"


@dataclass(frozen=True)
class EmbedLinks:
    """What a page's head and its "Embed this page" dialog need, in the build language."""

    title: str  # in the language of the text
    page_url: str  # absolute address of the full page
    embed_url: str
    oembed_url: str
    loader_url: str
    width: int
    height: int


@dataclass(frozen=True)
class EmbedView:
    """The context of ``overrides/embed/page.html``."""

    path: str  # site-relative address of the embed view
    root: str  # from the embed view back to the site root: its <base href>
    title: str
    description: str
    content: str  # the page's HTML, links relative to the site root
    has_h1: bool
    page_href: str  # the full page, relative to the site root
    canonical: str
    updated: dt.date
    sources: tuple[Source, ...]
    info: PageInfo
    place: Place | None = None  # a place page's place: its directions links


def text_record(corpus: Corpus, norm_path: str, language: Language):
    """The record whose text a reader of ``language`` sees: the translation, or the Vietnamese original."""
    record = corpus.get(norm_path, language.code) or corpus.get(norm_path, corpus.source_language.code)
    if record is None:
        raise KeyError(f"{norm_path} is not a page of the corpus")
    return record


def embed_links(corpus: Corpus, norm_path: str, language: Language, site_url: str, width: int, height: int) -> EmbedLinks:
    record = text_record(corpus, norm_path, language)
    return EmbedLinks(
        title=record.meta.title,
        page_url=absolute(site_url, page_url(norm_path, language)),
        embed_url=absolute(site_url, paths.embed_path(norm_path, language)),
        oembed_url=absolute(site_url, paths.oembed_path(record.meta.id, language.code)),
        loader_url=absolute(site_url, paths.LOADER_SCRIPT),
        width=width,
        height=height,
    )


def embed_view(corpus: Corpus, norm_path: str, language: Language, site_url: str, content: str) -> EmbedView:
    """The embed view of a page whose rendered HTML (as MkDocs wrote it into the
    page at its own address) is ``content``."""
    record = text_record(corpus, norm_path, language)
    path = paths.embed_path(norm_path, language)
    own_url = page_url(norm_path, language)
    info = page_info(corpus, norm_path, language, site_url)
    return EmbedView(
        path=path,
        root=paths.relative_root(path),
        title=record.meta.title,
        description=record.meta.description,
        content=rebase_urls(content, own_url, ""),
        has_h1="<h1" in content,
        page_href=own_url or "./",
        canonical=info.canonical,
        updated=record.meta.updated,
        sources=record.meta.sources,
        info=info,
        place=page_place(corpus, norm_path),
    )


def oembed_document(links: EmbedLinks, *, html: str, provider_name: str, provider_url: str) -> dict:
    """oEmbed 1.0, type "rich" (https://oembed.com/#section2.3)."""
    return {
        "version": OEMBED_VERSION,
        "type": "rich",
        "title": links.title,
        "provider_name": provider_name,
        "provider_url": provider_url,
        "html": html,
        "width": links.width,
        "height": links.height,
    }
