"""Writes that stay sound under mixed use: tables, shared formulas, formulas as content, the identity column.

Excel tables must keep their column names equal to their header cells and
grow with the analysis table; a filled-down (shared) formula must survive an
edit of its first cell; normalise never turns a formula into a value; the
hidden identity column lands right of everything the user has; and a cell
outside the sheet is refused before anything is written.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import xlsxwriter

import tests.fixtures as fixtures
from tests.conftest import digest
from tests.fixtures import CUSTOM_AREA, write_plan
from tests.seeds import sodermalm
from xlplan import read_plan
from xlplan.apply import apply_edits
from xlplan.edits import HideColumn, LeftAlone, SetValue, describe
from xlplan.errors import PlanError
from xlplan.formulas import shift_formula
from xlplan.normalise import normalise_edits
from xlplan.opc import Package
from xlplan.reader import ID_HEADER
from xlplan.template import structure

S = structure()
AREA1 = S.areas[0]
HEADERS = [AREA1.title, "Orsak", "Åtgärd", "Operativa mål", "När", "Vem", "Uppföljning"]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


# --------------------------------------------------------------------------- helpers


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def sheet_xml(path: Path, sheet: str) -> str:
    return parts(path)[Package(path).sheet_part(sheet)].decode()


def cell_xml(sheet: str, ref: str) -> str:
    m = re.search(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', sheet, re.S)
    assert m, ref
    return m.group(0)


def rewrite_part(path: Path, name: str, change) -> None:
    """Rewrite one part of a package (what a writer other than xlsxwriter would have written)."""
    src = parts(path)
    src[name] = change(src[name].decode()).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, data in src.items():
            zf.writestr(n, data)


def share(path: Path, sheet: str, column: str, first: int, last: int) -> None:
    """Turn the formulas of column[first..last] (written one by one) into one shared group, as Excel fills down."""
    def shared(r: int):
        def to(m: re.Match) -> str:
            if r == first:
                return f'{m.group(1)}<f t="shared" ref="{column}{first}:{column}{last}" si="0">{m.group(2)}</f>'
            return f'{m.group(1)}<f t="shared" si="0"/>'
        return to

    def change(xml: str) -> str:
        for r in range(first, last + 1):
            xml, n = re.subn(rf'(<c r="{column}{r}"[^>]*>)<f>([^<]*)</f>', shared(r), xml)
            assert n == 1, f"{column}{r}"
        return xml

    rewrite_part(path, Package(path).sheet_part(sheet), change)


def formula_and_value(sheet: str, ref: str) -> tuple[str | None, str | None]:
    """A cell's formula text and cached value, unescaped."""
    from lxml import etree

    c = etree.fromstring(cell_xml(sheet, ref).replace("<c ", f'<c xmlns="{NS}" ', 1))
    f, v = c.find(f"{{{NS}}}f"), c.find(f"{{{NS}}}v")
    return (None if f is None else f.text), (None if v is None else v.text)


def libreoffice(files: list[Path], outdir: Path, to: str) -> list[Path]:
    """Convert with LibreOffice headless (skipped off CI when it is not installed)."""
    if not SOFFICE:
        if os.environ.get("CI"):
            raise RuntimeError("LibreOffice is required on CI")
        pytest.skip("LibreOffice (soffice) not installed")
    outdir.mkdir(exist_ok=True)
    subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{outdir / 'profile'}",
                    "--convert-to", to, "--outdir", str(outdir), *map(str, files)],
                   check=True, capture_output=True, timeout=240)
    out = [outdir / f"{f.stem}.{to.split(':')[0]}" for f in files]
    assert all(p.is_file() and p.stat().st_size for p in out), "LibreOffice did not convert"
    return out


def opens_elsewhere(path: Path, tmp_path: Path) -> None:
    """openpyxl loads the file and LibreOffice renders it."""
    import warnings

    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # openpyxl's notice that it would drop x14 extensions
        openpyxl.load_workbook(path)
    libreoffice([path], tmp_path / "pdf", "pdf")


def area_sheet(wb, rows: list[list[object]], name: str = AREA1.sheet, headers: list[str] = HEADERS):
    ws = wb.add_worksheet(name)
    ws.write_row(0, 0, headers)
    for r, row in enumerate(rows, start=1):
        ws.write_row(r, 0, row)
    return ws


ROWS = [["Skolk", "Otrygg hemmiljö", "Föräldramöten", "Minst 4 möten", "Under 2025", "SDF", ""],
        ["", "Brist på fritid", "Fritidsgård", "Öppet 5 kvällar", "Hösten 2025", "Fritid", ""],
        ["", "", "Mentorer", "10 mentorer", "2025", "Skola", ""]]


# --------------------------------------------------------------------------- A. Excel tables


def test_a_header_fixed_under_a_table_renames_the_table_column(tmp_path, cli):
    path = tmp_path / "tabell.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet(AREA1.sheet)
    headers = [*HEADERS[:2], "Atgärd", *HEADERS[3:]]
    ws.add_table(0, 0, len(ROWS), len(headers) - 1, {"columns": [{"header": h} for h in headers], "data": ROWS,
                                                       "name": "Atgarder"})
    wb.close()
    code, out, _ = cli("normalise", path)
    assert code == 0 and f"{AREA1.sheet}!C1: 'Atgärd' → 'Åtgärd' (rubrik)" in out
    table = parts(path)["xl/tables/table1.xml"].decode()
    assert 'name="Åtgärd"' in table and "Atgärd" not in table
    assert read_plan(path).area_sheets[0].headers["measure"] == "Åtgärd"
    assert read_plan(path).area_sheets[0].id_column == "H"  # right of the table, not inside it
    assert cli("normalise", path, "--check")[0] == 0
    opens_elsewhere(path, tmp_path)


def test_a_header_that_repeats_another_table_column_is_numbered_like_excel_does(tmp_path):
    path = tmp_path / "dubbel.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Blad")
    ws.add_table("A1:B3", {"columns": [{"header": "Åtgärd"}, {"header": "Atgärd"}]})
    wb.close()
    changes = apply_edits(path, [SetValue("Blad", "B1", "Åtgärd", "Atgärd", "header")])
    assert [c.value for c in changes] == ["Åtgärd2"]
    assert 'name="Åtgärd2"' in parts(path)["xl/tables/table1.xml"].decode()
    assert apply_edits(path, [SetValue("Blad", "B1", "Åtgärd", "Åtgärd2", "header")], save=False) == []


def _analysis_with_a_table(wb, struct, filed: dict) -> None:
    """The analysis tab as an Excel table with a data bar (x14) and a validation over its counts."""
    ws = wb.add_worksheet(struct.analysis_sheet)
    ws.write(0, 0, struct.analysis_title)
    data = [[label, *nums] for label, nums in filed.items()]
    last = 2 + len(data)
    ws.add_table(2, 0, last, 3, {"columns": [{"header": h} for h in struct.analysis_headers], "data": data,
                                 "name": "Analys"})
    ws.conditional_format(3, 3, last, 3, {"type": "data_bar", "bar_color": "#63BE7B", "data_bar_2010": True})
    ws.data_validation(3, 1, last, 1, {"validate": "integer", "criteria": ">=", "value": 0})
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"categories": [struct.analysis_sheet, 3, 0, last, 0],
                      "values": [struct.analysis_sheet, 3, 3, last, 3]})
    ws.insert_chart(last + 2, 0, chart)


def test_analysis_grows_a_table_its_data_bar_and_its_validation(tmp_path, cli, monkeypatch):
    monkeypatch.setattr(fixtures, "_analysis", _analysis_with_a_table)
    filed = {("Våld i nära relationer" if label == S.analysis_placeholder else label): nums
             for label, nums in sodermalm.ANALYSIS_AS_FILED.items()}  # no free placeholder row: area 6 adds one
    seed = {"SHEETS": sodermalm.SHEETS, "DISTRICT": "Södermalm", "YEAR": 2025, "ANALYSIS_AS_FILED": filed}
    path = write_plan(tmp_path / "analys.xlsx", seed, custom_area=CUSTOM_AREA)
    before = sheet_xml(path, S.analysis_sheet)
    assert 'sqref="D4:D9"' in before and "<xm:sqref>D4:D9</xm:sqref>" in before
    code, out, _ = cli("analysis", path)
    assert code == 0 and "tabell och diagram nu rad 4–10" in out
    table = parts(path)["xl/tables/table1.xml"].decode()
    assert 'ref="A3:D10"' in table and re.search(r'<autoFilter ref="A3:D10"', table)
    sheet = sheet_xml(path, S.analysis_sheet)
    assert '<conditionalFormatting sqref="D4:D10">' in sheet and "<xm:sqref>D4:D10</xm:sqref>" in sheet
    assert 'sqref="B4:B10"' in sheet
    rows = read_plan(path).analysis.rows
    assert (rows[-1].row, rows[-1].label) == (10, CUSTOM_AREA["title"])
    assert cli("analysis", path, "--check")[0] == 0
    opens_elsewhere(path, tmp_path)


# --------------------------------------------------------------------------- B. shared formulas


def test_shift_formula_moves_what_excel_moves():
    text = """'Hjälp data'!F4+$G$1+G$1+$G1+SUM(F4:F5)+LEN("B4 $A1")+LOG10(A1)+Blad2!A:A+Tabell1[Kol A1]"""
    assert shift_formula(text, 2, 1) == ("""'Hjälp data'!G6+$G$1+H$1+$G3+SUM(G6:G7)+LEN("B4 $A1")+LOG10(B3)"""
                                         """+Blad2!B:B+Tabell1[Kol A1]""")
    assert shift_formula("A1+B2", -1, 0) == "#REF!+B1"


def _analysis_with_formulas(wb, struct, filed: dict) -> None:
    """The analysis tab counting with formulas that read a helper sheet (the filed numbers)."""
    helper = wb.add_worksheet("Hjälp data")
    ws = wb.add_worksheet(struct.analysis_sheet)
    ws.write(0, 0, struct.analysis_title)
    ws.write_row(2, 0, struct.analysis_headers)
    ws.write(0, 6, 0)
    for r, (label, nums) in enumerate(filed.items(), start=4):
        helper.write_number(r - 1, 5, nums[0])
        ws.write(r - 1, 0, label)
        ws.write_formula(r - 1, 1, f"='Hjälp data'!F{r}+$G$1+0*LEN(\"B4 $A1\")", None, nums[0])
        ws.write_number(r - 1, 2, nums[1])
        ws.write_number(r - 1, 3, nums[2])


def _plan_with_shared_counts(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setattr(fixtures, "_analysis", _analysis_with_formulas)
    seed = {"SHEETS": sodermalm.SHEETS, "DISTRICT": "Södermalm", "YEAR": 2025,
            "ANALYSIS_AS_FILED": sodermalm.ANALYSIS_AS_FILED}
    path = write_plan(tmp_path / "delad.xlsx", seed)
    share(path, S.analysis_sheet, "B", 4, 9)
    return path


def test_analysis_edits_the_first_cell_of_a_shared_formula_and_the_others_keep_theirs(tmp_path, cli, monkeypatch):
    path = _plan_with_shared_counts(tmp_path, monkeypatch)
    assert '<f t="shared" ref="B4:B9" si="0">' in sheet_xml(path, S.analysis_sheet)
    code, out, _ = cli("analysis", path)
    assert code == 0 and "Analysflik!B4: '12' → '2' (antal)" in out and "Analysflik!B8: '9' → '4' (antal)" in out
    sheet = sheet_xml(path, S.analysis_sheet)
    assert re.fullmatch(r'<c r="B4"[^>]*><v>2</v></c>', cell_xml(sheet, "B4"))
    assert re.fullmatch(r'<c r="B8"[^>]*><v>4</v></c>', cell_xml(sheet, "B8"))
    for r, value in ((5, 1), (6, 6), (7, 9), (9, 0)):  # the other cells: the same formula, moved to their row
        assert formula_and_value(sheet, f"B{r}") == (f"'Hjälp data'!F{r}+$G$1+0*LEN(\"B4 $A1\")", str(value))
    assert 't="shared"' not in sheet
    assert cli("analysis", path, "--check")[0] == 0
    # LibreOffice computes the kept formulas afresh (cached results dropped) and gets what they showed
    bare = tmp_path / "utan-cache.xlsx"
    shutil.copy(path, bare)
    rewrite_part(bare, Package(bare).sheet_part(S.analysis_sheet),
                 lambda xml: re.sub(r"(</f>)<v>[^<]*</v>", r"\1", xml))
    (recalculated,) = libreoffice([bare], tmp_path / "lo", "xlsx")
    rows = {r.row: r.values["problems"] for r in read_plan(recalculated).analysis.rows}
    assert [rows[r] for r in range(4, 10)] == [2, 1, 6, 9, 4, 0]


def test_normalise_writes_an_identity_over_the_first_cell_of_a_shared_formula(tmp_path, cli):
    path = tmp_path / "id.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = area_sheet(wb, [[*row, ""] for row in ROWS], headers=[*HEADERS, ID_HEADER])
    ws.write_string(1, 7, "aaa111aaa111")
    formula = '=IF(ROW()=3,$H$2,"row"&ROW()&LEFT(C{r},0))'
    for r, value in ((3, "aaa111aaa111"), (4, "row4")):
        ws.write_formula(r - 1, 7, formula.format(r=r), None, value)
    wb.close()
    share(path, AREA1.sheet, "H", 3, 4)
    code, out, _ = cli("normalise", path)
    assert code == 0 and f"{AREA1.sheet}!H3: '' → '" in out  # the copied identity gets a new one
    sheet = sheet_xml(path, AREA1.sheet)
    assert formula_and_value(sheet, "H3") == (None, None) and "<is><t>" in cell_xml(sheet, "H3")
    assert formula_and_value(sheet, "H4") == ('IF(ROW()=3,$H$2,"row"&ROW()&LEFT(C4,0))', "row4")
    ids = list(read_plan(path).table["id"])
    assert ids[0] == "aaa111aaa111" and ids[2] == "row4" and len(set(ids)) == 3


def test_a_cell_inside_an_array_formula_is_refused_and_the_file_left_as_it_was(tmp_path, monkeypatch):
    path = _plan_with_shared_counts(tmp_path, monkeypatch)

    def as_array(xml: str) -> str:
        array = """<f t="array" ref="B4:B9">'Hjälp data'!F4:F9</f>"""
        xml = re.sub(r'<f t="shared" ref="B4:B9" si="0">[^<]*</f>', array, xml)
        return xml.replace('<f t="shared" si="0"/>', "")

    rewrite_part(path, Package(path).sheet_part(S.analysis_sheet), as_array)
    before = digest(path)
    for cell in ("B4", "B8"):  # the formula's own cell, and one it only fills
        with pytest.raises(PlanError) as err:
            apply_edits(path, [SetValue(S.analysis_sheet, cell, 4, "9", "count")])
        assert err.value.key == "unsafe_formula" and f"{S.analysis_sheet}!{cell}" in str(err.value)
    assert digest(path) == before


# --------------------------------------------------------------------------- C. formulas are content


def _plan_with_formula_text(path: Path, also_plain_change: bool) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    rows = [[*row, f"{i}bc123abc123"] for i, row in enumerate(ROWS)]
    if also_plain_change:
        rows[1][3] = "Öppet  5 kvällar"
    ws = area_sheet(wb, rows, headers=[*HEADERS, ID_HEADER])
    ws.write_formula("C2", '=" Föräldramöten  i storforum "', None, " Föräldramöten  i storforum ")
    ws.write_formula("F2", '=E2&"  "', None, "Under 2025  ")
    wb.close()
    return path


def test_normalise_leaves_a_formula_with_extra_spaces_byte_for_byte(tmp_path, cli):
    path = _plan_with_formula_text(tmp_path / "f.xlsx", also_plain_change=True)
    before = sheet_xml(path, AREA1.sheet)
    edits = normalise_edits(read_plan(path))
    assert {e.cell for e in edits if isinstance(e, SetValue)} == {"C2", "F2", "D3"}  # the model sees values only
    applied = apply_edits(path, edits, save=False)
    assert [e.cell for e in applied] == ["D3"]
    assert applied.left_alone == [LeftAlone(AREA1.sheet, "C2"), LeftAlone(AREA1.sheet, "F2")]
    assert describe(applied.left_alone[0]) == f"{AREA1.sheet}!C2: formel, lämnad orörd"
    assert describe(applied.left_alone[0], "en") == f"{AREA1.sheet}!C2: formula, left alone"
    code, out, _ = cli("normalise", path)
    assert code == 0 and "(blanksteg)" in out
    assert not [line for line in out.splitlines() if "!C2:" in line and "lämnad orörd" not in line]
    after = sheet_xml(path, AREA1.sheet)
    assert after != before
    for ref in ("C2", "F2"):
        assert cell_xml(after, ref) == cell_xml(before, ref)


def test_normalise_check_passes_when_only_formulas_have_extra_spaces(tmp_path, cli):
    path = _plan_with_formula_text(tmp_path / "g.xlsx", also_plain_change=False)
    before = digest(path)
    code, out, _ = cli("normalise", path, "--check")
    assert code == 0 and "(blanksteg)" not in out
    assert f"{AREA1.sheet}!C2: formel, lämnad orörd" in out and f"{AREA1.sheet}!F2: formel, lämnad orörd" in out
    assert cli("normalise", path)[0] == 0 and digest(path) == before


# --------------------------------------------------------------------------- D. the identity column


def _area_with(extra):
    """fixtures._area, then ``extra(ws)`` on the sheet it wrote."""
    real = fixtures._area

    def area(wb, sheet, struct, **kw):
        real(wb, sheet, struct, **kw)
        extra(wb.worksheets()[-1])

    return area


def test_the_identity_column_goes_right_of_a_validation_and_a_conditional_format(tmp_path, cli, monkeypatch):
    def status_and_colour(ws):
        ws.data_validation("J3:J60", {"validate": "list", "source": ["Pågår", "Klar"], "input_title": "Välj status"})
        ws.conditional_format("K2:K40", {"type": "cell", "criteria": ">", "value": 5, "format": None})

    monkeypatch.setattr(fixtures, "_area", _area_with(status_and_colour))
    path = write_plan(tmp_path / "j.xlsx", {"SHEETS": [sodermalm.SHEETS[0]], "DISTRICT": "Södermalm", "YEAR": 2025})
    assert cli("normalise", path)[0] == 0
    info = read_plan(path).area_sheets[0]
    assert info.id_column == "L"
    sheet = sheet_xml(path, info.name)
    assert re.search(r'<col min="12" max="12"[^>]*hidden="1"', sheet)
    assert not re.search(r'<c r="[JK]\d+"', sheet)  # nothing written inside the user's ranges
    assert 'sqref="J3:J60"' in sheet and 'sqref="K2:K40"' in sheet


def test_the_identity_column_goes_right_of_x14_validations_and_of_values_below_the_header(tmp_path, cli, monkeypatch):
    monkeypatch.setattr(fixtures, "_area", _area_with(lambda ws: ws.write(20, 12, "Anteckning längre ner")))
    path = write_plan(tmp_path / "x.xlsx", {"SHEETS": [sodermalm.SHEETS[0]], "DISTRICT": "Södermalm", "YEAR": 2025})
    x14 = ('<extLst><ext xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" '
           'uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"><x14:dataValidations '
           'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main" count="1"><x14:dataValidation '
           'type="list" allowBlank="1"><x14:formula1><xm:f>$A$1:$A$2</xm:f></x14:formula1>'
           '<xm:sqref>P3:P40</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>')
    rewrite_part(path, Package(path).sheet_part(sodermalm.SHEETS[0]["name"]),
                 lambda xml: xml.replace("</worksheet>", x14 + "</worksheet>"))
    assert read_plan(path).area_sheets[0].extra_columns == {}
    assert cli("normalise", path)[0] == 0
    assert read_plan(path).area_sheets[0].id_column == "Q"
    assert "<xm:sqref>P3:P40</xm:sqref>" in sheet_xml(path, sodermalm.SHEETS[0]["name"])


# --------------------------------------------------------------------------- E. cells outside the sheet


@pytest.mark.parametrize("edit", [SetValue(AREA1.sheet, "XFE1", "x"), SetValue(AREA1.sheet, "A1048577", "x"),
                                  SetValue(AREA1.sheet, "A0", "x"), HideColumn(AREA1.sheet, "XFE")])
def test_a_cell_outside_the_sheet_is_refused_before_anything_is_written(tmp_path, edit):
    path = tmp_path / "e.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    area_sheet(wb, ROWS)
    wb.close()
    before = digest(path)
    with pytest.raises(PlanError) as err:
        apply_edits(path, [SetValue(AREA1.sheet, "C2", "Föräldramöten i storforum"), edit])
    assert err.value.key == "cell_out_of_range" and "XFD1048576" in str(err.value)
    assert digest(path) == before
    assert apply_edits(path, [SetValue(AREA1.sheet, "XFD1048576", "sist")], save=False)  # the last cell is fine
