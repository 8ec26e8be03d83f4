"""Where a place page's place is: its coordinates, with a source, and what the
site makes of them (a directions link, a QR code on the kiosk, structured data).

A Vietnamese page declares its place at the end of its front matter; its
translations inherit it (they never repeat it)::

    place:
      type: Airport                 # a schema.org type (data/places.yml lists them)
      lat: 21.214                   # WGS 84 decimal degrees, as the source gives them
      lon: 105.803
      source: {title: ..., url: https://..., checked: YYYY-MM-DD}

``data/places.yml`` says which pages must declare one (by permanent page id)
and the box every coordinate must fall in; ``hanoi-info check`` and the build
report a missing place, coordinates outside the box, an unknown type, or a
place on a translation, one line each.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from hanoi_info.corpus import Corpus
from hanoi_info.schema import Problem, Source, field_line, front_matter_lines

PLACES_FILE = "places.yml"
OSM_ZOOM = 17


class PlaceRulesError(ValueError):
    """data/places.yml cannot be used; the message names the field and the fix."""


@dataclass(frozen=True)
class Area:
    south: float
    north: float
    west: float
    east: float

    def contains(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east


@dataclass(frozen=True)
class PlaceRules:
    area: Area
    types: tuple[str, ...]
    pages: tuple[str, ...]  # ids of the pages that must declare a place


@dataclass(frozen=True)
class Place:
    type: str
    lat: float
    lon: float
    source: Source

    @property
    def geo_uri(self) -> str:
        """RFC 5870: phones open it in their own map application."""
        return f"geo:{self.lat},{self.lon}"

    @property
    def osm_url(self) -> str:
        """The place on OpenStreetMap (a marker; its page offers directions)."""
        return f"https://www.openstreetmap.org/?mlat={self.lat}&mlon={self.lon}#map={OSM_ZOOM}/{self.lat}/{self.lon}"


def load_rules(data_dir: Path) -> PlaceRules | None:
    """The rules of ``data/places.yml``, or None where the project has none."""
    path = data_dir / PLACES_FILE
    if not path.exists():
        return None
    shown = f"{data_dir.name}/{PLACES_FILE}"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise PlaceRulesError(f"{shown}: not valid YAML: {error}") from None
    if not isinstance(raw, dict):
        raise PlaceRulesError(f"{shown}: expected a mapping with area, types and pages")
    area = raw.get("area")
    keys = ("south", "north", "west", "east")
    if not isinstance(area, dict) or any(not isinstance(area.get(key), (int, float)) for key in keys):
        raise PlaceRulesError(f"{shown}: area: give south, north, west and east in decimal degrees")
    types, pages = raw.get("types"), raw.get("pages")
    if not isinstance(types, list) or not all(isinstance(item, str) for item in types):
        raise PlaceRulesError(f"{shown}: types: expected a list of schema.org type names")
    if not isinstance(pages, list) or not all(isinstance(item, str) for item in pages):
        raise PlaceRulesError(f"{shown}: pages: expected a list of page ids")
    return PlaceRules(Area(*(float(area[key]) for key in keys)), tuple(types), tuple(pages))


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def parse_place(value: Any, rules: PlaceRules | None, report) -> Place | None:
    """The page's place, or None after ``report(message)`` for every problem."""
    if not isinstance(value, dict):
        report("place: expected a mapping with type, lat, lon and source")
        return None
    ok = True
    for key in value:
        if key not in ("type", "lat", "lon", "source"):
            report(f"place.{key}: unknown field; use type, lat, lon and source")
            ok = False
    place_type = value.get("type")
    allowed = rules.types if rules else ()
    if not isinstance(place_type, str) or (allowed and place_type not in allowed):
        report(f"place.type: expected one of {', '.join(allowed) or 'a schema.org type'}, got {place_type!r}; "
               "add a new type to data/places.yml first")
        ok = False
    lat, lon = _number(value.get("lat")), _number(value.get("lon"))
    if lat is None or lon is None:
        report("place: lat and lon: give both as decimal degrees (lat: 21.0288, lon: 105.8525), "
               "as the source gives them")
        return None
    if rules and not rules.area.contains(lat, lon):
        box = rules.area
        report(f"place: {lat}, {lon} is outside Hà Nội ({box.south}–{box.north} N, {box.west}–{box.east} E); "
               "check the source, and that latitude and longitude are not swapped")
        ok = False
    source = value.get("source")
    checked = source.get("checked") if isinstance(source, dict) else None
    if isinstance(checked, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", checked):
        checked = dt.date.fromisoformat(checked)
    url = source.get("url") if isinstance(source, dict) else None
    title = source.get("title") if isinstance(source, dict) else None
    if (not isinstance(title, str) or not title.strip() or not isinstance(url, str)
            or urlsplit(url).scheme not in ("http", "https") or not isinstance(checked, dt.date)):
        report("place.source: give the source of the coordinates: {title: ..., url: https://..., checked: YYYY-MM-DD}")
        return None
    if not ok:
        return None
    return Place(place_type, lat, lon, Source(title.strip(), url, checked))


def page_place(corpus: Corpus, norm_path: str, rules: PlaceRules | None = None) -> Place | None:
    """The place of a page in any language: the Vietnamese page's declaration."""
    record = corpus.get(norm_path, corpus.source_language.code)
    if record is None or "place" not in record.meta.extra:
        return None
    return parse_place(record.meta.extra["place"], rules, lambda message: None)


def check_places(corpus: Corpus, rules: PlaceRules | None, docs_dir: Path) -> list[Problem]:
    """Every place problem, with paths relative to ``docs_dir`` (like the corpus')."""
    problems: list[Problem] = []
    required = set(rules.pages) if rules else set()
    found: set[str] = set()
    for record in corpus.records():
        if "place" not in record.meta.extra:
            continue
        text = (docs_dir / record.src_path).read_text(encoding="utf-8")
        line = field_line(front_matter_lines(text), "place")
        if record.lang != corpus.source_language.code:
            problems.append(Problem(record.src_path, line,
                                    "place: translations inherit the place of the Vietnamese page; remove it here"))
            continue
        found.add(record.meta.id)
        parse_place(record.meta.extra["place"], rules,
                    lambda message: problems.append(Problem(record.src_path, line, message)))
    ids = {record.meta.id: record for record in corpus.records(corpus.source_language.code)}
    for page_id in sorted(required - found):
        record = ids.get(page_id)
        if record is not None:
            problems.append(Problem(record.src_path, 1,
                                    "place: missing; this is a place page (data/places.yml): add a 'place:' block with "
                                    "type, lat, lon and source at the end of the front matter"))
    return problems
