"""The committed template is reproducible from code and agrees with the declaration."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

from xlplan import read_plan
from xlplan.build import build_template
from xlplan.grid import as_text
from xlplan.template import load_structure, structure, template_path
from xlplan.workbook import read_grids


def parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_committed_template_is_rebuilt_byte_for_byte(tmp_path):
    rebuilt = build_template(tmp_path / "t.xlsx")
    committed = parts(template_path())
    fresh = parts(rebuilt)
    assert sorted(committed) == sorted(fresh)
    changed = [name for name in committed if committed[name] != fresh[name]]
    assert changed == [], f"run `python template/build.py` and commit: {changed}"


def test_sheet_names_and_order_match_the_declaration():
    s = structure()
    names = [g.name for g in read_grids(template_path())]
    assert names == list(s.sheet_order)
    assert "2. Otrygga brottsutsatta plats " in names  # the cut name keeps its trailing space
    assert all(len(n) <= 31 for n in names)


def test_area_sheets_have_declared_titles_headers_and_instructions():
    s = structure()
    plan = read_plan(template_path())
    grids = {g.name: g for g in read_grids(template_path())}
    assert [(i.name, i.area, i.title) for i in plan.area_sheets] == [(a.sheet, a.number, a.title) for a in s.areas]
    for info in plan.area_sheets:
        g = grids[info.name]
        assert info.header_row == 1 and info.instruction_row == 2
        header = [as_text(v) for v in g.rows[0]]
        assert header == [info.title, "Orsak", "Åtgärd", "Operativa mål", "När", "Vem", "Uppföljning"]
        instr = [as_text(v) for v in g.rows[1]]
        assert instr == [c.instruction for c in s.columns] + [s.followup.instruction]
    assert plan.table.empty  # the template has no measures


def test_analysis_sheet_table_and_clustered_chart():
    s = structure()
    g = {g.name: g for g in read_grids(template_path())}[s.analysis_sheet]
    assert g.text(0, 0) == s.analysis_title
    assert [g.text(2, c) for c in range(4)] == list(s.analysis_headers)
    labels = [g.text(r, 0) for r in range(3, 9)]
    assert labels == [a.title for a in s.fixed_areas] + [s.analysis_placeholder]
    assert all(g.rows[r][c] == 0 for r in range(3, 9) for c in range(1, 4))
    with zipfile.ZipFile(template_path()) as zf:
        charts = [n for n in zf.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        xml = zf.read(charts[0]).decode()
    assert s.chart_title in xml
    assert '<c:barDir val="col"/>' in xml and '<c:grouping val="clustered"/>' in xml
    assert xml.count("<c:ser>") == 3
    assert "$A$4:$A$9" in xml and "$D$4:$D$9" in xml


def test_layout_details_widths_wrap_frozen_panes_and_links():
    s = structure()
    wb = openpyxl.load_workbook(template_path())
    ws = wb[s.areas[0].sheet]
    assert ws.freeze_panes == "B3"
    assert ws.print_title_rows == "$1:$2"
    assert ws["C2"].alignment.wrap_text
    assert ws.column_dimensions["C"].width == pytest.approx(s.column("measure").width, abs=1)
    ins = wb[s.instruction_sheet]
    urls = [c.hyperlink.target for row in ins.iter_rows() for c in row if c.hyperlink]
    assert urls == [link.url for link in s.links]
    assert ins["A1"].value == "Åtgärdsplan 2025"


def test_structure_file_parses_the_same_as_the_cached_one():
    from xlplan.template import template_dir

    assert load_structure(template_dir() / "structure.toml") == structure()
