"""The reader on layouts real files have: found by labels, never by coordinates."""

from __future__ import annotations

import datetime as dt

import pytest
import xlsxwriter

from tests.fixtures import CUSTOM_AREA, write_plan
from xlplan import read_plan

HEAD = ["Orsak", "Åtgärd", "Operativa mål", "När", "Vem", "Uppföljning"]


def _book(path, sheets: dict[str, list[tuple]], merges: dict[str, list[tuple]] | None = None):
    """Write cell rows (None = empty) and merges with xlsxwriter."""
    wb = xlsxwriter.Workbook(str(path))
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if isinstance(v, dt.date):
                    ws.write_datetime(r, c, dt.datetime.combine(v, dt.time()), date_fmt)
                elif v is not None:
                    ws.write(r, c, v)
        for r0, c0, r1, c1, v in (merges or {}).get(name, []):
            ws.merge_range(r0, c0, r1, c1, v)
    wb.close()
    return path


@pytest.mark.parametrize("layout", ["merged", "repeated", "blank"])
def test_same_as_above_in_every_layout_reads_the_same(tmp_path, layout):
    seed = {"SHEETS": [CUSTOM_AREA], "DISTRICT": "Test", "YEAR": 2025}
    plan = read_plan(write_plan(tmp_path / "p.xlsx", seed, layout=layout))
    t = plan.table
    assert list(t["problem"]) == ["Hög hastighet vid skolor"] * 3
    assert list(t["cause"]) == ["Breda gator inbjuder till fortkörning"] * 2 + ["Föräldrar skjutsar in till skolgården"]
    assert list(t["measure"]) == ["Hastighetskontroller vid tre skolor", "Farthinder på Skolvägen", ""]
    assert list(t["row"]) == [3, 4, 5]
    c = plan.counts().iloc[0]
    assert (c.problems, c.causes, c.measures) == (1, 2, 2)
    assert (c.area, c.title) == (6, "Trafiksäkerhet kring skolor")


def test_header_below_title_rows_with_typos_extra_columns_and_dated_followups(tmp_path):
    rows = [
        ("Åtgärdsplan 2026 – Kungsholmen",),
        (),
        ("Stadsdelsförvaltningen och lokalpolisområdet",),
        (),
        (),
        ("Unga i riskzon för destruktivt beteende", "orsak", "Atgärd", "Operativt mål", "NÄR", "Vem:",
         "Uppföljning", "Uppföljning 2026-01-15", "Kommentar", "Uppföljning T2"),
        ("Ange identifierat problemområde eller utmaning här", "Beskriv orsaken till problemet, kan vara flera",
         "Koppla åtgärd mot respektive orsak.", "Koppla operativa mål till varje åtgärd."),
        ("Problem A", "Orsak A", "Åtgärd 1\nmed två rader", "Mål 1", dt.date(2026, 4, 29), "Polisen", "",
         "Klart", "intern", "Uppföljt"),
        (None, None, "Åtgärd 2", "Mål 2", "Löpande under 2026", "SDF"),
    ]
    plan = read_plan(_book(tmp_path / "k.xlsx", {"Unga": rows}))
    info = plan.area_sheets[0]
    assert (info.header_row, info.instruction_row) == (6, 7)
    assert (info.area, info.matched_by) == (1, "title")
    assert info.followups == ["Uppföljning", "Uppföljning 2026-01-15", "Uppföljning T2"]
    assert info.columns["Uppföljning T2"] == "J" and info.extra_columns == {"Kommentar": "I"}
    assert (plan.year, plan.district) == (2026, "Kungsholmen")
    t = plan.table
    assert list(t["row"]) == [8, 9]
    assert t.loc[0, "measure"] == "Åtgärd 1\nmed två rader"
    assert t.loc[0, "timing"] == "2026-04-29"
    assert t.loc[0, "Uppföljning 2026-01-15"] == "Klart" and t.loc[0, "cell_Uppföljning T2"] == "J8"
    assert (t.loc[1, "problem"], t.loc[1, "src_problem"]) == ("Problem A", "A8")
    assert (t.loc[1, "cause"], t.loc[1, "src_cause"]) == ("Orsak A", "B8")
    assert t.loc[1, "cell_goal"] == "D9"


def test_areas_matched_by_title_then_sheet_name_then_number(tmp_path):
    head = lambda title: [(title, *HEAD), ("x", "y", "z", "Mål", "När", "Vem")]  # noqa: E731
    sheets = {
        "Mina unga": head("Unga i riskzon för destruktiva beteenden"),  # title, with a small difference
        "4. Särskilt utsatta sårbara": head("Brottsoffer"),  # the sheet name
        "5. Livsstil": head("Något helt annat"),  # the number
        "7. Bostäder": head("Bostadsområdet Ringen"),  # a custom area
        "Lista": [("Ja",), ("Nej",)],
    }
    plan = read_plan(_book(tmp_path / "a.xlsx", sheets))
    got = [(i.name, i.area, i.matched_by, i.custom, i.title) for i in plan.area_sheets]
    assert got == [
        ("Mina unga", 1, "title", False, "Unga i riskzon för destruktiva beteenden"),
        ("4. Särskilt utsatta sårbara", 4, "sheet", False, "Brottsoffer"),
        ("5. Livsstil", 5, "number", False, "Något helt annat"),
        ("7. Bostäder", 7, "", True, "Bostadsområdet Ringen"),
    ]
    assert [s.kind for s in plan.sheets][-1] == "other"


def test_free_text_rows_are_notes_not_problems(tmp_path):
    rows = [
        ("Otrygga och brottsutsatta platser", *HEAD),
        ("ÖVERGRIPANDE MÅL", "Minska ytan för de öppna drogscenerna"),
        ("Nedskräpning", "Stadsdelsområdesövergripande\nNedskräpning påverkar tryggheten", "Arbetsgrupp", "Lägesbild",
         "Under T2", "SDF"),
        (None,) * 6,
        ("VIKTIGT ATT VETA", None),  # a shouting label alone is a note too
    ]
    merges = {"Plats": [(4, 1, 4, 6, "Gäller hela bladet")]}
    plan = read_plan(_book(tmp_path / "n.xlsx", {"Plats": rows}, merges))
    t = plan.table
    assert list(t["kind"]) == ["note", "data", "note"]
    assert t.loc[0, "note"] == "ÖVERGRIPANDE MÅL\nMinska ytan för de öppna drogscenerna"
    assert t.loc[2, "note"] == "VIKTIGT ATT VETA\nGäller hela bladet"
    c = plan.counts().iloc[0]
    assert (c.problems, c.causes, c.measures) == (1, 1, 1)


def test_blank_cause_under_a_new_problem_does_not_borrow_the_old_cause(tmp_path):
    rows = [
        ("Kriminella miljöer och livsstilar", *HEAD),
        ("Problem 1", "Orsak 1", "Åtgärd 1", "Mål", "2025", "Polisen"),
        ("Problem 2", None, "Åtgärd 2", "Mål", "2025", "SDF"),
        (None, None, "Åtgärd 3", "Mål", "2025", "SDF"),
    ]
    t = read_plan(_book(tmp_path / "b.xlsx", {"5": rows})).table
    assert list(t["problem"]) == ["Problem 1", "Problem 2", "Problem 2"]
    assert list(t["cause"]) == ["Orsak 1", "", ""]


def test_texts_compare_after_folding_whitespace(tmp_path):
    rows = [
        ("Unga i riskzon för destruktivt beteende", *HEAD),
        ("Unga i  riskzon", "Orsak", "Å1", "M", "2025", "P"),
        ("Unga i\nriskzon ", "Orsak ", "Å2", "M", "2025", "P"),
        ("Förslag nya åtgärder 2025", "Ny orsak"),
    ]
    c = read_plan(_book(tmp_path / "f.xlsx", {"1. Unga i riskzon": rows})).counts().iloc[0]
    assert (c.problems, c.causes, c.measures) == (2, 2, 2)


def test_a_measure_merged_over_two_cause_rows_counts_once(tmp_path):
    rows = [
        ("Otrygga och brottsutsatta platser", *HEAD),
        ("Nedskräpning", "Övergripande orsak", None, None, None, None),
        (None, "Specifik orsak", None, None, None, None),
    ]
    merges = {"2": [(1, 0, 2, 0, "Nedskräpning"), (1, 2, 2, 2, "Arbetsgrupp"), (1, 3, 2, 3, "Lägesbild"),
                    (1, 4, 2, 4, "Under T2"), (1, 5, 2, 5, "SDF")]}
    plan = read_plan(_book(tmp_path / "m.xlsx", {"2": rows}, merges))
    t = plan.table
    assert list(t["measure"]) == ["Arbetsgrupp", "Arbetsgrupp"] and list(t["src_measure"]) == ["C2", "C2"]
    assert list(t["owner"]) == ["SDF", "SDF"]
    c = plan.counts().iloc[0]
    assert (c.problems, c.causes, c.measures) == (1, 2, 1)


def test_a_copied_area_6_sheet_keeps_the_placeholder_number(tmp_path):
    rows = [("[Eget prioriterat område]", *HEAD), ("Problem", "Orsak", "Åtgärd", "Mål", "2025", "SDF")]
    info = read_plan(_book(tmp_path / "e.xlsx", {"Eget område": rows})).area_sheets[0]
    assert (info.area, info.custom, info.matched_by) == (6, True, "title")


def test_district_comes_from_the_area_sheets_when_the_instruction_title_is_bare(tmp_path):
    """Skärholmen's layout: "Åtgärdsplan 2025" on the instruction sheet, the district on each area sheet."""
    import openpyxl

    from tests.seeds import skarholmen
    from xlplan.consolidate import consolidate_plans

    long = "Skärholmens stadsdelsområde och lokalpolisområde Skärholmen"
    seed = {"SHEETS": skarholmen.SHEETS, "DISTRICT": long, "YEAR": 2025}
    path = write_plan(tmp_path / "skarholmen-full.xlsx", seed, title_rows=2)
    wb = openpyxl.load_workbook(path)
    wb["Instruktion"]["A1"] = "Åtgärdsplan 2025"
    wb.save(path)
    plan = read_plan(path)
    assert (plan.year, plan.district) == (2025, "Skärholmen")
    assert set(consolidate_plans([path]).areas["district"]) == {"Skärholmen"}


@pytest.mark.parametrize("text, name", [
    ("Skärholmens stadsdelsområde och lokalpolisområde Skärholmen", "Skärholmen"),
    ("Hässelby-Vällingbys stadsdelsförvaltning", "Hässelby-Vällingby"),
    ("Spånga-Tensta stadsdelsområde", "Spånga-Tensta"),
    ("Enskede-Årsta-Vantörs stadsdelsnämnd", "Enskede-Årsta-Vantör"),
    ("Södermalm", "Södermalm"),
    ("Lokalpolisområde Globen", "Lokalpolisområde Globen"),
])
def test_district_name_from_title_text(text, name):
    from xlplan.reader import district_name

    assert district_name(text) == name
