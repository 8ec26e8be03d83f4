"""mkdocs-static-i18n, configured from a plain list of language codes.

``mkdocs.yml`` says ``languages: [vi, en, fr, zh, ja, ko]``; the native names,
the default language and the per-language builds are derived from those codes
(:mod:`hanoi_info.languages`), so adding a language is one entry there plus
its translations. ``only_language: xx`` builds the source language plus ``xx``
only, for a fast preview (``hanoi-info build/serve --lang xx`` set it).
"""

from __future__ import annotations

import logging
import os

from mkdocs import plugins, utils
from mkdocs.commands.build import build
from mkdocs.config import config_options
from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs_static_i18n.config import I18nPluginConfig
from mkdocs_static_i18n.plugin import I18n
from mkdocs_static_i18n.utils import I18nLoggingFilter

from hanoi_info import parallel
from hanoi_info.languages import Language, LanguageConfigError, languages_from_codes, static_i18n_languages


# Queue entries that are site-wide tasks (hanoi_info.context.SiteTasks), not languages.
SITE_TASK = "site:"


def only_language_problem(code: str, codes: list[str]) -> str | None:
    if code in codes:
        return None
    return f"'{code}' is not one of this site's languages ({', '.join(codes)})"


class HanoiI18nConfig(I18nPluginConfig):
    # Build the source language plus this one only: the editors' fast preview
    # (``hanoi-info build/serve --lang xx`` set it on the loaded configuration).
    only_language = config_options.Optional(config_options.Type(str))

    def validate(self):
        failed, warnings = super().validate()
        if not failed and self.only_language is not None:
            problem = only_language_problem(self.only_language, [language.locale for language in self.languages])
            if problem:
                failed.append(("only_language", ValidationError(problem)))
        return failed, warnings


class HanoiI18nPlugin(I18n):
    config_class = HanoiI18nConfig
    config: HanoiI18nConfig
    languages: tuple[Language, ...] = ()
    # How many processes build the languages (hanoi_info.parallel);
    # mkdocs.yml's `workers:`, by default every core.
    workers: int = 1
    # The tasks after the source language (other languages, site-wide
    # outputs) and the child processes sharing them (None outside a site build).
    queue: parallel.TaskQueue | None = None
    children: parallel.ChildBuilds | None = None
    dirty: bool = False
    _clean_directory = None

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
        return super().load_config(options, config_file_path)

    def language(self, code: str) -> Language:
        for language in self.languages:
            if language.code == code:
                return language
        raise PluginError(f"unknown language '{code}'")

    @property
    def current(self) -> Language:
        return self.language(self.current_language or self.default_language)

    def on_startup(self, *, command, dirty) -> None:
        self.dirty = dirty

    @plugins.event_priority(100)  # first: the other plugins' on_config read which languages are built
    def _build_only_language(self, config: MkDocsConfig) -> MkDocsConfig:
        """Here, not in load_config: the CLI sets ``only_language`` on the loaded
        configuration. The source language stays the default, built at the site
        root, so that the preview has the same layout as the site (static-i18n's
        build_only_locale would move the chosen language to the root instead)."""
        only = self.config.only_language
        if only is not None:
            problem = only_language_problem(only, self.all_languages)
            if problem:
                raise PluginError(f"plugins.hanoi-i18n.only_language: {problem}")
            for language in self.config.languages:
                language.build = language.default or language.locale == only
        return config

    on_config = plugins.CombinedEvent(_build_only_language, I18n.on_config)

    @plugins.event_priority(-100)  # the last pre_build handler: every plugin is configured for the source language
    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Queue the other languages and the site-wide tasks, and start the
        other processes on them now, while this process builds the source
        language (hanoi_info.parallel)."""
        if self.building or self.children is not None:
            return  # a language build of the site build already under way
        site = config.plugins["hanoi"]
        others = [code for code in self.build_languages if code != self.current_language]
        # Site-wide tasks first: a child starts on them while the parent builds the source language.
        self.queue = parallel.TaskQueue([*(SITE_TASK + name for name in site.site_tasks.tasks), *others])
        # Every language writes into the one staging folder: clean it once, now,
        # and never between languages (MkDocs cleans right after this event).
        if not self.dirty:
            utils.clean_directory(config.site_dir)
        self._clean_directory, utils.clean_directory = utils.clean_directory, lambda path: path
        children = min(self.workers if parallel.can_fork() else 1, len(others) + len(site.site_tasks.tasks) + 1) - 1
        self.children = parallel.start(
            children, self.queue, lambda task: self._run_task(config, task),
            results_of=site.results.of_languages, before_tasks=self._enter_language_builds,
        )

    def _run_task(self, config: MkDocsConfig, task: str) -> str | None:
        """Do one task of the queue; the language built, if it was one."""
        if task.startswith(SITE_TASK):
            config.plugins["hanoi"].site_tasks.tasks[task[len(SITE_TASK):]]()
            return None
        self._build_language(config, task)
        return task

    def _enter_language_builds(self) -> logging.Filter:
        """What a process does before building languages other than the source:
        mark the builds as nested and keep their per-build log lines quiet."""
        self.building = True
        quiet = I18nLoggingFilter()
        quiet.filtered_prefixes.update({"Documentation built in", "Building documentation to directory", "Template skipped"})
        logging.getLogger("mkdocs.commands.build").addFilter(quiet)
        return quiet

    def _build_language(self, config: MkDocsConfig, code: str) -> None:
        self.current_language = code
        build(config, dirty=False)

    def _end_site_build(self) -> None:
        if self.children is not None:
            self.children.abandon()
            self.children = None
        if self.queue is not None:
            self.queue.close()
            self.queue = None
        if self._clean_directory is not None:
            utils.clean_directory, self._clean_directory = self._clean_directory, None

    @plugins.event_priority(-100)
    def on_post_build(self, config: MkDocsConfig) -> None:
        """static-i18n's loop over the other languages, shared with the child
        processes started in on_pre_build; the rest is as static-i18n does it."""
        self.extend_search_entries(config)
        if self.building:
            return
        site = config.plugins["hanoi"]
        quiet = self._enter_language_builds()
        failure: BaseException | None = None
        try:
            try:
                while self.queue is not None and (task := self.queue.next()) is not None:
                    self._run_task(config, task)
            except BaseException as error:  # noqa: BLE001 - re-raised once the children are collected
                failure = error
            children, self.children = self.children, None
            if children is not None:
                child_failure = children.collect(site.results.merge if failure is None else lambda _: None)
                failure = failure or child_failure
            if failure is not None:
                raise failure
            site.results.in_order(list(self.build_languages))
            self.reconfigure_search_index(config)
        finally:
            self._end_site_build()
            logging.getLogger("mkdocs.commands.build").removeFilter(quiet)
            self.building = False

    def on_build_error(self, *, error: Exception) -> None:
        if not self.building:
            self._end_site_build()

    def on_shutdown(self) -> None:
        self._end_site_build()
