"""What a page's Markdown contains, with the file line of each part: headings,
links, images, raw HTML an editor should not write, and the anchors (``id``
attributes) the rendered page will have.

Links and headings are read by a line scanner that knows fenced code, inline
code, HTML comments and reference definitions, so that each problem can name
its line. Anchors come from rendering the page with the site's own Markdown
extensions (``toc`` slugifies headings exactly as the build will).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

import markdown

# Extensions MkDocs always adds before the ones of mkdocs.yml.
MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# Python-Markdown needs neither a space after the hashes nor allows spaces before them.
ATX_HEADING = re.compile(r"^(#{1,6})(?!#)(.*?)#*[ \t]*$")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
ATTR_LIST = re.compile(r"[ \t]*\{:?[ \t]*([^}]*)\}[ \t]*$")
ATTR_ID = re.compile(r"(?:^|\s)#([^\s}]+)")
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:[ \t]*(<[^>]*>|\S+)")
CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
ESCAPED = re.compile(r"\\[\\`*_{}\[\]()#+\-.!<>|]")
# [text](target "title") and ![alt](target); one level of nested brackets and parentheses.
INLINE = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]"
    r"\(\s*(?P<target><[^>\n]*>|(?:[^\s()]|\([^\s()]*\))*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
REFERENCE_USE = re.compile(r"(?P<bang>!?)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\[(?P<ref>[^\]]*)\]")
HTML_TAG = re.compile(r"<(?P<name>a|img)\b(?P<attrs>[^>]*)>", re.IGNORECASE)
HTML_ATTR = re.compile(r"""(?P<name>[\w:-]+)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'>]+))""")
ID_ATTRIBUTE = re.compile(r"""<[a-zA-Z][^>]*?\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""")
NAME_ANCHOR = re.compile(r"""<a\b[^>]*?\sname\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int  # file line


@dataclass(frozen=True)
class Reference:
    """A link or an image as written in the page."""

    kind: Literal["link", "image"]
    target: str  # as written, without <> and title
    line: int  # file line
    text: str  # link text or alt text
    has_alt: bool = True  # images: an alt text was given (HTML <img> may omit it)
    reference: str | None = None  # "[text][ref]": the undefined reference name


@dataclass(frozen=True)
class Outline:
    headings: tuple[Heading, ...]
    references: tuple[Reference, ...]
    undefined_references: tuple[tuple[int, str], ...] = ()

    @property
    def links(self) -> tuple[Reference, ...]:
        return tuple(item for item in self.references if item.kind == "link")

    @property
    def images(self) -> tuple[Reference, ...]:
        return tuple(item for item in self.references if item.kind == "image")

    def section_of(self, line: int, level: int = 2) -> int:
        """Index of the ``level`` section a line is in (0 before the first heading)."""
        index = 0
        for heading in self.headings:
            if heading.level == level:
                if heading.line > line:
                    break
                index += 1
        return index


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def _strip_code_spans(line: str) -> str:
    return CODE_SPAN.sub(_blank, line)


def _clean_target(raw: str) -> str:
    raw = raw.strip()
    if raw.startswith("<") and raw.endswith(">"):
        raw = raw[1:-1]
    return html.unescape(raw.strip())


def _plain(text: str) -> str:
    """Heading or alt text without Markdown emphasis and link syntax."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`]+", "", text)
    return text.strip()


def _attrs(raw: str) -> dict[str, str]:
    return {
        match.group("name").lower(): html.unescape(match.group("dq") or match.group("sq") or match.group("bare") or "")
        for match in HTML_ATTR.finditer(raw)
    }


@lru_cache(maxsize=8192)
def scan(body: str, first_line: int = 1) -> Outline:
    """Headings, links and images of a Markdown body whose
    first line is ``first_line`` of its file."""
    lines = body.split("\n")
    headings: list[Heading] = []
    references: list[Reference] = []
    definitions: dict[str, tuple[str, int]] = {}
    uses: list[tuple[str, str, str, int]] = []  # (bang, text, ref, line)
    fence: str | None = None
    in_comment = False
    previous_text: tuple[str, int] | None = None  # a paragraph line that a setext underline would make a heading

    for index, raw_line in enumerate(lines):
        number = first_line + index
        line = raw_line.rstrip("\r")
        if fence is not None:
            if re.match(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", line):
                fence = None
            continue
        opening = FENCE.match(line)
        if opening:
            fence = opening.group(1)
            previous_text = None
            continue
        if in_comment:
            if "-->" in line:
                in_comment = False
                line = " " * (line.index("-->") + 3) + line[line.index("-->") + 3:]
            else:
                continue
        # Comments on one line, then a comment that opens here and closes later.
        line = re.sub(r"<!--.*?-->", _blank, line)
        if "<!--" in line:
            in_comment = True
            line = line[: line.index("<!--")]
        if not line.strip():
            previous_text = None
            continue

        heading = ATX_HEADING.match(line)
        if heading:
            text = ATTR_LIST.sub("", heading.group(2) or "")
            headings.append(Heading(len(heading.group(1)), _plain(text), number))
            previous_text = None
        elif previous_text is not None and SETEXT_UNDERLINE.match(line):
            text, text_line = previous_text
            headings.append(Heading(1 if line.strip().startswith("=") else 2, _plain(ATTR_LIST.sub("", text)), text_line))
            previous_text = None
            continue
        else:
            stripped = line.lstrip()
            is_block_start = stripped.startswith((">", "|", "<", "- ", "* ", "+ ", "!!!", "???")) or re.match(r"\d+[.)]\s", stripped)
            previous_text = None if is_block_start or line.startswith("    ") else (line.strip(), number)

        definition = REFERENCE_DEFINITION.match(line)
        if definition and not definition.group(1).startswith("^"):
            definitions[definition.group(1).strip().lower()] = (_clean_target(definition.group(2)), number)
            continue

        visible = ESCAPED.sub(_blank, _strip_code_spans(line))
        for match in INLINE.finditer(visible):
            target = _clean_target(line[match.start("target"):match.end("target")])
            kind = "image" if match.group("bang") else "link"
            text = line[match.start("text"):match.end("text")]
            references.append(Reference(kind, target, number, _plain(text)))
            # Images inside a link's text: [![alt](img.svg)](page.md)
            for inner in INLINE.finditer(visible, match.start("text"), match.end("text")):
                inner_target = _clean_target(line[inner.start("target"):inner.end("target")])
                references.append(Reference("image" if inner.group("bang") else "link", inner_target, number,
                                            _plain(line[inner.start("text"):inner.end("text")])))
        without_inline = INLINE.sub(_blank, visible)
        for match in REFERENCE_USE.finditer(without_inline):
            uses.append((match.group("bang"), match.group("text"), match.group("ref") or match.group("text"), number))
        for match in HTML_TAG.finditer(_strip_code_spans(line)):
            attrs = _attrs(match.group("attrs"))
            if match.group("name").lower() == "img":
                references.append(Reference("image", attrs.get("src", ""), number, attrs.get("alt", ""), "alt" in attrs))
            elif "href" in attrs:
                references.append(Reference("link", attrs["href"], number, ""))

    used_as_link: set[str] = set()
    undefined: list[tuple[int, str]] = []
    for bang, text, ref, number in uses:
        key = ref.strip().lower()
        if key not in definitions:
            undefined.append((number, ref))
            continue
        target, _ = definitions[key]
        if bang:
            references.append(Reference("image", target, number, _plain(text)))
        else:
            used_as_link.add(key)
    for key, (target, number) in definitions.items():
        if key in used_as_link or not any(ref.strip().lower() == key for _, _, ref, _ in uses):
            references.append(Reference("link", target, number, key))
    references.sort(key=lambda item: item.line)
    return Outline(tuple(headings), tuple(references), tuple(undefined))


@dataclass(frozen=True)
class MarkdownSettings:
    """The Markdown extensions of the site, as MkDocs configures them."""

    extensions: tuple[Any, ...] = MKDOCS_BUILTIN_EXTENSIONS
    configs: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return repr((self.extensions, sorted((name, repr(value)) for name, value in self.configs.items())))

    @classmethod
    def from_mkdocs(cls, extensions: list[Any], configs: dict[str, Any]) -> "MarkdownSettings":
        names = list(MKDOCS_BUILTIN_EXTENSIONS)
        for extension in extensions:
            if extension not in names:
                names.append(extension)
        return cls(tuple(names), {name: dict(value or {}) for name, value in (configs or {}).items()})

    @classmethod
    def from_yaml(cls, value: Any) -> "MarkdownSettings":
        """From the raw ``markdown_extensions`` list of mkdocs.yml."""
        names: list[Any] = []
        configs: dict[str, dict[str, Any]] = {}
        for item in value or []:
            if isinstance(item, str):
                names.append(item)
            elif isinstance(item, dict):
                for name, options in item.items():
                    names.append(name)
                    configs[name] = dict(options or {})
        return cls.from_mkdocs(names, configs)


_SETTINGS: dict[str, MarkdownSettings] = {}


@lru_cache(maxsize=16)
def _renderer(key: str) -> markdown.Markdown:
    settings = _SETTINGS[key]
    configs = {name: dict(value) for name, value in settings.configs.items()}
    # The permalink symbol adds nothing to the ids; keep rendering cheap.
    configs.setdefault("toc", {})["permalink"] = False
    return markdown.Markdown(extensions=list(settings.extensions), extension_configs=configs)


@lru_cache(maxsize=8192)
def _rendered(key: str, body: str) -> str | None:
    renderer = _renderer(key)
    renderer.reset()
    try:
        return renderer.convert(body)
    except Exception:  # noqa: BLE001 - a page Markdown cannot render is reported by the build itself
        return None


def rendered(body: str, settings: MarkdownSettings) -> str | None:
    """The page's Markdown as the site's extensions render it (None if it cannot be rendered)."""
    key = settings.key
    _SETTINGS.setdefault(key, settings)
    return _rendered(key, body)


def anchors_in(output: str | None) -> frozenset[str]:
    """The ``id`` (and ``<a name>``) values of a rendered page's HTML."""
    if output is None:
        return frozenset()
    ids = {match.group(1) if match.group(1) is not None else match.group(2) for match in ID_ATTRIBUTE.finditer(output)}
    ids |= {match.group(1) if match.group(1) is not None else match.group(2) for match in NAME_ANCHOR.finditer(output)}
    return frozenset(html.unescape(value) for value in ids if value)
