"""The site benchmark's harness on a tiny synthetic site: every variant builds
(the real plugin list from mkdocs.yml, and plain Material + static-i18n), a
no-change rebuild is seen to render nothing, and a failed build is an error
(the benchmark exits non-zero and says which build failed), never a time.
Nothing here asserts a timing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from hanoi_info.benchmarks import _harness as harness
from hanoi_info.benchmarks import _workspace as workspaces

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory) -> workspaces.Workspace:
    return workspaces.synthetic_site(tmp_path_factory.mktemp("bench") / "site", 6)


def test_synthetic_site_looks_like_the_real_one(tiny_site):
    docs = tiny_site.root / "docs"
    codes = tiny_site.languages
    pages = sorted(docs.rglob("page-*.md"))
    assert len(pages) == 6 * len(codes)
    text = "\n".join(path.read_text(encoding="utf-8") for path in pages)
    for needle in ("sources:", "handout: true", "handout_summary:", "kiosk: true", "](../", "| --- |", "source_hash:"):
        assert needle in text, needle
    assert "<!-- events:recurring -->" in (docs / "events" / "calendar.md").read_text(encoding="utf-8")
    assert (tiny_site.root / "locales").resolve() == (ROOT / "locales").resolve()
    assert (tiny_site.root / "data" / "glossary").resolve() == (ROOT / "data" / "glossary").resolve()


def test_configurations_use_the_project_plugin_list(tiny_site):
    described = workspaces.check_configs(tiny_site)
    from mkdocs.config import load_config

    project = list(load_config(str(ROOT / "mkdocs.yml")).plugins)
    assert described[0] == f"ours: {', '.join(project)}"
    assert described[1].startswith("site-only: hanoi, material/search, hanoi-i18n")
    assert "hanoi" not in described[2] and "i18n" in described[2]


def test_one_round_of_every_variant(tiny_site):
    results = harness.run_rounds(tiny_site, ["plain", "cold", "warm", "site"], 1, progress=lambda message: None)
    for variant, runs in results.items():
        assert len(runs) == 1 and runs[0].measurement.seconds > 0 and runs[0].measurement.tree_mb > 0, variant
    assert results["cold"][0].handouts_rendered > 0
    # The no-change rebuild: counts read from the build's log and its caches.
    assert results["warm"][0].handouts_rendered == 0
    assert results["warm"][0].cache_images_written == 0
    summaries = harness.summarize_all(results)
    assert "× plain" in harness.table("tiny", summaries)


def test_a_failed_build_is_an_error_not_a_time(tiny_site):
    page = tiny_site.root / "docs" / "tourism" / "page-1.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original + "\n[broken](no-such-page.md)\n", encoding="utf-8")
    try:
        with pytest.raises(harness.BuildError) as raised:
            harness.build(tiny_site, "warm")
    finally:
        page.write_text(original, encoding="utf-8")
    message = str(raised.value)
    assert "ours, full pipeline, warm caches" in message and "exit status 1" in message
    assert "no-such-page.md" in message


def test_benchmark_exits_non_zero_when_a_build_fails(tmp_path):
    """The benchmark command on a project whose build fails (its locales are
    missing): exit status 1, the failing build named, no table of times."""
    project = tmp_path / "project"
    project.mkdir()
    for entry in ROOT.iterdir():
        if not entry.name.startswith(".") and entry.name not in ("mkdocs.yml", "site"):
            (project / entry.name).symlink_to(entry)
    plugins = workspaces.raw_plugin_entries(ROOT / "mkdocs.yml")
    for index, entry in enumerate(plugins):
        if entry == "hanoi" or (isinstance(entry, dict) and "hanoi" in entry):
            options = dict(entry["hanoi"] or {}) if isinstance(entry, dict) else {}
            plugins[index] = {"hanoi": {**options, "locales_dir": "no-such-locales"}}
    (project / "mkdocs.yml").write_text(
        yaml.safe_dump({"INHERIT": str(ROOT / "mkdocs.yml"), "plugins": plugins}, allow_unicode=True), encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "hanoi_info.benchmarks.site", "-f", str(project / "mkdocs.yml"), "--quick",
         "--small", "2", "--large", "0", "--skip", "real,serve"],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "error: the benchmark stopped, a build failed" in result.stderr
    assert "ours, full pipeline, cold caches (synthetic 2 × 6) failed (exit status 1)" in result.stderr
    assert "no-such-locales" in result.stderr
    assert "median of" not in result.stdout
