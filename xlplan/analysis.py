"""The analysis tab: which table row belongs to which area sheet, and what to write.

The same matching serves the ``stale-analysis`` rule and ``xlplan analysis``,
so the check and the fix can never disagree. An added area takes the
template's placeholder row ("[Eget prioriterat område]") if it is free, else a
new row under the table; the chart's ranges then grow with it, and so do an
Excel table, data bars and other conditional formats or validations over the
table (see :mod:`xlplan.tables`).
"""

from __future__ import annotations

from rapidfuzz import fuzz

from .counts import COUNT_COLUMNS, count_areas
from .edits import Edit, ExtendTable, SetValue
from .errors import PlanError
from .reader import AnalysisRow, Plan, SheetInfo
from .template import Structure, structure
from .text import fold_label, fold_ws


def _titles(info: SheetInfo, struct: Structure) -> set[str]:
    titles = {fold_label(info.title)}
    if not info.custom:
        titles |= {fold_label(a.title) for a in struct.fixed_areas if a.number == info.area}
    return titles


def match_rows(plan: Plan, struct: Structure | None = None) -> list[tuple[SheetInfo, AnalysisRow | None]]:
    """Each area sheet with its analysis row (exact title first, then a near match), or None."""
    struct = struct or structure()
    rows = plan.analysis.rows if plan.analysis else []
    taken: set[int] = set()
    out: dict[str, AnalysisRow | None] = {}
    for exact in (True, False):
        for info in plan.area_sheets:
            if out.get(info.name) is not None:
                continue
            titles = _titles(info, struct)
            for r in rows:
                if r.row in taken:
                    continue
                label = fold_label(r.label)
                if label in titles if exact else any(fuzz.ratio(label, t) >= 88 for t in titles):
                    out[info.name] = r
                    taken.add(r.row)
                    break
    return [(info, out.get(info.name)) for info in plan.area_sheets]


def analysis_edits(plan: Plan, struct: Structure | None = None) -> list[Edit]:
    """What to write so the analysis tab shows this plan's counts (empty when it does)."""
    struct = struct or structure()
    table = plan.analysis
    if table is None:
        raise PlanError("no_analysis", path=str(plan.path or ""), sheet=struct.analysis_sheet)
    counts = count_areas(plan)  # plain numbers: refreshing the tab needs no DataFrame (nor pandas)
    cols = table.columns
    edits: list[Edit] = []
    pairs = match_rows(plan, struct)
    used = {r.row for _, r in pairs if r is not None}
    placeholder = next((r for r in table.rows if r.row not in used
                        and fold_label(r.label) == fold_label(struct.analysis_placeholder)), None)
    last = table.rows[-1].row if table.rows else table.header_row
    style_row = table.rows[-1].row if table.rows else table.header_row + 1
    new_last = last
    for info, row in pairs:
        want = dict(zip(COUNT_COLUMNS, counts[info.name]))
        if row is None:
            if not any(want.values()) and info.custom and fold_label(info.title) == fold_label(struct.analysis_placeholder):
                continue  # the template's unused area 6 needs no row of its own
            if placeholder is not None:
                row, placeholder = placeholder, None
                r = row.row
                edits.append(SetValue(table.sheet, row.cells["label"], fold_ws(info.title), row.label, "label"))
            else:
                new_last += 1
                r = new_last
                edits.append(SetValue(table.sheet, f"{cols['label']}{r}", fold_ws(info.title), "", "label",
                                      style_from=f"{cols['label']}{style_row}"))
            for key in COUNT_COLUMNS:
                if key in cols:
                    shown = row.values.get(key) if row is not None else None
                    before = "" if shown is None else str(shown)
                    edits.append(SetValue(table.sheet, f"{cols[key]}{r}", want[key], before, "count",
                                          style_from=f"{cols[key]}{style_row}"))
            continue
        for key in COUNT_COLUMNS:
            if key in cols and row.values.get(key) != want[key]:
                edits.append(SetValue(table.sheet, row.cells[key], want[key],
                                      "" if row.values.get(key) is None else str(row.values[key]), "count"))
    if new_last > last:
        edits.append(ExtendTable(table.sheet, table.header_row + 1, last, new_last))
    return edits
