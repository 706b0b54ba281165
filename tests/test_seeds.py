"""The reader on the two real plans, however their sheets are laid out.

Expected rows come from the hand transcriptions in tests/seeds/, expected
counts from hand work on the seed text (see the comments there), never from
running xlplan.
"""

from __future__ import annotations

import importlib

import pytest

from tests.fixtures import CUSTOM_AREA, resolve, write_plan
from tests.seeds.common import SAME
from xlplan import read_plan
from xlplan.template import FIELDS, structure

SEEDS = ["skarholmen", "sodermalm"]
LAYOUTS = [
    dict(layout="merged"),
    dict(layout="repeated"),
    dict(layout="blank"),
    dict(layout="merged", title_rows=2, reverse=True),
    dict(layout="blank", title_rows=3, custom_area=CUSTOM_AREA, instruction_row=False),
    dict(layout="repeated", reverse=True, custom_area=CUSTOM_AREA, dates=False),
]


def seed(name):
    return importlib.import_module(f"tests.seeds.{name}")


@pytest.fixture(scope="module", params=[(s, i) for s in SEEDS for i in range(len(LAYOUTS))],
                ids=lambda p: f"{p[0]}-{p[1]}")
def written(request, tmp_path_factory):
    name, i = request.param
    opts = LAYOUTS[i]
    path = write_plan(tmp_path_factory.mktemp("seed") / f"{name}-{i}.xlsx", seed(name), **opts)
    return seed(name), opts, read_plan(path)


def test_every_area_sheet_is_found_with_its_area(written):
    s, opts, plan = written
    struct = structure()
    want = [(sh["name"], next(a.number for a in struct.areas if a.sheet == sh["name"])) for sh in s.SHEETS]
    if opts.get("custom_area"):
        want.append((CUSTOM_AREA["name"], 6))
    if opts.get("reverse"):
        want.reverse()
    assert [(i.name, i.area) for i in plan.area_sheets] == want
    assert (plan.year, plan.district) == (s.YEAR, s.DISTRICT)
    for info, sh in zip(plan.area_sheets, s.SHEETS if not opts.get("reverse") else []):
        assert info.followups == sh["followup_headers"]
        assert info.header_row == 1 + opts.get("title_rows", 0)


def test_counts_match_the_hand_counts(written):
    s, opts, plan = written
    got = {r.sheet: {"problems": r.problems, "causes": r.causes, "measures": r.measures}
           for r in plan.counts().itertuples()}
    want = dict(s.EXPECTED_COUNTS)
    if opts.get("custom_area"):
        want[CUSTOM_AREA["name"]] = {"problems": 1, "causes": 2, "measures": 2}
    assert got == want


def test_rows_and_texts_match_the_transcription(written):
    s, opts, plan = written
    for sh in s.SHEETS:
        t = plan.table[plan.table["sheet"] == sh["name"]].reset_index(drop=True)
        rows = sh["rows"]
        assert len(t) == len(rows), sh["name"]
        assert list(t["kind"]) == ["note" if r.get("kind") == "note" else "data" for r in rows]
        for field in FIELDS:
            want = resolve(rows, field)
            assert list(t[field]) == want, (sh["name"], field)
        for j, header in enumerate(sh["followup_headers"]):
            fu = [r.get("followups", [""] * (j + 1))[j] if r.get("kind") != "note" else "" for r in rows]
            resolved, last = [], ""
            for v in fu:
                last = last if v is SAME else v
                resolved.append(last)
            assert list(t[header]) == resolved, (sh["name"], header)
        notes = [r for r in rows if r.get("kind") == "note"]
        assert list(t.loc[t["kind"] == "note", "note"]) == [f"{r['label']}\n{r['text']}" for r in notes]
        first = 1 + opts.get("title_rows", 0) + (1 if opts.get("instruction_row", True) else 0) + 1
        assert list(t["row"]) == list(range(first, first + len(rows)))


def test_measure_cells_point_at_the_measure_column(written):
    s, opts, plan = written
    data = plan.table[plan.table["kind"] == "data"]
    assert data["cell_measure"].str.startswith("C").all()
    assert (data["cell_goal"].str[1:].astype(int) == data["row"]).all()
