"""The Excel door: "Validera" and "Uppdatera analys" on any ``xlwings.Book``.

The book's cell values become the same Grids the file backend makes, so the
reader, the rules and the counts are the very ones the CLI runs; the edits
they return are applied through xlwings instead of the part-level writer. It
works with xlwings' remote engine (the Office.js add-in served by an xlwings
Server app, see addin/) and with classic desktop xlwings (``RunPython``).

Merged cells: the Office.js payload carries values only, so the add-in's
JavaScript sends the sheets' merged areas along (``xlplan.merges`` in the
request body) and they are passed here as ``merges``; classic xlwings asks
Excel directly. With neither, a merged cell reads like cells left blank below
its first row.

Marks are the CLI's (xlplan/notes.py), so a plan marked by either door is
cleaned by the other: per sheet one conditional-format rule whose formula is
the marker ``="xlplan"="xlplan"`` over every marked cell (a list of areas,
split only where Excel's 8,192-character address limit demands it), and a
note starting "xlplan:" on each marked cell that has no note of the user's.
The next click deletes exactly the rules with the marker formula and the
notes that start with "xlplan:" (the add-in's JavaScript tells which notes
those are). On the remote engine all this travels as a few custom actions
the add-in's own client carries out in one batch:

- ``xlplanClearMarks``: delete every marker rule of the book (args: the formula);
- ``xlplanMarks`` (one per sheet): the rule's areas and the notes to add, to
  rewrite and to delete;
- ``xlplanLinks``: HYPERLINK formulas in the findings sheet's Cell column
  (xlplan's own formulas; texts from the plan stay texts, see ``_as_text``);
- ``xlplanMoveBelow``: charts below a grown analysis table move down with it;
- ``xlplanResult``: the summary and the findings for the task pane's list.

Sheets protected with a password (``locked``, told by the client) are never
written: their findings are listed but not marked, and the summary says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .findings import Finding
from .grid import Grid
from .notes import MARK_FORMULA as FILE_MARK_FORMULA
from .notes import note_text
from .sheetxml import split_ref
from .template import structure
from .text import cell_address

FINDINGS_SHEET = structure().findings_sheet

MARK_COLOR = "#FFC7CE"
MARK_FORMULA = "=" + FILE_MARK_FORMULA
"""The CLI's marker rule as Excel's API shows a formula: ``="xlplan"="xlplan"``."""
NOTE_PREFIX = note_text([]).split("\n", 1)[0]
"""How every note xlplan writes starts (both doors): ``xlplan:``."""
MAX_ADDRESS = 8000
"""Office.js refuses an address longer than 8,192 characters; a sheet's marks are cut into chunks below it."""
CLASSIC_ADDRESS = 255
"""Classic Excel's Range("…") takes at most 255 characters."""
_HEAD = {"sv": ["Allvarlighet", "Regel", "Flik", "Cell", "Meddelande", "Värde"],
         "en": ["Severity", "Rule", "Sheet", "Cell", "Message", "Value"]}
CELL_COLUMN = 3
"""The findings sheet's column (0-based) holding the link to each finding's cell."""


# --------------------------------------------------------------------------- reading


def _merges_of(sheet: Any, given: dict[str, list[str]] | None) -> list[tuple[int, int, int, int]]:
    areas = (given or {}).get(sheet.name)
    if areas is None:
        areas = _engine_merges(sheet)
    out = []
    for area in areas or []:
        area = area.split("!")[-1].replace("$", "")
        first, _, last = area.partition(":")
        (r0, c0), (r1, c1) = split_ref(first), split_ref(last or first)
        if (r0, c0) != (r1, c1):
            out.append((r0, c0, r1, c1))
    return out


def _engine_merges(sheet: Any) -> list[str] | None:
    """Merged areas from classic desktop Excel (COM); None where the engine cannot tell."""
    try:
        used = sheet.used_range
        if used.api is None or isinstance(used.api, dict):
            return None
        seen, out = set(), []
        for cell in used.api.Cells:  # pragma: no cover - needs Excel on Windows or macOS
            if cell.MergeCells:
                address = cell.MergeArea.Address.replace("$", "")
                if address not in seen:
                    seen.add(address)
                    out.append(address)
        return out
    except Exception:  # noqa: BLE001 - the remote engine raises NotImplementedError and friends
        return None


def grids_from_book(book: Any, merges: dict[str, list[str]] | None = None) -> list[Grid]:
    """Every sheet's values from A1 (as the file backend reads them) and its merged areas."""
    grids = []
    for sheet in book.sheets:
        used = sheet.used_range
        values = used.options(ndim=2).value or []
        r0, c0 = used.row - 1, used.column - 1
        width = c0 + max((len(r) for r in values), default=0)
        rows = [[None] * width for _ in range(r0)]
        rows += [[None] * c0 + list(row) for row in values]
        grids.append(Grid(sheet.name, rows, _merges_of(sheet, merges), visible=_visible(sheet)))
    return grids


def _visible(sheet: Any) -> bool:
    try:
        return bool(sheet.visible)
    except Exception:  # noqa: BLE001 - not every engine can tell without a round trip
        return True


def read_book(book: Any, merges: dict[str, list[str]] | None = None):
    from .reader import build_plan

    plan = build_plan(grids_from_book(book, merges))
    plan.path = Path(book.name)
    return plan


def _remote(book: Any) -> bool:
    """xlwings' remote engine (the add-in): the book's api is the request's payload."""
    return isinstance(getattr(book, "api", None), dict)


# --------------------------------------------------------------------------- the buttons


def validate(book: Any, merges: dict[str, list[str]] | None = None, lang: str | None = None,
             config=None, alert: bool = True, locked: Iterable[str] = ()) -> list[Finding]:
    """Check the plan, mark the cells, write the findings sheet, say how it went.

    ``locked`` names sheets protected with a password: nothing is written
    there, and the summary says which findings are therefore not marked.
    """
    from .messages import language
    from .rules import check

    lang = language(lang)
    plan = read_book(book, merges)
    if not plan.area_sheets:
        text = _text("no_plan", lang)
        _alert(book, text, alert)
        _result(book, "validate", text, "", [], lang)
        return []
    findings = check(plan, config, lang)
    locked = set(locked) & {s.name for s in book.sheets}
    marks = marks_by_sheet(findings)
    if _remote(book):
        _mark_remote(book, marks, locked)
    else:  # pragma: no cover - classic Excel
        _mark_classic(book, marks)
    if FINDINGS_SHEET not in locked:
        _write_findings_sheet(book, findings, lang)
    summary = _text("summary", lang, errors=sum(f.severity == "error" for f in findings),
                    warnings=sum(f.severity == "warning" for f in findings),
                    infos=sum(f.severity == "info" for f in findings))
    note = _locked_note(marks, locked, lang)
    _alert(book, f"{summary} {note}".strip(), alert)
    _result(book, "validate", summary, note, findings, lang)
    return findings


def update_analysis(book: Any, merges: dict[str, list[str]] | None = None, lang: str | None = None,
                    alert: bool = True, locked: Iterable[str] = ()) -> list:
    """Write the fresh counts into the analysis tab; explain a password-protected tab."""
    from .analysis import analysis_edits
    from .edits import ExtendTable, SetValue
    from .errors import PlanError
    from .messages import language

    lang = language(lang)
    plan = read_book(book, merges)
    try:
        edits = analysis_edits(plan)
    except PlanError as exc:
        return _analysis_said(book, exc.message(lang), lang, alert)
    if not edits:
        return _analysis_said(book, _text("analysis_ok", lang), lang, alert)
    sheet = book.sheets[plan.analysis.sheet]
    if sheet.name in set(locked) or not _unprotect(sheet):
        return _analysis_said(book, _text("protected", lang, sheet=sheet.name), lang, alert)
    for e in edits:
        if isinstance(e, SetValue):
            book.sheets[e.sheet][e.cell].value = e.value
        elif isinstance(e, ExtendTable):
            _extend_charts(book.sheets[e.sheet], plan.analysis.columns, e)
    text = _text("analysis_done", lang, n=sum(isinstance(e, SetValue) for e in edits))
    _alert(book, text, alert)
    _result(book, "analysis", text, "", [], lang)
    return edits


def _analysis_said(book: Any, text: str, lang: str, alert: bool) -> list:
    """Uppdatera analys wrote nothing: say why, in the dialog and in the task pane."""
    _alert(book, text, alert)
    _result(book, "analysis", text, "", [], lang)
    return []


def _unprotect(sheet: Any) -> bool:
    """Classic Excel: lift protection set without a password; False when a password guards it."""
    try:
        api = sheet.api
        if isinstance(api, dict) or not getattr(api, "ProtectContents", False):
            return True  # the add-in's JavaScript lifts a password-less protection itself (addin/)
        api.Unprotect()  # pragma: no cover - needs Excel
        return True  # pragma: no cover
    except Exception:  # noqa: BLE001
        return False


def _extend_charts(sheet: Any, columns: dict[str, str], e) -> None:
    """The analysis sheet's charts read the grown table, and those below it move down, as in the file door."""
    try:
        charts = list(sheet.charts)
    except Exception:  # noqa: BLE001 - engines without chart access: the chart keeps its range
        return
    if not charts:
        return
    rng = sheet.range(f"{columns['label']}{e.first - 1}:{columns['measures']}{e.new_last}")
    for chart in charts:
        chart.set_source_data(rng, plot_by="columns")
    if _remote(sheet.book):
        sheet.impl.append_json_action(func="xlplanMoveBelow", args=[{"row": e.old_last,
                                                                      "rows": e.new_last - e.old_last}])


# --------------------------------------------------------------------------- marks


def marks_by_sheet(findings: list[Finding]) -> dict[str, dict[str, list[str]]]:
    """Sheet -> cell -> messages: the CLI's own mark edits (xlplan.validate.mark_edits), grouped as it applies them."""
    from .edits import Mark
    from .validate import mark_edits

    out: dict[str, dict[str, list[str]]] = {}
    for e in mark_edits(findings):
        if isinstance(e, Mark) and e.sheet != FINDINGS_SHEET:
            out.setdefault(e.sheet, {}).setdefault(e.cell, []).extend(e.messages)
    return out


def mark_ranges(cells: Iterable[str]) -> list[str]:
    """The cells as few A1 areas, column by column: adjacent rows of one column become one area (D7:D12)."""
    rows_by_column: dict[int, set[int]] = {}
    for cell in cells:
        r, c = split_ref(cell)
        rows_by_column.setdefault(c, set()).add(r)
    out = []
    for c in sorted(rows_by_column):
        rows = sorted(rows_by_column[c])
        start = prev = rows[0]
        for r in rows[1:]:
            if r != prev + 1:
                out.append(_area(start, prev, c))
                start = r
            prev = r
        out.append(_area(start, prev, c))
    return out


def _area(first_row: int, last_row: int, column: int) -> str:
    first = cell_address(first_row, column)
    return first if first_row == last_row else f"{first}:{cell_address(last_row, column)}"


def address_chunks(areas: list[str], limit: int = MAX_ADDRESS) -> list[str]:
    """Comma-separated address lists no longer than ``limit``: usually one per sheet."""
    chunks: list[str] = []
    current = ""
    for area in areas:
        if current and len(current) + 1 + len(area) > limit:
            chunks.append(current)
            current = area
        else:
            current = f"{current},{area}" if current else area
    if current:
        chunks.append(current)
    return chunks


def _note_key(address: str) -> str:
    return address.split("!")[-1].replace("$", "").upper()


def _payload_notes(sheet: Any) -> dict[str, bool]:
    """Cell -> whether its note is xlplan's, as the client reports it (``"xlplan": true`` on its own notes)."""
    return {_note_key(n.get("address", "")): bool(n.get("xlplan")) for n in sheet.api.get("notes") or []}


def _mark_remote(book: Any, marks: dict[str, dict[str, list[str]]], locked: set[str]) -> None:
    """One xlplanMarks action per sheet to change; the client first deletes every old marker rule."""
    book.impl.append_json_action(func="xlplanClearMarks", args=[MARK_FORMULA])
    for sheet in book.sheets:
        if sheet.name in locked:
            continue
        cells = marks.get(sheet.name, {})
        notes = _notes_spec(sheet, cells)
        if not cells and not (notes and notes["delete"]):
            continue
        spec = {"formula": MARK_FORMULA, "fill": MARK_COLOR,
                "ranges": address_chunks(mark_ranges(cells)) if cells else [], "notes": notes}
        sheet.impl.append_json_action(func="xlplanMarks", args=[spec])


def _notes_spec(sheet: Any, cells: dict[str, list[str]]) -> dict | None:
    """The notes to add (no note there), rewrite (xlplan's) and delete (xlplan's on a cell now clean).

    None where the client cannot show notes (``notes_supported`` false): the
    fill and the findings sheet carry the marks alone. A user's own note is
    never touched: the finding is then in the fill and the findings sheet.
    """
    if sheet.api.get("notes_supported") is False:
        return None
    existing = _payload_notes(sheet)
    add, rewrite = {}, {}
    for cell, messages in cells.items():
        text = note_text(messages)
        if cell not in existing:
            add[cell] = text
        elif existing[cell]:
            rewrite[cell] = text
    delete = sorted((c for c, own in existing.items() if own and c not in cells), key=split_ref)
    return {"add": add, "set": rewrite, "delete": delete}


def _mark_classic(book: Any, marks: dict[str, dict[str, list[str]]]) -> None:  # pragma: no cover - needs Excel
    """Desktop xlwings: the same rules and notes through Excel's own object model."""
    for sheet in book.sheets:
        try:
            for rule in list(sheet.cells.conditional_formats):
                if rule.formula == MARK_FORMULA:
                    rule.delete()
        except Exception:  # noqa: BLE001 - an engine without conditional formats: fills are left out
            pass
        cells = marks.get(sheet.name, {})
        for chunk in address_chunks(mark_ranges(cells), CLASSIC_ADDRESS) if cells else []:
            sheet.range(chunk).conditional_formats.add_custom(MARK_FORMULA, fill_color=MARK_COLOR)
        _classic_notes(sheet, cells)


def _classic_notes(sheet: Any, cells: dict[str, list[str]]) -> None:  # pragma: no cover - needs Excel
    try:
        notes = {_note_key(n.location.address): n for n in sheet.notes}
    except Exception:  # noqa: BLE001
        return
    for cell, note in notes.items():
        if note.text.startswith(NOTE_PREFIX) and cell not in cells:
            note.delete()
    for cell, messages in cells.items():
        note = notes.get(cell)
        if note is None:
            sheet[cell].add_note(note_text(messages))
        elif note.text.startswith(NOTE_PREFIX):
            note.text = note_text(messages)


def _locked_note(marks: dict[str, dict[str, list[str]]], locked: set[str], lang: str) -> str:
    """The sentence saying which password-protected sheets hold findings that could not be marked."""
    parts = [_text("locked_marks", lang, sheet=name, n=len(marks[name])) for name in sorted(locked) if marks.get(name)]
    if FINDINGS_SHEET in locked:
        parts.append(_text("locked_findings", lang, sheet=FINDINGS_SHEET))
    return " ".join(parts)


# --------------------------------------------------------------------------- the findings sheet and the task pane


def _as_text(value: Any) -> Any:
    """A text Excel would take for a formula (``=HYPERLINK(…)`` typed in a plan) keeps a leading quote.

    Values written into a range are parsed as if typed; the quote prefix makes
    Excel store the rest as text, as it does when a user types it.
    """
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
        return "'" + value
    return value


def link_formula(sheet: str, cell: str) -> str:
    """``=HYPERLINK("#'Sheet'!D7","D7")``: a jump to the cell; quotes in the sheet name cannot end the text early."""
    target = "#'" + sheet.replace("'", "''") + "'!" + cell
    return '=HYPERLINK("' + target.replace('"', '""') + '","' + cell + '")'


def _write_findings_sheet(book: Any, findings: list[Finding], lang: str) -> None:
    names = [s.name for s in book.sheets]
    if FINDINGS_SHEET in names:
        sheet = book.sheets[FINDINGS_SHEET]
        sheet.clear_contents()
    else:
        sheet = book.sheets.add(FINDINGS_SHEET, after=book.sheets[len(names) - 1])
    rows = [_HEAD["en" if lang == "en" else "sv"]]
    rows += [[f.severity, f.rule, f.sheet, f.cell, f.message, f.value] for f in findings]
    sheet["A1"].value = [[_as_text(v) for v in row] for row in rows]
    if not any(f.cell for f in findings):
        return
    if _remote(book):  # one action for the whole column instead of one hyperlink per finding
        formulas = [[link_formula(f.sheet, f.cell) if f.cell else ""] for f in findings]
        sheet.impl.append_json_action(func="xlplanLinks", args=[{"start_row": 1, "start_column": CELL_COLUMN,
                                                                 "formulas": formulas}])
        return
    for i, f in enumerate(findings, start=2):  # pragma: no cover - classic Excel
        if f.cell:
            sheet[f"{cell_address(0, CELL_COLUMN)[:-1]}{i}"].add_hyperlink(
                "#'" + f.sheet.replace("'", "''") + "'!" + f.cell, f.cell)


def _result(book: Any, action: str, summary: str, note: str, findings: list[Finding], lang: str) -> None:
    """What the task pane lists (xlplanResult): the summary, a note, and each finding with its rule's name."""
    if not _remote(book):
        return
    from .rules.catalog import RULES

    rules = {f.rule: RULES[f.rule].summary(lang) for f in findings if f.rule in RULES}
    rows = [[f.severity, f.rule, f.sheet, f.cell, f.message] for f in findings]
    book.impl.append_json_action(func="xlplanResult", args=[{
        "action": action, "summary": summary, "notes": note, "rules": rules,
        "fields": ["severity", "rule", "sheet", "cell", "message"], "findings": rows}])


# --------------------------------------------------------------------------- messages


_TEXTS = {
    "summary": ("Granskningen klar: {errors} fel, {warnings} varningar, {infos} info. Se fliken Granskning.",
                "Validation done: {errors} errors, {warnings} warnings, {infos} info. See the Granskning sheet."),
    "no_plan": ("Arbetsboken har ingen flik från åtgärdsplanen (ingen rubrikrad med Orsak, Åtgärd, Operativa mål, "
                "När och Vem).",
                "The workbook holds no action-plan sheet (no header row with Orsak, Åtgärd, Operativa mål, När and "
                "Vem)."),
    "analysis_ok": ("Analysfliken stämmer redan.", "The analysis tab is already up to date."),
    "analysis_done": ("Analysfliken uppdaterad ({n} celler).", "Analysis tab updated ({n} cells)."),
    "protected": ("Fliken \"{sheet}\" är skyddad med lösenord. Ta bort skyddet (Granska > Ta bort skydd för blad) "
                  "och klicka på Uppdatera analys igen.",
                  "The sheet \"{sheet}\" is protected with a password. Unprotect it (Review > Unprotect Sheet) and "
                  "click Update analysis again."),
    "locked_marks": ("Fliken \"{sheet}\" är skyddad med lösenord: dess {n} markeringar står i listan men inte i "
                     "cellerna.",
                     "The sheet \"{sheet}\" is protected with a password: its {n} marks are in the list but not in "
                     "the cells."),
    "locked_findings": ("Fliken {sheet} är skyddad med lösenord och skrevs inte om; anmärkningarna står i "
                        "åtgärdsfönstret.",
                        "The sheet {sheet} is protected with a password and was not rewritten; the findings are in "
                        "the task pane."),
}


def _text(key: str, lang: str, **kw: object) -> str:
    sv, en = _TEXTS[key]
    return (en if lang == "en" else sv).format(**kw)


def _alert(book: Any, text: str, enabled: bool) -> None:
    if not enabled:
        return
    try:
        book.app.alert(text, title="xlplan")
    except Exception:  # noqa: BLE001 - an engine without dialogs: the findings sheet says it all
        pass


__all__ = ["FINDINGS_SHEET", "MARK_FORMULA", "address_chunks", "grids_from_book", "link_formula", "mark_ranges",
           "marks_by_sheet", "read_book", "update_analysis", "validate"]
