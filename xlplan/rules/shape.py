"""Rules about the workbook's shape: sheets, header rows, the analysis tab."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from typing import TYPE_CHECKING

from ..template import FIELDS, Structure
from ..text import nfc

if TYPE_CHECKING:
    from ..reader import Plan


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
    """Headers that differ from the template's (compared in NFC), and columns the header row lacks.

    A missing column is one finding at the header cell where it belongs; its
    rows then get no missing-goal/-timing/-owner findings (see rules.rows).
    """
    for info in plan.area_sheets:
        row = info.header_row
        expected = {f: struct.column(f).header for f in FIELDS[1:]}
        area = next((a for a in struct.fixed_areas if a.number == info.area and not info.custom), None)
        if area is not None:
            expected["problem"] = area.title
        for field, want in expected.items():
            letter = info.columns.get(field)
            found = info.headers.get(field, "")
            gone = info.missing.get(field)
            if gone is not None:
                yield Hit("header-mismatch", info.name, f"{gone.letter}{row}", row, field, gone.found,
                          {"found": gone.found, "expected": want, "sheet": info.name.rstrip(),
                           "variant": "renamed" if gone.found else "missing"})
            elif letter is None:  # not a template column the reader maps: point at the start of the header row
                yield Hit("header-mismatch", info.name, f"{info.columns['problem']}{row}", row, field, "",
                          {"found": "", "expected": want, "sheet": info.name.rstrip(), "variant": "missing"})
            elif nfc(found) != nfc(want):
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


WHAT = {"problems": ("antal problem", "number of problems"), "causes": ("antal orsaker", "number of causes"),
        "measures": ("antal åtgärder", "number of measures")}


def stale_analysis(plan: Plan, struct: Structure, lang: str) -> Iterator[Hit]:
    """Every cell ``xlplan analysis`` would change is a stale cell: the check and the fix share one computation."""
    from ..analysis import analysis_edits
    from ..edits import SetValue
    from ..text import split_ref

    if plan.analysis is None:
        return
    en = lang == "en"
    labels = {r.row: r.label for r in plan.analysis.rows}
    col_key = {letter: key for key, letter in plan.analysis.columns.items()}
    edits = [e for e in analysis_edits(plan, struct) if isinstance(e, SetValue)]
    new_rows = {split_ref(e.cell)[0] + 1: e for e in edits if e.what == "label"}
    for e in edits:
        row = split_ref(e.cell)[0] + 1
        if row in new_rows:
            if e.what == "label":
                counts = [str(x.value) for x in edits if x.what == "count" and split_ref(x.cell)[0] + 1 == row]
                yield Hit("stale-analysis", e.sheet, e.cell, row, "label", e.before,
                          {"found": e.before or "–", "expected": ", ".join(counts), "title": e.value,
                           "what": "row missing" if en else "rad saknas"})
            continue
        key = col_key.get("".join(ch for ch in e.cell if ch.isalpha()), "")
        yield Hit("stale-analysis", e.sheet, e.cell, row, key, e.before,
                  {"found": e.before or "–", "expected": e.value, "title": labels.get(row, ""),
                   "what": WHAT.get(key, ("", ""))[1 if en else 0]})
