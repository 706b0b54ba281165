"""Start-up pays for what it uses (issue 16).

The light commands (help, the rule catalogue, a new plan from the template, the
template contract) must not load the plan-table stack (pandas, pandera, numpy)
nor readers and writers they do not use. Each command runs in a fresh
interpreter, which then reports the top-level modules it ended up with. These
tests assert behaviour, not timing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "template" / "atgardsplan.xlsx"
EXAMPLE = ROOT / "examples" / "sodermalm-2025.xlsx"
MARK = "@@xlplan-startup@@"

TABLES = {"pandas", "pandera", "numpy", "pyarrow"}
"""The plan-table stack: only commands that read a plan into its table need it."""
HEAVY = TABLES | {"openpyxl", "xlwings", "python_calamine", "rapidfuzz", "lxml", "xlsxwriter", "hypothesis"}

_RUN = f"""
import json, sys
from xlplan.cli import main
sys.argv = ["xlplan", *sys.argv[1:]]
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
sys.stdout.flush()
print({MARK!r} + json.dumps({{"code": code, "modules": sorted({{m.split(".")[0] for m in sys.modules}})}}))
"""


def run(*args: object) -> tuple[int, str, set[str]]:
    """``xlplan ARGS`` in a new interpreter: (exit status, stdout, top-level modules loaded)."""
    env = {k: v for k, v in os.environ.items() if k not in ("XLPLAN_LANG", "XLPLAN_DEBUG")}
    proc = subprocess.run([sys.executable, "-c", _RUN, *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, env=env, timeout=120)
    out, _, report = proc.stdout.rpartition(MARK)
    assert report, f"no report from {args}: {proc.stderr}"
    result = json.loads(report)
    return result["code"], out, set(result["modules"])


def test_help_loads_nothing_heavy():
    code, out, modules = run("--help")
    assert code == 0 and "validate" in out and "explain" in out
    assert not modules & HEAVY, sorted(modules & HEAVY)


def test_importing_the_package_loads_nothing_heavy():
    proc = subprocess.run([sys.executable, "-c", "import json, sys, xlplan; from xlplan import PlanError; "
                           "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"],
                          capture_output=True, text=True, cwd=ROOT, check=True)
    modules = set(json.loads(proc.stdout))
    assert "xlplan" in modules and not modules & HEAVY, sorted(modules & HEAVY)


def test_the_package_api_is_still_there():
    import xlplan

    assert xlplan.read_plan.__module__ == "xlplan.reader" and xlplan.Plan.__name__ == "Plan"
    assert callable(xlplan.consolidate) and xlplan.consolidate.__name__ == "consolidate"
    assert set(xlplan.__all__) <= set(dir(xlplan))
    with pytest.raises(AttributeError):
        xlplan.no_such_name  # noqa: B018


@pytest.mark.parametrize("args", [("rules",), ("rules", "--format", "json"), ("explain", "missing-goal")])
def test_the_rule_catalogue_needs_no_plan_table(args):
    code, out, modules = run(*args)
    assert code == 0 and "missing-goal" in out
    assert not modules & (HEAVY - {"rapidfuzz"}), sorted(modules & HEAVY)


@pytest.mark.parametrize("args", [("rules",), ("explain", "missing-goal")])
def test_the_rule_catalogue_needs_no_reader(args):
    assert "rapidfuzz" not in run(*args)[2]


def test_an_unknown_rule_is_still_one_sentence():
    code, out, modules = run("explain", "no-such-rule")
    assert code == 2 and not modules & TABLES


def test_new_writes_a_plan_without_the_table_stack(tmp_path):
    target = tmp_path / "ny.xlsx"
    code, out, modules = run("new", "-o", target, "--year", "2026", "--district", "Södermalm")
    assert code == 0 and target.is_file() and "2026" in out
    assert not modules & (HEAVY - {"xlsxwriter"}), sorted(modules & HEAVY)


def test_template_check_reads_the_template_without_pandas():
    code, out, modules = run("template", "check")
    assert code == 0 and "stämmer med den deklarerade strukturen" in out
    assert not modules & (TABLES | {"openpyxl", "xlwings", "hypothesis"}), sorted(modules & HEAVY)


def test_template_check_of_a_filled_in_plan_still_finds_its_differences():
    code, out, modules = run("template", "check", EXAMPLE)
    assert code == 1 and "Uppföljning 2025-01-15" in out and "4 skillnader" in out
    assert not modules & TABLES


def test_template_diff_without_pandas():
    code, out, modules = run("template", "diff", TEMPLATE, EXAMPLE, "--format", "json")
    changes = json.loads(out)
    assert code == 1 and changes["breaking"] and {"sheet-removed", "column-added"} <= {c["kind"] for c in
                                                                                      changes["changes"]}
    assert not modules & (TABLES | {"openpyxl", "xlwings", "hypothesis"}), sorted(modules & HEAVY)
    code, out, _ = run("template", "diff", TEMPLATE, TEMPLATE)
    assert code == 0


def test_validate_leaves_hypothesis_alone_and_finds_the_same():
    """pandera's pandas checks would import hypothesis (when installed) for data synthesis xlplan never uses."""
    code, out, modules = run("validate", EXAMPLE, "--format", "json")
    assert code == 1 and json.loads(out)["files"][0]["findings"]
    assert {"pandas", "pandera"} <= modules and "hypothesis" not in modules


def test_hypothesis_still_imports_after_a_validate_run():
    pytest.importorskip("hypothesis")
    script = _RUN.replace("print(", "import hypothesis.strategies\nprint(", 1)
    assert "import hypothesis.strategies" in script
    proc = subprocess.run([sys.executable, "-c", script, "validate", str(EXAMPLE)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert MARK in proc.stdout, proc.stderr
