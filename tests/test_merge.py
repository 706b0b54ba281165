"""Merging the parties' copies reproduces Skärholmen's follow-up, with every conflict surfaced."""

from __future__ import annotations

import copy as copying
import json
import zipfile
from pathlib import Path

import pytest

from tests.conftest import digest
from tests.fixtures import write_plan
from tests.seeds import skarholmen
from tests.seeds.common import SAME
from xlplan import read_plan
from xlplan.merge import merge_followups

CONFLICT_A = "Strukturen är klar och arbetet pågår."  # what party B wrote instead of the seed's text


def _sheets(keep: set[int]) -> list[dict]:
    """Skärholmen's sheets with follow-up texts only on the sheets in ``keep`` (0-based)."""
    out = []
    for i, sheet in enumerate(copying.deepcopy(skarholmen.SHEETS)):
        if i not in keep:
            for row in sheet["rows"]:
                if row.get("kind") != "note":
                    row["followups"] = [f if f is SAME else "" for f in row["followups"]]
        out.append(sheet)
    return out


@pytest.fixture
def parties(tmp_path):
    master = write_plan(tmp_path / "master.xlsx", {"SHEETS": _sheets(set()), "DISTRICT": "Skärholmen", "YEAR": 2025},
                        with_instruction_sheet=False, with_analysis=False)
    a = write_plan(tmp_path / "polisen.xlsx", {"SHEETS": _sheets({0, 1, 2}), "DISTRICT": "Skärholmen", "YEAR": 2025},
                   with_instruction_sheet=False, with_analysis=False)
    b_sheets = _sheets({2, 3, 4})
    b_sheets[2]["rows"][0]["followups"] = [CONFLICT_A]  # two cells where the parties disagree
    b_sheets[2]["rows"][2]["followups"] = ["Analysen är klar."]
    fixed = b_sheets[3]["rows"][2]
    fixed["measure"] = fixed["measure"].replace("Intraktivt aktivitet", "Interaktiv aktivitet")  # a typo fixed
    b_sheets[4]["rows"].append({"problem": "Lämna kriminell livsstil", "cause": "Ny orsak från Skafast",
                                "measure": "Skafast kartlägger trapphus", "goal": "Minst 10 adresser", "timing": "T3",
                                "owner": "Skafast", "followups": ["Kartläggning påbörjad."]})  # a row added
    b = write_plan(tmp_path / "skafast.xlsx", {"SHEETS": b_sheets, "DISTRICT": "Skärholmen", "YEAR": 2025},
                   with_instruction_sheet=False, with_analysis=False, reverse=True)
    return master, a, b


def test_the_merge_reproduces_the_follow_up_cell_by_cell(parties, tmp_path, cli):
    master, a, b = parties
    before = {p: digest(p) for p in (master, a, b)}
    out = tmp_path / "merged.xlsx"
    code, text, _ = cli("merge", master, a, b, "-o", out)
    assert code == 0
    assert {p: digest(p) for p in (master, a, b)} == before  # copies (and here the master) only read
    merged = read_plan(out)
    for sheet in skarholmen.SHEETS:
        t = merged.table[(merged.table["sheet"] == sheet["name"]) & (merged.table["kind"] == "data")]
        want = []
        last = ""
        for row in sheet["rows"]:
            if row.get("kind") == "note":
                continue
            v = row["followups"][0]
            last = last if v is SAME else v
            want.append(last)
        assert list(t["Uppföljning"]) == want, sheet["name"]
    assert "2 konflikter och 1 rader utan motsvarighet (listade i fliken Konflikter)." in text
    assert "matchad trots ändrad text: skafast.xlsx 4. Särskilt utsatta sårbara" in text


def test_both_texts_of_each_conflict_survive_and_are_listed(parties, tmp_path, cli):
    master, a, b = parties
    out = tmp_path / "merged.xlsx"
    code, text, _ = cli("merge", master, a, b, "-o", out, "--format", "json")
    result = json.loads(text)
    assert result["summary"] == {"filled": result["summary"]["filled"], "conflicts": 2, "unmatched": 1,
                                 "added_columns": 0, "fuzzy_matches": 1}
    conflicts = {(c["sheet"], c["cell"]): c for c in result["conflicts"]}
    assert set(conflicts) == {("3. Systemhotande brottslighet", "G3"), ("3. Systemhotande brottslighet", "G5")}  # data from row 3
    assert conflicts[("3. Systemhotande brottslighet", "G3")]["copy_text"] == CONFLICT_A
    seed_text = skarholmen.SHEETS[2]["rows"][0]["followups"][0]
    assert conflicts[("3. Systemhotande brottslighet", "G3")]["master"] == seed_text
    plan = read_plan(out)
    listing = plan_sheet_values(out, "Konflikter")
    assert listing[0] == ["Typ", "Fil", "Flik", "Cell eller rad", "Text i huvudfilen", "Text i kopian"]
    assert ["Konflikt", "skafast.xlsx", "3. Systemhotande brottslighet", "G3", seed_text, CONFLICT_A] in listing
    added = [r for r in listing if r[0] == "Rad utan motsvarighet"]
    assert len(added) == 1 and "Skafast kartlägger trapphus" in added[0][5] and added[0][1] == "skafast.xlsx"
    with zipfile.ZipFile(out) as zf:
        comments = "".join(zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/comments"))
    assert "Konflikt vid sammanslagning" in comments and CONFLICT_A in comments
    assert plan.table.loc[(plan.table["sheet"] == "3. Systemhotande brottslighet"), "Uppföljning"].iloc[0] == seed_text


def plan_sheet_values(path: Path, sheet: str) -> list[list[str]]:
    import python_calamine as pc

    rows = pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    return [[str(v) for v in r] for r in rows]


def test_new_follow_up_columns_are_added_in_date_order_with_the_templates_width(tmp_path, cli):
    def one(followups, name):
        sheet = copying.deepcopy(skarholmen.SHEETS[4])
        sheet["followup_headers"] = followups
        for row in sheet["rows"]:
            row["followups"] = [f"{h}: {name}" for h in followups]
        return write_plan(tmp_path / f"{name}.xlsx", {"SHEETS": [sheet], "DISTRICT": "S", "YEAR": 2025},
                          with_instruction_sheet=False, with_analysis=False)

    master = one(["Uppföljning"], "master")
    late = one(["Uppföljning", "Uppföljning 2025-09-30"], "sent")
    early = one(["Uppföljning", "Uppföljning 2025-06-15"], "tidigt")
    code, text, _ = cli("merge", master, late, early, "--in-place")
    assert code == 0
    info = read_plan(master).area_sheets[0]
    assert info.followups == ["Uppföljning", "Uppföljning 2025-06-15", "Uppföljning 2025-09-30"]
    assert info.columns["Uppföljning 2025-06-15"] == "H" and info.columns["Uppföljning 2025-09-30"] == "I"
    t = read_plan(master).table
    assert list(t["Uppföljning 2025-06-15"]) == ["Uppföljning 2025-06-15: tidigt"] * 2
    assert list(t["Uppföljning"]) == ["Uppföljning: master"] * 2  # the master keeps its own texts (conflicts listed)
    import re

    with zipfile.ZipFile(master) as zf:
        from xlplan.package import Package

        sheet = zf.read(Package(master).sheet_part(info.name)).decode()
    widths = dict(re.findall(r'<col min="(\d+)" max="\1" width="([\d.]+)"', sheet))
    assert widths.get("8") == widths.get("7") == widths.get("9")


def test_rows_match_by_identity_after_sorting_and_rewording(tmp_path, cli):
    import xlsxwriter

    from xlplan.reader import ID_HEADER

    one = {"SHEETS": [copying.deepcopy(skarholmen.SHEETS[3])], "DISTRICT": "S", "YEAR": 2025}
    for row in one["SHEETS"][0]["rows"]:
        row["followups"] = [""]
    master = write_plan(tmp_path / "m.xlsx", one, with_instruction_sheet=False, with_analysis=False)
    cli("normalise", master)
    plan = read_plan(master)
    rows = plan.table[plan.table["kind"] == "data"]
    copy = tmp_path / "c.xlsx"
    wb = xlsxwriter.Workbook(str(copy))
    ws = wb.add_worksheet(plan.area_sheets[0].name)
    ws.write_row(0, 0, [plan.area_sheets[0].title, "Orsak", "Åtgärd", "Operativa mål", "När", "Vem", "Uppföljning",
                        ID_HEADER])
    for r, rec in enumerate(reversed(list(rows.itertuples())), start=1):  # sorted the other way, texts rewritten
        ws.write_row(r, 0, [rec.problem, rec.cause, "Helt omskriven åtgärd " + str(r), rec.goal, rec.timing,
                            rec.owner, f"Klart ({rec.id})", rec.id])
    wb.close()
    assert cli("merge", master, copy, "--in-place")[0] == 0
    merged = read_plan(master).table
    merged = merged[merged["kind"] == "data"]
    assert list(merged["Uppföljning"]) == [f"Klart ({i})" for i in merged["id"]]


def test_merge_needs_a_target_and_leaves_bad_copies_untouched(parties, tmp_path, cli):
    master, a, _ = parties
    code, _, err = cli("merge", master, a)
    assert code == 2 and "-o NY.xlsx eller --in-place" in err
    bad = tmp_path / "trasig.xlsx"
    bad.write_text("inte en arbetsbok")
    before = digest(master), digest(bad)
    code, _, err = cli("merge", master, bad, "--in-place")
    assert code == 2 and "ingen Excel-arbetsbok" in err and (digest(master), digest(bad)) == before


def test_python_api(parties, tmp_path):
    master, a, b = parties
    result = merge_followups(master, [a, b], tmp_path / "api.xlsx")
    assert len(result.conflicts) == 2 and len(result.unmatched) == 1 and result.filled
