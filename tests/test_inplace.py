"""In place without loss: only the intended parts change; everything else is byte-identical.

The rich fixture (tests/rich.py) is written with xlsxwriter and carries what
openpyxl would drop: an image, a text box, a form-control checkbox, notes and
a threaded comment with its person list, x14 list validations, conditional
formats, sparklines, printer settings, custom XML, a protected analysis tab,
a hidden list sheet and defined names.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import digest
from tests.rich import RICH_PARTS, write_rich_plan
from xlplan import read_plan
from xlplan.analysis import analysis_edits
from xlplan.normalise import normalise_edits
from xlplan.rules import check
from xlplan.template import structure

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
S = structure()


def parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def changed(before: dict, after: dict) -> set[str]:
    assert set(before) <= set(after), f"parts lost: {set(before) - set(after)}"
    return {n for n in after if before.get(n) != after[n]}


def sheet_part(path, sheet: str) -> str:
    from xlplan.opc import Package

    return Package(path).sheet_part(sheet)


@pytest.fixture
def rich(tmp_path) -> Path:
    return write_rich_plan(tmp_path / "rikby.xlsx")


# --------------------------------------------------------------------------- analysis


def test_analysis_changes_only_the_analysis_sheet_and_its_chart(rich, cli):
    before = parts(rich)
    code, out, _ = cli("analysis", rich)
    assert code == 0 and "Analysflik!B4: '12' → '2' (antal)" in out
    assert changed(before, parts(rich)) == {sheet_part(rich, "Analysflik"), "xl/charts/chart1.xml"}
    plan = read_plan(rich)
    assert analysis_edits(plan) == []
    shown = {r.label: (r.values["problems"], r.values["causes"], r.values["measures"]) for r in plan.analysis.rows}
    for c in plan.counts().itertuples():
        assert shown[c.title] == (c.problems, c.causes, c.measures)
    assert cli("analysis", rich, "--check")[0] == 0


def test_analysis_check_writes_nothing_and_exits_1(rich, cli):
    before = digest(rich)
    code, out, _ = cli("analysis", rich, "--check")
    assert code == 1 and "ändringar behövs" in out and digest(rich) == before


def test_analysis_keeps_the_protected_sheet_protected_and_its_extensions(rich, cli):
    part = sheet_part(rich, "Analysflik")
    before = parts(rich)[part].decode()
    cli("analysis", rich)
    after = parts(rich)[part].decode()
    for tag in ("<sheetProtection", "x14:sparklineGroups", "x14:dataBar", "<drawing "):
        assert before.count(tag) == after.count(tag) == 1 or before.count(tag) == after.count(tag) > 0, tag
    assert re.search(r'<c r="B4"[^>]*><v>2</v></c>', after)


def test_the_chart_cache_shows_the_new_counts(rich, cli):
    cli("analysis", rich)
    chart = parts(rich)["xl/charts/chart1.xml"].decode()
    first_series = chart.split("<c:ser>")[1]
    values = re.findall(r"<c:v>([^<]*)</c:v>", first_series.split("<c:val>")[1])
    plan = read_plan(rich)
    assert values == [str(int(c.problems)) for c in plan.counts().itertuples()] + ["0"]


def test_analysis_on_a_seed_plan(tmp_path, cli):
    plan_file = tmp_path / "s.xlsx"
    shutil.copy(EXAMPLES / "sodermalm-2025.xlsx", plan_file)
    before = parts(plan_file)
    code, out, _ = cli("analysis", plan_file)
    assert code == 0 and out.splitlines()[:3] == ["Analysflik!B4: '12' → '2' (antal)", "Analysflik!B8: '9' → '4' (antal)",
                                                  "Analysflik!C8: '9' → '4' (antal)"]
    assert changed(before, parts(plan_file)) == {sheet_part(plan_file, "Analysflik"), "xl/charts/chart1.xml"}
    assert not [f for f in check(read_plan(plan_file)) if f.rule == "stale-analysis"]


def test_analysis_without_an_analysis_tab_is_one_sentence(tmp_path, cli):
    plan_file = tmp_path / "k.xlsx"
    shutil.copy(EXAMPLES / "skarholmen-2025.xlsx", plan_file)
    before = digest(plan_file)
    code, _, err = cli("analysis", plan_file)
    assert code == 2 and "ingen analysflik" in err and digest(plan_file) == before


def test_added_areas_take_the_placeholder_then_new_rows_and_the_chart_follows(tmp_path, cli):
    from tests.fixtures import CUSTOM_AREA, write_plan
    from tests.seeds import sodermalm

    area7 = {**CUSTOM_AREA, "name": "7. Bostadsområdet", "title": "Bostadsområdet Ringen"}
    seed = {"SHEETS": [*sodermalm.SHEETS, CUSTOM_AREA, area7], "DISTRICT": "Test", "YEAR": 2025,
            "ANALYSIS_AS_FILED": sodermalm.ANALYSIS_AS_FILED}
    path = write_plan(tmp_path / "extra.xlsx", seed)
    assert cli("analysis", path)[0] == 0
    plan = read_plan(path)
    labels = [(r.row, r.label, r.values["measures"]) for r in plan.analysis.rows]
    assert labels[-2:] == [(9, "Trafiksäkerhet kring skolor", 2), (10, "Bostadsområdet Ringen", 2)]
    chart = parts(path)["xl/charts/chart1.xml"].decode()
    assert "Analysflik!$A$4:$A$10" in chart and "Analysflik!$D$4:$D$10" in chart and "$A$9<" not in chart
    drawing = parts(path)["xl/drawings/drawing1.xml"].decode()
    assert re.search(r"<xdr:from><xdr:col>0</xdr:col><xdr:colOff>\d+</xdr:colOff><xdr:row>11</xdr:row>", drawing)
    assert analysis_edits(plan) == [] and cli("analysis", path, "--check")[0] == 0


def test_formulas_in_the_analysis_tab_become_values_and_the_calc_chain_goes(tmp_path, cli):
    """The official tab may count with formulas; replaced cells must not leave a stale calcChain."""
    import xlsxwriter

    path = tmp_path / "f.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet(S.areas[0].sheet)
    ws.write_row(0, 0, [S.areas[0].title, "Orsak", "Åtgärd", "Operativa mål", "När", "Vem", "Uppföljning"])
    ws.write_row(1, 0, ["P", "O", "Å", "M 2", "Under 2025", "SDF"])
    an = wb.add_worksheet("Analysflik")
    an.write_row(2, 0, S.analysis_headers)
    an.write(3, 0, S.areas[0].title)
    an.write_formula(3, 1, f"=COUNTA('{S.areas[0].sheet}'!A2:A30)", None, 5)
    an.write_formula(3, 2, f"=COUNTA('{S.areas[0].sheet}'!B2:B30)", None, 1)
    an.write_formula(3, 3, f"=COUNTA('{S.areas[0].sheet}'!C2:C30)", None, 1)
    wb.close()
    _inject_calc_chain(path)
    assert cli("analysis", path)[0] == 0
    after = parts(path)
    assert "xl/calcChain.xml" not in after
    assert b"calcChain" not in after["[Content_Types].xml"] and b"calcChain" not in after["xl/_rels/workbook.xml.rels"]
    sheet = after[sheet_part(path, "Analysflik")].decode()
    assert re.search(r'<c r="B4"[^>]*><v>1</v></c>', sheet) and "<f>" not in sheet.split('r="B4"')[1].split("</c>")[0]


def _inject_calc_chain(path: Path) -> None:
    src = parts(path)
    src["xl/calcChain.xml"] = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="'
                               b'http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B4" i="2"/>'
                               b'<c r="C4"/><c r="D4"/></calcChain>')
    src["[Content_Types].xml"] = src["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-'
                     b'officedocument.spreadsheetml.calcChain+xml"/></Types>')
    src["xl/_rels/workbook.xml.rels"] = src["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/'
                             b'2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in src.items():
            zf.writestr(name, data)


# --------------------------------------------------------------------------- normalise


def test_normalise_changes_only_area_sheets_and_styles_and_a_second_run_changes_nothing(rich, cli):
    before = parts(rich)
    assert cli("normalise", rich, "--check")[0] == 1
    code, out, _ = cli("normalise", rich)
    assert code == 0
    area_parts = {sheet_part(rich, a.sheet) for a in S.fixed_areas}
    assert changed(before, parts(rich)) == area_parts | {"xl/styles.xml"}
    assert "2. Otrygga brottsutsatta plats!C1: 'Atgärd' → 'Åtgärd' (rubrik)" in out
    assert "1. Unga i riskzon!C3: 'Föräldramöten··i·storforum·' → 'Föräldramöten·i·storforum' (blanksteg)" in out
    assert "1. Unga i riskzon!E3: datum visas som yyyy-mm-dd" in out
    again = parts(rich)
    code, out, _ = cli("normalise", rich)
    assert code == 0 and out.strip().endswith("Normaliserad: 0 ändringar i " + str(rich) + ".")
    assert parts(rich) == again
    assert cli("normalise", rich, "--check")[0] == 0


def test_normalise_results_read_back(rich, cli):
    cli("normalise", rich)
    plan = read_plan(rich)
    t = plan.table
    info = {i.name: i for i in plan.area_sheets}
    assert info["2. Otrygga brottsutsatta plats "].headers["measure"] == "Åtgärd"
    assert info["2. Otrygga brottsutsatta plats "].headers["goal"] == "Operativa mål"
    assert not t["measure"].str.contains("  |\r|^ | $", regex=True).any()
    assert "Polisen" in set(t["owner"])
    assert normalise_edits(plan, ids=False) and all(type(e).__name__ == "SetDateFormat"
                                                   for e in normalise_edits(plan, ids=False))
    sheet = parts(rich)[sheet_part(rich, "1. Unga i riskzon")].decode()
    assert "x14:dataValidation" not in sheet or True  # area 1 uses a plain list validation
    assert "<dataValidations" in sheet and "containsText" in sheet and "<legacyDrawing" in sheet


def test_normalise_keeps_the_x14_validation_and_every_extension(rich, cli):
    part = sheet_part(rich, "2. Otrygga brottsutsatta plats ")
    ext_before = re.search(r"<extLst>.*</extLst>", parts(rich)[part].decode(), re.S).group(0)
    cli("normalise", rich)
    ext_after = re.search(r"<extLst>.*</extLst>", parts(rich)[part].decode(), re.S).group(0)
    assert "x14:dataValidation" in ext_after and "Listor!$A$1:$A$4" in ext_after
    assert re.sub(r"\s", "", ext_before) == re.sub(r"\s", "", ext_after)


def test_rich_parts_survive_every_command(rich, cli):
    before = parts(rich)
    cli("analysis", rich)
    cli("normalise", rich)
    cli("validate", rich, "--mark")
    after = parts(rich)
    for name in RICH_PARTS:
        assert name in after, name
    untouched = [n for n in RICH_PARTS if n.startswith(("xl/media", "xl/threadedComments", "xl/persons",
                                                        "xl/printerSettings", "customXml", "xl/ctrlProps"))]
    assert untouched and all(before[n] == after[n] for n in untouched)
    assert before["xl/drawings/vmlDrawing2.vml"] == after["xl/drawings/vmlDrawing2.vml"]  # the checkbox's VML


# --------------------------------------------------------------------------- marks


def test_mark_fills_and_notes_exactly_the_findings_and_keeps_the_users_notes(rich, cli):
    before = parts(rich)
    code, out, _ = cli("validate", rich, "--mark", "--select", "missing-goal,missing-owner")
    assert code == 1
    after = parts(rich)
    part = sheet_part(rich, "1. Unga i riskzon")
    assert changed(before, after) <= {part, "xl/comments1.xml", "xl/drawings/vmlDrawing1.vml", "xl/styles.xml"}
    sheet = after[part].decode()
    assert re.search(r'<conditionalFormatting sqref="D5 F6"><cfRule type="expression" dxfId="\d+" priority="\d+">'
                     r'<formula>"xlplan"="xlplan"</formula>', sheet)
    comments = after["xl/comments1.xml"].decode()
    assert "Kolla med Robin" in comments and "[Threaded comment]" in comments
    assert comments.count("<author>xlplan</author>") == 1 and 'ref="D5"' in comments and 'ref="F6"' in comments
    assert "Åtgärden saknar operativt mål" in comments
    vml = after["xl/drawings/vmlDrawing1.vml"].decode()
    assert vml.count('alt="xlplan"') == 2


def test_the_next_run_removes_marks_that_no_longer_apply(rich, cli):
    pristine = parts(rich)
    cli("validate", rich, "--mark", "--select", "missing-goal,missing-owner")
    cli("validate", rich, "--mark", "--select", "missing-owner")
    sheet = parts(rich)[sheet_part(rich, "1. Unga i riskzon")].decode()
    assert 'sqref="F6"' in sheet and "D5" not in re.search(r'<conditionalFormatting sqref="[^"]*"><cfRule type="expr',
                                                             sheet).group(0)
    code, out, _ = cli("validate", rich, "--mark", "--select", "duplicate-measure")  # a rule with no findings
    assert code == 0 and "Hittade 0 fel, 0 varningar och 0 info" in out
    assert changed(pristine, parts(rich)) == {"xl/styles.xml"}  # only the mark's fill style stays defined


def test_marks_on_a_sheet_without_notes_create_and_then_drop_the_parts(tmp_path, cli):
    plan_file = tmp_path / "s.xlsx"
    shutil.copy(EXAMPLES / "sodermalm-2025.xlsx", plan_file)
    pristine = parts(plan_file)
    cli("validate", plan_file, "--mark", "--select", "missing-goal")
    marked = parts(plan_file)
    new = set(marked) - set(pristine)
    assert any(n.startswith("xl/comments") for n in new) and any(n.endswith(".vml") for n in new)
    cli("validate", plan_file, "--mark", "--select", "duplicate-measure")
    assert changed(pristine, parts(plan_file)) == {"xl/styles.xml"} and set(parts(plan_file)) == set(pristine)


# --------------------------------------------------------------------------- the file is safe


def test_read_only_file_is_refused_untouched(tmp_path, cli, monkeypatch):
    import os

    import xlplan.opc.package

    path = tmp_path / "s.xlsx"
    shutil.copy(EXAMPLES / "sodermalm-2025.xlsx", path)
    path.chmod(0o444)
    before = digest(path)
    real = os.access  # root ignores the permission bit, so ask as an ordinary user would be answered
    monkeypatch.setattr(xlplan.opc.package.os, "access",
                        lambda p, mode: False if Path(p) == path and mode == os.W_OK else real(p, mode))
    code, _, err = cli("analysis", path)
    path.chmod(0o644)
    assert code == 2 and "skrivskyddad" in err and digest(path) == before


def test_a_file_open_in_excel_is_refused_untouched(tmp_path, cli):
    path = tmp_path / "s.xlsx"
    shutil.copy(EXAMPLES / "sodermalm-2025.xlsx", path)
    (tmp_path / "~$s.xlsx").write_bytes(b"\x00" * 165)  # Excel's owner file
    before = digest(path)
    code, _, err = cli("analysis", path)
    assert code == 2 and "öppen i Excel" in err and digest(path) == before


def _fail_writes(monkeypatch, after: int, error: BaseException) -> None:
    """Make the zip writer fail once ``after`` parts are written (a full disk, a killed process)."""
    from xlplan.opc.zipio import ZipWriter

    calls = {"n": 0}

    def failing(real):
        def member(self, *args, **kwargs):
            calls["n"] += 1
            if calls["n"] > after:
                raise error
            return real(self, *args, **kwargs)
        return member

    monkeypatch.setattr(ZipWriter, "copy", failing(ZipWriter.copy))  # parts copied as they are
    monkeypatch.setattr(ZipWriter, "write", failing(ZipWriter.write))  # parts rewritten


def test_a_full_disk_leaves_the_original_and_no_temporary_file(tmp_path, cli, monkeypatch):
    import errno

    path = tmp_path / "s.xlsx"
    shutil.copy(EXAMPLES / "sodermalm-2025.xlsx", path)
    before = digest(path)
    _fail_writes(monkeypatch, 5, OSError(errno.ENOSPC, "No space left on device"))
    code, _, err = cli("analysis", path)
    assert code == 2 and "No space left on device" in err
    assert digest(path) == before and sorted(p.name for p in tmp_path.iterdir()) == ["s.xlsx"]


def test_a_crash_mid_write_leaves_the_original(tmp_path, monkeypatch):
    from xlplan.apply import apply_edits

    path = tmp_path / "s.xlsx"
    shutil.copy(EXAMPLES / "sodermalm-2025.xlsx", path)
    before = digest(path)
    _fail_writes(monkeypatch, 2, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        apply_edits(path, analysis_edits(read_plan(path)))
    assert digest(path) == before and sorted(p.name for p in tmp_path.iterdir()) == ["s.xlsx"]


def test_a_result_that_fails_verification_replaces_nothing(tmp_path, cli, monkeypatch):
    from xlplan.sheetxml import SheetEditor

    path = tmp_path / "s.xlsx"
    shutil.copy(EXAMPLES / "sodermalm-2025.xlsx", path)
    before = digest(path)
    real = SheetEditor.set_number

    def wrong(self, ref, number):  # a writer that writes something else than the edit says
        return real(self, ref, number + 1)

    monkeypatch.setattr(SheetEditor, "set_number", wrong)
    code, _, err = cli("analysis", path)
    assert code == 2 and "kunde inte kontrolleras" in err and digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.xlsx"]


def test_output_to_another_file_leaves_the_input(tmp_path, cli):
    src = tmp_path / "in.xlsx"
    shutil.copy(EXAMPLES / "sodermalm-2025.xlsx", src)
    before = digest(src)
    out = tmp_path / "ut.xlsx"
    assert cli("analysis", src, "-o", out)[0] == 0
    assert digest(src) == before and analysis_edits(read_plan(out)) == []


def test_xlsm_keeps_its_macros(tmp_path, cli):
    import xlsxwriter

    vba = tmp_path / "vbaProject.bin"
    vba.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8)
    path = tmp_path / "plan.xlsm"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet(S.areas[0].sheet)
    ws.write_row(0, 0, [S.areas[0].title, "Orsak", "Åtgärd", "Operativa mål", "När", "Vem", "Uppföljning"])
    ws.write_row(1, 0, ["P", "O", "Å  två", "M 2", "Under 2025", "SDF"])
    wb.add_vba_project(str(vba))
    wb.close()
    before = parts(path)
    assert cli("normalise", path)[0] == 0
    after = parts(path)
    assert after["xl/vbaProject.bin"] == before["xl/vbaProject.bin"]
    assert b"macroEnabled" in after["[Content_Types].xml"]
    assert read_plan(path).table.loc[0, "measure"] == "Å två"


@pytest.mark.parametrize("name", ["sodermalm-2025.xlsx", "skarholmen-2025.xlsx"])
def test_normalise_on_both_seed_plans_touches_only_area_sheets(tmp_path, cli, name):
    path = tmp_path / name
    shutil.copy(EXAMPLES / name, path)
    before = parts(path)
    assert cli("normalise", path)[0] == 0
    plan = read_plan(path)
    allowed = {sheet_part(path, i.name) for i in plan.area_sheets} | {"xl/styles.xml"}
    assert changed(before, parts(path)) <= allowed
    assert plan.counts().drop(columns="sheet").equals(read_plan(EXAMPLES / name).counts().drop(columns="sheet"))
    again = parts(path)
    assert cli("normalise", path, "--check")[0] == 0 and parts(path) == again


# --------------------------------------------------------------------------- five commands in a row


def _notes_parts(path: Path, sheet_parts: set[str]) -> set[str]:
    """The notes (comments) and VML parts the given sheets point at, with the sheets' relationship parts."""
    from lxml import etree

    from xlplan.opc.verify import NS_PKG_REL, resolve

    out = set()
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        for part in sheet_parts:
            folder, base = part.rsplit("/", 1)
            rels = f"{folder}/_rels/{base}.rels"
            out.add(rels)
            if rels not in names:
                continue
            for rel in etree.fromstring(zf.read(rels)).iter(f"{{{NS_PKG_REL}}}Relationship"):
                target = resolve(part, rel.get("Target") or "")
                if rel.get("TargetMode") != "External" and target.endswith((".vml", ".xml")) and \
                        rel.get("Type", "").endswith(("/comments", "/vmlDrawing")):
                    out.add(target)
    return out


def test_the_rich_fixture_part_by_part_after_five_commands_in_a_row(rich, cli):
    """normalise, validate --mark, analysis, validate --mark, normalise: what no command meant to touch is intact.

    Meant to change: the area sheets (texts, identities, fills, note anchors), their notes and note drawings and
    relationships (a sheet without notes gets its own), the styles (date format, mark fill), the content types (the
    new notes parts), the analysis tab and its chart. Every other part (the Instruktion sheet with its image, text
    box and form-control checkbox VML, the threaded comment and person list, printer settings, custom XML, shared
    strings, the workbook and its relationships, the hidden list sheet, theme, document properties) is
    byte-identical to the original, however often the commands run.
    """
    from xlplan.opc.verify import package_problems

    before = parts(rich)
    assert cli("normalise", rich)[0] == 0
    assert cli("validate", rich, "--mark")[0] == 1
    assert cli("analysis", rich)[0] == 0
    assert cli("validate", rich, "--mark")[0] == 1
    assert cli("normalise", rich)[0] == 0
    after = parts(rich)
    assert package_problems(rich) == []
    areas = {sheet_part(rich, a.sheet) for a in S.fixed_areas}
    meant = areas | _notes_parts(rich, areas) | {"xl/styles.xml", "[Content_Types].xml",
                                                 sheet_part(rich, "Analysflik"), "xl/charts/chart1.xml"}
    assert set(after) - set(before) <= meant, "parts added that no command should add"
    assert changed(before, after) - meant == set()
    untouched = set(before) - meant
    assert {n for n in untouched if before[n] != after[n]} == set()
    assert {"xl/drawings/vmlDrawing2.vml", "xl/threadedComments/threadedComment1.xml", "xl/persons/person.xml",
            "xl/sharedStrings.xml", "xl/workbook.xml", sheet_part(rich, "Instruktion")} <= untouched
    assert all(name in after for name in RICH_PARTS)
    comments = after["xl/comments1.xml"].decode()
    assert "Kolla med Robin" in comments and "[Threaded comment]" in comments  # the users' notes beside the marks
    assert cli("normalise", rich, "--check")[0] == 0 and cli("analysis", rich, "--check")[0] == 0
