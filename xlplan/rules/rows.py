"""Row-level rules as one pandera schema over the plan's data rows.

Each check is named after its rule; a failed check's rows become findings.
Checks that need one column are column checks (pandera then tells which
column failed, so personal data is reported in the right cell); checks that
compare columns of a row are DataFrame-wide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ..timing import parse as parse_timing
from .heuristics import is_vague_goal, looks_like_person, personal_data

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

MISSING = {"missing-goal": "goal", "missing-owner": "owner", "missing-timing": "timing"}
FRAME_RULES = (*MISSING, "goal-without-measure")
ROW_RULES = (*MISSING, "goal-without-measure", "unclear-timing", "timing-outside-year", "vague-goal",
             "owner-is-person", "personal-data")


def _each_unique(s: pd.Series, judge: Callable[[str], bool]) -> pd.Series:
    """``judge`` once per distinct text: plans repeat texts (problems, owners) and leave most cells empty."""
    from ..columns import judged

    return judged(s, lambda value: bool(judge(value)))


def _filled(s: pd.Series) -> pd.Series:
    from ..columns import has_text

    return has_text(s)


def missing(data: pd.DataFrame, field: str) -> pd.Series:
    """Rows that have a measure but no ``field``: the one definition behind missing-goal/-owner/-timing."""
    return _filled(data["measure"]) & ~_filled(data[field])


def has_column(data: pd.DataFrame, field: str) -> pd.Series:
    """Rows whose sheet has the ``field`` column at all.

    A sheet whose header lacks När or Vem gets one header-mismatch finding
    naming the column, not a missing-timing or missing-owner finding on every
    row. (Counts such as consolidate's "missing owner" still count those
    measures: they do lack an owner.)
    """
    return data[f"cell_{field}"] != ""


def _timing_ok(year: int | None) -> Callable[[str], bool]:
    def ok(text: str) -> bool:
        if not text.strip():
            return True
        t = parse_timing(text, year)
        return t.placed and not t.undecided
    return ok


def outside_year(text: str, year: int) -> bool:
    t = parse_timing(text, year)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (t.end is not None and t.end < first) or (t.start is not None and t.start > last)


def row_schema(rules: set[str], text_fields: list[str], year: int | None):
    """A DataFrameSchema holding the selected row rules' checks."""
    import pandera.pandas as pa

    def Check(fn, name: str):  # noqa: N802 - pandera's Check with one setting for every rule
        # The plan table has no missing values (an empty cell is ""), so pandera need not look for any.
        return pa.Check(fn, name=name, ignore_na=False)

    frame_checks, column_checks = [], {}

    def add(field: str, check) -> None:
        column_checks.setdefault(field, []).append(check)

    for rule, field in MISSING.items():
        if rule in rules:
            frame_checks.append(Check(lambda d, f=field: ~(missing(d, f) & has_column(d, f)), name=rule))
    if "goal-without-measure" in rules:
        frame_checks.append(Check(
            lambda d: _filled(d["measure"]) | ~(_filled(d["goal"]) | _filled(d["timing"]) | _filled(d["owner"])),
            name="goal-without-measure"))
    if "unclear-timing" in rules:
        add("timing", Check(lambda s: _each_unique(s, _timing_ok(year)), name="unclear-timing"))
    if "timing-outside-year" in rules and year:
        add("timing", Check(lambda s: ~_each_unique(s, lambda t: bool(t.strip()) and outside_year(t, year)),
                               name="timing-outside-year"))
    if "vague-goal" in rules:
        add("goal", Check(lambda s: ~_each_unique(s, is_vague_goal), name="vague-goal"))
    if "owner-is-person" in rules:
        add("owner", Check(lambda s: ~_each_unique(s, looks_like_person), name="owner-is-person"))
    if "personal-data" in rules:
        for field in text_fields:
            add(field, Check(lambda s: _each_unique(s, lambda t: personal_data(t) is None), name="personal-data"))
    columns = {f: pa.Column(checks=checks, nullable=True) for f, checks in column_checks.items()}
    return pa.DataFrameSchema(columns, checks=frame_checks, strict=False)


def failures(data: pd.DataFrame, rules: set[str], text_fields: list[str],
             year: int | None) -> Iterator[tuple[str, np.ndarray, str]]:
    """(rule, positions in ``data`` of the rows that fail it, column or "") per check of the schema.

    The schema's checks are run one by one (``Check.__call__``), each over
    whole columns: what ``schema.validate(lazy=True)`` decides, without the
    failure-case report pandera would build and format for every failed row
    (four fifths of the time on a plan of 50,000 rows). A test holds the two
    to the same answer.
    """
    import numpy as np

    wanted = rules & set(ROW_RULES)
    if not wanted or data.empty:
        return
    schema = row_schema(wanted, text_fields, year)
    for check in schema.checks:  # whole-row checks: the finding's column is decided per rule
        yield check.name, np.flatnonzero(~check(data).check_output.to_numpy(dtype=bool)), ""
    for column, spec in schema.columns.items():
        if column not in data:
            continue
        for check in spec.checks:
            yield check.name, np.flatnonzero(~check(data[column]).check_output.to_numpy(dtype=bool)), column
