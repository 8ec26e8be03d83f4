"""Writing and publishing the files the project's caches keep.

Share cards, picture variants, handout PDFs and their packs are made once and
kept in ``.cache/`` under a hash of what they depend on; every build puts them
into the output folder again. A hard link does that without writing the
bytes: on the real site these files are 30 of the 58 MB a build wrote, and
writing them took about 0.6 s of system time per build on the project's
machine (measured with the copy this replaces).

This is safe because no cache ever changes a file in place: each writes a new
file and renames it over the old one (``os.replace``), so a published link
keeps the bytes it was published with, and pruning a cache entry leaves the
published file as it is. Where a link is impossible (another file system, a
file system without hard links) the file is copied.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

# Errors that mean "no hard link here"; anything else is a real failure.
_NO_LINK = {errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EACCES}


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` by way of a temporary file in the same folder,
    renamed over it: a reader, another process of the build or a published
    hard link (:func:`publish_cached`) sees the old file or the new one, never
    half of one. Made readable by all (a web server may serve it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as output:
            os.fchmod(output.fileno(), 0o644)
            output.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def publish_cached(source: Path, target: Path) -> None:
    """Put the cached file ``source`` at ``target``, replacing what is there;
    readable by everyone (a web server), as a copy would be."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if not _link(source, target):
        shutil.copyfile(source, target)
    mode = target.stat().st_mode
    if mode & 0o444 != 0o444:  # caches written by earlier versions through mkstemp were private (0600)
        os.chmod(target, mode | 0o444)


def _link(source: Path, target: Path) -> bool:
    for attempt in range(2):
        try:
            os.link(source, target)
            return True
        except FileExistsError:
            if attempt:
                raise
            target.unlink()
        except OSError as error:
            if error.errno not in _NO_LINK:
                raise
            return False
    return False
