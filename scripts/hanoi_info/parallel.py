"""Building the languages of a site on every core.

mkdocs-static-i18n builds the source language, then each other language in
turn, in one process. Here, once the source language is built (its corpus,
checks and handout plan are shared by every language), the process forks:
each child builds a share of the other languages into the same staging folder
(every language writes only below its own ``<lang>/`` prefix and its own
``embed/<lang>/``, ``api/v1/<lang>/``, ``feeds/<lang>/`` folders), then sends
back, through a pipe, what those builds hand to the site-wide outputs
(:class:`hanoi_info.context.LanguageResults`) or the error that stopped them.
The parent builds its own share meanwhile, merges the results in the site's
language order and writes the site-wide outputs as before, so a parallel build
publishes exactly what a sequential one does (tests/test_parallel.py).

Fork, not spawn: a language build needs the plugins' state after the source
language (corpus, handout plan, compiled templates), which is not picklable and
costs seconds to rebuild. Where ``os.fork`` does not exist, languages are built
one after another.
"""

from __future__ import annotations

import os
import pickle
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


def build_in_parallel(
    codes: Sequence[str],
    workers: int,
    build_language: Callable[[str], None],
    results_of: Callable[[list[str]], Any],
    merge: Callable[[Any], None],
) -> None:
    """Build ``codes`` (``build_language`` builds one) on up to ``workers``
    processes. ``results_of(codes)`` is what a child sends back after building
    its share; ``merge`` takes it in the parent. A child's failure stops the
    build with the child's message, after every process has finished."""
    groups = shares(codes, workers if hasattr(os, "fork") else 1)
    if not groups:
        return
    children: list[tuple[int, int, list[str]]] = []
    for group in groups[1:]:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: build its share, report, and leave without running the parent's clean-up
            os.close(read_end)
            status = 0
            try:
                for code in group:
                    build_language(code)
                payload: Any = results_of(group)
            except Abort as error:
                payload, status = ChildFailure(str(error) or "stopped by the error above"), 1
            except BaseException as error:  # noqa: BLE001 - reported to the parent, which stops the build
                payload, status = ChildFailure("".join(traceback.format_exception_only(error)).strip()), 1
            try:
                _write_all(write_end, pickle.dumps(payload))
            finally:
                os._exit(status)
        os.close(write_end)
        children.append((pid, read_end, group))

    failure: BaseException | None = None
    try:
        for code in groups[0]:
            build_language(code)
    except BaseException as error:  # noqa: BLE001 - re-raised once the children are collected
        failure = error
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
    if failure is not None:
        raise failure
