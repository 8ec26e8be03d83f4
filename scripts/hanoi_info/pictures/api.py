"""Pages' photos in the content API (``image``: address, size, alt text,
credit, licence) and in the feeds (RSS ``enclosure``, JSON Feed ``image``)."""

from __future__ import annotations

import dataclasses
from typing import Any

from hanoi_info.corpus import page_url
from hanoi_info.page_info import absolute


def image_lookup(pictures: Any) -> dict:
    """The API's ``image`` option: (source path, language) -> the image object, or None."""
    if pictures is None or not pictures.library.photos:
        return {}

    def image(norm_path: str, lang: str) -> dict | None:
        found = pictures.page_image(norm_path, lang)
        return found.as_json() if found is not None else None

    return {"image": image}


def with_images(feed: Any, pictures: Any, language: Any, site_url: str) -> Any:
    """The feed with each page item's photo (items are matched by their page address)."""
    if pictures is None or not pictures.library.photos:
        return feed
    by_url = {absolute(site_url, page_url(norm_path, language)): norm_path for norm_path in pictures.corpus.source_paths()}
    items = []
    for item in feed.items:
        norm_path = by_url.get(item.url)
        found = pictures.page_image(norm_path, language.code) if norm_path else None
        items.append(dataclasses.replace(item, image=found) if found else item)
    return dataclasses.replace(feed, items=tuple(items))
