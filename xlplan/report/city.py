"""The consolidated outputs: a city workbook with charts, and a self-contained HTML report."""

from __future__ import annotations

from html import escape
from pathlib import Path

from ..consolidate import Consolidation

GAP_LABELS = {"missing_goal": "Saknar mål", "missing_owner": "Saknar ansvarig", "missing_timing": "Saknar tidpunkt"}
COUNT_LABELS = {"problems": "Problem", "causes": "Orsaker", "measures": "Åtgärder"}
COLOURS = ["#1F4E79", "#2E75B6", "#9DC3E6", "#C00000", "#ED7D31", "#FFC000"]


def area_matrix(c: Consolidation, value: str = "measures"):
    """District × area table of one count (areas by their number, local areas as "6+")."""
    import pandas as pd

    a = c.areas.copy()
    a["area_label"] = a["area"].map(lambda n: f"Område {n}" if not pd.isna(n) and n <= 5 else "Eget område")
    return a.pivot_table(index="district", columns="area_label", values=value, aggfunc="sum", fill_value=0)


def write_city_workbook(c: Consolidation, path: Path) -> Path:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"strings_to_urls": False, "nan_inf_to_errors": True})
    head = wb.add_format({"bold": True, "bg_color": "#1F4E79", "font_color": "#FFFFFF", "text_wrap": True,
                          "valign": "top"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})

    def table(name: str, frame, widths: dict[int, float] | None = None):
        ws = wb.add_worksheet(name)
        ws.write_row(0, 0, [str(c) for c in frame.columns], head)
        for r, row in enumerate(frame.itertuples(index=False), start=1):
            ws.write_row(r, 0, ["" if v is None or v != v else v for v in row], wrap)
        for col, w in (widths or {}).items():
            ws.set_column(col, col, w)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(frame), 1), len(frame.columns) - 1)
        return ws

    districts = c.districts
    ws = table("Distrikt", districts, {0: 24})
    n = len(districts)
    if n:
        chart = wb.add_chart({"type": "column"})
        for col, key in enumerate(["problems", "causes", "measures"], start=1):
            chart.add_series({"name": ["Distrikt", 0, col], "categories": ["Distrikt", 1, 0, n, 0],
                              "values": ["Distrikt", 1, col, n, col], "fill": {"color": COLOURS[col - 1]}})
        chart.set_title({"name": "Problem, orsaker och åtgärder per stadsdel"})
        chart.set_size({"width": 900, "height": 400})
        ws.insert_chart(n + 3, 0, chart)
        gaps = wb.add_chart({"type": "column", "subtype": "stacked"})
        for col, key in enumerate(GAP_LABELS, start=4):
            gaps.add_series({"name": ["Distrikt", 0, col], "categories": ["Distrikt", 1, 0, n, 0],
                             "values": ["Distrikt", 1, col, n, col], "fill": {"color": COLOURS[col - 1]}})
        gaps.set_title({"name": "Åtgärder som saknar mål, ansvarig eller tidpunkt"})
        gaps.set_size({"width": 900, "height": 400})
        ws.insert_chart(n + 24, 0, gaps)
    table("Områden", c.areas, {0: 20, 5: 40})
    table("Åtgärder", c.measures, {0: 18, 7: 40, 8: 40, 9: 50, 10: 40, 11: 24, 12: 30, 13: 50})
    if c.errors:
        import pandas as pd

        table("Kunde inte läsas", pd.DataFrame(c.errors, columns=["Fil", "Orsak"]), {0: 40, 1: 100})
    wb.close()
    return path


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
        lx = left + s * 150
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


def write_html(c: Consolidation, path: Path) -> Path:
    d = c.districts
    labels = list(d["district"])
    counts = _bar_svg("Problem, orsaker och åtgärder per stadsdel", labels,
                      {COUNT_LABELS[k]: [int(x) for x in d[k]] for k in COUNT_LABELS})
    gaps = _bar_svg("Åtgärder som saknar mål, ansvarig eller tidpunkt", labels,
                    {GAP_LABELS[k]: [int(x) for x in d[k]] for k in GAP_LABELS}, colours=COLOURS[3:])
    matrix = area_matrix(c).reset_index()
    errors = ""
    if c.errors:
        items = "".join(f"<li>{escape(Path(f).name)}: {escape(e)}</li>" for f, e in c.errors)
        errors = f"<h2>Kunde inte läsas</h2><ul>{items}</ul>"
    html = f"""<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Åtgärdsplaner – sammanställning</title>
<style>
body {{ font-family: "Segoe UI", system-ui, sans-serif; margin: 2em; color: #1f1f1f; }}
h1 {{ color: #1F4E79; }} table {{ border-collapse: collapse; margin: 1em 0; font-size: 13px; }}
th {{ background: #1F4E79; color: #fff; text-align: left; }} th, td {{ padding: 4px 8px; border: 1px solid #ccc; }}
</style></head><body>
<h1>Åtgärdsplaner – sammanställning</h1>
<p>{len(labels)} stadsdelar, {len(c.measures)} åtgärder.</p>
<figure id="chart-counts">{counts}</figure>
<figure id="chart-gaps">{gaps}</figure>
<h2>Stadsdelar</h2>{_table_html(d)}
<h2>Åtgärder per stadsdel och prioriterat område</h2>{_table_html(matrix)}
{errors}
</body></html>
"""
    path.write_text(html, encoding="utf-8")
    return path

