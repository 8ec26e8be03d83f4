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
        fonts.check_renderer()


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


def _source(family: str, style: str = "Regular") -> fonts.FontMatch:
    return next(m for m in fonts.match_fonts() if m.family == family and m.style == style)


def test_a_prepared_cjk_face_keeps_exactly_its_national_set_and_its_shaping(tmp_path):
    """The cut-down face (uharfbuzz) maps every code point of the language's
    set that the full face has, and nothing else, to the same glyphs (CIDs),
    widths and vertical forms as the full face."""
    import uharfbuzz as hb
    from fontTools.ttLib import TTFont

    from hanoi_info.handouts import cjkfonts

    match = _source("Noto Sans CJK JP")
    path = tmp_path / "jp.otf"
    path.write_bytes(cjkfonts.subset_font(match.file, match.index, cjkfonts.charset("ja")))
    full, cut = TTFont(match.file, fontNumber=match.index, lazy=True), TTFont(path, lazy=True)
    full_cmap, cut_cmap = full.getBestCmap(), cut.getBestCmap()
    assert set(cut_cmap) == set(cjkfonts.charset("ja")) & set(full_cmap)
    assert {cp: cut_cmap[cp] for cp in cut_cmap} == {cp: full_cmap[cp] for cp in cut_cmap}  # CID-keyed: same names
    assert all(cut["hmtx"][name] == full["hmtx"][name] for name in cut_cmap.values())

    def shape(file: str, index: int, glyph_order: list[str], direction: str) -> list[str]:
        buffer = hb.Buffer()
        buffer.add_str("「東京・日本語」、ひらがな（カタカナ）ー…")
        buffer.guess_segment_properties()
        buffer.language, buffer.direction = "ja", direction
        hb.shape(hb.Font(hb.Face(hb.Blob.from_file_path(file), index)), buffer)
        return [glyph_order[info.codepoint] for info in buffer.glyph_infos]

    for direction in ("ltr", "ttb"):  # ttb: the vertical forms (vert) survive
        assert shape(str(path), 0, cut.getGlyphOrder(), direction) == shape(
            match.file, match.index, full.getGlyphOrder(), direction
        )


def test_a_prepared_face_is_renamed_when_the_subsetter_changes(tmp_path, monkeypatch):
    import uharfbuzz as hb

    from hanoi_info.handouts import cjkfonts

    matches = [_source("Noto Sans CJK KR")]
    before = cjkfonts.planned(matches, tmp_path)
    monkeypatch.setattr(hb, "version_string", lambda: "0.0.0")
    after = cjkfonts.planned(matches, tmp_path)
    assert [font.path.parent for font in before] == [font.path.parent for font in after]
    assert before[0].path != after[0].path


def test_an_unreadable_font_file_is_an_os_error(tmp_path):
    from hanoi_info.handouts import cjkfonts

    with pytest.raises(OSError, match="cannot be read"):
        cjkfonts.subset_font(str(tmp_path / "missing.otf"), 0, (0x41,))
