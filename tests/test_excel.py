"""The Excel door through xlwings' own remote engine: ``xw.Book(json=payload)``.

Payloads are built from the fixture workbooks exactly as xlwings' JavaScript
client sends them (tests/xlwings_payload.py); the returned actions are what
Excel would then carry out.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import xlwings as xw

from tests.rich import write_rich_plan
from tests.xlwings_payload import action_cells, payload_for
from xlplan import excel, read_plan
from xlplan.analysis import analysis_edits
from xlplan.rules import check

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def key(f):
    return (f.rule, f.severity, f.sheet, f.cell, f.message)


def book_for(path):
    payload, merges = payload_for(path)
    return xw.Book(json=payload), merges, [s["name"] for s in payload["sheets"]]


@pytest.fixture(params=["sodermalm-2025.xlsx", "skarholmen-2025.xlsx", "rich"])
def plan_file(request, tmp_path):
    if request.param == "rich":
        return write_rich_plan(tmp_path / "rikby.xlsx")
    return EXAMPLES / request.param


def test_cli_and_add_in_report_the_same_findings(plan_file):
    book, merges, _ = book_for(plan_file)
    assert sorted(map(key, excel.validate(book, merges=merges))) == sorted(map(key, check(read_plan(plan_file))))


def test_the_add_in_colours_exactly_the_cells_the_cli_reports(plan_file):
    book, merges, names = book_for(plan_file)
    excel.validate(book, merges=merges)
    names = names + [excel.FINDINGS_SHEET] if excel.FINDINGS_SHEET not in names else names
    data = book.json()
    coloured = action_cells(data, names, "addConditionalFormat")
    cli = {(f.sheet, f.cell) for f in check(read_plan(plan_file)) if f.cell}
    assert coloured == cli and coloured
    noted = action_cells(data, names, "addNote")
    users = {(s, n["address"].replace("$", "")) for s, ns in _payload_notes(plan_file).items() for n in ns}
    assert noted == cli - users  # a cell that has the user's note keeps it
    rules = [a["args"][0] for a in data["actions"] if a["func"] == "addConditionalFormat"]
    assert all(r["type"] == "Custom" and r["fill_color"].upper() == excel.MARK_COLOR and
               r["formula"].startswith(f"=COUNTIF({excel.FINDINGS_SHEET}!$G:$G,") for r in rules)


def _payload_notes(path):
    payload, _ = payload_for(path)
    return {s["name"]: s.get("notes", []) for s in payload["sheets"]}


def test_the_findings_sheet_lists_every_finding_with_links(plan_file):
    book, merges, _ = book_for(plan_file)
    findings = excel.validate(book, merges=merges)
    data = book.json()["actions"]
    add = [a for a in data if a["func"] == "addSheet"]
    assert add and add[0]["args"][1] == "Granskning"
    table = next(a for a in data if a["func"] == "setValues" and a["sheet_position"] == add[0]["args"][0])["values"]
    assert table[0] == ["Allvarlighet", "Regel", "Flik", "Cell", "Meddelande", "Värde", "Nyckel", "Anteckning"]
    assert [(r[1], r[2], r[3]) for r in table[1:]] == [(f.rule, f.sheet, f.cell) for f in findings]
    links = [a["args"][:2] for a in data if a["func"] == "addHyperlink"]
    assert len(links) == sum(1 for f in findings if f.cell)
    first = next(f for f in findings if f.cell)
    assert ["#'" + first.sheet + "'!" + first.cell, first.cell] in links
    alert = next(a for a in data if a["func"] == "alert")
    assert alert["args"][0].startswith("Granskningen klar: ") and "fel" in alert["args"][0]


def test_a_second_click_adds_no_rule_twice_and_removes_only_its_own_old_notes():
    """The second click's payload carries the first click's findings sheet and the cells that now have notes."""
    path = EXAMPLES / "sodermalm-2025.xlsx"
    book, merges, names = book_for(path)
    first = excel.validate(book, merges=merges, config=_only("missing-goal", "missing-timing"))
    actions = book.json()["actions"]
    payload, merges = payload_for(path)
    granskning = next(a for a in actions if a["func"] == "setValues")["values"]
    payload["sheets"].append({"name": "Granskning", "values": granskning, "pictures": [], "tables": [], "notes": []})
    for a in actions:
        if a["func"] == "addNote":  # Excel now has these notes
            payload["sheets"][a["sheet_position"]]["notes"].append({"address": a["args"][0]})
    book2 = xw.Book(json=payload)
    second = excel.validate(book2, merges=merges, config=_only("missing-goal"))
    actions2 = book2.json()["actions"]
    names2 = [s["name"] for s in payload["sheets"]]
    assert [a for a in actions2 if a["func"] in ("addConditionalFormat", "addNote")] == []
    timing = {(f.sheet, f.cell) for f in first if f.rule == "missing-timing"}
    goal = {(f.sheet, f.cell) for f in second}
    assert action_cells(book2.json(), names2, "deleteNote") == timing
    assert action_cells(book2.json(), names2, "setNoteText") == goal
    table = next(a for a in actions2 if a["func"] == "setValues")["values"]
    assert {r[7] for r in table[1:]} == {"xlplan"}  # it still owns every note it keeps


def test_a_users_note_is_never_touched():
    path = EXAMPLES / "sodermalm-2025.xlsx"
    payload, merges = payload_for(path)
    sheet = next(s for s in payload["sheets"] if s["name"].startswith("2."))
    sheet["notes"].append({"address": "$D$7"})  # the user's own note on a cell with a finding
    book = xw.Book(json=payload)
    excel.validate(book, merges=merges, config=_only("missing-goal"))
    names = [s["name"] for s in payload["sheets"]]
    touched = set()
    for func in ("addNote", "setNoteText", "deleteNote"):
        touched |= action_cells(book.json(), names, func)
    assert (sheet["name"], "D7") not in touched and (sheet["name"], "D8") in touched
    table = next(a for a in book.json()["actions"] if a["func"] == "setValues")["values"]
    own = {r[3]: r[7] for r in table[1:] if r[2] == sheet["name"]}
    assert own["D7"] == "" and own["D8"] == "xlplan"


def _only(*rules):
    from xlplan.config import Config

    return Config(select=frozenset(rules))


def test_update_analysis_writes_the_cli_counts(tmp_path):
    path = EXAMPLES / "sodermalm-2025.xlsx"
    book, merges, names = book_for(path)
    excel.update_analysis(book, merges=merges)
    writes = {(names[a["sheet_position"]], a["start_row"], a["start_column"]): a["values"]
              for a in book.json()["actions"] if a["func"] == "setValues"}
    want = analysis_edits(read_plan(path))
    assert len(writes) == len(want) == 3
    from xlplan.sheetxml import split_ref

    for e in want:
        r, c = split_ref(e.cell)
        assert writes[(e.sheet, r, c)] == [[e.value]]


def test_update_analysis_adds_rows_for_extra_areas(tmp_path):
    from tests.fixtures import CUSTOM_AREA, write_plan
    from tests.seeds import sodermalm

    area7 = {**CUSTOM_AREA, "name": "7. Bostadsområdet", "title": "Bostadsområdet Ringen"}
    seed = {"SHEETS": [*sodermalm.SHEETS, CUSTOM_AREA, area7], "DISTRICT": "Test", "YEAR": 2025,
            "ANALYSIS_AS_FILED": sodermalm.ANALYSIS_AS_FILED}
    path = write_plan(tmp_path / "extra.xlsx", seed)
    book, merges, names = book_for(path)
    excel.update_analysis(book, merges=merges)
    writes = {(a["start_row"] + 1, a["start_column"]): a["values"][0][0] for a in book.json()["actions"]
              if a["func"] == "setValues"}
    assert writes[(9, 0)] == "Trafiksäkerhet kring skolor" and writes[(10, 0)] == "Bostadsområdet Ringen"
    assert writes[(10, 3)] == 2


def test_an_up_to_date_tab_and_a_book_without_a_plan_are_explained(tmp_path):
    import shutil

    path = tmp_path / "s.xlsx"
    shutil.copy(EXAMPLES / "sodermalm-2025.xlsx", path)
    from click.testing import CliRunner

    from xlplan.cli import main

    CliRunner().invoke(main, ["analysis", str(path)])
    book, merges, _ = book_for(path)
    assert excel.update_analysis(book, merges=merges) == []
    assert [a["args"][0] for a in book.json()["actions"]] == ["Analysfliken stämmer redan."]
    payload = {"client": "Office.js", "version": xw.__version__, "book": {"name": "x.xlsx", "active_sheet_index": 0,
               "selection": "A1"}, "names": [], "sheets": [{"name": "Blad1", "values": [["Budget", 12]],
                                                            "pictures": [], "tables": [], "notes": []}]}
    empty = xw.Book(json=payload)
    assert excel.validate(empty) == []
    assert "ingen flik från åtgärdsplanen" in empty.json()["actions"][0]["args"][0]
