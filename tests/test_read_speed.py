"""The read side at scale (issue 16): one read, column-wise work, the same answers as before.

These tests hold the faster paths to the slower, obvious ones: the schema's
checks run one by one find exactly what ``schema.validate(lazy=True)`` finds,
the column-wise reader reads merged and "same as above" cells as the
cell-by-cell definition does, counting needs no DataFrame, and the cheap
far-cell bounds never let through what the full count refuses. Timing lives
in bench/, not here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixtures import write_plan
from tests.seeds import skarholmen, sodermalm
from xlplan import read_plan
from xlplan.columns import folded_keys, has_text, remembered
from xlplan.grid import Grid
from xlplan.limits import MAX_CELLS, far_cell
from xlplan.reader import _Merges, build_plan
from xlplan.rules import check, rows
from xlplan.status import measure_status, row_statuses, status_counts
from xlplan.text import fold_ws

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.mark.parametrize("name", ["sodermalm-2025.xlsx", "skarholmen-2025.xlsx"])
def test_checks_run_one_by_one_find_what_pandera_validate_finds(name):
    import pandera.pandas as pa

    plan = read_plan(EXAMPLES / name)
    data = plan.data()
    fields = [c[len("cell_"):] for c in plan.table.columns if c.startswith("cell_") and c != "cell_id"]
    wanted = set(rows.ROW_RULES)
    ours = {(rule, int(data.index[i]), column)
            for rule, positions, column in rows.failures(data, wanted, fields, plan.year) for i in positions}
    theirs = set()
    try:
        rows.row_schema(wanted, fields, plan.year).validate(data, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases[exc.failure_cases["index"].notna()]
        for check_name, index, column in zip(cases["check"], cases["index"], cases["column"]):
            column = "" if check_name in rows.FRAME_RULES or column is None or column != column else str(column)
            theirs.add((str(check_name), int(index), column))
    assert ours and ours == theirs


def _cell_by_cell(grid: Grid, start: int, col: int, merges: _Merges) -> list[str]:
    """The reader's definition, one cell at a time: a covered cell reads its merge's anchor."""
    out = []
    for r in range(start, len(grid.rows)):
        src = merges.anchor(r, col) or (r, col)
        out.append(grid.text(*src))
    return out


def test_merged_runs_read_as_the_cell_by_cell_definition():
    # Overlapping, nested, equal-start and horizontal merges (the malformed ones a hostile file can hold).
    rows_ = [[f"r{r}c{c}" if (r + c) % 3 else None for c in range(6)] for r in range(40)]
    merges = [(2, 1, 9, 1), (5, 1, 7, 2), (5, 0, 6, 3), (12, 1, 30, 1), (12, 1, 14, 1), (20, 0, 22, 5),
              (25, 1, 25, 4), (35, 2, 60, 2)]
    grid = Grid("x", rows_, merges)
    for col in range(6):
        m = _Merges(grid.merges, {col})
        resolved = [grid.text(r, col) for r in range(3, len(rows_))]
        for first, last, r0, c0 in m.owned(col):
            for r in range(max(first, 3), last + 1):
                resolved[r - 3] = grid.text(r0, c0)
        assert resolved == _cell_by_cell(grid, 3, col, m), col


def test_counting_and_statuses_need_no_dataframe():
    plan = read_plan(EXAMPLES / "sodermalm-2025.xlsx")
    counts = status_counts(plan)
    assert plan._table is None  # nothing asked for the DataFrame
    assert sum(sum(v.values()) for v in counts.values()) > 0
    assert plan._table is None
    assert sum(plan.counts()["measures"]) == 47  # the example's measures, as the city counts them
    assert row_statuses(plan) == list(measure_status(plan))


def test_consolidate_workers_do_not_import_pandas():
    code = ("import sys; from xlplan.consolidate import _one; "
            f"r = _one(({str(EXAMPLES / 'sodermalm-2025.xlsx')!r}, None, 'sv')); "
            "assert len(r['measures']) == 47, r; "
            "print(sorted(m for m in ('pandas', 'pandera', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def test_folded_keys_and_has_text_follow_fold_ws():
    import pandas as pd

    texts = pd.Series(["Å två", "Å  två", "A\u030a två", " ", "", "Å tre", "Å två\n"], dtype=object)
    keys = folded_keys(texts).tolist()
    assert keys[0] == keys[1] == keys[2] == keys[6] != keys[5]
    assert keys[3] == keys[4] == -1
    assert has_text(texts).tolist() == [True, True, True, False, False, True, True]
    assert {fold_ws(t) for t in texts if t.strip()} == {"Å två", "Å tre"}


def test_a_table_edited_between_two_checks_is_judged_afresh(tmp_path):
    plan = read_plan(write_plan(tmp_path / "p.xlsx", sodermalm))
    before = [f for f in check(plan) if f.rule == "missing-goal"]
    measured = plan.table.index[(plan.table["kind"] == "data") & (plan.table["measure"].str.strip() != "")]
    goals = plan.table["goal"].copy()
    goals[measured[0]] = ""
    plan.table["goal"] = goals  # a new column: the checks must see it
    after = [f for f in check(plan) if f.rule == "missing-goal"]
    assert len(after) == len(before) + 1
    with remembered():  # and inside one check's memo the same column is judged once
        a = has_text(plan.data()["goal"])
        b = has_text(plan.data()["goal"])
        assert a.equals(b)


def test_findings_identical_on_seeds_in_both_layouts(tmp_path):
    # The layouts people use (merged cells, blanks meaning "same as above") give the same findings.
    for seed in (sodermalm, skarholmen):
        merged = check(read_plan(write_plan(tmp_path / "m.xlsx", seed, layout="merged")))
        blank = check(read_plan(write_plan(tmp_path / "b.xlsx", seed, layout="blank")))
        key = lambda f: (f.rule, f.sheet, f.value)  # noqa: E731
        assert merged and sorted(map(key, merged)) == sorted(map(key, blank))


def _sheet(rows: int, cols: str = "ABCDEFGHIJ", far: str = "") -> bytes:
    body = "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>1</v></c>' for c in cols) + "</row>"
                   for r in range(1, rows + 1))
    return (body + far).encode()


def test_far_cell_bounds_pass_a_long_plan_without_counting(monkeypatch):
    import xlplan.limits as limits

    class Refuse:
        def findall(self, _xml):
            raise AssertionError("the full count ran")

    monkeypatch.setattr(limits, "_VALUE_CELL", Refuse())
    assert far_cell(_sheet(100_010)) is None  # 100,010 rows in A:J: within the bounds, nothing counted


@pytest.mark.parametrize("far", ['<row r="2"><c r="XFD1048576"><v>1</v></c></row>',
                                 '<row r="9"><c r="AZ200000"><v>1</v></c></row>',
                                 '<row r="9"><c r="J999999"><v>1</v></c></row>'])
def test_far_cell_still_refuses_what_the_count_refuses(far):
    found = far_cell(_sheet(50, far=far))
    assert found is not None and found[1] > MAX_CELLS


def test_build_plan_from_grids_without_a_file():
    rows_ = [["Åtgärdsplan 2025 – Test"], ["Problem", "Orsak", "Åtgärd", "Operativa mål", "När", "Vem", "Uppföljning"],
             ["P", "O", "Å1", "Mål 3", "Maj 2025", "Rektor", "Pågår"], [None, None, "Å2", "", "Juni 2025", "", ""]]
    plan = build_plan([Grid("1. Unga i riskzon", rows_)])
    assert plan.columns["problem"] == ["P", "P"] and plan.columns["src_problem"] == ["A3", "A3"]
    assert plan.columns["status"] == ["ongoing", "missing"]
    assert plan.table["row"].tolist() == [3, 4]


def test_merge_matches_alike_rows_in_order_and_fuzzy_only_when_unique():
    from xlplan.merge import _match_rows

    def row(n, measure, ident=""):
        return {"row": n, "id": ident, "problem": "P", "cause": "O", "measure": measure}

    master = [row(3, "Samma"), row(4, "Samma", "x1"), row(5, "Samma"), row(6, "Trygghetsvandring i Fruängen"),
              row(7, "Åtgärd A"), row(8, "Åtgärd B")]
    copy = [row(10, "Samma", "x1"), row(11, "Samma "), row(12, "Samma"), row(13, "Trygghetsvandring i Fruängen!"),
            row(14, "Åtgärd C")]
    matched, fuzzy = _match_rows(master, copy, 90)
    assert matched[0] == 1  # by identity
    assert (matched[1], matched[2]) == (0, 2)  # the same texts, in order, past the row taken by identity
    assert matched[3] == 3 and fuzzy == [{"copy_row": 13, "master_row": 6, "score": fuzzy[0]["score"]}]
    assert 4 not in matched  # "Åtgärd C" is as near to A as to B: a tie is no match


def test_commands_run_without_the_cycle_collector_and_leave_it_as_it_was(monkeypatch, tmp_path):
    import gc

    from click.testing import CliRunner

    import xlplan.cli as cli

    seen = []
    real = cli._run
    monkeypatch.setattr(cli, "_run", lambda func, *a, **k: (seen.append((func.__name__, gc.isenabled())),
                                                            real(func, *a, **k))[1])
    assert gc.isenabled()
    result = CliRunner().invoke(cli.main, ["validate", str(EXAMPLES / "sodermalm-2025.xlsx")])
    assert result.exit_code == 1 and seen == [("validate", False)]
    assert gc.isenabled()  # as it was: the CLI also runs inside other processes (tests, scripts)
    with cli._one_shot("serve" not in cli._LONG_RUNNING):
        assert gc.isenabled()  # the server keeps it
