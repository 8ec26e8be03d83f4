"""mkdocs-static-i18n, configured from a plain list of language codes.

``mkdocs.yml`` says ``languages: [vi, en, fr, zh, ja, ko]``; the native names,
the default language and the per-language builds are derived from those codes
(:mod:`hanoi_info.languages`), so adding a language is one entry there plus
its translations.
"""

from __future__ import annotations

import logging
import os

from mkdocs import plugins, utils
from mkdocs.commands.build import build
from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs_static_i18n.plugin import I18n
from mkdocs_static_i18n.utils import I18nLoggingFilter

from hanoi_info.parallel import build_in_parallel

from hanoi_info.languages import Language, LanguageConfigError, languages_from_codes, static_i18n_languages


# Set by ``hanoi-info build/serve --lang xx``: build only that language, for
# a fast preview while editing.
ONLY_LANGUAGE_VARIABLE = "HANOI_ONLY_LANGUAGE"


class HanoiI18nPlugin(I18n):
    languages: tuple[Language, ...] = ()
    # How many processes build the languages after the source language
    # (hanoi_info.parallel); mkdocs.yml's `workers:`, by default every core.
    workers: int = 1

    def load_config(self, options, config_file_path=None):
        options = dict(options or {})
        workers = options.pop("workers", None)
        if workers is None:
            workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
            raise ValidationError(
                f"plugins.hanoi-i18n.workers: expected the number of processes that build languages, at least 1, got {workers!r}"
            )
        self.workers = workers
        codes = options.get("languages")
        if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
            raise ValidationError(
                "plugins.hanoi-i18n.languages: expected a list of language codes, source language first, "
                "for example [vi, en, fr, zh, ja, ko]"
            )
        try:
            self.languages = languages_from_codes(codes)
        except LanguageConfigError as error:
            raise ValidationError(str(error)) from None
        options["languages"] = static_i18n_languages(self.languages)
        options.setdefault("docs_structure", "suffix")
        options.setdefault("fallback_to_default", True)
        # Each language gets its own search index (hanoi_info.search); the stock
        # behaviour merges all languages into one.
        options.setdefault("reconfigure_search", False)
        only = os.environ.get(ONLY_LANGUAGE_VARIABLE)
        if only:
            # The source language stays the default, built at the site root, so
            # that the preview has the same layout as the site; the other
            # languages are skipped (static-i18n's build_only_locale would move
            # the chosen language to the root instead).
            if only not in codes:
                raise ValidationError(f"--lang {only}: not one of this site's languages ({', '.join(codes)})")
            for language in options["languages"]:
                language["build"] = language["default"] or language["locale"] == only
        return super().load_config(options, config_file_path)

    def language(self, code: str) -> Language:
        for language in self.languages:
            if language.code == code:
                return language
        raise PluginError(f"unknown language '{code}'")

    @property
    def current(self) -> Language:
        return self.language(self.current_language or self.default_language)

    @plugins.event_priority(-100)
    def on_post_build(self, config: MkDocsConfig) -> None:
        """static-i18n's loop over the other languages, on every core
        (hanoi_info.parallel); the rest is as static-i18n does it."""
        self.extend_search_entries(config)
        if self.building:
            return
        self.building = True
        build_logger = logging.getLogger("mkdocs.commands.build")
        quiet = I18nLoggingFilter()
        quiet.filtered_prefixes.update({"Documentation built in", "Building documentation to directory"})
        build_logger.addFilter(quiet)
        # Every language writes into the one staging folder: never clean it between them.
        clean_directory = utils.clean_directory
        utils.clean_directory = lambda path: path
        site = config.plugins["hanoi"]
        codes = [code for code in self.build_languages if code != self.current_language]

        def build_language(code: str) -> None:
            self.current_language = code
            build(config, dirty=False)

        try:
            build_in_parallel(
                codes, self.workers, build_language,
                results_of=site.results.of_languages,
                merge=site.results.merge,
            )
            site.results.in_order(list(self.build_languages))
            self.reconfigure_search_index(config)
        finally:
            utils.clean_directory = clean_directory
            build_logger.removeFilter(quiet)
            self.building = False
