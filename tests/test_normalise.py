"""Normalising never changes what a text says, and row identities survive what people do to rows."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fixtures import write_plan
from tests.seeds import sodermalm
from xlplan import read_plan
from xlplan.normalise import iso_dates, normalise_edits, normalise_text
from xlplan.reader import ID_HEADER

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab åö\n\r\t\u00a0.-")), max_size=40))
def test_only_whitespace_changes_and_twice_is_once(text):
    once = normalise_text(text)
    assert re.sub(r"\s", "", once) == re.sub(r"\s", "", text)
    assert normalise_text(once) == once
    assert "  " not in once and "\r" not in once and "\n\n\n" not in once and once == once.strip()


def test_paragraphs_and_lists_keep_their_breaks():
    assert normalise_text("1. Möten \r\n2.  Utbildning\n\n\n\nVår:  planera ") == "1. Möten\n2. Utbildning\n\nVår: planera"


def test_numeric_dates_become_iso_and_others_stay():
    assert iso_dates("2025-4-9") == "2025-04-09"
    assert iso_dates("29/4 2025\nLöpande") == "2025-04-29\nLöpande"
    assert iso_dates("29.4.2025") == "2025-04-29"
    assert iso_dates("31/2 2025") == "31/2 2025"  # no such day: left alone
    assert iso_dates("Vecka 12/13") == "Vecka 12/13"


def _ids(plan, sheet: str) -> dict[str, str]:
    t = plan.table[(plan.table["sheet"] == sheet) & (plan.table["kind"] == "data")]
    return dict(zip(t["id"], t["measure"]))


def test_identities_are_hidden_unique_and_stable(tmp_path, cli):
    path = tmp_path / "s.xlsx"
    shutil.copy(EXAMPLES / "sodermalm-2025.xlsx", path)
    assert cli("normalise", path)[0] == 0
    plan = read_plan(path)
    info = plan.area_sheets[0]
    assert info.id_column == "J"  # right after sheet 1's three follow-up columns (G, H, I)
    ids = plan.table.loc[plan.table["kind"] == "data", "id"]
    assert ids.str.fullmatch(r"[0-9a-f]{12}").all() and ids.is_unique
    with zipfile.ZipFile(path) as zf:
        from xlplan.opc import Package

        sheet = zf.read(Package(path).sheet_part(info.name)).decode()
    assert re.search(r'<col min="10" max="10"[^>]*hidden="1"', sheet)
    assert info.extra_columns == {} and "xlplan-id" not in info.followups
    again = read_plan(path)
    assert list(again.table["id"]) == list(plan.table["id"])  # reading twice gives the same identities
    assert [e for e in normalise_edits(again) if type(e).__name__ != "SetDateFormat"] == []


def test_identity_survives_sorting_inserted_rows_and_edited_text(tmp_path, cli):
    one = {"SHEETS": [sodermalm.SHEETS[0]], "DISTRICT": "Södermalm", "YEAR": 2025}
    path = write_plan(tmp_path / "a.xlsx", one)
    cli("normalise", path)
    plan = read_plan(path)
    name = plan.area_sheets[0].name
    before = _ids(plan, name)
    rows = plan.table[plan.table["kind"] == "data"]
    headers = ["Unga i riskzon för destruktivt beteende", "Orsak", "Åtgärd", "Operativa mål", "När", "Vem",
               *plan.area_sheets[0].followups, ID_HEADER]
    fields = ["problem", "cause", "measure", "goal", "timing", "owner", *plan.area_sheets[0].followups, "id"]
    records = rows[fields].values.tolist()[::-1]  # sorted the other way round in Excel
    k = next(i for i, rec in enumerate(records) if rec[2])
    edited_id = records[k][-1]
    records[k][2] = records[k][2] + " (reviderad)"  # someone edits a measure's text
    records.insert(3, ["Ny", "Ny orsak", "Ny åtgärd", "Minst 2", "Under 2025", "SDF", "", "", "", ""])
    resorted = tmp_path / "b.xlsx"
    wb = xlsxwriter.Workbook(str(resorted))
    ws = wb.add_worksheet(name)
    ws.write_row(0, 0, headers)
    for r, rec in enumerate(records, start=1):
        ws.write_row(r, 0, rec)
    ws.set_column(len(headers) - 1, len(headers) - 1, None, None, {"hidden": True})
    wb.close()
    after = _ids(read_plan(resorted), name)
    assert set(before) <= set(after)
    for ident, measure in before.items():
        assert after[ident] == (measure + " (reviderad)" if ident == edited_id else measure)
    cli("normalise", resorted)
    final = _ids(read_plan(resorted), name)
    new = set(final) - set(after)
    assert len(new) == 1 and final[new.pop()] == "Ny åtgärd"
    assert {k: v for k, v in final.items() if k in before} == {k: after[k] for k in before}


def test_a_row_copied_with_its_identity_gets_a_new_one(tmp_path, cli):
    path = tmp_path / "c.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("1. Unga i riskzon")
    ws.write_row(0, 0, ["Unga i riskzon för destruktivt beteende", "Orsak", "Åtgärd", "Operativa mål", "När", "Vem",
                        "Uppföljning", ID_HEADER])
    ws.write_row(1, 0, ["P", "O", "Å1", "M 2", "2025", "SDF", "", "abc123abc123"])
    ws.write_row(2, 0, ["P", "O", "Å2", "M 2", "2025", "SDF", "", "abc123abc123"])
    wb.close()
    cli("normalise", path)
    ids = list(read_plan(path).table["id"])
    assert ids[0] == "abc123abc123" and ids[1] != ids[0] and len(ids[1]) == 12


def test_normalise_without_identities(tmp_path, cli):
    path = tmp_path / "s.xlsx"
    shutil.copy(EXAMPLES / "sodermalm-2025.xlsx", path)
    code, out, _ = cli("normalise", path, "--no-ids")
    assert code == 0 and "xlplan-id" not in out and read_plan(path).area_sheets[0].id_column is None
