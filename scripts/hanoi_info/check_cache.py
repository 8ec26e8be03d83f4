"""The answers of the per-page checks, kept between runs by content hash.

A check of an unchanged page under unchanged rules gives the same answer. On a
no-change rebuild, and in an editor's preview where one page changed, ``check``
and the build read the answers for the pages that did not change instead of
rendering and scanning them again (on the real site the checks take 1.0 s
cold and 0.1 s warm). As in Material's social plugin, an entry's key is a hash
of everything the answer depends on: the page's text and the check's kind, and
(through the cache's salt) the rule data, the Markdown settings and the code of
this package and of the libraries that render and sanitize.

Only answers that depend on one page are kept here; checks across pages (does
the link target exist, which anchors does it have) run every time, from cached
per-page parts, unless no input of the checks changed at all: then the whole
report of the last run is reused (:class:`ReportCache`, keyed by every input
file's path, size and modification time; 0.2 s of every no-change build).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import TypeVar
from hanoi_info.cachefiles import write_atomically

T = TypeVar("T")

PACKAGE_DIR = Path(__file__).resolve().parent
# Libraries whose behaviour the cached answers depend on (rendering, sanitizing,
# Chinese script conversion).
LIBRARIES = ("markdown", "pymdown-extensions", "nh3", "opencc")
FORMAT = 1  # bump when the file's layout changes


def _library_versions() -> str:
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=-")
    return ";".join(versions)


def fingerprint(rule_files: Iterable[Path], extra: str = "") -> str:
    """A hash of what every cached answer depends on besides the page itself:
    this package's code, the libraries' versions, Python's version, the rule
    data files and ``extra`` (the Markdown settings)."""
    digest = hashlib.sha256(f"{FORMAT}\n{sys.version}\n{_library_versions()}\n{extra}\n".encode())
    code = sorted(PACKAGE_DIR.rglob("*.py"))
    for path in [*code, *sorted(rule_files)]:
        digest.update(str(path.relative_to(PACKAGE_DIR) if path.is_relative_to(PACKAGE_DIR) else path.name).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


class CheckCache:
    """Answers by key, loaded from and saved to one file. ``CheckCache(None, …)``
    keeps them in memory only (tests, a project without a cache folder)."""

    def __init__(self, path: Path | None, salt: str) -> None:
        self.path = path
        self.salt = salt
        self._stored: dict[str, object] = {}
        self._used: dict[str, object] = {}
        self.hits = 0
        self.misses = 0
        if path is not None and path.is_file():
            try:
                with path.open("rb") as handle:
                    stored_salt, entries = pickle.load(handle)
            except Exception:  # noqa: BLE001 - an unreadable cache is an empty one
                return
            if stored_salt == salt and isinstance(entries, dict):
                self._stored = entries

    @staticmethod
    def key(kind: str, parts: tuple[str, ...]) -> str:
        digest = hashlib.sha256(kind.encode())
        for part in parts:
            digest.update(b"\0")
            digest.update(part.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def has(self, kind: str, parts: tuple[str, ...]) -> bool:
        key = self.key(kind, parts)
        return key in self._used or key in self._stored

    def add(self, answers: dict[str, object]) -> None:
        """Answers worked out elsewhere (by :meth:`key`): a language build's, from
        the page as it rendered it. They are kept like computed ones."""
        for key, value in answers.items():
            if key not in self._used:
                self._used[key] = value
                self.misses += 1

    def answer(self, kind: str, parts: tuple[str, ...], compute: Callable[[], T]) -> T:
        """The cached answer of check ``kind`` for the page described by ``parts``
        (its path and text), or ``compute()``'s, which is kept."""
        key = self.key(kind, parts)
        if key in self._used:
            return self._used[key]  # type: ignore[return-value]
        if key in self._stored:
            self.hits += 1
            value = self._stored[key]
        else:
            self.misses += 1
            value = compute()
        self._used[key] = value
        return value  # type: ignore[return-value]

    def save(self) -> None:
        """Keep the answers used in this run (so the file holds the current pages
        only); written atomically, and only when something changed."""
        if self.path is None or (self.misses == 0 and set(self._used) == set(self._stored)):
            return
        write_atomically(self.path, pickle.dumps((self.salt, self._used), protocol=pickle.HIGHEST_PROTOCOL))


def memory_cache() -> CheckCache:
    return CheckCache(None, "")


def files_state(folders: Iterable[Path], files: Iterable[Path] = (), extra: str = "") -> str:
    """A hash of the path, size and modification time of every file below
    ``folders`` and of ``files`` (missing ones included as missing), and of ``extra``."""
    digest = hashlib.sha256(extra.encode("utf-8", "surrogatepass"))
    for folder in folders:
        digest.update(f"\0dir {folder}".encode("utf-8", "surrogatepass"))
        for root, dirs, names in os.walk(folder):
            dirs.sort()
            for name in sorted(names):
                digest.update(_stat_line(Path(root) / name))
    for path in files:
        digest.update(_stat_line(path))
    return digest.hexdigest()


def _stat_line(path: Path) -> bytes:
    try:
        stat = path.lstat()
        line = f"\0{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_mode}"
    except OSError:
        line = f"\0{path}\0missing"
    return line.encode("utf-8", "surrogatepass")


class ReportCache:
    """The last run's whole report and the state of its inputs, in one file.
    ``ReportCache(None)`` keeps nothing (tests, a project without a cache folder)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def load(self, state: str) -> object | None:
        if self.path is None or not self.path.is_file():
            return None
        try:
            with self.path.open("rb") as handle:
                stored_state, report = pickle.load(handle)
        except Exception:  # noqa: BLE001 - an unreadable cache is an empty one
            return None
        return report if stored_state == state else None

    def save(self, state: str, report: object) -> None:
        if self.path is None:
            return
        write_atomically(self.path, pickle.dumps((state, report), protocol=pickle.HIGHEST_PROTOCOL))
