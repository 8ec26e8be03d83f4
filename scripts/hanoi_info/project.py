"""Where a project's files are, which languages it has and how its pages are
rendered, read from its ``mkdocs.yml`` by MkDocs itself (``load_config``, with
every plugin's own options and defaults), so that the CLI and the build agree
and no module parses ``mkdocs.yml`` on its own."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from hanoi_info.languages import Language
from hanoi_info.outline import MarkdownSettings


class ProjectError(ValueError):
    pass


@dataclass(frozen=True)
class Project:
    root: Path
    config_file: Path
    docs_dir: Path
    site_dir: Path
    locales_dir: Path
    data_dir: Path
    languages: tuple[Language, ...]
    site_url: str
    # The Markdown extensions and their options, as MkDocs applies them.
    markdown: MarkdownSettings = MarkdownSettings()
    # The airport kiosk's folder (None: the hanoi-kiosk plugin is not in the build).
    kiosk_dir: Path | None = None
    # The register of printed QR codes (plugins.hanoi-handouts.registry).
    qr_registry: Path | None = None
    # Where the checks keep their per-page answers (plugins.hanoi-editorial.cache_dir).
    checks_cache_dir: Path | None = None
    # The one language built besides the source (plugins.hanoi-i18n.only_language): a partial site.
    only_language: str | None = None


def load_project(config_file: Path = Path("mkdocs.yml")) -> Project:
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    config_file = config_file.resolve()
    if not config_file.exists():
        raise ProjectError(f"{config_file}: not found; run the command in the project folder or pass -f mkdocs.yml")
    # MkDocs reports what it validates at INFO level; the CLI's own output is what the editor reads.
    mkdocs_log = logging.getLogger("mkdocs")
    level = mkdocs_log.level
    mkdocs_log.setLevel(logging.WARNING)
    try:
        config = load_config(str(config_file))
    except ConfigurationError as error:
        raise ProjectError(f"{config_file}: {error}") from None
    finally:
        mkdocs_log.setLevel(level)
    return project_from_config(config, config_file)


def project_from_config(config, config_file: Path) -> Project:
    """The project of a configuration MkDocs has already loaded (the build's own)."""
    config_file = config_file.resolve()
    root = config_file.parent
    i18n = config.plugins.get("hanoi-i18n")
    if i18n is None:
        raise ProjectError(f"{config_file}: the 'hanoi-i18n' plugin is not listed under plugins")
    site = config.plugins.get("hanoi")
    kiosk = config.plugins.get("hanoi-kiosk")
    handouts = config.plugins.get("hanoi-handouts")
    editorial = config.plugins.get("hanoi-editorial")
    return Project(
        root=root,
        config_file=config_file,
        docs_dir=Path(config.docs_dir),
        site_dir=Path(config.site_dir),
        locales_dir=root / (site.config.locales_dir if site else "locales"),
        data_dir=root / (site.config.data_dir if site else "data"),
        languages=tuple(i18n.languages),
        site_url=str(config.site_url or ""),
        markdown=MarkdownSettings.from_mkdocs(list(config.markdown_extensions), dict(config.mdx_configs)),
        kiosk_dir=Path(config.site_dir) / kiosk.config.directory if kiosk else None,
        qr_registry=root / (handouts.config.registry if handouts else "data/qr-registry.yml"),
        checks_cache_dir=root / (editorial.config.cache_dir if editorial else ".cache/checks"),
        only_language=i18n.config.only_language,
    )
