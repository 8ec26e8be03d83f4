"""The navigation, rendered once per language and folder instead of once per page.

Material renders the whole navigation tree into every page, so a language of N
pages costs N × N navigation items: the build grows with the square of the
page count. An item the reader is not in (a top-level section, or a page or
subsection beside the current page) renders the same for every page of one
folder (its links are relative to the page's folder, and nothing in it is
marked active), so its HTML is rendered once per folder and reused; only the
items on the path to the current page are rendered for the page.
The cache lives for one language build (cleared by :meth:`NavigationCache.clear`
when the navigation is rebuilt).
"""

from __future__ import annotations

import posixpath
from typing import Any

from markupsafe import Markup


class NavigationCache:
    def __init__(self) -> None:
        self._sections: dict[tuple[int, str, str], Markup] = {}

    def clear(self) -> None:
        self._sections.clear()

    @staticmethod
    def _key(nav_item: Any, page: Any, base_url: str) -> tuple[int, str, str]:
        # Links are relative to the page's folder, or absolute where base_url
        # is (the 404 page, served at any depth).
        folder = posixpath.dirname(str(getattr(page, "url", "") or "").rstrip("/"))
        return (id(nav_item), folder, base_url)

    def get(self, nav_item: Any, page: Any, base_url: str) -> Markup | None:
        """The cached HTML of an inactive top-level item for this page's folder."""
        return self._sections.get(self._key(nav_item, page, base_url))

    def store(self, nav_item: Any, page: Any, base_url: str, html: str) -> Markup:
        markup = Markup(html)
        self._sections[self._key(nav_item, page, base_url)] = markup
        return markup
