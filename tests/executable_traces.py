"""An independent reader of published files that finds anything a browser
would run: written for the tests, without the project's policy tables, so a
mistake in those tables cannot hide itself."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path

RUNNING_ELEMENTS = {"script", "iframe", "object", "embed", "frame", "frameset", "applet", "base", "meta", "form",
                    "svg", "math", "link", "style"}
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "xlink:href", "data", "poster", "background",
                  "cite", "ping"}
# The URL standard: tab and newline are removed anywhere, spaces and controls only at the ends.
_IGNORED = re.compile(r"[\t\n\r]")
_ENDS = "".join(map(chr, range(0x21)))


class _Scanner(HTMLParser):
    def __init__(self, marker: str) -> None:
        super().__init__(convert_charrefs=True)
        self.marker = marker
        self.found: list[str] = []
        self._inside: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in RUNNING_ELEMENTS:
            self._inside = tag
            if any(self.marker in (value or "") for _, value in attrs):
                self.found.append(f"<{tag}> with {self.marker}")
        for name, value in attrs:
            value = value or ""
            compact = _IGNORED.sub("", value).strip(_ENDS).lower()
            if name.startswith("on") and self.marker in value:
                self.found.append(f"{name}= on <{tag}>")
            # srcset lists several addresses; every other attribute holds one.
            addresses = [part.strip(_ENDS) for part in compact.split(",")] if name == "srcset" else [compact]
            if name in URL_ATTRIBUTES and any(re.match(r"(javascript|vbscript|data):", address) for address in addresses) and (
                    self.marker in value or "base64" in compact):
                self.found.append(f"{name}={value[:40]!r} on <{tag}>")
            if name == "style" and ("url(" in compact or "expression(" in compact) and self.marker in value:
                self.found.append(f"style={value[:40]!r} on <{tag}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == self._inside:
            self._inside = None

    def handle_data(self, data):
        if self._inside in ("script", "style") and self.marker in data:
            self.found.append(f"<{self._inside}> running {self.marker}")


def html_traces(html: str, marker: str) -> list[str]:
    scanner = _Scanner(marker)
    scanner.feed(html)
    scanner.close()
    return scanner.found


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def file_traces(path: Path, marker: str) -> list[str]:
    """Executable traces of ``marker`` in one published file, read as its type."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if marker not in text and "base64" not in text:
        return []
    suffix = path.suffix
    if suffix == ".html":
        return html_traces(text, marker)
    if suffix == ".json":
        return [trace for string in _strings(json.loads(text)) for trace in html_traces(string, marker)]
    if suffix in (".xml", ".rss"):
        root = ElementTree.fromstring(text)
        return [trace for element in root.iter() for part in (element.text, element.tail) if part
                for trace in html_traces(part, marker)]
    if suffix == ".ics":
        return [f"iCalendar carries {marker}"] if "<script" in text.lower() else []
    return []
