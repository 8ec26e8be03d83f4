"""The year's events as iCalendar files (hanoi_info.embeds.ical), read with
the icalendar package from the built tests/fixtures/embeds site."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from embeds_support import BASE, CODES, language, missing
from hanoi_info.corpus import page_url
from hanoi_info.embeds import paths

YEAR = 2029


def test_long_lines_are_folded_within_75_octets_without_splitting_a_character(embeds_site):
    data = (embeds_site / paths.feed_path("vi", paths.EVENTS_ICS)).read_bytes()
    physical = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in physical)
    for line in physical:
        line.decode("utf-8")  # a fold never cuts a character in two
    assert any(line.startswith(b" ") for line in physical)


def calendar(site, code):
    data = (site / paths.feed_path(code, paths.EVENTS_ICS)).read_bytes()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    return icalendar.Calendar.from_ical(data)


def events_of(cal) -> dict:
    return {str(event["UID"]).split(f"-{YEAR}-")[0]: event for event in cal.walk("VEVENT")}


@pytest.mark.parametrize("code", CODES)
def test_calendar_has_the_dated_events_of_the_year_in_the_language(embeds_site, code):
    cal = calendar(embeds_site, code)
    assert cal["VERSION"] == "2.0"
    events = events_of(cal)
    # Only what the content dates: no event without a day, month or quarter for the year.
    assert sorted(events) == sorted(
        ["leap-day-partnership", "lotus-festival", "unesco-city-for-peace", "autumn-concert", "city-day"]
    )
    spans = {key: (event.decoded("DTSTART"), event.decoded("DTEND")) for key, event in events.items()}
    assert spans == {
        "leap-day-partnership": (dt.date(2029, 2, 28), dt.date(2029, 3, 1)),
        "lotus-festival": (dt.date(2029, 7, 1), dt.date(2029, 8, 1)),
        "unesco-city-for-peace": (dt.date(2029, 7, 16), dt.date(2029, 7, 17)),
        "autumn-concert": (dt.date(2029, 10, 1), dt.date(2030, 1, 1)),
        "city-day": (dt.date(2029, 10, 10), dt.date(2029, 10, 11)),
    }
    # DTSTAMP is the newest source check of the entry, not the build time.
    assert events["city-day"].decoded("DTSTAMP") == dt.datetime(2026, 11, 20, tzinfo=dt.timezone.utc)
    assert {str(event["URL"]) for event in events.values()} == {BASE + page_url("events/calendar.md", language(code))}
    assert missing(embeds_site, [str(event["URL"]) for event in events.values()]) == []
    assert len({str(event["UID"]) for event in events.values()}) == len(events)


@pytest.mark.parametrize(
    "code, calendar_name, city_day, unesco, organisers",
    [
        ("vi", "Sự kiện và ngày kỷ niệm năm 2029", "Ngày Giải phóng Thủ đô; mít tinh, diễu hành",
         "UNESCO trao danh hiệu Thành phố vì hòa bình – 30 năm", "Ngày cụ thể do ban tổ chức công bố."),
        ("en", "Events and anniversaries in 2029", "Capital Liberation Day; rally, parade",
         "UNESCO City for Peace title – 30 years", "The exact dates are announced by the organisers."),
        ("fr", "Événements et anniversaires en 2029", "Jour de la libération de la capitale ; défilé",
         "Titre de Ville pour la paix de l'UNESCO – 30 ans", "Les dates exactes sont annoncées par les organisateurs."),
        ("zh", "2029年活动与纪念日", "首都解放日", "联合国教科文组织授予和平城市称号 – 30周年", "具体日期由主办方公布。"),
        ("ja", "2029年の行事と記念日", "首都解放記念日", "ユネスコ「平和のための都市」称号 – 30周年", "正確な日程は主催者が発表します。"),
        ("ko", "2029년 행사와 기념일", "수도 해방 기념일", "유네스코 평화의 도시 칭호 – 30주년", "정확한 날짜는 주최 측이 발표합니다."),
    ],
)
def test_calendar_titles_are_localized(embeds_site, code, calendar_name, city_day, unesco, organisers):
    cal = calendar(embeds_site, code)
    assert str(cal["X-WR-CALNAME"]).endswith(calendar_name)
    events = events_of(cal)
    assert str(events["city-day"]["SUMMARY"]) == city_day
    assert str(events["unesco-city-for-peace"]["SUMMARY"]) == unesco
    assert organisers in str(events["lotus-festival"]["DESCRIPTION"])
    assert organisers not in str(events["city-day"]["DESCRIPTION"])
