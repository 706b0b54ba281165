"""What a backend hands the core: one sheet's cell values and merged ranges.

The file backend (calamine) and the Excel backend (xlwings) both produce Grids,
so the reader, the rules and the counts never know where cells came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Grid:
    name: str
    rows: list[list[Any]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    """Merged ranges as (first_row, first_col, last_row, last_col), 0-based, inclusive, clipped to the values."""
    visible: bool = True

    def __post_init__(self) -> None:
        self.merges = clip_merges(self.merges, len(self.rows), max((len(r) for r in self.rows), default=0))

    def text(self, row: int, col: int) -> str:
        if row < len(self.rows) and col < len(self.rows[row]):
            return as_text(self.rows[row][col])
        return ""


def as_text(value: Any) -> str:
    """A cell value as the text a reader of the sheet sees.

    Real Excel dates become ISO dates (the template's När column holds both
    typed dates and free text, and they must compare as text); whole numbers
    lose their ".0".
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "SANT" if value else "FALSKT"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def clip_merges(merges, n_rows: int, n_cols: int) -> list[tuple[int, int, int, int]]:
    """Merged ranges cut to the cells that exist; ranges starting beyond them dropped.

    A merge is an interval: ``A3:XFD1048576`` over a sheet of 60 rows and 9
    columns means A3:I60 for everything that reads values. Work then follows
    the content, not the addresses a file claims.
    """
    out = []
    for r0, c0, r1, c1 in merges:
        if r0 < n_rows and c0 < n_cols and r1 >= r0 and c1 >= c0:
            out.append((r0, c0, min(r1, n_rows - 1), min(c1, n_cols - 1)))
    return out
