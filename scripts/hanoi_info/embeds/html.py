"""A page's HTML at another address.

MkDocs writes links relative to the page (``../lake/``, ``image.svg``). The
embed view lives at ``embed/<lang>/...`` and the API hands the HTML to other
sites, so every relative ``href`` and ``src`` is resolved against the page's
own address first; absolute addresses (``https:``, ``mailto:``) stay as
written."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from hanoi_info.sanitize import sanitize_html

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
    from another page back to the root. The HTML is parsed (by the sanitizer,
    which the content has already passed): text and code samples that show
    markup stay as they are."""

    def rebase(url: str) -> str | None:
        relative = site_relative(url, page_url)
        return url if relative is None else base + relative

    return sanitize_html(content, rebase=rebase)
