"""The calls the ``hanoi`` site plugin makes for pictures (one line each there)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from hanoi_info.pictures import artwork
from hanoi_info.pictures.publish import CACHE_DIR, Pictures
from hanoi_info.pictures.share import ShareCards


def prepare(site: Any, config: Any, log: Any) -> tuple[Pictures, ShareCards]:
    """Once per site build, with the corpus: load and encode the photos."""
    root = Path(config.config_file_path).parent
    pictures = Pictures(site.corpus, Path(config.docs_dir), root / site.config.data_dir, root / CACHE_DIR,
                        config.site_url or "")
    # The hanoi-editorial plugin reports these together with every other check.
    if pictures.problems and "hanoi-editorial" not in config.plugins:
        raise PluginError("the photos have problems; fix them and build again:\n"
                          + "\n".join(f"docs/{problem}" for problem in pictures.problems))
    pictures.prepare()
    return pictures, ShareCards(root / CACHE_DIR / "cards", pictures)


def on_files(site: Any, files: Any, config: Any) -> Any:
    if site.pictures is None:
        return files
    site.pictures.unpublish_originals(files)
    if site.language.is_source:
        site.pictures.publish(Path(config.site_dir))
    return files


def page_html(site: Any, html: str, page: Any, config: Any) -> str:
    if site.pictures is None:
        return html
    return site.pictures.page_html(html, page.url, site.language.code, site.gettext)


def page_context(site: Any, context: dict, page: Any, config: Any) -> None:
    """Share card and Open Graph data of the page; the artwork's addresses."""
    context["hanoi_artwork"] = artwork.urls()
    context["hanoi_artwork_alt"] = {name: site.gettext(text) for name, text in artwork.ALT.items()}
    if site.share is None:
        return
    context["hanoi_share"] = site.share.for_page(site, page, config, context.get("hanoi"))


def finish(site: Any, log: Any) -> None:
    """Once, after every language: what the pictures cost."""
    if site.pictures is not None:
        log.info(site.pictures.summary())
    if site.share is not None:
        log.info(site.share.summary())
