"""Sheets of xlplan's own (the merge's "Konflikter"): listings people read and print.

The first row is a bold header, frozen and repeated on every printed page; text
wraps at the top of its cell; the sheet prints landscape, one page wide. Such a
sheet is rewritten whole on the next run, or added after the last sheet.
"""

from __future__ import annotations

import math

from lxml import etree

from .opc import CT_WORKSHEET, NS_MAIN, NS_R, REL_WORKSHEET, Package, q, serialise
from .styles import listing_styles
from .text import cell_address, xml_text


def write_listing(pkg: Package, name: str, rows: tuple[tuple[str, ...], ...], widths: tuple[float, ...] = ()) -> None:
    """A sheet of xlplan's own with these rows of text: rewritten if it exists, else added last.

    It is a listing people read and print (the merge's "Konflikter"), so the
    first row is a bold header, frozen and repeated on every printed page; text
    wraps at the top of its cell; the sheet prints landscape, one page wide.
    """
    styles = listing_styles(pkg)
    root = etree.Element(q("worksheet"), nsmap={None: NS_MAIN, "r": NS_R})
    etree.SubElement(etree.SubElement(root, q("sheetPr")), q("pageSetUpPr"), fitToPage="1")
    n_cols = max((len(r) for r in rows), default=0)
    if rows and n_cols:
        etree.SubElement(root, q("dimension"), ref=f"A1:{cell_address(len(rows) - 1, n_cols - 1)}")
    if len(rows) > 1:
        _freeze_header(root)
    if widths:
        cols = etree.SubElement(root, q("cols"))
        for i, w in enumerate(widths, start=1):
            etree.SubElement(cols, q("col"), min=str(i), max=str(i), width=str(w), customWidth="1")
    data = etree.SubElement(root, q("sheetData"))
    for r, values in enumerate(rows):
        row = etree.SubElement(data, q("row"), r=str(r + 1))
        if styles is not None:
            row.set("ht", str(_row_height(values, widths)))
        for c, value in enumerate(values):
            if value in ("", None):
                continue
            cell = etree.SubElement(row, q("c"), r=cell_address(r, c), t="inlineStr")
            if styles is not None:
                cell.set("s", str(styles[1] if r == 0 else styles[0]))
            t = etree.SubElement(etree.SubElement(cell, q("is")), q("t"))
            t.text = xml_text(str(value))  # an inline string: text stays text, control characters escaped
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    etree.SubElement(root, q("pageMargins"), left="0.5", right="0.5", top="0.75", bottom="0.75", header="0.3",
                     footer="0.3")
    etree.SubElement(root, q("pageSetup"), paperSize="9", orientation="landscape", fitToWidth="1",
                     fitToHeight="0")
    parts = pkg.sheet_parts()
    if name in parts:
        pkg.put(parts[name], serialise(root))
    else:
        part = pkg.free_name("xl/worksheets/sheet{}.xml")
        pkg.put(part, serialise(root), CT_WORKSHEET)
        rid = pkg.add_rel(pkg.workbook, REL_WORKSHEET, part)
        wb = pkg.xml(pkg.workbook)
        sheets = wb.find(q("sheets"))
        ids = [int(s.get("sheetId")) for s in sheets.findall(q("sheet"))]
        entry = etree.SubElement(sheets, q("sheet"), name=name, sheetId=str(max(ids, default=0) + 1))
        entry.set(f"{{{NS_R}}}id", rid)
        pkg.touch(pkg.workbook)
    if len(rows) > 1:
        _print_titles(pkg, name)

def _row_height(values: tuple[str, ...], widths: tuple[float, ...]) -> float:
    """Points for a row whose wrapped texts must all show.

    Excel sizes rows to wrapped text only when a cell is edited, LibreOffice not
    at all on opening, so the height is written: the cell needing most lines,
    counting one character per unit of column width (generous, never cut off).
    """
    lines = 1
    for c, value in enumerate(values):
        per_line = max(1, int(widths[c] if c < len(widths) else 8.43))
        text = "" if value is None else str(value)
        lines = max(lines, sum(max(1, math.ceil(len(p) / per_line)) for p in text.split("\n")))
    return min(409.0, 15.0 * lines)  # 15 points a line for the default 11-point font; Excel's maximum

def _freeze_header(root: etree._Element) -> None:
    """Keep the header row in view while scrolling a long listing."""
    view = etree.SubElement(etree.SubElement(root, q("sheetViews")), q("sheetView"), workbookViewId="0")
    etree.SubElement(view, q("pane"), ySplit="1", topLeftCell="A2", activePane="bottomLeft", state="frozen")
    etree.SubElement(view, q("selection"), pane="bottomLeft", activeCell="A2", sqref="A2")

def _print_titles(pkg: Package, name: str) -> None:
    """Repeat a sheet's first row on every printed page (its local ``_xlnm.Print_Titles``)."""
    wb = pkg.xml(pkg.workbook)
    sheets = wb.find(q("sheets"))
    index = str([s.get("name") for s in sheets.findall(q("sheet"))].index(name))
    quoted = name if name.replace("_", "").isalnum() else "'" + name.replace("'", "''") + "'"
    text = f"{quoted}!$1:$1"
    names = wb.find(q("definedNames"))
    if names is None:
        names = etree.Element(q("definedNames"))
        anchor = sheets
        for tag in ("functionGroups", "externalReferences"):  # CT_Workbook: sheets, these, definedNames
            anchor = wb.find(q(tag)) if wb.find(q(tag)) is not None else anchor
        anchor.addnext(names)
    for old in names.findall(q("definedName")):
        if old.get("name") == "_xlnm.Print_Titles" and old.get("localSheetId") == index:
            if old.text == text:
                return
            names.remove(old)
    etree.SubElement(names, q("definedName"), name="_xlnm.Print_Titles", localSheetId=index).text = text
    pkg.touch(pkg.workbook)

