"""The Excel door: "Validera" and "Uppdatera analys" on any ``xlwings.Book``.

The book's cell values become the same Grids the file backend makes, so the
reader, the rules and the counts are the very ones the CLI runs; the edits
they return are applied through xlwings instead of the part-level writer. It
works with xlwings' remote engine (the Office.js add-in served by an xlwings
Server app, see addin/) and with classic desktop xlwings (``RunPython``).

Merged cells: the Office.js payload carries values only, so the add-in's
JavaScript sends the sheets' merged areas along (header ``Xlplan-Merges``) and
they are passed here as ``merges``; classic xlwings asks Excel directly. With
neither, a merged cell reads like cells left blank below their first row.

Marks: each marked cell gets a conditional-format rule whose formula looks
the cell up in the findings sheet (``Granskning``, column G), so rewriting the
findings sheet switches old fills off by itself and no fill or rule the user
made is ever cleared; and a note starting "xlplan:" unless the cell has a note
already. The payload tells which cells have notes, not what they say, so the
findings sheet also records (column H) which notes are xlplan's: the next
click updates or deletes exactly those.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .findings import Finding
from .grid import Grid
from .sheetxml import split_ref
from .template import structure

FINDINGS_SHEET = structure().findings_sheet

MARK_COLOR = "#FFC7CE"
NOTE_PREFIX = "xlplan:"
KEY_COLUMN = "G"
OWN_COLUMN = "H"
OWN_MARK = "xlplan"
_HEAD = {"sv": ["Allvarlighet", "Regel", "Flik", "Cell", "Meddelande", "Värde", "Nyckel", "Anteckning"],
         "en": ["Severity", "Rule", "Sheet", "Cell", "Message", "Value", "Key", "Note"]}


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


# --------------------------------------------------------------------------- the buttons


def validate(book: Any, merges: dict[str, list[str]] | None = None, lang: str | None = None,
             config=None, alert: bool = True) -> list[Finding]:
    """Check the plan, mark the cells, write the findings sheet, say how it went."""
    from .messages import language
    from .rules import check

    lang = language(lang)
    plan = read_book(book, merges)
    if not plan.area_sheets:
        _alert(book, _text("no_plan", lang), alert)
        return []
    findings = check(plan, config, lang)
    owns = _mark(book, findings, _previous(book))
    _write_findings_sheet(book, findings, owns, lang)
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    infos = len(findings) - errors - warnings
    _alert(book, _text("summary", lang, errors=errors, warnings=warnings, infos=infos), alert)
    return findings


def update_analysis(book: Any, merges: dict[str, list[str]] | None = None, lang: str | None = None,
                    alert: bool = True) -> list:
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
        _alert(book, exc.message(lang), alert)
        return []
    if not edits:
        _alert(book, _text("analysis_ok", lang), alert)
        return []
    sheet = book.sheets[plan.analysis.sheet]
    if not _unprotect(sheet):
        _alert(book, _text("protected", lang, sheet=sheet.name), alert)
        return []
    for e in edits:
        if isinstance(e, SetValue):
            book.sheets[e.sheet][e.cell].value = e.value
        elif isinstance(e, ExtendTable):
            _extend_charts(book.sheets[e.sheet], plan.analysis.columns, e)
    _alert(book, _text("analysis_done", lang, n=sum(isinstance(e, SetValue) for e in edits)), alert)
    return edits


def _unprotect(sheet: Any) -> bool:
    """Classic Excel: lift protection set without a password; False when a password guards it."""
    try:
        api = sheet.api
        if isinstance(api, dict) or not getattr(api, "ProtectContents", False):
            return True  # the add-in's JavaScript unprotects a password-less tab itself (addin/)
        api.Unprotect()  # pragma: no cover - needs Excel
        return True  # pragma: no cover
    except Exception:  # noqa: BLE001
        return False


def _extend_charts(sheet: Any, columns: dict[str, str], e) -> None:
    try:
        charts = list(sheet.charts)
    except Exception:  # noqa: BLE001 - engines without chart access: the chart keeps its range
        return
    rng = sheet.range(f"{columns['label']}{e.first - 1}:{columns['measures']}{e.new_last}")
    for chart in charts:
        chart.set_source_data(rng)


# --------------------------------------------------------------------------- marks and the findings sheet


def _key(sheet: str, cell: str) -> str:
    return f"{sheet}!{cell}"


def _previous(book: Any) -> dict[str, bool]:
    """Cells the last run marked (from the findings sheet it wrote) -> whether it owns the note there.

    The Office.js payload says which cells have a note but not what they say,
    so the findings sheet is where xlplan remembers which notes are its own.
    """
    if FINDINGS_SHEET not in [s.name for s in book.sheets]:
        return {}
    values = book.sheets[FINDINGS_SHEET].used_range.options(ndim=2).value or []
    key_col, own_col = ord(KEY_COLUMN) - 65, ord(OWN_COLUMN) - 65
    out: dict[str, bool] = {}
    for r in values[1:]:
        if len(r) > key_col and r[key_col]:
            owned = len(r) > own_col and str(r[own_col] or "") == OWN_MARK
            out[str(r[key_col])] = out.get(str(r[key_col]), False) or owned
    return out


def _mark(book: Any, findings: list[Finding], previous: dict[str, bool]) -> dict[str, bool]:
    """Fill and note the cells with findings; returns key -> whether xlplan owns that cell's note."""
    by_cell: dict[tuple[str, str], list[str]] = {}
    for f in findings:
        if f.cell and f.sheet != FINDINGS_SHEET:
            by_cell.setdefault((f.sheet, f.cell), []).append(f.message)
    sheets = {s.name: s for s in book.sheets}
    noted = {name: _note_cells(sheet) for name, sheet in sheets.items()}
    current = {_key(s, c) for s, c in by_cell}
    for key, owned in previous.items():  # notes xlplan wrote last time, for cells now clean
        sheet_name, _, cell = key.rpartition("!")
        if owned and key not in current and cell in noted.get(sheet_name, ()):
            sheets[sheet_name][cell].note.delete()
    owns: dict[str, bool] = {}
    for (sheet_name, cell), messages in by_cell.items():
        if sheet_name not in sheets:
            continue
        sheet, key = sheets[sheet_name], _key(sheet_name, cell)
        rng = sheet[cell]
        if key not in previous:  # a rule from an earlier run still looks this cell up
            formula = f'=COUNTIF({FINDINGS_SHEET}!${KEY_COLUMN}:${KEY_COLUMN},"{_quote(key)}")>0'
            rng.conditional_formats.add_custom(formula, fill_color=MARK_COLOR)
        text = NOTE_PREFIX + "\n" + "\n".join(f"• {m}" for m in messages)
        owns[key] = False
        try:
            if previous.get(key) and cell in noted[sheet_name]:
                _set_note_text(rng, text)
                owns[key] = True
            elif cell not in noted[sheet_name]:
                _add_note(rng, text)
                owns[key] = True
        except NotImplementedError:  # a client without notes (Office Scripts): fill and findings sheet only
            pass
    return owns


def _remote(rng: Any) -> bool:
    return isinstance(getattr(rng.sheet, "api", None), dict)


def _add_note(rng: Any, text: str) -> None:
    """Add a note to a cell known to have none.

    On the remote engine, ``Range.add_note`` first scans every note of the sheet
    to refuse a second one (quadratic over a click that notes thousands of
    cells); the engine's own ``impl.add_note`` queues the same action without
    that scan, and the caller already knows the cell has no note.
    """
    if _remote(rng):
        rng.impl.add_note(text)
    else:  # pragma: no cover - classic Excel
        rng.add_note(text)


def _set_note_text(rng: Any, text: str) -> None:
    if _remote(rng):
        from xlwings.pro._xlremote import Note

        Note(rng.impl).text = text  # queues setNoteText without the per-call scan of Range.note
    else:  # pragma: no cover - classic Excel
        rng.note.text = text


def _quote(text: str) -> str:
    return text.replace('"', '""')


def _note_cells(sheet: Any) -> set[str]:
    """The cells of a sheet that have a note, looked up once."""
    api = sheet.api
    if isinstance(api, dict):  # remote engine: the payload lists the cells that have a note
        return {n.get("address", "").split("!")[-1].replace("$", "").upper() for n in api.get("notes") or []}
    try:  # pragma: no cover - classic Excel
        return {c.Parent.Address.replace("$", "") for c in api.Comments}
    except Exception:  # noqa: BLE001
        return set()


def _as_text(value: Any) -> Any:
    """A text Excel would take for a formula (``=HYPERLINK(…)`` typed in a plan) keeps a leading quote.

    Values written into a range are parsed as if typed; the quote prefix makes
    Excel store the rest as text, as it does when a user types it.
    """
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
        return "'" + value
    return value


def _write_findings_sheet(book: Any, findings: list[Finding], owns: dict[str, bool], lang: str) -> None:
    names = [s.name for s in book.sheets]
    if FINDINGS_SHEET in names:
        sheet = book.sheets[FINDINGS_SHEET]
        sheet.clear_contents()
    else:
        sheet = book.sheets.add(FINDINGS_SHEET, after=book.sheets[len(names) - 1])
    head = _HEAD["en" if lang == "en" else "sv"]
    rows = [head]
    for f in findings:
        key = _key(f.sheet, f.cell) if f.cell else ""
        rows.append([f.severity, f.rule, f.sheet, f.cell, f.message, f.value, key, OWN_MARK if owns.get(key) else ""])
    sheet["A1"].value = [[_as_text(v) for v in row] for row in rows]
    for i, f in enumerate(findings, start=2):
        if f.cell:
            target = "#'" + f.sheet.replace("'", "''") + "'!" + f.cell
            sheet[f"D{i}"].add_hyperlink(target, f.cell)


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


__all__ = ["FINDINGS_SHEET", "grids_from_book", "read_book", "update_analysis", "validate"]
