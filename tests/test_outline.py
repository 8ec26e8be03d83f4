"""Reading a page's Markdown: headings, links, images and anchors exactly where
the build sees them (not in code, not in comments), with their file lines."""

from __future__ import annotations

from hanoi_info.outline import MarkdownSettings, Reference, anchors_in, rendered, scan

SETTINGS = MarkdownSettings.from_yaml(["admonition", "attr_list", "md_in_html", {"toc": {"permalink": False}}])

BODY = """
## Hồ nước {#lake}

Text [a](lake.md#x) and ![Bản đồ](map.svg "title") `[no](code.md)` [![Ảnh](i.svg)](p.md)
<img src="x.png" width="10"> <a href="other.md">o</a> [ref link][r1] ![hình][r2] [nowhere][r3]

Setext heading
--------------

```markdown
[fenced](nope.md)
## not a heading
```
<!-- [commented](comment.md)
-->
\\[not a link\\](escaped.md)
<script>alert(1)</script>

[r1]: <other page.md>
[r2]: pic.svg
[unused]: u.md
"""


def test_headings_links_and_images_with_their_file_lines():
    outline = scan(BODY, 11)
    assert [(h.level, h.text, h.line) for h in outline.headings] == [(2, "Hồ nước", 12), (2, "Setext heading", 17)]
    assert [(r.kind, r.target, r.line, r.text, r.has_alt) for r in outline.references] == [
        ("link", "lake.md#x", 14, "a", True),
        ("image", "map.svg", 14, "Bản đồ", True),
        ("link", "p.md", 14, "Ảnh", True),
        ("image", "i.svg", 14, "Ảnh", True),
        ("image", "x.png", 15, "", False),
        ("link", "other.md", 15, "", True),
        ("image", "pic.svg", 15, "hình", True),
        ("link", "other page.md", 29, "r1", True),
        ("link", "u.md", 31, "unused", True),
    ]
    assert outline.undefined_references == ((15, "r3"),)
    assert outline.section_of(14) == 1 and outline.section_of(20) == 2 and outline.section_of(11) == 0


def test_anchors_are_the_ids_the_build_gives_headings():
    body = "## Hồ nước\n\n## Hồ nước\n\n## Giờ mở cửa {#hours}\n\n<div id=\"map\"></div>\n\n```\n<p id=\"code\"></p>\n```\n"
    assert anchors_in(rendered(body, SETTINGS)) == {"ho-nuoc", "ho-nuoc_1", "hours", "map"}


def test_anchors_follow_the_configured_slugify():
    from markdown.extensions.toc import slugify_unicode

    settings = MarkdownSettings.from_mkdocs(["toc"], {"toc": {"slugify": slugify_unicode}})
    assert anchors_in(rendered("## Hồ nước\n\n## 还剑湖\n", settings)) == {"hồ-nước", "还剑湖"}


def test_links_in_a_heading_or_alt_text_are_plain_text():
    outline = scan("## See [the lake](lake.md) **now**\n\n![A *bold* map](m.svg)\n", 5)
    assert outline.headings[0].text == "See the lake now"
    assert outline.references[-1] == Reference("image", "m.svg", 7, "A bold map")


def test_parentheses_and_angle_brackets_in_addresses():
    outline = scan("[w](https://vi.wikipedia.org/wiki/Hà_Nội_(định_hướng)) [f](<my file.md>) [j](javascript:alert(1))\n", 1)
    assert [r.target for r in outline.references] == [
        "https://vi.wikipedia.org/wiki/Hà_Nội_(định_hướng)", "my file.md", "javascript:alert(1)"]
