"""Where the embeds, feeds and API documents live in the built site.

Every function returns a site-relative path (no leading slash), like
:func:`hanoi_info.corpus.page_url`; directory URLs end with a slash and are
written as ``index.html`` inside that folder. Pages are keyed by their
Vietnamese source path (embed views, which mirror the page's address) or by
their stable ``id`` (JSON documents, which must survive a file moving)."""

from __future__ import annotations

from pathlib import Path

from hanoi_info.corpus import page_url
from hanoi_info.languages import Language

API_VERSION = 1
API_ROOT = f"api/v{API_VERSION}/"
EMBED_ROOT = "embed/"
OEMBED_ROOT = "oembed/"
FEEDS_ROOT = "feeds/"
# Theme files (overrides/assets/...), copied by MkDocs like hanoi.css.
LOADER_SCRIPT = "assets/javascripts/embed.js"
FRAME_SCRIPT = "assets/javascripts/embed-frame.js"
EMBED_STYLESHEET = "assets/stylesheets/embed.css"
SITE_STYLESHEET = "assets/stylesheets/hanoi.css"
SCHEMA_FILE = "api-v1.schema.json"

# Feed file names below feeds/<lang>/.
UPDATES_RSS = "updates.xml"
UPDATES_JSON = "updates.json"
EVENTS_RSS = "events.xml"
EVENTS_JSON = "events.json"
EVENTS_ICS = "events.ics"


def embed_path(norm_path: str, language: Language) -> str:
    """"embed/en/tourism/lake/"; the Vietnamese original is "embed/vi/tourism/lake/"."""
    url = page_url(norm_path, language)
    return f"{EMBED_ROOT}{language.code}/{url[len(language.url_prefix):]}"


def oembed_path(page_id: str, lang: str) -> str:
    return f"{OEMBED_ROOT}{lang}/{page_id}.json"


def api_root_path() -> str:
    return f"{API_ROOT}index.json"


def api_schema_path() -> str:
    return f"{API_ROOT}{SCHEMA_FILE}"


def api_index_path(lang: str) -> str:
    return f"{API_ROOT}{lang}/index.json"


def api_page_path(page_id: str, lang: str) -> str:
    return f"{API_ROOT}{lang}/pages/{page_id}.json"


def feed_path(lang: str, name: str) -> str:
    return f"{FEEDS_ROOT}{lang}/{name}"


def relative_root(path: str) -> str:
    """From the page at ``path`` ("embed/en/tourism/lake/") back to the site root ("../../../../")."""
    folder = path if path.endswith("/") else path[: path.rfind("/") + 1]
    return "../" * folder.count("/")


def output_file(site_dir: Path, path: str) -> Path:
    """The file that serves ``path``: a directory URL is its folder's index.html."""
    return site_dir / (path + "index.html" if path.endswith("/") or not path else path)


def write_text(site_dir: Path, path: str, text: str) -> Path:
    target = output_file(site_dir, path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8", newline="")
    return target
