"""The template as a contract: read a workbook's shape, check it, diff two versions.

The city revises the template every year. ``check`` proves a template file
matches the declared structure (``template/structure.toml``), one line per
difference naming sheet and cell; ``diff`` says what changed between two
versions and whether plans written for the old one still read and validate
as the new one (compatible) or not (breaking). ``xlplan migrate`` builds on it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .grid import as_text
from .messages import count, message, word
from .opc import REL_CHART, REL_DRAWING, Package, q
from .template import FIELDS, Structure, structure
from .text import cell_address, column_letter, fold_ws
from .workbook import read_grids

NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
NS_XM = "http://schemas.microsoft.com/office/excel/2006/main"


@dataclass
class SheetShape:
    name: str
    kind: str  # "area", "instruction", "analysis", "findings", "other"
    title: str = ""
    header_row: int | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)  # (text, column letter), left to right
    instructions: dict[str, str] = field(default_factory=dict)  # column letter -> text
    validations: list[str] = field(default_factory=list)  # "sqref type formula"
    area: int | None = None
    custom: bool = False


@dataclass
class Shape:
    sheets: list[SheetShape]
    analysis_title: tuple[str, str] = ("", "")  # (text, cell)
    analysis_headers: list[tuple[str, str]] = field(default_factory=list)
    analysis_labels: list[tuple[str, str]] = field(default_factory=list)
    charts: list[dict] = field(default_factory=list)  # {"sheet", "title", "type", "refs"}
    names: dict[str, str] = field(default_factory=dict)

    def sheet(self, name: str) -> SheetShape | None:
        return next((s for s in self.sheets if s.name == name), None)


def shape_of(path: str | Path, struct: Structure | None = None, grids=None, plan=None) -> Shape:
    """What a workbook looks like to the template contract (pass ``grids``/``plan`` already read to skip a read)."""
    struct = struct or structure()
    path = Path(path)
    grids = grids if grids is not None else read_grids(path)
    infos, analysis = (plan.sheets, plan.analysis) if plan is not None else _sheet_map(grids, struct)
    pkg = Package(path)
    parts = pkg.sheet_parts()
    sheets = []
    for grid, info in zip(grids, infos):
        s = SheetShape(grid.name, info.kind, info.title, area=info.area, custom=info.custom)
        if info.kind == "area" or (info.kind == "other" and grid.rows):
            # A sheet the reader does not recognise still shows its first row, so a renamed header is a
            # column-renamed change in the diff rather than a silently missing sheet.
            s.header_row = info.header_row or 1
            r = s.header_row - 1
            row = grid.rows[r] if r < len(grid.rows) else []
            s.headers = [(fold_ws(as_text(v)), column_letter(c)) for c, v in enumerate(row) if as_text(v).strip()]
            if info.kind != "area" and s.headers:
                s.title = s.headers[0][0]
            if info.instruction_row or (info.kind == "other" and len(grid.rows) > 1):
                ir = grid.rows[(info.instruction_row or 2) - 1]
                s.instructions = {column_letter(c): as_text(v) for c, v in enumerate(ir) if as_text(v).strip()}
        if grid.name in parts:
            s.validations = _validations(pkg, parts[grid.name])
        sheets.append(s)
    shape = Shape(sheets)
    if analysis is not None:
        table = analysis
        grid = next(g for g in grids if g.name == table.sheet)
        shape.analysis_title = next(((fold_ws(as_text(v)), cell_address(r, c)) for r in range(table.header_row - 1)
                                     for c, v in enumerate(grid.rows[r]) if as_text(v).strip()), ("", ""))
        hr = table.header_row - 1
        shape.analysis_headers = [(fold_ws(as_text(v)), cell_address(hr, c)) for c, v in enumerate(grid.rows[hr])
                                  if as_text(v).strip()]
        shape.analysis_labels = [(r.label, r.cells["label"]) for r in table.rows]
    for sheet, part in parts.items():
        for _, drawing in pkg.related(part, REL_DRAWING):
            for _, chart in pkg.related(drawing, REL_CHART):
                shape.charts.append(_chart(pkg, chart, sheet))
    wb = pkg.xml(pkg.workbook)
    names = [s.get("name") for s in wb.iter(q("sheet"))]
    for dn in wb.iter(q("definedName")):
        scope = dn.get("localSheetId")
        key = dn.get("name") + (f" ({names[int(scope)]})" if scope is not None and int(scope) < len(names) else "")
        shape.names[key] = dn.text or ""
    return shape


def _sheet_map(grids, struct: Structure):
    """What :func:`~xlplan.reader.build_plan` finds first (each sheet's kind and columns, the analysis
    table), without the plan's table: a template's shape needs no pandas."""
    from .reader import _analysis_table, _sheet_info

    infos, analysis = [], None
    for pos, grid in enumerate(grids):
        info, _cols = _sheet_info(grid, pos, struct)
        infos.append(info)
        if info.kind == "analysis" and analysis is None:
            analysis = _analysis_table(grid, struct)
    return infos, analysis


def _validations(pkg: Package, part: str) -> list[str]:
    root = pkg.xml(part)
    out = []
    for dv in root.iter(q("dataValidation")):
        out.append(f"{dv.get('sqref')} {dv.get('type', 'any')} {dv.findtext(q('formula1')) or ''}".strip())
    for dv in root.iter(f"{{{NS_X14}}}dataValidation"):
        formula = "".join(dv.find(f"{{{NS_X14}}}formula1").itertext()) if dv.find(f"{{{NS_X14}}}formula1") is not None else ""
        out.append(f"{dv.findtext(f'{{{NS_XM}}}sqref')} {dv.get('type', 'any')} {formula}".strip())
    return sorted(out)


def _chart(pkg: Package, part: str, sheet: str) -> dict:
    root = pkg.xml(part)
    title = "".join(t.text or "" for t in root.iter(f"{{{NS_A}}}t"))
    bar = root.find(f".//{{{NS_C}}}barChart")
    kind = "other"
    if bar is not None:
        direction = bar.find(f"{{{NS_C}}}barDir").get("val")
        grouping = bar.find(f"{{{NS_C}}}grouping").get("val")
        kind = f"{'column' if direction == 'col' else 'bar'} {grouping}"
    refs = [f.text for f in root.iter(f"{{{NS_C}}}f")]
    return {"sheet": sheet, "title": title, "type": kind, "refs": refs}


# --------------------------------------------------------------------------- check


def expected_headers(struct: Structure, title: str) -> list[str]:
    return [title, *(struct.column(f).header for f in FIELDS[1:]), struct.followup.header]


def check(path: str | Path, struct: Structure | None = None, lang: str = "sv") -> list[str]:
    """Every way the template file differs from the declared structure, one line each (empty: it agrees)."""
    struct = struct or structure()
    shape = shape_of(path, struct)
    lines: list[str] = []

    def say(key: str, **kwargs: object) -> None:
        lines.append(message(key, lang, **kwargs))

    found = [s.name for s in shape.sheets]
    want = list(struct.sheet_order)
    if found != want:
        for i, name in enumerate(want):
            if name not in found:
                say("check_sheet_missing", sheet=repr(name), want=i + 1)
            elif found.index(name) != i:
                say("check_sheet_moved", sheet=repr(name), found=found.index(name) + 1, want=i + 1)
        for n in found:
            if n not in want:
                say("check_sheet_unknown", sheet=repr(n))
    for area in struct.areas:
        s = shape.sheet(area.sheet)
        if s is None:
            continue
        if s.kind != "area" and not s.headers:
            say("check_no_header", sheet=repr(area.sheet))
            continue  # otherwise its first row is compared cell by cell below, naming what changed
        row = s.header_row
        wanted = expected_headers(struct, area.title)
        letters = [column_letter(i) for i in range(len(wanted))]
        got = dict((letter, text) for text, letter in s.headers)
        for letter, text in zip(letters, wanted):
            if got.get(letter, "") != text:
                say("check_header", where=f"{area.sheet}!{letter}{row}", found=repr(got.get(letter, "")),
                    want=repr(text))
        for letter in sorted(set(got) - set(letters), key=lambda x: (len(x), x)):
            say("check_header_unknown", where=f"{area.sheet}!{letter}{row}", found=repr(got[letter]))
        instructions = [c.instruction for c in struct.columns] + [struct.followup.instruction]
        for letter, text in zip(letters, instructions):
            if s.instructions.get(letter, "") != text:
                say("check_instruction", where=f"{area.sheet}!{letter}{(row or 0) + 1}")
    lines += _check_analysis(shape, struct, lang)
    sheets = set(found)
    for name, ref in shape.names.items():
        for sheet in re.findall(r"'((?:[^']|'')+)'!|(?<![\w'])([^\s'!:=,()]+)!", ref):
            target = (sheet[0] or sheet[1]).replace("''", "'")
            if target not in sheets or "#REF!" in ref:
                say("check_name", name=name, ref=repr(ref))
    return lines


def _check_analysis(shape: Shape, struct: Structure, lang: str = "sv") -> list[str]:
    sheet = struct.analysis_sheet
    if shape.sheet(sheet) is None:
        return []
    lines: list[str] = []

    def say(key: str, **kwargs: object) -> None:
        lines.append(message(key, lang, **kwargs))

    if shape.analysis_title[0] != struct.analysis_title:
        say("check_analysis_title", where=f"{sheet}!{shape.analysis_title[1] or 'A1'}",
            found=repr(shape.analysis_title[0]), want=repr(struct.analysis_title))
    got = [t for t, _ in shape.analysis_headers]
    if got != list(struct.analysis_headers):
        cell = shape.analysis_headers[0][1] if shape.analysis_headers else struct.analysis_table_cell
        say("check_analysis_headers", where=f"{sheet}!{cell}", found=repr(got),
            want=repr(list(struct.analysis_headers)))
    labels = [a.title for a in struct.fixed_areas] + [struct.analysis_placeholder]
    for (text, cell), want in zip(shape.analysis_labels, labels):
        if text != want:
            say("check_header", where=f"{sheet}!{cell}", found=repr(text), want=repr(want))
    if len(shape.analysis_labels) != len(labels):
        say("check_analysis_rows", sheet=sheet, rows=count(len(shape.analysis_labels), "row", lang), want=len(labels))
    charts = [c for c in shape.charts if c["sheet"] == sheet]
    if not charts:
        say("check_chart_missing", sheet=sheet)
    else:
        chart = charts[0]
        if chart["title"] != struct.chart_title:
            say("check_chart_title", sheet=sheet, found=repr(chart["title"]), want=repr(struct.chart_title))
        if chart["type"] != "column clustered":
            say("check_chart_type", sheet=sheet, found=repr(chart["type"]))
        if shape.analysis_labels:
            first = shape.analysis_labels[0][1][1:]
            last = shape.analysis_labels[-1][1][1:]
            for ref in chart["refs"]:
                m = re.search(r"\$[A-Z]+\$(\d+)(?::\$[A-Z]+\$(\d+))?$", ref or "")
                if m and m.group(2) and (m.group(1), m.group(2)) != (first, last):
                    say("check_chart_rows", sheet=sheet, ref=ref, first=first, last=last)
    return lines


# --------------------------------------------------------------------------- diff


@dataclass(frozen=True)
class Change:
    kind: str  # e.g. "sheet-removed", "column-added", "instruction-changed"
    sheet: str
    cell: str
    old: str
    new: str
    breaking: bool

    def what(self, lang: str = "sv") -> str:
        """The kind in words; the kind itself (``column-renamed``) stays the identifier in JSON."""
        return word(self.kind, lang)

    def line(self, lang: str = "sv") -> str:
        where = f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        tag = word("breaking" if self.breaking else "compatible", lang)
        if self.kind == "area-unreadable":  # its text is the description itself, said by what()
            change = ""
        else:
            change = f"{self.old!r} → {self.new!r}" if self.old and self.new else repr(self.new or self.old)
        return ": ".join(part for part in (f"[{tag}] {self.what(lang)}", where, change) if part)


def _fixed(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return headers[:6]


def diff(old: Shape, new: Shape) -> list[Change]:
    """What changed from ``old`` to ``new``; breaking = plans written for old no longer read or validate as new."""
    out: list[Change] = []
    old_names, new_names = [s.name for s in old.sheets], [s.name for s in new.sheets]
    renamed = {}
    for o in old.sheets:
        if o.name in new_names:
            continue
        twin = next((n for n in new.sheets if n.name not in old_names and n.kind == o.kind and n.kind == "area"
                     and n.title == o.title), None)
        if twin is not None:
            renamed[o.name] = twin.name
            out.append(Change("sheet-renamed", o.name, "", o.name, twin.name, False))  # areas match by title
        else:
            out.append(Change("sheet-removed", o.name, "", o.name, "", o.kind in ("area", "analysis")))
    for n in new.sheets:
        if n.name not in old_names and n.name not in renamed.values():
            out.append(Change("sheet-added", n.name, "", "", n.name, False))
    for o in old.sheets:
        n = new.sheet(renamed.get(o.name, o.name))
        if n is None:
            continue
        if o.kind == "area" and n.kind != "area":
            out.append(Change("area-unreadable", n.name, f"A{n.header_row or 1}", "",
                              "rubrikraden känns inte igen som en områdesflik", True))
        if o.kind == "area" and n.header_row:
            out += _diff_area(o, n)
        if o.validations != n.validations:
            out.append(Change("validation-changed", n.name, "", "; ".join(o.validations), "; ".join(n.validations),
                              False))
    if old.analysis_headers and [t for t, _ in old.analysis_headers] != [t for t, _ in new.analysis_headers]:
        out.append(Change("analysis-headers-changed", _sheet_of(new), new.analysis_headers[0][1] if
                          new.analysis_headers else "", " | ".join(t for t, _ in old.analysis_headers),
                          " | ".join(t for t, _ in new.analysis_headers), True))
    if [t for t, _ in old.analysis_labels] != [t for t, _ in new.analysis_labels]:
        old_labels = [t for t, _ in old.analysis_labels]
        new_labels = [t for t, _ in new.analysis_labels]
        breaking = not all(label in new_labels for label in old_labels)
        out.append(Change("analysis-rows-changed", _sheet_of(new), "", " | ".join(old_labels), " | ".join(new_labels),
                          breaking))
    if old.analysis_title[0] != new.analysis_title[0]:
        out.append(Change("analysis-title-changed", _sheet_of(new), new.analysis_title[1], old.analysis_title[0],
                          new.analysis_title[0], False))
    if [(c["title"], c["type"]) for c in old.charts] != [(c["title"], c["type"]) for c in new.charts]:
        out.append(Change("chart-changed", _sheet_of(new), "", str([c["title"] for c in old.charts]),
                          str([c["title"] for c in new.charts]), False))
    for name in sorted(set(old.names) | set(new.names)):
        if old.names.get(name) != new.names.get(name):
            kind = "name-added" if name not in old.names else "name-removed" if name not in new.names else "name-changed"
            out.append(Change(kind, "", "", f"{name}={old.names.get(name, '')}" if name in old.names else "",
                              f"{name}={new.names.get(name, '')}" if name in new.names else "", False))
    return out


def _sheet_of(shape: Shape) -> str:
    return next((s.name for s in shape.sheets if s.kind == "analysis"), "")


def _diff_area(o: SheetShape, n: SheetShape) -> list[Change]:
    out = []
    row = n.header_row
    if o.title != n.title:
        out.append(Change("title-changed", n.name, f"A{row}", o.title, n.title, True))
    old_fixed, new_fixed = [t for t, _ in _fixed(o.headers)][1:], [t for t, _ in _fixed(n.headers)][1:]
    if old_fixed != new_fixed:
        if sorted(old_fixed) == sorted(new_fixed):
            out.append(Change("column-moved", n.name, f"B{row}", " | ".join(old_fixed), " | ".join(new_fixed), True))
        else:
            for (ot, ol), (nt, nl) in zip(_fixed(o.headers)[1:], _fixed(n.headers)[1:]):
                if ot != nt:
                    kind = "column-renamed" if ot not in new_fixed else "column-moved"
                    out.append(Change(kind, n.name, f"{nl}{row}", ot, nt, True))
            for t, letter in _fixed(o.headers)[len(_fixed(n.headers)):]:
                out.append(Change("column-removed", n.name, f"{letter}{row}", t, "", True))
    old_rest = [t for t, _ in o.headers[6:]]
    new_rest = [(t, letter) for t, letter in n.headers[6:]]
    for t in old_rest:
        if t not in [x for x, _ in new_rest]:
            out.append(Change("column-removed", n.name, "", t, "", True))
    for i, (t, letter) in enumerate(new_rest):
        if t not in old_rest:
            at_end = all(x in old_rest for x, _ in new_rest[:i]) or i >= len(old_rest)
            out.append(Change("column-added", n.name, f"{letter}{row}", "", t, not at_end))
    for letter in sorted(set(o.instructions) | set(n.instructions), key=lambda x: (len(x), x)):
        if o.instructions.get(letter, "") != n.instructions.get(letter, "") and letter in o.instructions \
                and letter in n.instructions:
            out.append(Change("instruction-changed", n.name, f"{letter}{(row or 0) + 1}", o.instructions[letter],
                              n.instructions[letter], False))
    return out


def diff_files(old: str | Path, new: str | Path) -> list[Change]:
    return diff(shape_of(old), shape_of(new))


def diff_dict(changes: list[Change]) -> dict:
    return {"breaking": any(c.breaking for c in changes), "changes": [asdict(c) for c in changes]}


def diff_markdown(changes: list[Change], old: str, new: str, lang: str = "sv") -> str:
    """For a pull-request comment."""
    breaking = [c for c in changes if c.breaking]
    head = message("diff_md_head", lang, old=old, new=new) + "\n\n"
    if not changes:
        return head + message("no_differences", lang) + "\n"
    verdict = (message("diff_md_breaking", lang, breaking=count(len(breaking), "breaking_change", lang)) if breaking
               else message("diff_md_compatible", lang)) + "\n\n"
    rows = [message("diff_md_columns", lang), "| --- | --- | --- | --- | --- |"]
    for c in changes:
        where = f"`{c.sheet}!{c.cell}`" if c.cell else f"`{c.sheet}`" if c.sheet else ""
        before, after = ("", "") if c.kind == "area-unreadable" else (_md(c.old), _md(c.new))
        rows.append(f"| {'❌' if c.breaking else '✅'} | {c.what(lang)} | {where} | {before} | {after} |")
    return head + verdict + "\n".join(rows) + "\n"


def _md(text: str) -> str:
    text = " ".join(text.split())
    return (text[:80] + "…" if len(text) > 80 else text).replace("|", "\\|")


__all__ = ["Change", "Shape", "check", "diff", "diff_files", "shape_of"]
