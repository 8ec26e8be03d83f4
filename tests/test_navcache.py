"""The navigation cache changes how fast pages are built, never what they say."""

from __future__ import annotations

from conftest import build, copy_fixture


def test_pages_are_byte_identical_with_and_without_the_navigation_cache(tmp_path, basic_site):
    root = copy_fixture("basic", tmp_path)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - hanoi:\n" in text
    config.write_text(text.replace("  - hanoi:\n", "  - hanoi:\n      navigation_cache: false\n", 1), encoding="utf-8")
    uncached = tmp_path / "site"
    result = build(config, uncached)
    assert result.returncode == 0, result.stderr
    pages = sorted(path.relative_to(uncached) for path in uncached.rglob("*.html"))
    assert len(pages) > 30
    differing = [str(page) for page in pages if (uncached / page).read_bytes() != (basic_site / page).read_bytes()]
    assert differing == []
