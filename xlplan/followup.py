"""Start a follow-up round: a dated follow-up column on every area sheet.

Twice a year the coordinator starts a round (``xlplan followup start PLAN
--date 2026-04-30``) before sending the copies out, so every party writes in the
same column ``Uppföljning 2026-04-30`` and ``xlplan merge`` then fills it in the
master. The column is added exactly as merge adds a column a copy brings
(template header, instruction text, width, after the sheet's last column):
:func:`xlplan.merge.add_followup_column` is reused, not copied.

Date order: new columns are always appended after the last column. A round
dated before an existing dated column is still added (at the end, so the
columns are then out of date order); :func:`later_rounds` names those columns
so the command can say so. A sheet that already has the column is left alone,
so a second run with the same date changes nothing.
"""

from __future__ import annotations

import datetime as dt
import re

from .edits import Edit
from .errors import PlanError
from .reader import Plan
from .template import structure

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def round_date(text: str) -> dt.date:
    """``text`` as a calendar date (yyyy-mm-dd only: the header must sort and read the same everywhere)."""
    text = (text or "").strip()
    try:
        if not _ISO.fullmatch(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise PlanError("followup_bad_date", value=text) from None


def round_header(date: dt.date) -> str:
    """The column header of a round: the template's follow-up header and the date."""
    return f"{structure().followup.header} {date.isoformat()}"


def start_edits(plan: Plan, date: dt.date) -> list[Edit]:
    """Edits adding the round's column to each area sheet that lacks it (none: the round is started)."""
    from .merge import add_followup_column

    header = round_header(date)
    edits: list[Edit] = []
    new_columns: dict[str, dict[str, str]] = {}
    for info in plan.area_sheets:
        if header not in info.columns:
            add_followup_column(info, header, new_columns, edits)
    return edits


def later_rounds(plan: Plan, date: dt.date) -> list[str]:
    """Dated follow-up headers already in the plan that are later than ``date`` (the new column goes after them)."""
    later = []
    for info in plan.area_sheets:
        for header in info.followups:
            m = _ISO.search(header)
            if m and m.group(0) > date.isoformat() and header not in later:
                later.append(header)
    return sorted(later)
