"""The print handouts plugin (``hanoi-handouts``): A5 PDFs of the pages marked
``handout: true``, their permanent QR short links ``/q/<code>/``, print packs
and each language's list of handouts. The handlers only call the functions of
:mod:`hanoi_info.handouts`.

Variants: those listed under ``variants``: ``office`` (plain A5) and ``print``
(3 mm bleed, crop marks; ``hanoi-info build --print`` adds it)."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config, ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from hanoi_info.plugins import required_plugin
from hanoi_info.handouts import build as handout_build
from hanoi_info.handouts.document import captured_page
from hanoi_info.handouts.outputs import PageHandout, handout_index
from hanoi_info.handouts.plan import VARIANTS, index_path
from hanoi_info.messages import N_

log = get_plugin_logger(__name__)
# Not a MkDocs logger: its warnings are shown but do not fail a strict build.
advice = logging.getLogger("hanoi_info.handouts")

SHORT_LINKS_TASK = "handouts: short links"
INDEX_TITLE = N_("Printable handouts")
INDEX_DESCRIPTION = N_("A5 handouts of this site's pages to print, each with a QR code that opens the page in the same language.")


class Variants(config_options.BaseConfigOption[list]):
    """``variants: [office]`` or ``[office, print]``."""

    def __init__(self) -> None:
        super().__init__()
        self.default = ["office"]

    def run_validation(self, value: object) -> list:
        if not isinstance(value, list) or not value or not all(isinstance(item, str) for item in value):
            raise ValidationError(f"expected a list of handout variants, for example [office] or [office, print]; got {value!r:.60}")
        unknown = [item for item in value if item not in VARIANTS]
        if unknown:
            raise ValidationError(
                f"unknown variant(s) {', '.join(unknown)}; use 'office' (plain A5) and/or 'print' (A5 with 3 mm bleed and crop marks)"
            )
        return [variant for variant in VARIANTS if variant in value]


class HandoutsConfig(Config):
    variants = Variants()
    registry = config_options.Type(str, default="data/qr-registry.yml")
    templates_dir = config_options.Optional(config_options.Type(str))  # default: <theme custom_dir>/handouts
    cache_dir = config_options.Type(str, default=".cache/handouts")
    workers = config_options.Type(int, default=0)  # 0: one per core


class HanoiHandoutsPlugin(BasePlugin[HandoutsConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.plan: handout_build.BuildPlan | None = None
        self.started: handout_build.Started | None = None
        self.index_file: File | None = None
        self.published_files: dict[str, str] = {}

    def _site(self, config: MkDocsConfig):
        return (required_plugin(config, "hanoi", "hanoi-handouts"),
                required_plugin(config, "hanoi-i18n", "hanoi-handouts"))

    def settings(self, config: MkDocsConfig) -> handout_build.Settings:
        root = Path(config.config_file_path).parent
        site, _ = self._site(config)
        templates = self.config.templates_dir
        if templates is None:
            if not config.theme.custom_dir:
                raise PluginError("mkdocs.yml: plugins.hanoi-handouts.templates_dir: set it (the folder of handout.html) or set theme.custom_dir")
            templates_dir = Path(config.theme.custom_dir) / "handouts"
        else:
            templates_dir = root / templates
        return handout_build.Settings(
            root=root,
            docs_dir=Path(config.docs_dir),
            templates_dir=templates_dir,
            locales_dir=root / site.config.locales_dir,
            registry=root / self.config.registry,
            cache_dir=root / self.config.cache_dir,
            site_url=config.site_url or "",
            site_name=site.site_name_msgid,
            variants=tuple(variant for variant in VARIANTS if variant in self.config.variants),
            workers=self.config.workers,
            pictures=site.pictures,
            place_rules=site.place_rules,
        )

    # -- events ------------------------------------------------------------
    def _stop(self) -> None:
        if self.started is not None and self.started.rendering is not None:
            self.started.rendering.cancel()
        self.started = None

    def on_startup(self, *, command, dirty) -> None:
        self.plan = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        site, i18n = self._site(config)
        if self.plan is None or self.plan.corpus is not site.corpus:
            self._stop()
            settings = self.settings(config)
            try:
                self.plan = handout_build.prepare(site.corpus, settings, tuple(i18n.build_languages))
                # The PDFs are rendered in worker processes while MkDocs builds the pages.
                self.started = handout_build.start(self.plan)
            except handout_build.HandoutsError as error:
                raise PluginError(str(error)) from None
            for message in self.plan.advice:
                advice.warning("handouts: %s", message)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        site, i18n = self._site(config)
        if i18n.building or self.plan is None or self.started is None:
            return
        # The short links need no language build: whichever process is free
        # writes them while the languages are built (hanoi_info.parallel).
        plan, matrices, site_dir = self.plan, self.started.matrices, Path(config.site_dir)
        site.site_tasks.add(SHORT_LINKS_TASK, lambda: handout_build.write_short_links(plan, site_dir, matrices))

    @event_priority(-110)  # after static-i18n chose the language's files
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.plan is not None
        site, _ = self._site(config)
        templates = self.plan.settings.templates_dir.resolve()
        for file in list(files):
            # The handout stylesheets are inputs of the PDFs, not files of the site.
            if file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(templates):
                files.remove(file)
        language = site.language
        # What each published address of this language's build is made from (a localized image included).
        self.published_files = {file.dest_uri: file.abs_src_path for file in files
                                if file.abs_src_path and not file.is_documentation_page()}
        self.index_file = None
        if any(item.lang == language.code for item in self.plan.handouts):
            src_uri = f"{language.url_prefix}handouts.md"
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"docs/{src_uri}: this address is the list of printable handouts; rename the page")
            meta = {"title": site.gettext(INDEX_TITLE), "description": site.gettext(INDEX_DESCRIPTION), "template": "handouts/index.html"}
            content = "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items()) + "---\n"
            file = File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
            # What mkdocs-static-i18n's language switcher reads.
            file.locale = file.locale_alternate_of = language.code
            file.alternates = {
                code: SimpleNamespace(url=index_path(self.plan.corpus.language(code).url_prefix))
                for code in self.plan.index_languages
            }
            files.append(file)
            self.index_file = file
        return files

    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav: Any) -> dict:
        assert self.plan is not None
        site, _ = self._site(config)
        language = site.language
        if language.code not in self.plan.index_languages:
            return context
        index_url = index_path(language.url_prefix)
        if self.index_file is not None and page.file is self.index_file:
            context["hanoi_handouts_index"] = handout_index(
                self.plan.handouts, language.code, language.url_prefix, self.plan.settings.variants, site.gettext,
                self.plan.settings.site_url,
            )
        norm_path = getattr(page.file, "norm_src_uri", page.file.src_uri)
        handout = self.plan.by_page.get((norm_path, language.code))
        context["hanoi_handouts"] = PageHandout(handout.pdf_path(self.plan.primary_variant) if handout else None, index_url)
        if handout is not None and self.started is not None and handout_build.prints_page_text(self.plan, handout):
            # The handout prints the page's text: the page's one HTML, as this build rendered it.
            page_text = captured_page(norm_path, language.code, page.url, page.content or "", self.published_files)
            try:
                jobs = handout_build.page_text_jobs(self.plan, self.started, handout, page_text)
            except handout_build.HandoutsError as error:
                raise PluginError(str(error)) from None
            site.results.handout_jobs[(norm_path, language.code)] = jobs
        return context

    @event_priority(-120)  # once, after every language is built (see hanoi_info.plugins.site)
    def on_post_build(self, config: MkDocsConfig) -> None:
        site, i18n = self._site(config)
        if i18n.building or self.plan is None:
            return
        started, self.started = self.started, None
        try:
            report = handout_build.write_outputs(self.plan, Path(config.site_dir), started,
                                                 short_links_written=SHORT_LINKS_TASK in site.site_tasks.tasks,
                                                 page_jobs=site.results.handout_jobs)
        except handout_build.HandoutsError as error:
            raise PluginError(str(error)) from None
        log.info(report.summary())

    def on_build_error(self, *, error: Exception) -> None:
        self._stop()

    def on_shutdown(self) -> None:
        self._stop()
