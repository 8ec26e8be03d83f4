"""Jinja compilation shared by every build and every process.

mkdocs-static-i18n runs one MkDocs build per language, each build makes a
fresh Jinja environment that compiles every Material and project template
again, the languages are built in several processes (hanoi_info.parallel),
and an editor's preview (``hanoi-info serve``) makes new plugins for every
rebuild. Compiling Material's templates costs each process about 0.35 s of a
warm build of the real site, measured; so the compiled code is kept in memory
(every build in a process shares it) and in the project's cache folder (the
next build, in any process, loads it instead of compiling).

Jinja checks each entry against the template source's checksum, so an edited
template is compiled again (live reload). Its own key names only the
template and its file; ours also names the environment's settings, because
the same file compiled with other settings (``trim_blocks``, autoescape,
extensions) is other code.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket


def _settings_of(environment: Environment) -> str:
    autoescape = environment.autoescape
    return repr((
        sorted(environment.extensions),
        environment.trim_blocks, environment.lstrip_blocks, environment.keep_trailing_newline,
        autoescape if isinstance(autoescape, bool) else getattr(autoescape, "__qualname__", repr(autoescape)),
        environment.block_start_string, environment.block_end_string,
        environment.variable_start_string, environment.variable_end_string,
        environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix, environment.newline_sequence,
        environment.optimized,
    ))


class TemplateCodeCache(BytecodeCache):
    """Compiled templates in memory, and in a folder once :meth:`keep_in` names one."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}
        self._folder: FileSystemBytecodeCache | None = None

    def keep_in(self, directory: Path) -> None:
        """Keep the compiled templates in ``directory`` too (made if missing)."""
        if self._folder is not None and Path(self._folder.directory) == directory:
            return
        directory.mkdir(parents=True, exist_ok=True)
        self._folder = FileSystemBytecodeCache(str(directory))

    @property
    def directory(self) -> Path | None:
        return Path(self._folder.directory) if self._folder is not None else None

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = hashlib.sha1(f"{_settings_of(environment)}\0{self.get_cache_key(name, filename)}".encode()).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)
        if bucket.code is None and self._folder is not None:
            # A stale entry (the template changed) leaves no code: Jinja compiles it.
            self._folder.load_bytecode(bucket)
            if bucket.code is not None:
                self._compiled[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()
        if self._folder is not None:
            self._folder.dump_bytecode(bucket)  # written to a temporary file, then renamed

    def clear(self) -> None:
        self._compiled.clear()
        if self._folder is not None:
            self._folder.clear()


# The process's one cache (see the module's docstring).
COMPILED_TEMPLATES = TemplateCodeCache()
