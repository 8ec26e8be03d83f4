"""A page's HTML at another address.

MkDocs writes links relative to the page (``../lake/``, ``image.svg``). The
embed view lives at ``embed/<lang>/...`` and the API hands the HTML to other
sites, so every relative ``href`` and ``src`` is resolved against the page's
own address first; absolute addresses (``https:``, ``mailto:``) stay as
written."""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit

_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src))="([^"]*)"')
_SRCSET_ATTRIBUTE = re.compile(r'(\ssrcset)="([^"]*)"')
_ROOT = "http://site.invalid/"


def site_relative(url: str, page_url: str) -> str | None:
    """``url`` written in the page at ``page_url`` as a path below the site root
    ("../lake/" in "en/tourism/pagoda/" -> "en/tourism/lake/"), or None when it
    is an absolute address."""
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//"):
        return None
    if url.startswith("#"):
        return page_url + url
    resolved = urljoin(_ROOT + page_url, url)
    return resolved[len(_ROOT):]


def rebase_urls(content: str, page_url: str, base: str) -> str:
    """Every relative link and image of ``content`` (the HTML of the page at
    ``page_url``) rewritten as ``base`` + its path below the site root.
    ``base`` is the site's address for HTML handed to other sites, or the path
    from another page back to the root."""

    def replace(match: re.Match) -> str:
        value = html.unescape(match.group(2))
        relative = site_relative(value, page_url)
        if relative is None:
            return match.group(0)
        return f'{match.group(1)}="{html.escape(base + relative, quote=True)}"'

    def replace_srcset(match: re.Match) -> str:
        candidates = []
        for candidate in html.unescape(match.group(2)).split(","):
            address, _, descriptor = candidate.strip().partition(" ")
            relative = site_relative(address, page_url)
            candidates.append(((base + relative) if relative is not None else address) + (f" {descriptor}" if descriptor else ""))
        return f'{match.group(1)}="{html.escape(", ".join(candidates), quote=True)}"'

    # Only inside tags: text and code samples that show markup are escaped (&lt;a href=...).
    return _TAG.sub(lambda tag: _SRCSET_ATTRIBUTE.sub(replace_srcset, _URL_ATTRIBUTE.sub(replace, tag.group(0))), content)
