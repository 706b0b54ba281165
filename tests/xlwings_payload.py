"""Build, from a real .xlsx, the request xlplan's add-in client sends, and the workbook Excel would show it.

Request shape (xlwings' Office Scripts / Office.js clients): ``client``, ``version``,
``book`` (name, active sheet, selection), ``names``, and per sheet ``name``,
``values`` (from A1 to the last used cell, "" for empty cells, dates as ISO
strings), ``visibility``, ``pictures``, ``tables``, ``charts`` (names) and,
from the Office.js client, ``notes`` (the addresses of cells that have a note,
``"xlplan": true`` on the notes xlplan wrote; their text is not sent) and
``notes_supported``. xlplan's client adds its own key ``xlplan`` (merged
areas, language, notes support, password-protected sheets): ``request_for``.
``payload_for`` returns the merged areas beside the payload, for tests that
hand them to ``xlplan.excel`` directly.

``workbook_model`` is the same file as the strict Excel stand-in of
tests/js/excel-mock.js holds it: typed values (dates as serial numbers with a
date format), merged areas, notes with their authors and texts, conditional
formats, charts with their source ranges and rows, protection.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import python_calamine as pc
import xlwings as xw

from xlplan.opc import REL_CHART, REL_COMMENTS, REL_DRAWING, REL_STYLES, Package, q
from xlplan.text import cell_address

NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ROW_HEIGHT = 15
"""Points per row, as the stand-in lays rows out (Excel's default height)."""


def _iso(value) -> str | None:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time()).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return None


def _js(value):
    iso = _iso(value)
    return value if iso is None else iso


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(q("t")))


def _comments(path: Path) -> dict[str, list[dict]]:
    """Per sheet: each note's address, author and text."""
    pkg = Package(path)
    out: dict[str, list[dict]] = {}
    for sheet, part in pkg.sheet_parts().items():
        for _, cpart in pkg.related(part, REL_COMMENTS):
            root = pkg.xml(cpart)
            authors = [a.text or "" for a in root.find(q("authors"))]
            for c in root.iter(q("comment")):
                author = authors[int(c.get("authorId") or 0)] if authors else ""
                out.setdefault(sheet, []).append({"address": c.get("ref"), "author": author,
                                                  "content": _text(c.find(q("text")))})
    return out


def _split(ref: str) -> tuple[str, str]:
    letters = "".join(ch for ch in ref if ch.isalpha())
    return letters, ref[len(letters):]


def _sheet_rows(wb, name: str) -> list[list]:
    rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
    width = max((len(r) for r in rows), default=0)
    return [list(row) + [""] * (width - len(row)) for row in rows]


def _merges(sheet) -> list[str]:
    return [f"{cell_address(a, b)}:{cell_address(c, d)}" for (a, b), (c, d) in (sheet.merged_cell_ranges or [])]


def payload_for(path: str | Path, client: str = "Office.js") -> tuple[dict, dict[str, list[str]]]:
    """(payload, merges) for the workbook at ``path``."""
    path = Path(path)
    wb = pc.CalamineWorkbook.from_path(str(path))
    notes = _comments(path)
    visibility = {m.name: "Visible" if "Visible" in str(m.visible) else "Hidden" for m in wb.sheets_metadata}
    sheets, merges = [], {}
    for name in wb.sheet_names:
        values = [[_js(v) for v in row] for row in _sheet_rows(wb, name)] or [[""]]
        entry = {"name": name, "values": values, "visibility": visibility.get(name, "Visible"),
                 "pictures": [], "tables": []}
        if client == "Office.js":
            entry["notes"] = [{"address": "$" + "$".join(_split(n["address"])),
                               "xlplan": n["content"].startswith("xlplan:")} for n in notes.get(name, [])]
        sheets.append(entry)
        merges[name] = _merges(wb.get_sheet_by_name(name))
    payload = {"client": client, "version": xw.__version__,
               "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1"},
               "names": [], "sheets": sheets}
    return json.loads(json.dumps(payload)), merges


def request_for(path: str | Path, lang: str | None = None, notes_supported: bool = True,
                locked: tuple[str, ...] = ()) -> dict:
    """The body xlplan's client posts: xlwings' payload and the ``xlplan`` key (merges, language, support)."""
    payload, merges = payload_for(path)
    payload["xlplan"] = {"merges": {k: v for k, v in merges.items() if v}, "notes_supported": notes_supported,
                         "password_protected": list(locked)}
    if lang:
        payload["xlplan"]["lang"] = lang
    return payload


def action_cells(book_json: dict, sheet_names: list[str], func: str) -> set[tuple[str, str]]:
    """(sheet, A1 of the top-left cell) of every action ``func`` in a response."""
    out = set()
    for a in book_json["actions"]:
        if a["func"] == func:
            out.add((sheet_names[a["sheet_position"]], cell_address(a["start_row"], a["start_column"])))
    return out


def cells_of(address_list: str) -> set[str]:
    """Every cell of an address list such as "D7:D9,E5" (one sheet)."""
    from xlplan.sheetxml import split_ref

    out = set()
    for area in re.split(r"[,; ]+", address_list.strip()):
        if not area:
            continue
        first, _, last = area.replace("$", "").partition(":")
        (r0, c0), (r1, c1) = split_ref(first), split_ref(last or first)
        out |= {cell_address(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    return out


def marked_cells(book_json: dict, sheet_names: list[str]) -> dict[str, set[str]]:
    """Sheet -> the cells the response's xlplanMarks actions fill."""
    out: dict[str, set[str]] = {}
    for a in book_json["actions"]:
        if a["func"] == "xlplanMarks":
            cells = out.setdefault(sheet_names[a["sheet_position"]], set())
            for chunk in a["args"][0]["ranges"]:
                cells |= cells_of(chunk)
    return {k: v for k, v in out.items() if v}


# --------------------------------------------------------------------------- the workbook as Excel shows it


def _model_value(value):
    iso = _iso(value)
    if iso is not None:
        return {"date": iso}
    return value


def _dxf_fills(pkg: Package) -> list[str | None]:
    styles = pkg.related(pkg.workbook, REL_STYLES)
    if not styles:
        return []
    dxfs = pkg.xml(styles[0][1]).find(q("dxfs"))
    out = []
    for dxf in dxfs if dxfs is not None else []:
        rgb = next((c.get("rgb") for c in dxf.iter(q("fgColor"), q("bgColor")) if c.get("rgb")), None)
        out.append("#" + rgb[-6:] if rgb else None)
    return out


def _rules(pkg: Package, part: str, fills: list[str | None]) -> list[dict]:
    """Conditional formats of one sheet, with formulas as Excel's API shows them (a leading "=")."""
    out = []
    for cf in pkg.xml(part).findall(q("conditionalFormatting")):
        ranges = (cf.get("sqref") or "").split()
        for rule in cf.findall(q("cfRule")):
            if rule.get("type") != "expression":
                continue
            dxf = rule.get("dxfId")
            out.append({"type": "Custom", "formula": "=" + (rule.findtext(q("formula")) or ""), "ranges": ranges,
                        "fill": fills[int(dxf)] if dxf is not None and int(dxf) < len(fills) else None})
    return out


_REF = re.compile(r"^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$")


def _chart_source(pkg: Package, chart_part: str) -> str | None:
    """The bounding range of every series reference of a chart, as "Sheet!A3:D9"."""
    from xlplan.sheetxml import split_ref

    boxes, sheet = [], None
    for f in pkg.xml(chart_part).iter(f"{{{NS_C}}}f"):
        m = _REF.match((f.text or "").strip())
        if not m:
            continue
        sheet = (m.group(1) or "").replace("''", "'") or m.group(2)
        a, b = split_ref(m.group(3) + m.group(4)), split_ref((m.group(5) or m.group(3)) + (m.group(6) or m.group(4)))
        boxes.append((*a, *b))
    if not boxes:
        return None
    r0, c0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    r1, c1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    name = "'" + sheet.replace("'", "''") + "'" if re.search(r"[^A-Za-z0-9_.]", sheet) else sheet
    return f"{name}!{cell_address(r0, c0)}:{cell_address(r1, c1)}"


def _charts(pkg: Package, part: str) -> list[dict]:
    out = []
    for _, drawing in pkg.related(part, REL_DRAWING):
        charts = dict(pkg.related(drawing, REL_CHART))
        for anchor in pkg.xml(drawing):
            start, end = anchor.find(f"{{{NS_XDR}}}from"), anchor.find(f"{{{NS_XDR}}}to")
            frame = anchor.find(f"{{{NS_XDR}}}graphicFrame")
            if frame is None or start is None:
                continue
            name = frame.find(f".//{{{NS_XDR}}}cNvPr").get("name")
            ref = next((el.get(f"{{{NS_R}}}id") for el in frame.iter(f"{{{NS_C}}}chart")), None)
            row = int(start.findtext(f"{{{NS_XDR}}}row"))
            last = int(end.findtext(f"{{{NS_XDR}}}row")) if end is not None else row + 15
            out.append({"name": name, "source": _chart_source(pkg, charts[ref]) if ref in charts else None,
                        "top": row * ROW_HEIGHT, "height": (last - row) * ROW_HEIGHT})
    return out


def workbook_model(path: str | Path) -> dict:
    """The workbook at ``path`` as tests/js/excel-mock.js holds it."""
    path = Path(path)
    wb = pc.CalamineWorkbook.from_path(str(path))
    pkg = Package(path)
    parts = pkg.sheet_parts()
    fills = _dxf_fills(pkg)
    notes = _comments(path)
    visibility = {m.name: "Visible" if "Visible" in str(m.visible) else "Hidden" for m in wb.sheets_metadata}
    sheets = []
    for name in wb.sheet_names:
        part = parts[name]
        protection = pkg.xml(part).find(q("sheetProtection"))
        sheets.append({
            "name": name,
            "visibility": visibility.get(name, "Visible"),
            "values": [[_model_value(v) for v in row] for row in _sheet_rows(wb, name)],
            "merges": _merges(wb.get_sheet_by_name(name)),
            "notes": notes.get(name, []),
            "rules": _rules(pkg, part, fills),
            "charts": _charts(pkg, part),
            "protection": {"protected": protection is not None and protection.get("sheet") in ("1", "true"),
                           "password": "okänt" if protection is not None and (
                               protection.get("password") or protection.get("hashValue")) else None},
        })
    return json.loads(json.dumps({"name": path.name, "sheets": sheets}))


__all__ = ["action_cells", "cells_of", "marked_cells", "payload_for", "request_for", "workbook_model"]
