"""The consolidated outputs: a city workbook with charts, and a self-contained HTML report."""

from __future__ import annotations

import html
import math
import re
from pathlib import Path

from ..build import TEXTS_STAY_TEXTS
from ..consolidate import STATUS_COLUMNS, Consolidation
from ..messages import count
from ..text import column_letter, visible_text

COLOURS = ["#1F4E79", "#2E75B6", "#9DC3E6", "#C00000", "#ED7D31", "#FFC000"]
COUNTS = ("problems", "causes", "measures")
GAPS = ("missing_goal", "missing_owner", "missing_timing")
STATUS = tuple(STATUS_COLUMNS)
# done green, ongoing blue, not started grey, dropped red, missing orange, unclear yellow: a traffic light people know.
STATUS_COLOURS = ["#548235", "#2E75B6", "#A6A6A6", "#C00000", "#ED7D31", "#FFC000"]

# What people read in the city workbook and the HTML report, (Swedish, English). The CSV and Parquet keep
# the column names themselves: they are identifiers for Power BI and scripts, the same in every language.
COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "district": ("Stadsdel", "District"),
    "year": ("År", "Year"),
    "file": ("Fil", "File"),
    "sheet": ("Flik", "Sheet"),
    "area": ("Område nr", "Area no."),
    "area_title": ("Prioriterat område", "Priority area"),
    "row": ("Rad", "Row"),
    "problem": ("Problem", "Problem"),
    "cause": ("Orsak", "Cause"),
    "measure": ("Åtgärd", "Measure"),
    "goal": ("Operativt mål", "Operational goal"),
    "timing": ("När", "When"),
    "owner": ("Vem", "Who"),
    "followup": ("Senaste uppföljning", "Latest follow-up"),
    "problems": ("Problem", "Problems"),
    "causes": ("Orsaker", "Causes"),
    "measures": ("Åtgärder", "Measures"),
    "missing_goal": ("Saknar mål", "Missing goal"),
    "missing_owner": ("Saknar ansvarig", "Missing owner"),
    "missing_timing": ("Saknar tidpunkt", "Missing timing"),
    "reason": ("Orsak", "Reason"),
    "status": ("Status", "Status"),
    "status_done": ("Genomförda", "Done"),
    "status_ongoing": ("Pågår", "Ongoing"),
    "status_not_started": ("Ej påbörjade", "Not started"),
    "status_dropped": ("Strukna", "Dropped"),
    "status_missing": ("Uppföljning saknas", "Follow-up missing"),
    "status_unknown": ("Status oklar", "Status unclear"),
}
STATUS_WORDS: dict[str, tuple[str, str]] = {
    "done": ("Genomförd", "Done"),
    "ongoing": ("Pågår", "Ongoing"),
    "not-started": ("Ej påbörjad", "Not started"),
    "dropped": ("Struken", "Dropped"),
    "missing": ("Uppföljning saknas", "Follow-up missing"),
    "unknown": ("Oklar", "Unclear"),
}
"""A measure's status as people read it in the city workbook; the CSV keeps the identifier (done, ongoing ...)."""
TEXTS: dict[str, tuple[str, str]] = {
    "sheet_districts": ("Distrikt", "Districts"),
    "sheet_areas": ("Områden", "Areas"),
    "sheet_measures": ("Åtgärder", "Measures"),
    "sheet_errors": ("Kunde inte läsas", "Unreadable files"),
    "chart_counts": ("Problem, orsaker och åtgärder per stadsdel", "Problems, causes and measures per district"),
    "chart_gaps": ("Åtgärder som saknar mål, ansvarig eller tidpunkt",
                   "Measures missing a goal, an owner or a timing"),
    "chart_status": ("Var året står: åtgärder efter senaste uppföljningen",
                     "Where the year stands: measures by their latest follow-up"),
    "area_n": ("Område {n}", "Area {n}"),
    "area_own": ("Eget område", "Own area"),
    "title": ("Åtgärdsplaner – sammanställning", "Action plans – consolidation"),
    "districts_head": ("Stadsdelar", "Districts"),
    "matrix_head": ("Åtgärder per stadsdel och prioriterat område", "Measures per district and priority area"),
}


def escape(text: str) -> str:
    """Text for the HTML report: markup escaped, control characters shown as U+FFFD (the page stays valid)."""
    return html.escape(visible_text(text))


def _t(key: str, lang: str) -> str:
    return TEXTS[key][lang == "en"]


def _labelled(frame, lang: str):
    """The frame with people's column headers (the frame itself keeps its identifiers)."""
    return frame.rename(columns={k: v[lang == "en"] for k, v in COLUMN_LABELS.items()})


def area_matrix(c: Consolidation, value: str = "measures", lang: str = "sv"):
    """District × area table of one count (areas by their number, local areas as "6+")."""
    import pandas as pd

    a = c.areas.copy()
    a["area_label"] = a["area"].map(lambda n: _t("area_n", lang).format(n=n) if not pd.isna(n) and n <= 5
                                    else _t("area_own", lang))
    return a.pivot_table(index="district", columns="area_label", values=value, aggfunc="sum", fill_value=0)


def write_city_workbook(c: Consolidation, path: Path, lang: str = "sv") -> Path:
    """Tables and charts for people: headers, sheet names and chart titles in ``lang``."""
    import xlsxwriter

    lang = "en" if lang == "en" else "sv"
    # Plan texts stay texts. Rows go straight to disk in order (constant_memory): a city of 1,000 plans
    # is 50,000 measure rows, and the cells' format comes from their column, not from each cell.
    wb = xlsxwriter.Workbook(str(path), {**TEXTS_STAY_TEXTS, "nan_inf_to_errors": True, "constant_memory": True})
    head = wb.add_format({"bold": True, "bg_color": "#1F4E79", "font_color": "#FFFFFF", "text_wrap": True,
                          "valign": "top"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})

    bodies: dict[str, object] = {}  # worksheet part -> the frame whose rows go under its header

    def table(name: str, frame, widths: dict[int, float] | None = None):
        ws = wb.add_worksheet(name)
        for col in range(len(frame.columns)):
            ws.set_column(col, col, (widths or {}).get(col), wrap)
        ws.write_row(0, 0, [str(c) for c in _labelled(frame, lang).columns], head)
        bodies[f"xl/worksheets/sheet{len(wb.worksheets())}.xml"] = frame
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(frame), 1), len(frame.columns) - 1)
        return ws

    districts = c.districts
    sheet = _t("sheet_districts", lang)
    ws = table(sheet, districts, {0: 24})
    n = len(districts)
    if n:
        charts = ((COUNTS, "chart_counts", n + 3, COLOURS), (GAPS, "chart_gaps", n + 24, COLOURS[3:]),
                  (STATUS, "chart_status", n + 45, STATUS_COLOURS))
        for keys, title, row, colours in charts:
            chart = wb.add_chart({"type": "column"} if keys is COUNTS else {"type": "column", "subtype": "stacked"})
            for i, key in enumerate(keys):
                col = list(districts.columns).index(key)
                chart.add_series({"name": [sheet, 0, col], "categories": [sheet, 1, 0, n, 0],
                                  "values": [sheet, 1, col, n, col], "fill": {"color": colours[i]}})
            chart.set_title({"name": _t(title, lang)})
            chart.set_size({"width": 900, "height": 400})
            ws.insert_chart(row, 0, chart)
    table(_t("sheet_areas", lang), c.areas, {0: 20, 5: 40})
    measures = c.measures.assign(status=c.measures["status"].map(lambda v: _status_word(v, lang)))
    table(_t("sheet_measures", lang), measures, {0: 18, 7: 40, 8: 40, 9: 50, 10: 40, 11: 24, 12: 30, 13: 50, 14: 16})
    if c.errors:
        import pandas as pd

        table(_t("sheet_errors", lang), pd.DataFrame(c.errors, columns=["file", "reason"]), {0: 40, 1: 100})
    wb.close()
    fill_rows(path, bodies, wrap.xf_index)
    return path


def fill_rows(path: Path, bodies: dict[str, object], style: int) -> None:
    """Write each frame's rows under its sheet's header row, straight into the worksheet part.

    xlsxwriter spends some 15 µs on a cell; a city of 1,000 plans has 700,000.
    The rows are plain SpreadsheetML, one string per row: texts as inline
    strings (never a formula, whatever they start with), numbers as numbers,
    empty values as no cell, every cell in the column style ``style``.
    The file is xlplan's own, just written, so it is rewritten whole.
    """
    import zipfile

    with zipfile.ZipFile(path) as zf:
        members = [(info, zf.read(info)) for info in zf.infolist()]
    # The fastest deflate: tens of megabytes of repetitive XML shrink almost as well at level 1.
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info, data in members:
            frame = bodies.get(info.filename)
            if frame is None or not len(frame):
                out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
                continue
            head, tail = data.split(b"</sheetData>", 1)
            last = f"{column_letter(len(frame.columns) - 1)}{len(frame) + 1}"
            head = re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="A1:{last}"/>'.encode(), head, count=1)
            member = zipfile.ZipInfo(info.filename, info.date_time)
            member.compress_type = zipfile.ZIP_DEFLATED
            with out.open(member, "w") as fh:  # streamed: the rows never sit in memory as one string
                fh.write(head)
                batch: list[str] = []
                for row in _rows(frame, style):
                    batch.append(row)
                    if len(batch) == 2000:
                        fh.write("".join(batch).encode("utf-8"))
                        batch.clear()
                fh.write("".join(batch).encode("utf-8"))
                fh.write(b"</sheetData>" + tail)


def _rows(frame, style: int):
    import numbers

    from ..text import xml_text

    letters = [column_letter(c) for c in range(len(frame.columns))]
    columns = [frame[c].tolist() for c in frame.columns]  # Python values, not one pandas lookup per cell
    texts: dict[str, str] = {}  # a text's element once: districts, sheets, titles and owners repeat

    def text(v: str) -> str:
        space = ' xml:space="preserve"' if v[0].isspace() or v[-1].isspace() else ""
        return f' s="{style}" t="inlineStr"><is><t{space}>{html.escape(xml_text(v), quote=False)}</t></is></c>'

    for r, values in enumerate(zip(*columns), start=2):
        cells = []
        for letter, v in zip(letters, values):
            if isinstance(v, str):
                if v:
                    if v not in texts:
                        texts[v] = text(v)
                    cells.append(f'<c r="{letter}{r}"{texts[v]}')
            elif isinstance(v, bool):
                cells.append(f'<c r="{letter}{r}" s="{style}" t="b"><v>{int(v)}</v></c>')
            elif isinstance(v, numbers.Integral):
                cells.append(f'<c r="{letter}{r}" s="{style}"><v>{int(v)}</v></c>')
            elif isinstance(v, numbers.Real) and math.isfinite(v):
                cells.append(f'<c r="{letter}{r}" s="{style}"><v>{float(v)!r}</v></c>')
            # None, NaN, pd.NA: no cell
        yield f'<row r="{r}">{"".join(cells)}</row>'


def _status_word(status: str, lang: str) -> str:
    """A status as people read it; "" (no follow-up round started yet) stays empty."""
    pair = STATUS_WORDS.get(status)
    return pair[lang == "en"] if pair else ""


def _bar_svg(title: str, labels: list[str], series: dict[str, list[int]], width: int = 880,
             colours: list[str] = COLOURS) -> str:
    """A grouped bar chart as inline SVG (no scripts, no external files)."""
    import math

    height, left, bottom, top = 320, 48, 70, 36
    plot_w, plot_h = width - left - 16, height - bottom - top
    step = max(1, math.ceil(max([1, *(v for vals in series.values() for v in vals)]) / 4))
    peak = step * 4  # whole-number ticks
    group = plot_w / max(len(labels), 1)
    bar = group * 0.8 / max(len(series), 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 24}" role="img" '
             f'aria-label="{escape(title)}"><title>{escape(title)}</title>',
             f'<text x="{left}" y="20" font-size="15" font-weight="600">{escape(title)}</text>',
             f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#666"/>']
    for tick in range(0, 5):
        y = top + plot_h - plot_h * tick / 4
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="10" text-anchor="end">{step * tick}</text>')
    for s, (name, vals) in enumerate(series.items()):
        for i, v in enumerate(vals):
            h = plot_h * v / peak
            x = left + i * group + group * 0.1 + s * bar
            parts.append(f'<rect class="bar" x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                         f'fill="{colours[s % len(colours)]}"><title>{escape(labels[i])}: {escape(name)} {v}</title></rect>')
        lx = left + s * min(150, (width - left) // max(len(series), 1))  # six statuses still fit the width
        parts.append(f'<rect x="{lx}" y="{height + 6}" width="12" height="12" fill="{colours[s % len(colours)]}"/>'
                     f'<text x="{lx + 16}" y="{height + 16}" font-size="12">{escape(name)}</text>')
    for i, label in enumerate(labels):
        x = left + i * group + group / 2
        parts.append(f'<text x="{x:.1f}" y="{top + plot_h + 16}" font-size="11" text-anchor="end" '
                     f'transform="rotate(-30 {x:.1f} {top + plot_h + 16})">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table_html(frame) -> str:
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    body = "".join("<tr>" + "".join(f"<td>{escape('' if v is None or v != v else str(v))}</td>" for v in row) + "</tr>"
                   for row in frame.itertuples(index=False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def write_html(c: Consolidation, path: Path, lang: str = "sv") -> Path:
    """A self-contained page for the steering group, every word of xlplan's in ``lang``."""
    lang = "en" if lang == "en" else "sv"
    d = c.districts
    labels = list(d["district"])
    names = {k: v[lang == "en"] for k, v in COLUMN_LABELS.items()}
    counts = _bar_svg(_t("chart_counts", lang), labels, {names[k]: [int(x) for x in d[k]] for k in COUNTS})
    gaps = _bar_svg(_t("chart_gaps", lang), labels, {names[k]: [int(x) for x in d[k]] for k in GAPS},
                    colours=COLOURS[3:])
    status = _bar_svg(_t("chart_status", lang), labels, {names[k]: [int(x) for x in d[k]] for k in STATUS},
                      colours=STATUS_COLOURS)
    matrix = area_matrix(c, lang=lang).reset_index()
    errors = ""
    if c.errors:
        items = "".join(f"<li>{escape(Path(f).name)}: {escape(e)}</li>" for f, e in c.errors)
        errors = f"<h2>{_t('sheet_errors', lang)}</h2><ul>{items}</ul>"
    about = f"{count(len(labels), 'district', lang)}, {count(len(c.measures), 'measure', lang)}."
    page = f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{_t('title', lang)}</title>
<style>
body {{ font-family: "Segoe UI", system-ui, sans-serif; margin: 2em; color: #1f1f1f; }}
h1 {{ color: #1F4E79; }} table {{ border-collapse: collapse; margin: 1em 0; font-size: 13px; }}
th {{ background: #1F4E79; color: #fff; text-align: left; }} th, td {{ padding: 4px 8px; border: 1px solid #ccc; }}
</style></head><body>
<h1>{_t('title', lang)}</h1>
<p>{about}</p>
<figure id="chart-counts">{counts}</figure>
<figure id="chart-gaps">{gaps}</figure>
<figure id="chart-status">{status}</figure>
<h2>{_t('districts_head', lang)}</h2>{_table_html(_labelled(d, lang))}
<h2>{_t('matrix_head', lang)}</h2>{_table_html(_labelled(matrix, lang))}
{errors}
</body></html>
"""
    path.write_text(page, encoding="utf-8")
    return path
