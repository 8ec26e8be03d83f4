"""Pictures (hanoi_info.pictures), tested with real images: the tests make
their own photos with Pillow (with EXIF and GPS, in each accepted format), add
them to a copy of the embeds fixture (with the kiosk and handouts) and check
what readers and the other outputs get."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import ExifTags, Image, ImageDraw

from conftest import FIXTURES, build, copy_fixture, run_cli

LANGS = ("vi", "en", "fr", "zh", "ja", "ko")
ALT = {"vi": "Mặt hồ buổi sáng", "en": "The lake in the morning", "fr": "Le lac le matin", "zh": "清晨的湖面",
       "ja": "朝の湖", "ko": "아침의 호수"}
CREDIT = "Nguyễn Thị Test, Sở Du lịch"
CAMERA = "SecretCam 9000"
LICENCE_NAMES = {"vi": "CC BY 4.0", "en": "CC BY 4.0", "ja": "CC BY 4.0"}
CREDIT_WORD = {"vi": "Ảnh", "en": "Photo", "fr": "Photo", "zh": "摄影", "ja": "写真", "ko": "사진"}


def make_photo(path: Path, image_format: str, size=(1600, 1067)) -> None:
    """A generated 'photo' with camera EXIF and a GPS position."""
    image = Image.new("RGB", size, (40, 90, 78))
    draw = ImageDraw.Draw(image)
    for index in range(0, size[0], 53):
        draw.ellipse((index, (index * 7) % size[1], index + 240, (index * 7) % size[1] + 160),
                     fill=(index % 255, (index * 3) % 255, 150))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = CAMERA
    exif[ExifTags.Base.Model] = CAMERA
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (21.0, 1.0, 42.0),
        ExifTags.GPS.GPSLongitudeRef: "E", ExifTags.GPS.GPSLongitude: (105.0, 51.0, 12.0),
    }
    image.save(path, image_format, exif=exif.tobytes())
    assert Image.open(path).getexif().get_ifd(ExifTags.IFD.GPSInfo), "the test photo must carry GPS"


def sidecar(path: Path, *, credit: str | None = CREDIT, licence: str = "cc-by-4.0", captions: dict | None = None) -> None:
    lines = []
    if credit is not None:
        lines.append(f"credit: {credit}")
    lines += [f"licence: {licence}", "source: Test archive", "taken: 2026-10-01"]
    if captions:
        lines.append("caption:")
        lines += [f"  {lang}: {text}" for lang, text in captions.items()]
    path.with_name(path.name + ".yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def add_after_first_heading(page: Path, markdown: str) -> None:
    text = page.read_text(encoding="utf-8")
    head, marker, rest = text.partition("\n## ")
    line_end = rest.index("\n")
    page.write_text(head + marker + rest[: line_end + 1] + "\n" + markdown + "\n" + rest[line_end + 1:], encoding="utf-8")


def set_front_matter(page: Path, line: str) -> None:
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("\n---\n", f"\n{line}\n---\n", 1), encoding="utf-8")


def photo_site(root: Path) -> Path:
    """The embeds fixture with a JPEG on the lake page (every language; a
    kiosk page), a PNG the pagoda page asks for on its handout, and a WebP on
    the events page; the kiosk plugin added."""
    config = copy_fixture("embeds", root) / "mkdocs.yml"
    docs = config.parent / "docs"
    make_photo(docs / "tourism" / "lake-photo.jpg", "JPEG")
    sidecar(docs / "tourism" / "lake-photo.jpg", captions={"vi": "Hồ Gươm lúc bình minh", "en": "Hoàn Kiếm Lake at dawn"})
    for lang in LANGS:
        page = docs / "tourism" / ("lake.md" if lang == "vi" else f"lake.{lang}.md")
        add_after_first_heading(page, f"![{ALT[lang]}](lake-photo.jpg)")
        set_front_matter(page, "kiosk: true")
    make_photo(docs / "tourism" / "pagoda-photo.png", "PNG", size=(1500, 1000))
    sidecar(docs / "tourism" / "pagoda-photo.png", licence="city-own-work")
    add_after_first_heading(docs / "tourism" / "pagoda.md", "![Chùa Một Cột giữa hồ sen](pagoda-photo.png){ .handout }")
    make_photo(docs / "events" / "lanterns.webp", "WEBP", size=(1800, 1200))
    sidecar(docs / "events" / "lanterns.webp", licence="cc0-1.0")
    add_after_first_heading(docs / "events" / "calendar.md", "![Đèn lồng trên phố](lanterns.webp)")
    text = config.read_text(encoding="utf-8")
    config.write_text(text + "  - hanoi-kiosk\n", encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def photos(tmp_path_factory):
    root = tmp_path_factory.mktemp("pictures")
    config = photo_site(root)
    site = root / "site"
    result = build(config, site)
    assert result.returncode == 0, result.stderr
    return root, config, site


def no_metadata(data: bytes, where: str) -> None:
    assert CAMERA.encode() not in data, f"{where}: camera EXIF published"
    assert b"Exif\x00\x00" not in data, f"{where}: EXIF published"
    assert b"GPS" not in data, f"{where}: GPS published"
    image = Image.open(io.BytesIO(data))
    assert not image.getexif(), where
    assert "exif" not in image.info and "xmp" not in image.info and "icc_profile" not in image.info, where


class Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str, name: str) -> list[dict]:
    parser = Tags()
    parser.feed(html)
    return [attrs for tag, attrs in parser.tags if tag == name]


def test_published_variants_have_every_width_and_no_metadata(photos):
    _, _, site = photos
    files = sorted((site / "assets" / "pictures").iterdir())
    assert len(files) >= 3 * 6
    for file in files:
        no_metadata(file.read_bytes(), file.name)
    widths = {Image.open(file).width for file in files if file.suffix in (".avif", ".jpg") and "-share" not in file.name and "-print" not in file.name}
    assert {480, 960, 1440} <= widths
    assert any(file.suffix == ".avif" for file in files) and any(file.suffix == ".jpg" for file in files)
    # Originals (with their metadata) and sidecars are never published.
    for name in ("tourism/lake-photo.jpg", "tourism/lake-photo.jpg.yml", "en/tourism/lake-photo.jpg",
                 "tourism/pagoda-photo.png", "events/lanterns.webp"):
        assert not (site / name).exists(), name
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".jpg", ".png", ".webp", ".avif", ".pdf"):
            assert CAMERA.encode() not in path.read_bytes(), path


def test_page_shows_picture_markup_with_alt_and_credit_in_every_language(photos):
    _, _, site = photos
    for lang in LANGS:
        html = (site / ("" if lang == "vi" else lang) / "tourism" / "lake" / "index.html").read_text(encoding="utf-8")
        sources = tags(html, "source")
        images = [attrs for attrs in tags(html, "img") if "assets/pictures/" in attrs.get("src", "")]
        assert len(images) == 1 and sources and sources[0]["type"] == "image/avif", lang
        image = images[0]
        assert image["alt"] == ALT[lang]
        assert (image["width"], image["height"]) == ("1440", "960")
        assert image["srcset"].count("w,") == 2 and image["sizes"]
        for candidate in image["srcset"].split(","):
            address = candidate.split()[0]
            assert (site / (("" if lang == "vi" else lang + "/") + "tourism/lake/") / address).resolve().is_file(), address
        figure = html[html.index('<figure class="hanoi-photo">'): html.index("</figure>")]
        assert CREDIT in figure and "CC BY 4.0" in figure and "creativecommons.org/licenses/by/4.0/" in figure
        assert CREDIT_WORD[lang] in figure, (lang, figure)
        assert "<p><figure" not in html
    assert "Hoàn Kiếm Lake at dawn" in (site / "en/tourism/lake/index.html").read_text(encoding="utf-8")
    # Lazy loading below the fold: the page's first photo is not lazy, the others are (here: one photo).
    assert "loading" not in image


def test_embed_api_and_feeds_carry_the_photo(photos):
    _, _, site = photos
    embed = (site / "embed/en/tourism/lake/index.html").read_text(encoding="utf-8")
    image = [attrs for attrs in tags(embed, "img") if "assets/pictures/" in attrs.get("src", "")][0]
    assert image["alt"] == ALT["en"] and CREDIT in embed
    base = tags(embed, "base")[0]["href"]
    for candidate in image["srcset"].split(","):
        assert (site / "embed/en/tourism/lake" / base / candidate.split()[0]).resolve().is_file()
    assert 'property="og:image"' in embed

    document = json.loads((site / "api/v1/en/pages/tourism-lake.json").read_text(encoding="utf-8"))
    assert document["image"]["alt"] == ALT["en"]
    assert document["image"]["credit"] == CREDIT and document["image"]["licence"] == "CC BY 4.0"
    assert (document["image"]["width"], document["image"]["type"]) == (1200, "image/jpeg")
    assert "assets/pictures/" in document["html"] and "https://embeds.example.org/assets/pictures/" in document["html"]
    published = site / document["image"]["url"].removeprefix("https://embeds.example.org/")
    no_metadata(published.read_bytes(), "API image")
    assert Image.open(published).size == (document["image"]["width"], document["image"]["height"])

    rss = (site / "feeds/en/updates.xml").read_text(encoding="utf-8") if (site / "feeds/en/updates.xml").exists() else \
        next((site / "feeds/en").glob("*.xml")).read_text(encoding="utf-8")
    enclosure = re.search(r'<enclosure url="([^"]+)" length="(\d+)" type="image/jpeg"/>', rss)
    assert enclosure and int(enclosure.group(2)) == published.stat().st_size
    json_feed = next(p for p in (site / "feeds/en").glob("*.json") if "tourism/lake" in p.read_text(encoding="utf-8"))
    items = json.loads(json_feed.read_text(encoding="utf-8"))["items"]
    assert any(item.get("image") == document["image"]["url"] for item in items)


def test_handout_prints_the_photo_it_asks_for_without_metadata(photos):
    _, _, site = photos
    pdfs = [path for path in site.rglob("*.pdf") if "pagoda" in path.name or "tourism-pagoda" in str(path)]
    assert pdfs, sorted(str(p.relative_to(site)) for p in site.rglob("*.pdf"))
    data = pdfs[0].read_bytes()
    assert CAMERA.encode() not in data and b"GPS" not in data
    assert data.count(b"/Subtype /Image") + data.count(b"/Subtype/Image") >= 2  # the QR code and the photo


def test_kiosk_shows_screen_variant_within_its_precache_budget(photos):
    _, _, site = photos
    manifest = json.loads((site / "kiosk/manifest.json").read_text(encoding="utf-8"))
    listed = {entry["path"] for entry in manifest["files"]}
    screens = [path for path in listed if path.endswith("-screen.webp")]
    assert len(screens) == 1, screens
    no_metadata((site / "kiosk" / screens[0]).read_bytes(), "kiosk screen file")
    assert Image.open(site / "kiosk" / screens[0]).width == 1280
    fragment = json.loads((site / "kiosk/en/p/tourism-lake.json").read_text(encoding="utf-8"))["html"]
    assert "-screen.webp" in fragment and "srcset" not in fragment and "image/avif" not in fragment
    assert CREDIT in fragment
    assert {f"artwork/{name}.svg" for name in ("tourism", "events")} <= listed
    assert manifest["total_bytes"] <= 30 * 1024 * 1024
    print(f"kiosk precache: {manifest['total_bytes'] / 1048576:.2f} MB of its 30 MB budget")


def test_rebuild_encodes_nothing_and_cards_are_byte_identical(photos):
    root, config, site = photos
    again = root / "site-again"
    result = subprocess.run([*build.__globals__["CLI"], "-f", str(config), "build", "--site-dir", str(again)],
                            capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stderr
    assert re.search(r"pictures: 3 photo\(s\), 0 image\(s\) encoded, \d+ from the cache", result.stderr), result.stderr
    assert re.search(r"share cards: 0 drawn", result.stderr), result.stderr

    def digest(folder: Path) -> dict[str, str]:
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}

    assert digest(site / "assets/cards") == digest(again / "assets/cards")
    assert digest(site / "assets/pictures") == digest(again / "assets/pictures")


def test_photo_card_uses_the_photo(photos):
    _, _, site = photos
    html = (site / "ja/tourism/lake/index.html").read_text(encoding="utf-8")
    card = re.search(r'<meta property="og:image" content="https://embeds.example.org/([^"]+)"', html).group(1)
    assert card.endswith(".jpg")
    image = Image.open(site / card)
    assert image.size == (1200, 630)
    no_metadata((site / card).read_bytes(), "card")


def test_photo_without_credit_stops_the_build_with_one_clear_line(tmp_path):
    config = photo_site(tmp_path)
    sidecar(config.parent / "docs/tourism/lake-photo.jpg", credit=None)
    result = build(config, tmp_path / "site")
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if "lake-photo.jpg.yml" in line]
    assert lines == ["docs/tourism/lake-photo.jpg.yml:1: credit: missing; every photo carries a credit (who made it)"], result.stderr


def test_check_reports_photo_problems_with_file_and_line(tmp_path):
    config = copy_fixture("basic", tmp_path) / "mkdocs.yml"
    docs = config.parent / "docs"
    page = docs / "tourism" / "lake.md"
    make_photo(docs / "tourism" / "small.jpg", "JPEG", size=(800, 600))
    sidecar(docs / "tourism" / "small.jpg")
    make_photo(docs / "tourism" / "nocredit.png", "PNG")
    make_photo(docs / "tourism" / "unknown.webp", "WEBP")
    sidecar(docs / "tourism" / "unknown.webp", licence="all-rights-reserved")
    make_photo(docs / "tourism" / "unused.jpg", "JPEG")
    sidecar(docs / "tourism" / "unused.jpg")
    (docs / "tourism" / "gone.jpg.yml").write_text("credit: x\n", encoding="utf-8")
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\n![Ảnh nhỏ](small.jpg)\n\n![Không ghi nguồn](nocredit.png)\n\n![](unknown.webp)\n", encoding="utf-8")
    result = run_cli("-f", str(config), "check")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    line_count = len(text.split("\n"))
    expected = [
        f"lake.md:{line_count + 1}: photo 'small.jpg' is 800 px wide, too small for the largest variant (1440 px)",
        f"lake.md:{line_count + 3}: photo 'nocredit.png' has no credit: write nocredit.png.yml",
        "unknown.webp.yml:2: licence: unknown licence 'all-rights-reserved'",
        f"lake.md:{line_count + 5}: image 'unknown.webp' has no alt text",
        "tourism/unused.jpg:1: photo not used by any page",
        "tourism/gone.jpg.yml:1: sidecar without its image",
    ]
    for fragment in expected:
        assert fragment in output, (fragment, output)


def test_rewrite_keeps_other_images_and_inline_photos():
    from hanoi_info.pictures.markup import rewrite_photos

    class Fake:
        pass

    html = '<p>Text <img alt="x" src="../a.jpg"> more</p>\n<p><img alt="d" src="../d.svg"></p>'
    assert rewrite_photos(html, "t/p/", lambda path: None) == html
