"""Each rule on a small plan written with xlsxwriter: what it finds and what it leaves alone."""

from __future__ import annotations

import pytest
import xlsxwriter

from xlplan import read_plan
from xlplan.config import Config
from xlplan.errors import PlanError
from xlplan.rules import RULES, check
from xlplan.template import structure

S = structure()
HEAD = ["Orsak", "Åtgärd", "Operativa mål", "När", "Vem", "Uppföljning"]


def write(path, sheets: dict, merges: dict | None = None, analysis: list | None = None, extra: list[str] = ()):
    """Instruktion + the given area sheets (+ Analysflik rows) with xlsxwriter."""
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("Instruktion").write(0, 0, "Åtgärdsplan 2025 – Test")
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is not None:
                    ws.write(r, c, v)
        for r0, c0, r1, c1, v in (merges or {}).get(name, []):
            ws.merge_range(r0, c0, r1, c1, v)
    for name in extra:
        wb.add_worksheet(name).write(0, 0, "Ja")
    if analysis is not None:
        ws = wb.add_worksheet("Analysflik")
        ws.write_row(2, 0, S.analysis_headers)
        for i, row in enumerate(analysis, start=3):
            ws.write_row(i, 0, row)
    wb.close()
    return path


def area(number: int, rows: list[tuple], header: list[str] | None = None) -> tuple[str, list]:
    a = next(a for a in S.areas if a.number == number)
    return a.sheet, [[a.title, *(header or HEAD)], *rows]


GOOD = ("Problem", "Orsak", "Åtgärd", "Minst 4 möten under året", "Löpande under 2025", "Polisen")


def full_plan(tmp_path, rows_by_area: dict[int, list], **kw):
    sheets = dict(area(n, rows_by_area.get(n, [GOOD])) for n in range(1, 6))
    return read_plan(write(tmp_path / "p.xlsx", sheets, analysis=kw.pop("analysis", _analysis(1, 1, 1)), **kw))


def _analysis(p, c, m):
    return [[a.title, p, c, m] for a in S.fixed_areas] + [[S.analysis_placeholder, 0, 0, 0]]


def rules_found(plan, **cfg):
    return [(f.rule, f.sheet, f.cell) for f in check(plan, Config(**cfg))]


def test_a_clean_plan_has_no_findings(tmp_path):
    assert rules_found(full_plan(tmp_path, {})) == []


def test_goal_without_measure_points_at_the_missing_measure(tmp_path):
    plan = full_plan(tmp_path, {1: [GOOD, ("Problem", "Orsak", None, "Ett mål utan åtgärd 2 ggr", None, None)]})
    found = [f for f in check(plan) if f.rule == "goal-without-measure"]
    assert [(f.cell, f.field, f.value) for f in found] == [("C3", "goal", "Ett mål utan åtgärd 2 ggr")]
    assert found[0].message == "Raden har Operativa mål men ingen åtgärd: Ett mål utan åtgärd 2 ggr"


def test_timing_outside_the_plans_year(tmp_path):
    rows = [GOOD, ("Problem", "Orsak", "Å2", "Minst 2", "Hösten 2024", "SDF"),
            ("Problem", "Orsak", "Å3", "Minst 2", "Genomfördes 2024, igen våren 2025", "SDF"),
            ("Problem", "Orsak", "Å4", "Minst 2", "T1 2026", "SDF")]
    found = [f for f in check(full_plan(tmp_path, {2: rows}, analysis=_analysis(1, 1, 1))) if f.rule == "timing-outside-year"]
    assert [(f.cell, f.value) for f in found] == [("E3", "Hösten 2024"), ("E5", "T1 2026")]
    assert "2024-09-01 – 2024-11-30" in found[0].message and "2025" in found[0].message


def test_year_from_configuration_wins(tmp_path):
    plan = full_plan(tmp_path, {2: [GOOD, ("Problem", "Orsak", "Å2", "Minst 2", "Hösten 2024", "SDF")]})
    assert not [f for f in check(plan, Config(year=2024)) if f.rule == "timing-outside-year" and f.value == "Hösten 2024"]


@pytest.mark.parametrize("goal,vague", [
    ("Verka för ökad trygghet", True),
    ("Värna om de boendes trygghet", True),
    ("Stärka samverkan kring barn och unga", True),
    ("Minst 6 kontroller per termin", False),
    ("Andelen unga som anmäler brott ökar", False),
    ("Rutinen är reviderad och testad.", False),
    ("Alla kommunala grundskolor erbjuds workshop-underlag", False),
    ("Struktur presenteras i september", False),
])
def test_vague_goal(tmp_path, goal, vague):
    plan = full_plan(tmp_path, {3: [("Problem", "Orsak", "Åtgärd", goal, "Under 2025", "Polisen")]})
    assert bool([f for f in check(plan) if f.rule == "vague-goal"]) is vague


@pytest.mark.parametrize("owner,person", [
    ("Kristoffer", True), ("Peter, Sara och Malin", True), ("Robin Glad", True),
    ("Polisen", False), ("SDF, Tor Löfgren", False), ("Enhetschef RVC (Avd. Individ och familj)", False),
    ("Skafast, Polisen och stadsdelsförvaltningen", False), ("Soc", False),
])
def test_owner_is_person(tmp_path, owner, person):
    plan = full_plan(tmp_path, {4: [("Problem", "Orsak", "Åtgärd", "Minst 2", "Under 2025", owner)]})
    assert bool([f for f in check(plan) if f.rule == "owner-is-person"]) is person


@pytest.mark.parametrize("text,what", [
    ("Skickas till anna.berg@edu.stockholm.se", "en e-postadress"),
    ("Ring 08-508 123 45", "ett telefonnummer"),
    ("Ring 070-123 45 67", "ett telefonnummer"),
    ("Gäller 850101-1234", "ett personnummer"),
    ("Genomfört 2025-03-26, 12 deltagare", None),
    ("Frågor till skolkontakt@edu.stockholm.se", None),  # a role's mailbox is public contact data
    ("Diarienummer e02113795b07 och SN-2025-0123456", None),  # digits inside a word are no phone number
])
def test_personal_data_in_any_column(tmp_path, text, what):
    plan = full_plan(tmp_path, {5: [("Problem", "Orsak", "Åtgärd", "Minst 2", "Under 2025", "Polisen", text)]})
    found = [f for f in check(plan) if f.rule == "personal-data"]
    if what is None:
        assert found == []
    else:
        assert [(f.cell, f.field) for f in found] == [("G2", "Uppföljning")] and what in found[0].message


def test_duplicate_measure_under_the_same_problem_and_cause_only(tmp_path):
    rows = [GOOD, ("Problem", "Orsak", "Åtgärd ", "Minst 2", "Under 2025", "SDF"),
            ("Annat problem", "Orsak", "Åtgärd", "Minst 2", "Under 2025", "SDF")]
    found = [f for f in check(full_plan(tmp_path, {1: rows}, analysis=_analysis(1, 1, 1))) if f.rule == "duplicate-measure"]
    assert [(f.cell, f.message) for f in found] == [
        ("C3", "Samma åtgärd står redan i C2 under samma problem och orsak: Åtgärd")]


def test_a_merged_timing_is_reported_once(tmp_path):
    sheets = dict(area(n, [GOOD]) for n in range(2, 6))
    name, rows = area(1, [("P", "O", "Å1", "Minst 2", None, "SDF"), ("P", "O", "Å2", "Minst 2", None, "SDF")])
    sheets[name] = rows
    plan = read_plan(write(tmp_path / "m.xlsx", sheets, merges={name: [(1, 4, 2, 4, "ej bestämt")]},
                           analysis=_analysis(1, 1, 1)))
    assert [(f.rule, f.cell) for f in check(plan) if f.rule == "unclear-timing"] == [("unclear-timing", "E2")]


def test_structure_rules(tmp_path):
    sheets = dict(area(n, [GOOD]) for n in (1, 3, 4, 5))
    name, rows = area(2, [GOOD], header=["Orsak", "Atgärd", "Operativt mål", "När", "Vem", "Uppföljning"])
    sheets[name] = rows
    sheets["7. Eget område"] = [["Eget område", *HEAD], GOOD]
    plan = read_plan(write(tmp_path / "s.xlsx", sheets, extra=["Lista"], analysis=_analysis(1, 1, 1)))
    found = [(f.rule, f.sheet, f.cell, f.value) for f in check(plan) if f.rule in
             ("header-mismatch", "missing-sheet", "unknown-sheet", "stale-analysis")]
    assert ("header-mismatch", name, "C1", "Atgärd") in found
    assert ("header-mismatch", name, "D1", "Operativt mål") in found
    assert ("unknown-sheet", "Lista", "", "") in found
    assert ("stale-analysis", "Analysflik", "A9", "[Eget prioriterat område]") in found  # area 7 takes the free row
    assert not [f for f in found if f[0] == "missing-sheet"]
    del sheets[name]
    plan = read_plan(write(tmp_path / "s2.xlsx", sheets))
    missing = {f.sheet for f in check(plan) if f.rule == "missing-sheet"}
    assert missing == {"2. Otrygga brottsutsatta plats ", "Analysflik"}


def test_header_without_a_column_is_reported(tmp_path):
    sheets = dict(area(n, [GOOD]) for n in range(2, 6))
    name, rows = area(1, [GOOD[:6]], header=["Orsak", "Åtgärd", "Operativa mål", "När", "Uppföljning"])
    sheets[name] = [r[:6] for r in rows]
    found = [f for f in check(read_plan(write(tmp_path / "h.xlsx", sheets, analysis=_analysis(1, 1, 1))))
             if f.rule == "header-mismatch"]
    assert [(f.field, f.message) for f in found] == [("owner", 'Kolumnen Vem saknas i fliken "1. Unga i riskzon"')]


def test_severity_select_and_ignore_from_configuration(tmp_path):
    plan = full_plan(tmp_path, {2: [("P", "O", "Å", "", "Under 2025", "Polisen")]})
    assert [(f.rule, f.severity) for f in check(plan)] == [("missing-goal", "error")]
    assert [(f.rule, f.severity) for f in check(plan, Config(severity={"missing-goal": "warning"}))] == [
        ("missing-goal", "warning")]
    assert check(plan, Config(ignore=frozenset({"missing-goal"}))) == []
    assert check(plan, Config(select=frozenset({"missing-owner"}))) == []
    with pytest.raises(PlanError, match="Okänd regel"):
        Config().with_options(select="missing-gaol")


def test_messages_in_english(tmp_path):
    plan = full_plan(tmp_path, {2: [("P", "O", "Å", "", "Under 2025", "Polisen")]})
    assert check(plan, lang="en")[0].message == "The measure has no operational goal: Å"


def test_every_rule_has_both_languages_and_a_known_severity():
    for rule in RULES.values():
        assert rule.severity in ("error", "warning", "info")
        for lang in ("sv", "en"):
            assert len(rule.explain(lang)) > 80 and rule.summary(lang)
        assert rule.explain("sv") != rule.explain("en")


def test_the_add_ins_findings_sheet_is_not_an_unknown_sheet(tmp_path):
    sheets = dict(area(n, [GOOD]) for n in range(1, 6))
    path = write(tmp_path / "g.xlsx", sheets, analysis=_analysis(1, 1, 1), extra=["Granskning", "Anteckningar"])
    unknown = [f.sheet for f in check(read_plan(path)) if f.rule == "unknown-sheet"]
    assert unknown == ["Anteckningar"]


def test_the_hidden_identity_column_is_never_judged_as_content(tmp_path):
    """Identities are xlplan's: "0701234567" or "e02113795b07" there is no phone number."""
    head = [*HEAD, "xlplan-id"]
    rows = [("Problem", "Orsak", "Åtgärd", "Minst 2", "Under 2025", "Polisen", "", ident)
            for ident in ("0701234567", "e02113795b07", "850101-1234")]
    sheets = dict(area(n, rows if n == 1 else [GOOD]) for n in range(1, 6))
    sheets["1. Unga i riskzon"] = area(1, rows, header=head)[1]
    plan = read_plan(write(tmp_path / "p.xlsx", sheets, analysis=_analysis(1, 1, 3)))
    assert plan.area_sheets[0].id_column == "H"
    assert [f for f in check(plan) if f.rule == "personal-data" or f.cell.startswith("H")] == []
