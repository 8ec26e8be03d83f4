"""The one allowlist every page's HTML goes through after Markdown rendered it.

Content is untrusted input: an editor's account can be stolen, and whatever
reaches ``docs/`` is published to the site, the embed views other agencies put
on their websites, the content API, the feeds and the airport kiosk. So the
HTML Markdown produces is cleaned once, by nh3 (the Rust ``ammonia`` sanitizer),
before any of those outputs reads it, and ``hanoi-info check`` reports, with
its line, everything this policy would remove (:mod:`hanoi_info.html_policy`),
so that an editor learns about it before a reader would.

The policy is what Markdown and the site's extensions (``abbr``, ``admonition``,
``attr_list``, ``md_in_html``, ``tables``, ``toc``) produce, plus the picture
markup of responsive images. Nothing runs: no ``script``/``style`` elements, no
event-handler attributes, no ``javascript:``/``vbscript:``/``data:`` addresses,
no ``iframe``/``object``/``embed``/``form``/``base``/``meta``, and inline
``style`` only for table-cell alignment. Our own templates and scripts are not
content and are not cleaned.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from types import MappingProxyType

import nh3

# Elements whose text is kept when the element is removed would still be
# harmless text; these are removed with everything inside them.
REMOVED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "iframe", "object", "embed",
                                  "frame", "frameset", "noembed", "noframes", "xmp", "plaintext", "title",
                                  "textarea", "select", "svg", "math"})

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre", "q", "s", "samp", "small", "source", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})

GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir", "translate"})
ALLOWED_ATTRIBUTES: MappingProxyType[str, frozenset[str]] = MappingProxyType({
    "*": GLOBAL_ATTRIBUTES,
    "a": frozenset({"href", "hreflang", "type"}),
    "img": frozenset({"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"}),
    "source": frozenset({"srcset", "sizes", "type", "media", "width", "height"}),
    "td": frozenset({"colspan", "rowspan", "style", "align"}),
    "th": frozenset({"colspan", "rowspan", "style", "align", "scope"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "time": frozenset({"datetime"}),
    "q": frozenset({"cite"}),
    "blockquote": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
    "details": frozenset({"open"}),
})
# Attributes whose value is an address, and the schemes an address may use.
# Relative addresses (pages, images next to the page, #anchors) are always allowed.
URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "cite"})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel", "geo"})
# Inline style survives only as table-cell alignment (what the tables extension writes).
STYLE_PROPERTIES = frozenset({"text-align"})


# As the URL standard reads an address: leading and trailing spaces and control
# characters are dropped, and tab and newline anywhere ("java\tscript:" is javascript:).
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def address_scheme(value: str) -> str | None:
    """The scheme of an address as a browser reads it (lower case), or None for a relative address."""
    match = _SCHEME.match(_TAB_OR_NEWLINE.sub("", value).strip("".join(map(chr, range(0x21)))))
    return match.group(1).lower() if match else None


def srcset_addresses(value: str) -> list[str]:
    """The addresses of a ``srcset`` list ("a.jpg 480w, b.jpg 960w")."""
    return [candidate.strip().split(" ")[0] for candidate in value.split(",") if candidate.strip()]


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    # nh3 checks the scheme of href and src but not of srcset's list of addresses.
    if name == "srcset" and any(
        address_scheme(address) not in (None, *URL_SCHEMES) for address in srcset_addresses(value)
    ):
        return None
    return value


def _clean(html: str, *, links: bool, rebase: Callable[[str], str | None] | None) -> str:
    """The one nh3 call behind both profiles: the page (``links``) and paper (no links)."""

    def filter_attribute(tag: str, name: str, value: str) -> str | None:
        value = _filter_attribute(tag, name, value)
        if value is None or rebase is None or name != "srcset":
            return value
        # nh3 rebases href and src itself, not the addresses of a srcset list.
        candidates = []
        for candidate in value.split(","):
            address, _, descriptor = candidate.strip().partition(" ")
            if address_scheme(address) is None:
                address = rebase(address) or address
            candidates.append(f"{address} {descriptor}".strip())
        return ", ".join(candidates)

    kept = ALLOWED_TAGS if links else ALLOWED_TAGS - {"a"}
    return nh3.clean(
        html,
        tags=set(kept),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items() if tag == "*" or tag in kept},
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(STYLE_PROPERTIES),
        strip_comments=True,
        attribute_filter=filter_attribute,
        link_rel=None,  # nh3 would add rel to every link, internal ones too; the templates decide
        url_relative=rebase,
    )


def sanitize_html(html: str, *, rebase: Callable[[str], str | None] | None = None) -> str:
    """``html`` with everything outside the policy removed (text is kept).

    ``rebase`` rewrites each relative address (``href``, ``src``, ``srcset``)
    found while parsing: what the embed view and the API do to move a page to
    another address, on parsed HTML rather than with patterns."""
    return _clean(html, links=True, rebase=rebase)


def print_html(html: str) -> str:
    """The sanitized HTML for paper: links become their text (a printed page
    cannot be clicked; the handout's QR code leads to the page)."""
    return _clean(html, links=False, rebase=None)
