"""Safe publishing: the staging folder and swap, reproducible output, refusal
to replace anything that is not a site, and the editors' one-language preview
(``build --lang`` / ``serve --lang``)."""

from __future__ import annotations

import datetime as dt
import gzip
import os
import shutil
import socket
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import mkdocs.config
from mkdocs.commands import serve as serve_module

from conftest import FIXTURES, ROOT, build, copy_fixture, run_cli
from hanoi_info import cli
from hanoi_info.build import source_date_epoch, swap_in, target_problem
from hanoi_info.project import load_project

LANGUAGES = ("vi", "en", "fr", "zh", "ja", "ko")


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_two_builds_of_the_same_commit_are_byte_identical(basic_site, tmp_path):
    again = tmp_path / "again"
    env = {"TZ": "Pacific/Kiritimati"}  # another local date than the first build's
    result = build(FIXTURES / "basic" / "mkdocs.yml", again, env={**env, "SOURCE_DATE_EPOCH": ""})
    assert result.returncode == 0, result.stderr
    first, second = files_of(basic_site), files_of(again)
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []


def test_sitemap_archive_is_dated_from_the_content_not_the_clock(basic_site, tmp_path):
    header = (basic_site / "sitemap.xml.gz").read_bytes()[:10]
    (mtime,) = struct.unpack("<I", header[4:8])
    epoch = source_date_epoch(load_project(FIXTURES / "basic" / "mkdocs.yml"))
    assert mtime == epoch - epoch % 86400  # MkDocs keeps the day of SOURCE_DATE_EPOCH
    assert gzip.decompress((basic_site / "sitemap.xml.gz").read_bytes()) == (basic_site / "sitemap.xml").read_bytes()
    # Outside a git checkout: the newest 'updated' date of the pages (2026-11-04).
    copy = copy_fixture("basic", tmp_path)
    assert source_date_epoch(load_project(copy / "mkdocs.yml")) == int(
        dt.datetime(2026, 11, 4, tzinfo=dt.timezone.utc).timestamp())


def test_preview_of_one_language_keeps_vietnamese_at_the_root_and_replaces_the_previous_site(basic_site, tmp_path):
    site = tmp_path / "preview"
    shutil.copytree(basic_site, site)
    (site / "stale-file.html").write_text("old", encoding="utf-8")
    result = run_cli("-f", str(FIXTURES / "basic" / "mkdocs.yml"), "build", "-q", "--lang", "en", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    pages = sorted(path.relative_to(site).as_posix() for path in site.rglob("index.html") if "assets" not in path.parts)
    assert pages == sorted(
        f"{prefix}{page}" for prefix in ("", "en/")
        for page in ("index.html", "events/anniversaries/index.html", "status/index.html",
                     "tourism/lake/index.html", "tourism/pagoda/index.html")
    )
    assert not (site / "stale-file.html").exists() and not (site / "fr").exists()
    assert '<html lang="en"' in (site / "en/tourism/lake/index.html").read_text(encoding="utf-8")
    assert '<html lang="vi"' in (site / "tourism/lake/index.html").read_text(encoding="utf-8")
    assert (site.stat().st_mode & 0o777) == 0o755
    assert sorted(path.name for path in tmp_path.iterdir()) == [".preview-build.lock", "preview"]


def test_a_preview_never_replaces_the_published_site():
    result = run_cli("-f", str(FIXTURES / "basic" / "mkdocs.yml"), "build", "--lang", "en")
    assert result.returncode == 2
    assert "--lang builds a partial preview (Vietnamese plus one language), which must never replace the published " \
           "site: add --site-dir <folder>, or preview with 'hanoi-info serve --lang en'" in result.stderr


@pytest.mark.parametrize("command", ["build", "serve"])
def test_an_unknown_language_is_refused_with_the_list(command, tmp_path):
    result = run_cli("-f", str(FIXTURES / "basic" / "mkdocs.yml"), command, "--lang", "de", "--site-dir", str(tmp_path)) \
        if command == "build" else run_cli("-f", str(FIXTURES / "basic" / "mkdocs.yml"), command, "--lang", "de")
    assert result.returncode == 2
    assert "error: --lang de: not one of this site's languages (vi, en, fr, zh, ja, ko)" in result.stderr


def basic_with_only_language(tmp_path: Path, code: str) -> Path:
    """A copy of the basic fixture whose mkdocs.yml sets plugins.hanoi-i18n.only_language."""
    config = copy_fixture("basic", tmp_path) / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    languages = "      languages: [vi, en, fr, zh, ja, ko]\n"
    assert languages in text
    config.write_text(text.replace(languages, f"{languages}      only_language: {code}\n"), encoding="utf-8")
    return config


def test_only_language_in_mkdocs_yml_builds_vietnamese_and_that_language(tmp_path):
    site = tmp_path / "preview"
    result = build(basic_with_only_language(tmp_path, "ja"), site)
    assert result.returncode == 0, result.stderr
    assert [code for code in LANGUAGES[1:] if (site / code).exists()] == ["ja"]
    assert '<html lang="ja"' in (site / "ja/tourism/lake/index.html").read_text(encoding="utf-8")
    assert '<html lang="vi"' in (site / "tourism/lake/index.html").read_text(encoding="utf-8")


def test_only_language_in_mkdocs_yml_never_replaces_the_published_site(tmp_path):
    config = basic_with_only_language(tmp_path, "ja")
    result = run_cli("-f", str(config), "build")
    assert result.returncode == 2
    assert ("error: mkdocs.yml: plugins.hanoi-i18n.only_language: ja builds a partial preview (Vietnamese plus one "
            "language), which must never replace the published site: add --site-dir <folder>, or remove the option"
            ) in result.stderr
    assert not (config.parent / "site").exists()


def test_an_unknown_only_language_in_mkdocs_yml_is_refused_with_the_list(tmp_path):
    result = build(basic_with_only_language(tmp_path, "de"), tmp_path / "preview")
    assert result.returncode != 0
    assert ("Plugin 'hanoi-i18n' option 'only_language': 'de' is not one of this site's languages "
            "(vi, en, fr, zh, ja, ko)") in result.stderr
    assert not (tmp_path / "preview").exists()


def test_print_handouts_of_a_site_without_handouts_is_refused(tmp_path):
    result = build(FIXTURES / "basic" / "mkdocs.yml", tmp_path / "site", "--print")
    assert result.returncode == 1
    assert "--print: this site makes no handouts (the hanoi-handouts plugin is not in mkdocs.yml)" in result.stderr
    assert not (tmp_path / "site").exists()


def test_every_rebuild_of_the_preview_keeps_the_language_and_nothing_stays_patched(monkeypatch, tmp_path):
    """serve reloads mkdocs.yml through mkdocs.commands.serve.load_config for every rebuild."""
    built: list[str | None] = []

    def fake_serve(config_file, **options):
        for _ in range(2):  # the first build and one rebuild
            config = serve_module.load_config(config_file=config_file, site_dir=str(tmp_path))
            built.append(config.plugins["hanoi-i18n"].config.only_language)

    monkeypatch.setattr(serve_module, "serve", fake_serve)
    server = serve_module.LiveReloadServer
    assert cli.main(["-f", str(FIXTURES / "basic" / "mkdocs.yml"), "serve", "--lang", "ja"]) == 0
    assert built == ["ja", "ja"]
    assert serve_module.load_config is mkdocs.config.load_config
    assert serve_module.LiveReloadServer is server


@pytest.mark.parametrize("where, message", [
    (".", "holds the project's sources"),
    ("docs", "holds the project's sources"),
    ("docs/site", "is inside"),
    ("data", "holds the project's sources"),
])
def test_the_build_refuses_to_replace_the_sources(tmp_path, where, message):
    root = copy_fixture("basic", tmp_path)
    before = sorted(path.relative_to(root).as_posix() for path in root.rglob("*"))
    result = run_cli("-f", str(root / "mkdocs.yml"), "build", "--site-dir", str(root / where))
    assert result.returncode == 1
    assert message in result.stderr
    assert sorted(path.relative_to(root).as_posix() for path in root.rglob("*")) == before


def test_the_build_refuses_to_replace_a_folder_that_is_not_a_site(tmp_path):
    project = load_project(FIXTURES / "basic" / "mkdocs.yml")
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "holiday.jpg").write_bytes(b"\xff\xd8")
    assert target_problem(project, folder) == (
        f"{folder} exists and does not look like a built site (no index.html); it would be deleted: remove it or "
        "choose another output folder")
    assert target_problem(project, tmp_path / "new-site") is None
    (tmp_path / "empty").mkdir()
    assert target_problem(project, tmp_path / "empty") is None


def test_swap_replaces_the_site_in_one_step_and_leaves_nothing_behind(tmp_path):
    site, staging = tmp_path / "site", tmp_path / ".site-staging-x"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    staging.mkdir()
    (staging / "index.html").write_text("new", encoding="utf-8")
    swap_in(staging, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]
    # The first build: no previous site.
    staging.mkdir()
    (staging / "index.html").write_text("first", encoding="utf-8")
    swap_in(staging, tmp_path / "fresh")
    assert (tmp_path / "fresh" / "index.html").read_text(encoding="utf-8") == "first"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def _wait_for(url: str, predicate, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            status, body = _get(url)
            if status == 200 and predicate(body):
                return body
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} did not become ready")


def test_serve_one_language_previews_vietnamese_and_that_language_and_reloads_edits(tmp_path):
    root = copy_fixture("basic", tmp_path)
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "hanoi_info", "-f", str(root / "mkdocs.yml"), "serve", "--lang", "en", "-a", f"127.0.0.1:{port}"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        english = _wait_for(base + "en/tourism/lake/", lambda body: '<html lang="en"' in body)
        assert "Hoàn Kiếm Lake lies at the heart of the Old Quarter" in english
        assert '<html lang="vi"' in _get(base + "tourism/lake/")[1]
        assert _get(base + "fr/tourism/lake/")[0] == 404

        lake = root / "docs/tourism/lake.en.md"
        lake.write_text(lake.read_text(encoding="utf-8").replace("lies at the heart", "sits at the very heart"), encoding="utf-8")
        _wait_for(base + "en/tourism/lake/", lambda body: "sits at the very heart of the Old Quarter" in body)
        assert _get(base + "fr/tourism/lake/")[0] == 404  # the rebuild, too, built Vietnamese and English only
    finally:
        process.terminate()
        try:
            output, _ = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
    assert "AssertionError" not in output and "Traceback" not in output
