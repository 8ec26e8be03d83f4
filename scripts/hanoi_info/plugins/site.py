"""The project's MkDocs plugin. Each handler is a few lines that call the named
functions of the capability modules; the logic lives there, not here."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from hanoi_info.plugins import required_plugin
from hanoi_info import catalogs, dates, events, home, places, search, structured_data
from hanoi_info.corpus import Corpus, load_corpus
from hanoi_info.embeds import feeds
from hanoi_info.context import LanguageResults, SiteTasks
from hanoi_info.languages import Language
from hanoi_info.navcache import NavigationCache
from hanoi_info.page_info import page_info, sitemap_entries
from hanoi_info.pictures import plugin_support as pictures
from hanoi_info.sanitize import sanitize_html
from hanoi_info.schema import HELD_SOURCES_DIR, TOPICS, publish_held_sources
from hanoi_info.templating import COMPILED_TEMPLATES

log = get_plugin_logger(__name__)

# Theme templates every language build would write at the site root (MkDocs
# writes sitemap.xml.gz beside sitemap.xml). Only the source language's build
# writes them: the others render them empty, which MkDocs skips, so languages
# built at the same time in other processes never overwrite them.
SITE_WIDE_TEMPLATES = ("404.html", "sitemap.xml")


class HanoiSiteConfig(Config):
    locales_dir = config_options.Type(str, default="locales")
    data_dir = config_options.Type(str, default="data")
    # The year whose round anniversaries the events pages list; by default the
    # year of the last commit (never the clock: builds must be reproducible).
    anniversary_year = config_options.Optional(config_options.Type(int))
    # Render a top-level navigation section the reader is not in once per folder
    # (hanoi_info.navcache); off only to compare against Material's own rendering.
    navigation_cache = config_options.Type(bool, default=True)
    # Where compiled templates are kept between builds (hanoi_info.templating).
    templates_cache_dir = config_options.Type(str, default=".cache/templates")


class HanoiSitePlugin(BasePlugin[HanoiSiteConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.corpus: Corpus | None = None
        self.language: Language | None = None
        self.translations: Any = None
        self.source_index: dict[str, Any] | None = None
        self.site_name_msgid: str | None = None
        self.locales_dir: Path | None = None
        self.fallback_urls: set[str] = set()
        self.events: events.EventData | None = None
        self.events_pages: dict[str, str | None] = {"recurring": None, "anniversaries": None}
        self.anniversary_year: int | None = None
        self.navigation = NavigationCache()
        # What the language builds hand to the site-wide outputs (hanoi_info.context).
        self.results = LanguageResults()
        self.site_tasks = SiteTasks()
        self.place_rules: places.PlaceRules | None = None
        self.pictures: Any = None  # hanoi_info.pictures.publish.Pictures, made with the corpus
        self.share: Any = None  # hanoi_info.pictures.share.ShareCards

    # -- helpers -----------------------------------------------------------
    def _i18n(self, config: MkDocsConfig):
        return required_plugin(config, "hanoi-i18n", "hanoi")

    def _root(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def site_name_in(self, language: Language) -> str:
        """mkdocs.yml's site_name (the one msgid of the site's name) in ``language``."""
        assert self.site_name_msgid is not None and self.locales_dir is not None
        return catalogs.site_name(self.locales_dir, language, self.site_name_msgid)

    # -- events ------------------------------------------------------------
    def on_startup(self, *, command, dirty) -> None:
        self.corpus = None

    @event_priority(10)  # before Material's search and static-i18n configure themselves
    def _configure_language(self, config: MkDocsConfig) -> MkDocsConfig:
        i18n = self._i18n(config)
        if self.site_name_msgid is None:
            self.site_name_msgid = config.site_name
        self.locales_dir = self._root(config) / self.config.locales_dir
        self.language = i18n.current
        if not i18n.building:
            # A new site build starts with the source language.
            self.results = LanguageResults()
            self.site_tasks = SiteTasks()
        if self.language.is_source:
            COMPILED_TEMPLATES.keep_in(self._root(config) / self.config.templates_cache_dir)
            self.corpus = load_corpus(Path(config.docs_dir), i18n.languages)
            # The hanoi-editorial plugin reports these together with every other check.
            if self.corpus.problems and "hanoi-editorial" not in config.plugins:
                raise PluginError(
                    "the content has problems; fix them and build again:\n"
                    + "\n".join(f"docs/{problem}" for problem in self.corpus.problems)
                )
            # Which pages show the events tables: found once, read for every page.
            self.events_pages = feeds.events_pages(self.corpus)
            events_file = self._root(config) / self.config.data_dir / "events.yml"
            try:
                self.events = events.load_events(events_file, [language.code for language in i18n.languages]) if events_file.exists() else None
            except events.EventDataError as error:
                raise PluginError(str(error)) from None
            try:
                self.place_rules = places.load_rules(self._root(config) / self.config.data_dir)
            except places.PlaceRulesError as error:
                raise PluginError(str(error)) from None
            self.pictures, self.share = pictures.prepare(self, config, log)
            newest = max((record.meta.updated for record in self.corpus.records()), default=None)
            self.anniversary_year = self.config.anniversary_year or (
                dates.content_year(self._root(config), newest) if newest else None
            )
        # static-i18n sets the theme language too, but only after Material's
        # search has read it; search must see the language being built.
        config.theme["language"] = self.language.code
        search_plugin = config.plugins.get("material/search")
        if search_plugin is not None:
            search.prepare_search_plugin(search_plugin, self.language)
        self.fallback_urls = set()
        try:
            self.translations = catalogs.translations(self._root(config) / self.config.locales_dir, self.language)
        except FileNotFoundError as error:
            raise PluginError(str(error)) from None
        return config

    @event_priority(-110)  # after static-i18n applied its per-language settings
    def _localize_site_name(self, config: MkDocsConfig) -> MkDocsConfig:
        # mkdocs.yml's site_name is an English msgid of the catalogs.
        config.site_name = self.gettext(self.site_name_msgid)
        return config

    on_config = CombinedEvent(_configure_language, _localize_site_name)

    def on_env(self, env: Environment, config: MkDocsConfig, files) -> Environment:
        env.bytecode_cache = COMPILED_TEMPLATES
        env.add_extension("jinja2.ext.i18n")
        env.install_gettext_translations(self.translations, newstyle=True)
        env.globals["hanoi_language"] = self.language
        env.globals["hanoi_nav"] = self.navigation if self.config.navigation_cache else None
        env.globals["hanoi_format_date"] = partial(dates.format_long_date, language=self.language)
        env.globals["material_overrides"] = {
            key: self.gettext(text) for key, text in catalogs.MATERIAL_STRING_OVERRIDES.items()
        }
        return env

    @event_priority(-110)  # after static-i18n chose the language's files
    def on_files(self, files, config: MkDocsConfig):
        return pictures.on_files(self, files, config)

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files) -> str:
        if self.events is None or self.anniversary_year is None or self.language is None:
            return markdown
        content_lang = getattr(page.file, "locale", self.language.code)
        gettext = self.gettext if content_lang == self.language.code else catalogs.translations(
            self._root(config) / self.config.locales_dir, self._i18n(config).language(content_lang)
        ).gettext
        return events.expand_event_markers(markdown, content_lang, self.anniversary_year, self.events, gettext)

    @event_priority(-100)  # last: the site, embeds, API, feeds and kiosk all read the page's HTML after this
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files) -> str:
        return pictures.page_html(self, sanitize_html(html), page, config)

    @event_priority(-110)  # after static-i18n rebuilt the navigation for the language
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files) -> Navigation:
        self.navigation.clear()  # a new language's navigation
        order = list(TOPICS)
        for item in nav.items:
            if isinstance(item, Section):
                folder = _section_folder(item)
                if folder in TOPICS:
                    item.title = self.gettext(TOPICS[folder])
        # Topic sections in the order of TOPICS (the home page's order), not alphabetical.
        nav.items.sort(key=lambda item: order.index(_section_folder(item)) + 1
                       if isinstance(item, Section) and _section_folder(item) in TOPICS else 0)
        return nav

    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        assert self.corpus is not None and self.language is not None
        norm_path = getattr(page.file, "norm_src_uri", page.file.src_uri)
        if self.corpus.get(norm_path, self.corpus.source_language.code) is not None:
            info = page_info(self.corpus, norm_path, self.language, config.site_url or "")
            context["hanoi"] = info
            if info.is_fallback:
                self.fallback_urls.add(page.url)
            place = places.page_place(self.corpus, norm_path, self.place_rules)
            context["hanoi_place"] = place
            context["hanoi_jsonld"] = structured_data.script_json(structured_data.page_graph(
                self.corpus, norm_path, self.language, config.site_url or "", config.site_name, self.gettext, place=place,
                events=structured_data.page_events(self.events_pages, norm_path, self.events, self.anniversary_year,
                                                   self.language.code, self.gettext)))
        pictures.page_context(self, context, page, config)
        if page.meta.get("topic") == "home":
            context["hanoi_home"] = home.home_sections(self.corpus, self.language, self.gettext)
        return context

    def on_template_context(self, context: dict, template_name: str, config: MkDocsConfig) -> dict:
        # Only the Vietnamese build writes the sitemap (SITE_WIDE_TEMPLATES).
        if template_name == "sitemap.xml" and self.corpus is not None and self.language is not None and self.language.is_source:
            context["hanoi_sitemap"] = sitemap_entries(self.corpus, config.site_url or "")
        return context

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        if template_name in SITE_WIDE_TEMPLATES and self.language is not None and not self.language.is_source:
            return ""
        return output_content

    @event_priority(-50)  # after Material wrote its index, before static-i18n merges languages
    def _write_language_search_index(self, config: MkDocsConfig) -> None:
        if self.language is not None:
            self.results.built.append(self.language.code)
        search_plugin = config.plugins.get("material/search")
        if search_plugin is None or self.language is None:
            return
        index = search.language_index(
            list(search_plugin.search_index.entries), dict(search_plugin.config), self.language, self.fallback_urls
        )
        site_dir = Path(config.site_dir)
        search.write_language_index(site_dir, self.language, index)
        if self.language.is_source:
            self.source_index = index

    @event_priority(-110)  # after static-i18n wrote its merged index over the Vietnamese one
    def _restore_source_search_index(self, config: MkDocsConfig) -> None:
        if self._i18n(config).building or self.source_index is None or self.corpus is None:
            return
        site_dir = Path(config.site_dir)
        search.write_language_index(site_dir, self.corpus.source_language, self.source_index)
        publish_held_sources(self._root(config) / HELD_SOURCES_DIR, site_dir)
        pictures.finish(self, log)

    on_post_build = CombinedEvent(_write_language_search_index, _restore_source_search_index)


def _section_folder(section: Section) -> str | None:
    for child in section.children:
        file = getattr(child, "file", None)
        if file is not None:
            return Path(getattr(file, "norm_src_uri", file.src_uri)).parts[0]
        if isinstance(child, Section):
            folder = _section_folder(child)
            if folder:
                return folder
    return None
