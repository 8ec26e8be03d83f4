"""Where a project's files are and which languages it has, read from its
``mkdocs.yml`` so that the CLI and the build agree."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

from hanoi_info.languages import Language, LanguageConfigError, languages_from_codes


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


def _plugin_options(plugins: list, name: str) -> dict | None:
    for entry in plugins or []:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    return None


def load_project(config_file: Path = Path("mkdocs.yml")) -> Project:
    config_file = config_file.resolve()
    if not config_file.exists():
        raise ProjectError(f"{config_file}: not found; run the command in the project folder or pass -f mkdocs.yml")
    with open(config_file, "rb") as handle:
        config = yaml_load(handle) or {}
    root = config_file.parent
    i18n = _plugin_options(config.get("plugins", []), "hanoi-i18n")
    if i18n is None:
        raise ProjectError(f"{config_file}: the 'hanoi-i18n' plugin is not listed under plugins")
    try:
        languages = languages_from_codes(i18n.get("languages") or [])
    except LanguageConfigError as error:
        raise ProjectError(str(error)) from None
    site = _plugin_options(config.get("plugins", []), "hanoi") or {}
    return Project(
        root=root,
        config_file=config_file,
        docs_dir=root / config.get("docs_dir", "docs"),
        site_dir=root / config.get("site_dir", "site"),
        locales_dir=root / site.get("locales_dir", "locales"),
        data_dir=root / site.get("data_dir", "data"),
        languages=languages,
        site_url=str(config.get("site_url") or ""),
    )
