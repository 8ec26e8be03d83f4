"""Every .html file the build publishes (the real site, every language, the
embed views, handouts pages, short links, the kiosk) is valid HTML for the
W3C Nu validator (vnu-jar from npm, run once over the whole site on Java)."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter

import pytest

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def validate(site) -> list[dict]:
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is missing: install the Debian package default-jre-headless (scripts/setup.sh does)")
    if not VNU.is_file():
        pytest.fail("the W3C validator is missing: run `npm ci` in the project folder (make test does)")
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(site)],
        capture_output=True, text=True, timeout=600,
    )
    # vnu writes its report to stderr; it exits 1 when it found errors.
    assert result.returncode in (0, 1), result.stderr[-2000:]
    return json.loads(result.stderr)["messages"]


def test_every_published_html_file_is_valid(real_site):
    published = sorted(real_site.rglob("*.html"))
    assert len(published) > 500  # every language, embeds, handouts, short links, the kiosk shell
    assert {path.relative_to(real_site).parts[0] for path in published} >= {"en", "ja", "embed", "q", "kiosk", "status"}
    errors = validate(real_site)
    where = Counter(f"{message.get('url', '?').replace(real_site.as_uri(), '')}: {message['message']}" for message in errors)
    assert errors == [], f"{len(errors)} error(s), first ones:\n" + "\n".join(f"{n} x {text}" for text, n in where.most_common(20))


def test_validator_reports_what_it_should(tmp_path):
    """The check above can fail: the validator finds the errors the site had."""
    (tmp_path / "page.html").write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head><body>'
        '<input type="checkbox" autocomplete="off"><label tabindex="">x</label><img alt=""></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "fragment.html").write_text("<h1>no doctype</h1>", encoding="utf-8")
    texts = " ".join(message["message"] for message in validate(tmp_path))
    for expected in ("autocomplete", "tabindex", "“src”", "doctype", "title"):
        assert expected in texts, expected
