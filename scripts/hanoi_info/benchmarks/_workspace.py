"""Workspaces for the site benchmark: a synthetic site that looks like the real
one, or a copy of the real site, each in its own folder with three MkDocs
configurations that build the same pages:

* ``ours.yml``: ``INHERIT:`` the project's ``mkdocs.yml``, nothing overridden,
  so the build runs exactly the plugin list and options that file has when the
  benchmark runs (MkDocs' own loader reads it, ``!ENV`` tags included);
* ``site-only.yml``: the same, with the plugin list cut down to what the plain
  stack does (``hanoi``, ``search``, ``hanoi-i18n``, with the project's options);
* ``plain.yml``: the same file with the stock stack instead: Material (no
  custom templates, no extra CSS), ``search`` and mkdocs-static-i18n with the
  same languages.

The project's ``locales/``, ``overrides/`` and ``data/`` (events, glossary,
held sources) are linked into the workspace, so relative paths in the plugin
options resolve to the project's files; the workspace has its own caches
(``.cache/``), and a synthetic site has its own ``data/page-ids.yml`` and
QR registry (the project's list the real pages' ids).
"""

from __future__ import annotations

import shutil
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[3]
PROJECT_CONFIG = ROOT / "mkdocs.yml"
# What "site only" keeps of the plugin list: what plain Material + static-i18n does.
SITE_ONLY_PLUGINS = ("hanoi", "search", "material/search", "hanoi-i18n")
# Files of data/ that describe the pages themselves: a synthetic site has its own.
PAGE_BOUND_DATA = ("page-ids.yml", "qr-registry.yml")
# Top-level entries of the project that are never linked into a workspace.
NOT_LINKED = {"docs", "data", "site", "mkdocs.yml"}

UPDATED = dt.date(2026, 11, 30)
# Synthetic pages beyond this index are not on the kiosk (see synthetic_site).
KIOSK_PAGES_LIMIT = 750
TOPICS = ("arriving", "tourism", "culture", "investment", "asean", "events")
SENTENCES = {
    "vi": ("Hà Nội là thủ đô của Việt Nam, nơi hội tụ những giá trị văn hóa nghìn năm.",
           "Du khách có thể tìm hiểu thêm tại các điểm thông tin du lịch của thành phố.",
           "Thành phố khuyến khích đầu tư vào công nghệ cao và hạ tầng xanh."),
    "en": ("Hà Nội is the capital of Việt Nam, a meeting place of a thousand years of culture.",
           "Visitors can learn more at the city's tourist information points.",
           "The city encourages investment in high technology and green infrastructure."),
    "fr": ("Hà Nội est la capitale du Việt Nam, où se rencontrent mille ans de culture.",
           "Les visiteurs peuvent en savoir plus aux points d'information touristique de la ville.",
           "La ville encourage l'investissement dans la haute technologie et les infrastructures vertes."),
    "zh": ("河内是越南的首都，汇聚了千年的文化价值。", "游客可以在城市的旅游信息点了解更多。", "该市鼓励投资高科技和绿色基础设施。"),
    "ja": ("ハノイはベトナムの首都で、千年の文化が息づく街です。", "旅行者は市内の観光案内所で詳しく知ることができます。",
           "市はハイテクとグリーンインフラへの投資を奨励しています。"),
    "ko": ("하노이는 베트남의 수도로 천 년의 문화가 어우러진 도시입니다.", "방문객은 시내 관광 안내소에서 더 자세히 알아볼 수 있습니다.",
           "시는 첨단 기술과 친환경 기반 시설에 대한 투자를 장려합니다."),
}
HEADINGS = {"vi": "Phần", "en": "Section", "fr": "Partie", "zh": "部分", "ja": "セクション", "ko": "섹션"}
TABLE = {
    "vi": ("Địa điểm", "Giờ mở cửa", "Ghi chú"), "en": ("Place", "Opening hours", "Notes"),
    "fr": ("Lieu", "Horaires", "Remarques"), "zh": ("地点", "开放时间", "备注"), "ja": ("場所", "開館時間", "備考"),
    "ko": ("장소", "운영 시간", "비고"),
}
EVENTS_HEADINGS = {
    "vi": ("Các sự kiện trong năm", "Các ngày kỷ niệm"), "en": ("Events of the year", "Anniversaries"),
    "fr": ("Les événements de l'année", "Les anniversaires"), "zh": ("全年活动", "纪念日"),
    "ja": ("年間行事", "記念日"), "ko": ("연중 행사", "기념일"),
}


@dataclass(frozen=True)
class Workspace:
    root: Path
    label: str
    pages: int  # pages per language (the real site: its number of Vietnamese pages)
    languages: tuple[str, ...]
    plugins: tuple[str, ...]  # the project's plugin list, as MkDocs loaded it
    project_config: Path = PROJECT_CONFIG

    def config(self, variant: str) -> Path:
        return self.root / f"{variant}.yml"

    @property
    def cache_dir(self) -> Path:
        return self.root / ".cache"


# -- the project's configuration, as MkDocs reads it -----------------------------------


def project_config(config_file: Path = PROJECT_CONFIG):
    """The project's configuration loaded (and validated) by MkDocs itself."""
    from mkdocs.config import load_config

    return load_config(str(config_file))


def raw_plugin_entries(config_file: Path = PROJECT_CONFIG) -> list[Any]:
    """The ``plugins:`` entries as written, read by MkDocs' own YAML loader (the
    one ``load_config`` uses: ``!ENV`` tags and ``INHERIT`` resolved).
    ``load_config`` itself consumes the options while validating them."""
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, "rb") as handle:
        return list(yaml_load(handle).get("plugins") or [])


def _entry_name(entry: Any) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def language_codes(config) -> tuple[str, ...]:
    return tuple(language.code for language in config.plugins["hanoi-i18n"].languages)


# -- folder layout ---------------------------------------------------------------------


def _link_project(target: Path, synthetic: bool, root: Path) -> None:
    for entry in sorted(root.iterdir()):
        if entry.name.startswith(".") or entry.name in NOT_LINKED or entry.name.startswith("site"):
            continue
        (target / entry.name).symlink_to(entry)
    data = target / "data"
    data.mkdir()
    for entry in sorted((root / "data").iterdir()):
        if synthetic and entry.name in PAGE_BOUND_DATA:
            continue
        (data / entry.name).symlink_to(entry)


def _write_configs(target: Path, config_file: Path, codes: tuple[str, ...]) -> None:
    from hanoi_info.languages import languages_from_codes, static_i18n_languages

    inherit = {"INHERIT": str(config_file)}
    (target / "ours.yml").write_text(yaml.safe_dump(inherit, allow_unicode=True), encoding="utf-8")
    site_only = [entry for entry in raw_plugin_entries(config_file) if _entry_name(entry) in SITE_ONLY_PLUGINS]
    (target / "site-only.yml").write_text(
        yaml.safe_dump({**inherit, "plugins": site_only}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    plain_theme = target / "plain-theme"  # Material's own templates: an empty custom_dir
    plain_theme.mkdir(exist_ok=True)
    # Pages that name one of our templates (the home page) get Material's page template.
    for template in ("home.html",):
        (plain_theme / template).write_text('{% extends "main.html" %}\n', encoding="utf-8")
    plain = {
        **inherit,
        "theme": {"custom_dir": str(plain_theme)},
        "extra_css": [],
        "strict": False,  # our pages link to what our plugins write (/handouts/ ...); plain only warns
        "plugins": [
            "search",
            {"i18n": {"docs_structure": "suffix", "languages": static_i18n_languages(languages_from_codes(list(codes)))}},
        ],
    }
    (target / "plain.yml").write_text(yaml.safe_dump(plain, allow_unicode=True, sort_keys=False), encoding="utf-8")


def check_configs(workspace: Workspace) -> list[str]:
    """``ours.yml`` loads (with MkDocs' load_config) to the project's plugin list
    and options, ``site-only.yml`` to the same options for the plugins it keeps.
    Returns the plugin list of each variant."""
    from mkdocs.config import load_config

    project = project_config(workspace.project_config)
    described = []
    for variant in ("ours", "site-only"):
        loaded = load_config(str(workspace.config(variant)))
        names = list(loaded.plugins)
        expected = [name for name in project.plugins if variant == "ours" or name in SITE_ONLY_PLUGINS]
        if names != expected:
            raise RuntimeError(f"{variant}.yml loads the plugins {names}, expected {expected} (from mkdocs.yml)")
        for name in names:
            if _options(loaded.plugins[name]) != _options(project.plugins[name]):
                raise RuntimeError(f"{variant}.yml: the options of plugin {name} differ from mkdocs.yml's")
        described.append(f"{variant}: {', '.join(names)}")
    plain = load_config(str(workspace.config("plain")))
    described.append(f"plain: {', '.join(plain.plugins)}")
    return described


def _options(plugin: Any) -> dict[str, Any]:
    # Paths below the project resolve below the workspace (whose folders link to the project's).
    return {key: value for key, value in dict(plugin.config).items()}


# -- the real site ---------------------------------------------------------------------


def real_site(target: Path, config_file: Path = PROJECT_CONFIG) -> Workspace:
    """A copy of the real site's pages (so that a benchmark may edit them), the
    project's data and configuration."""
    config = project_config(config_file)
    codes = language_codes(config)
    target.mkdir(parents=True, exist_ok=True)
    _link_project(target, synthetic=False, root=config_file.parent)
    shutil.copytree(Path(config.docs_dir), target / "docs", symlinks=False)
    _write_configs(target, config_file, codes)
    pages = sum(1 for path in (target / "docs").rglob("*.md") if not _is_translation(path, codes))
    return Workspace(target, "real site", pages, codes, tuple(config.plugins), config_file)


def _is_translation(path: Path, codes: tuple[str, ...]) -> bool:
    parts = path.name.split(".")
    return len(parts) >= 3 and parts[-2] in codes[1:]


# -- a synthetic site ------------------------------------------------------------------


def _glossary_names(data_dir: Path, codes: tuple[str, ...]) -> list[dict[str, str]]:
    from hanoi_info.glossary import load_glossary

    entries = load_glossary(data_dir / "glossary", codes)
    return [entry.names for _, entry in sorted(entries.items())]


def _sentence(code: str, index: int) -> str:
    sentences = SENTENCES.get(code, SENTENCES["en"])
    return sentences[index % len(sentences)]


def _join(code: str, parts: list[str]) -> str:
    return "".join(parts) if code in ("zh", "ja") else " ".join(parts)


def _front_matter(meta: dict[str, Any]) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000) + "---\n"


def _number_gap(code: str) -> str:
    """Chinese and Japanese write no space between their characters and a
    number (the project's language rules); the other languages do."""
    return "" if code in ("zh", "ja") else " "


def _page_body(code: str, index: int, pages: int, topic_of, terms: list[dict[str, str]], sections: int = 4) -> str:
    heading = HEADINGS.get(code, HEADINGS["en"])
    lines = []
    for section in range(sections):
        lines.append(f"\n## {heading}{_number_gap(code)}{section + 1}\n")
        for paragraph in range(2):
            parts = [_sentence(code, index + section + paragraph + k) for k in range(5)]
            term = terms[(index * 7 + section * 3 + paragraph) % len(terms)]
            parts.insert(2, term.get(code, term["en"]) + ("。" if code in ("zh", "ja") else "."))  # a glossary name, in its glossary form
            lines.append(_join(code, parts) + "\n")
        if section == 1 and index % 3 == 0:
            head = TABLE.get(code, TABLE["en"])
            lines.append(f"| {' | '.join(head)} |\n| --- | --- | --- |")
            for row in range(4):
                term = terms[(index + row) % len(terms)]
                lines.append(f"| {term.get(code, term['en'])} | 8:00–17:00 | {_sentence(code, row)} |")
            lines.append("")
        if section == 2:
            # The same three links in every language (a translation keeps the source's links).
            for other in dict.fromkeys((index + 1 + step * (pages // 3 + 1)) % pages for step in range(3)):
                term = terms[other % len(terms)]
                lines.append(f"- [{term.get(code, term['en'])}](../{topic_of(other)}/page-{other}.md)")
            lines.append("")
    return "\n".join(lines) + "\n"


def _summary(code: str, index: int) -> str:
    return _join(code, [_sentence(code, index + k) for k in range(4)])


def synthetic_site(target: Path, pages: int, config_file: Path = PROJECT_CONFIG) -> Workspace:
    """``pages`` pages in every language of the project: front matter like
    docs/ (sources, ``handout: true`` on one page in five, with a
    ``handout_summary`` on two of three of those, the third short enough to print
    whole; ``kiosk: true`` on four in five of the first :data:`KIOSK_PAGES_LIMIT`
    pages: the kiosk's offline precache has a 30 MB budget, which some 700
    kiosk pages in six languages fill, and a site that large chooses its kiosk
    pages), glossary names, a table on one page in three, three links to other
    pages each, one in seven French translations stale, plus a home page and
    an events page with the events markers."""
    from hanoi_info.content import file_source_hash
    from hanoi_info.page_ids import write_lock

    config = project_config(config_file)
    root = config_file.parent
    codes = language_codes(config)
    source, translations = codes[0], codes[1:]
    terms = _glossary_names(root / "data", codes)
    target.mkdir(parents=True, exist_ok=True)
    _link_project(target, synthetic=True, root=root)
    docs = target / "docs"
    ids: dict[str, str] = {}

    def topic_of(index: int) -> str:
        return TOPICS[index % (len(TOPICS) - 1)]  # events/ holds the events page

    def write_page(folder: str, stem: str, meta_for, body_for, stale: bool = False) -> None:
        path = docs / folder / f"{stem}.md" if folder else docs / f"{stem}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_front_matter(meta_for(source)) + body_for(source), encoding="utf-8")
        ids[meta_for(source)["id"]] = path.relative_to(docs).as_posix()
        digest = file_source_hash(path)
        for code in translations:
            meta = meta_for(code)
            # A stale translation (the Vietnamese text changed since): readers see a notice.
            meta["source_hash"] = ("0" * 12) if stale and code == translations[1 % len(translations)] else digest
            path.with_name(f"{stem}.{code}.md").write_text(_front_matter(meta) + body_for(code), encoding="utf-8")

    sources = [
        {"title": "Cổng thông tin điện tử Hà Nội", "url": "https://hanoi.gov.vn/", "checked": UPDATED},
        {"title": "Tổng cục Du lịch Việt Nam", "url": "https://vietnamtourism.gov.vn/", "checked": UPDATED},
        {"title": "Kế hoạch tổ chức hoạt động thông tin đối ngoại năm 2024 (UBND thành phố Hà Nội)",
         "publisher": "UBND thành phố Hà Nội", "issued": "2024-01-15",
         "held": "data/sources/ke-hoach-thong-tin-doi-ngoai-ha-noi-2024.txt", "checked": UPDATED},
    ]
    held_exists = (root / sources[2]["held"]).exists()

    for index in range(pages):
        topic = topic_of(index)

        def meta_for(code: str, index: int = index, topic: str = topic) -> dict[str, Any]:
            term = terms[index % len(terms)]
            meta: dict[str, Any] = {
                "id": f"{topic}-page-{index}",
                "title": f"{term.get(code, term['en'])}{_number_gap(code)}{index}",
                "description": _sentence(code, index),
                "topic": topic,
                "updated": UPDATED,
                "sources": sources if held_exists and index % 4 == 0 else sources[:2],
            }
            if index % 5 == 0:
                meta["handout"] = True
                if index % 15 != 0:
                    meta["handout_summary"] = _summary(code, index)
            if index % 5 != 4 and index < KIOSK_PAGES_LIMIT:
                meta["kiosk"] = True
            return meta

        write_page(topic, f"page-{index}", meta_for,
                   lambda code, index=index: _page_body(code, index, pages, topic_of, terms, 2 if index % 15 == 0 else 4), stale=index % 7 == 3)

    def home_meta(code: str) -> dict[str, Any]:
        return {"id": "home", "title": "Hà Nội", "description": _sentence(code, 0), "topic": "home",
                "updated": UPDATED, "template": "home.html", "kiosk": False}

    write_page("", "index", home_meta, lambda code: "\n" + _sentence(code, 1) + "\n")

    def events_meta(code: str) -> dict[str, Any]:
        return {"id": "events-calendar", "title": EVENTS_HEADINGS.get(code, EVENTS_HEADINGS["en"])[0],
                "description": _sentence(code, 2), "topic": "events", "updated": UPDATED,
                "sources": sources[:1], "kiosk": True}

    def events_body(code: str) -> str:
        recurring, anniversaries = EVENTS_HEADINGS.get(code, EVENTS_HEADINGS["en"])
        return (f"\n{_sentence(code, 0)}\n\n## {recurring}\n\n<!-- events:recurring -->\n\n"
                f"## {anniversaries}\n\n<!-- events:anniversaries -->\n")

    write_page("events", "calendar", events_meta, events_body)

    write_lock(target / "data" / "page-ids.yml", ids)
    (target / "data" / "qr-registry.yml").write_text("codes:\n", encoding="utf-8")
    _write_configs(target, config_file, codes)
    return Workspace(target, f"synthetic {pages} × {len(codes)}", pages, codes, tuple(config.plugins), config_file)
