"""The project's MkDocs plugins: thin event handlers over the capability modules."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError


def required_plugin(config: MkDocsConfig, name: str, needed_by: str) -> Any:
    """The plugin ``name`` that ``needed_by`` works with, or an error saying how to fix mkdocs.yml."""
    plugin = config.plugins.get(name)
    if plugin is None:
        raise PluginError(f"mkdocs.yml: the '{needed_by}' plugin needs the '{name}' plugin; list it under plugins")
    return plugin
