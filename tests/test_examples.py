"""The bundled examples: what the README's first command runs on."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from tests import make_examples
from xlplan import read_plan

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize("name", sorted(make_examples.PLANS))
def test_committed_example_reads_like_a_fresh_build(tmp_path, name):
    make_examples.build(tmp_path)
    committed, fresh = read_plan(EXAMPLES / name), read_plan(tmp_path / name)
    pd.testing.assert_frame_equal(committed.table, fresh.table)


@pytest.mark.parametrize("name", sorted(make_examples.PLANS))
def test_readme_main_command_gives_the_hand_counts(cli, name):
    code, out, _ = cli("summary", EXAMPLES / name, "--format", "json")
    assert code == 0
    got = {a["sheet"]: {k: a[k] for k in ("problems", "causes", "measures")} for a in json.loads(out)["areas"]}
    assert got == make_examples.PLANS[name].EXPECTED_COUNTS


def test_sodermalm_example_counts_differ_from_its_filed_analysis_where_text_repeats():
    """The filed tab counted cells; sheet 1 repeats one problem on eleven rows: 2 problems, not 12."""
    from tests.seeds import sodermalm

    counts = read_plan(EXAMPLES / "sodermalm-2025.xlsx").counts().set_index("title")
    assert sodermalm.ANALYSIS_AS_FILED["Unga i riskzon för destruktivt beteende"][0] == 12
    assert counts.loc["Unga i riskzon för destruktivt beteende", "problems"] == 2
    assert counts.loc["Kriminella miljöer och livsstilar", "problems"] == 4
