"""Edits inside one worksheet part, keeping everything else in it as it was.

Values are written as numbers or inline strings (so sharedStrings.xml is left
untouched), the cell's style is kept, and new elements go where the
SpreadsheetML schema wants them, because Excel refuses a sheet whose children
are out of order.
"""

from __future__ import annotations

import bisect

from lxml import etree

from .errors import PlanError
from .formulas import MAX_COL, MAX_ROW, shift_formula
from .opc import NS_MAIN, Package, q
from .text import _COLUMNS, _DIGITS, cell_address, column_index, column_letter, split_ref, xml_text  # noqa: F401 - re-exported

WORKSHEET_ORDER = [
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection",
    "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells",
    "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions", "pageMargins",
    "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors",
    "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "picture", "oleObjects", "controls",
    "webPublishItems", "tableParts", "extLst",
]
_RANK = {name: i for i, name in enumerate(WORKSHEET_ORDER)}
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
ROW, CELL, F, V, IS, T = q("row"), q("c"), q("f"), q("v"), q("is"), q("t")
_VALUE_TAGS = frozenset((F, V, IS))


_LETTERS: list[str] = []
"""0-based index -> column letters, the first columns (grown on demand)."""


def letters_of(col0: int) -> str:
    """0-based column index -> letters, cached for the columns a sheet uses."""
    if col0 < len(_LETTERS):
        return _LETTERS[col0]
    if col0 < MAX_COL:
        while len(_LETTERS) <= col0:
            _LETTERS.append(column_letter(len(_LETTERS)))
        return _LETTERS[col0]
    return column_letter(col0)


def address(r0: int, c0: int) -> str:
    """(0-based row, 0-based column) -> A1."""
    return f"{letters_of(c0)}{r0 + 1}"


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
    """Cell-level edits to one worksheet part of a :class:`Package`.

    The part is parsed once; its rows are indexed by number in one sweep (the
    cells of a row when the row is first asked for), so finding, adding or
    changing a cell costs a dictionary look-up, whatever the sheet's size.
    Cells are addressed by integer (row, column) internally; A1 text is only
    read and written at the boundary.
    """

    def __init__(self, pkg: Package, sheet: str):
        self.pkg = pkg
        self.sheet = sheet
        self.part = pkg.sheet_part(sheet)
        self.root = pkg.skeleton(self.part)  # the cells are parsed when first needed (see ``data``)
        self._data: etree._Element | None = None
        self._rows: dict[int, etree._Element] = {}
        self._row_keys: list[int] = []  # the row numbers, sorted (for where a new row goes)
        self._row_cells: dict[int, tuple[list[int], list[etree._Element] | None]] = {}
        self._numbered = False
        self._arrays: list[tuple[int, int, int, int]] | None = None
        self._dim: list | None = None
        self._last_ref, self._last_at, self._last_cell = "", (0, 0), None  # [element, r1, c1, r2, c2] of <dimension>, once looked up

    @property
    def data(self) -> etree._Element | None:
        """The <sheetData> element, the part's cells parsed into place on first use."""
        if self._data is None:
            self.root = self.pkg.xml(self.part)  # the whole part now (a skeleton's cells parsed into place)
            self._data = self.root.find(q("sheetData"))
        return self._data

    @data.setter
    def data(self, element: etree._Element | None) -> None:
        self._data = element

    # ----------------------------------------------------------------- lookup
    def _index_rows(self) -> None:
        """Index every row by its number, in one sweep; rows relying on their order get numbered.

        (Cells relying on their order are numbered when their row is first asked for.)
        """
        if self._numbered:
            return
        self._numbered = True
        if self.data is None:
            self.data = insert_in_order(self.root, etree.Element(q("sheetData")))
        rows = self._rows
        last = 0
        in_order = True
        for row in self.data.iterchildren(ROW):
            text = row.get("r")
            if not text:  # r is optional: rows are then numbered in order
                r = last + 1
                row.set("r", str(r))
            else:
                r = int(text)
            if r <= last:
                in_order = False
            last = r
            rows[r] = row
        self._row_keys = list(rows) if in_order else sorted(rows)

    def number_cells(self) -> None:
        """Give every row and cell its r (those relying on their order: allowed, they follow the one before)."""
        if self.data is None or not _UNNUMBERED(self.data):
            return
        self._index_rows()
        for r, row in self._rows.items():
            if r not in self._row_cells:
                self._cells(r, row)

    def cell(self, ref: str, create: bool = False) -> etree._Element | None:
        if ref == self._last_ref:  # one edit asks for its cell several times
            if self._last_cell is not None:
                return self._last_cell
            r0, c0 = self._last_at
        else:
            try:
                r0, c0 = split_ref(ref)
            except ValueError:
                if create:
                    check_ref(ref, self.sheet)
                raise
            self._last_ref, self._last_at = ref, (r0, c0)
        if create and not (0 <= r0 < MAX_ROW and 0 <= c0 < MAX_COL):
            check_ref(ref, self.sheet)
        found = self._last_cell = self.cell_at(r0, c0, create)
        return found

    def cell_at(self, r0: int, c0: int, create: bool = False) -> etree._Element | None:
        """The cell at (0-based row, 0-based column); with ``create`` made where missing (and its row)."""
        if not self._numbered:
            self._index_rows()
        row = self._rows.get(r0 + 1)
        if row is None:
            if not create:
                return None
            row = self._new_row(r0 + 1)
        entry = self._row_cells.get(r0 + 1)
        if entry is None:
            entry = self._cells(r0 + 1, row)
        cols, cells = entry
        if c0 in cols:
            i = cols.index(c0)
            return row[i] if cells is None else cells[i]
        if not create:
            return None
        new = etree.Element(CELL, r=address(r0, c0))
        later = [c for c in cols if c > c0]
        if later:
            j = cols.index(min(later))
            (row[j] if cells is None else cells[j]).addprevious(new)
            cols.insert(j, c0)
            if cells is not None:
                cells.insert(j, new)
        else:
            row.append(new)
            cols.append(c0)
            if cells is not None:
                cells.append(new)
        self._grew(row, r0, c0)
        return new

    def _new_row(self, r: int) -> etree._Element:
        row = etree.Element(ROW, r=str(r))
        keys = self._row_keys
        i = bisect.bisect_right(keys, r)
        if i < len(keys):
            self._rows[keys[i]].addprevious(row)
        else:
            self.data.append(row)
        keys.insert(i, r)
        self._rows[r] = row
        return row

    def _cells(self, r: int, row: etree._Element) -> tuple[list[int], list[etree._Element] | None]:
        """The columns of one row's cells in document order, read once per row from their r attributes.

        The r texts come from one XPath call (no element object per cell); when
        the row holds nothing but its cells, the i-th cell is ``row[i]`` and no
        element list is kept at all.
        """
        cols = []
        for ref in _CELL_REFS(row):
            letters = ref.rstrip(_DIGITS)
            col = _COLUMNS.get(letters)
            cols.append(column_index(letters) if col is None else col)
        cells = None if len(row) == len(cols) else list(row.iterchildren(CELL))
        if cells is not None and len(cells) != len(cols):  # cells without r: numbered after the one before
            cols, col = [], 0
            for c in cells:
                text = c.get("r")
                if text is None:
                    c.set("r", address(r - 1, col))
                else:
                    col = split_ref(text)[1]
                cols.append(col)
                col += 1
        entry = self._row_cells[r] = (cols, cells)
        return entry

    def _grew(self, row: etree._Element, r0: int, c0: int) -> None:
        spans = row.get("spans")
        if spans and ":" in spans:
            lo, _, hi = spans.partition(":")
            lo, hi = int(lo), int(hi)
            if not lo <= c0 + 1 <= hi:
                row.set("spans", f"{min(lo, c0 + 1)}:{max(hi, c0 + 1)}")
        dim = self._dim
        if dim is None:
            el = self.root.find(q("dimension"))
            dim = self._dim = [None]
            if el is not None and ":" in el.get("ref", ""):
                a, b = el.get("ref").split(":")
                try:
                    (ar, ac), (br, bc) = split_ref(a), split_ref(b)
                except ValueError:
                    pass
                else:
                    dim[:] = [el, ar, ac, br, bc]
        if dim[0] is None:
            return
        el, ar, ac, br, bc = dim
        if not (ar <= r0 <= br and ac <= c0 <= bc):
            dim[1:] = [min(ar, r0), min(ac, c0), max(br, r0), max(bc, c0)]
            el.set("ref", f"{address(dim[1], dim[2])}:{address(dim[3], dim[4])}")

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
            v = c.find(V)
            if v is not None and v.text and v.text.strip().isdigit():
                if hasattr(shared, "rich"):  # xlplan.apply.SharedStrings: answers without a tree when it can
                    return shared.rich(int(v.text))
                if int(v.text) < len(shared):
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
        if len(c):
            f = c.find(F)
            if f is not None:
                if f.get("t") in ("array", "dataTable") and ":" in (f.get("ref") or ""):
                    raise PlanError("unsafe_formula", path=str(self.pkg.path), sheet=self.sheet, cell=c.get("r"))
                if f.get("t") == "shared" and f.get("ref"):
                    self._unshare(f)
                had_formula = True
            elif self._in_array(c.get("r")):
                raise PlanError("unsafe_formula", path=str(self.pkg.path), sheet=self.sheet, cell=c.get("r"))
            for child in list(c):
                if child.tag in _VALUE_TAGS or local(child) in ("f", "v", "is"):
                    c.remove(child)
        elif self._in_array(c.get("r")):
            raise PlanError("unsafe_formula", path=str(self.pkg.path), sheet=self.sheet, cell=c.get("r"))
        attrib = c.attrib
        for attr in ("t", "vm", "cm"):
            if attr in attrib:
                del attrib[attr]
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
        self.number_cells()
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
        t = etree.SubElement(etree.SubElement(c, IS), T)
        t.text = xml_text(text)
        if text != text.strip() or "\n" in text or "  " in text:
            t.set(XML_SPACE, "preserve")
        return formula

    def set_number(self, ref: str, number: int | float) -> bool:
        c = self.cell(ref, create=True)
        formula = self._clear(c)
        v = etree.SubElement(c, V)
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
_CELL_REFS = etree.XPath("m:c/@r", namespaces=NS, smart_strings=False)
_UNNUMBERED = etree.XPath("boolean(m:row[not(@r)] | m:row/m:c[not(@r)])", namespaces=NS)
