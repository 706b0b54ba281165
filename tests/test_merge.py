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
from xlplan import PlanError, read_plan
from xlplan.merge import merge_followups

CONFLICT_A = "Strukturen är klar och arbetet pågår."  # what party B wrote instead of the seed's text
HEADERS_SV = ["Typ", "Flik", "Cell eller rad", "Huvudfil", "Text i huvudfilen", "Kopia", "Text i kopian"]
HEADERS_EN = ["Type", "Sheet", "Cell or row", "Master file", "Text in the master file", "Copy", "Text in the copy"]


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
    return write_parties(tmp_path)


def write_parties(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The master (no follow-ups), the police's copy and Skafast's copy (two conflicts, a row added)."""
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
    assert "2 konflikter och 1 rad utan motsvarighet (listade i fliken Konflikter)." in text
    assert "matchad trots ändrad text: skafast.xlsx 4. Särskilt utsatta sårbara" in text


def test_both_texts_of_each_conflict_survive_and_are_listed(parties, tmp_path, cli):
    master, a, b = parties
    out = tmp_path / "merged.xlsx"
    code, text, _ = cli("merge", master, a, b, "-o", out, "--format", "json")
    result = json.loads(text)
    assert result["summary"] == {"filled": result["summary"]["filled"], "conflicts": 2, "unmatched": 1,
                                 "added_columns": 0, "fuzzy_matches": 1, "unreadable": 0}
    conflicts = {(c["sheet"], c["cell"]): c for c in result["conflicts"]}
    assert set(conflicts) == {("3. Systemhotande brottslighet", "G3"), ("3. Systemhotande brottslighet", "G5")}  # data from row 3
    assert conflicts[("3. Systemhotande brottslighet", "G3")]["copy_text"] == CONFLICT_A
    seed_text = skarholmen.SHEETS[2]["rows"][0]["followups"][0]
    assert conflicts[("3. Systemhotande brottslighet", "G3")]["master"] == seed_text
    plan = read_plan(out)
    listing = plan_sheet_values(out, "Konflikter")
    assert listing[0] == HEADERS_SV
    assert ["Konflikt", "3. Systemhotande brottslighet", "G3", "master.xlsx", seed_text, "skafast.xlsx",
            CONFLICT_A] in listing
    added = [r for r in listing if r[0] == "Rad utan motsvarighet"]
    assert len(added) == 1 and "Skafast kartlägger trapphus" in added[0][6] and added[0][5] == "skafast.xlsx"
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
        from xlplan.opc import Package

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
    assert len(result.conflicts) == 2 and len(result.unmatched) == 1 and result.filled and not result.unreadable


# --------------------------------------------------------------------------- the Python API is as safe as the CLI


def test_the_api_writes_only_where_told(parties, tmp_path):
    master, a, b = parties
    before = digest(master)
    with pytest.raises(PlanError) as neither:
        merge_followups(master, [a, b])  # once: silently merged into the master
    assert neither.value.key == "merge_target_api" and "in_place=True" in neither.value.message("sv")
    with pytest.raises(PlanError) as both:
        merge_followups(master, [a, b], tmp_path / "out.xlsx", in_place=True)
    assert both.value.key == "merge_target_api" and not (tmp_path / "out.xlsx").exists()
    dry = merge_followups(master, [a, b], save=False)  # a dry run needs no target
    assert len(dry.conflicts) == 2 and digest(master) == before
    assert merge_followups(master, [a, b], in_place=True).filled and digest(master) != before


def test_the_api_takes_one_path_as_one_copy_and_says_what_it_cannot_take(parties, tmp_path):
    master, a, b = parties
    for one in (b, str(b)):  # once: "Filen s finns inte", the path split into characters
        result = merge_followups(master, one, tmp_path / "one.xlsx")
        assert result.filled and len(result.unmatched) == 1 and {f["copy"] for f in result.filled} == {"skafast.xlsx"}
    for bad, got in ((42, "int"), ([a, 42], "int"), ({a: 1}, "dict"), (b"x.xlsx", "bytes")):
        with pytest.raises(PlanError) as err:
            merge_followups(master, bad, tmp_path / "bad.xlsx")
        assert err.value.key == "merge_copies" and got in err.value.message("en")
    with pytest.raises(PlanError, match="minst en kopia"):
        merge_followups(master, [], tmp_path / "bad.xlsx")
    with pytest.raises(PlanError) as err:
        merge_followups(master, [a], tmp_path / "bad.xlsx", threshold="90")
    assert err.value.key == "merge_threshold"
    with pytest.raises(PlanError) as err:
        merge_followups(master, [a], tmp_path / "merged.csv")
    assert err.value.key == "bad_suffix"
    assert not list(tmp_path.glob("bad*")) and not (tmp_path / "merged.csv").exists()


def test_the_result_never_overwrites_a_copy(parties, cli):
    master, a, b = parties
    before = digest(a), digest(b)
    code, _, err = cli("merge", master, a, b, "-o", a)
    assert code == 2 and "kopian" in err and str(a) in err and (digest(a), digest(b)) == before


# --------------------------------------------------------------------------- unreadable copies


def _followups(path: Path) -> list[str]:
    t = read_plan(path).table
    return list(t.loc[t["kind"] == "data", "Uppföljning"])


def test_an_unreadable_copy_is_named_and_the_others_still_merge(parties, tmp_path, cli):
    master, a, b = parties
    bad = tmp_path / "x.xlsx"
    bad.write_text("inte en arbetsbok")
    before = {p: digest(p) for p in (master, a, b, bad)}
    out = tmp_path / "merged.xlsx"
    code, text, err = cli("merge", master, a, bad, b, "-o", out)  # once: the whole merge aborted
    assert code == 2
    assert f"Filen {bad} är ingen Excel-arbetsbok (.xlsx)." in err
    assert "KUNDE INTE LÄSAS x.xlsx" in text and "1 kopia kunde inte läsas och är inte med." in text
    assert {p: digest(p) for p in (master, a, b, bad)} == before
    good = merge_followups(master, [a, b], tmp_path / "good.xlsx")
    assert _followups(out) == _followups(tmp_path / "good.xlsx") and good.filled
    assert any(f.strip() for f in _followups(out))

    code, text, err = cli("merge", master, a, bad, b, "-o", tmp_path / "j.xlsx", "--format", "json", "--lang", "en")
    result = json.loads(text)
    assert code == 2 and result["summary"]["unreadable"] == 1
    assert result["unreadable"] == [{"file": str(bad), "key": "not_workbook",
                                     "message": f"The file {bad} is not an Excel workbook (.xlsx). "
                                                "Give the action plan as an Excel file."}]
    assert f"The file {bad} is not an Excel workbook" in err

    api = merge_followups(master, [a, bad, b], tmp_path / "api.xlsx")
    assert [u["file"] for u in api.unreadable] == [str(bad)] and len(api.conflicts) == 2


def test_when_no_copy_can_be_read_nothing_is_written(parties, tmp_path, cli):
    master, _, _ = parties
    bad, gone = tmp_path / "x.xlsx", tmp_path / "borta.xlsx"
    bad.write_text("inte en arbetsbok")
    out = tmp_path / "merged.xlsx"
    code, _, err = cli("merge", master, bad, gone, "-o", out)
    assert code == 2 and not out.exists()
    assert "x.xlsx är ingen Excel-arbetsbok" in err and f"Filen {gone} finns inte" in err
    assert "Ingen av kopiorna (x.xlsx, borta.xlsx) kunde läsas, så inget har skrivits." in err
    with pytest.raises(PlanError) as one:
        merge_followups(master, gone, out)
    assert one.value.key == "missing" and not out.exists()
    with pytest.raises(PlanError) as unreadable_master:
        merge_followups(bad, [master], out)
    assert unreadable_master.value.key == "not_workbook" and not out.exists()


# --------------------------------------------------------------------------- the Konflikter sheet


def test_the_conflict_sheet_names_each_texts_file_wraps_and_prints_one_page_wide(parties, tmp_path, cli):
    import openpyxl

    master, a, b = parties
    out = tmp_path / "merged.xlsx"
    assert cli("merge", master, a, b, "-o", out)[0] == 0
    ws = openpyxl.load_workbook(out)["Konflikter"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0] == HEADERS_SV
    conflicts = [r for r in rows if r[0] == "Konflikt"]
    assert len(conflicts) == 2 and all(r[3] == "master.xlsx" and r[5] == "skafast.xlsx" for r in conflicts)
    assert all(ws.cell(1, c).font.b for c in range(1, 8))
    for r in range(2, ws.max_row + 1):
        for col in ("E", "G"):
            if ws[f"{col}{r}"].value:
                assert ws[f"{col}{r}"].alignment.wrap_text and ws[f"{col}{r}"].alignment.vertical == "top"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1"

    def xf_count(path: Path) -> str:
        import re

        with zipfile.ZipFile(path) as zf:
            return re.search(rb'<cellXfs count="(\d+)"', zf.read("xl/styles.xml")).group(1)

    first = xf_count(out)
    assert cli("merge", out, a, b, "--in-place")[0] == 0  # the sheet is rewritten, its styles reused
    assert xf_count(out) == first
    assert openpyxl.load_workbook(out).sheetnames.count("Konflikter") == 1


def test_the_conflict_sheet_speaks_english_on_request(parties, tmp_path, cli):
    master, a, b = parties
    out = tmp_path / "merged.xlsx"
    assert cli("--lang", "en", "merge", master, a, b, "-o", out)[0] == 0
    listing = plan_sheet_values(out, "Konflikter")
    assert listing[0] == HEADERS_EN
    assert {r[0] for r in listing[1:]} == {"Conflict", "Unmatched row"}
    with zipfile.ZipFile(out) as zf:
        comments = "".join(zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/comments"))
    assert "Merge conflict – other text in" in comments


def test_libreoffice_prints_the_conflict_sheet_one_page_wide(parties, tmp_path, cli):
    import shutil

    if not (shutil.which("soffice") or shutil.which("libreoffice")) or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice (soffice) or pdftotext not installed")
    from tests.test_libreoffice import render

    master, a, b = parties
    out = tmp_path / "merged.xlsx"
    assert cli("merge", master, a, b, "-o", out)[0] == 0
    pages = render([out], tmp_path / "pdf")["merged.xlsx"].split("\f")
    listing = [p for p in pages if "Text i kopian" in p]
    assert len(listing) == 1  # the whole table on one page: every column beside the first
    page = listing[0]
    for text in ("Typ", "Huvudfil", "Text i huvudfilen", "master.xlsx", "skafast.xlsx", CONFLICT_A,
                 "Skafast kartlägger trapphus"):
        assert text in page


# --------------------------------------------------------------------------- the report


def test_the_report_counts_in_singular_and_plural():
    from xlplan.merge import MergeResult
    from xlplan.report.merge import merge_text

    def result(n: int) -> MergeResult:
        conflict = {"copy": "a.xlsx", "sheet": "1. X", "cell": "G3", "master": "m", "copy_text": "c"}
        unmatched = {"copy": "a.xlsx", "sheet": "1. X", "row": 4, "problem": "p", "cause": "", "measure": "m",
                     "followups": {}}
        return MergeResult(filled=[{}] * n, conflicts=[conflict] * n, unmatched=[unmatched] * n,
                           unreadable=[{"file": "/x/b.xlsx", "key": "missing", "message": "…"}] * n)

    one, two = merge_text(result(1), "m.xlsx"), merge_text(result(2), "m.xlsx")
    assert "  1 cell ifylld\n" in one and "  2 celler ifyllda\n" in two
    assert "1 konflikt och 1 rad utan motsvarighet (listade i fliken Konflikter)." in one
    assert "2 konflikter och 2 rader utan motsvarighet (listade i fliken Konflikter)." in two
    assert "1 kopia kunde inte läsas och är inte med." in one and "2 kopior kunde inte läsas" in two
    assert "KUNDE INTE LÄSAS b.xlsx" in one
    en1, en2 = merge_text(result(1), "m.xlsx", "en"), merge_text(result(2), "m.xlsx", "en")
    assert "  1 cell filled\n" in en1 and "  2 cells filled\n" in en2
    assert "1 conflict and 1 unmatched row (listed" in en1 and "2 conflicts and 2 unmatched rows (listed" in en2
    assert "1 copy could not be read and is left out." in en1 and "2 copies could not be read" in en2
    assert merge_text(result(0), "m.xlsx").endswith("0 konflikter och 0 rader utan motsvarighet.")
