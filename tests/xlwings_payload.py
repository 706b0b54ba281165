"""Build the request an xlwings JavaScript client sends, from a real .xlsx.

Shape (xlwings' Office Scripts / Office.js clients): ``client``, ``version``,
``book`` (name, active sheet, selection), ``names``, and per sheet ``name``,
``values`` (from A1 to the last used cell, "" for empty cells, dates as ISO
strings), ``pictures``, ``tables`` and, from the Office.js client, ``notes``
(the addresses of cells that have a note; their text is not sent).
The sheets' merged areas travel beside it, as the add-in's JavaScript sends
them in the ``Xlplan-Merges`` header.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import python_calamine as pc
import xlwings as xw

from xlplan.opc import Package, REL_COMMENTS, q
from xlplan.text import cell_address


def _js(value):
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time()).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return value


def _notes(path: Path) -> dict[str, list[dict]]:
    pkg = Package(path)
    out: dict[str, list[dict]] = {}
    for sheet, part in pkg.sheet_parts().items():
        for _, cpart in pkg.related(part, REL_COMMENTS):
            root = pkg.xml(cpart)
            out[sheet] = [{"address": "$" + "$".join(_split(c.get("ref")))} for c in root.iter(q("comment"))]
    return out


def _split(ref: str) -> tuple[str, str]:
    letters = "".join(ch for ch in ref if ch.isalpha())
    return letters, ref[len(letters):]


def payload_for(path: str | Path, client: str = "Office.js") -> tuple[dict, dict[str, list[str]]]:
    """(payload, merges) for the workbook at ``path``."""
    path = Path(path)
    wb = pc.CalamineWorkbook.from_path(str(path))
    notes = _notes(path)
    sheets, merges = [], {}
    for name in wb.sheet_names:
        sheet = wb.get_sheet_by_name(name)
        rows = sheet.to_python(skip_empty_area=False)
        width = max((len(r) for r in rows), default=0)
        values = [[_js(v) for v in row] + [""] * (width - len(row)) for row in rows] or [[""]]
        entry = {"name": name, "values": values, "pictures": [], "tables": []}
        if client == "Office.js":
            entry["notes"] = notes.get(name, [])
        sheets.append(entry)
        merges[name] = [f"{cell_address(a, b)}:{cell_address(c, d)}" for (a, b), (c, d) in
                        (sheet.merged_cell_ranges or [])]
    payload = {"client": client, "version": xw.__version__,
               "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1"},
               "names": [], "sheets": sheets}
    return json.loads(json.dumps(payload)), merges


def action_cells(book_json: dict, sheet_names: list[str], func: str) -> set[tuple[str, str]]:
    """(sheet, A1 of the top-left cell) of every action ``func`` in a response."""
    out = set()
    for a in book_json["actions"]:
        if a["func"] == func:
            out.add((sheet_names[a["sheet_position"]], cell_address(a["start_row"], a["start_column"])))
    return out


__all__ = ["action_cells", "payload_for"]
