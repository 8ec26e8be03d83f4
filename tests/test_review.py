"""Native review status: ``reviewed: {against, on}`` in the front matter,
``hanoi-info review mark``, and what ``status`` and /status/ show."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import build, copy_fixture, run_cli


def status(config: Path, *extra: str) -> list[str]:
    result = run_cli("-f", str(config), "status", *extra)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    return lines[lines.index("") + 1:]


def test_marking_reviews_keeps_the_file_and_status_counts_them_until_the_vietnamese_changes(tmp_path):
    root = copy_fixture("basic", tmp_path)
    config = root / "mkdocs.yml"
    french, english, lake = (root / "docs/tourism/lake.fr.md", root / "docs/tourism/lake.en.md",
                             root / "docs/tourism/lake.md")
    before = french.read_bytes()
    assert status(config)[3].split() == ["fr", "Français", "0", "0", "2"]

    result = run_cli("-f", str(config), "review", "mark", str(french), str(english), str(lake), "--on", "2026-12-05")
    assert result.returncode == 0, result.stderr
    current = run_cli("source-hash", str(lake)).stdout.split()[0]
    assert f"reviewed  {french}  against {current} on 2026-12-05" in result.stdout
    # Only the one line is added, before the closing '---'; every other byte is kept.
    after = french.read_bytes()
    assert after.replace(f'reviewed: {{against: "{current}", on: 2026-12-05}}\n'.encode(), b"", 1) == before
    assert run_cli("-f", str(config), "check").returncode == 0
    assert status(config)[:3] == [
        "review        reviewed  older unreviewed",
        "vi Tiếng Việt        1      0          3",
        "en English           1      0          1",
    ]
    assert status(config)[3].split() == ["fr", "Français", "1", "0", "1"]

    # The Vietnamese text changes: the reviews were made against an older version.
    lake.write_text(lake.read_text(encoding="utf-8").replace("bên hồ có đền Ngọc Sơn.", "giữa hồ có Tháp Rùa."),
                    encoding="utf-8")
    assert status(config, "-v", "--lang", "fr") == [
        "review      reviewed  older unreviewed",
        "fr Français        0      1          1",
        "    older    docs/tourism/lake.fr.md  (reviewed against an older Vietnamese text; review it again, then "
        "'hanoi-info review mark docs/tourism/lake.fr.md')",
    ]
    # Marking again replaces the field: still one 'reviewed' line.
    assert run_cli("-f", str(config), "review", "mark", str(french), "--on", "2026-12-06").returncode == 0
    assert french.read_text(encoding="utf-8").count("reviewed:") == 1
    assert status(config, "--lang", "fr")[1].split() == ["fr", "Français", "1", "0", "1"]

    site = tmp_path / "site"
    assert build(config, site).returncode == 0
    html = re.sub(r"[ \t\n]+", " ", (site / "fr/status/index.html").read_text(encoding="utf-8"))
    assert "Pages vietnamiennes relues par la rédaction\u00a0: 0 sur 4" in html
    assert "<dt>Relues</dt><dd>1</dd>" in html
    assert '<h3 id="review-older-en">Relues sur une version antérieure (1)</h3>' in html
    assert "<code>docs/tourism/lake.en.md</code>" in html


def test_a_malformed_review_field_is_reported_with_the_fix(tmp_path):
    root = copy_fixture("basic", tmp_path)
    page = root / "docs/tourism/lake.fr.md"
    page.write_text(page.read_text(encoding="utf-8").replace("---\n\n", "reviewed: {against: 1234, on: 2026-12-05}\n---\n\n", 1),
                    encoding="utf-8")
    result = run_cli("-f", str(root / "mkdocs.yml"), "check")
    assert result.returncode == 1
    assert ("docs/tourism/lake.fr.md:12: reviewed.against: expected the 12-character hash of the Vietnamese text the "
            "reviewer read, in quotes, got 1234; write 'reviewed: {against: \"<12-character hash>\", on: YYYY-MM-DD}' "
            "(or run 'hanoi-info review mark' on the file)") in result.stdout


def test_review_mark_refuses_a_file_outside_the_pages(tmp_path):
    root = copy_fixture("basic", tmp_path)
    result = run_cli("-f", str(root / "mkdocs.yml"), "review", "mark", str(root / "mkdocs.yml"), "--on", "2026-12-05")
    assert result.returncode == 1
    assert "not a page of docs/" in result.stderr
