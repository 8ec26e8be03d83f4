"""Events and anniversaries: the real data file, the computed round anniversaries,
dates in the six languages, validation messages and the Markdown tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hanoi_info.events import (
    EventDataError,
    When,
    event_dates,
    expand_event_markers,
    format_event_date,
    load_events,
    round_anniversaries,
)

from hanoi_info.project import load_project

REPO = Path(__file__).resolve().parents[1]
EVENTS = REPO / "data" / "events.yml"
LANGUAGES = tuple(language.code for language in load_project(REPO / "mkdocs.yml").languages)
PLAN_TITLE = "Kế hoạch tổ chức hoạt động thông tin đối ngoại năm 2024"
PLAN_FILE = "ke-hoach-thong-tin-doi-ngoai-ha-noi-2024.txt"


@pytest.fixture(scope="module")
def data():
    return load_events(EVENTS, LANGUAGES)


def found(data, year, step=5):
    return [(a.id, a.years) for a in round_anniversaries(data, year, step)]


# --- the real data ---------------------------------------------------------------


def test_every_entry_has_six_names_and_a_source(data):
    entries = data.recurring + data.anniversaries
    assert len(data.recurring) >= 12 and len(data.anniversaries) >= 20
    for entry in entries:
        assert set(LANGUAGES) <= set(entry.name), entry.id
        assert entry.sources, entry.id


def test_plan_entries_cite_the_plan(data):
    by_id = {entry.id: entry for entry in data.recurring + data.anniversaries}
    for entry_id in (
        "tea-and-lotus-festival",
        "latin-american-music-night",
        "unesco-city-for-peace",
        "liberation-of-the-capital",
        "vietnam-brazil-diplomatic-relations",
        "vietnam-venezuela-diplomatic-relations",
        "vietnam-japan-strategic-partnership",
    ):
        plan = [s for s in by_id[entry_id].sources if s.held == PLAN_FILE]
        assert plan, entry_id
        # The plan has no web address of its own: the project's copy is cited.
        assert plan[0].url is None and plan[0].held_path == f"sources/{PLAN_FILE}"
        assert (plan[0].title, plan[0].publisher, plan[0].issued) == (PLAN_TITLE, "Ủy ban nhân dân thành phố Hà Nội", "2024")
        assert plan[0].checked == dt.date(2026, 12, 5)


def test_no_source_cites_the_plan_as_the_portals_home_page():
    assert "url: https://hanoi.gov.vn/" not in EVENTS.read_text(encoding="utf-8")


def test_events_known_only_from_the_2024_plan_are_not_given_current_dates(data):
    only_plan = [event for event in data.recurring if event.plan_year]
    assert {event.id for event in only_plan} >= {"international-creative-space-week", "requiem-for-fallen-heroes"}
    for event in only_plan:
        assert event.plan_year == "2024"
        assert event_dates(event, 2027) is None
    table = expand_event_markers("<!-- events:recurring -->", "en", 2027, data, lambda m: m)
    row = next(line for line in table.splitlines() if line.startswith("| Hà Nội International Creative Space Week"))
    assert row == "| Hà Nội International Creative Space Week | 4th quarter (listed in the city's 2024 plan) | – | – |"


def test_the_creative_design_festival_is_biennial_from_2026(data):
    festival = next(event for event in data.recurring if event.id == "hanoi-creative-design-festival")
    assert (festival.every, festival.since) == (2, 2026)
    assert [year for year in range(2025, 2031) if festival.held_in(year)] == [2026, 2028, 2030]
    table = expand_event_markers("<!-- events:recurring -->", "en", 2027, data, lambda m: m)
    row = next(line for line in table.splitlines() if line.startswith("| Hà Nội Creative Design Festival"))
    assert "November" not in row and "Not held this year" in row


# Lunar festivals in 2027 and 2028, from the Vietnamese lunar calendar
# (tests/test_lunar.py checks it against published dates).
FESTIVALS_2027 = {
    "tet-nguyen-dan": (dt.date(2027, 2, 6), dt.date(2027, 2, 7)),
    "giong-festival-soc-temple": (dt.date(2027, 2, 11), dt.date(2027, 2, 14)),
    "huong-pagoda-festival-opening": (dt.date(2027, 2, 11), dt.date(2027, 2, 12)),
    "hung-kings-commemoration": (dt.date(2027, 4, 16), dt.date(2027, 4, 17)),
    "giong-festival-phu-dong-temple": (dt.date(2027, 5, 11), dt.date(2027, 5, 18)),
    "mid-autumn-festival": (dt.date(2027, 9, 15), dt.date(2027, 9, 16)),
}


def test_lunar_festivals_resolve_to_the_gregorian_dates_of_the_year(data):
    by_id = {event.id: event for event in data.recurring}
    for event_id, (start, end) in FESTIVALS_2027.items():
        assert event_dates(by_id[event_id], 2027) == (start, end, False), event_id
    # Published: Hùng Kings' Commemoration Day 2025 was Monday 7 April (VietNamNet);
    # the Hương Pagoda Festival opened on 22 February 2026 (Ngày Nay).
    assert event_dates(by_id["hung-kings-commemoration"], 2025)[0] == dt.date(2025, 4, 7)
    assert event_dates(by_id["huong-pagoda-festival-opening"], 2026)[0] == dt.date(2026, 2, 22)
    assert event_dates(by_id["tet-nguyen-dan"], 2026)[0] == dt.date(2026, 2, 17)


def test_the_calendar_table_gives_this_and_next_years_dates_in_the_readers_language(data):
    table = expand_event_markers("<!-- events:recurring -->", "en", 2027, data, lambda m: m)
    assert table.splitlines()[0] == "| Event | When | 2027 | 2028 |"
    assert "| Tết (Lunar New Year) | Day 1 of lunar month 1 | February 6, 2027 | January 26, 2028 |" in table
    assert "computed from the Vietnamese lunar calendar" in table
    japanese = expand_event_markers("<!-- events:recurring -->", "ja", 2027, data, lambda m: m)
    assert "| テト（旧正月） | Day 1 of lunar month 1 | 2027年2月6日 | 2028年1月26日 |" in japanese


def test_a_lunar_date_late_in_the_year_falls_in_the_right_gregorian_year(tmp_path):
    small = load_events(write(tmp_path, event("kitchen-gods", "{calendar: lunar, month: 12, day: 23}")), LANGUAGES)
    start, end, _ = event_dates(small.recurring[0], 2027)
    # The 23rd of the 12th month of lunar 2026 falls in January or February 2027.
    assert start.year == 2027 and start.month in (1, 2)


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ("{calendar: lunar, month: 1}", "recurring[tea-and-lotus-festival].when.day: missing; a lunar date gives month and day"),
        ("{calendar: lunar, month: 13, day: 1}", "recurring[tea-and-lotus-festival].when.month: expected a lunar month from 1 to 12, got 13"),
        ("{calendar: chinese, month: 1, day: 1}", "recurring[tea-and-lotus-festival].when.calendar: expected lunar or gregorian"),
        ("{month: 1, day: 1, leap: true}", "recurring[tea-and-lotus-festival].when.leap: only a lunar date has a leap month"),
        ("{calendar: lunar, month: 1, day: 6, days: 0}", "recurring[tea-and-lotus-festival].when.days: expected a number of days from 1 to 120, got 0"),
    ],
)
def test_lunar_date_errors_name_the_field_and_the_fix(tmp_path, when, message):
    assert message in error_of(write(tmp_path, event(when=when)))


def test_a_biennial_event_names_a_year_it_was_held(tmp_path):
    text = event() + "    every: 2\n"
    assert "recurring[tea-and-lotus-festival].since: missing; an event held every 2 years" in error_of(write(tmp_path, text))


def test_held_document_sources_are_checked_like_page_sources(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "plan.txt").write_text("text", encoding="utf-8")
    good = ("[{title: Plan, publisher: UBND, issued: 2024, held: data/sources/plan.txt, checked: 2026-12-05}]")
    data = load_events(write(tmp_path, event(sources=good)), LANGUAGES)
    assert data.recurring[0].sources[0].held == "plan.txt"
    missing = "[{title: Plan, publisher: UBND, issued: 2024, held: data/sources/nothing.txt, checked: 2026-12-05}]"
    assert "held: data/sources/nothing.txt does not exist" in error_of(write(tmp_path, event(sources=missing)))
    no_publisher = "[{title: Plan, issued: 2024, held: data/sources/plan.txt, checked: 2026-12-05}]"
    assert "publisher: missing; a held document names the body that issued the document" in error_of(
        write(tmp_path, event(sources=no_publisher)))


def test_dates_named_in_the_plan(data):
    by_id = {a.id: a for a in data.anniversaries}
    assert by_id["unesco-city-for-peace"].date == dt.date(1999, 7, 16)
    assert by_id["liberation-of-the-capital"].date == dt.date(1954, 10, 10)
    assert by_id["asean-founding"].date == dt.date(1967, 8, 8)
    assert by_id["vietnam-brazil-diplomatic-relations"].date == dt.date(1989, 5, 8)
    assert by_id["vietnam-venezuela-diplomatic-relations"].date == dt.date(1989, 12, 18)
    assert by_id["victory-over-genocidal-regime-cambodia"].date == dt.date(1979, 1, 7)
    assert by_id["peoples-republic-of-china-national-day"].date == dt.date(1949, 10, 1)
    # "15 years" in 2024, no day given: the year alone.
    partnership = by_id["vietnam-japan-strategic-partnership"]
    assert (partnership.date, partnership.year, partnership.founded) == (None, 2009, 2009)
    assert by_id["vietnam-japan-extensive-strategic-partnership"].year == 2014


def test_tea_and_lotus_festival_is_in_july(data):
    festival = next(e for e in data.recurring if e.id == "tea-and-lotus-festival")
    assert festival.when == When(month=7)


# --- round anniversaries -----------------------------------------------------------


def test_round_anniversaries_2029(data):
    assert found(data, 2029) == [
        ("victory-over-genocidal-regime-cambodia", 50),  # 7 January 1979
        ("vietnam-australia-comprehensive-strategic-partnership", 5),  # 7 March 2024
        ("vietnam-brazil-diplomatic-relations", 40),  # 8 May 1989
        ("unesco-city-for-peace", 30),  # 16 July 1999
        ("peoples-republic-of-china-national-day", 80),  # 1 October 1949
        ("liberation-of-the-capital", 75),  # 10 October 1954
        ("unesco-creative-city-of-design", 10),  # 30 October 2019
        ("vietnam-venezuela-diplomatic-relations", 40),  # 18 December 1989
        # known by year only: last, oldest first
        ("vietnam-australia-comprehensive-partnership", 20),
        ("vietnam-japan-strategic-partnership", 20),
        ("vietnam-korea-strategic-cooperative-partnership", 20),
        ("vietnam-japan-extensive-strategic-partnership", 15),
    ]


def test_round_anniversaries_2027_has_none_of_those(data):
    assert found(data, 2027) == [
        ("vietnam-cambodia-diplomatic-relations", 60),  # 24 June 1967
        ("asean-founding", 60),  # 8 August 1967
        ("vietnam-laos-diplomatic-relations", 65),  # 5 September 1962
        ("vietnam-korea-comprehensive-strategic-partnership", 5),  # 5 December 2022
        ("vietnam-korea-diplomatic-relations", 35),  # 22 December 1992
    ]


def test_round_anniversaries_2024_match_the_plan(data):
    years = dict(found(data, 2024))
    assert years["unesco-city-for-peace"] == 25
    assert years["liberation-of-the-capital"] == 70
    assert years["vietnam-brazil-diplomatic-relations"] == 35
    assert years["vietnam-venezuela-diplomatic-relations"] == 35
    assert years["victory-over-genocidal-regime-cambodia"] == 45
    assert years["peoples-republic-of-china-national-day"] == 75
    assert years["vietnam-japan-strategic-partnership"] == 15
    assert years["vietnam-japan-extensive-strategic-partnership"] == 10
    assert years["vietnam-korea-strategic-cooperative-partnership"] == 15
    assert years["vietnam-australia-comprehensive-partnership"] == 15
    # founded in 2024 itself: not an anniversary yet
    assert "vietnam-australia-comprehensive-strategic-partnership" not in years


def test_round_anniversaries_other_step(data):
    assert found(data, 2029, step=10) == [
        ("victory-over-genocidal-regime-cambodia", 50),
        ("vietnam-brazil-diplomatic-relations", 40),
        ("unesco-city-for-peace", 30),
        ("peoples-republic-of-china-national-day", 80),
        ("unesco-creative-city-of-design", 10),
        ("vietnam-venezuela-diplomatic-relations", 40),
        ("vietnam-australia-comprehensive-partnership", 20),
        ("vietnam-japan-strategic-partnership", 20),
        ("vietnam-korea-strategic-cooperative-partnership", 20),
    ]


def test_no_anniversary_in_or_before_the_founding_year(data):
    assert "unesco-city-for-peace" not in dict(found(data, 1999))
    assert found(data, 1940) == []


def test_loaded_entries_have_no_years_until_computed(data):
    assert all(a.years is None for a in data.anniversaries)


@pytest.mark.parametrize("step", [0, -5, 2.5, True])
def test_round_anniversaries_rejects_a_bad_step(data, step):
    with pytest.raises(ValueError, match="step must be a positive whole number"):
        round_anniversaries(data, 2029, step)


# --- dates in six languages --------------------------------------------------------

EXPECTED_DATES = {
    # full date (long), month, fixed day, quarter, year alone
    "vi": ("16 tháng 7, 1999", "Tháng 7", "10 tháng 10", "Quý 4", "2009"),
    "en": ("July 16, 1999", "July", "October 10", "4th quarter", "2009"),
    "fr": ("16 juillet 1999", "juillet", "10 octobre", "4e trimestre", "2009"),
    "zh": ("1999年7月16日", "7月", "10月10日", "第四季度", "2009年"),
    "ja": ("1999年7月16日", "7月", "10月10日", "第4四半期", "2009年"),
    "ko": ("1999년 7월 16일", "7월", "10월 10일", "제 4/4분기", "2009년"),
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_format_event_date(lang):
    values = (dt.date(1999, 7, 16), When(month=7), When(month=10, day=10), When(quarter=4), 2009)
    assert tuple(format_event_date(value, lang) for value in values) == EXPECTED_DATES[lang]


def test_format_event_date_every_month_in_korean_and_chinese():
    assert [format_event_date(When(month=m), "ko") for m in (1, 12)] == ["1월", "12월"]
    assert [format_event_date(When(month=m), "zh") for m in (1, 12)] == ["1月", "12月"]


def test_format_event_date_rejects_unknown_language():
    with pytest.raises(ValueError, match="unknown language code 'xx'"):
        format_event_date(dt.date(1999, 7, 16), "xx")


# --- validation messages -------------------------------------------------------------

NAMES = "{vi: Tên, en: Name, fr: Nom, zh: 名称, ja: 名前, ko: 이름}"
SOURCE = "[{title: Plan, url: 'https://hanoi.gov.vn/', checked: 2026-11-30}]"


def write(tmp_path, recurring="", anniversaries=""):
    path = tmp_path / "events.yml"
    path.write_text(f"recurring:\n{recurring or '  []'}\nanniversaries:\n{anniversaries or '  []'}\n", encoding="utf-8")
    return path


def anniversary(entry_id="unesco-city-for-peace", date="date: 1999-07-16", kind="city", names=NAMES, sources=SOURCE):
    return f"  - id: {entry_id}\n    name: {names}\n    {date}\n    kind: {kind}\n    sources: {sources}\n"


def event(entry_id="tea-and-lotus-festival", when="{month: 7}", names=NAMES, sources=SOURCE):
    return f"  - id: {entry_id}\n    name: {names}\n    when: {when}\n    sources: {sources}\n"


def error_of(path, languages=LANGUAGES):
    with pytest.raises(EventDataError) as caught:
        load_events(path, languages)
    return str(caught.value)


def test_valid_minimal_file(tmp_path):
    loaded = load_events(write(tmp_path, event(), anniversary()), LANGUAGES)
    assert loaded.recurring[0].when == When(month=7)
    assert loaded.anniversaries[0].date == dt.date(1999, 7, 16)
    assert loaded.anniversaries[0].sources[0].checked == dt.date(2026, 11, 30)


def test_error_date_in_wrong_format(tmp_path):
    path = write(tmp_path, anniversaries=anniversary(date="date: 16/7/1999"))
    assert error_of(path) == (
        f"{path.as_posix()}: anniversaries[unesco-city-for-peace].date: expected a date YYYY-MM-DD, got '16/7/1999'"
    )


def test_error_date_that_does_not_exist(tmp_path):
    path = write(tmp_path, anniversaries=anniversary(date="date: 1999-02-30"))
    assert error_of(path) == (
        f"{path.as_posix()}: anniversaries[unesco-city-for-peace].date: expected a date YYYY-MM-DD, got '1999-02-30'"
    )


def test_error_missing_name_in_a_language(tmp_path):
    names = "{vi: Tên, en: Name, fr: Nom, zh: 名称, ko: 이름}"
    path = write(tmp_path, event(names=names))
    assert error_of(path) == (
        f"{path.as_posix()}: recurring[tea-and-lotus-festival].name.ja: "
        "missing; give the name in every language: vi, en, fr, zh, ja, ko"
    )
    # only the languages asked for are required
    assert load_events(path, languages=("vi", "en")).recurring[0].name["en"] == "Name"


def test_error_empty_name(tmp_path):
    path = write(tmp_path, event(names="{vi: Tên, en: '', fr: Nom, zh: 名称, ja: 名前, ko: 이름}"))
    assert error_of(path) == (
        f"{path.as_posix()}: recurring[tea-and-lotus-festival].name.en: expected the name as text, got ''"
    )


def test_error_no_source(tmp_path):
    path = write(tmp_path, anniversaries=anniversary(sources="[]"))
    assert error_of(path) == (
        f"{path.as_posix()}: anniversaries[unesco-city-for-peace].sources: "
        "expected a list of at least one source, each with title, url and checked (YYYY-MM-DD)"
    )


def test_error_source_without_address(tmp_path):
    path = write(tmp_path, anniversaries=anniversary(sources="[{title: Plan, url: hanoi.gov.vn, checked: 2026-11-30}]"))
    assert error_of(path) == (
        f"{path.as_posix()}: anniversaries[unesco-city-for-peace].sources[0].url: "
        "expected an address starting with https:// or http://, got 'hanoi.gov.vn'"
    )


def test_error_unknown_kind(tmp_path):
    path = write(tmp_path, anniversaries=anniversary(kind="friendship"))
    assert error_of(path) == (
        f"{path.as_posix()}: anniversaries[unesco-city-for-peace].kind: "
        "expected one of city, diplomatic, partnership, asean, national-day, history, got 'friendship'"
    )


def test_error_date_and_year(tmp_path):
    path = write(tmp_path, anniversaries=anniversary(date="date: 2009-04-20\n    year: 2009"))
    assert error_of(path) == (
        f"{path.as_posix()}: anniversaries[unesco-city-for-peace]: "
        "give either date (YYYY-MM-DD) or year (YYYY) alone, not both"
    )


def test_error_neither_date_nor_year(tmp_path):
    path = write(tmp_path, anniversaries=anniversary(date="# no date"))
    assert error_of(path) == (
        f"{path.as_posix()}: anniversaries[unesco-city-for-peace].date: "
        "missing; give date: YYYY-MM-DD, or year: YYYY where no source gives the day"
    )


def test_error_month_out_of_range(tmp_path):
    path = write(tmp_path, event(when="{month: 13}"))
    assert error_of(path) == (
        f"{path.as_posix()}: recurring[tea-and-lotus-festival].when.month: expected a month from 1 to 12, got 13"
    )


def test_error_day_not_in_month(tmp_path):
    path = write(tmp_path, event(when="{month: 2, day: 30}"))
    assert error_of(path) == (
        f"{path.as_posix()}: recurring[tea-and-lotus-festival].when.day: "
        "expected a day of that month from 1 to 29, got 30"
    )


def test_error_month_and_quarter(tmp_path):
    path = write(tmp_path, event(when="{month: 11, quarter: 4}"))
    assert error_of(path) == (
        f"{path.as_posix()}: recurring[tea-and-lotus-festival].when: "
        "give either a month (and day) or a quarter, not both"
    )


def test_error_unknown_field(tmp_path):
    path = write(tmp_path, event(when="{monht: 7}"))
    assert error_of(path) == (
        f"{path.as_posix()}: recurring[tea-and-lotus-festival].when.monht: unknown field; use one of: month, day, quarter, calendar, leap, days"
    )


def test_error_duplicate_id(tmp_path):
    path = write(tmp_path, event(entry_id="city-for-peace"), anniversary(entry_id="city-for-peace"))
    assert error_of(path) == (
        f"{path.as_posix()}: anniversaries[0].id: "
        "'city-for-peace' is already used by recurring[city-for-peace]; give each entry its own id"
    )


def test_error_bad_id(tmp_path):
    path = write(tmp_path, event(entry_id="Tea_Lotus"))
    assert error_of(path) == (
        f"{path.as_posix()}: recurring[0].id: expected lower-case words joined by hyphens, "
        "e.g. city-for-peace, got 'Tea_Lotus'"
    )


def test_error_missing_section(tmp_path):
    path = tmp_path / "events.yml"
    path.write_text("recurring: []\n", encoding="utf-8")
    assert error_of(path) == (
        f"{path.as_posix()}: anniversaries: expected a list of entries (each line starting with '- id: ...')"
    )


def test_error_not_yaml(tmp_path):
    path = tmp_path / "events.yml"
    path.write_text("recurring:\n  - id: [unclosed\n", encoding="utf-8")
    message = error_of(path)
    assert message.startswith(f"{path.as_posix()}: line 3: not valid YAML: ")


# --- Markdown tables -------------------------------------------------------------------

VI_CATALOG = {
    "Date": "Ngày",
    "Anniversary": "Sự kiện",
    "Years": "Số năm",
    "{years} years": "{years} năm",
    "Event": "Sự kiện",
    "When": "Thời gian",
    "Dates vary from year to year": "Thời gian thay đổi theo từng năm",
    "No recurring events are listed yet.": "Chưa có sự kiện thường niên nào.",
    "No round anniversaries in {year}.": "Năm {year} không có ngày kỷ niệm tròn năm nào.",
}


def vi_gettext(message):
    return VI_CATALOG[message]


def test_anniversaries_marker_in_vietnamese(data):
    page = "## Năm nay\n<!-- events:anniversaries -->\n\nXem thêm.\n"
    assert expand_event_markers(page, "vi", 2027, data, vi_gettext) == (
        "## Năm nay\n"
        "\n"
        "| Ngày | Sự kiện | Số năm |\n"
        "| --- | --- | --: |\n"
        "| 24 tháng 6, 1967 | Thiết lập quan hệ ngoại giao Việt Nam – Campuchia | 60 năm |\n"
        "| 8 tháng 8, 1967 | Ngày thành lập ASEAN | 60 năm |\n"
        "| 5 tháng 9, 1962 | Thiết lập quan hệ ngoại giao Việt Nam – Lào | 65 năm |\n"
        "| 5 tháng 12, 2022 | Đối tác chiến lược toàn diện Việt Nam – Hàn Quốc | 5 năm |\n"
        "| 22 tháng 12, 1992 | Thiết lập quan hệ ngoại giao Việt Nam – Hàn Quốc | 35 năm |\n"
        "\n"
        "Xem thêm.\n"
    )


def test_recurring_marker_in_vietnamese(tmp_path):
    small = load_events(write(
            tmp_path,
            event("new-year", "{month: 1}", "{vi: Chào năm mới, en: New Year, fr: Nouvel An, zh: 新年, ja: 新年, ko: 새해}")
            + event("liberation-day", "{month: 10, day: 10}", "{vi: 'A | B', en: AB, fr: AB, zh: AB, ja: AB, ko: AB}")
            + event("cycling", "{quarter: 4}")
            + f"  - id: requiem\n    name: {NAMES}\n    sources: {SOURCE}\n",
        ),
        LANGUAGES,
    )
    assert expand_event_markers("<!-- events:recurring -->\n", "vi", 2029, small, vi_gettext) == (
        "| Sự kiện | Thời gian | 2029 | 2030 |\n"
        "| --- | --- | --- | --- |\n"
        "| Chào năm mới | Tháng 1 | tháng 1 năm 2029 | tháng 1 năm 2030 |\n"
        "| A \\| B | 10 tháng 10 | 10 tháng 10, 2029 | 10 tháng 10, 2030 |\n"
        "| Tên | Quý 4 | Quý 4 năm 2029 | Quý 4 năm 2030 |\n"
        "| Tên | Thời gian thay đổi theo từng năm | – | – |\n"
    )


def test_marker_strings_go_through_gettext_in_english(data):
    asked = []

    def gettext(message):
        asked.append(message)
        return message

    out = expand_event_markers("<!-- events:anniversaries -->", "en", 2027, data, gettext)
    assert out.splitlines()[:3] == [
        "| Date | Anniversary | Years |",
        "| --- | --- | --: |",
        "| June 24, 1967 | Việt Nam–Cambodia diplomatic relations established | 60 years |",
    ]
    assert {"Date", "Anniversary", "Years", "{years} years"} <= set(asked)


def test_year_without_round_anniversaries(data):
    out = expand_event_markers("<!-- events:anniversaries -->\n", "en", 1940, data, lambda message: message)
    assert out == "No round anniversaries in 1940.\n"


def test_other_lines_are_left_alone(data):
    page = (
        "Text mentioning <!-- events:recurring --> inline.\r\n"
        " <!-- events:recurring -->\r\n"
        "<!-- events:anniversaries --> trailing\r\n"
        "```\r\ncode\r\n```\r\n"
    )
    assert expand_event_markers(page, "en", 2029, data, lambda message: message) == page


def test_crlf_pages_keep_their_line_endings(data):
    out = expand_event_markers("Intro\r\n<!-- events:recurring -->\r\nEnd\r\n", "fr", 2029, data, lambda m: m)
    assert "\n" not in out.replace("\r\n", "")
    assert out.startswith("Intro\r\n\r\n| Event | When | 2029 | 2030 |\r\n| --- | --- | --- | --- |\r\n")
    assert "| Festival du thé et du lotus | juillet | juillet 2029 | juillet 2030 |\r\n" in out
    assert out.endswith("\r\n\r\nEnd\r\n")
