"""Dates as readers of each language write them (Babel/CLDR)."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from babel.dates import format_date

from hanoi_info.languages import Language


def format_long_date(value: dt.date | None, language: Language) -> str:
    """"30 tháng 11, 2026", "November 30, 2026", "2026年11月30日"..."""
    if value is None:
        return ""
    return format_date(value, format="long", locale=language.babel_locale)


def content_year(root: Path, fallback: dt.date) -> int:
    """The year the site "is in", without reading the clock, so that two builds
    of one commit are identical: the year of the last commit, or of the newest
    ``updated`` date when the project is not a git checkout."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%cs"], cwd=root, capture_output=True, text=True, timeout=10, check=True
        )
        return dt.date.fromisoformat(result.stdout.strip()).year
    except (OSError, subprocess.SubprocessError, ValueError):
        return fallback.year
