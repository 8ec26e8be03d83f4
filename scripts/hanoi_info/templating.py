"""Jinja compilation shared by the language builds.

mkdocs-static-i18n runs one MkDocs build per language, and each build makes a
fresh Jinja environment that compiles every Material and project template
again, and an editor's preview (``hanoi-info serve``) makes new plugins for
every rebuild. One in-memory bytecode cache per process, shared by every
build in it, compiles each template once. Jinja checks each entry against the
template source's checksum (and its key names the template's file), so an
edited template is recompiled (live reload).
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._compiled.clear()


# The process's one cache (see the module's docstring).
COMPILED_TEMPLATES = MemoryBytecodeCache()
