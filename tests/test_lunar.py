"""The Vietnamese lunar calendar against published dates.

Sources (checked 2026-12-05):
- 1968: H. Aslaksen, "The Mathematics of the Chinese Calendar" (National
  University of Singapore): North Việt Nam, on UTC+7 since 8 August 1967,
  celebrated Tết on 29 January 1968; the Chinese calendar (UTC+8) had
  30 January. https://studylib.net/doc/8101861/the-mathematics-of-the-chinese-calendar
- 1985: 21 January in Việt Nam, 20 February in China (issue #13); a Chinese-
  calendar package (lunardate 0.3.0) measured 20 February 1985.
- 2025: the Prime Minister's approval of the 2025 Tết holiday: 27 January is
  the 28th day of the last month, 31 January the 3rd day of the first month
  (SGGP, https://en.sggp.org.vn/prime-minister-approves-9-day-tet-break-for-2025-post114084.html).
- 2026: the 2026 Tết holiday: Saturday 14 February is the 27th of the last
  month, Sunday 22 February the 6th day of the first month (Công an TP.HCM,
  http://www.congan.com.vn/?catid=702&id=388656&mod=detnews); the Hương
  Pagoda season of 2026 ran from 18 February (2nd day of the 1st month) to
  11 May (25th day of the 3rd month) (docs/tourism/perfume-pagoda.md's sources).
- 2027: no official announcement was found in the search corpora on
  2026-12-05; 6 February 2027 is the date issue #13 gives (both calendars
  agree that year).
"""

from __future__ import annotations

import datetime as dt

import pytest

from hanoi_info.lunar import LunarDate, LunarDateError, to_gregorian, to_lunar

TET = {
    1968: dt.date(1968, 1, 29),
    1985: dt.date(1985, 1, 21),
    2025: dt.date(2025, 1, 29),
    2026: dt.date(2026, 2, 17),
    2027: dt.date(2027, 2, 6),
}


@pytest.mark.parametrize("year", sorted(TET))
def test_tet_falls_on_the_published_day(year):
    assert to_gregorian(LunarDate(year, 1, 1)) == TET[year]
    assert to_lunar(TET[year]) == LunarDate(year, 1, 1)


def test_the_years_the_vietnamese_and_chinese_calendars_disagree():
    # The Chinese dates: the day the Vietnamese calendar gives is not Tết there.
    assert to_lunar(dt.date(1968, 1, 30)) == LunarDate(1968, 1, 2)
    assert to_lunar(dt.date(1985, 2, 20)) == LunarDate(1985, 2, 1)


@pytest.mark.parametrize(
    ("gregorian", "lunar"),
    [
        (dt.date(2025, 1, 27), LunarDate(2024, 12, 28)),
        (dt.date(2025, 1, 31), LunarDate(2025, 1, 3)),
        (dt.date(2026, 2, 14), LunarDate(2025, 12, 27)),
        (dt.date(2026, 2, 22), LunarDate(2026, 1, 6)),
        (dt.date(2026, 2, 18), LunarDate(2026, 1, 2)),
        (dt.date(2026, 5, 11), LunarDate(2026, 3, 25)),
    ],
)
def test_other_published_days(gregorian, lunar):
    assert to_lunar(gregorian) == lunar
    assert to_gregorian(lunar) == gregorian


def test_every_day_of_two_centuries_round_trips():
    day = dt.date(1901, 1, 1)
    previous = to_lunar(day - dt.timedelta(days=1))
    while day < dt.date(2100, 12, 1):
        lunar = to_lunar(day)
        assert to_gregorian(lunar) == day
        # Days advance one by one; a month has 29 or 30 of them.
        if lunar.day != 1:
            assert (lunar.year, lunar.month, lunar.leap, lunar.day) == (
                previous.year, previous.month, previous.leap, previous.day + 1)
        else:
            assert previous.day in (29, 30)
        previous = lunar
        day += dt.timedelta(days=1)


def test_dates_that_do_not_exist_are_errors_not_the_next_day():
    # The 1st month of 2027 has 29 days: the 30th is not quietly 1/2.
    first = to_gregorian(LunarDate(2027, 1, 1))
    second = to_gregorian(LunarDate(2027, 2, 1))
    length = (second - first).days
    if length == 29:
        with pytest.raises(LunarDateError, match="29 days"):
            to_gregorian(LunarDate(2027, 1, 30))
    # A leap month the year does not have.
    with pytest.raises(LunarDateError, match="no leap month"):
        to_gregorian(LunarDate(2027, 3, 1, leap=True))
    with pytest.raises(LunarDateError):
        to_gregorian(LunarDate(2026, 13, 1))


def test_a_leap_month_resolves_after_its_month():
    # Find 2025's leap month from the calendar itself and check its order.
    leap = {to_lunar(dt.date(2025, 1, 1) + dt.timedelta(days=n)) for n in range(365)}
    leap_months = {d.month for d in leap if d.leap}
    assert len(leap_months) == 1
    month = leap_months.pop()
    assert to_gregorian(LunarDate(2025, month, 1)) < to_gregorian(LunarDate(2025, month, 1, leap=True)) \
        < to_gregorian(LunarDate(2025, month + 1, 1))
