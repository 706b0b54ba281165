"""A plan whose header lacks a template column reads, and every command copes: findings, never a KeyError.

The header row is recognised by four of its labels, so a sheet where När was
renamed "Tidpunkt" (or Vem "Ansvarig", or the Vem column deleted) still reads;
the missing column is assumed empty and named once by ``header-mismatch`` at
the header cell where it belongs, not as a missing timing or owner on every row.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import xlsxwriter
from lxml import etree

from xlplan import read_plan
from xlplan.opc import package_problems
from xlplan.rules import check
from xlplan.template import structure

S = structure()
HEAD = ["Orsak", "Åtgärd", "Operativa mål", "När", "Vem", "Uppföljning"]
ROWS = [
    ("Otrygghet i centrum", "Dålig belysning", "Trygghetsvandring", "Minst 2 vandringar", "Maj 2025",
     "Trygghetssamordnare (SDF)", ""),
    ("", "Klotter", "Klottersanering inom 24 timmar", "Alla anmälningar åtgärdade", "Löpande under 2025",
     "Fastighetskontoret", "Pågår"),
]
RENAMED = {1: {"När": "Tidpunkt"}, 2: {"Vem": "Ansvarig"}}
"""Area number -> header edits: När renamed on sheet 1, Vem renamed on sheet 2."""


def write_plan(path: Path, renamed: dict[int, dict[str, str]] = RENAMED, deleted: dict[int, str] | None = None,
               followups: dict[int, list[str]] | None = None) -> Path:
    """Instruktion, the five area sheets (with ``renamed`` headers, ``deleted`` columns) and the analysis tab."""
    deleted = deleted or {}
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet(S.instruction_sheet).write(0, 0, "Åtgärdsplan 2025 – Provstad")
    for a in S.fixed_areas:
        ws = wb.add_worksheet(a.sheet)
        header = [a.title, *(renamed.get(a.number, {}).get(h, h) for h in HEAD)]
        rows = [list(r) for r in ROWS]
        for i, text in enumerate((followups or {}).get(a.number, [])):
            rows[i][6] = text
        gone = deleted.get(a.number)
        if gone is not None:
            c = HEAD.index(gone) + 1
            header.pop(c)
            rows = [r[:c] + r[c + 1:] for r in rows]
        ws.write_row(0, 0, header)
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row):
                if v:
                    ws.write_string(r, c, v)
    ws = wb.add_worksheet(S.analysis_sheet)
    ws.write(0, 0, S.analysis_title)
    ws.write_row(2, 0, S.analysis_headers)
    for i, a in enumerate(S.fixed_areas, start=3):
        ws.write_row(i, 0, [a.title, 1, 1, 1])  # stale: each area has 1 problem, 2 causes, 2 measures
    wb.close()
    return path


@pytest.fixture
def plan(tmp_path) -> Path:
    return write_plan(tmp_path / "provstad.xlsx")


def _sheet(n: int) -> str:
    return next(a.sheet for a in S.fixed_areas if a.number == n)


def test_the_plan_reads_with_every_column_and_says_which_are_missing(plan):
    p = read_plan(plan)
    for f in ("problem", "cause", "measure", "goal", "timing", "owner"):
        assert {f, f"cell_{f}", f"src_{f}"} <= set(p.table.columns)
    one, two = (next(s for s in p.area_sheets if s.area == n) for n in (1, 2))
    assert set(one.missing) == {"timing"} and one.missing["timing"].letter == "E"
    assert one.missing["timing"].found == "Tidpunkt"
    assert set(two.missing) == {"owner"} and two.missing["owner"].found == "Ansvarig"
    rows = p.table[p.table["sheet"] == _sheet(1)]
    assert set(rows["timing"]) == {""} and set(rows["cell_timing"]) == {""} and not rows["timing_is_date"].any()
    assert list(rows["owner"]) == ["Trygghetssamordnare (SDF)", "Fastighetskontoret"]
    assert list(p.counts()["measures"]) == [2] * 5


def test_validate_names_the_missing_column_once_where_it_belongs(plan):
    found = check(read_plan(plan))
    mismatch = [(f.sheet, f.cell, f.field, f.message) for f in found if f.rule == "header-mismatch"]
    assert (_sheet(1), "E1", "timing",
            f'Kolumnen När saknas i fliken "{_sheet(1).rstrip()}" (här står "Tidpunkt"), så dess celler läses inte'
            ) in mismatch
    assert (_sheet(2), "F1", "owner",
            f'Kolumnen Vem saknas i fliken "{_sheet(2).rstrip()}" (här står "Ansvarig"), så dess celler läses inte'
            ) in mismatch
    assert not [f for f in found if f.rule in ("missing-timing", "missing-owner")]
    en = [f.message for f in check(read_plan(plan), lang="en") if f.rule == "header-mismatch"]
    assert f'The column När is missing from the sheet "{_sheet(1).rstrip()}" (the header here is "Tidpunkt"), ' \
           "so its cells are not read" in en


def test_a_deleted_column_is_named_too(tmp_path):
    p = read_plan(write_plan(tmp_path / "utan-vem.xlsx", renamed={}, deleted={3: "Vem"}))
    info = next(s for s in p.area_sheets if s.area == 3)
    assert set(info.missing) == {"owner"} and info.followups == ["Uppföljning"]
    # The sheet's follow-up (now in F) is read as such: its rows without text are missing-followup, not this test's.
    found = [(f.rule, f.sheet, f.cell, f.message) for f in check(p) if f.sheet == _sheet(3) and "followup" not in f.rule]
    assert found == [("header-mismatch", _sheet(3), "F1",
                      f'Kolumnen Vem saknas i fliken "{_sheet(3).rstrip()}"')]


@pytest.mark.parametrize("fmt", ["text", "json", "github", "junit", "sarif"])
def test_validate_in_every_format(plan, cli, fmt):
    code, out, _ = cli("validate", plan, "--format", fmt)
    assert code == 1 and "Tidpunkt" in out and "Ansvarig" in out
    if fmt in ("json", "sarif"):
        json.loads(out)
    if fmt == "junit":
        etree.fromstring(out.encode("utf-8"))


def test_every_command_copes(plan, tmp_path, cli):
    code, out, _ = cli("summary", plan)
    assert code == 0 and "Totalt" in out
    assert cli("summary", plan, "--format", "json")[0] == 0
    for suffix in (".csv", ".json", ".parquet"):
        assert cli("export", plan, "-o", tmp_path / f"t{suffix}")[0] == 0
    assert cli("export", plan)[0] == 0
    marked = shutil.copy(plan, tmp_path / "markerad.xlsx")
    code, out, _ = cli("validate", marked, "--mark")
    assert code == 1 and package_problems(marked) == []
    assert cli("analysis", plan, "--check")[0] == 1
    assert cli("analysis", plan, "-o", tmp_path / "a.xlsx")[0] == 0
    assert cli("normalise", plan, "--check")[0] == 1
    code, out, _ = cli("normalise", plan, "-o", tmp_path / "n.xlsx")
    assert code == 0 and package_problems(tmp_path / "n.xlsx") == []
    assert "E1" not in out  # "Tidpunkt" is no template header normalise could restore: it is left as written
    code, out, _ = cli("consolidate", plan, "-o", tmp_path / "stad.xlsx", "--csv", tmp_path / "stad.csv",
                       "--html", tmp_path / "stad.html", "--parquet", tmp_path / "stad.parquet")
    assert code == 0 and "10 åtgärder" in out


def test_merge_with_missing_columns_in_master_and_copy(tmp_path, cli):
    master = write_plan(tmp_path / "master.xlsx")
    copy = write_plan(tmp_path / "kopia.xlsx", renamed={2: {"När": "Tidpunkt"}},
                      followups={1: ["Två vandringar gjorda"], 2: ["Klart", "Ny text"]})
    code, out, err = cli("merge", master, copy, "-o", tmp_path / "ut.xlsx")
    assert code == 0, err
    assert "2 celler ifyllda" in out and "1 konflikt" in out
    merged = read_plan(tmp_path / "ut.xlsx")
    assert "Två vandringar gjorda" in set(merged.table["Uppföljning"])


def test_the_excel_door_copes(plan):
    import xlwings as xw

    from tests.xlwings_payload import payload_for
    from xlplan import excel

    payload, merges = payload_for(plan)
    findings = excel.validate(xw.Book(json=payload), merges=merges)
    assert {(f.sheet, f.cell) for f in findings if f.rule == "header-mismatch"} >= {(_sheet(1), "E1"),
                                                                                   (_sheet(2), "F1")}
    payload, merges = payload_for(plan)
    excel.update_analysis(xw.Book(json=payload), merges=merges)
