"""Broken content, one case per fixture: each is a private copy of the basic
fixture with one thing broken. For every case, ``hanoi-info check`` reports
exactly the expected ``path:line: message`` lines (beyond those of the pristine
fixture), and the build fails with the same lines and leaves the previously
built site byte for byte as it was."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from conftest import ROOT, build, copy_fixture, run_cli

LANGUAGES = "vi, en, fr, zh, ja, ko"
LAKE_ANCHOR_FIX = "Give the heading the same explicit id in every language: '## Heading {#ho-nuoc}'"


def tree_hash(root: Path) -> str:
    """Every path, kind, mode and byte below ``root``."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        stat = path.lstat()
        digest.update(f"{relative}\0{stat.st_mode}\0".encode())
        if path.is_symlink():
            digest.update(os.readlink(path).encode())
        elif path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def append(path: Path, text: str) -> int:
    """Append a paragraph; returns the file line it starts on."""
    before = path.read_text(encoding="utf-8")
    path.write_text(before + "\n" + text + "\n", encoding="utf-8")
    return before.count("\n") + 2


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def private_locales(root: Path) -> Path:
    """Replace the fixture copy's link to the project's catalogs with a copy."""
    link = root.parents[2] / "locales"
    link.unlink()
    shutil.copytree(ROOT / "locales", link)
    return link


def line_of(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if line == text:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def source_hash(path: Path) -> str:
    result = run_cli("source-hash", str(path))
    assert result.returncode == 0, result.stderr
    return result.stdout.split()[0]


@dataclass
class Case:
    id: str
    mutate: Callable[[Path], list[str] | None]  # returns expected lines computed from the copy, if any
    expected: tuple[str, ...] = ()


def _pagoda(root: Path) -> Path:
    return root / "docs/tourism/pagoda.md"


def no_front_matter(root):
    path = _pagoda(root)
    path.write_text(path.read_text(encoding="utf-8").split("---\n", 2)[2], encoding="utf-8")


def malformed_yaml(root):
    replace(_pagoda(root), "title: Chùa Một Cột", "title: [Chùa Một Cột")


def wrong_type(root):
    replace(_pagoda(root), "topic: tourism", "topic: tourism\nkiosk: yes please")


def impossible_date(root):
    replace(_pagoda(root), "updated: 2026-11-03", "updated: 2026-02-30")


def field_twice(root):
    replace(_pagoda(root), "topic: tourism", "topic: tourism\ntitle: Chùa Diên Hựu")


def missing_field(root):
    replace(_pagoda(root), "description: Ngôi chùa có kiến trúc độc đáo.\n", "")


def unknown_topic(root):
    replace(_pagoda(root), "topic: tourism", "topic: food")


def unknown_language(root):
    shutil.copy(root / "docs/tourism/lake.en.md", root / "docs/tourism/lake.de.md")


def language_in_capitals(root):
    (root / "docs/tourism/lake.ko.md").rename(root / "docs/tourism/lake.KO.md")


def vietnamese_twice(root):
    shutil.copy(root / "docs/tourism/lake.md", root / "docs/tourism/lake.vi.md")


def translation_without_source(root):
    text = (root / "docs/tourism/lake.en.md").read_text(encoding="utf-8")
    (root / "docs/tourism/museum.en.md").write_text(text, encoding="utf-8")


def duplicate_id(root):
    replace(_pagoda(root), "id: tourism-pagoda", "id: tourism-lake")


def changed_id(root):
    replace(_pagoda(root), "id: tourism-pagoda", "id: tourism-one-pillar-pagoda")


def removed_page(root):
    _pagoda(root).unlink()


def broken_page_link(root):
    replace(_pagoda(root), "[Hồ Gươm](lake.md)", "[Hồ Gươm](lakes.md)")


def broken_anchor(root):
    replace(_pagoda(root), "[Hồ Gươm](lake.md)", "[Hồ Gươm](lake.md#ho-guom)")


def anchor_missing_in_translations(root):
    replace(_pagoda(root), "[Hồ Gươm](lake.md)", "[Hồ Gươm](lake.md#ho-nuoc)")


def broken_same_page_anchor(root):
    return [f"docs/tourism/pagoda.md:{append(_pagoda(root), 'Lên [đầu trang](#gioi-thieu).')}: link '#gioi-thieu': "
            "this page has no heading with the anchor '#gioi-thieu'; its anchors are: kien-truc"]


def link_to_translation_file(root):
    line = append(root / "docs/tourism/lake.en.md", "See also [the One Pillar Pagoda](pagoda.en.md).")
    return [
        f"docs/tourism/lake.en.md:{line}: link 'pagoda.en.md': link to the Vietnamese file name 'pagoda.md' instead; "
        "the build leads each reader to the page in their language",
        f"docs/tourism/lake.en.md:{line}: structure: link 'pagoda.en.md' is not in the Vietnamese page "
        "docs/tourism/lake.md; keep the same links as the source (add it there first)",
    ]


def link_out_of_docs(root):
    return [f"docs/tourism/pagoda.md:{append(_pagoda(root), 'Xem [tệp](../../../../etc/passwd).')}: "
            "link '../../../../etc/passwd': points outside docs/; link only to pages and files inside docs/"]


def javascript_link(root):
    return [f"docs/tourism/pagoda.md:{append(_pagoda(root), 'Bấm [vào đây](javascript:alert(1)).')}: "
            "link 'javascript:alert(1)': 'javascript:' addresses are not allowed; link to a page (its .md file) or a "
            "web address starting with https://"]


def missing_image(root):
    return [f"docs/tourism/pagoda.md:{append(_pagoda(root), '![Sơ đồ chùa Một Cột](so-do.svg)')}: "
            "image 'so-do.svg' not found: docs/tourism/so-do.svg does not exist; save the image there or correct the name"]


def image_without_alt(root):
    (root / "docs/tourism/so-do.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    return [f"docs/tourism/pagoda.md:{append(_pagoda(root), '![](so-do.svg)')}: image 'so-do.svg' has no alt text; "
            "describe what it shows, in the page's language: ![description](so-do.svg)"]


def html_image_without_alt(root):
    (root / "docs/tourism/so-do.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    line = append(_pagoda(root), '<img src="so-do.svg" width="200">')
    return [f"docs/tourism/pagoda.md:{line}: image 'so-do.svg' "
            "has no alt text; describe what it shows, in the page's language: ![description](so-do.svg)"]


def image_out_of_docs(root):
    return [f"docs/tourism/pagoda.md:{append(_pagoda(root), '![Ảnh](../../secret.png)')}: "
            "image '../../secret.png': points outside docs/; link only to pages and files inside docs/"]


def image_from_another_site(root):
    return [f"docs/tourism/pagoda.md:{append(_pagoda(root), '![Ảnh chùa](https://example.com/chua.jpg)')}: "
            "image 'https://example.com/chua.jpg' is loaded from another site; no request may leave the site: save the "
            "image next to the page in docs/tourism/ and write its file name"]


def glossary_spelling(root):
    replace(root / "docs/tourism/lake.en.md", "Hoàn Kiếm Lake lies", "Hoan Kiem Lake lies")


def fuzzy_catalog_entry(root):
    catalog = private_locales(root) / "fr/LC_MESSAGES/messages.po"
    replace(catalog, 'msgid "Not yet translated"', '#, fuzzy\nmsgid "Not yet translated"')
    line = line_of(catalog, 'msgid "Not yet translated"')
    return [f"../../../locales/fr/LC_MESSAGES/messages.po:{line}: "
            "fuzzy translation of 'Not yet translated'; review it and remove the 'fuzzy' flag"]


def untranslated_catalog_entry(root):
    catalog = private_locales(root) / "ja/LC_MESSAGES/messages.po"
    text = catalog.read_text(encoding="utf-8")
    text = re.sub(r'(msgid "Read the Vietnamese original"\nmsgstr )"[^"]*"', r'\1""', text)
    catalog.write_text(text, encoding="utf-8")
    line = line_of(catalog, 'msgid "Read the Vietnamese original"')
    return [f"../../../locales/ja/LC_MESSAGES/messages.po:{line}: "
            "untranslated: 'Read the Vietnamese original'"]


def extra_section_in_translation(root):
    line = append(root / "docs/tourism/lake.ja.md", "## 歴史\n\n湖には長い歴史があります。")
    return [f"docs/tourism/lake.ja.md:{line}: structure: 2 '##' headings, but the Vietnamese page docs/tourism/lake.md "
            "has 1 (## Hồ nước); translate every section, in the same order"]


def link_missing_in_translation(root):
    """The Vietnamese page gains a link; the translators update their texts and
    hashes, but the Korean text forgets the link."""
    lake = root / "docs/tourism/lake.md"
    append(lake, "Xem thêm [Chùa Một Cột](pagoda.md).")
    new_hash = source_hash(lake)
    for code, sentence in (("en", "See also [the One Pillar Pagoda](pagoda.md)."), ("zh", "另见[独柱寺](pagoda.md)。"),
                           ("ja", "[一柱寺](pagoda.md)もご覧ください。"), ("ko", "한기둥 사원도 참고하세요.")):
        path = root / f"docs/tourism/lake.{code}.md"
        replace(path, 'source_hash: "ed99e58ea861"', f'source_hash: "{new_hash}"')
        append(path, sentence)
    return ["docs/tourism/lake.ko.md:14: structure: the Vietnamese page has the link 'pagoda.md' (line 17) and this "
            "translation does not; keep the same links as the source"]


def extra_image_in_translation(root):
    (root / "docs/tourism/map.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    return [f"docs/tourism/lake.zh.md:{append(root / 'docs/tourism/lake.zh.md', '![还剑湖地图](map.svg)')}: structure: "
            "image 'map.svg' is not in the Vietnamese page docs/tourism/lake.md; keep the same images as the source "
            "(add it there first)"]


def script_in_title(root):
    replace(root / "docs/tourism/lake.ko.md", "title: 호안끼엠 호수", "title: <script>alert('x')</script>")


def script_in_text(root):
    return [f"docs/tourism/pagoda.md:{append(_pagoda(root), '<script>alert(1)</script>')}: raw HTML <script> is not "
            "allowed in a page: it would run or load something in the reader's browser; use Markdown"]


def event_handler_in_text(root):
    line = append(_pagoda(root), '<span onclick="steal()">Bấm</span>')
    return [f"docs/tourism/pagoda.md:{line}: raw HTML with an "
            "event attribute 'onclick=' is not allowed: it runs code in the reader's browser; remove it"]


def hostile_html_across_lines(root):
    """The attack of issue #11: tags split over lines, a data: image with an
    event handler, and a javascript: link, all of which passed the old line scanner."""
    line = append(_pagoda(root), '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt=""\n onerror="alert(1)">\n\n<a\nhref="javascript:alert(2)">bấm</a>')
    return [
        f"docs/tourism/pagoda.md:{line}: raw HTML with a data: address is not allowed; link to a page or a web address (https://...)",
        f"docs/tourism/pagoda.md:{line}: raw HTML with an event attribute 'onerror=' is not allowed: it runs code in the reader's browser; remove it",
        f"docs/tourism/pagoda.md:{line + 3}: raw HTML with a javascript: address is not allowed; link to a page or a web address (https://...)",
    ]


def encoded_and_mixed_case_html(root):
    line = append(_pagoda(root), '<A HREF=&#106;avascript&#58;alert(1)>x</A> <SCRIPT\nsrc=x></SCRIPT>')
    return [
        f"docs/tourism/pagoda.md:{line}: link 'javascript:alert(1)': 'javascript:' addresses are not allowed; link to a page (its .md file) or a web address starting with https://",
        f"docs/tourism/pagoda.md:{line}: raw HTML <script> is not allowed in a page: it would run or load something in the reader's browser; use Markdown",
    ]


def markdown_attribute_list_handler(root):
    line = append(_pagoda(root), 'Bấm vào đây.\n{: onmouseover="alert(1)" }\n\n[Xem](javascript:alert(2))')
    return [
        f"docs/tourism/pagoda.md:{line + 1}: raw HTML with an event attribute 'onmouseover=' is not allowed: it runs code in the reader's browser; remove it",
        f"docs/tourism/pagoda.md:{line + 3}: link 'javascript:alert(2)': 'javascript:' addresses are not allowed; link to a page (its .md file) or a web address starting with https://",
    ]


def style_with_url(root):
    line = append(_pagoda(root), '<p style="background:url(https://tracker.example/p.gif)">x</p>')
    return [f"docs/tourism/pagoda.md:{line}: inline style 'background' on <p> is removed from the published page "
            "(only text-align in tables is kept); remove the style attribute"]


def broken_source_with_translations(root):
    """One cause, one message: the translations of a Vietnamese page whose
    front matter is broken do not report themselves as orphaned."""
    replace(root / "docs/tourism/lake.md", "title: Hồ Gươm", "title: [Hồ Gươm")


def ten_megabyte_file(root):
    path = root / "docs/tourism/big.md"
    path.write_bytes(b"---\nid: tourism-big\n---\n" + b"x" * (10_000_000 - 25))


def not_utf8(root):
    path = _pagoda(root)
    # Saved by an editor as Windows-1252: "ù" becomes one byte that is not UTF-8.
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252", errors="replace"))


def symlink_out_of_tree(root):
    (root / "docs/tourism/notes.md").symlink_to("/etc/passwd")


def symlinked_folder(root):
    (root / "docs/extra").symlink_to(root.parents[2], target_is_directory=True)


CASES = [
    Case("no-front-matter", no_front_matter, (
        "docs/tourism/pagoda.md:1: no front matter: the file must start with a '---' line, the YAML fields, and a "
        "closing '---' line",)),
    Case("malformed-yaml", malformed_yaml, (
        "docs/tourism/pagoda.md:4: front matter is not valid YAML: did not find expected ',' or ']'",)),
    Case("wrong-type", wrong_type, ("docs/tourism/pagoda.md:6: kiosk: expected true or false, got 'yes please'",)),
    Case("impossible-date", impossible_date, (
        "docs/tourism/pagoda.md:6: updated: 2026-02-30 is not a date of the calendar; write a real date, YYYY-MM-DD",)),
    Case("field-twice", field_twice, (
        "docs/tourism/pagoda.md:6: 'title' is written twice in the front matter (lines 3 and 6); keep one",)),
    Case("missing-field", missing_field, (
        "docs/tourism/pagoda.md:1: description: missing; add a line 'description: ...' to the front matter",)),
    Case("unknown-topic", unknown_topic, (
        "docs/tourism/pagoda.md:5: topic: unknown topic 'food'; use one of arriving, tourism, culture, investment, "
        "asean, events",)),
    Case("unknown-language", unknown_language, (
        f"docs/tourism/lake.de.md:1: unknown language 'de' in the file name; this site's languages are {LANGUAGES} "
        "(mkdocs.yml, plugins.hanoi-i18n.languages): rename the file (lake.md for Vietnamese, lake.en.md ...) or add "
        "'de' to that list",)),
    Case("language-in-capitals", language_in_capitals, (
        "docs/tourism/lake.KO.md:1: language code 'KO' must be written in lower case: rename the file lake.ko.md",)),
    Case("vietnamese-twice", vietnamese_twice, (
        "docs/tourism/lake.vi.md:1: same page and language as docs/tourism/lake.md; Vietnamese pages have no language "
        "suffix: keep one of the two files",)),
    Case("translation-without-source", translation_without_source, (
        "docs/tourism/museum.en.md:1: translation without a Vietnamese page: create docs/tourism/museum.md or rename "
        "this file",)),
    Case("duplicate-id", duplicate_id, (
        "docs/tourism/pagoda.md:2: id: 'tourism-lake' is already used by docs/tourism/lake.md; every page needs its own id",
        "docs/tourism/pagoda.md:2: id: changed from 'tourism-pagoda' to 'tourism-lake'; page ids are permanent (printed "
        "QR codes, kiosk links and embeds use them): write 'id: tourism-pagoda' again. If this really is another page, "
        "run 'hanoi-info ids --update' and commit data/page-ids.yml",)),
    Case("changed-id", changed_id, (
        "docs/tourism/pagoda.md:2: id: changed from 'tourism-pagoda' to 'tourism-one-pillar-pagoda'; page ids are "
        "permanent (printed QR codes, kiosk links and embeds use them): write 'id: tourism-pagoda' again. If this "
        "really is another page, run 'hanoi-info ids --update' and commit data/page-ids.yml",)),
    Case("removed-page", removed_page, (
        "data/page-ids.yml:10: page id 'tourism-pagoda' (docs/tourism/pagoda.md) no longer exists; page ids are "
        "permanent: restore the page, or give the page that replaces it 'id: tourism-pagoda'. If the page was removed "
        "on purpose, run 'hanoi-info ids --update' and commit data/page-ids.yml",)),
    Case("broken-page-link", broken_page_link, (
        "docs/tourism/pagoda.md:15: link 'lakes.md': no such page: docs/tourism/lakes.md does not exist; did you mean "
        "'lake.md'?",)),
    Case("broken-anchor", broken_anchor, (
        "docs/tourism/pagoda.md:15: link 'lake.md#ho-guom': docs/tourism/lake.md has no heading with the anchor "
        "'#ho-guom'; its anchors are: ho-nuoc",
        *(f"docs/tourism/pagoda.md:15: link 'lake.md#ho-guom': this page is shown untranslated in {name}, where the "
          f"link leads to docs/tourism/lake.{code}.md, which has no anchor '#ho-guom'; its anchors are: {anchor}. Give "
          "the heading the same explicit id in every language: '## Heading {#ho-guom}'"
          for code, name, anchor in (("en", "English", "the-lake"), ("fr", "Français", "le-lac"), ("zh", "中文", "_1"),
                                     ("ja", "日本語", "_1"), ("ko", "한국어", "_1"))),
    )),
    Case("anchor-missing-in-translations", anchor_missing_in_translations, tuple(
        f"docs/tourism/pagoda.md:15: link 'lake.md#ho-nuoc': this page is shown untranslated in {name}, where the link "
        f"leads to docs/tourism/lake.{code}.md, which has no anchor '#ho-nuoc'; its anchors are: {anchor}. "
        + LAKE_ANCHOR_FIX
        for code, name, anchor in (("en", "English", "the-lake"), ("fr", "Français", "le-lac"), ("zh", "中文", "_1"),
                                   ("ja", "日本語", "_1"), ("ko", "한국어", "_1")))),
    Case("broken-same-page-anchor", broken_same_page_anchor),
    Case("link-to-translation-file", link_to_translation_file),
    Case("link-out-of-docs", link_out_of_docs),
    Case("javascript-link", javascript_link),
    Case("missing-image", missing_image),
    Case("image-without-alt", image_without_alt),
    Case("html-image-without-alt", html_image_without_alt),
    Case("image-out-of-docs", image_out_of_docs),
    Case("image-from-another-site", image_from_another_site),
    Case("glossary-spelling", glossary_spelling, (
        "docs/tourism/lake.en.md:16: write 'Hoàn Kiếm Lake', not 'Hoan Kiem Lake' (glossary: hoan-kiem-lake)",)),
    Case("fuzzy-catalog-entry", fuzzy_catalog_entry),
    Case("untranslated-catalog-entry", untranslated_catalog_entry),
    Case("extra-section-in-translation", extra_section_in_translation),
    Case("link-missing-in-translation", link_missing_in_translation),
    Case("extra-image-in-translation", extra_image_in_translation),
    Case("script-in-title", script_in_title, ("docs/tourism/lake.ko.md:3: title: must be plain text; remove the HTML tags",)),
    Case("script-in-text", script_in_text),
    Case("event-handler-in-text", event_handler_in_text),
    Case("hostile-html-across-lines", hostile_html_across_lines),
    Case("encoded-and-mixed-case-html", encoded_and_mixed_case_html),
    Case("markdown-attribute-list-handler", markdown_attribute_list_handler),
    Case("style-with-url", style_with_url),
    Case("broken-source-with-translations", broken_source_with_translations, (
        "docs/tourism/lake.md:4: front matter is not valid YAML: did not find expected ',' or ']'",)),
    Case("ten-megabyte-file", ten_megabyte_file, (
        "docs/tourism/big.md:1: file is 10.0 MB; a page may be at most 1 MB: split it into several pages",)),
    Case("not-utf8", not_utf8, ("docs/tourism/pagoda.md:3: not UTF-8 text; save the file with UTF-8 encoding",)),
    Case("symlink-out-of-tree", symlink_out_of_tree, (
        "docs/tourism/notes.md:1: symbolic link points outside docs/; replace it with the file itself",)),
    Case("symlinked-folder", symlinked_folder, (
        "docs/extra:1: symbolic link to a folder; MkDocs would publish its files as well: move the files here instead",)),
]


def check_lines(config: Path, *extra: str) -> tuple[int, list[str], str]:
    result = run_cli("-f", str(config), "check", *extra)
    return result.returncode, [line for line in result.stdout.splitlines() if line], result.stderr


@pytest.fixture(scope="module")
def pristine_lines(tmp_path_factory) -> set[str]:
    """What check reports on the untouched fixture: only UI-catalog entries that
    the team has not translated yet, never a problem of the content."""
    root = copy_fixture("basic", tmp_path_factory.mktemp("pristine"))
    _, lines, _ = check_lines(root / "mkdocs.yml")
    assert [line for line in lines if "messages.po" not in line] == []
    return set(lines)


def test_there_are_at_least_25_cases():
    assert len(CASES) >= 25 and len({case.id for case in CASES}) == len(CASES)


def assert_the_build_stops_and_publishes_nothing(root: Path, tmp_path: Path, basic_site: Path, expected) -> None:
    """A build over a previous site stops, prints every expected line, and
    leaves the previous site and no staging folder behind."""
    site = tmp_path / "site"
    shutil.copytree(basic_site, site, symlinks=True)
    before = tree_hash(site)
    result = build(root / "mkdocs.yml", site)
    assert result.returncode == 1
    for line in expected:
        assert line in result.stderr
    assert f"The previous site in {site} was left unchanged." in result.stderr
    assert tree_hash(site) == before
    assert [path.name for path in tmp_path.iterdir() if "staging" in path.name] == []


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_broken_content_is_reported_and_stops_the_build(case, tmp_path, basic_site, pristine_lines):
    root = copy_fixture("basic", tmp_path)
    expected = case.mutate(root) or list(case.expected)
    assert expected, "a case must say what it expects"

    status, lines, stderr = check_lines(root / "mkdocs.yml")
    assert status == 1
    assert sorted(set(lines) - pristine_lines) == sorted(expected)
    assert lines == sorted(lines)  # one line per problem, sorted by file and line

    assert_the_build_stops_and_publishes_nothing(root, tmp_path, basic_site, expected)


# Cases whose problems are found on the rendered page (its anchors, what its Markdown writes).
CASES_ON_RENDERED_PAGES = ("broken-anchor", "anchor-missing-in-translations", "broken-same-page-anchor",
                           "script-in-text", "markdown-attribute-list-handler", "javascript-link")


@pytest.mark.parametrize("case", [case for case in CASES if case.id in CASES_ON_RENDERED_PAGES],
                         ids=list(CASES_ON_RENDERED_PAGES))
def test_a_first_build_finds_on_the_rendered_pages_what_check_finds(case, tmp_path, basic_site, pristine_lines):
    """No 'check' ran before: the build's checks take these answers from the
    pages its language builds rendered. The build still stops with the same
    lines, publishes nothing, and a later 'check' reports the same."""
    root = copy_fixture("basic", tmp_path)
    expected = case.mutate(root) or list(case.expected)
    shutil.rmtree(root / ".cache", ignore_errors=True)  # the fixture's own builds leave one

    assert_the_build_stops_and_publishes_nothing(root, tmp_path, basic_site, expected)

    status, lines, _ = check_lines(root / "mkdocs.yml")
    assert status == 1
    assert sorted(set(lines) - pristine_lines) == sorted(expected)


def test_all_problems_of_a_run_are_reported_at_once(tmp_path):
    root = copy_fixture("basic", tmp_path)
    unknown_topic(root)
    broken_page_link(root)
    glossary_spelling(root)
    unknown_language(root)
    status, lines, stderr = check_lines(root / "mkdocs.yml")
    content = [line for line in lines if "messages.po" not in line]
    assert [line.split(":", 2)[:2] for line in content] == [
        ["docs/tourism/lake.de.md", "1"], ["docs/tourism/lake.en.md", "16"], ["docs/tourism/pagoda.md", "5"],
        ["docs/tourism/pagoda.md", "15"],
    ]
    assert status == 1


def test_json_format_carries_path_line_and_message_for_ci_annotations(tmp_path):
    root = copy_fixture("basic", tmp_path)
    unknown_topic(root)
    result = run_cli("-f", str(root / "mkdocs.yml"), "check", "--format", "json")
    problems = [item for item in json.loads(result.stdout) if "messages.po" not in item["path"]]
    assert problems == [{
        "path": "docs/tourism/pagoda.md", "line": 5,
        "message": "topic: unknown topic 'food'; use one of arriving, tourism, culture, investment, asean, events",
    }]
    assert result.returncode == 1


def test_a_file_name_with_a_newline_still_gives_one_line_per_problem(tmp_path):
    root = copy_fixture("basic", tmp_path)
    (root / "docs/tourism/bad\nname.md").write_text("no front matter\n", encoding="utf-8")
    _, lines, _ = check_lines(root / "mkdocs.yml")
    assert "docs/tourism/bad\\x0aname.md:1: no front matter: the file must start with a '---' line, the YAML fields, " \
           "and a closing '---' line" in lines


def test_a_new_page_id_is_bookkeeping_for_check_but_does_not_stop_the_build(tmp_path):
    root = copy_fixture("basic", tmp_path)
    text = _pagoda(root).read_text(encoding="utf-8").replace("id: tourism-pagoda", "id: tourism-temple")
    (root / "docs/tourism/temple.md").write_text(text.replace("[Hồ Gươm](lake.md)", "[Hồ Gươm](lake.md)"), encoding="utf-8")
    status, lines, _ = check_lines(root / "mkdocs.yml")
    assert "docs/tourism/temple.md:2: id: 'tourism-temple' is new; record it with 'hanoi-info ids --update' and " \
           "commit data/page-ids.yml" in lines
    assert status == 1
    result = build(root / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/tourism/temple/index.html").exists()

    updated = run_cli("-f", str(root / "mkdocs.yml"), "ids", "--update")
    assert updated.returncode == 0
    assert "added    tourism-temple  docs/tourism/temple.md" in updated.stdout
    assert "tourism-temple: tourism/temple.md\n" in (root / "data/page-ids.yml").read_text(encoding="utf-8")
    _, lines, _ = check_lines(root / "mkdocs.yml")
    assert [line for line in lines if "messages.po" not in line] == []


def test_moving_a_page_keeps_its_id_valid(tmp_path):
    root = copy_fixture("basic", tmp_path)
    (root / "docs/culture").mkdir()
    _pagoda(root).rename(root / "docs/culture/pagoda.md")
    replace(root / "docs/culture/pagoda.md", "topic: tourism", "topic: culture")
    replace(root / "docs/culture/pagoda.md", "(lake.md)", "(../tourism/lake.md)")
    _, lines, _ = check_lines(root / "mkdocs.yml")
    assert [line for line in lines if "messages.po" not in line] == []


def test_ids_update_refuses_while_a_page_cannot_be_read(tmp_path):
    root = copy_fixture("basic", tmp_path)
    no_front_matter(root)
    before = (root / "data/page-ids.yml").read_bytes()
    result = run_cli("-f", str(root / "mkdocs.yml"), "ids", "--update")
    assert result.returncode == 1
    assert "data/page-ids.yml was not updated: fix the problems above first, so that no page loses its id." in result.stderr
    assert (root / "data/page-ids.yml").read_bytes() == before


def test_the_real_content_has_no_problem():
    result = run_cli("check")
    assert [line for line in result.stdout.splitlines() if "messages.po" not in line] == []


def test_quotes_in_a_description_are_text_not_markup(tmp_path):
    """Quotes are allowed in a description (no HTML tags); they must not end
    the attribute they are printed in."""
    root = copy_fixture("basic", tmp_path)
    replace(_pagoda(root), "description: Ngôi chùa có kiến trúc độc đáo.",
            "description: 'Chùa \"Một Cột\" onmouseover=\"alert(1)\" có kiến trúc độc đáo.'")
    _, lines, _ = check_lines(root / "mkdocs.yml")
    assert [line for line in lines if "messages.po" not in line] == []
    site = tmp_path / "site"
    result = run_cli("-f", str(root / "mkdocs.yml"), "build", "-q", "--lang", "en", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    html = (site / "tourism/pagoda/index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="Chùa &#34;Một Cột&#34; onmouseover=&#34;alert(1)&#34; có kiến trúc độc đáo.">' in html
    assert [path.name for path in site.rglob("*.html") if 'onmouseover="alert(1)"' in path.read_text(encoding="utf-8")] == []
