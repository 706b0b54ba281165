"""Excel tables (ListObjects) and the other ranges a sheet keeps, in step with xlplan's edits.

A table lives in a part of its own, related to its sheet, and Excel insists
that each table column's ``name`` is the text of its header cell: a header
fixed by ``normalise`` must rename the column too, or Excel "repairs" the
file. When ``analysis`` adds a row under the analysis table, a table, a data
bar, any conditional format or data validation that covered the table's rows
must cover the new row as well. And ``normalise`` must put its hidden
identity column where none of this reaches, so it asks here which columns a
sheet already uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .formulas import MAX_COL, MAX_ROW
from .opc import NS_MAIN, REL, Package, q
from .sheetxml import SheetEditor, column_index, format_range, local, parse_range, split_ref

REL_TABLE = REL + "table"

Area = tuple[int, int, int, int]
"""(first row, first column, last row, last column), 0-based, inclusive."""


@dataclass
class Table:
    """One table part of a sheet, parsed."""

    part: str
    root: etree._Element

    @property
    def area(self) -> Area | None:
        return parse_range(self.root.get("ref", ""))

    @property
    def header_row(self) -> int | None:
        """The 0-based row of the column names, None for a table shown without one."""
        area = self.area
        return None if area is None or self.root.get("headerRowCount") == "0" else area[0]

    def columns(self) -> list[etree._Element]:
        cols = self.root.find(q("tableColumns"))
        return [] if cols is None else cols.findall(q("tableColumn"))


def sheet_tables(pkg: Package, sheet_part: str) -> list[Table]:
    """The tables of a sheet, found through its relationships (what ``<tableParts>`` points at)."""
    return [Table(part, pkg.xml(part)) for _, part in pkg.related(sheet_part, REL_TABLE) if pkg.exists(part)]


# --------------------------------------------------------------------------- header cells


def header_column(tables: list[Table], ref: str) -> tuple[Table, etree._Element] | None:
    """The table whose header row holds cell ``ref`` and the tableColumn under it, if any."""
    r0, c0 = split_ref(ref)
    for table in tables:
        area, row = table.area, table.header_row
        if area is None or row != r0 or not area[1] <= c0 <= area[3]:
            continue
        cols = table.columns()
        if c0 - area[1] < len(cols):
            return table, cols[c0 - area[1]]
    return None


def unique_name(table: Table, column: etree._Element, wanted: str) -> str:
    """``wanted``, or ``wanted2``, ``wanted3`` … when another column of the table has that name.

    Excel compares column names without case and numbers a repeated header the
    same way when one is typed.
    """
    taken = {(c.get("name") or "").casefold() for c in table.columns() if c is not column}
    name, n = wanted, 1
    while name.casefold() in taken:
        n += 1
        name = f"{wanted}{n}"
    return name


def rename_column(pkg: Package, table: Table, column: etree._Element, name: str) -> None:
    """Give a table column the text its header cell now shows."""
    if column.get("name") != name:
        column.set("name", name)
        pkg.touch(table.part)


# --------------------------------------------------------------------------- a grown table


def grow_ranges(pkg: Package, editor: SheetEditor, first: int, old_last: int, new_last: int) -> bool:
    """Tables, conditional formats, data validations and filters over rows ``first``..``old_last`` reach ``new_last``.

    Rows are 0-based. A range grows when it ends on the table's last row and
    starts on or above its first: one that only touches the last row (a
    highlight of the total, say) is the user's own choice and stays.
    """
    def grows(area: Area | None) -> bool:
        return area is not None and area[2] == old_last and area[0] <= first

    changed = _grow_sheet_ranges(editor.root, grows, new_last)
    tables = sheet_tables(pkg, editor.part)
    for table in tables:
        area = table.area
        if not grows(area) or int(table.root.get("totalsRowCount") or 0):
            continue  # a totals row would have to move down first: left as it is
        grown = (area[0], area[1], new_last, area[3])
        if any(_overlaps(grown, other.area) for other in tables if other is not table):
            continue
        table.root.set("ref", format_range(*grown))
        _grow_attr(table.root.find(q("autoFilter")), "ref", grows, new_last)
        pkg.touch(table.part)
    if changed:
        editor.touch()
    return changed


def _grow_sheet_ranges(root: etree._Element, grows, new_last: int) -> bool:
    changed = _grow_attr(root.find(q("autoFilter")), "ref", grows, new_last)
    for el in root.findall(q("conditionalFormatting")):
        changed |= _grow_attr(el, "sqref", grows, new_last)
    validations = root.find(q("dataValidations"))
    for el in [] if validations is None else validations.findall(q("dataValidation")):
        changed |= _grow_attr(el, "sqref", grows, new_last)
    for sqref in _extension_sqrefs(root):
        grown = _grow_sqref(sqref.text or "", grows, new_last)
        if grown != sqref.text:
            sqref.text = grown
            changed = True
    return changed


def _extension_sqrefs(root: etree._Element) -> Iterator[etree._Element]:
    """The ``xm:sqref`` of the x14 conditional formats and validations kept in the sheet's extLst."""
    ext = root.find(q("extLst"))
    if ext is None:
        return
    for el in ext.iter():
        if local(el) == "sqref" and local(el.getparent()) in ("conditionalFormatting", "dataValidation"):
            yield el


def _grow_attr(el: etree._Element | None, attr: str, grows, new_last: int) -> bool:
    if el is None or not el.get(attr):
        return False
    grown = _grow_sqref(el.get(attr), grows, new_last)
    if grown == el.get(attr):
        return False
    el.set(attr, grown)
    return True


def _grow_sqref(text: str, grows, new_last: int) -> str:
    """Each range of a space-separated list that ``grows`` now ends on row ``new_last``."""
    out = []
    for piece in text.split():
        area = parse_range(piece)
        out.append(format_range(area[0], area[1], new_last, area[3]) if grows(area) else piece)
    return " ".join(out) if out else text


def _overlaps(a: Area, b: Area | None) -> bool:
    return b is not None and a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


# --------------------------------------------------------------------------- what a sheet uses


_FILLED_REFS = etree.XPath(
    "m:row/m:c[*[local-name() = 'is' or local-name() = 'f' or (local-name() = 'v' and string-length(.) > 0)]]/@r",
    namespaces={"m": NS_MAIN}, smart_strings=False)
"""The r of every cell with something in it (a value, an inline text or a formula), in one XPath call."""


_CELL_WITH = rb"(?<!/)>\s*<(?:[\w.-]+:)?(?:v>[^<]|is[\s>/]|f[\s>/])"
_FILLED_LETTERS = re.compile(rb"<(?:[\w.-]+:)?c\s(?:[^>]*?\s)?r\s*=\s*[\"']([A-Z]{1,3})[0-9]+[\"'][^>]*" + _CELL_WITH)
_FILLED_ANY = re.compile(rb"<(?:[\w.-]+:)?c(?:\s[^>]*)?" + _CELL_WITH)


def _filled_letters(cells: bytes | None) -> set[str] | None:
    """The column letters of the cells with something in them, read from a sheet's cell bytes.

    A cell with something in it opens straight onto a value with text, an
    inline string or a formula. None (parse the cells instead) when that
    cannot be read off the bytes: no bytes, comments, CDATA or processing
    instructions among the cells, or a filled cell without its r.
    """
    if cells is None or b"<!--" in cells or b"<![CDATA[" in cells or b"<?" in cells:
        return None
    letters = _FILLED_LETTERS.findall(cells)
    if len(letters) != len(_FILLED_ANY.findall(cells)):
        return None
    return {x.decode("ascii") for x in set(letters)}


def used_areas(pkg: Package, editor: SheetEditor) -> Iterator[Area]:
    """Every range the sheet gives meaning to: cells with something in them, merges, validations,
    conditional formats (x14 ones too), filters and tables.

    Cells with something in them come as one area per column they use (spanning
    the sheet's rows): which rows does not matter to where a free column is, and
    a sheet of 10,000 rows has a few dozen columns but 150,000 cells.
    """
    letters = _filled_letters(pkg.raw_cells(editor.part))
    if letters is None:  # the cells parsed: one XPath call
        editor.number_cells()  # rows and cells that rely on their order get their r
        letters = {ref.rstrip("0123456789") for ref in _FILLED_REFS(editor.data)} if editor.data is not None else set()
    for text in letters:
        try:
            col = column_index(text)
        except ValueError:
            continue
        yield 0, col, MAX_ROW - 1, col
    root = editor.root
    merges = root.find(q("mergeCells"))
    texts = [m.get("ref", "") for m in ([] if merges is None else merges.findall(q("mergeCell")))]
    texts += [el.get("sqref", "") for el in root.findall(q("conditionalFormatting"))]
    validations = root.find(q("dataValidations"))
    texts += [el.get("sqref", "") for el in ([] if validations is None else validations.findall(q("dataValidation")))]
    auto = root.find(q("autoFilter"))
    texts += [] if auto is None else [auto.get("ref", "")]
    texts += [el.text or "" for el in _extension_sqrefs(root)]
    texts += [t.root.get("ref", "") for t in sheet_tables(pkg, editor.part)]
    for text in texts:
        for piece in text.split():
            yield parse_range(piece)


def first_free_column(pkg: Package, sheet: str) -> int:
    """The first column (0-based) right of everything the sheet uses.

    A range over whole rows (out to XFD) is left out: with it no column would be free.
    """
    editor = SheetEditor(pkg, sheet)
    last = max((a[3] for a in used_areas(pkg, editor) if a is not None and a[3] < MAX_COL - 1), default=-1)
    return last + 1


def first_free_columns(path: str | Path, sheets: list[str]) -> dict[str, int]:
    """:func:`first_free_column` for several sheets of a workbook file, read once."""
    pkg = Package(path)
    out = {}
    for sheet in sheets:
        out[sheet] = first_free_column(pkg, sheet)
        pkg.close(pkg.sheet_part(sheet))  # one sheet's cells in memory at a time
    return out
