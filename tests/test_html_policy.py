"""The checker (hanoi_info.html_policy) and the sanitizer (hanoi_info.sanitize)
agree: what check lets through comes out of the sanitizer unchanged in its
elements and attributes, and whatever the input, the sanitizer's output runs
nothing."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from executable_traces import html_traces
from hanoi_info.html_policy import html_violations, page_violations
from hanoi_info.outline import MarkdownSettings, rendered
from hanoi_info.sanitize import address_scheme, print_html, sanitize_html

SETTINGS = MarkdownSettings.from_yaml(["abbr", "admonition", "attr_list", "md_in_html", "tables", {"toc": {"permalink": False}}])
MARKER = "alert(7)"

ISSUE_EXAMPLE = (
    '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt=""\n onerror="alert(7)">\n\n'
    '<a\nhref="javascript:alert(7)">bấm</a>\n'
)


def violations(markdown_text: str):
    return page_violations(markdown_text, 1, rendered(markdown_text, SETTINGS))


def test_the_issue_example_is_reported_on_the_lines_where_its_tags_start():
    found = [(v.line, v.kind, v.detail) for v in violations(ISSUE_EXAMPLE)]
    assert found == [(1, "address", "data"), (1, "event", "onerror"), (4, "address", "javascript")]


def test_the_issue_example_leaves_nothing_that_runs():
    html = sanitize_html(rendered(ISSUE_EXAMPLE, SETTINGS))
    assert html_traces(html, MARKER) == []
    assert html == '<p><img alt=""></p>\n<p><a>bấm</a></p>'


def test_markdown_writes_nothing_the_policy_removes():
    """Everything the site's own Markdown extensions produce survives the sanitizer."""
    text = (
        "## Giờ mở cửa {#hours}\n\n*[UBND]: Ủy ban nhân dân\n\nUBND phường.\n\n"
        "!!! note \"Lưu ý\"\n    Mang hộ chiếu.\n\n| A | B |\n|:--|--:|\n| 1 | 2 |\n\n"
        "[Trang](other.md#x) ![Bản đồ](map.svg){ .wide }\n\n<div markdown=\"1\">**đậm**</div>\n"
    )
    html = rendered(text, SETTINGS)
    assert html_violations(html) == []
    assert shape(sanitize_html(html)) == shape(html)


def test_addresses_are_read_as_a_browser_reads_them():
    assert address_scheme("java\tscript:alert(1)") == "javascript"
    assert address_scheme("  JaVaScRiPt:alert(1)") == "javascript"
    assert address_scheme("\x01vbscript:x") == "vbscript"
    assert address_scheme("page.md#x") is None
    assert address_scheme("https://hanoi.gov.vn/") == "https"


def test_print_html_keeps_link_text_only():
    assert print_html('<p><a href="https://x.example/">Nội Bài</a></p>') == "<p>Nội Bài</p>"


# -- fuzzing --------------------------------------------------------------------------

TAGS = ["a", "img", "p", "span", "div", "script", "iframe", "svg", "object", "embed", "form", "base", "meta",
        "style", "td", "source", "math", "details", "video", "input", "button"]
ATTRIBUTES = ["href", "src", "srcset", "onerror", "onclick", "onmouseover", "OnLoad", "style", "formaction",
              "xlink:href", "action", "alt", "title", "class", "data-x", "background", "poster"]
VALUES = [
    "javascript:alert(7)", "&#106;avascript:alert(7)", "&#x6A;avascript&colon;alert(7)", "java\tscript:alert(7)",
    " javascript:alert(7)", "JaVaScRiPt:alert(7)", "vbscript:alert(7)", "data:text/html,<script>alert(7)</script>",
    "data:image/gif;base64,R0lGOD", "alert(7)", "https://hanoi.gov.vn/", "page.md", "x.png 1x, javascript:alert(7) 2x",
    "background:url(javascript:alert(7))", "text-align:left", "width:expression(alert(7))",
]


def _case(name: str, draw) -> str:
    return "".join(draw(st.sampled_from([c.lower(), c.upper()])) for c in name)


@st.composite
def hostile_html(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        tag = _case(draw(st.sampled_from(TAGS)), draw)
        attributes = []
        for _ in range(draw(st.integers(0, 3))):
            name = _case(draw(st.sampled_from(ATTRIBUTES)), draw)
            value = draw(st.sampled_from(VALUES))
            quote = draw(st.sampled_from(['"', "'", ""]))
            if not quote and any(c in value for c in " \t'\"<>=`"):
                quote = '"'
            separator = draw(st.sampled_from([" ", "\n", "\t", "\n  "]))
            attributes.append(f"{separator}{name}={quote}{value}{quote}")
        inner = draw(st.sampled_from(["", "bấm", "alert(7)", "<b>x</b>", "<script>alert(7)</script>"]))
        closing = draw(st.booleans())
        parts.append(f"<{tag}{''.join(attributes)}>{inner}" + (f"</{tag}>" if closing else ""))
    glue = draw(st.sampled_from(["", "\n", "\n\n", " "]))
    return "Đoạn văn.\n\n" + glue.join(parts) + "\n"


PARSER_MADE = {"table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "col", "colgroup", "p"}


class _Shape(HTMLParser):
    """The elements and attribute names of a document, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.shape = []

    def handle_starttag(self, tag, attrs):
        self.shape.append((tag, tuple(sorted(name for name, _ in attrs))))

    handle_startendtag = handle_starttag


def shape(html: str):
    parser = _Shape()
    parser.feed(html)
    parser.close()
    return parser.shape


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_html())
def test_whatever_the_html_the_sanitized_page_runs_nothing(text):
    html = rendered(text, SETTINGS)
    assert html_traces(sanitize_html(html), MARKER) == []
    assert html_traces(print_html(html), MARKER) == []


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_html())
def test_what_check_lets_through_the_sanitizer_keeps(text):
    """No violation reported means the sanitizer removes no element or
    attribute: check and sanitizer apply one policy."""
    html = rendered(text, SETTINGS)
    if violations(text):
        return
    # HTML parsing itself (not the policy) drops table parts outside a table and
    # closes or opens paragraphs around blocks (<p><details> becomes <p></p><details>).
    kept = Counter(item for item in shape(sanitize_html(html)) if item[0] not in PARSER_MADE)
    assert kept == Counter(item for item in shape(html) if item[0] not in PARSER_MADE)
