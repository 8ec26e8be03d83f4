"""Permanent short links for printed QR codes: ``/q/<code>/``.

A code is derived from the page's stable ``id`` and the language, never from
its path, so moving or renaming a file keeps every printed code valid. The
registry of issued codes and the redirect pages are built on top of this
(see the handouts capability)."""

from __future__ import annotations

import base64
import hashlib

SHORT_PREFIX = "q"
CODE_LENGTH = 6


def short_code(page_id: str, lang: str) -> str:
    digest = hashlib.sha256(f"{page_id}\n{lang}".encode("utf-8")).digest()
    return base64.b32encode(digest).decode("ascii").lower()[:CODE_LENGTH]


def short_path(page_id: str, lang: str) -> str:
    """Site-relative short link: "q/k7m2xa/"."""
    return f"{SHORT_PREFIX}/{short_code(page_id, lang)}/"
