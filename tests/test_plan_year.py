"""The year of a plan: start a follow-up round, merge the parties' copies, count statuses, build next year's plan.

Copies are filled with xlplan's own part-level writer (apply_edits SetValue), never openpyxl (which drops parts).
``xlplan.status`` is another module's; when it is not there yet a minimal stand-in is installed by monkeypatch
for these tests only.
"""

from __future__ import annotations

import importlib
import re
import shutil
import sys
import types
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from xlplan.apply import apply_edits
from xlplan.cli import main
from xlplan.edits import SetValue
from xlplan.reader import read_plan

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sodermalm-2025.xlsx"
ROUND = "Uppföljning 2026-04-30"


# --------------------------------------------------------------------------- helpers

def _fallback_status() -> types.ModuleType:
    """A stand-in for xlplan.status with its interface: keyword classification of the latest started round."""
    mod = types.ModuleType("xlplan.status")

    def classify(text: str) -> str:
        t = (text or "").casefold()
        if re.search(r"stryk|struk|avbrut", t):
            return "dropped"
        if re.search(r"ej påbörj|inte påbörj|ej startat", t):
            return "not-started"
        if re.search(r"genomför|klar|avslutad", t):
            return "done"
        if re.search(r"pågår|pågående|löpande", t):
            return "ongoing"
        return "unknown"

    def measure_status(plan) -> pd.Series:
        table = plan.table
        dated = sorted((h for info in plan.area_sheets for h in info.followups if re.search(r"\d{4}-\d\d-\d\d", h)),
                       key=lambda h: re.search(r"\d{4}-\d\d-\d\d", h).group(0))
        started = [h for h in dated if table[h].str.strip().ne("").any()]
        latest = started[-1] if started else None
        out = []
        for _, rec in table.iterrows():
            if rec["kind"] != "data" or not rec["measure"].strip():
                out.append("")
            elif latest is None or not rec[latest].strip():
                out.append("missing")
            else:
                out.append(classify(rec[latest]))
        return pd.Series(out, index=table.index, dtype=object)

    mod.classify, mod.measure_status = classify, measure_status
    return mod


@pytest.fixture
def status(monkeypatch):
    """xlplan.status, or the stand-in when the real module is not there yet."""
    try:
        return importlib.import_module("xlplan.status")
    except ImportError:
        mod = _fallback_status()
        monkeypatch.setitem(sys.modules, "xlplan.status", mod)
        import xlplan

        monkeypatch.setattr(xlplan, "status", mod, raising=False)
        return mod


def _run(*args: str):
    return CliRunner().invoke(main, [*map(str, args)], catch_exceptions=False)


def _copy(tmp_path: Path, name: str = "plan.xlsx") -> Path:
    dst = tmp_path / name
    shutil.copy(EXAMPLE, dst)
    return dst


def _with_ids(path: Path) -> Path:
    from xlplan.normalise import normalise_edits

    apply_edits(path, normalise_edits(read_plan(path), ids=True))
    return path


def _cell(plan, sheet_no: int, row: int, header: str) -> str:
    info = plan.area_sheets[sheet_no]
    return f"{info.columns[header]}{row}"


def _fill(path: Path, header: str, texts: dict[tuple[int, int], str]) -> None:
    """Write follow-up texts (area-sheet index, row) -> text into ``header``'s column, with the part writer."""
    plan = read_plan(path)
    edits = [SetValue(plan.area_sheets[s].name, _cell(plan, s, r, header), t, "", "followup") for (s, r), t in
             texts.items()]
    apply_edits(path, edits)


def _row(plan, sheet_no: int, row: int) -> dict:
    t = plan.table
    return t[(t["sheet"] == plan.area_sheets[sheet_no].name) & (t["row"] == row)].iloc[0].to_dict()


# --------------------------------------------------------------------------- followup start

def test_start_adds_the_dated_column_to_every_area_sheet_once(tmp_path):
    plan = _copy(tmp_path)
    first = _run("followup", "start", plan, "--date", "2026-04-30")
    assert first.exit_code == 0, first.output
    read = read_plan(plan)
    assert all(ROUND in info.followups and info.followups[-1] == ROUND for info in read.area_sheets)
    info = read.area_sheets[1]
    assert read.table.loc[read.table["sheet"] == info.name, ROUND].eq("").all()  # empty, ready for the parties
    before = plan.read_bytes()
    second = _run("followup", "start", plan, "--date", "2026-04-30")
    assert second.exit_code == 0 and "redan" in second.output
    assert plan.read_bytes() == before  # nothing written


def test_start_check_and_output_leave_the_plan_alone(tmp_path):
    plan = _copy(tmp_path)
    before = plan.read_bytes()
    assert _run("followup", "start", plan, "--date", "2026-04-30", "--check").exit_code == 1
    out = tmp_path / "started.xlsx"
    assert _run("followup", "start", plan, "--date", "2026-04-30", "-o", out).exit_code == 0
    assert plan.read_bytes() == before
    assert ROUND in read_plan(out).area_sheets[0].followups


@pytest.mark.parametrize("bad", ["2026-4-30", "2026-02-30", "30/4 2026", "i morgon"])
def test_a_bad_date_is_one_sentence_and_exit_2(tmp_path, bad):
    plan = _copy(tmp_path)
    before = plan.read_bytes()
    result = CliRunner().invoke(main, ["followup", "start", str(plan), "--date", bad])
    assert result.exit_code == 2
    assert "ÅÅÅÅ-MM-DD" in result.output and "Traceback" not in result.output
    assert plan.read_bytes() == before


def test_an_earlier_date_is_said_and_still_appended_last(tmp_path):
    plan = _copy(tmp_path)  # sheet 1 already has Uppföljning 2025-03-19
    result = _run("followup", "start", plan, "--date", "2025-02-01")
    assert result.exit_code == 0
    assert "senare uppföljning" in result.output and "2025-03-19" in result.output
    first = read_plan(plan).area_sheets[0]
    assert first.followups[-1] == "Uppföljning 2025-02-01"  # appended after the later one, as documented


# --------------------------------------------------------------------------- next year's plan

def _old_plan(tmp_path: Path) -> Path:
    """The Södermalm plan with identities and a round in which one measure is done, one dropped, one ongoing."""
    plan = _with_ids(_copy(tmp_path, "plan-2025.xlsx"))
    assert _run("followup", "start", plan, "--date", "2025-11-30").exit_code == 0
    _fill(plan, "Uppföljning 2025-11-30", {
        (1, 6): "Genomfört, workshopen hölls i april.",  # "Under våren 2025": done
        (1, 9): "Struken, ingen budget i år.",  # "Sommar 2025": dropped
        (1, 5): "Pågår, workshop planerad.",  # ongoing
        (0, 3): "Genomfört enligt plan.",  # done but recurring ("2 gånger per månad - löpande"): kept
    })
    return plan


def test_next_year_leaves_out_done_and_dropped_and_lists_them(tmp_path, status):
    old = _old_plan(tmp_path)
    new = tmp_path / "plan-2026.xlsx"
    result = _run("new", "--from", old, "--year", "2026", "-o", new)
    assert result.exit_code == 0, result.output
    before = read_plan(old)
    done, dropped = _row(before, 1, 6), _row(before, 1, 9)
    assert "Lämnas kvar i 2025" in result.output
    assert done["measure"].split()[0] in result.output and dropped["measure"].split()[0] in result.output
    after = read_plan(new)
    measures = set(after.table["measure"])
    assert done["measure"] not in measures and dropped["measure"] not in measures
    assert _row(before, 1, 5)["measure"] in measures  # ongoing
    assert _row(before, 0, 3)["measure"] in measures  # done, but recurring work
    assert _row(before, 0, 12)["measure"] in measures  # no text in the round (missing): kept to be safe


def test_next_year_keeps_identities_title_year_and_district(tmp_path, status):
    old = _old_plan(tmp_path)
    new = tmp_path / "plan-2026.xlsx"
    assert _run("new", "--from", old, "--year", "2026", "-o", new).exit_code == 0
    before, after = read_plan(old), read_plan(new)
    assert after.year == 2026 and after.district == before.district == "Södermalm"
    old_ids = dict(zip(before.table["id"], before.table["measure"]))
    rows = after.table[after.table["kind"] == "data"]
    assert rows["id"].ne("").all()
    assert all(old_ids[i] == m for i, m in zip(rows["id"], rows["measure"]))  # same identity, same measure
    assert all(info.id_column for info in after.area_sheets)
    for info in after.area_sheets:
        assert info.followups == ["Uppföljning"]  # empty follow-up column, the template's
    assert after.table[["Uppföljning"]].eq("").all().all()


def test_next_year_district_option_wins(tmp_path, status):
    new = tmp_path / "n.xlsx"
    assert _run("new", "--from", _old_plan(tmp_path), "--year", "2026", "--district", "Skärholmen", "-o",
                new).exit_code == 0
    assert read_plan(new).district == "Skärholmen"


def test_next_year_validates_and_names_old_year_timings(tmp_path, status):
    from xlplan.validate import validate_paths

    new = tmp_path / "plan-2026.xlsx"
    assert _run("new", "--from", _old_plan(tmp_path), "--year", "2026", "-o", new).exit_code == 0
    [result] = validate_paths([new])
    assert result.error is None
    outside = [f for f in result.findings if f.rule == "timing-outside-year"]
    assert outside and all("2025" in f.value for f in outside)
    assert not [f for f in result.findings if f.rule.startswith("analysis")]  # the analysis tab is recounted
    cli = _run("validate", new)
    assert cli.exit_code in (0, 1) and "timing-outside-year" in cli.output


def test_texts_stay_texts_in_next_year(tmp_path, status):
    old = _with_ids(_copy(tmp_path, "old.xlsx"))
    plan = read_plan(old)
    apply_edits(old, [SetValue(plan.area_sheets[2].name, f"C{plan.area_sheets[2].header_row + 2}",
                               '=HYPERLINK("http://evil.example")', "", "test")])
    new = tmp_path / "new.xlsx"
    assert _run("new", "--from", old, "--year", "2026", "-o", new).exit_code == 0
    import zipfile

    with zipfile.ZipFile(new) as z:
        assert not any("<f>" in z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert '=HYPERLINK("http://evil.example")' in set(read_plan(new).table["measure"])


# --------------------------------------------------------------------------- the scenario

def test_the_year_of_a_plan(tmp_path, status):
    from tests.writers import render_texts

    master = _with_ids(_copy(tmp_path, "master.xlsx"))
    assert _run("followup", "start", master, "--date", "2026-04-30").exit_code == 0
    police, housing = tmp_path / "polisen.xlsx", tmp_path / "bostad.xlsx"
    shutil.copy(master, police)
    shutil.copy(master, housing)
    _fill(police, ROUND, {(0, 3): "Genomfört: två möten i månaden hela våren.", (1, 9): "Struken i år."})
    _fill(housing, ROUND, {(1, 5): "Pågår, workshop i juni.", (1, 6): "Genomfört i maj."})
    merged = _run("merge", master, police, housing, "--in-place")
    assert merged.exit_code == 0, merged.output
    plan = read_plan(master)
    assert _row(plan, 1, 5)[ROUND] == "Pågår, workshop i juni." and _row(plan, 0, 3)[ROUND].startswith("Genomfört")
    counts = status.measure_status(plan).value_counts()
    assert counts.get("done", 0) >= 2 and counts.get("dropped", 0) >= 1 and counts.get("ongoing", 0) >= 1
    new = tmp_path / "plan-2026.xlsx"
    built = _run("new", "--from", master, "--year", "2026", "-o", new)
    assert built.exit_code == 0, built.output
    assert read_plan(new).year == 2026
    texts = render_texts([master, police, housing, new], tmp_path / "pdf")
    assert "Pågår, workshop i juni." in " ".join(texts["master.xlsx"].split())
    assert "Struken i år." in " ".join(texts["polisen.xlsx"].split())
    assert "workshop i juni" in " ".join(texts["bostad.xlsx"].split())
    assert "2026" in texts["plan-2026.xlsx"] and "Södermalm" in texts["plan-2026.xlsx"]


def test_next_year_defaults_to_the_year_after_and_never_overwrites_the_old_plan(tmp_path, status):
    old = _copy(tmp_path, "plan-2025.xlsx")
    new = tmp_path / "next.xlsx"
    result = _run("new", "--from", old, "-o", new)
    assert result.exit_code == 0 and "(2026)" in result.output
    assert read_plan(new).year == 2026
    before = old.read_bytes()
    same = CliRunner().invoke(main, ["new", "--from", str(old), "-o", str(old), "--force"])
    assert same.exit_code == 2 and old.read_bytes() == before
