"""The rule engine: one entry point, :func:`check`, for the CLI and the Excel add-in.

Row rules run as a pandera schema (rules/rows.py), cross-row and structure
rules as plain functions; all of them end here as :class:`Finding` objects
with a message in the requested language.
"""

from __future__ import annotations

from ..findings import SEVERITY_ORDER, Finding, excerpt
from ..messages import language
from ..reader import Plan, records
from ..template import Structure, structure
from ..text import visible_text
from . import cross, rows
from . import shape
from .catalog import RULES, Rule
from .heuristics import PERSONAL_DATA_KINDS, personal_data

__all__ = ["RULES", "Rule", "check"]


def check(plan: Plan, config=None, lang: str | None = None, struct: Structure | None = None) -> list[Finding]:
    """Every finding for ``plan`` under ``config`` (default: all rules, default severities)."""
    from ..config import Config

    config = config or Config()
    lang = language(lang or config.lang)
    struct = struct or structure()
    selected = config.rules()
    year = config.year or plan.year
    table = plan.table
    data = table[table["kind"] == "data"]
    # The plan's own texts; the hidden identity column is xlplan's, never judged as content.
    fields = [c[len("cell_"):] for c in table.columns if c.startswith("cell_") and c != "cell_id"]
    out: list[Finding] = []

    def emit(rule: str, sheet: str, cell: str, row: int | None, field: str, value: str, params=None) -> None:
        # A cell's control characters (\x01, an ESC sequence) never reach a report, a note or a terminal.
        r = RULES[rule]
        value = visible_text(excerpt(value))  # excerpt first: Word's \x0b is whitespace, folded to a space
        params = dict(params or {})
        params.setdefault("value", value)
        params.setdefault("field", _label(field, lang, struct))
        params.setdefault("year", year)
        out.append(Finding(rule, config.severity_of(rule), sheet, cell, row, field, value,
                           visible_text(r.message(lang, **params))))

    failed = list(rows.failures(data, selected, fields, year))
    by_index = dict(zip(data.index, records(data))) if failed else {}
    for rule, index, column in failed:
        rec = by_index[index]
        field, value, cell, params = _row_finding(rule, rec, column, year, lang)
        emit(rule, rec["sheet"], cell, int(rec["row"]), field, value, params)

    if "cause-without-measure" in selected:
        for index in cross.causes_without_measure(data):
            rec = table.loc[index]
            emit("cause-without-measure", rec["sheet"], rec["src_cause"], int(rec["row"]), "cause", rec["cause"])
    if "duplicate-measure" in selected:
        for index, first in cross.duplicate_measures(data):
            rec = table.loc[index]
            emit("duplicate-measure", rec["sheet"], rec["src_measure"], int(rec["row"]), "measure", rec["measure"],
                 {"found": table.loc[first, "src_measure"]})

    if "missing-followup" in selected:
        for index, header in cross.missing_followups(plan, data):
            rec = table.loc[index]
            emit("missing-followup", rec["sheet"], rec[f"cell_{header}"], int(rec["row"]), header, rec["measure"])
    if "followup-without-status" in selected:
        for index, header in cross.followups_without_status(plan, data):
            rec = table.loc[index]
            emit("followup-without-status", rec["sheet"], rec[f"src_{header}"], int(rec["row"]), header, rec[header])

    hits = []
    if "header-mismatch" in selected:
        hits += shape.header_mismatches(plan, struct)
    if "missing-sheet" in selected:
        hits += shape.missing_sheets(plan, struct)
    if "unknown-sheet" in selected:
        hits += shape.unknown_sheets(plan)
    if "stale-analysis" in selected:
        hits += shape.stale_analysis(plan, struct, lang)
    for h in hits:
        emit(h.rule, h.sheet, h.cell, h.row, h.field, h.value, h.params)
    return sort_findings(_dedupe(out), plan)


def _row_finding(rule: str, rec, column: str, year: int | None, lang: str):
    """Which field a row finding is about, the text to show, the cell to point at, extra message values."""
    if rule in rows.MISSING:
        field = rows.MISSING[rule]
        return field, rec["measure"], rec[f"cell_{field}"], {}
    if rule == "goal-without-measure":
        field = next(f for f in ("goal", "timing", "owner") if rec[f].strip())
        return field, rec[field], rec["cell_measure"], {}
    field = column
    params = {}
    if rule == "timing-outside-year":
        from ..timing import parse

        t = parse(rec["timing"], year)
        params = {"start": t.start or "…", "end": t.end or "…"}
    if rule == "personal-data":
        kind = personal_data(rec[field]) or "email"
        params = {"what": PERSONAL_DATA_KINDS[kind][1 if lang == "en" else 0]}
    return field, rec[field], rec[f"src_{field}"], params


def _label(field: str, lang: str, struct: Structure) -> str:
    try:
        return struct.label(field, lang)
    except KeyError:
        return field


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """A merged cell spans rows: report it once."""
    seen, out = set(), []
    for f in findings:
        key = (f.rule, f.sheet, f.cell, f.field) if f.cell else (f.rule, f.sheet, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _cell_key(cell: str) -> tuple[int, int]:
    letters = "".join(ch for ch in cell if ch.isalpha())
    digits = "".join(ch for ch in cell if ch.isdigit())
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return (int(digits) if digits else 0, col)


def sort_findings(findings: list[Finding], plan: Plan) -> list[Finding]:
    """Workbook order: sheets as they stand, then row, then column; workbook-level findings first."""
    order = {s.name: s.position for s in plan.sheets}
    return sorted(findings, key=lambda f: (order.get(f.sheet, -1), _cell_key(f.cell), SEVERITY_ORDER[f.severity], f.rule))


