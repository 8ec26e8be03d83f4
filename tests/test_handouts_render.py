"""The handouts' cache and renderer (hanoi_info.handouts.render): what makes a
handout render again, and what does not."""

from __future__ import annotations

import json
import os
import time

from hanoi_info.handouts import render

STYLES = render.Stylesheets("/tmp", {"office": ("@page { size: A5 }",), "print": ("@page { size: A5; bleed: 3mm }",)})
HTML = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body><p>Lake</p><img src="map.svg" alt="Map"></body></html>'
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


def key(folder, html=HTML, variant="office", styles=STYLES, fonts="f1"):
    return render.cache_key(html, folder.as_uri() + "/", variant, styles, fonts)


def test_the_key_changes_with_every_input(tmp_path):
    (tmp_path / "map.svg").write_text(SVG)
    base = key(tmp_path)
    assert key(tmp_path, html=HTML.replace("Lake", "Lakes")) != base
    assert key(tmp_path, variant="print") != base
    assert key(tmp_path, fonts="f2") != base
    changed_css = render.Stylesheets("/tmp", {"office": ("@page { size: A5; margin: 1cm }",)})
    assert key(tmp_path, styles=changed_css) != base
    with_faces = render.Stylesheets("/tmp", STYLES.texts, "@font-face {}", "noto-sans-cjk-kr-400-0123.otf")
    assert key(tmp_path, styles=with_faces) != base
    (tmp_path / "map.svg").write_text(SVG.replace('width="10" height="10"/>', 'width="5" height="10"/>'))
    assert key(tmp_path) != base  # an image the page shows


def test_the_key_does_not_depend_on_where_the_project_is(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        folder.mkdir()
        (folder / "map.svg").write_text(SVG)
    assert key(first) == key(second)
    faces = lambda folder: render.Stylesheets(  # noqa: E731
        "/tmp", STYLES.texts, f'@font-face {{ src: url("{folder.as_uri()}/kr-400-01.otf") }}', "kr-400-01.otf")
    assert key(first, styles=faces(first)) == key(first, styles=faces(second))


def test_a_cached_handout_is_not_rendered_again(tmp_path):
    (tmp_path / "map.svg").write_text(SVG)
    job = render.RenderJob(key(tmp_path), HTML, tmp_path.as_uri() + "/", "office", "docs/x.md", preview=True)
    cache = tmp_path / "cache"
    first = render.render_all([job], cache, STYLES, workers=1)[job.key]
    assert first.rendered and first.pages == 1 and first.preview.read_bytes().startswith(b"\x89PNG")
    second = render.render_all([job], cache, STYLES, workers=1)[job.key]
    assert not second.rendered and second.pdf == first.pdf
    assert json.loads((cache / f"{job.key}.json").read_text()) == {"pages": 1, "variant": "office"}


def test_prune_removes_old_unused_entries_of_the_built_variants_only(tmp_path):
    def entry(name, variant, age):
        for suffix, text in ((".pdf", "%PDF"), (".json", json.dumps({"pages": 1, "variant": variant}))):
            path = tmp_path / f"{name}{suffix}"
            path.write_text(text)
            os.utime(path, (time.time() - age, time.time() - age))

    entry("a" * 32, "office", 3 * 86400)  # old, unused: goes
    entry("b" * 32, "office", 3 * 86400)  # old, but used by this build: stays
    entry("c" * 32, "office", 60)  # unused, but recent (another build may be using it): stays
    entry("d" * 32, "print", 3 * 86400)  # another variant: stays for its next build
    assert render.prune(tmp_path, {"b" * 32}, ["office"]) == 2
    assert sorted(p.name[:1] for p in tmp_path.iterdir()) == ["b", "b", "c", "c", "d", "d"]


def test_open_length_arrays_hold_what_the_sized_ones_hold():
    from weasyprint.text.ffi import ffi

    arrays = render.OpenLengthArrays(ffi)
    glyphs = [3, 17, 255, 4096]
    made = arrays.new(f"hb_codepoint_t[{len(glyphs)}]", glyphs)
    assert ffi.typeof(made) is ffi.typeof("hb_codepoint_t[]") and ffi.sizeof(made) == ffi.sizeof("hb_codepoint_t") * 4
    assert list(made) == glyphs
    # Anything else is cffi's own: a zero-filled sized array, a pointer, attributes.
    zeroed = arrays.new("hb_tag_t[5]")
    assert ffi.typeof(zeroed) is ffi.typeof("hb_tag_t[5]") and list(zeroed) == [0] * 5
    assert arrays.new("unsigned int *", 100)[0] == 100
    assert arrays.NULL == ffi.NULL


def test_a_handout_renders_to_the_same_bytes_with_open_length_arrays(tmp_path, monkeypatch):
    """Font subsetting with open-length arrays (render.OpenLengthArrays, installed
    in every render process) writes the same PDF as WeasyPrint on its own."""
    import weasyprint.pdf.fonts as subsetting

    (tmp_path / "map.svg").write_text(SVG)
    html = HTML.replace("<p>Lake</p>", "<p>Hồ Hoàn Kiếm, Văn Miếu – Quốc Tử Giám</p>")
    job = render.RenderJob(key(tmp_path, html=html), html, tmp_path.as_uri() + "/", "office", "docs/x.md")
    with_open_arrays = render.render_all([job], tmp_path / "a", STYLES, workers=1)[job.key].pdf.read_bytes()
    assert isinstance(subsetting.ffi, render.OpenLengthArrays)

    monkeypatch.setattr(subsetting, "ffi", subsetting.ffi.ffi)
    monkeypatch.setattr(render, "open_length_arrays_for_subsetting", lambda: None)
    monkeypatch.setattr(render, "_STATE", {})
    alone = render.render_all([job], tmp_path / "b", STYLES, workers=1)[job.key].pdf.read_bytes()
    assert alone == with_open_arrays
