"""Share cards and Open Graph data on every page in every language, and the
project's own artwork (hanoi_info.pictures.cards, share, artwork)."""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from hanoi_info.pictures import artwork
from hanoi_info.pictures.cards import NO_END, NO_START, break_lines, coverage, font, layout_title

ROOT = Path(__file__).resolve().parent.parent
PALETTE = {"#1d5a4e", "#143f37", "#2d7566", "#a1262b", "#f6dde4", "#e9a8b8", "#fbf6ec", "#e8dcc4", "none"}
OG_REQUIRED = ("og:title", "og:description", "og:url", "og:locale", "og:image", "og:image:width", "og:image:height",
               "og:image:alt")


def og(html: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, value in re.findall(r'<meta (?:property|name)="((?:og|twitter):[^"]+)" content="([^"]*)"', html):
        found.setdefault(name, []).append(value)
    return found


def assert_fully_drawn(title: str, lang: str) -> None:
    """Every character of the title is on the card's lines, in a face that has a
    glyph for it, and draws ink."""
    layout = layout_title(title, lang, 660)
    assert "".join(layout.lines).replace(" ", "") == title.replace(" ", ""), (title, layout.lines)
    covered = coverage(layout.face)
    chosen = font(layout.face, layout.size)
    for char in title:
        if char.isspace():
            continue
        assert ord(char) in covered, (lang, char, layout.face)
        if char not in "-–—.,:;'’\"“”()（）「」、。，：；":
            assert chosen.getmask(char, language=lang).getbbox() is not None, (lang, char)
    for line in layout.lines[1:]:
        assert line[:1] not in NO_START, layout.lines
    for line in layout.lines[:-1]:
        assert line[-1:] not in NO_END, layout.lines


@pytest.mark.parametrize("title,lang", [
    ("Hồ Hoàn Kiếm và phố cổ: nghìn năm Thăng Long – Hà Nội", "vi"),
    ("Ngoại giao đô thị: Hà Nội với các thành phố ASEAN", "vi"),
    ("还剑湖与老城区：千年升龙（历史、文化与生活）", "zh"),
    ("ホアンキエム湖と旧市街、「千年の都」の中心を歩く", "ja"),
    ("호안끼엠 호수와 구시가지: 천년 수도의 중심을 걷다", "ko"),
])
def test_card_title_is_fully_drawn_with_the_language_rules(title, lang):
    assert_fully_drawn(title, lang)


def test_korean_breaks_between_words_and_japanese_keeps_punctuation():
    lines = break_lines("한국어 제목은 단어 사이에서만 줄을 바꿉니다", "ko", lambda line: len(line) <= 9)
    assert all(word in "한국어 제목은 단어 사이에서만 줄을 바꿉니다".split() for line in lines for word in line.split())
    lines = break_lines("あいうえお、かきくけこ。", "ja", lambda line: len(line) <= 5)
    assert all(line[:1] not in NO_START for line in lines), lines


def test_every_page_of_the_real_site_has_open_graph_and_a_fully_drawn_card(real_site):
    pages = [path for path in real_site.rglob("index.html")
             if not {"embed", "kiosk", "q"} & set(path.relative_to(real_site).parts)]
    assert len(pages) > 200
    cards = set()
    for path in pages:
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # redirect pages
        data = og(html)
        for name in OG_REQUIRED:
            assert data.get(name), (path, name)
        assert data["og:image:width"] == ["1200"] and data["og:image:height"] == ["630"], path
        assert data["twitter:card"] == ["summary_large_image"], path
        lang = re.search(r'<html lang="([^"]+)"', html).group(1).split("-")[0]
        cards.add((data["og:image"][0], data["og:title"][0], data["og:locale"][0][:2]))
    for image, title, lang in sorted(cards):
        file = real_site / re.sub(r"^https?://[^/]+/", "", image)
        assert Image.open(file).size == (1200, 630), file
        assert_fully_drawn(title.replace("&amp;", "&").replace("&#39;", "'"), lang)
    embed = (real_site / "embed/en/tourism/hoan-kiem-lake-old-quarter/index.html").read_text(encoding="utf-8")
    assert og(embed).get("og:image")
    handouts = real_site / "en" / "handouts" / "index.html"
    if handouts.exists():
        assert og(handouts.read_text(encoding="utf-8")).get("og:image")


def test_home_topic_pages_and_kiosk_show_the_artwork(real_site):
    home = (real_site / "en/index.html").read_text(encoding="utf-8")
    for name in ("home", "arriving", "tourism", "culture", "investment", "asean", "events"):
        assert f"assets/images/artwork/{name}.svg" in home, name
        assert (real_site / f"assets/images/artwork/{name}.svg").is_file()
    page = (real_site / "ja/culture/index.html") if (real_site / "ja/culture/index.html").exists() else \
        next((real_site / "ja/culture").glob("*/index.html"))
    assert "assets/images/artwork/culture.svg" in page.read_text(encoding="utf-8")
    if (real_site / "kiosk").exists():
        assert (real_site / "kiosk/artwork/culture.svg").is_file()
        assert 'class="k-attract__art"' in (real_site / "kiosk/index.html").read_text(encoding="utf-8")


def test_artwork_is_original_small_valid_and_described():
    licence = (artwork.ARTWORK_DIR / "LICENCE.txt").read_text(encoding="utf-8")
    assert "drawn for" in licence and "belong to the project" in licence
    for name in artwork.ARTWORK:
        path = artwork.svg_file(name)
        assert path.stat().st_size < 20 * 1024, name
        root = ET.parse(path).getroot()
        assert root.find("{http://www.w3.org/2000/svg}title").text.strip(), name
        colours = set(re.findall(r'(?:fill|stroke)="([^"]+)"', path.read_text(encoding="utf-8")))
        assert colours <= PALETTE, (name, colours - PALETTE)
        assert "<image" not in path.read_text(encoding="utf-8") and "href=" not in path.read_text(encoding="utf-8")
        image = artwork.rasterise(name, 240, 160)
        assert image.getbbox() is not None and len(image.getcolors(1 << 16) or ()) > 4, name


def test_card_generation_time(tmp_path):
    from hanoi_info.pictures.cards import CardInput, encode_card, render_card

    started = time.monotonic()
    for lang, title in (("vi", "Hồ Hoàn Kiếm"), ("zh", "还剑湖"), ("ja", "ホアンキエム湖"), ("ko", "호안끼엠 호수")):
        first = encode_card(render_card(CardInput(title, lang, "Tourism", "Site", lang, "tourism")), False)[0]
        again = encode_card(render_card(CardInput(title, lang, "Tourism", "Site", lang, "tourism")), False)[0]
        assert first == again  # byte-identical
    elapsed = (time.monotonic() - started) / 8
    print(f"share card: {elapsed * 1000:.0f} ms each")
    assert elapsed < 2
