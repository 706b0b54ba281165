"""Files, folders and quoted globs, for every multi-file command and the Python API."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import digest
from xlplan import PlanError, consolidate
from xlplan.consolidate import UnreadablePlanWarning
from xlplan.paths import expand_paths

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture
def planer(tmp_path) -> Path:
    d = tmp_path / "planer"
    d.mkdir()
    shutil.copy(EXAMPLES / "sodermalm-2025.xlsx", d / "sodermalm.xlsx")
    shutil.copy(EXAMPLES / "skarholmen-2025.xlsx", d / "skarholmen.xlsx")
    (d / "~$sodermalm.xlsx").write_bytes(b"\x00" * 165)  # Excel's lock file while the plan is open
    (d / ".sodermalm.xlsx.abc123.tmp").write_bytes(b"half")  # a temporary file, not a plan
    (d / "anteckningar.txt").write_text("inte en plan")
    return d


def test_a_folder_is_its_workbooks_without_lock_or_hidden_files(planer):
    assert [p.name for p in expand_paths([planer])] == ["skarholmen.xlsx", "sodermalm.xlsx"]


def test_validate_takes_a_folder(planer, cli):
    code, out, err = cli("validate", planer)
    assert code == 1, err  # Södermalm's real plan lacks goals
    assert "skarholmen.xlsx" in out and "sodermalm.xlsx" in out and "2 filer" in out
    assert "~$" not in out + err


def test_validate_expands_a_quoted_glob_as_windows_shells_do_not(planer, cli):
    code, out, _ = cli("validate", str(planer / "s*.xlsx"))
    assert code == 1 and "skarholmen.xlsx" in out and "sodermalm.xlsx" in out
    code, out, err = cli("validate", str(planer / "inget*.xlsx"))
    assert code == 2 and "inget*.xlsx" in out + err  # a glob that matches nothing is said, not silently skipped


def test_an_empty_folder_is_one_sentence(tmp_path, cli):
    (tmp_path / "tom").mkdir()
    code, out, err = cli("validate", tmp_path / "tom")
    assert code == 2 and "innehåller ingen Excel-arbetsbok" in out + err


def test_consolidate_twice_does_not_read_its_own_output(planer, cli):
    outs = ("-o", planer / "stad.xlsx", "--csv", planer / "stad.csv", "--html", planer / "stad.html")
    first = cli("consolidate", planer, *outs)
    assert first[0] == 0, first[2]
    second = cli("consolidate", planer, *outs)
    assert second[0] == 0, second[2]
    assert second[2] == "" and "Sammanställde 2 planer" in second[1]


def test_consolidate_api_reports_unreadable_plans(planer):
    (planer / "trasig.xlsx").write_text("inte en arbetsbok")
    before = digest(planer / "trasig.xlsx")
    with pytest.raises(PlanError, match="trasig.xlsx"):
        consolidate(planer)
    with pytest.warns(UnreadablePlanWarning, match="trasig.xlsx"):
        frame = consolidate(planer, errors="warn")
    assert set(frame["file"]) == {"skarholmen.xlsx", "sodermalm.xlsx"}
    assert [Path(f).name for f, _ in frame.attrs["unreadable"]] == ["trasig.xlsx"]
    assert digest(planer / "trasig.xlsx") == before
    with pytest.raises(PlanError, match="errors"):
        consolidate(planer, errors="ignore")


def test_consolidate_api_takes_a_single_path(planer):
    frame = consolidate(planer / "sodermalm.xlsx")
    assert set(frame["file"]) == {"sodermalm.xlsx"} and len(frame) > 40


def test_the_api_function_is_not_shadowed_by_its_module():
    import importlib

    import xlplan

    importlib.import_module("xlplan.consolidate")
    assert callable(xlplan.consolidate) and xlplan.consolidate.__name__ == "consolidate"
