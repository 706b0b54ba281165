"""Next year's plan from this year's: the measures still alive, carried over.

``xlplan new --from PLAN_2025.xlsx --year 2026 -o PLAN_2026.xlsx`` builds a
fresh plan from the template (:func:`xlplan.build.build_template`, so it looks
exactly like ``xlplan new``) and writes into it, sheet by area, the rows that
still have work ahead: problem, cause, measure, goal, timing and owner as they
were, the same row identity (hidden ``xlplan-id`` column, when the old plan has
identities, so next year's copies merge by it), empty follow-up columns, the new
year in the title, the district of the old plan unless another is given.

Which rows are alive (the status of the latest started follow-up round, from
:mod:`xlplan.status`):

- ``dropped``: left out;
- ``done``: left out, unless the timing recurs or is ongoing work ("Löpande",
  "2 ggr per år", "Pågår i linjearbete"): done this year means to do again next year;
- ``ongoing``, ``not-started``, ``missing`` (no text in the latest round) and
  ``unknown`` (a text the classifier cannot read): kept, to be safe: deleting a
  row in the new plan is one click, recalling a forgotten measure is not;
- ``""`` (a problem or cause without a measure): kept, nothing was done about it.

Timings are copied as written: the ``timing-outside-year`` rule then names the
ones that still speak of the old year, which is the list to revise. Rows of a
sheet whose area is not in the template are left out and listed. The analysis
tab is recounted so the new plan validates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .reader import Plan, records
from .template import FIELDS, structure
from .timing import parse as parse_timing

KEPT_STATUSES = ("ongoing", "not-started", "missing", "unknown", "")
"""Statuses carried over whatever the timing."""


@dataclass
class NextYear:
    """What was carried over and what was left behind (row dicts: sheet, row, measure, status; left out: reason)."""

    kept: list[dict] = field(default_factory=list)
    left_out: list[dict] = field(default_factory=list)
    source_year: int | None = None
    year: int | None = None


def recurs(timing: str, year: int | None) -> bool:
    """Whether a timing is work that goes on (recurring or ongoing), so it belongs to next year too."""
    t = parse_timing(timing, year)
    return bool(t.recurrence or t.ongoing)


def alive(status: str, timing: str, year: int | None) -> bool:
    """Whether a row with this status and timing is carried into next year's plan."""
    if status == "dropped":
        return False
    if status == "done":
        return recurs(timing, year)
    return True


def _template_sheets(plan: Plan) -> dict[str, str]:
    """Old sheet name -> the template sheet of its area (custom sheets match the template's custom area by number)."""
    by_number = {a.number: a.sheet for a in structure().areas}
    return {info.name: by_number[info.area] for info in plan.area_sheets if info.area in by_number}


def select_rows(plan: Plan) -> tuple[dict[str, list[dict]], NextYear]:
    """Rows for build_template (template sheet -> rows), and the account of what was kept and left out."""
    from .status import measure_status

    table = plan.table.assign(status=measure_status(plan).reindex(plan.table.index).fillna(""))
    target = _template_sheets(plan)
    out: dict[str, list[dict]] = {}
    result = NextYear()
    for rec in records(table[table["kind"] == "data"]):
        row = {f: rec[f] for f in FIELDS} | {"id": rec.get("id", ""), "sheet": rec["sheet"], "row": rec["row"],
                                             "status": rec["status"]}
        if rec["sheet"] not in target:
            result.left_out.append(row | {"reason": "no_area"})
        elif alive(rec["status"], rec["timing"], plan.year):
            out.setdefault(target[rec["sheet"]], []).append(row)
            result.kept.append(row)
        else:
            result.left_out.append(row | {"reason": rec["status"]})
    return out, result


def build_next_year(source: str | Path, output: str | Path, year: int | None = None,
                    district: str | None = None) -> NextYear:
    """Write next year's plan to ``output`` (a new file, written whole) and say what was carried over.

    ``year`` defaults to the year after the old plan's (this year's, when the old plan names none).
    """
    import datetime as dt

    from .analysis import analysis_edits
    from .apply import apply_edits
    from .atomic import write_atomic
    from .build import build_template
    from .reader import read_plan

    plan = read_plan(source)
    rows, result = select_rows(plan)
    year = year or ((plan.year + 1) if plan.year else dt.date.today().year)
    result.source_year, result.year = plan.year, year
    district = district if district is not None else plan.district

    def write(tmp: Path) -> None:
        build_template(tmp, year=year, district=district, rows_by_area=rows)
        apply_edits(tmp, analysis_edits(read_plan(tmp)), save=True)  # counts of the rows written

    write_atomic(output, write)
    return result
