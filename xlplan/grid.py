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
    """Merged ranges as (first_row, first_col, last_row, last_col), 0-based, inclusive."""
    visible: bool = True

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
