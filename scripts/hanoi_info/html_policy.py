"""What the sanitizer (:mod:`hanoi_info.sanitize`) would remove from a page,
found before publishing, with the file line where it starts.

Raw HTML in a Markdown page is read by an HTML tokenizer (the standard
library's ``html.parser``), not line by line: a tag may span lines, use any
letter case, unquoted attributes or character references
(``&#106;avascript:``); the tokenizer decodes them as a browser does, and
reports where each tag starts. Code (fenced blocks and inline code spans) is
blanked first: it is shown as text, never run.

Markdown itself can write attributes (``{: onclick=... }`` through
``attr_list``) and addresses (``[x](javascript:...)``). So the page is also
checked as rendered HTML; what that finds beyond the raw HTML is reported on
the line that holds its text.

Both use the sanitizer's own tables, so what passes here passes there intact,
and what is reported here is exactly what the site would remove.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

from hanoi_info.sanitize import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    STYLE_PROPERTIES,
    URL_ATTRIBUTES,
    URL_SCHEMES,
    address_scheme,
    srcset_addresses,
)

# Elements that run or load something; named as such in the message.
ACTIVE_ELEMENTS = frozenset({"script", "iframe", "object", "embed", "frame", "frameset", "form", "style", "link",
                             "meta", "base", "applet", "svg", "math", "template", "input", "button", "textarea",
                             "select", "noscript"})
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)


@dataclass(frozen=True)
class Violation:
    """Something the sanitizer removes: a whole element, an attribute, or an address."""

    kind: str  # "element" | "event" | "attribute" | "address" | "style"
    tag: str
    detail: str  # attribute name, scheme or CSS property
    line: int = 0  # 1-based line in the text given to the tokenizer (0: unknown)

    @property
    def signature(self) -> tuple[str, str, str]:
        return (self.kind, self.tag, self.detail)

    def message(self) -> str:
        if self.kind == "element":
            if self.tag in ACTIVE_ELEMENTS:
                return (f"raw HTML <{self.tag}> is not allowed in a page: it would run or load something in the "
                        "reader's browser; use Markdown")
            return f"raw HTML <{self.tag}> is removed from the published page; write it in Markdown instead"
        if self.kind == "event":
            return (f"raw HTML with an event attribute '{self.detail}=' is not allowed: it runs code in the reader's "
                    "browser; remove it")
        if self.kind == "address":
            return (f"raw HTML with a {self.detail}: address is not allowed; link to a page or a web address "
                    "(https://...)")
        if self.kind == "style":
            return (f"inline style '{self.detail}' on <{self.tag}> is removed from the published page (only "
                    "text-align in tables is kept); remove the style attribute")
        return f"attribute '{self.detail}' on <{self.tag}> is removed from the published page; remove it"


def _style_properties(value: str) -> list[str]:
    names = []
    for declaration in value.split(";"):
        name, _, rest = declaration.partition(":")
        name = name.strip().lower()
        if not name and not rest.strip():
            continue
        names.append(name or declaration.strip())
    return names


def attribute_violations(tag: str, attrs: list[tuple[str, str | None]], line: int = 0) -> list[Violation]:
    found: list[Violation] = []
    allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, frozenset())
    for name, value in attrs:
        name = name.lower()
        value = value or ""
        if name.startswith("on"):
            found.append(Violation("event", tag, name, line))
        elif name == "style":
            unsafe = "url(" in value.lower() or "expression(" in value.lower() or "\\" in value
            for prop in _style_properties(value):
                if name not in allowed or prop not in STYLE_PROPERTIES or unsafe:
                    found.append(Violation("style", tag, prop, line))
                    break
        elif name not in allowed:
            found.append(Violation("attribute", tag, name, line))
        elif name in URL_ATTRIBUTES:
            candidates = srcset_addresses(value) if name == "srcset" else [value]
            for candidate in candidates:
                scheme = address_scheme(candidate)
                if scheme is not None and scheme not in URL_SCHEMES:
                    found.append(Violation("address", tag, scheme, line))
                    break
    return found


class _Walker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.violations: list[Violation] = []

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag not in ALLOWED_TAGS:
            self.violations.append(Violation("element", tag, "", line))
            return
        self.violations.extend(attribute_violations(tag, attrs, line))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)


def html_violations(html: str) -> list[Violation]:
    """Everything the sanitizer would remove from ``html``, in document order."""
    walker = _Walker()
    walker.feed(html)
    walker.close()
    return walker.violations


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def without_code(markdown_text: str) -> str:
    """The Markdown with fenced code blocks and inline code spans replaced by
    spaces (line numbers and columns unchanged)."""
    lines = markdown_text.split("\n")
    fence: str | None = None
    for index, line in enumerate(lines):
        if fence is not None:
            if re.match(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", line):
                fence = None
            lines[index] = " " * len(line)
            continue
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group(1)
            lines[index] = " " * len(line)
    return _CODE_SPAN.sub(_blank, "\n".join(lines))


def _line_of(detail: str, body_lines: list[str], first_line: int) -> int:
    """The file line of the first body line that mentions ``detail`` (case-insensitive)."""
    needle = detail.lower()
    for index, line in enumerate(body_lines):
        if needle and needle in line.lower():
            return first_line + index
    return first_line


def page_violations(body: str, first_line: int, rendered_html: str | None) -> list[Violation]:
    """What the sanitizer would remove from a page whose Markdown body starts
    on ``first_line`` of its file; lines are file lines."""
    raw = [Violation(v.kind, v.tag, v.detail, first_line + v.line - 1) for v in html_violations(without_code(body))]
    if rendered_html is None:
        return raw
    unexplained = Counter(v.signature for v in html_violations(rendered_html))
    unexplained.subtract(Counter(v.signature for v in raw))
    body_lines = body.split("\n")
    extra = []
    for violation in html_violations(rendered_html):
        if unexplained[violation.signature] > 0:
            unexplained[violation.signature] -= 1
            extra.append(Violation(violation.kind, violation.tag, violation.detail,
                                   _line_of(violation.detail or violation.tag, body_lines, first_line)))
    return sorted(raw + extra, key=lambda v: v.line)
