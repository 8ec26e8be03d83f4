"""The editorial-workflow plugin (``hanoi-editorial``): the build runs the
checks of ``hanoi-info check`` (same messages) before publishing anything
(those on rendered pages once every language is built, from the pages as
MkDocs rendered them: :class:`hanoi_info.checks.BuildChecks`), and
every language gets a translation status page (``/status/``, ``/en/status/``
...). The handlers only call :mod:`hanoi_info.checks` and
:mod:`hanoi_info.translation_status`."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config, ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from hanoi_info.plugins import required_plugin
from hanoi_info import checks
from hanoi_info.messages import N_
from hanoi_info.outline import MarkdownSettings
from hanoi_info.project import project_from_config
from hanoi_info.translation_status import StatusPage, status_page

STATUS_TITLE = N_("Translation status")
STATUS_DESCRIPTION = N_("How far each language's translation of the site has come, page by page.")
STATUS_TEMPLATE = "status.html"


class StatusPath(config_options.Type):
    """``status_path: status``: the page's address below each language's root."""

    def __init__(self) -> None:
        super().__init__(str, default="status")

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value):
            raise ValidationError(
                f"expected one lower-case word or words joined by hyphens, such as 'status' or 'translation-status'; got {value!r:.40}"
            )
        return value


class EditorialConfig(Config):
    # false: no status page (the checks always run).
    status_page = config_options.Type(bool, default=True)
    status_path = StatusPath()
    # The checks' per-page answers, kept by content hash (hanoi_info.check_cache).
    cache_dir = config_options.Type(str, default=".cache/checks")


class HanoiEditorialPlugin(BasePlugin[EditorialConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.status: StatusPage | None = None
        self.status_file: File | None = None
        # This site build's checks (both passes; see checks.BuildChecks).
        self.checks: checks.BuildChecks | None = None

    def _site(self, config: MkDocsConfig):
        return (required_plugin(config, "hanoi", "hanoi-editorial"),
                required_plugin(config, "hanoi-i18n", "hanoi-editorial"))

    def on_startup(self, *, command, dirty) -> None:
        self.status = None
        self.checks = None

    @event_priority(9)  # right after the 'hanoi' plugin loaded the content, before any other output prepares
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        site, i18n = self._site(config)
        if i18n.building:
            return config  # checked once, before the first language
        project = project_from_config(config, Path(config.config_file_path))
        markdown = MarkdownSettings.from_mkdocs(list(config.markdown_extensions), dict(config.mdx_configs))
        self.checks = checks.BuildChecks(project, site.corpus, markdown)
        problems = self.checks.start().build
        if problems:
            raise PluginError(checks.build_failure_message(problems))
        self.status = status_page(site.corpus, docs=checks.shown_path(project.docs_dir, project) + "/")
        return config

    @event_priority(-90)  # before the 'hanoi' plugin sanitizes the page (-100): the checks judge what Markdown wrote
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> None:
        if self.checks is not None and self.checks.awaiting:
            answers = self.checks.take_rendered(page.file.src_uri, page.markdown or "", html)
            self._site(config)[0].results.check_answers.update(answers)

    @event_priority(-110)  # once, after static-i18n built every language (the 'hanoi-i18n' plugin, -100)
    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.checks is None or self._site(config)[1].building:
            return
        problems = self.checks.finish(self._site(config)[0].results.check_answers).build
        if problems:
            raise PluginError(checks.build_failure_message(problems))

    @event_priority(-110)  # after static-i18n chose the language's files
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self.status_file = None
        if not self.config.status_page or self.status is None:
            return files
        site, i18n = self._site(config)
        language = site.language
        src_uri = f"{language.url_prefix}{self.config.status_path}.md"
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(
                f"docs/{src_uri}: this address is the translation status page; rename the page or set "
                "plugins.hanoi-editorial.status_path in mkdocs.yml"
            )
        meta = {
            "title": site.gettext(STATUS_TITLE),
            "description": site.gettext(STATUS_DESCRIPTION),
            "template": STATUS_TEMPLATE,
            "search": {"exclude": True},
        }
        content = "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items()) + "---\n"
        file = File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
        # What mkdocs-static-i18n's language switcher reads.
        file.locale = file.locale_alternate_of = language.code
        file.alternates = {
            code: SimpleNamespace(url=f"{site.corpus.language(code).url_prefix}{self.config.status_path}/")
            for code in i18n.build_languages
        }
        files.append(file)
        self.status_file = file
        return files

    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav: Any) -> dict:
        if self.status_file is not None and page.file is self.status_file:
            context["hanoi_status"] = self.status
        return context
