"""Dates as readers of each language write them (Babel/CLDR)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from hanoi_info.languages import Language


def format_long_date(value: dt.date | None, language: Language) -> str:
    """"30 tháng 11, 2026", "November 30, 2026", "2026年11月30日"..."""
    if value is None:
        return ""
    return format_date(value, format="long", locale=language.babel_locale)
