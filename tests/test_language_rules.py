"""Language rules (data/language-rules/<code>.yml, hanoi_info.language_rules):
each rule fails on a real sentence of the 2026-12-05 review and passes on the
fixed text; ``hanoi-info check`` and the build report them as path:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, build, copy_fixture, run_cli
from hanoi_info.language_rules import (
    LanguageRulesError,
    check_catalog_file,
    check_text,
    load_language_rules,
    running_text,
)

CODES = ("vi", "en", "fr", "zh", "ja", "ko")
RULES = load_language_rules(ROOT / "data" / "language-rules", CODES)
NBSP, NNBSP = "\u00a0", "\u202f"


def messages(lang: str, text: str) -> list[str]:
    return [hit.message for hit in check_text(running_text(text), RULES[lang])]


# (language, wrong text from the review, the fixed text, words the message must contain)
CASES = [
    # French typography (fr-en.md, FR 3): plain spaces before ; : ? and inside « »
    ("fr", "Brouillon : ce code QR mène au site de test.", f"Brouillon{NNBSP}: ce code QR mène au site de test.",
     ["plain space before ':'", "U+202F"]),
    ("fr", "Êtes-vous toujours là ?", f"Êtes-vous toujours là{NNBSP}?", ["plain space before '?'"]),
    ("fr", "modifié après sa traduction ; les lecteurs voient alors un avertissement.",
     f"modifié après sa traduction{NNBSP}; les lecteurs voient alors un avertissement.", ["before ';'"]),
    ("fr", "Continuer vers « la page »", f"Continuer vers «{NNBSP}la page{NNBSP}»", ["inside « »"]),
    ("fr", "Que souhaitez-vous découvrir?", f"Que souhaitez-vous découvrir{NNBSP}?", ["no space before '?'"]),
    # French language names mid-sentence (fr-en.md, FR 2)
    ("fr", "Cette page n'a pas encore été traduite en Français.", "Cette page n'a pas encore été traduite en français.",
     ["'Français' is written in lower case", "write 'français'"]),
    # French terms (fr-en.md, FR 1, 4, 5, 12)
    ("fr", "la visite du président de la République du Việt Nam", "la visite du président de la République socialiste du Việt Nam",
     ["write 'République socialiste du Việt Nam'", "South Vietnam"]),
    ("fr", "Les anniversaires ronds de l'année", "Les anniversaires marquants de l'année", ["write 'anniversaires marquants'"]),
    ("fr", "Le plan d'information extérieure 2024 du Comité populaire", "Le plan de communication à l'international 2024 du Comité populaire",
     ["write 'plan de communication à l'international'"]),
    ("fr", "les démarches sur le portail électronique de Hà Nội.", "les démarches sur le portail de Hà Nội.", ["write 'portail'"]),
    # English terms (fr-en.md, EN 5, 6)
    ("en", "Round anniversaries in Hà Nội's diplomatic calendar", "Milestone anniversaries in Hà Nội's diplomatic calendar",
     ["write 'milestone anniversaries'"]),
    ("en", "the city's 2024 plan for external-information activities", "the city's 2024 plan for international communication activities",
     ["write 'international communication'"]),
    ("en", "the external information plan", "the international communication plan", ["write 'international communication'"]),
    # Chinese (zh-ja.md): Simplified only, full-width punctuation, no hyphen in names, spacing, terms
    ("zh", "环還劍湖举行", "环还剑湖举行", ["Traditional character(s) '還劍'", "Simplified '还剑'"]),
    ("zh", "河内(Hà Nội)是越南的首都,也是政治中心.", "河内（Hà Nội）是越南的首都，也是政治中心。",
     ["half-width '('", "full-width '，'"]),
    ("zh", "可以从升龙-河内的历史读起", "可以从升龙—河内的历史读起", ["half-width hyphen", "write '以从升龙—河内的历'"]),
    ("zh", "每页 A5 尺寸，含 3 毫米出血", "每页A5尺寸，含3毫米出血", ["space between Chinese or Japanese characters", "remove it"]),
    ("zh", "受新冠肺炎疫情影响", "受新冠疫情影响", ["write '新冠'"]),
    ("zh", "计划点名列出了其中许多活动", "计划明确列出了其中许多活动", ["write '明确列出'"]),
    # Japanese (zh-ja.md)
    ("ja", "ハノイ-タンロン皇城の中心区域", "ハノイ－タンロン皇城の中心区域", ["half-width hyphen", "ハノイ－タンロ"]),
    ("ja", "ハノイ(Hà Nội)へようこそ!", "ハノイ（Hà Nội）へようこそ！", ["half-width '('", "full-width '！'"]),
    ("ja", "更新されたコンテンツの RSS フィード", "更新されたコンテンツのRSSフィード", ["space between", "'テンツのRSS"]),
    ("ja", "多くの行事を名指ししています", "多くの行事を明記しています", ["write '明記'"]),
    ("ja", "線香を手向け、静かに祈ります", "線香を供え、静かに祈ります", ["write '供え'"]),
    # Korean (ko-vi.md): counters, Western punctuation, terms
    ("ko", "2019 년 5월에 서명했습니다.", "2019년 5월에 서명했습니다.", ["write '2019년'"]),
    ("ko", "하노이「천년 고도」를 방문하십시오。", "하노이 “천년 고도”를 방문하십시오.", ["'「' is not used", "write '.'"]),
    ("ko", "정주년 기념일이 없습니다", "5주년 단위 기념일이 없습니다", ["write '5주년 단위 기념일'", "North Korean"]),
    ("ko", "지옹 축제는 매년 열립니다", "종 축제는 매년 열립니다", ["write '종'"]),
    ("ko", "예배 공간에서는 정숙을 지키십시오", "참배 공간에서는 정숙을 지키십시오", ["write '참배'"]),
    # Vietnamese (ko-vi.md): tone marks, abbreviations, numbers
    ("vi", "Thành phố vì hoà bình", "Thành phố vì hòa bình", ["'hoà': write 'hòa'"]),
    ("vi", "giữ gìn sức khoẻ và tuỳ theo thời tiết", "giữ gìn sức khỏe và tùy theo thời tiết", ["write 'khỏe'", "write 'tùy'"]),
    ("vi", "do UBND phường Hoàn Kiếm tổ chức", "do Ủy ban nhân dân phường Hoàn Kiếm tổ chức",
     ["'UBND' is an abbreviation", "write 'Ủy ban nhân dân'"]),
    ("vi", "thu hút khoảng một vạn người", "thu hút khoảng 10.000 người", ["write '10.000'"]),
]


@pytest.mark.parametrize("lang, wrong, fixed, expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_a_rule_reports_the_reviewed_mistake_and_accepts_the_fix(lang, wrong, fixed, expected):
    found = messages(lang, wrong)
    assert found, f"{lang}: nothing reported for {wrong!r}"
    for words in expected:
        assert any(words in message for message in found), (words, found)
    assert messages(lang, fixed) == []


def test_every_language_has_rules_and_a_header_telling_editors_how_to_add_one():
    assert sorted(RULES) == sorted(CODES)
    for code in CODES:
        text = (ROOT / "data" / "language-rules" / f"{code}.yml").read_text(encoding="utf-8")
        assert "How to add a rule (no code needed)" in text
        assert RULES[code].terms


@pytest.mark.parametrize("lang, text", [
    ("vi", "Kế hoạch số 48/KH-UBND của thành phố"),  # a document number, not prose
    ("vi", "Ủy ban nhân dân (UBND) thành phố; UBND ban hành kế hoạch"),  # explained first
    ("vi", "quý khách, quả táo, hoàn thành, khuyên, ngoài"),  # qu-, closed syllables: the same in both styles
    ("fr", f"Voir ![un plan](plan.svg) et le site{NNBSP}: https://hanoi.gov.vn/?a=1 ou `x : y`"),
    ("fr", "République socialiste du Việt Nam"),
    ("zh", "营业时间为8:30至17:00，门票3.5万越南盾"),
    ("zh", "河内（河內，意为“河流之内”）这一名称出现于1831年"),  # allowed in zh.yml: the historical spelling
    ("zh", "请访问[河内旅游网](https://dulich.hanoi.gov.vn/)。"),
    ("ja", "T2ターミナルまで約30分です。"),
    ("ko", "하노이 시내까지 약 30분이 걸립니다. 2019년 5월"),
])
def test_what_is_right_is_not_reported(lang, text):
    assert messages(lang, text) == []


def test_code_links_and_addresses_are_not_running_text():
    assert running_text("Le site `a : b` et [le portail](https://x.vn/a?b=c) : <b>ici</b> {#id}") == \
        "Le site \ue000 et le portail : \ue000ici\ue000"


def write_rules(root: Path, code: str, text: str) -> Path:
    folder = root / "data" / "language-rules"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{code}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_editor_adds_a_rule_without_code_and_check_reports_it_with_line_and_fix(tmp_path):
    root = copy_fixture("basic", tmp_path)
    config = root / "mkdocs.yml"
    assert run_cli("-f", str(config), "check").returncode == 0
    write_rules(root, "fr", "terms:\n  - avoid: vieux quartier\n    write: vieille ville\n    why: test rule\n")
    result = run_cli("-f", str(config), "check")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "docs/tourism/lake.fr.md:16: 'vieux quartier' (…au cœur du vieux quartier.): "
        "write 'vieille ville' (test rule)"
    ]


def test_a_mistake_in_a_rules_file_is_reported_with_its_line(tmp_path):
    root = copy_fixture("basic", tmp_path)
    write_rules(root, "fr", "french_spaces: true\nterms:\n  - avoid: x\n  - avoid: y\n    write: z\nspacing: yes\n")
    result = run_cli("-f", str(root / "mkdocs.yml"), "check")
    assert "data/language-rules/fr.yml:3: terms: entry 1: needs 'avoid: <words to avoid>' " \
           "and 'write: <words to write>'" in result.stdout
    assert "data/language-rules/fr.yml:6: spacing: unknown setting" in result.stdout
    with pytest.raises(LanguageRulesError):
        load_language_rules(root / "data" / "language-rules", CODES)


def test_front_matter_texts_are_checked_and_keys_are_not(tmp_path):
    root = copy_fixture("basic", tmp_path)
    write_rules(root, "fr", (ROOT / "data" / "language-rules" / "fr.yml").read_text(encoding="utf-8"))
    page = root / "docs/tourism/lake.fr.md"
    page.write_text(page.read_text(encoding="utf-8").replace("description: Un lac au cœur de la ville.",
                                                             "description: 'Un lac : au cœur de la ville.'"), encoding="utf-8")
    result = run_cli("-f", str(root / "mkdocs.yml"), "check")
    assert result.stdout.splitlines() == [
        "docs/tourism/lake.fr.md:4: plain space before ':' (Un lac : au cœur de…); write a narrow "
        "non-breaking space (U+202F) or a non-breaking space (U+00A0) before ; : ! ?"
    ]


def test_catalog_translations_are_checked_at_their_line(tmp_path):
    catalog = tmp_path / "messages.po"
    catalog.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Short link:"\nmsgstr "Lien court :"\n\n'
        'msgid "Long"\nmsgstr ""\n"Cette page n\'a pas été traduite en %(language)s "\n"; elle est affichée."\n\n'
        'msgid "Continue to “%(title)s”"\nmsgstr "Continuer vers «\u202f%(title)s\u202f»"\n',
        encoding="utf-8")
    problems = check_catalog_file(catalog, "locales/fr/LC_MESSAGES/messages.po", RULES["fr"])
    assert [(problem.line, problem.message.split(" (")[0]) for problem in problems] == [
        (6, "plain space before ':'"), (10, "plain space before ';'")]


def test_the_build_stops_on_a_language_rule_with_the_same_message(tmp_path):
    root = copy_fixture("basic", tmp_path)
    write_rules(root, "ko", (ROOT / "data" / "language-rules" / "ko.yml").read_text(encoding="utf-8"))
    page = root / "docs/tourism/lake.ko.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n2019 년에 다시 단장했습니다.\n", encoding="utf-8")
    result = build(root / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 1
    assert "docs/tourism/lake.ko.md:18: space between a number" in result.stderr
    assert "space between a number and its counter ('2019 년'); write '2019년'" in result.stderr
    assert not (tmp_path / "site").exists()
