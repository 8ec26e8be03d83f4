"""Integration: the kiosk build (hanoi_info.kiosk.build, the hanoi-kiosk
plugin) of tests/fixtures/kiosk, checked file by file. The fixture has an
airport page in every language, a lake page in Vietnamese, English, Japanese
and (stale) French, a pagoda page in Vietnamese only, and a history page that
is not on the kiosk."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from conftest import FIXTURES, ROOT, build, copy_fixture
from hanoi_info import catalogs
from hanoi_info.kiosk.build import content_path
from hanoi_info.schema import TOPICS
from hanoi_info.kiosk.links import qr_path
from hanoi_info.kiosk.manifest import check_kiosk_build
from hanoi_info.languages import language_for_code
from hanoi_info.schema import TOPICS
from hanoi_info.shortlinks import short_path

LANGS = ["vi", "en", "fr", "zh", "ja", "ko"]
HREFLANG = {"vi": "vi", "en": "en", "fr": "fr", "zh": "zh-Hans", "ja": "ja", "ko": "ko"}
SITE = "https://fixture.example.org/"
PAGES = ["arriving-airport", "tourism-lake", "tourism-pagoda"]
WRITTEN = {  # page -> languages it is written in
    "arriving-airport": LANGS,
    "tourism-lake": ["vi", "en", "fr", "ja"],
    "tourism-pagoda": ["vi"],
}


def gettext(lang: str):
    return catalogs.translations(ROOT / "locales", language_for_code(lang, lang == "vi")).gettext


def read(site: Path, path: str) -> str:
    return (site / "kiosk" / path).read_text(encoding="utf-8")


def fragment(site: Path, path: str) -> str:
    """The HTML of a fragment of the shell, published as JSON data {"html": "…"}."""
    data = json.loads(read(site, path))
    assert list(data) == ["html"], path
    return data["html"]


class Entries(HTMLParser):
    """The page entries (buttons with data-page) of a language fragment, by id."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[str, dict[str, str]] = {}
        self.topics: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if "data-page" in values and values.get("data-action") == "page":
            self.entries[values["data-page"]] = values
        if values.get("data-action") == "topic":
            self.topics.append(values["data-topic"])


def entries(site: Path, lang: str) -> Entries:
    parser = Entries()
    parser.feed(fragment(site, f"{lang}/index.json"))
    return parser


def test_kiosk_files(kiosk_site):
    kiosk = kiosk_site / "kiosk"
    files = sorted(p.relative_to(kiosk).as_posix() for p in kiosk.rglob("*") if p.is_file() and p.parent.name != "qr")
    expected = ["blank.svg", "index.html", "kiosk.css", "kiosk.js", "manifest.json", "media/tourism/lake-map.svg", "sw.js"]
    expected += [f"{lang}/index.json" for lang in LANGS]
    expected += [f"artwork/{topic}.svg" for topic in TOPICS]  # the topic tiles' drawings (hanoi_info.pictures)
    expected += [content_path(page, lang) for page, langs in WRITTEN.items() for lang in langs]
    assert files == sorted(expected)


def test_manifest_lists_every_file_and_the_configured_times(kiosk_site):
    manifest = check_kiosk_build(kiosk_site / "kiosk")
    on_disk = {p.relative_to(kiosk_site / "kiosk").as_posix() for p in (kiosk_site / "kiosk").rglob("*") if p.is_file()}
    assert {entry.path for entry in manifest.files} == on_disk - {"manifest.json"}
    assert (manifest.idle_seconds, manifest.countdown_seconds) == (60, 25)
    assert re.fullmatch(r"[0-9a-f]{16}", manifest.version)
    assert read(kiosk_site, "sw.js").startswith(f'const VERSION = "{manifest.version}";\n')


def test_every_page_in_every_language_has_an_entry_with_its_short_link_qr(kiosk_site):
    for lang in LANGS:
        found = entries(kiosk_site, lang)
        assert found.topics == ["arriving", "tourism"]  # topics without kiosk pages get no tile
        assert sorted(found.entries) == PAGES  # the history page is not on the kiosk
        for page in PAGES:
            entry = found.entries[page]
            short = SITE + short_path(page, lang)
            assert entry["data-short-url"] == short
            assert entry["data-qr"] == qr_path(short)
            assert (kiosk_site / "kiosk" / entry["data-qr"]).is_file()


def test_entry_says_where_the_text_is_and_its_status(kiosk_site):
    lake = {lang: entries(kiosk_site, lang).entries["tourism-lake"] for lang in LANGS}
    assert {lang: (e["data-content"], e["data-content-lang"], e["data-status"]) for lang, e in lake.items()} == {
        "vi": ("vi/p/tourism-lake.json", "vi", "source"),
        "en": ("en/p/tourism-lake.json", "en", "current"),
        "fr": ("fr/p/tourism-lake.json", "fr", "stale"),
        "zh": ("vi/p/tourism-lake.json", "vi", "missing"),
        "ja": ("ja/p/tourism-lake.json", "ja", "current"),
        "ko": ("vi/p/tourism-lake.json", "vi", "missing"),
    }
    assert lake["fr"]["data-source-updated"] == "2 novembre 2026"
    assert lake["fr"]["data-updated"] == "20 octobre 2026"


def test_untranslated_page_is_listed_in_vietnamese_with_a_badge_in_the_readers_language(kiosk_site):
    html = fragment(kiosk_site, "ja/index.json")
    assert '<span class="k-entry__title" lang="vi">Chùa Một Cột</span>' in html
    assert f'<span class="k-badge">{gettext("ja")("In Vietnamese")}</span>' in html
    assert "k-badge" not in fragment(kiosk_site, "vi/index.json")


def test_topic_labels_come_from_the_catalogs(kiosk_site):
    for lang in LANGS:
        html = fragment(kiosk_site, f"{lang}/index.json")
        for label in ("Arriving in Hà Nội", "Tourism", "What would you like to know?"):
            assert f">{gettext(lang)(label)}</" in html


def test_content_fragment_has_title_text_and_sources_with_links_rewritten(kiosk_site):
    html = fragment(kiosk_site, "en/p/arriving-airport.json")
    assert html.startswith('<h1 id="k-article-title" class="k-title k-article__title" tabindex="-1">From Nội Bài Airport to the city</h1>')
    assert html.count("<h1") == 1  # the Markdown title is not repeated
    assert (
        '<a href="https://fixture.example.org/en/tourism/lake/#the-lake" data-page="tourism-lake" data-anchor="the-lake">'
        in html
    )
    assert f'<a href="https://noibaiairport.vn/" data-qr="{qr_path("https://noibaiairport.vn/")}">airport\'s official website</a>' in html
    history = SITE + "en/culture/history/"
    assert f'<a href="{history}" data-qr="{qr_path(history)}">the history of Thăng Long</a>' in html
    assert '<h2 id="k-sources-title">Sources</h2>' in html
    for url in ("https://noibaiairport.vn/", history):
        assert (kiosk_site / "kiosk" / qr_path(url)).is_file()


def test_fragment_headings_are_in_the_language_of_the_text(kiosk_site):
    assert f'<h2 id="k-sources-title">{gettext("vi")("Sources")}</h2>' in fragment(kiosk_site, "vi/p/tourism-pagoda.json")
    assert '<img alt="Sơ đồ hồ Hoàn Kiếm" src="media/tourism/lake-map.svg">' in fragment(kiosk_site, "vi/p/tourism-lake.json")


def test_shell_greets_in_every_language_with_the_slogan_and_native_names(kiosk_site):
    html = read(kiosk_site, "index.html")
    for lang in LANGS:
        _ = gettext(lang)
        assert f'<div class="k-greeting" lang="{HREFLANG[lang]}"' in html
        assert f'<h1 class="k-greeting__title">{escape(_("Welcome to Hà Nội"))}</h1>' in html
        assert f'<p class="k-greeting__slogan">{escape(_("Hà Nội – Come to love"))}</p>' in html
        native = language_for_code(lang, lang == "vi").native_name
        assert f'data-lang="{lang}" lang="{HREFLANG[lang]}">{native}</button>' in html
    assert gettext("vi")("Hà Nội – Come to love") == "Hà Nội – Đến để yêu"
    data = json.loads(re.search(r'<script type="application/json" id="k-data">(.*?)</script>', html, re.S).group(1))
    assert [language["code"] for language in data["languages"]] == LANGS
    assert (data["idle_seconds"], data["countdown_seconds"]) == (60, 25)
    assert data["strings"]["ko"]["continue"] == gettext("ko")("Continue")
    # The language is named as inside a sentence: "traduite en français".
    assert data["strings"]["fr"]["not_translated_text"] == gettext("fr")(
        "This page has not been translated into %(language)s yet, so it is shown in Vietnamese.") % {"language": "français"}
    assert "en français" in data["strings"]["fr"]["not_translated_text"]


class Fetches(HTMLParser):
    """Addresses the browser would load by itself (not links a reader follows)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name in ("src", "poster", "data", "srcset"):
            if values.get(name):
                self.urls.append(values[name])
        if tag in ("link", "script", "use", "image") and (values.get("href") or values.get("src")):
            self.urls.append(values.get("href") or values.get("src"))


def test_nothing_in_the_kiosk_loads_from_another_origin(kiosk_site):
    kiosk = kiosk_site / "kiosk"
    documents = {path: path.read_text(encoding="utf-8") for path in kiosk.rglob("*.html")}
    documents.update({path: fragment(kiosk_site, path.relative_to(kiosk).as_posix()) for path in kiosk.glob("*/**/*.json")})
    assert len(documents) > 1 + len(LANGS)
    for path, html in documents.items():
        parser = Fetches()
        parser.feed(html)
        for url in parser.urls:
            assert not re.match(r"^(?:[a-z]+:)?//", url) or url.startswith("data:"), f"{path}: {url}"
    for name in ("kiosk.css", "kiosk.js", "sw.js"):
        text = (kiosk / name).read_text(encoding="utf-8")
        assert not re.search(r"https?://|url\(|@import", text), name


@pytest.mark.parametrize(
    "option, value, message",
    [
        ("countdown_seconds", "10", "10 seconds is too short: a traveller needs at least 20 seconds to notice the countdown"),
        ("idle_seconds", "soon", "expected a number of seconds such as 90"),
        ("directory", "../outside", "'../outside' must be a folder name below site_dir such as 'kiosk'"),
    ],
)
def test_configuration_errors_say_how_to_fix_them(tmp_path, option, value, message):
    fixture = copy_fixture("kiosk", tmp_path)
    config = fixture / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(rf"      {option}: \d+\n", "", text)
    text = re.sub(r"(  - hanoi-kiosk:\n)", rf"\1      {option}: {value}\n", text)
    config.write_text(text, encoding="utf-8")
    result = build(config, tmp_path / "site")
    assert result.returncode != 0
    assert message in result.stderr + result.stdout


def test_single_language_preview_writes_no_kiosk(tmp_path):
    result = build(FIXTURES / "kiosk" / "mkdocs.yml", tmp_path / "site", "--lang", "vi")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "index.html").exists()
    assert not (tmp_path / "site" / "kiosk").exists()


def test_real_site_kiosk_is_complete(real_site):
    manifest = check_kiosk_build(real_site / "kiosk")
    assert manifest.languages == tuple(LANGS)
    paths = {entry.path for entry in manifest.files}
    from hanoi_info.corpus import load_corpus
    from hanoi_info.project import load_project

    project = load_project(ROOT / "mkdocs.yml")
    corpus = load_corpus(project.docs_dir, project.languages)
    # The home page may say kiosk: true too; the kiosk has its own start, and shows the topics' pages.
    kiosk_records = [record for record in corpus.records()
                     if corpus.get(record.norm_path, "vi").meta.kiosk and record.meta.topic in TOPICS]
    assert kiosk_records
    for record in kiosk_records:
        assert content_path(record.meta.id, record.lang) in paths
