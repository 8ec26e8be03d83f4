"""Editors' photos: what the pages use, what each photo must carry, and the
problems ``hanoi-info check`` (and the build) report about them.

An editor stores the original (JPEG, PNG or WebP, any size) next to the page,
refers to it from the Markdown of every language with that language's alt
text, and writes a sidecar beside it, ``photo.jpg.yml``::

    credit: Nguyễn Văn A, Sở Du lịch Hà Nội   # who made it (required)
    licence: city-own-work                   # an id of data/licences.yml (required)
    source: City photo archive, 2025          # where the original comes from (required)
    taken: 2025-10-10                         # the date it was taken (required)
    caption:                                  # optional, per language
      vi: Hồ Hoàn Kiếm buổi sáng
      en: Hoàn Kiếm Lake in the morning

A page asks for the photo on its print handout by marking it
``![alt](photo.jpg){ .handout }``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml
from PIL import Image

from hanoi_info.corpus import Corpus, PageRecord
from hanoi_info.outline import scan
from hanoi_info.references import is_external, resolve
from hanoi_info.schema import Problem, ProblemsError

PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")
PHOTO_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
SIDECAR_SUFFIX = ".yml"
LICENCES_FILE = "licences.yml"
# The widths (pixels) of the responsive variants; an original must be at least
# as wide as the largest, so that no variant is an enlargement.
WIDTHS = (480, 960, 1440)
MAX_ORIGINAL_BYTES = 25 * 1024 * 1024
MAX_ORIGINAL_PIXELS = 80_000_000  # larger images are refused before decoding (decompression bombs)
SIDECAR_FIELDS = ("credit", "licence", "source", "taken", "caption")
HANDOUT_MARK = re.compile(r"\{[^}]*\.handout\b[^}]*\}")


class PicturesError(ProblemsError):
    """The photos cannot be published; ``problems`` says why, one line each."""


@dataclass(frozen=True)
class Licence:
    id: str
    url: str | None
    names: dict[str, str]

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names.get("en") or self.id


@dataclass(frozen=True)
class Sidecar:
    credit: str
    licence: str
    source: str
    taken: dt.date
    captions: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Photo:
    path: str  # below docs/: "tourism/lake.jpg"
    file: Path
    sha256: str
    width: int  # after EXIF orientation
    height: int
    format: str  # "JPEG", "PNG", "WEBP"
    bytes: int
    sidecar: Sidecar
    licence: Licence

    @property
    def key(self) -> str:
        """The content hash the published files are named after."""
        return self.sha256[:16]


@dataclass(frozen=True)
class PhotoUse:
    src_path: str  # the page file: "tourism/lake.en.md"
    norm_path: str
    lang: str
    photo: str  # docs path of the photo
    alt: str
    line: int
    handout: bool = False  # { .handout }: print it on the page's handout


@dataclass
class Library:
    photos: dict[str, Photo] = field(default_factory=dict)
    uses: list[PhotoUse] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # paths below docs/

    def uses_in(self, norm_path: str, lang: str) -> list[PhotoUse]:
        return [use for use in self.uses if use.norm_path == norm_path and use.lang == lang and use.photo in self.photos]

    def page_photo(self, norm_path: str, lang: str) -> tuple[Photo, PhotoUse] | None:
        """The page's photo (the first one its text in ``lang`` shows)."""
        for use in self.uses_in(norm_path, lang):
            return self.photos[use.photo], use
        return None

    def handout_photo(self, norm_path: str, lang: str) -> tuple[Photo, PhotoUse] | None:
        for use in self.uses_in(norm_path, lang):
            if use.handout:
                return self.photos[use.photo], use
        return None


# The project's list; a site whose data folder has no licences.yml (the test fixtures) uses it.
PROJECT_LICENCES = Path(__file__).resolve().parents[3] / "data" / LICENCES_FILE


def load_licences(path: Path) -> dict[str, Licence]:
    if not path.exists():
        path = PROJECT_LICENCES
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {
        str(entry["id"]): Licence(str(entry["id"]), entry.get("url"), {str(k): str(v) for k, v in (entry.get("name") or {}).items()})
        for entry in data or []
    }


def is_photo_path(path: str) -> bool:
    return path.lower().endswith(PHOTO_EXTENSIONS)


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


def read_sidecar(path: Path, shown: str, licences: dict[str, Licence], codes: Iterable[str]) -> tuple[Sidecar | None, list[Problem]]:
    """The sidecar of a photo, or the problems that keep it from being published."""
    problems: list[Problem] = []
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return None, [Problem(shown, (mark.line + 1) if mark else 1, f"not valid YAML ({getattr(error, 'problem', error)})")]
    if not isinstance(data, dict):
        return None, [Problem(shown, 1, "expected the fields credit, licence, source and taken (see EDITORS.md, Photos)")]

    def add(key: str, message: str) -> None:
        problems.append(Problem(shown, _line_of(text, key), message))

    def text_field(key: str, what: str) -> str:
        value = data.get(key)
        if not isinstance(value, (str, int)) or not str(value).strip():
            add(key, f"{key}: missing; every photo carries {what}")
            return ""
        return str(value).strip()

    credit = text_field("credit", "a credit (who made it)")
    source = text_field("source", "its source (where the original comes from)")
    licence = data.get("licence")
    if not isinstance(licence, str) or not licence.strip():
        add("licence", "licence: missing; name one of " + ", ".join(licences) + " (data/licences.yml)")
        licence = ""
    elif licence.strip() not in licences:
        add("licence", f"licence: unknown licence '{licence.strip()[:40]}'; use one of " + ", ".join(licences)
            + " (data/licences.yml), or leave the photo out")
    taken = data.get("taken")
    if isinstance(taken, dt.datetime):
        taken = taken.date()
    if not isinstance(taken, dt.date):
        add("taken", "taken: missing; write the date the photo was taken, YYYY-MM-DD")
        taken = None
    captions = data.get("caption") or {}
    codes = tuple(codes)
    if not isinstance(captions, dict):
        add("caption", "caption: expected one line per language, for example 'vi: …'")
        captions = {}
    for lang in captions:
        if lang not in codes:
            add("caption", f"caption: unknown language '{lang}'; use {', '.join(codes)}")
    for key in data:
        if key not in SIDECAR_FIELDS:
            add(str(key), f"{key}: unknown field; a photo's sidecar has {', '.join(SIDECAR_FIELDS)}")
    if problems:
        return None, problems
    assert taken is not None
    return Sidecar(credit, licence.strip(), source, taken, {str(k): str(v).strip() for k, v in captions.items() if v}), []


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _image_size(path: Path) -> tuple[str, int, int]:
    with Image.open(path) as image:
        width, height = image.size
        orientation = image.getexif().get(0x0112, 1)
        if orientation in (5, 6, 7, 8):
            width, height = height, width
        return image.format or "", width, height


def photo_uses(corpus: Corpus, docs_dir: Path) -> list[PhotoUse]:
    """Every reference to a photo (a raster image) in every page, every language."""
    uses = []
    for record in corpus.records():
        # Most pages show no image: skip the line scanner for them (with 1,000
        # pages in six languages it cost 2 s of every build's start).
        if "![" not in record.body and "<img" not in record.body.lower():
            continue
        lines = record.body.split("\n")
        for reference in scan(record.body, record.body_line).images:
            if not reference.target or is_external(reference.target):
                continue
            target = resolve(record, reference.target)
            if isinstance(target, str) or not is_photo_path(target.path):
                continue
            line_text = lines[reference.line - record.body_line] if 0 <= reference.line - record.body_line < len(lines) else ""
            after = line_text.split(f"]({reference.target}", 1)[-1]
            handout = bool(HANDOUT_MARK.match(after.split(")", 1)[-1].lstrip())) if ")" in after else False
            uses.append(PhotoUse(record.src_path, record.norm_path, record.lang, target.path,
                                 reference.text.strip() if reference.has_alt else "", reference.line, handout))
    return uses


def photo_files(docs_dir: Path) -> list[str]:
    return sorted(
        path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*")
        if path.is_file() and is_photo_path(path.name) and not any(p.startswith(".") for p in path.relative_to(docs_dir).parts)
    )


def sidecar_files(docs_dir: Path) -> list[str]:
    return sorted(
        path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*" + SIDECAR_SUFFIX)
        if path.is_file() and is_photo_path(path.name[: -len(SIDECAR_SUFFIX)])
    )


def load_library(corpus: Corpus, docs_dir: Path, data_dir: Path) -> Library:
    """The photos the pages use, with their sidecars, and every problem with
    them (paths below docs/)."""
    library = Library()
    licences = load_licences(data_dir / LICENCES_FILE)
    codes = [language.code for language in corpus.languages]
    library.uses = photo_uses(corpus, docs_dir)
    first_use: dict[str, PhotoUse] = {}
    for use in library.uses:
        first_use.setdefault(use.photo, use)
    files = photo_files(docs_dir)

    for path in files:
        use = first_use.get(path)
        if use is None:
            library.problems.append(Problem(path, 1, "photo not used by any page; refer to it from a page or delete it "
                                                     "(with its sidecar)"))
            continue
        where = (use.src_path, use.line)
        name = posixpath.basename(path)
        file = docs_dir / path
        sidecar_path = file.with_name(file.name + SIDECAR_SUFFIX)
        if not sidecar_path.is_file():
            library.problems.append(Problem(*where, f"photo '{name}' has no credit: write {name}{SIDECAR_SUFFIX} next to it "
                                                    "with credit, licence, source and taken (see EDITORS.md, Photos)"))
            continue
        sidecar, problems = read_sidecar(sidecar_path, path + SIDECAR_SUFFIX, licences, codes)
        library.problems += problems
        size = file.stat().st_size
        if size > MAX_ORIGINAL_BYTES:
            library.problems.append(Problem(*where, f"photo '{name}' is {size / 1048576:.1f} MB, more than the limit of "
                                                    f"{MAX_ORIGINAL_BYTES // 1048576} MB; export it again at a smaller size"))
            continue
        try:
            image_format, width, height = _image_size(file)
        except Exception as error:  # Pillow raises several kinds for unreadable files
            library.problems.append(Problem(*where, f"photo '{name}' cannot be read as an image ({type(error).__name__}); "
                                                    "save it again as JPEG, PNG or WebP"))
            continue
        if image_format not in PHOTO_FORMATS:
            library.problems.append(Problem(*where, f"photo '{name}' is a {image_format or 'unknown'} file; save it as JPEG, PNG or WebP"))
            continue
        if width * height > MAX_ORIGINAL_PIXELS:
            library.problems.append(Problem(*where, f"photo '{name}' has {width}×{height} pixels, more than "
                                                    f"{MAX_ORIGINAL_PIXELS // 1_000_000} megapixels; export it at a smaller size"))
            continue
        if width < WIDTHS[-1]:
            library.problems.append(Problem(*where, f"photo '{name}' is {width} px wide, too small for the largest "
                                                    f"variant ({WIDTHS[-1]} px); use an original at least {WIDTHS[-1]} px wide"))
            continue
        if sidecar is None:
            continue
        library.photos[path] = Photo(path, file, file_sha256(file), width, height, image_format, size, sidecar,
                                     licences[sidecar.licence])

    # Alt text in every language is checked with every other image (hanoi_info.references).
    for sidecar in sidecar_files(docs_dir):
        if not (docs_dir / sidecar[: -len(SIDECAR_SUFFIX)]).is_file():
            library.problems.append(Problem(sidecar, 1, f"sidecar without its image: {posixpath.basename(sidecar[:-len(SIDECAR_SUFFIX)])} "
                                                        "does not exist next to it; add the photo or delete this file"))
    library.problems = sorted(set(library.problems), key=lambda p: (p.path, p.line, p.message))
    return library


def check_pictures(corpus: Corpus, docs_dir: Path, data_dir: Path) -> list[Problem]:
    """What ``hanoi-info check`` reports about photos (paths below docs/)."""
    return load_library(corpus, docs_dir, data_dir).problems


def caption_for(photo: Photo, lang: str) -> str | None:
    return photo.sidecar.captions.get(lang)
