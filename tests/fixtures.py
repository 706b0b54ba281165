"""Write plans with xlsxwriter (a different writer than xlplan's) from seed data.

A plan is given as data (see tests/seeds/common.py); the layout options recreate
what real files do: "same as above" as merged cells, repeated text or blanks,
title rows above the header, sheets in reverse order, a custom area sheet,
dates typed as real Excel dates.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from types import ModuleType

import xlsxwriter

from tests.seeds.common import SAME
from xlplan.template import FIELDS, structure

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")

CUSTOM_AREA = {
    "name": "6. Trafiksäkerhet",
    "title": "Trafiksäkerhet kring skolor",
    "followup_headers": ["Uppföljning"],
    "rows": [
        {"problem": "Hög hastighet vid skolor", "cause": "Breda gator inbjuder till fortkörning",
         "measure": "Hastighetskontroller vid tre skolor", "goal": "Minst 6 kontroller per termin",
         "timing": "Under 2025", "owner": "Lokalpolisområdet", "followups": [""]},
        {"problem": SAME, "cause": SAME, "measure": "Farthinder på Skolvägen", "goal": "Farthinder på plats",
         "timing": "Sommar 2025", "owner": "Trafikkontoret", "followups": ["Beställt"]},
        {"problem": SAME, "cause": "Föräldrar skjutsar in till skolgården", "measure": "",
         "goal": "", "timing": "", "owner": "", "followups": [""]},
    ],
}
"""A locally agreed area 6, as the instructions allow: 1 problem, 2 causes, 2 measures."""


def resolve(rows: list[dict], field: str) -> list[str]:
    """The text each row's ``field`` shows once SAME is resolved."""
    out, last = [], ""
    for row in rows:
        if row.get("kind") == "note":
            out.append("")
            continue
        value = row.get(field, "")
        if value is SAME:
            value = last
        out.append(value)
        last = value
    return out


def write_plan(
    path: str | Path,
    seed: ModuleType | dict,
    *,
    layout: str = "merged",
    title_rows: int = 0,
    reverse: bool = False,
    custom_area: dict | None = None,
    instruction_row: bool = True,
    with_instruction_sheet: bool = True,
    with_analysis: bool = True,
    dates: bool = True,
    header_edits: dict[str, str] | None = None,
) -> Path:
    """Write ``seed`` (a module or dict with SHEETS, DISTRICT, YEAR) to ``path``.

    layout: how SAME is written for problem and cause, "merged", "repeated" or
    "blank"; other fields with SAME are always merged cells.
    """
    get = (lambda k, d=None: getattr(seed, k, d)) if isinstance(seed, ModuleType) else seed.get
    struct = structure()
    path = Path(path)
    wb = xlsxwriter.Workbook(str(path))
    wrap = wb.add_format({"text_wrap": True, "valign": "top", "border": 1})
    bold = wb.add_format({"bold": True, "text_wrap": True, "valign": "top", "border": 1, "bg_color": "#1F4E79",
                          "font_color": "#FFFFFF"})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd", "valign": "top", "border": 1})
    sheets = list(get("SHEETS"))
    if custom_area:
        sheets.append(custom_area)
    order: list[tuple[str, object]] = []
    if with_instruction_sheet:
        order.append(("instruction", None))
    order += [("area", s) for s in sheets]
    if with_analysis and get("ANALYSIS_AS_FILED"):
        order.append(("analysis", None))
    if reverse:
        order.reverse()
    title = f"Åtgärdsplan {get('YEAR')} – {get('DISTRICT')}"
    for kind, sheet in order:
        if kind == "instruction":
            ws = wb.add_worksheet(struct.instruction_sheet)
            ws.set_column(0, 0, 120)
            ws.write(0, 0, title)
            for i, para in enumerate(struct.instructions_paragraphs):
                ws.write(2 + 2 * i, 0, para, wrap)
        elif kind == "analysis":
            _analysis(wb, struct, get("ANALYSIS_AS_FILED"))
        else:
            _area(wb, sheet, struct, layout=layout, title_rows=title_rows, title=title, wrap=wrap, bold=bold,
                  date_fmt=date_fmt, instruction_row=instruction_row, dates=dates, header_edits=header_edits or {})
    wb.close()
    return path


def _area(wb, sheet: dict, struct, *, layout, title_rows, title, wrap, bold, date_fmt, instruction_row, dates,
          header_edits) -> None:
    ws = wb.add_worksheet(sheet["name"])
    fu = list(sheet["followup_headers"])
    ncols = len(FIELDS) + len(fu)
    widths = [c.width for c in struct.columns] + [struct.followup.width] * len(fu)
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    r = 0
    if title_rows:
        ws.write(0, 0, title)
        r = title_rows
    headers = [sheet["title"]] + [struct.column(f).header for f in FIELDS[1:]] + fu
    headers = [header_edits.get(h, h) for h in headers]
    for c, h in enumerate(headers):
        ws.write(r, c, h, bold)
    r += 1
    if instruction_row:
        texts = [struct.column(f).instruction for f in FIELDS] + [struct.followup.instruction] * len(fu)
        for c, t in enumerate(texts):
            ws.write(r, c, t, wrap)
        r += 1
    rows = sheet["rows"]
    first = r
    for i, row in enumerate(rows):
        if row.get("kind") == "note":
            ws.write(first + i, 0, row["label"], wrap)
            ws.merge_range(first + i, 1, first + i, ncols - 1, row["text"], wrap)
    keys = list(FIELDS) + [("followups", j) for j in range(len(fu))]
    for c, key in enumerate(keys):
        values = [_value(row, key) for row in rows]
        mode = layout if key in ("problem", "cause") else "merged"
        i = 0
        while i < len(rows):
            if rows[i].get("kind") == "note":
                i += 1
                continue
            v = values[i]
            if v is SAME:  # SAME right after a note or at the top: nothing to continue
                i += 1
                continue
            j = i + 1
            while j < len(rows) and values[j] is SAME and rows[j].get("kind") != "note":
                j += 1
            if j - i > 1 and mode == "merged":
                ws.merge_range(first + i, c, first + j - 1, c, v, wrap)
            else:
                _write(ws, first + i, c, v, wrap, date_fmt, dates)
                if mode == "repeated":
                    for k in range(i + 1, j):
                        _write(ws, first + k, c, v, wrap, date_fmt, dates)
            i = j
    ws.freeze_panes(first, 0)


def _value(row: dict, key) -> object:
    if row.get("kind") == "note":
        return ""
    if isinstance(key, tuple):
        fus = row.get("followups") or []
        return fus[key[1]] if key[1] < len(fus) else ""
    return row.get(key, "")


def _write(ws, r: int, c: int, v: object, wrap, date_fmt, dates: bool) -> None:
    if v == "" or v is None:
        return
    if dates and isinstance(v, str) and _ISO.match(v.strip()):
        ws.write_datetime(r, c, dt.datetime.strptime(v.strip(), "%Y-%m-%d"), date_fmt)
    else:
        ws.write_string(r, c, v, wrap)


def _analysis(wb, struct, filed: dict) -> None:
    ws = wb.add_worksheet(struct.analysis_sheet)
    ws.write(0, 0, struct.analysis_title)
    for c, h in enumerate(struct.analysis_headers):
        ws.write(2, c, h)
    for i, (label, nums) in enumerate(filed.items(), start=3):
        ws.write(i, 0, label)
        for c, n in enumerate(nums, start=1):
            ws.write_number(i, c, n)
    last = 2 + len(filed)
    chart = wb.add_chart({"type": "column"})
    for c in range(1, 4):
        chart.add_series({"name": [struct.analysis_sheet, 2, c], "categories": [struct.analysis_sheet, 3, 0, last, 0],
                          "values": [struct.analysis_sheet, 3, c, last, c]})
    chart.set_title({"name": struct.chart_title})
    ws.insert_chart(last + 2, 0, chart)
