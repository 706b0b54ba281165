"""The rule engine: one entry point, :func:`check`, for the CLI and the Excel add-in.

Row rules run as a pandera schema (rules/rows.py), cross-row and structure
rules as plain functions; all of them end here as :class:`Finding` objects
with a message in the requested language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..findings import SEVERITY_ORDER, Finding, excerpt
from ..messages import language
from ..template import Structure, structure
from ..text import visible_text
from .catalog import RULES, Rule

if TYPE_CHECKING:  # `xlplan rules` and `explain` need the catalogue only: the reader and rules load in check()
    from ..reader import Plan

__all__ = ["RULES", "Rule", "check"]


class _Columns:
    """The plan table's columns as plain arrays, fetched once each: findings read single cells by position."""

    def __init__(self, frame):
        self.frame = frame
        self.arrays: dict[str, object] = {}

    def __call__(self, name: str):
        if name not in self.arrays:
            self.arrays[name] = self.frame[name].to_numpy(dtype=object)
        return self.arrays[name]


def check(plan: Plan, config=None, lang: str | None = None, struct: Structure | None = None) -> list[Finding]:
    """Every finding for ``plan`` under ``config`` (default: all rules, default severities)."""
    from ..columns import remembered

    with remembered():
        return _check(plan, config, lang, struct)


def _check(plan: Plan, config, lang: str | None, struct: Structure | None) -> list[Finding]:
    from ..config import Config
    from . import cross, rows, shape

    config = config or Config()
    lang = language(lang or config.lang)
    struct = struct or structure()
    selected = config.rules()
    year = config.year or plan.year
    table = plan.table
    data = plan.data()
    # The plan's own texts; the hidden identity column is xlplan's, never judged as content.
    fields = [c[len("cell_"):] for c in table.columns if c.startswith("cell_") and c != "cell_id"]
    out: list[Finding] = []
    shown: dict[str, str] = {}  # cell text -> its excerpt as a report shows it: plans repeat their texts
    labels: dict[str, str] = {}
    severities: dict[str, str] = {}

    seen: set[tuple] = set()

    def emit(rule: str, sheet: str, cell: str, row: int | None, field: str, value: str, params=None) -> None:
        # A merged cell spans rows: it is reported once, and a repeat costs no message (see _dedupe).
        if cell:
            key = (rule, sheet, cell, field)
            if key in seen:
                return
            seen.add(key)
        # A cell's control characters (\x01, an ESC sequence) never reach a report, a note or a terminal:
        # every text from the file that goes into a message is made visible (the templates are clean).
        if value not in shown:  # excerpt first: Word's \x0b is whitespace, folded to a space
            shown[value] = visible_text(excerpt(value))
        if field not in labels:  # a follow-up header is the file's text
            labels[field] = visible_text(_label(field, lang, struct))
        if rule not in severities:
            severities[rule] = config.severity_of(rule)
        values = {"value": shown[value], "field": labels[field], "year": year}
        if params:
            values.update((k, visible_text(v) if isinstance(v, str) else v) for k, v in params.items())
        out.append(Finding(rule, severities[rule], sheet, cell, row, field, shown[value],
                           RULES[rule].message(lang, **values)))

    col = _Columns(data)
    for rule, positions, column in rows.failures(data, selected, fields, year):
        sheets, row_numbers = col("sheet"), col("row")
        for i in positions:
            field, value, cell, params = _row_finding(rule, col, i, column, year, lang, rows.MISSING)
            emit(rule, sheets[i], cell, int(row_numbers[i]), field, value, params)

    at = col
    where = data.index.get_indexer  # table index labels -> positions among the data rows

    if "cause-without-measure" in selected:
        for i in where(list(cross.causes_without_measure(data))):
            emit("cause-without-measure", at("sheet")[i], at("src_cause")[i], int(at("row")[i]), "cause",
                 at("cause")[i])
    if "duplicate-measure" in selected:
        pairs = list(cross.duplicate_measures(data))
        if pairs:
            for i, first in zip(where([a for a, _ in pairs]), where([b for _, b in pairs])):
                emit("duplicate-measure", at("sheet")[i], at("src_measure")[i], int(at("row")[i]), "measure",
                     at("measure")[i], {"found": at("src_measure")[first]})
    for name, found, cell_prefix, value_of in (("missing-followup", cross.missing_followups, "cell_", None),
                                               ("followup-without-status", cross.followups_without_status,
                                                "src_", "header")):
        if name not in selected:
            continue
        hits = list(found(plan, data))
        for i, (_, header) in zip(where([index for index, _ in hits]), hits):
            value = at(header)[i] if value_of else at("measure")[i]
            emit(name, at("sheet")[i], at(cell_prefix + header)[i], int(at("row")[i]), header, value)

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


def _row_finding(rule: str, col: _Columns, i: int, column: str, year: int | None, lang: str,
                 missing: dict[str, str]):
    """Which field a row finding is about, the text to show, the cell to point at, extra message values.

    Called once per finding (tens of thousands on a large plan): the modules
    it needs are imported once, in :func:`_check`, not here.
    """
    if rule in missing:  # rows.MISSING
        field = missing[rule]
        return field, col("measure")[i], col(f"cell_{field}")[i], {}
    if rule == "goal-without-measure":
        field = next(f for f in ("goal", "timing", "owner") if col(f)[i].strip())
        return field, col(field)[i], col("cell_measure")[i], {}
    field = column
    params = {}
    if rule == "timing-outside-year":
        t = _parse_timing(col("timing")[i], year)
        params = {"start": t.start or "…", "end": t.end or "…"}
    if rule == "personal-data":
        from .heuristics import PERSONAL_DATA_KINDS, personal_data

        kind = personal_data(col(field)[i]) or "email"
        params = {"what": PERSONAL_DATA_KINDS[kind][1 if lang == "en" else 0]}
    return field, col(field)[i], col(f"src_{field}")[i], params


def _parse_timing(text: str, year: int | None):
    from ..timing import parse

    return parse(text, year)


def _label(field: str, lang: str, struct: Structure) -> str:
    try:
        return struct.label(field, lang)
    except KeyError:
        return field


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """A merged cell spans rows: report it once (findings with a cell are already once, see emit)."""
    seen, out = set(), []
    for f in findings:
        key = None if f.cell else (f.rule, f.sheet, f.message)
        if key is None:
            out.append(f)
        elif key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _cell_key(cell: str) -> tuple[int, int]:
    """(row, column) of an A1 address for sorting; "" (a whole sheet or the workbook) sorts first."""
    from ..text import split_ref

    try:
        r0, c0 = split_ref(cell)
    except ValueError:
        return (0, 0)
    return (r0 + 1, c0 + 1)


def sort_findings(findings: list[Finding], plan: Plan) -> list[Finding]:
    """Workbook order: sheets as they stand, then row, then column; workbook-level findings first."""
    order = {s.name: s.position for s in plan.sheets}
    return sorted(findings, key=lambda f: (order.get(f.sheet, -1), _cell_key(f.cell), SEVERITY_ORDER[f.severity], f.rule))


