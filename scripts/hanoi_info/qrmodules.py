"""Shared by the print (handouts) and screen (kiosk) QR renderers: the runs of
dark modules on a row, which both draw as one SVG path of horizontal bars."""

from __future__ import annotations

from typing import Sequence


def dark_runs(row: Sequence[bool]) -> list[tuple[int, int]]:
    """(start, end) of every run of dark modules in ``row``, end exclusive."""
    runs = []
    x = 0
    while x < len(row):
        if row[x]:
            start = x
            while x < len(row) and row[x]:
                x += 1
            runs.append((start, x))
        else:
            x += 1
    return runs
