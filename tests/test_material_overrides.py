"""Our copies of Material's templates and bundle (overrides/) stay what they
say they are: Material 9.8.1's files with the named changes."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material

from conftest import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"
# The one call taken out of Material's bundle: setupAlternateHijack, which
# fetches <href>/sitemap.xml for every <link rel="alternate"> of a page.
HIJACK_CALL = "ui({document$:ct});"


def patched_bundle() -> tuple[str, str]:
    original = (MATERIAL / "assets" / "javascripts" / "bundle.a5f9d56c.min.js").read_text(encoding="utf-8")
    assert original.count(HIJACK_CALL) == 1, "Material's bundle changed: find setupAlternateHijack's call again"
    # Same length, so that Material's source map still fits.
    patched = original.replace(HIJACK_CALL, "/*hanoi*/".ljust(len(HIJACK_CALL)), 1)
    return f"bundle-hanoi.{hashlib.sha256(patched.encode()).hexdigest()[:8]}.min.js", patched


def test_material_version_is_the_one_the_copies_come_from():
    assert material.__version__ == "9.8.1", "update overrides/base.html, partials/ and the bundle copy with Material"


def test_bundle_is_materials_without_the_alternate_sitemap_requests():
    name, patched = patched_bundle()
    copies = sorted(p.name for p in (OVERRIDES / "assets" / "javascripts").glob("bundle-hanoi.*"))
    # To regenerate after a Material update: write patched_bundle()'s text under its name.
    assert copies == [name]
    assert (OVERRIDES / "assets" / "javascripts" / name).read_text(encoding="utf-8") == patched
    assert f"'assets/javascripts/{name}'" in (OVERRIDES / "base.html").read_text(encoding="utf-8")


def test_base_html_differs_from_materials_only_where_it_says(tmp_path):
    ours = (OVERRIDES / "base.html").read_text(encoding="utf-8")
    theirs = (MATERIAL / "base.html").read_text(encoding="utf-8")
    ours = re.sub(r"\A\{#-.*?-#\}\n", "", ours, flags=re.S)
    theirs = re.sub(r"\A\{#-.*?-#\}\n", "", theirs, flags=re.S)
    theirs = theirs.replace(' autocomplete="off">', ">").replace("bundle.a5f9d56c.min.js' | url }}\"></script>", patched_bundle()[0] + "' | url }}\" defer></script>")
    assert ours == theirs


def test_built_pages_have_no_inline_script(real_site):
    pages = [real_site / "index.html", real_site / "ja" / "tourism" / "hoan-kiem-lake-old-quarter" / "index.html",
             real_site / "embed" / "ko" / "index.html", real_site / "kiosk" / "index.html", real_site / "en" / "status" / "index.html"]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S)
        assert scripts, page
        for attributes, body in scripts:
            assert "src=" in attributes or 'type="application/json"' in attributes or 'type="application/ld+json"' in attributes, (page, attributes)
            assert "src=" not in attributes or not body.strip(), page
        # No event handler or style attribute (the embed snippets show one as escaped text).
        assert not re.search(r"""\s(?:on[a-z]+|style)=["']""", re.sub(r"<textarea.*?</textarea>", "", html, flags=re.S)), page
