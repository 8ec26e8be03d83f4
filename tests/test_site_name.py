"""One name per language for the site, in every output, and one slogan:
mkdocs.yml's site_name through the catalogs (issue 10, item 4). Builds a copy
of the embeds fixture under the real site's name, with the kiosk, and reads
what readers get: page <title> and header, handout (HTML text of the PDF),
embed view, oEmbed, API, feeds (RSS, JSON, iCalendar) and the kiosk."""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, build, copy_fixture
from hanoi_info.catalogs import site_name, translations
from hanoi_info.languages import languages_from_codes

CODES = ("vi", "en", "fr", "zh", "ja", "ko")
LANGUAGES = languages_from_codes(list(CODES))
PREFIX = {code: "" if code == "vi" else f"{code}/" for code in CODES}
SLOGAN_MSGID = "Hà Nội – Come to love"


def real_site_name() -> str:
    match = re.search(r"^site_name:\s*(.+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    return match.group(1).strip()


NAMES = {language.code: site_name(ROOT / "locales", language, real_site_name()) for language in LANGUAGES}
SLOGANS = {language.code: translations(ROOT / "locales", language).gettext(SLOGAN_MSGID) for language in LANGUAGES}


@pytest.fixture(scope="module")
def named_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("named")
    fixture = copy_fixture("embeds", root)
    config = fixture / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("site_name: Fixture", f"site_name: {real_site_name()}")
    config.write_text(text + "  - hanoi-kiosk\n", encoding="utf-8")
    for page in (fixture / "docs").rglob("*.md"):
        content = page.read_text(encoding="utf-8")
        if "topic: tourism" in content and "kiosk:" not in content:
            page.write_text(content.replace("topic: tourism\n", "topic: tourism\nkiosk: true\n", 1), encoding="utf-8")
    site = root / "site"
    result = build(config, site)
    assert result.returncode == 0, result.stderr
    return site


def test_the_site_has_one_name_per_language_and_the_second_msgid_is_gone():
    assert len(set(NAMES.values())) == len(CODES)  # translated in every catalog
    pot = (ROOT / "locales" / "messages.pot").read_text(encoding="utf-8")
    assert f'msgid "{real_site_name()}"' in pot
    assert "external information" not in pot
    for folder in ("scripts", "overrides"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in (".py", ".html", ".js", ".json"):
                assert "external information" not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("code", CODES)
def test_every_output_names_the_site_the_same_way(named_site, code):
    name = NAMES[code]
    others = {NAMES[other] for other in CODES if NAMES[other] != name}
    prefix = PREFIX[code]

    page = (named_site / f"{prefix}tourism/lake/index.html").read_text(encoding="utf-8")
    title = html_lib.unescape(re.search(r"<title>(.*?)</title>", page, re.S).group(1))
    assert title.endswith(f" - {name}"), title
    header = html_lib.unescape(re.search(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', page, re.S).group(1))
    assert header == name

    embed = (named_site / f"embed/{code}/tourism/lake/index.html").read_text(encoding="utf-8")
    assert html_lib.unescape(re.search(r"<title>(.*?)</title>", embed).group(1)).endswith(f" – {name}")

    api = json.loads((named_site / f"api/v1/{code}/index.json").read_text(encoding="utf-8"))
    assert api["site"]["name"] == name
    oembed = next((named_site / "oembed" / code).glob("*.json"))
    assert json.loads(oembed.read_text(encoding="utf-8"))["provider_name"] == name

    rss = (named_site / f"feeds/{code}/updates.xml").read_text(encoding="utf-8")
    assert html_lib.unescape(re.search(r"<channel>\s*<title>(.*?)</title>", rss, re.S).group(1)).startswith(f"{name} – ")
    feed = json.loads((named_site / f"feeds/{code}/updates.json").read_text(encoding="utf-8"))
    assert feed["title"].startswith(f"{name} – ")
    ics = (named_site / f"feeds/{code}/events.ics").read_text(encoding="utf-8").replace("\r\n ", "")
    prodid = re.search(r"^PRODID:(.*)$", ics, re.M).group(1)
    assert prodid.startswith(f"-//hanoi-info//{name.replace(',', chr(92) + ',')} ")

    for text in (page, embed, rss, json.dumps(api, ensure_ascii=False), ics):
        assert [other for other in others if other in text] == []


def test_the_handout_band_names_the_site_in_its_language(named_site):
    from pypdfium2 import PdfDocument

    pdfs = sorted(named_site.rglob("*.pdf"))
    assert pdfs
    for path in pdfs:
        text = "".join(page.get_textpage().get_text_range() for page in PdfDocument(str(path)))
        squeezed = re.sub(r"\s+", "", text)
        assert any(re.sub(r"\s+", "", NAMES[code]) in squeezed for code in CODES), path
        assert "externalinformation" not in squeezed


def test_the_kiosk_slogan_is_the_pages_slogan_in_every_language(named_site):
    shell = (named_site / "kiosk/index.html").read_text(encoding="utf-8")
    kiosk = dict(re.findall(r'<div class="k-greeting" lang="([^"]+)"[^>]*>.*?<p class="k-greeting__slogan">(.*?)</p>',
                            shell, re.S))
    for language in LANGUAGES:
        home = (named_site / f"{PREFIX[language.code]}index.html").read_text(encoding="utf-8")
        hero = re.search(r'<p class="hanoi-hero__slogan">(.*?)</p>', home).group(1)
        assert html_lib.unescape(hero) == SLOGANS[language.code]
        assert html_lib.unescape(kiosk[language.hreflang]) == SLOGANS[language.code]


def test_the_glossary_slogan_is_the_catalogs_slogan():
    import yaml

    entries = [entry for path in (ROOT / "data" / "glossary").glob("*.yml")
               for entry in (yaml.safe_load(path.read_text(encoding="utf-8")) or [])
               if isinstance(entry, dict) and entry.get("id") == "slogan-come-to-love"]
    if not entries:
        pytest.skip("data/glossary has no 'slogan-come-to-love' entry yet")
    for code in CODES:
        assert entries[0][code] == SLOGANS[code], code


def test_notices_name_the_language_as_inside_a_sentence():
    french = next(language for language in LANGUAGES if language.code == "fr")
    assert (french.native_name, french.name_in_sentence) == ("Français", "français")
    assert next(language for language in LANGUAGES if language.code == "vi").name_in_sentence == "tiếng Việt"
    from hanoi_info.kiosk.strings import ui_strings

    strings = ui_strings(translations(ROOT / "locales", french).gettext, french)
    assert "en français" in strings["not_translated_text"]
