"""The Vietnamese lunisolar calendar (âm lịch), computed for UTC+7.

Festivals in Hà Nội are fixed in this calendar: Tết is the 1st day of the 1st
month, the Mid-Autumn Festival the 15th day of the 8th month. This module turns
such a date into the Gregorian date of a given year, and back.

The algorithm is Hồ Ngọc Đức's ("Thuật toán tính âm lịch",
https://www.informatik.uni-leipzig.de/~duc/amlich/calrules_vn.html): new moons
and the sun's longitude from Meeus' series, months starting on the day (in
UTC+7, meridian 105° E) of the new moon, month 11 holding the winter solstice,
and in a 13-month year the first month without a principal term (trung khí)
after month 11 being the leap month.

Why our own ~100 lines rather than a package (measured on 2026-12-05):

- the established Python packages (``lunardate`` 0.3.0 and the like) compute
  the *Chinese* calendar (UTC+8): they give Tết 1968 as 30 January and Tết 1985
  as 20 February, where Việt Nam celebrated on 29 and 21 January;
- the packages that implement the Vietnamese calendar (``lunar-vn`` 1.4.0,
  ``vnlunar`` 1.0.5) are one-person projects first published in 2025–2026;
  ``lunar-vn`` gets the dates right but silently turns the 30th day of a
  29-day month into the 1st of the next month, and ignores a leap-month flag
  in a year that has no such leap month, where an editor's typo must be an
  error.

tests/test_lunar.py checks the result against published dates, including the
years in which the Vietnamese and Chinese calendars disagree.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import lru_cache

TIME_ZONE = 7.0  # hours east of UTC: Việt Nam since 1967 (the North) / 1975 (the whole country)
_SYNODIC_MONTH = 29.530588853
_NEW_MOON_EPOCH = 2415021.076998695  # Julian day of the new moon of 1 January 1900 (k = 0)
# The algorithm's series are good for the 20th and 21st centuries; outside,
# results would silently drift, so refuse them.
FIRST_YEAR, LAST_YEAR = 1900, 2199


class LunarDateError(ValueError):
    """A lunar date that does not exist (e.g. the 30th of a 29-day month)."""


@dataclass(frozen=True, order=True)
class LunarDate:
    year: int  # the lunar year: the one whose 1st month begins in that Gregorian year
    month: int  # 1..12
    day: int  # 1..30
    leap: bool = False  # the leap (intercalary) month that follows ``month``


def _jd_from_date(date: dt.date) -> int:
    return date.toordinal() + 1721425


def _date_from_jd(jd: int) -> dt.date:
    return dt.date.fromordinal(jd - 1721425)


@lru_cache(maxsize=4096)
def _new_moon_day(k: int) -> int:
    """Julian day number (local) of the k-th new moon after the one of 1 January 1900."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    dr = math.pi / 180
    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3  # sun's mean anomaly
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3  # moon's mean anomaly
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3  # moon's argument of latitude
    c1 = (0.1734 - 0.000393 * t) * math.sin(m * dr) + 0.0021 * math.sin(2 * dr * m)
    c1 -= 0.4068 * math.sin(mpr * dr) - 0.0161 * math.sin(dr * 2 * mpr)
    c1 -= 0.0004 * math.sin(dr * 3 * mpr)
    c1 += 0.0104 * math.sin(dr * 2 * f) - 0.0051 * math.sin(dr * (m + mpr))
    c1 -= 0.0074 * math.sin(dr * (m - mpr)) - 0.0004 * math.sin(dr * (2 * f + m))
    c1 -= 0.0004 * math.sin(dr * (2 * f - m)) + 0.0006 * math.sin(dr * (2 * f + mpr))
    c1 += 0.0010 * math.sin(dr * (2 * f - mpr)) + 0.0005 * math.sin(dr * (2 * mpr + m))
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return math.floor(jd1 + c1 - delta_t + 0.5 + TIME_ZONE / 24)


def _sun_sector(jdn: int) -> int:
    """Which twelfth of the ecliptic (0..11, 30° each from the vernal equinox)
    the sun is in at local midnight starting day ``jdn``."""
    t = (jdn - 2451545.5 - TIME_ZONE / 24) / 36525
    t2 = t * t
    dr = math.pi / 180
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(dr * m)
    dl += (0.019993 - 0.000101 * t) * math.sin(dr * 2 * m) + 0.000290 * math.sin(dr * 3 * m)
    longitude = (l0 + dl) * dr
    longitude -= 2 * math.pi * math.floor(longitude / (2 * math.pi))
    return math.floor(longitude / math.pi * 6)


@lru_cache(maxsize=512)
def _month11_start(year: int) -> int:
    """Julian day on which the lunar month containing the winter solstice of ``year`` begins."""
    off = _jd_from_date(dt.date(year, 12, 31)) - 2415021
    k = math.floor(off / _SYNODIC_MONTH)
    new_moon = _new_moon_day(k)
    if _sun_sector(new_moon) >= 9:  # the sun already past 270°: the solstice falls in the previous month
        new_moon = _new_moon_day(k - 1)
    return new_moon


@lru_cache(maxsize=512)
def _leap_offset(month11: int) -> int:
    """In a 13-month year starting at ``month11``, how many months after month 11
    the leap month comes: the first month with no principal term."""
    k = math.floor((month11 - _NEW_MOON_EPOCH) / _SYNODIC_MONTH + 0.5)
    last = 0
    i = 1
    arc = _sun_sector(_new_moon_day(k + i))
    while True:
        last = arc
        i += 1
        arc = _sun_sector(_new_moon_day(k + i))
        if arc == last or i >= 14:
            break
    return i - 1


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise LunarDateError(f"the lunar calendar is computed for the years {FIRST_YEAR}–{LAST_YEAR}, not {year}")


def to_lunar(date: dt.date) -> LunarDate:
    """The Vietnamese lunar date of a Gregorian date."""
    _check_year(date.year)
    day_number = _jd_from_date(date)
    k = math.floor((day_number - _NEW_MOON_EPOCH) / _SYNODIC_MONTH)
    # The mean-month estimate of k can be one off either way; step to the new
    # moon that starts the month containing the day.
    while _new_moon_day(k) > day_number:
        k -= 1
    while _new_moon_day(k + 1) <= day_number:
        k += 1
    month_start = _new_moon_day(k)
    a11 = _month11_start(date.year)
    b11 = a11
    if a11 >= month_start:
        lunar_year = date.year
        a11 = _month11_start(date.year - 1)
    else:
        lunar_year = date.year + 1
        b11 = _month11_start(date.year + 1)
    day = day_number - month_start + 1
    diff = math.floor((month_start - a11) / 29)
    leap = False
    month = diff + 11
    if b11 - a11 > 365:
        leap_diff = _leap_offset(a11)
        if diff >= leap_diff:
            month = diff + 10
            leap = diff == leap_diff
    if month > 12:
        month -= 12
    if month >= 11 and diff < 4:
        lunar_year -= 1
    return LunarDate(lunar_year, month, day, leap)


def to_gregorian(lunar: LunarDate) -> dt.date:
    """The Gregorian date of a Vietnamese lunar date; :class:`LunarDateError`
    if it does not exist (a 30th day in a 29-day month, a leap month the year
    does not have)."""
    if not 1 <= lunar.month <= 12 or not 1 <= lunar.day <= 30:
        raise LunarDateError(f"no lunar month {lunar.month}, day {lunar.day}: months are 1–12, days 1–30")
    _check_year(lunar.year)
    if lunar.month < 11:
        a11, b11 = _month11_start(lunar.year - 1), _month11_start(lunar.year)
    else:
        a11, b11 = _month11_start(lunar.year), _month11_start(lunar.year + 1)
    k = math.floor(0.5 + (a11 - _NEW_MOON_EPOCH) / _SYNODIC_MONTH)
    off = lunar.month - 11
    if off < 0:
        off += 12
    if b11 - a11 > 365:
        leap_off = _leap_offset(a11)
        leap = leap_off - 2
        if leap < 0:
            leap += 12
        if lunar.leap and lunar.month != leap:
            raise LunarDateError(f"lunar year {lunar.year} has no leap month {lunar.month}")
        if lunar.leap or off >= leap_off:
            off += 1
    elif lunar.leap:
        raise LunarDateError(f"lunar year {lunar.year} has no leap month")
    month_start = _new_moon_day(k + off)
    result = _date_from_jd(month_start + lunar.day - 1)
    if lunar.day == 30 and to_lunar(result) != lunar:
        raise LunarDateError(
            f"lunar month {lunar.month}{' (leap)' if lunar.leap else ''} of {lunar.year} has 29 days, no 30th"
        )
    return result
