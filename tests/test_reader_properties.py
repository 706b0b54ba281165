"""Whatever people type into a sheet, the reader returns a table and never raises."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from xlplan.grid import Grid
from xlplan.reader import build_plan

HEADER = ["Unga i riskzon för destruktivt beteende", "Orsak", "Åtgärd", "Operativa mål", "När", "Vem", "Uppföljning"]

cell = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.sampled_from(["", " ", "\n", "ÖVERGRIPANDE MÅL", "Orsak", "Uppföljning 2025-01-15", "Löpande"]),
    st.integers(-5, 5).map(float),
    st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
    st.booleans(),
)


@st.composite
def grids(draw):
    n_rows, n_cols = draw(st.integers(0, 12)), draw(st.integers(0, 9))
    rows = [[draw(cell) for _ in range(n_cols)] for _ in range(n_rows)]
    if rows and draw(st.booleans()):  # often give it a real header somewhere
        at = draw(st.integers(0, len(rows) - 1))
        rows[at] = (HEADER + [None] * n_cols)[: max(n_cols, 7)]
    merges = []
    for _ in range(draw(st.integers(0, 4))):
        if not n_rows or not n_cols:
            break
        r0, c0 = draw(st.integers(0, n_rows - 1)), draw(st.integers(0, n_cols - 1))
        r1, c1 = draw(st.integers(r0, n_rows - 1)), draw(st.integers(c0, n_cols - 1))
        merges.append((r0, c0, r1, c1))
    return Grid(draw(st.sampled_from(["1. Unga i riskzon", "Blad1", "6. Eget", "Analysflik"])), rows, merges)


@settings(max_examples=300, deadline=None)
@given(st.lists(grids(), max_size=3))
def test_reader_never_raises_and_points_at_real_cells(gs):
    plan = build_plan(gs)
    t = plan.table
    assert set(t["kind"]) <= {"data", "note"}
    for info in plan.area_sheets:
        rows = t[t["position"] == info.position]["row"]
        assert (rows > (info.instruction_row or info.header_row)).all()
    for col in [c for c in t.columns if c.startswith(("cell_", "src_"))]:
        assert t[col].map(lambda a: bool(re.fullmatch(r"[A-Z]+[1-9]\d*", a))).all()
    counts = plan.counts()
    assert (counts[["problems", "causes", "measures"]] >= 0).all().all()
    assert (counts["problems"] <= counts["causes"].clip(lower=counts["problems"])).all()
