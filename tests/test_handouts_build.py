"""Integration: the handouts fixture (tests/fixtures/handouts) built through
the CLI with both variants, then checked as a visitor, a print shop and an
editor would: the QR codes scan to short links that lead to the page in the
handout's language; the PDFs have the right size, pages and fonts and carry
the page's own words; the registry keeps printed codes working."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from urllib.parse import urljoin

import pypdfium2
import pytest
import zxingcpp
from PIL import Image

from conftest import build, copy_fixture, run_cli
from hanoi_info.shortlinks import short_code

SITE_URL = "https://thongtin.hanoi.vn/"
PREFIX = {"vi": "", "en": "en/", "ko": "ko/"}
HANDOUTS = [("vi", "arriving-airport"), ("vi", "tourism-lake"), ("en", "arriving-airport"), ("en", "tourism-lake"),
            ("ko", "arriving-airport")]
PAGE_PATHS = {"arriving-airport": "arriving/airport/", "tourism-lake": "tourism/lake/"}
MM = 72 / 25.4
SUMMARIES = {
    "vi": "Sân bay Nội Bài có hai nhà ga: T2 phục vụ chuyến bay quốc tế, T1 phục vụ chuyến bay quốc nội. Xe buýt 86 nối "
          "sân bay với khu hồ Hoàn Kiếm và Ga Hà Nội. Chỉ bắt taxi ở hàng chờ chính thức trước sảnh đến; đừng đi theo "
          "người mời chào trong nhà ga.",
    "ko": "노이바이 공항에는 국제선 전용 T2 터미널과 국내선 전용 T1 터미널이 있습니다. 86번 버스는 공항과 호안끼엠 호수 일대, "
          "하노이역을 연결합니다. 택시는 도착 로비 앞의 공식 승차장에서만 타시고, 터미널 안에서 호객하는 사람을 따라가지 "
          "마십시오. 노선과 요금은 바뀔 수 있으니 공항 안내 데스크에서 다시 확인하시기 바랍니다.",
}


def build_verbose(config: Path, site: Path, *extra: str) -> subprocess.CompletedProcess:
    """Built without --quiet: the handouts report how many PDFs they rendered."""
    return run_cli("-f", str(config), "build", "--site-dir", str(site), *extra)


def rendered_counts(result: subprocess.CompletedProcess) -> tuple[int, int]:
    match = re.search(r"Handouts: .*?: (\d+) rendered, (\d+) from the cache", result.stderr + result.stdout)
    assert match, result.stderr
    return int(match.group(1)), int(match.group(2))


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("handouts")
    return copy_fixture("handouts", root) / "mkdocs.yml"


@pytest.fixture(scope="module")
def first_build(project) -> subprocess.CompletedProcess:
    result = build_verbose(project, project.parent.parent.parent.parent / "site", "--print", "--site-url", SITE_URL)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def site(project, first_build) -> Path:
    return project.parent.parent.parent.parent / "site"


def pdf_path(site: Path, lang: str, page_id: str, variant: str) -> Path:
    suffix = "" if variant == "office" else ".print"
    return site / f"{PREFIX[lang]}handouts/{page_id}{suffix}.pdf"


def page_text(path: Path) -> str:
    document = pypdfium2.PdfDocument(path)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def follow(site: Path, link: str) -> Path:
    """The file a browser ends up on from a site-relative link, through meta refreshes."""
    for _ in range(3):
        path = site / link / "index.html" if link.endswith("/") or not link else site / link
        html = path.read_text(encoding="utf-8")
        refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html)
        if not refresh:
            return path
        link = urljoin("/" + link, refresh.group(1)).lstrip("/")
    raise AssertionError("redirect loop")


def test_the_build_renders_every_handout_in_both_variants(first_build):
    assert rendered_counts(first_build) == (10, 0)


@pytest.mark.parametrize("variant", ["office", "print"])
@pytest.mark.parametrize("lang, page_id", HANDOUTS)
def test_qr_scans_to_the_short_link_which_leads_to_the_page_in_the_handouts_language(site, lang, page_id, variant):
    document = pypdfium2.PdfDocument(pdf_path(site, lang, page_id, variant))
    image = document[0].render(scale=150 / 72).to_pil()
    document.close()
    codes = zxingcpp.read_barcodes(image.convert("L"), formats=zxingcpp.BarcodeFormat.QRCode)
    code = short_code(page_id, lang)
    assert [barcode.text for barcode in codes] == [f"{SITE_URL}q/{code}/"]
    corners = codes[0].position
    width_mm = (corners.top_right.x - corners.top_left.x) / 150 * 25.4
    assert width_mm >= 25  # the symbol itself, quiet zone excluded
    landing = follow(site, f"q/{code}/")
    assert landing == site / PREFIX[lang] / PAGE_PATHS[page_id] / "index.html"
    assert f'<div class="hanoi-content" lang="{lang}">' in landing.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang, page_id", HANDOUTS)
def test_page_size_and_count(site, lang, page_id):
    office = pypdfium2.PdfDocument(pdf_path(site, lang, page_id, "office"))
    printed = pypdfium2.PdfDocument(pdf_path(site, lang, page_id, "print"))
    try:
        assert 1 <= len(office) <= 2 and len(printed) == len(office)
        for page in office:
            left, bottom, right, top = page.get_mediabox()
            assert ((right - left) / MM, (top - bottom) / MM) == pytest.approx((148, 210), abs=0.1)
        for page in printed:
            left, bottom, right, top = page.get_mediabox()
            assert ((right - left) / MM, (top - bottom) / MM) == pytest.approx((154, 216), abs=0.1)
            t_left, t_bottom, t_right, t_top = page.get_trimbox()
            assert ((t_right - t_left) / MM, (t_top - t_bottom) / MM) == pytest.approx((148, 210), abs=0.1)
            assert ((t_left - left) / MM, (top - t_top) / MM) == pytest.approx((3, 3), abs=0.05)  # the bleed
    finally:
        office.close()
        printed.close()


def pdf_fonts(path: Path) -> list[tuple[str, str, str]]:
    """(name, type, embedded) per font, from poppler's pdffonts."""
    output = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in output.splitlines()[2:]:
        match = re.match(r"(\S+)\s+(.+?)\s{2,}\S+\s+(yes|no)\s+(yes|no)\s+(yes|no)", line)
        assert match, line
        rows.append((match.group(1), match.group(2), match.group(3)))
    return rows


CJK_FACE = {"ko": "Noto-Sans-CJK-KR"}


@pytest.mark.parametrize("variant", ["office", "print"])
@pytest.mark.parametrize("lang, page_id", HANDOUTS)
def test_fonts_are_embedded_and_subset_never_type_3_and_regional_for_cjk(site, lang, page_id, variant):
    fonts = pdf_fonts(pdf_path(site, lang, page_id, variant))
    assert fonts
    for name, kind, embedded in fonts:
        assert embedded == "yes", name
        assert "Type 3" not in kind, name
        assert re.match(r"[A-Z]{6}\+", name), name  # a subset
    names = [name.split("+", 1)[1] for name, _, _ in fonts]
    cjk = [name for name in names if "CJK" in name]
    if lang in CJK_FACE:
        assert cjk and all(name.startswith(CJK_FACE[lang]) for name in cjk), names
    else:
        assert not cjk and any(name.startswith("Noto-Sans") for name in names), names


def normalized(text: str, lang: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n")
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("variant", ["office", "print"])
@pytest.mark.parametrize("lang", ["vi", "ko"])
def test_vietnamese_and_korean_text_read_back_from_the_pdf_is_the_source_text(site, lang, variant):
    text = normalized(page_text(pdf_path(site, lang, "arriving-airport", variant)), lang)
    assert SUMMARIES[lang] in text


def test_korean_lines_break_between_words_only(site):
    lines = page_text(pdf_path(site, "ko", "arriving-airport", "office")).replace("\r\n", "\n").split("\n")
    summary = SUMMARIES["ko"]
    words = set(summary.split())
    summary_lines = [line.strip() for line in lines if line.strip() and line.strip() in summary]
    assert len(summary_lines) >= 4  # the summary wraps over several lines
    for line in summary_lines:
        assert set(line.split()) <= words, f"a word is broken at the end or start of: {line!r}"


def test_practical_facts_checked_date_and_sources_are_on_the_sheet(site):
    text = normalized(page_text(pdf_path(site, "en", "arriving-airport", "office")), "en")
    for expected in ("Practical facts", "Bus 86: airport – Hoàn Kiếm Lake – Hà Nội Railway Station",
                     "Information checked on November 18, 2026.", "Nội Bài International Airport (noibaiairport.vn)",
                     "Scan to read this page in English", "thongtin.hanoi.vn/q/" + short_code("arriving-airport", "en")):
        assert expected in text
    assert "Draft" not in text


def test_a_page_without_summary_carries_its_text(site):
    text = normalized(page_text(pdf_path(site, "en", "tourism-lake", "office")), "en")
    assert "Hoàn Kiếm Lake lies in the heart of the Old Quarter; on its shore stand Ngọc Sơn Temple and the Thê Húc Bridge." in text
    assert "A walk around the lake" in text


def test_every_page_has_a_short_link_and_qr_images_in_every_language(site):
    langs = ["vi", "en", "fr", "zh", "ja", "ko"]
    paths = {"home": "", "arriving-airport": "arriving/airport/", "tourism-lake": "tourism/lake/", "tourism-pagoda": "tourism/pagoda/"}
    codes = sorted(p.name for p in (site / "q").iterdir())
    assert codes == sorted(short_code(page_id, lang) for page_id in paths for lang in langs)
    for page_id, page_path in paths.items():
        for lang in langs:
            code = short_code(page_id, lang)
            path = ("" if lang == "vi" else f"{lang}/") + page_path
            html = (site / "q" / code / "index.html").read_text(encoding="utf-8")
            assert f'<html lang="{"zh-Hans" if lang == "zh" else lang}">' in html  # BCP 47, as hreflang
            assert f'<link rel="canonical" href="{SITE_URL}{path}">' in html
            assert follow(site, f"q/{code}/") == site / path / "index.html"
            png = Image.open(site / "q" / code / "qr.png")
            assert png.info["dpi"] == pytest.approx((300, 300), abs=0.01)
            assert zxingcpp.read_barcodes(png.convert("L"))[0].text == f"{SITE_URL}q/{code}/"
            assert (site / "q" / code / "qr.svg").read_text().startswith("<svg")


def test_an_untranslated_page_short_link_leads_to_its_copy_in_the_readers_section(site):
    html = (site / "q" / short_code("tourism-pagoda", "en") / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../en/tourism/pagoda/">Continue to “<span lang="vi">Chùa Một Cột</span>”</a>' in html


def test_fallback_copies_have_no_handout(site):
    assert not (site / "fr" / "handouts").exists()
    assert not (site / "en" / "handouts" / "tourism-pagoda.pdf").exists()
    html = (site / "en" / "tourism" / "pagoda" / "index.html").read_text(encoding="utf-8")
    assert "hanoi-handout-links" not in html


def test_each_language_lists_its_handouts_with_previews_pdfs_and_qr(site):
    for lang, titles in {"vi": ["Từ sân bay Nội Bài vào thành phố", "Hồ Hoàn Kiếm"],
                         "en": ["From Nội Bài Airport to the city", "Hoàn Kiếm Lake"],
                         "ko": ["노이바이 공항에서 시내까지"]}.items():
        index = site / PREFIX[lang] / "handouts" / "index.html"
        html = index.read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html
        assert re.findall(r'<h3 class="hanoi-handout__title"><a href="[^"]+">([^<]+)</a></h3>', html) == titles
        links = re.findall(r'(?:href|src)="([^"#]+)"', html)
        for link in links:
            if link.startswith(("http", "/")) or link.endswith(("/", ".css", ".js", ".svg")) and "q/" not in link:
                continue
            target = (index.parent / link).resolve()
            assert target.exists(), link
        for page_id in [p for l, p in HANDOUTS if l == lang]:
            assert f'href="{page_id}.pdf"' in html and f'href="{page_id}.print.pdf"' in html
            assert f'src="{page_id}.preview.png"' in html
            preview = site / PREFIX[lang] / "handouts" / f"{page_id}.preview.png"
            assert preview.read_bytes().startswith(b"\x89PNG")
            assert f'src="../{"../" * PREFIX[lang].count("/")}q/{short_code(page_id, lang)}/qr.svg"' in html


def test_the_site_links_to_the_handouts(site):
    home = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert '<a href="handouts/">Printable handouts with QR codes (A5 PDF)</a>' in home
    page = (site / "ko" / "arriving" / "airport" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../handouts/arriving-airport.pdf" type="application/pdf">이 페이지 인쇄: A5 안내문(PDF)</a>' in page
    assert "hanoi-handout-links" not in (site / "tourism" / "pagoda" / "index.html").read_text(encoding="utf-8")


def pages_of(path: Path) -> int:
    document = pypdfium2.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


def test_print_packs_hold_every_handout_of_the_language(site):
    for lang in PREFIX:
        mine = [page_id for l, page_id in HANDOUTS if l == lang]
        office = [pages_of(pdf_path(site, lang, page_id, "office")) for page_id in mine]
        assert pages_of(site / PREFIX[lang] / "handouts" / f"hanoi-handouts.{lang}.pdf") == sum(office)
        # The print-shop pack starts every handout on a new sheet (double-sided).
        padded = sum(count + count % 2 for count in office)
        assert pages_of(site / PREFIX[lang] / "handouts" / f"hanoi-handouts.{lang}.print.pdf") == padded


def test_a_rebuild_with_no_change_renders_no_handout(project, site):
    again = build_verbose(project, site.parent / "site-again", "--print", "--site-url", SITE_URL)
    assert again.returncode == 0, again.stderr
    assert rendered_counts(again) == (0, 10)
    outputs = [p.relative_to(site) for folder in ("handouts", "en/handouts", "ko/handouts", "q") for p in (site / folder).rglob("*")
               if p.is_file() and p.suffix != ".html"]
    assert len(outputs) > 30
    for path in outputs:  # PDFs, print packs, previews, QR images: the same bytes, readable by the web server
        assert (site.parent / "site-again" / path).read_bytes() == (site / path).read_bytes(), path
        assert (site.parent / "site-again" / path).stat().st_mode & 0o444 == 0o444, path


def test_a_changed_page_re_renders_only_its_handouts(project, site, tmp_path):
    """A private copy with the warm cache: editing one translation renders its two PDFs."""
    config = copy_fixture("handouts", tmp_path) / "mkdocs.yml"
    shutil.copytree(project.parent / ".cache", config.parent / ".cache")
    page = config.parent / "docs" / "arriving" / "airport.en.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Bus 86 links", "Bus number 86 links"), encoding="utf-8")
    result = build_verbose(config, tmp_path / "site", "--print", "--site-url", SITE_URL)
    assert result.returncode == 0, result.stderr
    assert rendered_counts(result) == (2, 8)
    assert "Bus number 86 links" in normalized(page_text(pdf_path(tmp_path / "site", "en", "arriving-airport", "office")), "en")
    # The English packs are merged again (never an earlier pack from the cache);
    # the others are the cached ones, the same bytes.
    for variant in ("", ".print"):
        pack = f"handouts/hanoi-handouts.{{}}{variant}.pdf"
        assert "Bus number 86 links" in normalized(page_text(tmp_path / "site" / "en" / pack.format("en")), "en")
        assert "Bus 86 links" not in normalized(page_text(tmp_path / "site" / "en" / pack.format("en")), "en")
        assert (tmp_path / "site" / pack.format("vi")).read_bytes() == (site / pack.format("vi")).read_bytes()
    # An image a handout shows is one of its inputs too (the lake's, in Vietnamese and English).
    image = config.parent / "docs" / "tourism" / "lake-map.svg"
    image.write_text(image.read_text(encoding="utf-8").replace('r="3"', 'r="4"'), encoding="utf-8")
    result = build_verbose(config, tmp_path / "site", "--print", "--site-url", SITE_URL)
    assert result.returncode == 0, result.stderr
    assert rendered_counts(result) == (4, 6)


@pytest.mark.parametrize(
    "site_url, problem",
    [("https://fixture.example.org/", "site_url 'https://fixture.example.org/' is a placeholder (example.*) address"),
     ("http://127.0.0.1:8000/", "site_url 'http://127.0.0.1:8000/' is a local or placeholder address"),
     ("http://thongtin.hanoi.vn/", "site_url 'http://thongtin.hanoi.vn/' is not HTTPS")],
)
def test_print_variant_refuses_an_address_that_cannot_be_printed(tmp_path, site_url, problem):
    config = copy_fixture("handouts", tmp_path) / "mkdocs.yml"
    result = build(config, tmp_path / "site", "--print", "--site-url", site_url)
    assert result.returncode != 0
    assert f"the print handouts need the site's public HTTPS address, but {problem}." in result.stderr
    assert "A QR code printed with a wrong address cannot be recalled." in result.stderr
    assert not (tmp_path / "site").exists()


def test_print_variant_listed_in_mkdocs_yml(tmp_path):
    config = copy_fixture("handouts", tmp_path) / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "variants: [office]" in text
    config.write_text(text.replace("variants: [office]", "variants: [office, print]"), encoding="utf-8")
    result = build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "the print handouts need the site's public HTTPS address" in result.stderr


def test_print_variant_needs_every_printed_code_issued(tmp_path):
    config = copy_fixture("handouts", tmp_path) / "mkdocs.yml"
    registry = config.parent / "qr-registry.yml"
    code = short_code("arriving-airport", "ko")
    text = registry.read_text(encoding="utf-8")
    registry.write_text(re.sub(rf"  - code: {code}\n(    .*\n)+", "", text), encoding="utf-8")
    result = build(config, tmp_path / "site", "--print", "--site-url", SITE_URL)
    assert result.returncode != 0
    assert f"  {code}  arriving-airport (ko)" in result.stderr
    assert "Run 'hanoi-info qr issue' and commit" in result.stderr
    issued = run_cli("-f", str(config), "qr", "issue")
    assert issued.returncode == 0, issued.stderr
    assert f"issued {code}  ko  arriving-airport" in issued.stdout
    assert code in registry.read_text(encoding="utf-8")


def test_removing_a_printed_page_fails_until_a_redirect_is_declared(tmp_path):
    config = copy_fixture("handouts", tmp_path) / "mkdocs.yml"
    (config.parent / "docs" / "arriving" / "airport.en.md").unlink()
    code = short_code("arriving-airport", "en")
    result = build(config, tmp_path / "site")
    assert result.returncode != 0
    assert (f"QR code '{code}' (issued 2026-11-30 for page 'arriving-airport' in 'en') no longer resolves: "
            "no page with id 'arriving-airport' is written in 'en'.") in result.stderr

    registry = config.parent / "qr-registry.yml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace(f"  - code: {code}\n", f"  - code: {code}\n    redirect: tourism-lake\n"), encoding="utf-8")
    result = build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert follow(site, f"q/{code}/") == site / "en" / "tourism" / "lake" / "index.html"
    # Built with the fixture's placeholder address: office only, a warning, a draft notice on the sheet.
    assert "office handouts' QR codes lead there" in result.stderr
    assert "Draft: this QR code leads to https://fixture.example.org/" in normalized(
        page_text(site / "en" / "handouts" / "tourism-lake.pdf"), "en")
    assert not (site / "en" / "handouts" / "tourism-lake.print.pdf").exists()


def test_qr_list_prints_every_short_link(project):
    result = run_cli("-f", str(project), "qr", "list", "--site-url", SITE_URL)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 4 * 6
    assert sum(line.endswith("handout") for line in lines) == 5
    code = short_code("arriving-airport", "ko")
    assert re.search(rf"^{code}  ko  arriving-airport +{SITE_URL}q/{code}/  handout$", result.stdout, re.M)


def test_real_site_handouts_fit_one_sheet_with_embedded_fonts(real_site):
    pdfs = [p for p in real_site.rglob("handouts/*.pdf") if not p.name.startswith("hanoi-handouts.")]
    assert pdfs
    for path in pdfs:
        pages = pages_of(path)
        assert 1 <= pages <= 2, path
        for name, kind, embedded in pdf_fonts(path):
            assert embedded == "yes" and "Type 3" not in kind, (path, name)
    for index in real_site.rglob("handouts/index.html"):
        for link in re.findall(r'href="([^"]+\.pdf)"', index.read_text(encoding="utf-8")):
            assert (index.parent / link).resolve().is_file(), (index, link)


def test_a_long_page_without_summary_asks_for_one(tmp_path):
    config = copy_fixture("handouts", tmp_path) / "mkdocs.yml"
    page = config.parent / "docs" / "tourism" / "lake.en.md"
    paragraph = "\n\nThe lake is a quiet place to walk in the early morning, before the traffic of the Old Quarter begins." * 80
    page.write_text(page.read_text(encoding="utf-8") + paragraph, encoding="utf-8")
    result = build(config, tmp_path / "site")
    assert result.returncode != 0
    assert re.search(r"docs/tourism/lake\.en\.md: the office handout has \d+ pages, at most 2 \(one sheet\); "
                     r"the page text does not fit: add a handout_summary to its front matter", result.stderr), result.stderr
