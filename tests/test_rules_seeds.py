"""On both real plans, the findings are exactly the rows that lack a goal, owner or timing.

Expected cells come from the hand-worked EXPECTED_MISSING in tests/seeds/ and
the layout's own geometry, never from running xlplan.
"""

from __future__ import annotations

import importlib

import pytest

from tests.fixtures import write_plan
from xlplan import read_plan
from xlplan.rules import check

LETTER = {"goal": "D", "timing": "E", "owner": "F"}
RULE = {"goal": "missing-goal", "timing": "missing-timing", "owner": "missing-owner"}
LAYOUTS = [dict(layout="merged"), dict(layout="repeated"), dict(layout="blank"),
           dict(layout="merged", title_rows=2, reverse=True, instruction_row=False)]


@pytest.fixture(scope="module", params=[(s, i) for s in ("skarholmen", "sodermalm") for i in range(len(LAYOUTS))],
                ids=lambda p: f"{p[0]}-{p[1]}")
def checked(request, tmp_path_factory):
    name, i = request.param
    seed = importlib.import_module(f"tests.seeds.{name}")
    opts = LAYOUTS[i]
    plan = read_plan(write_plan(tmp_path_factory.mktemp("r") / f"{name}.xlsx", seed, **opts))
    first = 1 + opts.get("title_rows", 0) + (1 if opts.get("instruction_row", True) else 0) + 1
    return seed, first, check(plan)


def test_missing_goal_owner_timing_are_exactly_the_hand_worked_cells(checked):
    seed, first, findings = checked
    want = {(RULE[field], sheet, f"{LETTER[field]}{first + i}")
            for sheet, misses in seed.EXPECTED_MISSING.items() for i, field in misses}
    got = {(f.rule, f.sheet, f.cell) for f in findings if f.rule in RULE.values()}
    assert got == want
    assert all(f.severity == "error" for f in findings if f.rule in RULE.values())


def test_no_goal_timing_or_owner_stands_without_a_measure_in_either_plan(checked):
    _, _, findings = checked
    assert [f for f in findings if f.rule == "goal-without-measure"] == []


def test_causes_without_measures_are_the_proposals(checked):
    seed, first, findings = checked
    got = [(f.sheet, f.cell, f.value) for f in findings if f.rule == "cause-without-measure"]
    if seed.DISTRICT == "Södermalm":  # the two "Förslag nya åtgärder 2025" rows at the end of sheet 1
        n = len(seed.SHEETS[0]["rows"])
        assert got == [("1. Unga i riskzon", f"B{first + n - 2}", "Behov av att nå fler barn genom tidig upptäckt"),
                       ("1. Unga i riskzon", f"B{first + n - 1}", "Ökad andel unga brottsoffer som inte anmäler.")]
    else:
        assert got == []


def test_unclear_timings_are_the_undecided_and_unplaceable_ones(checked):
    seed, _, findings = checked
    got = sorted(f.value for f in findings if f.rule == "unclear-timing")
    if seed.DISTRICT == "Södermalm":
        assert got == sorted([
            "Vid behov", "Vid behov.", "Datum ej satt, förslag i höst.",
            "Thor sammanfattar ett förslag för vidare behandling.",
            "Oklart när detta kommer igång, ligger just nu hos polisen.",
            "Workshopen kommer att erbjudas vid ”En vecka fri från våld”/”Sluta slå-veckan”",
            "ej bestämt", "ej bestämt", "datum efterfrågat"])
    else:
        assert got == ["Trygghetsdagarna Seniordagarna"]


def test_no_timing_is_outside_2025_and_the_email_is_found(checked):
    seed, first, findings = checked
    assert [f for f in findings if f.rule == "timing-outside-year"] == []
    mails = [(f.sheet, f.cell[0]) for f in findings if f.rule == "personal-data"]
    assert mails == ([("1. Unga i riskzon", "H"), ("1. Unga i riskzon", "I")] if seed.DISTRICT == "Södermalm" else [])


def test_stale_analysis_on_sodermalm_points_at_the_wrong_counts(tmp_path):
    from tests.seeds import sodermalm

    plan = read_plan(write_plan(tmp_path / "s.xlsx", sodermalm))
    got = [(f.sheet, f.cell, f.value, f.field) for f in check(plan) if f.rule == "stale-analysis"]
    # filed 12/13/11 vs 2/13/11 and 9/9/9 vs 4/4/9 (tests/seeds/sodermalm.py)
    assert got == [("Analysflik", "B4", "12", "problems"), ("Analysflik", "B8", "9", "problems"),
                   ("Analysflik", "C8", "9", "causes")]
