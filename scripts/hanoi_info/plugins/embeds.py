"""The ``hanoi-embeds`` plugin: embed views, oEmbed, the content API and the
feeds (see :mod:`hanoi_info.embeds`). Listed after ``hanoi-i18n``.

Per page, in each language build: the embed view and the oEmbed document are
written, and the page's HTML is kept for the API. After each language build:
that language's API index and page documents and its feeds. Once, after every
language: ``api/v1/index.json`` and the schema. Handlers stay thin; the
documents are made by the functions of the ``hanoi_info.embeds`` modules."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config import config_options
from mkdocs.config.base import Config, ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from hanoi_info.plugins import required_plugin
from hanoi_info.corpus import page_url
from hanoi_info.embeds import api, feeds, ical, paths
from hanoi_info.embeds.embed import embed_links, embed_view, oembed_document
from hanoi_info.embeds.html import rebase_urls
from hanoi_info.page_info import absolute
from hanoi_info.pictures import api as pictures_api

EMBED_TEMPLATE = "embed/page.html"
EMBED_ASSETS = {
    "site_stylesheet": paths.SITE_STYLESHEET,
    "embed_stylesheet": paths.EMBED_STYLESHEET,
    "frame_script": paths.FRAME_SCRIPT,
}
SNIPPETS_TEMPLATE = "embed/snippets.html"
RSS_TEMPLATE = "feeds/rss.xml.html"
# The plugin that publishes the short-link redirect pages (/q/<code>/) and
# the handouts; the API lists those addresses only when it is in the build.
HANDOUTS_PLUGIN = "hanoi-handouts"


class PositiveInt(config_options.BaseConfigOption[int]):
    def __init__(self, default: int, meaning: str):
        super().__init__()
        self.default = default
        self.meaning = meaning

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValidationError(
                f"expected {self.meaning} as a whole number of at least 1 (default {self.default}), got {value!r}"
            )
        return value


class HanoiEmbedsConfig(Config):
    # How many recently updated pages each language's feeds list.
    feed_items = PositiveInt(50, "the number of pages in the feeds of updated pages")
    # The iframe size the snippets and oEmbed documents give (the loader then
    # follows the content's height).
    embed_width = PositiveInt(640, "the width of embedded pages in pixels")
    embed_height = PositiveInt(600, "the height of embedded pages in pixels")


class HanoiEmbedsPlugin(BasePlugin[HanoiEmbedsConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.env: Environment | None = None
        self.rendered: dict[str, str] = {}  # source path -> the page's HTML for the API, current language

    # -- helpers -------------------------------------------------------------
    def _site(self, config: MkDocsConfig) -> Any:
        required_plugin(config, "hanoi-i18n", "hanoi-embeds")
        return required_plugin(config, "hanoi", "hanoi-embeds")

    def _norm_path(self, page: Page) -> str:
        return getattr(page.file, "norm_src_uri", page.file.src_uri)

    def _in_corpus(self, site: Any, norm_path: str) -> bool:
        return site.corpus is not None and site.corpus.get(norm_path, site.corpus.source_language.code) is not None

    def _api_options(self, config: MkDocsConfig) -> dict:
        """Short links and handouts exist only where the handouts plugin writes
        them; its plan says which PDF each page has (the primary variant)."""
        handouts = config.plugins.get(HANDOUTS_PLUGIN)
        plan = getattr(handouts, "plan", None)
        images = pictures_api.image_lookup(self._site(config).pictures)
        if plan is None:
            return images
        return {
            **images,
            "short_links": True,
            "handouts": {(item.page_id, item.lang): item.pdf_path(plan.primary_variant) for item in plan.handouts},
        }

    # -- events --------------------------------------------------------------
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        site = self._site(config)
        if not config.site_url:
            raise PluginError(
                "mkdocs.yml: site_url: embeds, feeds and the API give absolute addresses; "
                "set site_url (or the HANOI_SITE_URL variable) to the site's public address"
            )
        self.rendered = {}
        return config

    def on_env(self, env: Environment, config: MkDocsConfig, files) -> Environment:
        self.env = env
        return env

    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        site = self._site(config)
        if site.language is None:
            return context
        site_name = config.site_name  # mkdocs.yml's site_name in this language (the hanoi plugin)
        context["hanoi_feeds"] = feeds.feed_links(site.language, config.site_url, site_name, site.gettext, site.anniversary_year)
        norm_path = self._norm_path(page)
        if self._in_corpus(site, norm_path):
            context["hanoi_embed"] = embed_links(
                site.corpus, norm_path, site.language, config.site_url, self.config.embed_width, self.config.embed_height
            )
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        site = self._site(config)
        norm_path = self._norm_path(page)
        if site.language is None or not self._in_corpus(site, norm_path) or self.env is None:
            return output
        corpus, language, site_url = site.corpus, site.language, config.site_url
        site_dir = Path(config.site_dir)
        site_name = config.site_name  # mkdocs.yml's site_name in this language (the hanoi plugin)
        content = page.content or ""

        view = embed_view(corpus, norm_path, language, site_url, content)
        html = self.env.get_template(EMBED_TEMPLATE).render(
            view=view, hanoi=view.info, language=language, site_name=site_name, assets=EMBED_ASSETS,
            page=None, base_url=".", config=config, share=site.share.by_url.get(page.url) if site.share else None,
        )
        paths.write_text(site_dir, view.path, html)

        links = embed_links(corpus, norm_path, language, site_url, self.config.embed_width, self.config.embed_height)
        iframe = str(self.env.get_template(SNIPPETS_TEMPLATE).module.iframe(links))
        document = oembed_document(
            links, html=iframe, provider_name=site_name, provider_url=absolute(site_url, language.url_prefix)
        )
        record = corpus.get(norm_path, language.code) or corpus.get(norm_path, corpus.source_language.code)
        paths.write_text(site_dir, paths.oembed_path(record.meta.id, language.code), api.dumps(document))

        self.rendered[norm_path] = rebase_urls(content, page_url(norm_path, language), absolute(site_url, ""))
        return output

    def _write_language_outputs(self, config: MkDocsConfig) -> None:
        site = self._site(config)
        if site.corpus is None or site.language is None or self.env is None:
            return
        corpus, language, site_url, gettext = site.corpus, site.language, config.site_url, site.gettext
        site_dir = Path(config.site_dir)
        site_name = config.site_name
        options = self._api_options(config)

        index = api.language_index(corpus, language, site_url, site_name, gettext, **options)
        paths.write_text(site_dir, paths.api_index_path(language.code), api.dumps(index))
        for norm_path in corpus.source_paths():
            if norm_path not in self.rendered:
                raise PluginError(f"docs/{norm_path}: the page was not built in '{language.code}'; the API needs its HTML")
            document = api.page_document(
                corpus, norm_path, language, site_url, site_name, gettext, self.rendered[norm_path], **options
            )
            paths.write_text(site_dir, paths.api_page_path(document["id"], language.code), api.dumps(document))

        rss = self.env.get_template(RSS_TEMPLATE)
        urls = feeds.feed_urls(language.code)
        updates = pictures_api.with_images(
            feeds.updates_feed(corpus, language, site_url, site_name, gettext, self.config.feed_items), site.pictures, language, site_url)
        paths.write_text(site_dir, urls["updates_rss"], rss.render(feed=updates) + "\n")
        paths.write_text(site_dir, urls["updates_json"], api.dumps(feeds.json_feed(updates)))
        year = site.anniversary_year
        if year is not None:
            events = feeds.events_feed(site.events, corpus, language, site_url, site_name, gettext, year)
            paths.write_text(site_dir, urls["events_rss"], rss.render(feed=events) + "\n")
            paths.write_text(site_dir, urls["events_json"], api.dumps(feeds.json_feed(events)))
            calendar = ical.calendar(
                feeds.occurrences(site.events, year, language.code, gettext), site.events_pages, language, site_url,
                name=events.title, description=events.description, gettext=gettext, year=year, site_name=site_name,
            )
            paths.write_text(site_dir, urls["events_ics"], calendar)

    @event_priority(-120)  # once, after every language (static-i18n builds them at -100)
    def _write_site_outputs(self, config: MkDocsConfig) -> None:
        site = self._site(config)
        if config.plugins["hanoi-i18n"].building or site.corpus is None:
            return
        site_dir = Path(config.site_dir)
        root = api.root_index(site.corpus, config.site_url, site.site_name_in(site.corpus.source_language), tuple(site.results.built))
        paths.write_text(site_dir, paths.api_root_path(), api.dumps(root))
        shutil.copyfile(api.SCHEMA, paths.output_file(site_dir, paths.api_schema_path()))

    on_post_build = CombinedEvent(_write_language_outputs, _write_site_outputs)

