"""Share cards: a 1200×630 image per page and language for Open Graph and
Twitter Cards, drawn with Pillow.

The title is set in the face of its own language (Noto Sans for Vietnamese,
English and French; Noto Sans CJK SC, JP or KR for Chinese, Japanese and
Korean), found through fontconfig (:mod:`hanoi_info.handouts.fonts`), and
shaped by Raqm (HarfBuzz). A face that lacks a character of the text is not
used: the next face that covers every character is (Material's social plugin
draws CJK titles in a Latin face and gets boxes). Lines break between words,
for Chinese and Japanese between characters except before closing and after
opening punctuation (kinsoku), for Korean between words only.

Cards are cached by a hash of everything drawn on them; the same inputs give
the same bytes.
"""

from __future__ import annotations

import hashlib
import re
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from hanoi_info.handouts.fonts import match_fonts
from hanoi_info.pictures import artwork

CARD_VERSION = "1"
WIDTH, HEIGHT = 1200, 630
JADE, JADE_DARK, LACQUER, LOTUS, PAPER = "#1d5a4e", "#143f37", "#a1262b", "#f6dde4", "#fbf6ec"
FAMILIES = {"zh": "Noto Sans CJK SC", "ja": "Noto Sans CJK JP", "ko": "Noto Sans CJK KR"}
LATIN_FAMILY = "Noto Sans"
CJK_BREAK_ANYWHERE = ("zh", "ja")
# Characters a line may not start with, and may not end with (JIS X 4051 / GB kinsoku, abridged).
NO_START = set("、。，．・：；？！ー―‐〜～…‥）」』】〉》〕］｝〙〗’”％‰°℃ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々〻!),.:;?]}")
NO_END = set("（「『【〈《〔［｛〘〖‘“([{")
TITLE_SIZES = (68, 62, 56, 50, 46, 42)
MAX_LINES = 4


@dataclass(frozen=True)
class Face:
    family: str
    file: str
    index: int


@lru_cache(maxsize=None)
def face_for(lang: str) -> Face:
    family = FAMILIES.get(lang, LATIN_FAMILY)
    match = match_fonts((family,), ("Bold",))[0]
    if not match.file:
        raise RuntimeError(f"no font for {family}; install fonts-noto-core and fonts-noto-cjk (make setup)")
    return Face(match.matched_family, match.file, match.index)


@lru_cache(maxsize=None)
def coverage(face: Face) -> frozenset[int]:
    """The code points the face has glyphs for (its cmap, read with fontTools)."""
    from fontTools.ttLib import TTFont

    font = TTFont(face.file, fontNumber=face.index, lazy=True)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


def covering_face(text: str, lang: str) -> Face:
    """The language's face, or the first other one that has every character of ``text``."""
    needed = {ord(char) for char in text if not char.isspace()}
    candidates = [face_for(lang)] + [face_for(code) for code in ("vi", "zh", "ja", "ko") if face_for(code) != face_for(lang)]
    for face in candidates:
        if needed <= coverage(face):
            return face
    return candidates[0]


@lru_cache(maxsize=64)
def font(face: Face, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(face.file, size, index=face.index, layout_engine=ImageFont.Layout.RAQM)


def _tokens(text: str, lang: str) -> list[str]:
    """Units that stay on one line, each with the space that follows it."""
    if lang not in CJK_BREAK_ANYWHERE:
        # Break only at ordinary spaces: a no-break space (French "Parfums\u00a0:") holds.
        words = [word for word in re.split(r"[ \t\n]+", text) if word]
        return [word + " " for word in words[:-1]] + words[-1:]
    tokens: list[str] = []
    for char in text:
        if char in " \t\n":
            if tokens:
                tokens[-1] += " "
            continue
        # Latin words and numbers inside CJK text stay whole.
        if tokens and char.isascii() and char.isalnum() and tokens[-1][-1:].isascii() and tokens[-1][-1:].isalnum():
            tokens[-1] += char
        else:
            tokens.append(char)
    return tokens


def break_lines(text: str, lang: str, fits) -> list[str]:
    """Greedy line breaking with the language's rules; ``fits(line)`` says whether a line fits."""
    tokens = _tokens(text, lang)
    lines: list[list[str]] = [[]]
    for token in tokens:
        line = lines[-1]
        if not line or fits("".join(line + [token]).rstrip()):
            line.append(token)
            continue
        carried: list[str] = []
        # Kinsoku: a closing mark or small kana may not start the next line
        # (carry characters down until it does not), an opening one may not end this one.
        while len(line) > 1 and (carried or [token])[0].strip()[:1] in NO_START:
            carried.insert(0, line.pop())
        while len(line) > 1 and line[-1].strip()[-1:] in NO_END:
            carried.insert(0, line.pop())
        lines.append(carried + [token])
    return ["".join(line).rstrip() for line in lines if line]


@dataclass(frozen=True)
class TitleLayout:
    lines: tuple[str, ...]
    face: Face
    size: int


def layout_title(title: str, lang: str, width: int) -> TitleLayout:
    face = covering_face(title, lang)
    for size in TITLE_SIZES:
        chosen = font(face, size)
        lines = break_lines(title, lang, lambda line: chosen.getlength(line, language=lang) <= width)
        if len(lines) <= MAX_LINES and all(chosen.getlength(line, language=lang) <= width for line in lines):
            return TitleLayout(tuple(lines), face, size)
    return TitleLayout(tuple(lines), face, TITLE_SIZES[-1])


@dataclass(frozen=True)
class CardInput:
    title: str
    lang: str  # the language of the title
    label: str  # the topic, in the reader's language ("" for none)
    site_name: str
    ui_lang: str  # the reader's language
    art: str  # the artwork's name
    photo_key: str | None = None  # the background photo's content hash

    def key(self) -> str:
        faces = [face_for(self.lang), face_for(self.ui_lang)]
        fonts = [f"{face.file}:{face.index}:{Path(face.file).stat().st_size}" for face in faces]
        art = artwork.svg_file(self.art).read_bytes() if not self.photo_key else b""
        text = "\0".join([CARD_VERSION, self.title, self.lang, self.label, self.site_name, self.ui_lang, self.art,
                          self.photo_key or "", *fonts])
        return hashlib.sha256(text.encode() + hashlib.sha256(art).digest()).hexdigest()[:20]


def _mark(image: Image.Image, x: int, y: int, size: int) -> None:
    """The site's mark (the favicon's lotus) at ``size`` pixels."""
    image.alpha_composite(artwork.rasterise_file(artwork.ARTWORK_DIR.parent / "favicon.svg", size, size), (x, y))


def render_card(card: CardInput, background: Image.Image | None = None) -> Image.Image:
    """The card as an RGB image; ``background``: the page's photo (clean pixels)."""
    image = Image.new("RGBA", (WIDTH, HEIGHT), JADE)
    text_width = 660
    if background is not None:
        scale = max(WIDTH / background.width, HEIGHT / background.height)
        photo = background.resize((round(background.width * scale), round(background.height * scale)), Image.Resampling.LANCZOS)
        left, top = (photo.width - WIDTH) // 2, (photo.height - HEIGHT) // 2
        image.paste(photo.crop((left, top, left + WIDTH, top + HEIGHT)).convert("RGBA"))
        # A jade veil, dense behind the text, so that it reads on any photo.
        veil = Image.linear_gradient("L").rotate(90, expand=True).resize((WIDTH, HEIGHT))
        veil = veil.point(lambda v: round(235 - v * 0.55))
        shade = Image.new("RGBA", (WIDTH, HEIGHT), JADE_DARK)
        shade.putalpha(veil)
        image.alpha_composite(shade)
        text_width = 760
    else:
        art = artwork.rasterise(card.art, 520, HEIGHT)
        image.alpha_composite(art, (WIDTH - 520, 0))
        fade = Image.linear_gradient("L").rotate(90, expand=True).resize((120, HEIGHT)).point(lambda v: 255 - v)
        band = Image.new("RGBA", (120, HEIGHT), JADE)
        band.putalpha(fade)
        image.alpha_composite(band, (WIDTH - 520, 0))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 10), fill=LACQUER)
    x = 72
    if card.label:
        label_font = font(covering_face(card.label, card.ui_lang), 30)
        draw.text((x, 64), card.label, font=label_font, fill=LOTUS, language=card.ui_lang)
    layout = layout_title(card.title, card.lang, text_width)
    title_font = font(layout.face, layout.size)
    line_height = round(layout.size * 1.28)
    y = 130 + max(0, (MAX_LINES - len(layout.lines)) * line_height // 3)
    for line in layout.lines:
        draw.text((x, y), line, font=title_font, fill="#ffffff", language=card.lang)
        y += line_height
    _mark(image, x, HEIGHT - 108, 56)
    name_font = font(covering_face(card.site_name, card.ui_lang), 28)
    draw.text((x + 76, HEIGHT - 94), card.site_name, font=name_font, fill=PAPER, language=card.ui_lang)
    return image.convert("RGB")


def encode_card(image: Image.Image, photo: bool) -> tuple[bytes, str]:
    buffer = io.BytesIO()
    if photo:
        image.save(buffer, "JPEG", quality=86, optimize=True, progressive=True)
        return buffer.getvalue(), "jpg"
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue(), "png"
