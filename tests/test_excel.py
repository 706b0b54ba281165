"""The Excel door through xlwings' own remote engine: ``xw.Book(json=payload)``.

Payloads are built from the fixture workbooks exactly as the add-in's
JavaScript client sends them (tests/xlwings_payload.py); the returned actions
are what Excel would then carry out (tests/test_addin_js.py carries them out
in a strict stand-in of Excel). Marks are compared with what the CLI writes
into the same file: one design for both doors.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import xlwings as xw

from tests.rich import write_rich_plan
from tests.xlwings_payload import action_cells, cells_of, marked_cells, payload_for, workbook_model
from xlplan import excel, read_plan
from xlplan.analysis import analysis_edits
from xlplan.notes import note_text
from xlplan.rules import check

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXAMPLE = EXAMPLES / "sodermalm-2025.xlsx"


def key(f):
    return (f.rule, f.severity, f.sheet, f.cell, f.message)


def book_for(path, **sheet_changes):
    payload, merges = payload_for(path)
    for sheet in payload["sheets"]:
        sheet.update(sheet_changes)
    return xw.Book(json=payload), merges, [s["name"] for s in payload["sheets"]]


def actions(book, func):
    return [a for a in book.json()["actions"] if a["func"] == func]


def marks_of(book, names):
    """Sheet -> (cells the rule covers, {cell: note text added or rewritten}) from the xlplanMarks actions."""
    out = {}
    for a in actions(book, "xlplanMarks"):
        spec = a["args"][0]
        notes = spec["notes"] or {"add": {}, "set": {}}
        cells = set().union(*(cells_of(chunk) for chunk in spec["ranges"])) if spec["ranges"] else set()
        out[names[a["sheet_position"]]] = (cells, {**notes["add"], **notes["set"]})
    return out


def cli_marks(path, tmp_path):
    """The CLI's marks (xlplan validate --mark on a copy): sheet -> (cells of its marker rule, {cell: its note})."""
    from xlplan.validate import validate_paths

    copy = tmp_path / ("cli-" + Path(path).name)
    shutil.copy(path, copy)
    validate_paths([copy], mark=True)
    out = {}
    for sheet in workbook_model(copy)["sheets"]:
        cells = set()
        for rule in sheet["rules"]:
            if rule["formula"] == excel.MARK_FORMULA:
                cells |= cells_of(",".join(rule["ranges"]))
        notes = {n["address"]: n["content"] for n in sheet["notes"] if n["author"] == "xlplan"}
        if cells:
            out[sheet["name"]] = (cells, notes)
    return out


@pytest.fixture(params=["sodermalm-2025.xlsx", "skarholmen-2025.xlsx", "rich"])
def plan_file(request, tmp_path):
    if request.param == "rich":
        return write_rich_plan(tmp_path / "rikby.xlsx")
    return EXAMPLES / request.param


def test_cli_and_add_in_report_the_same_findings(plan_file):
    book, merges, _ = book_for(plan_file)
    assert sorted(map(key, excel.validate(book, merges=merges))) == sorted(map(key, check(read_plan(plan_file))))


def test_the_add_in_marks_exactly_the_cells_and_notes_the_cli_marks(plan_file, tmp_path):
    book, merges, names = book_for(plan_file)
    excel.validate(book, merges=merges)
    assert marks_of(book, names) == cli_marks(plan_file, tmp_path)
    specs = [a["args"][0] for a in actions(book, "xlplanMarks")]
    assert specs and all(s["formula"] == '="xlplan"="xlplan"' and s["fill"] == "#FFC7CE" for s in specs)
    assert all(len(s["ranges"]) == 1 for s in specs)  # one rule per sheet at this size
    assert len(specs) == len({a["sheet_position"] for a in actions(book, "xlplanMarks")})
    (clear,) = actions(book, "xlplanClearMarks")
    assert clear["args"] == ['="xlplan"="xlplan"']
    assert book.json()["actions"].index(clear) < book.json()["actions"].index(actions(book, "xlplanMarks")[0])


def test_a_users_note_is_never_touched():
    payload, merges = payload_for(EXAMPLE)
    sheet = next(s for s in payload["sheets"] if s["name"].startswith("2."))
    sheet["notes"].append({"address": "$D$7", "xlplan": False})  # the user's own note on a cell with a finding
    book = xw.Book(json=payload)
    excel.validate(book, merges=merges, config=_only("missing-goal"))
    names = [s["name"] for s in payload["sheets"]]
    cells, notes = marks_of(book, names)[sheet["name"]]
    assert "D7" in cells and "D8" in cells  # both filled...
    assert "D7" not in notes and "D8" in notes  # ...but the user's note stays the only one on D7
    spec = next(a["args"][0] for a in actions(book, "xlplanMarks") if names[a["sheet_position"]] == sheet["name"])
    assert "D7" not in spec["notes"]["delete"]


def test_a_second_click_rewrites_and_deletes_exactly_its_own_notes():
    """The payload says which notes are xlplan's; the findings sheet's old rows are not needed."""
    book, merges, names = book_for(EXAMPLE)
    first = excel.validate(book, merges=merges, config=_only("missing-goal", "missing-timing"))
    payload, merges = payload_for(EXAMPLE)
    for a in actions(book, "xlplanMarks"):  # Excel now has these notes, each starting "xlplan:"
        payload["sheets"][a["sheet_position"]]["notes"] += [{"address": c, "xlplan": True}
                                                            for c in a["args"][0]["notes"]["add"]]
    payload["sheets"].append({"name": "Granskning", "values": [[""]], "pictures": [], "tables": [], "notes": []})
    book2 = xw.Book(json=payload)
    second = excel.validate(book2, merges=merges, config=_only("missing-goal"))
    names2 = [s["name"] for s in payload["sheets"]]
    timing = {(f.sheet, f.cell) for f in first if f.rule == "missing-timing"}
    goal = {(f.sheet, f.cell) for f in second}
    deleted, rewritten, added = set(), set(), set()
    for a in actions(book2, "xlplanMarks"):
        notes = a["args"][0]["notes"]
        name = names2[a["sheet_position"]]
        deleted |= {(name, c) for c in notes["delete"]}
        rewritten |= {(name, c) for c in notes["set"]}
        added |= {(name, c) for c in notes["add"]}
    assert deleted == timing - goal and rewritten == goal and added == set()
    assert actions(book2, "addSheet") == [] and len(actions(book2, "sheetClearContents")) == 1


def test_notes_are_left_out_where_the_client_cannot_show_them():
    book, merges, names = book_for(EXAMPLE, notes_supported=False)
    excel.validate(book, merges=merges)
    specs = actions(book, "xlplanMarks")
    assert specs and all(a["args"][0]["notes"] is None and a["args"][0]["ranges"] for a in specs)
    assert actions(book, "addNote") == []


def test_a_password_protected_sheet_is_listed_not_marked():
    book, merges, names = book_for(EXAMPLE)
    findings = excel.validate(book, merges=merges, locked=["Analysflik", "Not a sheet"])
    assert "Analysflik" not in marks_of(book, names) and len(marks_of(book, names)) == 5
    assert sum(f.sheet == "Analysflik" for f in findings) == 3
    (alert,) = actions(book, "alert")
    assert alert["args"][0].startswith("Granskningen klar: ")
    assert 'Fliken "Analysflik" är skyddad med lösenord: dess 3 markeringar' in alert["args"][0]
    (result,) = actions(book, "xlplanResult")
    assert "Analysflik" in result["args"][0]["notes"] and "Analysflik" not in result["args"][0]["summary"]


def test_a_password_protected_findings_sheet_is_not_rewritten():
    payload, merges = payload_for(EXAMPLE)
    payload["sheets"].append({"name": "Granskning", "values": [[""]], "pictures": [], "tables": [], "notes": []})
    book = xw.Book(json=payload)
    excel.validate(book, merges=merges, locked=["Granskning"])
    assert [a for a in book.json()["actions"] if a["sheet_position"] == len(payload["sheets"]) - 1] == []
    assert "Granskning är skyddad med lösenord" in actions(book, "alert")[0]["args"][0]


def test_the_findings_sheet_lists_every_finding_with_links(plan_file):
    book, merges, _ = book_for(plan_file)
    findings = excel.validate(book, merges=merges)
    add = actions(book, "addSheet")
    assert add and add[0]["args"][1] == "Granskning"
    table = next(a for a in actions(book, "setValues") if a["sheet_position"] == add[0]["args"][0])["values"]
    assert table[0] == ["Allvarlighet", "Regel", "Flik", "Cell", "Meddelande", "Värde"]
    assert [(r[1], r[2], r[3]) for r in table[1:]] == [(f.rule, f.sheet, f.cell) for f in findings]
    (links,) = actions(book, "xlplanLinks")
    spec = links["args"][0]
    assert links["sheet_position"] == add[0]["args"][0] and (spec["start_row"], spec["start_column"]) == (1, 3)
    assert len(spec["formulas"]) == len(findings)
    for f, (formula,) in zip(findings, spec["formulas"]):
        assert formula == (excel.link_formula(f.sheet, f.cell) if f.cell else "")
    alert = actions(book, "alert")[0]
    assert alert["args"][0].startswith("Granskningen klar: ") and "fel" in alert["args"][0]


def test_the_task_pane_gets_every_finding_with_its_rules_name():
    book, merges, _ = book_for(EXAMPLE)
    findings = excel.validate(book, merges=merges, lang="en")
    (result,) = actions(book, "xlplanResult")
    spec = result["args"][0]
    assert spec["action"] == "validate" and spec["summary"].startswith("Validation done: 14 errors")
    assert spec["fields"] == ["severity", "rule", "sheet", "cell", "message"]
    assert spec["findings"] == [[f.severity, f.rule, f.sheet, f.cell, f.message] for f in findings]
    assert spec["rules"]["missing-goal"] == "Measure without an operational goal"


def test_link_formulas_keep_any_sheet_name_inside_the_text():
    assert excel.link_formula("1. Unga", "D7") == '=HYPERLINK("#\'1. Unga\'!D7","D7")'
    assert excel.link_formula('Ma"x\'s', "B2") == '=HYPERLINK("#\'Ma""x\'\'s\'!B2","B2")'


def test_marks_are_cut_into_addresses_excel_accepts():
    cells = [f"{col}{row}" for col in "DFH" for row in range(3, 4003, 2)]  # no two adjacent: 6,000 areas
    areas = excel.mark_ranges(cells)
    chunks = excel.address_chunks(areas)
    assert len(chunks) > 1 and all(len(c) <= excel.MAX_ADDRESS for c in chunks)
    assert set().union(*(cells_of(c) for c in chunks)) == set(cells)
    assert excel.mark_ranges(["D7", "D8", "D9", "E5", "D11"]) == ["D7:D9", "D11", "E5"]


def test_a_plan_marked_by_the_cli_is_cleaned_by_the_add_in(tmp_path):
    """The CLI's notes read as xlplan's in Excel (they start with "xlplan:"): the add-in rewrites, never doubles."""
    from xlplan.validate import validate_paths

    copy = tmp_path / "marked.xlsx"
    shutil.copy(EXAMPLE, copy)
    validate_paths([copy], mark=True)
    payload, merges = payload_for(copy)
    assert any(n["xlplan"] for s in payload["sheets"] for n in s["notes"])
    book = xw.Book(json=payload)
    excel.validate(book, merges=merges)
    for a in actions(book, "xlplanMarks"):
        notes = a["args"][0]["notes"]
        assert notes["add"] == {} and notes["delete"] == []
        assert all(text == note_text(text.split("\n• ")[1:]) for text in notes["set"].values())


def _only(*rules):
    from xlplan.config import Config

    return Config(select=frozenset(rules))


def test_update_analysis_writes_the_cli_counts(tmp_path):
    book, merges, names = book_for(EXAMPLE)
    excel.update_analysis(book, merges=merges)
    writes = {(names[a["sheet_position"]], a["start_row"], a["start_column"]): a["values"]
              for a in actions(book, "setValues")}
    want = analysis_edits(read_plan(EXAMPLE))
    assert len(writes) == len(want) == 3
    from xlplan.sheetxml import split_ref

    for e in want:
        r, c = split_ref(e.cell)
        assert writes[(e.sheet, r, c)] == [[e.value]]
    (result,) = actions(book, "xlplanResult")
    assert result["args"][0]["summary"] == "Analysfliken uppdaterad (3 celler)."


def test_update_analysis_adds_rows_for_extra_areas_and_extends_the_chart(tmp_path):
    from tests.fixtures import CUSTOM_AREA, write_plan
    from tests.seeds import sodermalm

    area7 = {**CUSTOM_AREA, "name": "7. Bostadsområdet", "title": "Bostadsområdet Ringen"}
    seed = {"SHEETS": [*sodermalm.SHEETS, CUSTOM_AREA, area7], "DISTRICT": "Test", "YEAR": 2025,
            "ANALYSIS_AS_FILED": sodermalm.ANALYSIS_AS_FILED}
    path = write_plan(tmp_path / "extra.xlsx", seed)
    payload, merges = payload_for(path)
    analysis = next(s for s in payload["sheets"] if s["name"] == "Analysflik")
    analysis["charts"] = [{"name": "Chart 1"}]  # the client sends each sheet's charts
    book = xw.Book(json=payload)
    excel.update_analysis(book, merges=merges)
    writes = {(a["start_row"] + 1, a["start_column"]): a["values"][0][0] for a in actions(book, "setValues")}
    assert writes[(9, 0)] == "Trafiksäkerhet kring skolor" and writes[(10, 0)] == "Bostadsområdet Ringen"
    assert writes[(10, 3)] == 2
    (source,) = actions(book, "setChartSourceData")
    assert source["args"] == [0, "Analysflik", "$A$3:$D$10", "Columns"]
    (move,) = actions(book, "xlplanMoveBelow")
    assert move["args"] == [{"row": 9, "rows": 1}] and move["sheet_position"] == source["sheet_position"]


def test_a_password_protected_analysis_tab_is_explained_and_left_alone():
    book, merges, _ = book_for(EXAMPLE)
    assert excel.update_analysis(book, merges=merges, locked=("Analysflik",)) == []
    assert actions(book, "setValues") == []
    assert 'Fliken "Analysflik" är skyddad med lösenord' in actions(book, "alert")[0]["args"][0]


def test_an_up_to_date_tab_and_a_book_without_a_plan_are_explained(tmp_path):
    path = tmp_path / "s.xlsx"
    shutil.copy(EXAMPLE, path)
    from click.testing import CliRunner

    from xlplan.cli import main

    CliRunner().invoke(main, ["analysis", str(path)])
    book, merges, _ = book_for(path)
    assert excel.update_analysis(book, merges=merges) == []
    assert [a["args"][0] for a in actions(book, "alert")] == ["Analysfliken stämmer redan."]
    payload = {"client": "Office.js", "version": xw.__version__, "book": {"name": "x.xlsx", "active_sheet_index": 0,
               "selection": "A1"}, "names": [], "sheets": [{"name": "Blad1", "values": [["Budget", 12]],
                                                            "pictures": [], "tables": [], "notes": []}]}
    empty = xw.Book(json=payload)
    assert excel.validate(empty) == []
    assert "ingen flik från åtgärdsplanen" in actions(empty, "alert")[0]["args"][0]


def test_marked_cells_helper_reads_the_actions():
    book, merges, names = book_for(EXAMPLE)
    excel.validate(book, merges=merges)
    assert marked_cells(book.json(), names) == {s: cells for s, (cells, _) in marks_of(book, names).items()}
    assert action_cells(book.json(), names + ["Granskning"], "setValues") == {("Granskning", "A1")}
