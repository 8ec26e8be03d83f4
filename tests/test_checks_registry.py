"""`hanoi-info check` lists issued QR codes that no longer lead anywhere, as
the build does (the build itself is stopped by the handouts plugin)."""

from __future__ import annotations

from conftest import copy_fixture, run_cli

ENTRY = "codes:\n  - code: e6fjne\n    page: tourism-gone\n    lang: en\n    issued: 2026-11-30\n"


def test_issued_code_of_a_removed_page_is_reported_until_a_redirect_is_declared(tmp_path):
    site = copy_fixture("basic", tmp_path)
    registry = site / "data" / "qr-registry.yml"
    registry.write_text(ENTRY, encoding="utf-8")

    result = run_cli("-f", str(site / "mkdocs.yml"), "check")
    assert result.returncode == 1
    assert (
        "data/qr-registry.yml:2: QR code 'e6fjne' (issued 2026-11-30 for page 'tourism-gone' in 'en') no longer "
        "resolves: no page with id 'tourism-gone' is written in 'en'. Printed codes cannot be recalled: restore the "
        "page, or add 'redirect: <page id>' or 'redirect: /<site path>/' to the entry of 'e6fjne' in"
    ) in result.stdout

    registry.write_text(ENTRY + "    redirect: tourism-lake\n", encoding="utf-8")
    result = run_cli("-f", str(site / "mkdocs.yml"), "check")
    assert "qr-registry" not in result.stdout
