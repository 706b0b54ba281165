"""Rules about the workbook's shape: sheets, header rows, the analysis tab."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..counts import COUNT_COLUMNS
from ..reader import Plan, SheetInfo
from ..template import FIELDS, Structure
from ..text import fold_label, fold_ws


@dataclass
class Hit:
    """A structure finding before it gets its message (see rules.check)."""

    rule: str
    sheet: str
    cell: str = ""
    row: int | None = None
    field: str = ""
    value: str = ""
    params: dict | None = None


def header_mismatches(plan: Plan, struct: Structure) -> Iterator[Hit]:
    for info in plan.area_sheets:
        row = info.header_row
        expected = {f: struct.column(f).header for f in FIELDS[1:]}
        area = next((a for a in struct.fixed_areas if a.number == info.area and not info.custom), None)
        if area is not None:
            expected["problem"] = area.title
        for field, want in expected.items():
            letter = info.columns.get(field)
            found = info.headers.get(field, "")
            if letter is None:  # the column was not found at all: point at the start of the header row
                yield Hit("header-mismatch", info.name, f"{info.columns['problem']}{row}", row, field, "",
                          {"found": "", "expected": want})
            elif found != want:
                yield Hit("header-mismatch", info.name, f"{letter}{row}", row, field, found,
                          {"found": found, "expected": want})
        if not info.followups:
            yield Hit("header-mismatch", info.name, "", row, "followup", "",
                      {"found": "", "expected": struct.followup.header})


def missing_sheets(plan: Plan, struct: Structure) -> Iterator[Hit]:
    kinds = {s.kind for s in plan.sheets}
    if "instruction" not in kinds:
        yield Hit("missing-sheet", struct.instruction_sheet, params={"sheet": struct.instruction_sheet})
    present = {s.area for s in plan.area_sheets if not s.custom}
    for area in struct.fixed_areas:
        if area.number not in present:
            yield Hit("missing-sheet", area.sheet, params={"sheet": area.sheet})
    if "analysis" not in kinds:
        yield Hit("missing-sheet", struct.analysis_sheet, params={"sheet": struct.analysis_sheet})


def unknown_sheets(plan: Plan) -> Iterator[Hit]:
    for s in plan.sheets:
        if s.kind == "other":
            yield Hit("unknown-sheet", s.name, params={"sheet": s.name})


def _row_for(info: SheetInfo, rows, struct: Structure):
    titles = {fold_label(info.title)}
    if not info.custom:
        titles |= {fold_label(a.title) for a in struct.fixed_areas if a.number == info.area}
    for r in rows:
        if fold_label(r.label) in titles:
            return r
    for r in rows:
        if any(fuzz.ratio(fold_label(r.label), t) >= 88 for t in titles):
            return r
    return None


WHAT = {"problems": ("antal problem", "number of problems"), "causes": ("antal orsaker", "number of causes"),
        "measures": ("antal åtgärder", "number of measures")}


def stale_analysis(plan: Plan, struct: Structure, lang: str) -> Iterator[Hit]:
    table = plan.analysis
    if table is None:
        return
    counts = plan.counts().set_index("sheet")
    used = set()
    for info in plan.area_sheets:
        want = {k: int(counts.loc[info.name, k]) for k in COUNT_COLUMNS}
        row = _row_for(info, table.rows, struct)
        if row is None:
            if any(want.values()):
                last = table.rows[-1].row + 1 if table.rows else table.header_row + 1
                yield Hit("stale-analysis", table.sheet, f"{table.columns['label']}{last}", last, "label", "",
                          {"found": "–", "expected": ", ".join(str(want[k]) for k in COUNT_COLUMNS),
                           "title": fold_ws(info.title), "what": "rad saknas" if lang != "en" else "row missing"})
            continue
        used.add(row.row)
        for key in COUNT_COLUMNS:
            found = row.values.get(key)
            if key in row.cells and found != want[key]:
                yield Hit("stale-analysis", table.sheet, row.cells[key], row.row, key,
                          "" if found is None else str(found),
                          {"found": "–" if found is None else found, "expected": want[key], "title": row.label,
                           "what": WHAT[key][1 if lang == "en" else 0]})
