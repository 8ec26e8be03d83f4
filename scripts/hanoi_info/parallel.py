"""Building the languages of a site on every core.

mkdocs-static-i18n builds the source language, then each other language in
turn, in one process. Here, once every plugin is configured for the source
language (corpus, checks and handout plan, which every language shares), the
process forks: each child builds a share of the languages into the same
staging folder (every language writes only below its own ``<lang>/`` prefix and
its own ``embed/<lang>/``, ``api/v1/<lang>/``, ``feeds/<lang>/`` folders), then
sends back, through a pipe, what those builds hand to the site-wide outputs
(:class:`hanoi_info.context.LanguageResults`) or the error that stopped them.
The parent builds the source language and its own share meanwhile, merges the
results in the site's language order and writes the site-wide outputs, so a
parallel build publishes exactly what a sequential one does
(tests/test_parallel.py).

Fork, not spawn: a language build needs the plugins' state after the source
language's configuration (corpus, handout plan, compiled templates), which is
not picklable and costs seconds to rebuild. Where ``os.fork`` does not exist,
languages are built one after another.
"""

from __future__ import annotations

import os
import pickle
import signal
import struct
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from mkdocs.exceptions import Abort

_LENGTH = struct.Struct("!Q")


@dataclass(frozen=True)
class ChildFailure:
    message: str


def shares(codes: Sequence[str], workers: int) -> list[list[str]]:
    """``codes`` dealt into at most ``workers`` groups, round robin (languages
    cost about the same), the parent's group first."""
    workers = max(1, min(workers, len(codes)))
    groups: list[list[str]] = [[] for _ in range(workers)]
    for index, code in enumerate(codes):
        groups[index % workers].append(code)
    return [group for group in groups if group]


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(_LENGTH.pack(len(data)) + data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _read_all(fd: int) -> bytes:
    chunks = []
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            break
        chunks.append(chunk)
    data = b"".join(chunks)
    if len(data) < _LENGTH.size:
        return b""
    (length,) = _LENGTH.unpack_from(data)
    return data[_LENGTH.size:_LENGTH.size + length]


class ChildBuilds:
    """Language builds running in child processes (:func:`start`)."""

    def __init__(self, children: list[tuple[int, int, list[str]]]) -> None:
        self._children = children

    @property
    def codes(self) -> list[str]:
        return [code for _, _, group in self._children for code in group]

    def collect(self, merge: Callable[[Any], None]) -> BaseException | None:
        """Wait for every child; ``merge`` what each sent back. Returns the first
        failure (an :class:`Abort` with the child's message), or None."""
        failure: BaseException | None = None
        children, self._children = self._children, []
        for pid, read_end, group in children:
            try:
                data = _read_all(read_end)
            finally:
                os.close(read_end)
            os.waitpid(pid, 0)
            payload = pickle.loads(data) if data else ChildFailure(f"the build of {', '.join(group)} ended without a result")
            if isinstance(payload, ChildFailure):
                failure = failure or Abort(payload.message)
            elif failure is None:
                merge(payload)
        return failure

    def abandon(self) -> None:
        """Stop the children (the parent's build failed): nothing they write is published."""
        children, self._children = self._children, []
        for pid, read_end, _ in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            os.close(read_end)
            os.waitpid(pid, 0)


def start(
    groups: Sequence[Sequence[str]],
    build_language: Callable[[str], None],
    results_of: Callable[[list[str]], Any],
    before_builds: Callable[[], None] = lambda: None,
) -> ChildBuilds:
    """Fork one child per group of ``groups``; each runs ``before_builds()``,
    builds its languages (``build_language`` builds one), sends back
    ``results_of(codes)`` or its failure, and exits without returning."""
    children: list[tuple[int, int, list[str]]] = []
    for group in groups:
        codes = list(group)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: build its share, report, and leave without running the parent's clean-up
            os.close(read_end)
            status = 0
            try:
                before_builds()
                for code in codes:
                    build_language(code)
                payload: Any = results_of(codes)
            except Abort as error:
                payload, status = ChildFailure(str(error) or "stopped by the error above"), 1
            except BaseException as error:  # noqa: BLE001 - reported to the parent, which stops the build
                payload, status = ChildFailure("".join(traceback.format_exception_only(error)).strip()), 1
            try:
                _write_all(write_end, pickle.dumps(payload))
            finally:
                os._exit(status)
        os.close(write_end)
        children.append((pid, read_end, codes))
    return ChildBuilds(children)


def can_fork() -> bool:
    return hasattr(os, "fork")
