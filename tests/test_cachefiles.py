"""Publishing files the caches keep (hanoi_info.cachefiles)."""

from __future__ import annotations

import errno
import os

import pytest

from hanoi_info import cachefiles
from hanoi_info.cachefiles import publish_cached


def test_a_published_file_keeps_its_bytes_when_the_cache_entry_is_replaced_or_pruned(tmp_path):
    cache = tmp_path / "cache" / "card.png"
    cache.parent.mkdir()
    cache.write_bytes(b"first")
    published = tmp_path / "site" / "assets" / "card.png"
    publish_cached(cache, published)
    assert published.read_bytes() == b"first"
    assert published.stat().st_ino == cache.stat().st_ino  # linked, not written again

    # Caches write a new file and rename it over the entry (never in place).
    temporary = cache.with_name("card.png.tmp")
    temporary.write_bytes(b"second")
    os.replace(temporary, cache)
    assert published.read_bytes() == b"first"
    cache.unlink()
    assert published.read_bytes() == b"first"


def test_an_existing_file_is_replaced(tmp_path):
    cache = tmp_path / "handout.pdf"
    cache.write_bytes(b"%PDF new")
    published = tmp_path / "site" / "handout.pdf"
    published.parent.mkdir()
    published.write_bytes(b"%PDF old")
    publish_cached(cache, published)
    assert published.read_bytes() == b"%PDF new"


def test_where_no_link_can_be_made_the_file_is_copied(tmp_path, monkeypatch):
    def cross_device(source, target):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(cachefiles.os, "link", cross_device)
    cache = tmp_path / "pack.pdf"
    cache.write_bytes(b"%PDF pack")
    published = tmp_path / "site" / "pack.pdf"
    publish_cached(cache, published)
    assert published.read_bytes() == b"%PDF pack"
    assert published.stat().st_ino != cache.stat().st_ino


def test_a_private_cache_file_is_published_readable_by_the_web_server(tmp_path):
    cache = tmp_path / "handout.pdf"
    cache.write_bytes(b"%PDF")
    cache.chmod(0o600)  # as tempfile.mkstemp makes it
    published = tmp_path / "site" / "handout.pdf"
    publish_cached(cache, published)
    assert published.stat().st_mode & 0o444 == 0o444


def test_a_cache_file_is_written_whole_readable_and_without_leftovers(tmp_path, monkeypatch):
    path = tmp_path / "cache" / "card.png"
    cachefiles.write_atomically(path, b"first")
    published = tmp_path / "site" / "card.png"
    publish_cached(path, published)
    cachefiles.write_atomically(path, b"second")
    assert path.read_bytes() == b"second" and published.read_bytes() == b"first"
    assert path.stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in path.parent.iterdir()) == ["card.png"]

    def full_disk(source, target):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError):
        cachefiles.write_atomically(path, b"third")
    assert path.read_bytes() == b"second"
    assert sorted(p.name for p in path.parent.iterdir()) == ["card.png"]  # no temporary file left behind
