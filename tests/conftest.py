"""Shared fixtures: building fixture sites (and the real one) into temporary
folders through the same CLI an editor runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CLI = [sys.executable, "-m", "hanoi_info"]


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], cwd=cwd, capture_output=True, text=True, timeout=900)


def build(config_file: Path, site_dir: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    command = [*CLI, "-f", str(config_file), "build", "--quiet", "--site-dir", str(site_dir), *extra]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=1800, env={**os.environ, **(env or {})})


def copy_fixture(name: str, destination: Path) -> Path:
    """A private copy of a fixture site whose paths to the project's overrides,
    locales and data still resolve (they are relative to the fixture)."""
    target = destination / "tests" / "fixtures" / name
    shutil.copytree(FIXTURES / name, target)
    for shared in ("overrides", "locales", "data"):
        (destination / shared).symlink_to(ROOT / shared)
    return target


@pytest.fixture(scope="session")
def basic_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("basic") / "site"
    result = build(FIXTURES / "basic" / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    return site


# The real site is built for a year whose round anniversaries were checked by
# hand (tests/test_content.py); the default would be the last commit's year.
REAL_SITE_YEAR = "2027"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("real") / "site"
    result = build(ROOT / "mkdocs.yml", site, env={"HANOI_ANNIVERSARY_YEAR": REAL_SITE_YEAR})
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def kiosk_site(tmp_path_factory) -> Path:
    """tests/fixtures/kiosk built (site/ with site/kiosk/, the airport kiosk)."""
    site = tmp_path_factory.mktemp("kiosk") / "site"
    result = build(FIXTURES / "kiosk" / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def embeds_site(tmp_path_factory) -> Path:
    """tests/fixtures/embeds built (embed views, oEmbed, /api/v1/, /feeds/, /q/)
    from a private copy, so the handouts' cache stays out of the repository."""
    root = tmp_path_factory.mktemp("embeds")
    config = copy_fixture("embeds", root) / "mkdocs.yml"
    site = root / "site"
    result = build(config, site)
    assert result.returncode == 0, result.stderr
    return site
