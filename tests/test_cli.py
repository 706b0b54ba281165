"""The commands a user runs: new, summary, export."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from tests.fixtures import CUSTOM_AREA, write_plan
from xlplan import read_plan
from xlplan.template import structure


@pytest.fixture
def small_plan(tmp_path):
    seed = {"SHEETS": [CUSTOM_AREA], "DISTRICT": "Norrmalm", "YEAR": 2025}
    return write_plan(tmp_path / "norrmalm.xlsx", seed, layout="merged")


def test_new_creates_a_plan_from_the_template_with_district_and_year(tmp_path, cli):
    out = tmp_path / "ny.xlsx"
    code, stdout, _ = cli("new", "-o", out, "--district", "Södermalm", "--year", "2026")
    assert code == 0 and "Skapade" in stdout
    plan = read_plan(out)
    assert (plan.year, plan.district) == (2026, "Södermalm")
    assert [s.name for s in plan.sheets] == list(structure().sheet_order)
    assert plan.table.empty


def test_new_force_overwrites_and_rejects_other_suffixes(tmp_path, cli):
    out = tmp_path / "ny.xlsx"
    out.write_text("gammal")
    assert cli("new", "-o", out, "--force", "--year", "2027")[0] == 0
    assert read_plan(out).year == 2027
    code, _, err = cli("new", "-o", tmp_path / "ny.xls")
    assert code == 2 and ".xlsx" in err and not (tmp_path / "ny.xls").exists()


def test_summary_text_and_json(small_plan, cli):
    code, out, _ = cli("summary", small_plan)
    assert code == 0
    assert "6. Trafiksäkerhet kring skolor" in out and "(Norrmalm 2025)" in out
    row = next(line for line in out.splitlines() if line.startswith("6."))
    # problems, causes, measures, then done, ongoing, not started, dropped, missing, unclear ("Beställt": ongoing)
    assert row.split()[-9:] == ["1", "2", "2", "0", "1", "0", "0", "1", "0"]
    assert out.splitlines()[-1].split()[-9:] == ["1", "2", "2", "0", "1", "0", "0", "1", "0"]
    code, out, _ = cli("summary", small_plan, "--format", "json")
    data = json.loads(out)
    assert data["district"] == "Norrmalm" and data["year"] == 2025
    assert data["areas"] == [{"sheet": "6. Trafiksäkerhet", "area": 6, "title": "Trafiksäkerhet kring skolor",
                              "problems": 1, "causes": 2, "measures": 2, "round": "Uppföljning",
                              "status": {"done": 0, "ongoing": 1, "not-started": 0, "dropped": 0, "missing": 1,
                                         "unknown": 0}}]


def test_summary_in_english(small_plan, cli):
    code, out, _ = cli("--lang", "en", "summary", small_plan)
    assert code == 0 and "Priority area" in out and "Measures" in out


@pytest.mark.parametrize("suffix", [".csv", ".json", ".parquet"])
def test_export_writes_the_table_in_each_format(small_plan, tmp_path, cli, suffix):
    out = tmp_path / f"plan{suffix}"
    code, stdout, _ = cli("export", small_plan, "-o", out)
    assert code == 0 and stdout == ""
    if suffix == ".csv":
        assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel shows å, ä, ö right
        df = pd.read_csv(out, encoding="utf-8-sig", keep_default_na=False)
    elif suffix == ".json":
        df = pd.DataFrame(json.loads(out.read_text(encoding="utf-8")))
    else:
        df = pd.read_parquet(out)
    assert len(df) == 3
    assert list(df["measure"]) == ["Hastighetskontroller vid tre skolor", "Farthinder på Skolvägen", ""]
    assert list(df["cell_measure"]) == ["C3", "C4", "C5"]
    assert set(df["file"]) == {"norrmalm.xlsx"}
    assert list(df["Uppföljning"]) == ["", "Beställt", ""]
    assert list(df.columns)[-1] == "status"
    assert list(df["status"]) == ["missing", "ongoing", ""]  # the third row has no measure


def test_export_to_stdout_and_bad_suffix(small_plan, tmp_path, cli):
    code, out, _ = cli("export", small_plan)
    assert out.startswith("\ufeff")  # `xlplan export plan.xlsx > plan.csv` opens in Excel with å, ä, ö
    out = out[1:]
    assert code == 0 and out.splitlines()[0].startswith("file,sheet,position,area,area_title,row,kind,problem")
    assert len(out.strip().splitlines()) == 4
    code, _, err = cli("export", small_plan, "-o", tmp_path / "x.xlsx")
    assert code == 2 and ".parquet" in err and not (tmp_path / "x.xlsx").exists()


def test_summary_of_an_unnumbered_local_area_sheet(tmp_path, cli):
    area = {**CUSTOM_AREA, "name": "Bostadsområdet Ringen", "title": "Bostadsområdet Ringen"}
    path = write_plan(tmp_path / "ringen.xlsx", {"SHEETS": [area], "DISTRICT": "Test", "YEAR": 2025})
    code, out, _ = cli("summary", path, "--format", "json")
    assert code == 0
    assert json.loads(out)["areas"][0] == {"sheet": "Bostadsområdet Ringen", "area": None,
                                               "title": "Bostadsområdet Ringen", "problems": 1, "causes": 2,
                                               "measures": 2, "round": "Uppföljning",
                                               "status": {"done": 0, "ongoing": 1, "not-started": 0, "dropped": 0,
                                                          "missing": 1, "unknown": 0}}
    code, out, _ = cli("summary", path)
    assert code == 0 and "\nBostadsområdet Ringen " in out


def test_export_to_a_redirected_stdout_is_the_same_file_as_dash_o(small_plan, tmp_path):
    """A real process with stdout redirected to a file: the bytes equal those of ``-o plan.csv``."""
    import subprocess
    import sys

    piped = tmp_path / "piped.csv"
    with piped.open("wb") as f:
        subprocess.run([sys.executable, "-m", "xlplan", "export", str(small_plan)], stdout=f, check=True,
                       env={**__import__("os").environ, "PYTHONIOENCODING": "cp1252"})
    direct = tmp_path / "direct.csv"
    subprocess.run([sys.executable, "-m", "xlplan", "export", str(small_plan), "-o", str(direct)], check=True)
    assert piped.read_bytes() == direct.read_bytes() and piped.read_bytes().startswith(b"\xef\xbb\xbf")


def test_the_plan_table_says_which_file_each_row_came_from(small_plan):
    table = read_plan(small_plan).table
    assert table.columns[0] == "file" and set(table["file"]) == {"norrmalm.xlsx"}
