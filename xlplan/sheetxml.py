"""Edits inside one worksheet part, keeping everything else in it as it was.

Values are written as numbers or inline strings (so sharedStrings.xml is left
untouched), the cell's style is kept, and new elements go where the
SpreadsheetML schema wants them, because Excel refuses a sheet whose children
are out of order.
"""

from __future__ import annotations

import re

from lxml import etree

from .errors import PlanError
from .formulas import MAX_COL, MAX_ROW, shift_formula
from .opc import NS_MAIN, Package, q
from .text import cell_address, column_letter, xml_text

WORKSHEET_ORDER = [
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection",
    "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells",
    "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions", "pageMargins",
    "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors",
    "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "picture", "oleObjects", "controls",
    "webPublishItems", "tableParts", "extLst",
]
_RANK = {name: i for i, name in enumerate(WORKSHEET_ORDER)}
_REF = re.compile(r"^([A-Z]+)(\d+)$")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def split_ref(ref: str) -> tuple[int, int]:
    """A1 -> (0-based row, 0-based column)."""
    m = _REF.match(ref)
    if not m:
        raise ValueError(ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def check_ref(ref: str, sheet: str = "") -> tuple[int, int]:
    """``split_ref`` for a cell to write: one outside A1:XFD1048576 is refused before anything is written.

    Excel (and every reader) rejects a sheet holding such a cell, so writing it
    would turn a good plan into a file nobody can open.
    """
    try:
        r0, c0 = split_ref(ref)
    except ValueError:
        r0, c0 = -1, -1
    if not (0 <= r0 < MAX_ROW and 0 <= c0 < MAX_COL):
        raise PlanError("cell_out_of_range", cell=f"{sheet.rstrip()}!{ref}" if sheet else ref)
    return r0, c0


def parse_range(text: str) -> tuple[int, int, int, int] | None:
    """"B4:D9", "B4", "$B$4:$D$9", "J:J" or "3:5" -> (first row, first column, last row, last column), 0-based.

    None when the text is no range (a defined name, #REF!).
    """
    a, _, b = text.replace("$", "").strip().partition(":")
    b = b or a
    if a.isalpha() and b.isalpha():  # whole columns
        a, b = f"{a}1", f"{b}{MAX_ROW}"
    elif a.isdigit() and b.isdigit():  # whole rows
        a, b = f"A{a}", f"{column_letter(MAX_COL - 1)}{b}"
    try:
        (r1, c1), (r2, c2) = split_ref(a.upper()), split_ref(b.upper())
    except ValueError:
        return None
    if max(r1, r2) >= MAX_ROW or max(c1, c2) >= MAX_COL:
        return None
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


def format_range(r1: int, c1: int, r2: int, c2: int) -> str:
    """The inverse of :func:`parse_range` ("B4" for one cell)."""
    first, last = cell_address(r1, c1), cell_address(r2, c2)
    return first if first == last else f"{first}:{last}"


def local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _rank(el: etree._Element) -> int:
    """Schema position of a worksheet child; mc:AlternateContent ranks as what it wraps (e.g. controls)."""
    name = local(el)
    if name == "AlternateContent":
        for choice in el:
            for inner in choice:
                if local(inner) in _RANK:
                    return _RANK[local(inner)]
        return -1
    return _RANK.get(name, -1)


def insert_in_order(root: etree._Element, el: etree._Element) -> etree._Element:
    """Insert ``el`` among the worksheet's children at its schema position."""
    rank = _RANK[local(el)]
    for i, child in enumerate(root):
        if _rank(child) > rank:
            root.insert(i, el)
            return el
    root.append(el)
    return el


class SheetEditor:
    """Cell-level edits to one worksheet part of a :class:`Package`."""

    def __init__(self, pkg: Package, sheet: str):
        self.pkg = pkg
        self.sheet = sheet
        self.part = pkg.sheet_part(sheet)
        self.root = pkg.xml(self.part)
        self.data = self.root.find(q("sheetData"))
        self._rows: dict[int, etree._Element] = {}
        self._row_cells: dict[int, dict[int, etree._Element]] = {}
        self._numbered = False
        self._arrays: list[tuple[int, int, int, int]] | None = None

    # ----------------------------------------------------------------- lookup
    def _index_rows(self) -> None:
        if self._numbered:
            return
        last = 0
        for row in self.data.findall(q("row")):
            r = int(row.get("r") or last + 1)  # r is optional: rows are then numbered in order
            if row.get("r") is None:
                row.set("r", str(r))
            last = r
            self._rows[r] = row
            col = 0
            for c in row.findall(q("c")):
                if c.get("r") is None:
                    c.set("r", cell_address(r - 1, col))
                col = split_ref(c.get("r"))[1] + 1
        self._numbered = True

    def cell(self, ref: str, create: bool = False) -> etree._Element | None:
        self._index_rows()
        r0, c0 = check_ref(ref, self.sheet) if create else split_ref(ref)
        row = self._rows.get(r0 + 1)
        if row is None:
            if not create:
                return None
            row = etree.Element(q("row"), r=str(r0 + 1))
            later = [n for n in self._rows if n > r0 + 1]
            if later:
                self._rows[min(later)].addprevious(row)
            else:
                self.data.append(row)
            self._rows[r0 + 1] = row
        cells = self._cells(row)
        if c0 in cells:
            return cells[c0]
        if not create:
            return None
        new = etree.Element(q("c"), r=ref)
        later = [c for c in cells if c > c0]
        if later:
            cells[min(later)].addprevious(new)
        else:
            row.append(new)
        cells[c0] = new
        self._grew(row, r0, c0)
        return new

    def _cells(self, row: etree._Element) -> dict[int, etree._Element]:
        """Column index -> cell element of one row, built once per row."""
        key = id(row)
        if key not in self._row_cells:
            self._row_cells[key] = {split_ref(c.get("r"))[1]: c for c in row.findall(q("c"))}
        return self._row_cells[key]

    def _grew(self, row: etree._Element, r0: int, c0: int) -> None:
        spans = row.get("spans")
        if spans and ":" in spans:
            lo, hi = (int(x) for x in spans.split(":"))
            if not lo <= c0 + 1 <= hi:
                row.set("spans", f"{min(lo, c0 + 1)}:{max(hi, c0 + 1)}")
        dim = self.root.find(q("dimension"))
        if dim is not None and ":" in dim.get("ref", ""):
            a, b = dim.get("ref").split(":")
            (ar, ac), (br, bc) = split_ref(a), split_ref(b)
            if not (ar <= r0 <= br and ac <= c0 <= bc):
                dim.set("ref", f"{cell_address(min(ar, r0), min(ac, c0))}:{cell_address(max(br, r0), max(bc, c0))}")

    def style(self, ref: str) -> int:
        c = self.cell(ref)
        if c is not None and c.get("s"):
            return int(c.get("s"))
        self._index_rows()
        r0, c0 = split_ref(ref)
        row = self._rows.get(r0 + 1)
        if row is not None and row.get("customFormat") == "1" and row.get("s"):
            return int(row.get("s"))
        cols = self.root.find(q("cols"))
        if cols is not None:
            for col in cols.findall(q("col")):
                if int(col.get("min")) <= c0 + 1 <= int(col.get("max")) and col.get("style"):
                    return int(col.get("style"))
        return 0

    def is_rich_text(self, ref: str, shared: list[etree._Element] | None) -> bool:
        """True when the cell's text carries formatting runs (bold words and the like)."""
        c = self.cell(ref)
        if c is None:
            return False
        if c.get("t") == "inlineStr":
            inline = c.find(q("is"))
            return inline is not None and inline.find(q("r")) is not None
        if c.get("t") == "s" and shared is not None:
            v = c.find(q("v"))
            if v is not None and v.text and v.text.strip().isdigit() and int(v.text) < len(shared):
                return shared[int(v.text)].find(q("r")) is not None
        return False

    # ----------------------------------------------------------------- values
    def _clear(self, c: etree._Element) -> bool:
        """Remove the cell's value and formula; True when a formula was removed.

        A shared formula's master hands its formula to the rest of its group
        first; an array formula over several cells cannot be cut in part, so it
        is refused (and nothing is written).
        """
        had_formula = False
        f = c.find(q("f"))
        if f is not None:
            if f.get("t") in ("array", "dataTable") and ":" in (f.get("ref") or ""):
                raise PlanError("unsafe_formula", path=str(self.pkg.path), sheet=self.sheet, cell=c.get("r"))
            if f.get("t") == "shared" and f.get("ref"):
                self._unshare(f)
            had_formula = True
        elif self._in_array(c.get("r")):
            raise PlanError("unsafe_formula", path=str(self.pkg.path), sheet=self.sheet, cell=c.get("r"))
        for child in list(c):
            if local(child) in ("f", "v", "is"):
                c.remove(child)
        for attr in ("t", "vm", "cm"):
            c.attrib.pop(attr, None)
        return had_formula

    def has_formula(self, ref: str) -> bool:
        """True when the cell computes its value (a formula of its own, shared or array)."""
        c = self.cell(ref)
        return c is not None and (c.find(q("f")) is not None or self._in_array(ref))

    def _unshare(self, master: etree._Element) -> None:
        """Give every other cell of a shared formula's group its own copy, moved to where it stands.

        This is what Excel does before the master changes: the other cells keep
        computing exactly what they did.
        """
        si = master.get("si")
        r0, c0 = split_ref(master.getparent().get("r"))
        text = master.text or ""
        for f in list(self.data.iter(q("f"))):
            if f is master or f.get("t") != "shared" or f.get("si") != si:
                continue
            r, col = split_ref(f.getparent().get("r"))
            f.text = shift_formula(text, r - r0, col - c0)
            for attr in ("t", "si", "ref"):
                f.attrib.pop(attr, None)

    def _in_array(self, ref: str | None) -> bool:
        """True when the cell is one of the cells an array formula over several cells fills."""
        if self._arrays is None:
            self._arrays = []
            for f in self.data.iter(q("f")):
                if f.get("t") in ("array", "dataTable") and ":" in (f.get("ref") or ""):
                    area = parse_range(f.get("ref"))
                    if area:
                        self._arrays.append(area)
        if not self._arrays or not ref:
            return False
        r0, c0 = split_ref(ref)
        return any(r1 <= r0 <= r2 and c1 <= c0 <= c2 for r1, c1, r2, c2 in self._arrays)

    def set_text(self, ref: str, text: str) -> bool:
        """Write ``text`` as an inline string: always text, never a formula, whatever it starts with.

        It is escaped as Excel escapes it (:func:`xlplan.text.xml_text`), so a
        control character read from a cell (Word's line break \\x0b) is written
        back as ``_x000B_`` and reads back the same. True when a formula was removed.
        """
        c = self.cell(ref, create=True)
        formula = self._clear(c)
        if text == "":
            return formula
        c.set("t", "inlineStr")
        inline = etree.SubElement(c, q("is"))
        t = etree.SubElement(inline, q("t"))
        t.text = xml_text(text)
        if text != text.strip() or "\n" in text or "  " in text:
            t.set(XML_SPACE, "preserve")
        return formula

    def set_number(self, ref: str, number: int | float) -> bool:
        c = self.cell(ref, create=True)
        formula = self._clear(c)
        v = etree.SubElement(c, q("v"))
        v.text = str(int(number)) if float(number).is_integer() else repr(float(number))
        return formula

    def set_style(self, ref: str, style: int) -> None:
        c = self.cell(ref, create=True)
        if style:
            c.set("s", str(style))
        else:
            c.attrib.pop("s", None)

    # ----------------------------------------------------------------- columns
    def hide_column(self, col0: int, width: float = 12.0) -> None:
        """Hide one column (0-based), splitting an existing <col> range if needed."""
        cols = self.root.find(q("cols"))
        if cols is None:
            cols = insert_in_order(self.root, etree.Element(q("cols")))
        n = col0 + 1
        for col in cols.findall(q("col")):
            lo, hi = int(col.get("min")), int(col.get("max"))
            if lo <= n <= hi:
                if lo == hi:
                    col.set("hidden", "1")
                    return
                pieces = [(lo, n - 1), (n, n), (n + 1, hi)]
                for a, b in pieces:
                    if a > b:
                        continue
                    piece = etree.Element(q("col"), dict(col.attrib))
                    piece.set("min", str(a))
                    piece.set("max", str(b))
                    if a == n:
                        piece.set("hidden", "1")
                    col.addprevious(piece)
                cols.remove(col)
                return
        new = etree.Element(q("col"), min=str(n), max=str(n), width=str(width), hidden="1", customWidth="1")
        for col in cols.findall(q("col")):
            if int(col.get("min")) > n:
                col.addprevious(new)
                return
        cols.append(new)

    def copy_column(self, col0: int, like0: int) -> None:
        """Give column ``col0`` the <col> settings (width, style) of column ``like0`` (0-based)."""
        cols = self.root.find(q("cols"))
        if cols is None:
            return
        source = next((c for c in cols.findall(q("col")) if int(c.get("min")) <= like0 + 1 <= int(c.get("max"))), None)
        if source is None or any(int(c.get("min")) <= col0 + 1 <= int(c.get("max")) for c in cols.findall(q("col"))):
            return
        new = etree.Element(q("col"), dict(source.attrib))
        new.set("min", str(col0 + 1))
        new.set("max", str(col0 + 1))
        new.attrib.pop("hidden", None)
        for col in cols.findall(q("col")):
            if int(col.get("min")) > col0 + 1:
                col.addprevious(new)
                return
        cols.append(new)

    def touch(self) -> None:
        self.pkg.touch(self.part)


def column_of(ref: str) -> str:
    return column_letter(split_ref(ref)[1])


NS = {"m": NS_MAIN}
