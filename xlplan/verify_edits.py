"""The check of a write against the edits it made, on the new file, before it replaces anything.

Every write is checked twice before the new file takes the old one's place:
the package invariants (:mod:`xlplan.opc.verify`) and, here, the edits
themselves. Only the parts the write rewrote are read back (the others were
copied byte for byte), in the same pass that checks they parse: each
rewritten worksheet must show every value an effective :class:`SetValue`
wrote (text in the form the writer writes it, numbers as numbers, an
emptied cell empty), the style a :class:`SetDateFormat` gave, the hidden
column a :class:`HideColumn` asked for, a mark fill covering each marked cell
(and no mark left where marks were cleared), and the comments part a note for
each marked or noted cell. A write that fails is refused (PlanError
"verify_failed") and the user's file is left as it was.

This replaces recomputing the whole command on the new file: that cost a
second read of the entire plan, where this costs one parse of what was written.
"""

from __future__ import annotations

from collections import defaultdict

from lxml import etree

from .edits import ClearMarks, HideColumn, Mark, Note, SetDateFormat, SetValue, WriteSheet
from .notes import MARK_FORMULA
from .opc import NS_MAIN, REL_COMMENTS, Package, q
from .sheetxml import address, column_index, parse_range, split_ref
from .text import xml_text

_ROW, _CELL, _V, _IS, _F, _T, _COMMENT = q("row"), q("c"), q("v"), q("is"), q("f"), q("t"), q("comment")
_CELL_REFS = etree.XPath("m:c/@r", namespaces={"m": NS_MAIN}, smart_strings=False)
_EMPTY = ("empty", None)
_SHOWN = 5
"""How many failed cells a refusal names."""


def expected_value(value) -> tuple[str, object]:
    """What a cell holds after the writer wrote ``value``: ("number", float), ("text", str) or ("empty", None)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "number", float(value)
    text = value or ""
    return ("text", xml_text(str(text))) if text != "" else _EMPTY


class EditCheck:
    """What the rewritten parts must hold after ``edits`` (the effective ones, in order), by part name."""

    def __init__(self, pkg: Package, edits: list, styles: dict[tuple[str, str], int] | None = None):
        parts = pkg.sheet_parts()
        rewritten = {e.sheet for e in edits if isinstance(e, WriteSheet)}  # xlplan's own sheets: written whole
        self.sheet_of: dict[str, str] = {}
        self.values: dict[str, dict[int, dict[int, tuple]]] = defaultdict(lambda: defaultdict(dict))
        self.styles: dict[str, dict[int, dict[int, str]]] = defaultdict(lambda: defaultdict(dict))
        self.hidden: dict[str, set[int]] = defaultdict(set)
        self.marked: dict[str, set[tuple[int, int]]] = defaultdict(set)
        self.noted: dict[str, set[tuple[int, int]]] = {}
        self.cleared: set[str] = set()
        noted: dict[str, set[tuple[int, int]]] = defaultdict(set)
        for e in edits:
            sheet = getattr(e, "sheet", None)
            if isinstance(e, ClearMarks):
                self.cleared = set(parts.values())
                continue
            if sheet is None or sheet in rewritten or sheet not in parts:
                continue
            part = parts[sheet]
            self.sheet_of[part] = sheet
            if isinstance(e, SetValue):
                r0, c0 = split_ref(e.cell)
                self.values[part][r0 + 1][c0] = expected_value(e.value)
            elif isinstance(e, SetDateFormat) and styles and (sheet, e.cell) in styles:
                r0, c0 = split_ref(e.cell)
                self.styles[part][r0 + 1][c0] = str(styles[(sheet, e.cell)])
            elif isinstance(e, HideColumn):
                self.hidden[part].add(column_index(e.column))
            elif isinstance(e, Mark):
                at = split_ref(e.cell)
                self.marked[part].add(at)
                noted[part].add(at)
            elif isinstance(e, Note):
                noted[part].add(split_ref(e.cell))
        for part, cells in noted.items():
            comments = pkg.related(part, REL_COMMENTS)
            if not comments:
                self.noted[f"(comments of {part})"] = cells
            else:
                self.noted[comments[0][1]] = cells
                self.sheet_of[comments[0][1]] = self.sheet_of[part]
        self.seen: set[str] = set()
        self._last_row: dict[str, int] = {}
        self._found: dict[str, set[tuple[int, int]]] = {}
        self._problems: dict[str, list[str]] = {}
        self._comments: dict[str, set[tuple[int, int]]] = {}

    def needed(self) -> set[str]:
        """The parts this check must see (each one the write must have rewritten)."""
        return {*self.values, *self.styles, *self.hidden, *self.marked, *self.noted}

    def __bool__(self) -> bool:
        return bool(self.needed() or self.cleared)

    # ----------------------------------------------------------------- reading back
    def element(self, name: str, el: etree._Element) -> None:
        """One row or note of a rewritten part, as it is parsed (see ``package_problems(each=)``)."""
        if el.tag == _ROW:
            wants = self.values.get(name), self.styles.get(name)
            if wants[0] is None and wants[1] is None:
                return
            text = el.get("r")
            r = int(text) if text else self._last_row.get(name, 0) + 1
            self._last_row[name] = r
            want_values = wants[0].get(r, {}) if wants[0] else {}
            want_styles = wants[1].get(r, {}) if wants[1] else {}
            if want_values or want_styles:
                self._row(name, el, r, want_values, want_styles)
        elif el.tag == _COMMENT and name in self.noted:
            try:
                self._comments.setdefault(name, set()).add(split_ref(el.get("ref") or ""))
            except ValueError:
                pass

    def _row(self, name: str, row: etree._Element, r: int, want_values: dict, want_styles: dict) -> None:
        sheet = self.sheet_of.get(name, name).rstrip()
        out = self._problems.setdefault(name, [])
        found = self._found.setdefault(name, set())
        for col, c in _row_cells(row, r, [*want_values, *want_styles] if want_styles else want_values):
            found.add((r, col))
            want = want_values.get(col)
            if want is not None:
                got = _value(c)
                if got != want:
                    out.append(f"{sheet}!{_a1(r, col)}: {want[1]!r} written, {got[1]!r} read back")
            style = want_styles.get(col)
            if style is not None and (c.get("s") or "0") != style:
                out.append(f"{sheet}!{_a1(r, col)}: style {style} written, {c.get('s') or '0'} read back")

    def inspect(self, name: str, root: etree._Element) -> list[str]:
        """Problems of one rewritten part, parsed from the new file (its rows and notes seen before)."""
        out: list[str] = []
        sheet = self.sheet_of.get(name, name)
        if name in self.values or name in self.styles:
            self.seen.add(name)
            out += self._missing(sheet, self.values.get(name, {}), self.styles.get(name, {}),
                                 self._found.get(name, set()), self._problems.get(name, []))
        if name in self.hidden:
            self.seen.add(name)
            out += self._hidden(sheet, root, self.hidden[name])
        if name in self.marked or name in self.cleared:
            self.seen.add(name)
            out += self._marks(sheet, root, self.marked.get(name, set()))
        if name in self.noted:
            self.seen.add(name)
            missing = sorted(self.noted[name] - self._comments.get(name, set()))
            out += [f"{sheet.rstrip()}!{_a1(r + 1, c)}: note missing" for r, c in missing][:_SHOWN]
        return out

    def finish(self) -> list[str]:
        """Parts that had to be rewritten but were not in the new file's written parts."""
        return [f"{self.sheet_of.get(n, n)}: {n} was not written" for n in sorted(self.needed() - self.seen)]

    @staticmethod
    def _missing(sheet: str, values: dict, styles: dict, found: set, problems: list[str]) -> list[str]:
        out = list(problems)
        for r, cols in sorted(values.items()):
            for col, want in cols.items():
                if (r, col) not in found and want != _EMPTY:  # an emptied cell may be gone altogether
                    out.append(f"{sheet.rstrip()}!{_a1(r, col)}: {want[1]!r} written, the cell is missing")
        for r, cols in sorted(styles.items()):
            out += [f"{sheet.rstrip()}!{_a1(r, col)}: the cell is missing" for col in cols if (r, col) not in found]
        return out[:_SHOWN]

    @staticmethod
    def _hidden(sheet: str, root: etree._Element, columns: set[int]) -> list[str]:
        cols = root.find(q("cols"))
        hidden = set()
        for col in ([] if cols is None else cols.iterchildren(q("col"))):
            if col.get("hidden") in ("1", "true"):
                hidden |= set(range(int(col.get("min")) - 1, int(col.get("max"))))
        return [f"{sheet.rstrip()}: column {c + 1} not hidden" for c in sorted(columns - hidden)][:_SHOWN]

    @staticmethod
    def _marks(sheet: str, root: etree._Element, cells: set[tuple[int, int]]) -> list[str]:
        ours = [cf for cf in root.iterchildren(q("conditionalFormatting"))
                if any((rule.findtext(q("formula")) or "") == MARK_FORMULA for rule in cf.iterchildren(q("cfRule")))]
        if not cells:
            return [f"{sheet.rstrip()}: marks left after they were cleared"] if ours else []
        single, areas = set(), []
        for piece in " ".join(cf.get("sqref") or "" for cf in ours).split():
            if ":" not in piece and "$" not in piece:  # one cell, as xlplan writes them
                try:
                    single.add(split_ref(piece))
                    continue
                except ValueError:
                    pass
            area = parse_range(piece)
            if area is None:
                continue
            if area[0] == area[2] and area[1] == area[3]:
                single.add((area[0], area[1]))
            else:
                areas.append(area)
        missing = [(r, c) for r, c in cells if (r, c) not in single
                   and not any(a[0] <= r <= a[2] and a[1] <= c <= a[3] for a in areas)]
        return [f"{sheet.rstrip()}!{_a1(r + 1, c)}: not marked" for r, c in sorted(missing)][:_SHOWN]


def _row_cells(row: etree._Element, r: int, cols) -> list[tuple[int, etree._Element]]:
    """(column, cell) of the cells of ``row`` in ``cols``, found by their r texts (one XPath call per row)."""
    refs = _CELL_REFS(row)
    out = []
    if len(row) == len(refs):  # nothing but cells, each with its r: the i-th cell is row[i]
        todo = []
        for col in cols:
            ref = address(r - 1, col)
            if ref in refs:
                out.append((col, row[refs.index(ref)]))
            else:
                todo.append(col)
        if not todo:
            return out
        cols = todo
    col = 0
    for c in row.iterchildren(_CELL):  # the general case: r texts as written (or none: by position)
        ref = c.get("r")
        try:
            col = split_ref(ref)[1] if ref else col
        except ValueError:
            continue
        if col in cols and all(col != done for done, _ in out):
            out.append((col, c))
        col += 1
    return out


def _value(c: etree._Element) -> tuple[str, object]:
    """What a written cell holds, in the terms of :func:`expected_value`."""
    if c.get("t") == "inlineStr":
        inline = c.find(_IS)
        if inline is None:
            return _EMPTY
        if len(inline) == 1 and inline[0].tag == _T:  # the one <t> the writer writes
            return "text", inline[0].text or ""
        return "text", "".join(t.text or "" for t in inline.iter(_T))
    v = c.find(_V)
    if v is None:
        return ("formula", None) if c.find(_F) is not None else _EMPTY
    t = c.get("t") or "n"
    if t == "n":
        try:
            return "number", float(v.text or "")
        except ValueError:
            return "text", v.text
    return f"type {t}", v.text


def _a1(r: int, col: int) -> str:
    return address(r - 1, col)
