"""Building the languages of a site on every core.

mkdocs-static-i18n builds the source language, then each other language in
turn, in one process. Here, once every plugin is configured for the source
language (corpus, checks and handout plan, which every language shares), the
process forks. The work left (the other languages, and the site-wide outputs
that do not depend on them, such as the handouts' short links) is a queue of
tasks that the parent, once its source language is built, and the children
take one at a time, so that a process finishing early takes the next task
instead of idling. Every task writes its own files into the one staging folder
(a language only below its ``<lang>/`` prefix and its own ``embed/<lang>/``,
``api/v1/<lang>/``, ``feeds/<lang>/`` folders). A child sends back, through a
pipe, what its language builds hand to the site-wide outputs
(:class:`hanoi_info.context.LanguageResults`) or the error that stopped it.
The parent merges the results in the site's language order and writes the
outputs that need every language, so a parallel build publishes exactly what
a sequential one does (tests/test_parallel.py).

Fork, not spawn: a language build needs the plugins' state after the source
language's configuration (corpus, handout plan, compiled templates), which is
not picklable and costs seconds to rebuild. Where ``os.fork`` does not exist,
the parent does every task itself.
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


class TaskQueue:
    """Task names, handed out one at a time to whichever process asks first.

    A pipe filled before the fork: every name is one fixed-size record, and a
    pipe read of one record's size returns one whole record (reads from one
    pipe do not interleave), so each task goes to exactly one process."""

    RECORD = 128

    def __init__(self, tasks: Sequence[str]) -> None:
        records = []
        for task in tasks:
            record = task.encode("utf-8")
            if not record or len(record) > self.RECORD or b"\0" in record:
                raise ValueError(f"task name {task!r}: 1 to {self.RECORD} bytes, no NUL")
            records.append(record.ljust(self.RECORD, b"\0"))
        data = b"".join(records)
        if len(data) > 65536:  # what Linux pipes hold without a reader
            raise ValueError(f"{len(tasks)} tasks: too many for one queue")
        self._read, write = os.pipe()
        try:
            while data:
                data = data[os.write(write, data):]
        finally:
            os.close(write)

    def next(self) -> str | None:
        """The next task, or None when every task is taken."""
        if self._read < 0:
            return None
        record = os.read(self._read, self.RECORD)
        if not record:
            self.close()
            return None
        return record.rstrip(b"\0").decode("utf-8")

    def close(self) -> None:
        if self._read >= 0:
            os.close(self._read)
            self._read = -1


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

    def __init__(self, children: list[tuple[int, int, str]]) -> None:  # (pid, pipe, label)
        self._children = children

    def collect(self, merge: Callable[[Any], None]) -> BaseException | None:
        """Wait for every child; ``merge`` what each sent back. Returns the first
        failure (an :class:`Abort` with the child's message), or None."""
        failure: BaseException | None = None
        children, self._children = self._children, []
        for pid, read_end, label in children:
            try:
                data = _read_all(read_end)
            finally:
                os.close(read_end)
            os.waitpid(pid, 0)
            payload = pickle.loads(data) if data else ChildFailure(f"{label} of the build ended without a result")
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
    children: int,
    queue: TaskQueue,
    run_task: Callable[[str], str | None],
    results_of: Callable[[list[str]], Any],
    before_tasks: Callable[[], None] = lambda: None,
) -> ChildBuilds:
    """Fork ``children`` processes; each runs ``before_tasks()``, then takes
    tasks from ``queue`` until it is empty (``run_task`` does one and returns
    the language it built, or None), sends back ``results_of(languages built)``
    or its failure, and exits without returning."""
    started: list[tuple[int, int, str]] = []
    for number in range(children):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: take tasks, report, and leave without running the parent's clean-up
            os.close(read_end)
            status = 0
            built: list[str] = []
            try:
                before_tasks()
                while (task := queue.next()) is not None:
                    language = run_task(task)
                    if language is not None:
                        built.append(language)
                payload: Any = results_of(built)
            except Abort as error:
                payload, status = ChildFailure(str(error) or "stopped by the error above"), 1
            except BaseException as error:  # noqa: BLE001 - reported to the parent, which stops the build
                payload, status = ChildFailure("".join(traceback.format_exception_only(error)).strip()), 1
            try:
                _write_all(write_end, pickle.dumps(payload))
            finally:
                os._exit(status)
        os.close(write_end)
        started.append((pid, read_end, f"process {number + 1}"))
    return ChildBuilds(started)


def can_fork() -> bool:
    return hasattr(os, "fork")
