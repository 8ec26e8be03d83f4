"""The handouts refuse to render with missing fonts or without HarfBuzz
subsetting (hanoi_info.handouts.fonts, hanoi_info.handouts.render)."""

from __future__ import annotations

import pytest

from hanoi_info.handouts import fonts, render

MINIMAL_HTML = '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>t</title></head><body><p>Hồ Hoàn Kiếm</p></body></html>'


def test_the_fonts_the_handouts_name_are_installed():
    matches = fonts.match_fonts()
    assert fonts.font_problems(matches) == []
    regular = {m.family: m.file for m in matches if m.style == "Regular"}
    assert regular["Noto Sans CJK KR"].endswith(".ttc")


def test_a_missing_font_names_its_debian_package():
    match = fonts.FontMatch("Noto Sans CJK KR", "Regular", "DejaVu Sans", "/usr/share/fonts/dejavu.ttf")
    assert fonts.font_problems([match]) == [
        "font 'Noto Sans CJK KR' is not installed (fontconfig offers 'DejaVu Sans' instead); "
        "install the Debian package fonts-noto-cjk (sudo apt-get install fonts-noto-cjk) or run 'make setup'"
    ]


def test_harfbuzz_subsetting_is_available_here():
    assert fonts.harfbuzz_subset_problem() is None


def test_without_harfbuzz_subset_the_check_names_the_package(monkeypatch):
    from weasyprint.text import ffi

    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    problem = fonts.harfbuzz_subset_problem()
    assert "install the Debian package libharfbuzz-subset0" in problem
    with pytest.raises(fonts.MissingDependency, match="libharfbuzz-subset0"):
        fonts.check_dependencies()


def test_a_fonttools_fallback_while_rendering_fails_naming_the_package(monkeypatch, tmp_path):
    """WeasyPrint decides in weasyprint.pdf.fonts.Font.subset: without the
    subset library it logs a warning and uses fontTools; we stop there."""
    import weasyprint.pdf.fonts

    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    stylesheets = render.Stylesheets("/tmp", {"office": ("@page { size: A5 }",)})
    job = render.RenderJob("0" * 32, MINIMAL_HTML, tmp_path.as_uri() + "/", "office", "docs/test.md")
    with pytest.raises(render.RenderError, match="fell back to fontTools .* install the Debian package libharfbuzz-subset0"):
        render.render_one(job, tmp_path, stylesheets)
    assert not (tmp_path / f"{job.key}.pdf").exists()


def test_any_weasyprint_warning_fails_the_handout(tmp_path):
    stylesheets = render.Stylesheets("/tmp", {"office": ("@page { size: A5 }",)})
    html = MINIMAL_HTML.replace("<p>", '<p><img src="missing.png" alt="">')
    job = render.RenderJob("1" * 32, html, tmp_path.as_uri() + "/", "office", "docs/test.md")
    with pytest.raises(render.RenderError, match="docs/test.md"):
        render.render_one(job, tmp_path, stylesheets)


def test_nothing_is_fetched_from_the_network(tmp_path):
    stylesheets = render.Stylesheets("/tmp", {"office": ("@page { size: A5 }",)})
    html = MINIMAL_HTML.replace("<p>", '<p><img src="https://hanoi.gov.vn/logo.png" alt="">')
    job = render.RenderJob("2" * 32, html, tmp_path.as_uri() + "/", "office", "docs/test.md")
    with pytest.raises(render.RenderError, match="disallowed protocol|https://hanoi.gov.vn/logo.png"):
        render.render_one(job, tmp_path, stylesheets)
