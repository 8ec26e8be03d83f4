"""The ``hanoi-kiosk`` plugin: writes the airport kiosk build (``site/kiosk/``).

Each language build renders and writes its part of the kiosk from the HTML of
its kiosk pages, in whichever process built it; once every language is built,
the plugin adds the shell and the manifest (:mod:`hanoi_info.kiosk.build`). Configuration in ``mkdocs.yml``::

    plugins:
      - hanoi-kiosk:
          idle_seconds: 90        # without input, the countdown appears after this long
          countdown_seconds: 20   # how long the countdown runs before the kiosk resets
          directory: kiosk        # below site_dir
"""

from __future__ import annotations

import time
from pathlib import Path, PurePosixPath

from mkdocs.config import config_options
from mkdocs.config.base import Config, ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.pages import Page

from hanoi_info.plugins import required_plugin
from hanoi_info import catalogs
from hanoi_info.kiosk.build import (
    CapturedPage,
    KioskSettings,
    kiosk_environment,
    language_part,
    plan_kiosk,
    render_kiosk,
    should_capture,
    write_kiosk,
)
from hanoi_info.kiosk.links import KioskContentError
from hanoi_info.pictures import kiosk as kiosk_pictures
from hanoi_info.qr import CACHE_DIR as QR_CACHE_DIR, QrCache

log = get_plugin_logger(__name__)

MIN_IDLE_SECONDS = 15
MIN_COUNTDOWN_SECONDS = 20


class Seconds(config_options.BaseConfigOption[float]):
    """A duration in seconds with a lower bound that says why it exists."""

    def __init__(self, default: float, minimum: float, why: str) -> None:
        super().__init__()
        self.default = default
        self.minimum = minimum
        self.why = why

    def run_validation(self, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValidationError(f"expected a number of seconds such as {self.default}, got {value!r:.40}")
        if value < self.minimum:
            raise ValidationError(f"{value} seconds is too short: {self.why}; set {self.minimum} or more")
        return float(value)


class KioskDirectory(config_options.Type):
    def __init__(self) -> None:
        super().__init__(str, default="kiosk")

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        path = PurePosixPath(value)
        if not value.strip() or path.is_absolute() or ".." in path.parts or str(path) in (".", ""):
            raise ValidationError(
                f"'{value}' must be a folder name below site_dir such as 'kiosk' (the build replaces that folder)"
            )
        return str(path)


class KioskConfig(Config):
    enabled = config_options.Type(bool, default=True)
    directory = KioskDirectory()
    idle_seconds = Seconds(90, MIN_IDLE_SECONDS, "a traveller needs time to read a screen before the kiosk asks if they are still there")
    countdown_seconds = Seconds(20, MIN_COUNTDOWN_SECONDS, "a traveller needs at least 20 seconds to notice the countdown and touch 'Continue'")
    # The service worker precaches every file of the kiosk; the build stops when they weigh more.
    precache_budget_mb = config_options.Type((int, float), default=kiosk_pictures.DEFAULT_BUDGET_MB)


class HanoiKioskPlugin(BasePlugin[KioskConfig]):
    def __init__(self) -> None:
        super().__init__()
        # The kiosk pages of the language being built: source path -> page.
        self.captured: dict[str, CapturedPage] = {}
        # QR codes of this process's builds (kept between builds in .cache/qr/).
        self.qr_cache: QrCache | None = None

    def _plugin(self, config: MkDocsConfig, name: str):
        return required_plugin(config, name, "hanoi-kiosk")

    def _makes_kiosk(self, config: MkDocsConfig) -> bool:
        """Whether this site build writes the kiosk: every language is built (not a --lang preview)."""
        hanoi = self._plugin(config, "hanoi")
        i18n = self._plugin(config, "hanoi-i18n")
        return self.config.enabled and set(i18n.build_languages) == {language.code for language in hanoi.corpus.languages}

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self.captured = {}

    @event_priority(-100)  # after every other plugin changed the page
    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
        hanoi = self._plugin(config, "hanoi")
        norm_path = getattr(page.file, "norm_src_uri", page.file.src_uri)
        if self._makes_kiosk(config) and should_capture(hanoi.corpus, norm_path, hanoi.language.code):
            self.captured[norm_path] = CapturedPage(
                norm_path, hanoi.language.code, page.url,
                hanoi.pictures.kiosk_html(page.content or "", page.url) if hanoi.pictures else page.content or "",
            )
        return context

    def _root(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent

    def _qr_cache(self, config: MkDocsConfig) -> QrCache:
        folder = self._root(config) / QR_CACHE_DIR
        if self.qr_cache is None or self.qr_cache.folder is None or not self.qr_cache.folder.is_relative_to(folder):
            self.qr_cache = QrCache(folder)
        return self.qr_cache

    def _render_language_part(self, config: MkDocsConfig) -> None:
        """Every language build, in whichever process: its part of the kiosk."""
        if not self._makes_kiosk(config):
            return
        hanoi = self._plugin(config, "hanoi")
        language = hanoi.language
        try:
            part = language_part(
                hanoi.corpus, language.code, self.captured, config.site_url or "", kiosk_environment(config.theme.dirs),
                catalogs.translations(self._root(config) / hanoi.config.locales_dir, language),
                Path(config.site_dir) / self.config.directory, self._qr_cache(config),
            )
        except KioskContentError as error:
            raise PluginError(f"kiosk: {error}") from None
        hanoi.results.kiosk_parts[language.code] = part
        self.captured = {}

    @event_priority(-120)  # once, after static-i18n built every language (see the i18n plugin)
    def _write_kiosk(self, config: MkDocsConfig) -> None:
        if not self.config.enabled or self._plugin(config, "hanoi-i18n").building:
            return
        hanoi = self._plugin(config, "hanoi")
        corpus = hanoi.corpus
        missing = [language.code for language in corpus.languages if language.code not in hanoi.results.built]
        if missing:
            log.info("kiosk not written: languages %s were not built (build every language to produce it)", ", ".join(missing))
            return
        if not config.site_url:
            raise PluginError("mkdocs.yml: site_url is empty; the kiosk's QR codes need the public address (set HANOI_SITE_URL)")
        locales_dir = self._root(config) / hanoi.config.locales_dir
        settings = KioskSettings(self.config.idle_seconds, self.config.countdown_seconds)
        site_dir = Path(config.site_dir)
        started = time.monotonic()
        try:
            plan = plan_kiosk(corpus, config.site_url, settings, lambda language: catalogs.translations(locales_dir, language).gettext)
            output = render_kiosk(
                plan, hanoi.results.kiosk_parts, kiosk_environment(config.theme.dirs),
                lambda language: catalogs.translations(locales_dir, language), site_dir,
            )
            log.info(kiosk_pictures.check_budget({path: file.bytes for path, file in output.digests.items()},
                                                 self.config.precache_budget_mb))
        except (KioskContentError, kiosk_pictures.PrecacheOverBudget) as error:
            raise PluginError(f"kiosk: {error}") from None
        manifest = write_kiosk(site_dir / self.config.directory, output, plan)
        log.info("kiosk written to %s (%d files) in %.1f s", manifest.parent, len(output.digests) + 1, time.monotonic() - started)

    # Each language's part in its own build (before static-i18n's loop over the
    # other languages in the source build); the kiosk once all are built.
    on_post_build = CombinedEvent(_render_language_part, _write_kiosk)
