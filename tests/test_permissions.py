"""Files xlplan creates get the umask's permissions; files it rewrites keep theirs.

A city report written 0600 on a shared drive cannot be opened by colleagues.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SODERMALM = EXAMPLES / "sodermalm-2025.xlsx"
SKARHOLMEN = EXAMPLES / "skarholmen-2025.xlsx"


@pytest.fixture(params=[0o022, 0o002, 0o077], ids=lambda m: f"umask{m:03o}")
def umask(request):
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _creating_commands(tmp: Path, plan: Path) -> list[tuple[list, list[Path]]]:
    return [
        (["new", "-o", tmp / "ny.xlsx"], [tmp / "ny.xlsx"]),
        (["export", plan, "-o", tmp / "plan.csv"], [tmp / "plan.csv"]),
        (["export", plan, "-o", tmp / "plan.json"], [tmp / "plan.json"]),
        (["export", plan, "-o", tmp / "plan.parquet"], [tmp / "plan.parquet"]),
        (["validate", plan, "-o", tmp / "rapport.txt"], [tmp / "rapport.txt"]),
        (["analysis", plan, "-o", tmp / "analys.xlsx"], [tmp / "analys.xlsx"]),
        (["normalise", plan, "-o", tmp / "norm.xlsx"], [tmp / "norm.xlsx"]),
        (["merge", plan, SODERMALM, "-o", tmp / "merged.xlsx"], [tmp / "merged.xlsx"]),
        (["consolidate", plan, SKARHOLMEN, "-o", tmp / "stad.xlsx", "--csv", tmp / "stad.csv",
          "--parquet", tmp / "stad.parquet", "--html", tmp / "stad.html"],
         [tmp / "stad.xlsx", tmp / "stad.csv", tmp / "stad.parquet", tmp / "stad.html"]),
    ]


def test_new_files_get_the_umask_permissions(tmp_path, cli, umask):
    plan = tmp_path / "plan.xlsx"
    shutil.copy(SODERMALM, plan)
    expected = 0o666 & ~umask
    for args, outputs in _creating_commands(tmp_path, plan):
        code, _, err = cli(*args)
        assert code in (0, 1), (args, err)
        for out in outputs:
            assert _mode(out) == expected, f"{args[0]} wrote {out.name} as {_mode(out):o}, expected {expected:o}"


@pytest.mark.parametrize("mode", [0o640, 0o664, 0o600])
def test_rewritten_files_keep_their_permissions(tmp_path, cli, mode):
    plan = tmp_path / "plan.xlsx"
    shutil.copy(SODERMALM, plan)
    plan.chmod(mode)
    for args in (["analysis", plan], ["normalise", plan], ["validate", "--mark", plan],
                 ["merge", plan, SODERMALM, "--in-place"]):
        code, _, err = cli(*args)
        assert code in (0, 1), (args, err)
        assert _mode(plan) == mode, f"{args[0]} left {_mode(plan):o}"
    report = tmp_path / "rapport.txt"
    report.write_text("gammal\n")
    report.chmod(mode)
    cli("validate", plan, "-o", report)
    assert _mode(report) == mode and "gammal" not in report.read_text()
