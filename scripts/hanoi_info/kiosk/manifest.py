"""The kiosk build's manifest: ``kiosk/manifest.json`` lists every file of the
build with its size and SHA-256, the build's version and its settings. The
build writes it last, so a build that stopped half-way has none; the launcher
refuses to start unless every listed file is there, unchanged; the service
worker precaches exactly the listed files."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, NamedTuple

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1
GENERATOR = "hanoi-kiosk"
# Files every kiosk build has; a manifest without them is not a kiosk build.
REQUIRED_FILES = ("index.html", "kiosk.js", "kiosk.css", "sw.js")


class KioskBuildError(RuntimeError):
    """The kiosk build is missing or incomplete; the message says how to fix it."""


@dataclass(frozen=True)
class ManifestFile:
    path: str
    bytes: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    version: str
    languages: tuple[str, ...]
    idle_seconds: float
    countdown_seconds: float
    files: tuple[ManifestFile, ...]
    site_url: str = ""  # the public address the QR codes lead to

    @property
    def total_bytes(self) -> int:
        return sum(entry.bytes for entry in self.files)


class FileDigest(NamedTuple):
    """A file of the build as the manifest lists it (the files are written by
    the processes that built the languages; the manifest needs only this)."""

    bytes: int
    sha256: str


def digest_of(data: bytes) -> FileDigest:
    return FileDigest(len(data), hashlib.sha256(data).hexdigest())


def build_version(files: Mapping[str, FileDigest]) -> str:
    """A hash of every file's path and content: changes whenever anything the kiosk shows changes."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode("utf-8") + b"\0" + bytes.fromhex(files[path].sha256))
    return digest.hexdigest()[:16]


def make_manifest(
    files: Mapping[str, FileDigest],
    version: str,
    languages: tuple[str, ...],
    idle_seconds: float,
    countdown_seconds: float,
    site_url: str = "",
) -> Manifest:
    return Manifest(
        version=version,
        languages=languages,
        idle_seconds=idle_seconds,
        countdown_seconds=countdown_seconds,
        files=tuple(
            ManifestFile(path, file.bytes, file.sha256) for path, file in sorted(files.items())
        ),
        site_url=site_url,
    )


def manifest_json(manifest: Manifest) -> bytes:
    data = {
        "format": MANIFEST_FORMAT,
        "generator": GENERATOR,
        "version": manifest.version,
        "site_url": manifest.site_url,
        "languages": list(manifest.languages),
        "idle_seconds": manifest.idle_seconds,
        "countdown_seconds": manifest.countdown_seconds,
        "total_bytes": manifest.total_bytes,
        "files": [{"path": f.path, "bytes": f.bytes, "sha256": f.sha256} for f in manifest.files],
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _rebuild_hint(kiosk_dir: Path) -> str:
    return f"build the site again ('hanoi-info build'; the hanoi-kiosk plugin writes {kiosk_dir})"


def read_manifest(kiosk_dir: Path) -> Manifest:
    path = kiosk_dir / MANIFEST_NAME
    if not kiosk_dir.is_dir():
        raise KioskBuildError(f"{kiosk_dir}: no kiosk build here; {_rebuild_hint(kiosk_dir)}")
    if not path.is_file():
        raise KioskBuildError(
            f"{path}: missing, so the kiosk build is absent or did not finish; {_rebuild_hint(kiosk_dir)}"
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != MANIFEST_FORMAT or data.get("generator") != GENERATOR:
            raise ValueError(f"not a format-{MANIFEST_FORMAT} manifest of {GENERATOR}")
        manifest = Manifest(
            version=str(data["version"]),
            languages=tuple(data["languages"]),
            idle_seconds=float(data["idle_seconds"]),
            countdown_seconds=float(data["countdown_seconds"]),
            files=tuple(ManifestFile(str(f["path"]), int(f["bytes"]), str(f["sha256"])) for f in data["files"]),
            site_url=str(data.get("site_url", "")),
        )
    except (ValueError, KeyError, TypeError) as error:
        raise KioskBuildError(f"{path}: cannot be read ({error}); {_rebuild_hint(kiosk_dir)}") from None
    return manifest


def check_kiosk_build(kiosk_dir: Path, verify_content: bool = True) -> Manifest:
    """The manifest of a complete kiosk build; raises :class:`KioskBuildError`
    naming the first problem otherwise (missing manifest, missing or changed
    files)."""
    manifest = read_manifest(kiosk_dir)
    listed = {entry.path for entry in manifest.files}
    absent_required = [name for name in REQUIRED_FILES if name not in listed]
    if absent_required:
        raise KioskBuildError(
            f"{kiosk_dir / MANIFEST_NAME}: does not list {', '.join(absent_required)}; {_rebuild_hint(kiosk_dir)}"
        )
    for language in manifest.languages:
        if f"{language}/index.json" not in listed:
            raise KioskBuildError(
                f"{kiosk_dir / MANIFEST_NAME}: language '{language}' has no {language}/index.json; {_rebuild_hint(kiosk_dir)}"
            )
    missing: list[str] = []
    changed: list[str] = []
    for entry in manifest.files:
        path = kiosk_dir / entry.path
        if not path.is_file():
            missing.append(entry.path)
            continue
        if path.stat().st_size != entry.bytes:
            changed.append(entry.path)
        elif verify_content and hashlib.sha256(path.read_bytes()).hexdigest() != entry.sha256:
            changed.append(entry.path)
    if missing or changed:
        problems = []
        if missing:
            problems.append(f"{len(missing)} file(s) missing (first: {missing[0]})")
        if changed:
            problems.append(f"{len(changed)} file(s) changed since the build (first: {changed[0]})")
        raise KioskBuildError(f"{kiosk_dir}: the kiosk build is incomplete: {'; '.join(problems)}; {_rebuild_hint(kiosk_dir)}")
    return manifest
