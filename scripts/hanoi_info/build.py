"""Building the site without ever publishing half of it.

MkDocs writes into a fresh staging folder next to ``site/``; only when the
whole build (every language and every output) succeeded is the staging folder
swapped in with two renames. A failed build deletes its staging folder and
leaves the previous ``site/`` exactly as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hanoi_info.project import Project


class BuildFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class BuildOptions:
    only_language: str | None = None  # build one language (editors' preview)
    site_url: str | None = None


def _mkdocs_build(project: Project, output: Path, options: BuildOptions) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    from hanoi_info.plugins.i18n import ONLY_LANGUAGE_VARIABLE

    overrides: dict = {"site_dir": str(output), "strict": True}
    if options.site_url:
        overrides["site_url"] = options.site_url
    if options.only_language:
        os.environ[ONLY_LANGUAGE_VARIABLE] = options.only_language
    try:
        config = load_config(str(project.config_file), **overrides)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except Abort as error:
        raise BuildFailed(str(error) or "MkDocs aborted the build (see the messages above)") from None
    except MkDocsException as error:
        raise BuildFailed(str(error)) from None


def swap_in(staging: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` with ``staging`` (both on the same file system)."""
    previous = site_dir.with_name(f".{site_dir.name}-previous")
    if previous.exists():
        shutil.rmtree(previous)
    if site_dir.exists():
        os.replace(site_dir, previous)
    os.replace(staging, site_dir)
    if previous.exists():
        shutil.rmtree(previous)


def build_site(project: Project, options: BuildOptions = BuildOptions(), site_dir: Path | None = None) -> Path:
    target = (site_dir or project.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-staging-", dir=target.parent))
    try:
        _mkdocs_build(project, staging, options)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_in(staging, target)
    logging.getLogger("hanoi_info").info("Site published to %s", target)
    return target
