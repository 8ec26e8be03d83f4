"""Adding a language is one entry in mkdocs.yml plus its translations: no code
change. Proved on a copy of the basic fixture with Thai added."""

from __future__ import annotations

import re
import shutil

from conftest import FIXTURES, ROOT, build, run_cli


def test_adding_thai_needs_only_the_language_entry_and_translations(tmp_path):
    site_root = tmp_path / "tests" / "fixtures" / "basic"
    shutil.copytree(FIXTURES / "basic", site_root)
    shutil.copytree(ROOT / "locales", tmp_path / "locales")
    (tmp_path / "overrides").symlink_to(ROOT / "overrides")
    (tmp_path / "babel.cfg").symlink_to(ROOT / "babel.cfg")
    events = site_root / "data" / "events.yml"
    events.write_text(events.read_text().replace("ko: 설날}", "ko: 설날, th: ตรุษญวน}").replace(
        "ko: 유네스코 평화의 도시 칭호}", "ko: 유네스코 평화의 도시 칭호, th: ยูเนสโกมอบตำแหน่งเมืองแห่งสันติภาพ}"))
    glossary = site_root / "data" / "glossary" / "fixture.yml"
    glossary.write_text(glossary.read_text().replace("  ko: 호안끼엠 호수\n", "  ko: 호안끼엠 호수\n  th: ทะเลสาบฮหว่านเกี๋ยม\n"))
    config = site_root / "mkdocs.yml"
    config.write_text(config.read_text().replace("[vi, en, fr, zh, ja, ko]", "[vi, en, fr, zh, ja, ko, th]"))

    # The translator's side: a Thai catalog, then a Thai page.
    catalog = tmp_path / "locales" / "th" / "LC_MESSAGES" / "messages.po"
    catalog.parent.mkdir(parents=True)
    shutil.copy(ROOT / "locales" / "en" / "LC_MESSAGES" / "messages.po", catalog)
    text = catalog.read_text()
    text = text.replace('"Language: en\\n"', '"Language: th\\n"').replace(
        'msgid "Not yet translated"\nmsgstr "Not yet translated"', 'msgid "Not yet translated"\nmsgstr "ยังไม่ได้แปล"'
    )
    catalog.write_text(text)
    source_hash = run_cli("source-hash", str(site_root / "docs/tourism/lake.md")).stdout.split()[0]
    (site_root / "docs/tourism/lake.th.md").write_text(
        "---\nid: tourism-lake\ntitle: ทะเลสาบคืนดาบ\ndescription: ทะเลสาบกลางเมือง\ntopic: tourism\n"
        "updated: 2026-11-02\nsources:\n  - title: Hà Nội portal\n    url: https://hanoi.gov.vn/\n    checked: 2026-11-02\n"
        f'source_hash: "{source_hash}"\n---\n\n## ทะเลสาบ\n\nทะเลสาบฮหว่านเกี๋ยมอยู่ใจกลางย่านเมืองเก่า\n',
        encoding="utf-8",
    )

    site = tmp_path / "site"
    result = build(config, site)
    assert result.returncode == 0, result.stderr

    lake = (site / "th/tourism/lake/index.html").read_text(encoding="utf-8")
    assert '<html lang="th"' in lake
    assert '<link rel="alternate" hreflang="th" href="https://fixture.example.org/th/tourism/lake/">' in lake
    assert re.search(r'hreflang="th" class="md-select__link">\s*ไทย\s*</a>', lake)
    assert (site / "th/search/search_index.json").exists()
    pagoda = (site / "th/tourism/pagoda/index.html").read_text(encoding="utf-8")
    assert "ยังไม่ได้แปล" in pagoda and '<div class="hanoi-content" lang="vi">' in pagoda
    assert "https://fixture.example.org/th/tourism/lake/" in (site / "sitemap.xml").read_text()
