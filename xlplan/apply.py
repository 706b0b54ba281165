"""The file backend: apply edits to a workbook file through the part-level writer.

Returns the edits that changed something (a date already shown as yyyy-mm-dd,
or a formatted text that whitespace folding would flatten, is left alone and
not reported), so commands can list changes and ``--check`` can tell whether
a write is needed without writing. A cell that only tidying would touch but
that holds a formula is left alone too, and listed as such (``left_alone``):
a formula is content, never turned into a value by tidying.

Every cell and column an edit names is checked before anything changes, and a
header edit under an Excel table renames the table's column with it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from lxml import etree

from .edits import (TIDYING, Applied, ClearMarks, CopyColumn, Edit, ExtendTable, HideColumn, LeftAlone, Mark, Note,
                    SetDateFormat, SetValue, WriteSheet)
from .locking import Fingerprint
from .notes import add_fill_marks, add_notes, note_text, remove_fill_marks, remove_notes
from .opc import REL_CHART, REL_DRAWING, Package, q
from .sheetxml import SheetEditor, check_ref, split_ref
from .styles import ISO_DATE, date_format_code, mark_dxf, with_iso_date
from .tables import Table, grow_ranges, header_column, rename_column, sheet_tables, unique_name
from .verify_edits import EditCheck

NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
_RUN = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?r[\s>]")
"""A formatting run (<r>) in shared-strings bytes (not <rPh>, <rPr>: those only occur beside or inside runs)."""
_CHART_REF = re.compile(r"^(?:'((?:[^']|'')+)'|([^'!]+))!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?$")


def apply_edits(path: str | Path, edits: list[Edit], *, output: str | Path | None = None, save: bool = True,
                verify: Callable[[Path], None] | None = None, expect: Fingerprint | None = None) -> Applied:
    """Apply ``edits`` to the workbook at ``path`` and save to ``output`` (default: in place).

    ``expect`` is the fingerprint taken when the edits' plan was read
    (``plan.fingerprint``); without it the file is fingerprinted as it is
    opened here (the Package takes it once, see ``Package.opened``). Either
    way a file that changed on disk before the new one would replace it is
    left as it is (PlanError "changed_on_disk").

    The new file is checked against the edits that changed something before
    it replaces anything (:mod:`xlplan.verify_edits`); ``verify`` is an extra
    check of the new file, for callers that want one.

    Sheets are edited one at a time: each sheet's edits (values, formats,
    columns, marks, notes, in the order given) are applied, then the sheet is
    serialised and its tree let go, so a large workbook never has every sheet
    parsed at once. The changes are reported in the order the edits came.
    """
    check_cells(edits)
    pkg = Package(path)
    editors: dict[str, SheetEditor] = {}
    tables: dict[str, list[Table]] = {}

    def ed(sheet: str) -> SheetEditor:
        if sheet not in editors:
            editors[sheet] = SheetEditor(pkg, sheet)
        return editors[sheet]

    def close(sheet: str) -> None:
        editor = editors.pop(sheet, None)
        if editor is not None:
            pkg.close(editor.part)

    shared = _shared_strings(pkg)
    done: list[tuple[tuple[int, ...], Edit]] = []  # (where the edit came, the edit as applied)
    left_alone: list[tuple[int, LeftAlone]] = []
    date_styles: dict[tuple[str, str], int] = {}  # the style each SetDateFormat gave, for the check
    formulas_removed = False
    edited_sheets: set[str] = set()

    if any(isinstance(e, ClearMarks) for e in edits):
        removed = 0
        for sheet in pkg.sheet_parts():
            removed += remove_fill_marks(ed(sheet)) + remove_notes(pkg, ed(sheet))
            close(sheet)
        if removed:
            done.append(((0,), ClearMarks()))

    by_sheet: dict[str, list[tuple[int, Edit]]] = defaultdict(list)
    for i, e in enumerate(edits):
        if not isinstance(e, ClearMarks):
            by_sheet[e.sheet].append((i, e))
    dxf = mark_dxf(pkg) if any(isinstance(e, Mark) for e in edits) else None
    charted = _chart_sheets(pkg) if any(isinstance(e, SetValue) for e in edits) else set()

    for sheet, own in by_sheet.items():
        for i, e in own:
            if type(e) in (Mark, Note):  # below, per sheet, after its values
                continue
            if isinstance(e, SetValue):
                editor = ed(e.sheet)
                if editor.part not in tables:
                    tables[editor.part] = sheet_tables(pkg, editor.part)
                result = _set_value(pkg, editor, e, shared, tables[editor.part])
                if isinstance(result, LeftAlone):
                    left_alone.append((i, result))
                elif result is not None:
                    formulas_removed |= result[1]
                    edited_sheets.add(e.sheet)
                    done.append(((1, i), result[0]))
            elif isinstance(e, SetDateFormat):
                editor = ed(e.sheet)
                style = editor.style(e.cell)
                if date_format_code(pkg, style) == ISO_DATE:
                    continue
                date_styles[(e.sheet, e.cell)] = with_iso_date(pkg, style)
                editor.set_style(e.cell, date_styles[(e.sheet, e.cell)])
                editor.touch()
                done.append(((1, i), e))
            elif isinstance(e, HideColumn):
                editor = ed(e.sheet)
                editor.hide_column(split_ref(f"{e.column}1")[1])
                editor.touch()
                done.append(((1, i), e))
            elif isinstance(e, ExtendTable):
                _extend_table(pkg, ed(e.sheet), e)
                done.append(((1, i), e))
            elif isinstance(e, CopyColumn):
                editor = ed(e.sheet)
                editor.copy_column(split_ref(f"{e.column}1")[1], split_ref(f"{e.like}1")[1])
                editor.touch()
                done.append(((1, i), e))
            elif isinstance(e, WriteSheet):
                editors.pop(e.sheet, None)
                pkg.write_sheet(e.sheet, e.rows, e.widths)
                done.append(((1, i), e))

        marks: dict[str, list[str]] = {}
        for _, e in own:
            if isinstance(e, Mark):
                marks.setdefault(e.cell, []).extend(e.messages)
        if marks:
            first = next(i for i, e in own if isinstance(e, Mark))
            editor = ed(sheet)
            add_fill_marks(editor, sorted(marks, key=split_ref), dxf)
            add_notes(pkg, editor, {ref: note_text(msgs) for ref, msgs in marks.items()})
            done.extend(((2, first, j), Mark(sheet, ref, tuple(msgs))) for j, (ref, msgs) in enumerate(marks.items()))

        notes: dict[str, dict[str, str]] = {}
        firsts: dict[str, int] = {}
        for i, e in own:
            if isinstance(e, Note):
                notes.setdefault(e.author, {})[e.cell] = e.text
                firsts.setdefault(e.author, i)
        for author, cells in notes.items():
            added = add_notes(pkg, ed(sheet), cells, author=author)
            ed(sheet).touch()
            done.extend(((3, firsts[author], i), e) for i, e in own if isinstance(e, Note) and e.cell in added)
        if sheet not in charted:  # a sheet a chart reads stays open for its cache below
            close(sheet)

    if edited_sheets:
        _refresh_charts(pkg, edited_sheets, ed, shared)
    for sheet in list(editors):
        close(sheet)
    if formulas_removed:
        pkg.drop_calc_chain()
    done.sort(key=lambda item: item[0])
    effective = Applied([e for _, e in done], [cell for _, cell in sorted(left_alone, key=lambda x: x[0])])
    if save and (effective or (output and Path(output) != Path(path))):
        check = EditCheck(pkg, effective, date_styles)
        shared = None
        tables.clear()
        pkg.save(output or path, verify, expect=expect, check=check)
    return effective


def check_cells(edits: list[Edit]) -> None:
    """Refuse, before the file is even opened, an edit naming a cell or column outside A1:XFD1048576."""
    for e in edits:
        for attr in ("cell", "style_from"):
            ref = getattr(e, attr, "")
            if ref:
                check_ref(ref, e.sheet)
        for attr in ("column", "like"):
            letter = getattr(e, attr, "")
            if letter:
                check_ref(f"{letter}1", e.sheet)


def _set_value(pkg: Package, editor: SheetEditor, e: SetValue, shared,
               tables: list[Table]) -> tuple[SetValue, bool] | LeftAlone | None:
    """Write one value; returns (the edit as written, whether a formula went), a cell left alone, or None.

    None means nothing needed doing: a formatted text whitespace folding would
    flatten, or a table header already showing the (unique) name.
    """
    c = editor.cell(e.cell)
    if e.what in TIDYING and c is not None and editor.has_formula(e.cell):
        return LeftAlone(e.sheet, e.cell, "formula")
    if e.what in ("whitespace", "date") and c is not None and editor.is_rich_text(e.cell, shared):
        return None  # folding would drop the formatting runs: leave the cell as it is
    column = header_column(tables, e.cell) if tables and isinstance(e.value, str) and e.value else None
    if column is not None:
        name = unique_name(*column, e.value)
        if name != e.value and cell_value(editor, e.cell, shared) == name:
            return None  # a repeated header already numbered as Excel numbers it
        e = replace(e, value=name)
    new_cell = c is None
    if isinstance(e.value, (int, float)) and not isinstance(e.value, bool):
        formula = editor.set_number(e.cell, e.value)
    else:
        formula = editor.set_text(e.cell, e.value or "")
    if e.style_from and (new_cell or not editor.cell(e.cell).get("s")):
        editor.set_style(e.cell, editor.style(e.style_from))
    if column is not None:
        rename_column(pkg, column[0], column[1], e.value)
    editor.touch()
    return e, formula


class SharedStrings:
    """The shared strings' <si> elements, parsed when first asked for (many writes never need them)."""

    def __init__(self, pkg: Package, name: str):
        self.pkg, self.name = pkg, name
        self._items: list[etree._Element] | None = None
        self._runs: bool | None = None

    def rich(self, i: int) -> bool:
        """Whether string ``i`` carries formatting runs; False for every one when the part has no run at all
        (found in its bytes, without parsing it)."""
        if self._runs is None:
            self._runs = _RUN.search(self.pkg.read(self.name)) is not None
        if not self._runs or i >= len(self):
            return False
        return self[i].find(q("r")) is not None

    def _all(self) -> list[etree._Element]:
        if self._items is None:
            self._items = [si for si in self.pkg.xml(self.name) if isinstance(si.tag, str)]
        return self._items

    def __len__(self) -> int:
        return len(self._all())

    def __getitem__(self, i: int) -> etree._Element:
        return self._all()[i]


def _shared_strings(pkg: Package) -> SharedStrings | None:
    name = "xl/sharedStrings.xml"
    if not pkg.exists(name):
        return None
    return SharedStrings(pkg, name)


def cell_value(editor: SheetEditor, ref: str, shared) -> str | float | None:
    """The value a cell shows now (after edits), for chart caches."""
    c = editor.cell(ref)
    if c is None:
        return None
    if c.get("t") == "inlineStr":
        return "".join(t.text or "" for t in c.iter(q("t")))
    v = c.find(q("v"))
    if v is None or v.text is None:
        return None
    if c.get("t") == "s" and shared is not None:
        return "".join(t.text or "" for t in shared[int(v.text)].iter(q("t")))
    if c.get("t") in ("str", "e", "b"):
        return v.text
    try:
        return float(v.text)
    except ValueError:
        return v.text


def _charts(pkg: Package) -> list[str]:
    out = []
    for part in pkg.sheet_parts().values():
        for _, drawing in pkg.related(part, REL_DRAWING):
            out += [chart for _, chart in pkg.related(drawing, REL_CHART)]
    return out


def _chart_sheets(pkg: Package) -> set[str]:
    """The sheets any chart's series read."""
    out = set()
    for chart in _charts(pkg):
        for f in pkg.xml(chart).iter(q("f", NS_C)):
            ref = _parse_ref(f.text or "")
            if ref:
                out.add(ref[0])
    return out


def _parse_ref(text: str):
    m = _CHART_REF.match(text.strip())
    if not m:
        return None
    sheet = (m.group(1) or "").replace("''", "'") or m.group(2)
    c1, r1 = m.group(3), int(m.group(4))
    c2, r2 = (m.group(5) or c1), int(m.group(6) or r1)
    return sheet, c1, r1, c2, r2


def _format_ref(sheet: str, c1: str, r1: int, c2: str, r2: int) -> str:
    name = "'" + sheet.replace("'", "''") + "'" if re.search(r"[^A-Za-z0-9_.]", sheet) else sheet
    return f"{name}!${c1}${r1}:${c2}${r2}"


def _extend_table(pkg: Package, editor: SheetEditor, e: ExtendTable) -> None:
    """Chart ranges, drawing anchors below the table, defined names, Excel tables, conditional formats
    and validations over it follow the grown table."""
    delta = e.new_last - e.old_last
    grow_ranges(pkg, editor, e.first - 1, e.old_last - 1, e.new_last - 1)
    for chart in _charts(pkg):
        root = pkg.xml(chart)
        changed = False
        for f in root.iter(q("f", NS_C)):
            ref = _parse_ref(f.text or "")
            if ref and ref[0] == e.sheet and ref[2] == e.first and ref[4] == e.old_last:
                f.text = _format_ref(ref[0], ref[1], ref[2], ref[3], e.new_last)
                changed = True
        if changed:
            pkg.touch(chart)
    for _, drawing in pkg.related(editor.part, REL_DRAWING):
        root = pkg.xml(drawing)
        moved = False
        for anchor in root:
            start = anchor.find(q("from", NS_XDR))
            if start is None or int(start.findtext(q("row", NS_XDR)) or 0) < e.old_last:
                continue
            for end in (start, anchor.find(q("to", NS_XDR))):
                if end is not None:
                    row = end.find(q("row", NS_XDR))
                    row.text = str(int(row.text) + delta)
                    moved = True
        if moved:
            pkg.touch(drawing)
    wb = pkg.xml(pkg.workbook)
    for name in wb.iter(q("definedName")):
        text = name.text or ""
        ref = _parse_ref(text)
        filter_range = name.get("name") == "_xlnm._FilterDatabase"  # the sheet's filter, from its header row
        if ref and ref[0] == e.sheet and ref[4] == e.old_last and (ref[2] == e.first or filter_range
                                                                   and ref[2] < e.first):
            name.text = _format_ref(ref[0], ref[1], ref[2], ref[3], e.new_last)
            pkg.touch(pkg.workbook)


def _refresh_charts(pkg: Package, sheets: set[str], ed, shared) -> None:
    """Rewrite the cached values of every chart series that reads an edited sheet."""
    for chart in _charts(pkg):
        root = pkg.xml(chart)
        changed = False
        for f in root.iter(q("f", NS_C)):
            ref = _parse_ref(f.text or "")
            if not ref or ref[0] not in sheets or ref[0] not in pkg.sheet_parts():
                continue
            sheet, c1, r1, c2, r2 = ref
            if c1 != c2:
                continue  # a series reads one column (or one row, left alone)
            cells = [f"{c1}{r}" for r in range(r1, r2 + 1)]
            values = [cell_value(ed(sheet), cell, shared) for cell in cells]
            parent = f.getparent()
            cache = parent.find(q("numCache", NS_C)) if etree.QName(parent).localname == "numRef" else \
                parent.find(q("strCache", NS_C))
            if cache is None:
                continue
            numeric = etree.QName(cache).localname == "numCache"
            for pt in cache.findall(q("pt", NS_C)):
                cache.remove(pt)
            count = cache.find(q("ptCount", NS_C))
            if count is None:
                count = etree.SubElement(cache, q("ptCount", NS_C))
            count.set("val", str(len(values)))
            anchor = count
            for i, v in enumerate(values):
                if v is None or (numeric and not isinstance(v, float)):
                    continue
                pt = etree.Element(q("pt", NS_C), idx=str(i))
                etree.SubElement(pt, q("v", NS_C)).text = (
                    (str(int(v)) if float(v).is_integer() else repr(v)) if numeric else str(v))
                anchor.addnext(pt)
                anchor = pt
            changed = True
        if changed:
            pkg.touch(chart)
