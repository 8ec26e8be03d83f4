"""The home page's sections: one per topic, with the pages a reader of the
current language can open (translations first, Vietnamese originals marked)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from hanoi_info.corpus import Corpus, page_url
from hanoi_info.languages import Language
from hanoi_info.schema import TOPICS


@dataclass(frozen=True)
class HomeLink:
    title: str
    description: str
    url: str  # site-relative
    lang: str  # the language the linked text is written in


@dataclass(frozen=True)
class HomeSection:
    topic: str
    label: str
    links: tuple[HomeLink, ...]


def topic_links(corpus: Corpus, language: Language, topic: str) -> tuple[HomeLink, ...]:
    links = []
    for norm_path in corpus.source_paths():
        source = corpus.get(norm_path, corpus.source_language.code)
        assert source is not None
        if source.meta.topic != topic:
            continue
        record = corpus.get(norm_path, language.code) or source
        links.append(HomeLink(record.meta.title, record.meta.description, page_url(norm_path, language), record.lang))
    return tuple(links)


def home_sections(corpus: Corpus, language: Language, gettext: Callable[[str], str]) -> tuple[HomeSection, ...]:
    return tuple(
        HomeSection(topic, gettext(label), topic_links(corpus, language, topic))
        for topic, label in TOPICS.items()
    )
