"""Building the site without ever publishing half of it.

MkDocs writes into a fresh staging folder next to ``site/``; only when the
whole build (every language and every output) succeeded is the staging folder
swapped in (one atomic exchange on Linux, two renames elsewhere). A failed
build deletes its staging folder and leaves the previous ``site/`` exactly as
it was. Builds are serialised by a lock file next to ``site/``.

Two builds of one commit are byte-identical: MkDocs' own dates (the sitemap's
gzip header, page dates) come from ``SOURCE_DATE_EPOCH``, which the build sets
to the time of the last commit (or, outside git, the newest ``updated`` date of
the pages) unless it is already set.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import datetime as dt
import errno
import fcntl
import logging
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from hanoi_info.project import Project

log = logging.getLogger("hanoi_info")
EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"
STAGING_PREFIX = "-staging-"
# What a folder the build may replace looks like: empty, or a site built before.
SITE_MARKERS = ("index.html", "404.html", "sitemap.xml")
_UPDATED = re.compile(r"^updated:\s*['\"]?(\d{4}-\d{2}-\d{2})", re.MULTILINE)


class BuildFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class BuildOptions:
    only_language: str | None = None  # build the source language plus this one (editors' preview)
    site_url: str | None = None
    print_handouts: bool = False  # also the print-shop handouts (bleed, crop marks)


# -- reproducible dates ----------------------------------------------------------------


def source_date_epoch(project: Project) -> int:
    """The time the content is "from": the last commit, else the newest page date."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=project.root, capture_output=True,
                                text=True, timeout=10, check=True)
        return int(result.stdout.strip())
    except (OSError, subprocess.SubprocessError, ValueError):
        pass
    newest = dt.date(2000, 1, 1)
    for path in sorted(project.docs_dir.rglob("*.md")):
        try:
            head = path.read_text(encoding="utf-8", errors="replace")[:4000]
        except OSError:
            continue
        for value in _UPDATED.findall(head):
            try:
                newest = max(newest, dt.date.fromisoformat(value))
            except ValueError:
                continue
    return int(dt.datetime.combine(newest, dt.time(), dt.timezone.utc).timestamp())


@contextlib.contextmanager
def reproducible_dates(project: Project) -> Iterator[None]:
    if os.environ.get(EPOCH_VARIABLE):
        yield
        return
    os.environ[EPOCH_VARIABLE] = str(source_date_epoch(project))
    try:
        yield
    finally:
        os.environ.pop(EPOCH_VARIABLE, None)


# -- the MkDocs build ------------------------------------------------------------------


def set_plugin_options(config, options: BuildOptions) -> None:
    """The command line's options, set on the plugins of a configuration MkDocs
    loaded (an option mkdocs.yml sets is kept unless the command line sets it)."""
    if options.only_language:
        config.plugins["hanoi-i18n"].config.only_language = options.only_language
    if options.print_handouts:
        handouts = config.plugins.get("hanoi-handouts")
        if handouts is None:
            raise BuildFailed("--print: this site makes no handouts (the hanoi-handouts plugin is not in mkdocs.yml)")
        if "print" not in handouts.config.variants:
            handouts.config.variants = [*handouts.config.variants, "print"]


def _mkdocs_build(project: Project, output: Path, options: BuildOptions) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    overrides: dict = {"site_dir": str(output), "strict": True}
    if options.site_url:
        overrides["site_url"] = options.site_url
    try:
        with reproducible_dates(project):
            config = load_config(str(project.config_file), **overrides)
            set_plugin_options(config, options)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
    except Abort as error:
        message = str(error)
        if not message or message == "Aborted with a BuildError!":
            message = "stopped by the error above"
        raise BuildFailed(message) from None
    except MkDocsException as error:  # ConfigurationError, PluginError...
        raise BuildFailed(str(error)) from None


# -- publishing ------------------------------------------------------------------------


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    try:
        libc = ctypes.CDLL(libc_name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    if result == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EXDEV):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(first))


def swap_in(staging: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` with ``staging`` (both on the same file system).
    Readers see either the old site or the new one, never a missing folder."""
    if site_dir.is_dir() and not site_dir.is_symlink() and _exchange(staging, site_dir):
        shutil.rmtree(staging)  # now holds the previous site
        return
    previous = site_dir.with_name(f".{site_dir.name}-previous")
    if previous.exists():
        shutil.rmtree(previous)
    if site_dir.exists():
        os.replace(site_dir, previous)
    os.replace(staging, site_dir)
    if previous.exists():
        shutil.rmtree(previous)


def target_problem(project: Project, target: Path) -> str | None:
    """Why the build must not replace ``target``: the folder is swapped out and
    deleted, so it must be a site, never the project, its sources or a stranger."""
    protected = [project.root, project.docs_dir, project.locales_dir, project.data_dir, project.config_file.parent]
    resolved = target.resolve()
    for path in protected:
        path = path.resolve()
        if resolved == path or resolved in path.parents:
            return f"{target} holds the project's sources ({path}); choose an output folder such as site/"
        if path in resolved.parents and path != project.root.resolve():
            return f"{target} is inside {path}; choose an output folder outside the sources, such as site/"
    if resolved == Path(resolved.anchor) or resolved == Path.home().resolve():
        return f"{target} is not a site folder; choose an output folder such as site/"
    if target.exists():
        if not target.is_dir():
            return f"{target} exists and is not a folder; remove it or choose another output folder"
        if any(target.iterdir()) and not any((target / marker).exists() for marker in SITE_MARKERS):
            return (f"{target} exists and does not look like a built site (no index.html); it would be deleted: "
                    "remove it or choose another output folder")
    return None


@contextlib.contextmanager
def _build_lock(target: Path) -> Iterator[None]:
    lock_file = target.with_name(f".{target.name}-build.lock")
    with open(lock_file, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.warning("Another build of %s is running; waiting for it to finish", target)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove_abandoned_staging(target: Path) -> None:
    """Staging folders of builds that were killed (the lock is held: none is running)."""
    for path in target.parent.glob(f".{target.name}{STAGING_PREFIX}*"):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)


def build_site(project: Project, options: BuildOptions = BuildOptions(), site_dir: Path | None = None) -> Path:
    target = Path(os.path.abspath(site_dir or project.site_dir))
    problem = target_problem(project, target)
    if problem:
        raise BuildFailed(problem)
    target.parent.mkdir(parents=True, exist_ok=True)
    with _build_lock(target):
        _remove_abandoned_staging(target)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}{STAGING_PREFIX}", dir=target.parent))
        try:
            _mkdocs_build(project, staging, options)
            staging.chmod(0o755)  # mkdtemp makes it private; a web server must read the site
            swap_in(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    log.info("Site published to %s", target)
    return target
