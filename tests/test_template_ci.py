"""The template as a contract: check, diff and migrate on template variants built in the tests."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from tests.conftest import digest
from xlplan import read_plan
from xlplan.apply import apply_edits
from xlplan.build import build_template
from xlplan.contract import check, diff_files
from xlplan.edits import SetValue
from xlplan.template import structure, template_path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
S = structure()


def variant(tmp_path: Path, name: str) -> Path:
    """A revised template, built from a changed declaration (as the city would make one)."""
    path = tmp_path / f"{name}.xlsx"
    if name == "renamed-header":
        cols = tuple(dataclasses.replace(c, header="Orsaker") if c.field == "cause" else c for c in S.columns)
        return build_template(path, struct=dataclasses.replace(S, columns=cols))
    if name == "removed-sheet":
        return build_template(path, struct=dataclasses.replace(S, areas=tuple(a for a in S.areas if a.number != 5)))
    if name == "added-followup":
        return build_template(path, followups=("Uppföljning", "Uppföljning 2026-06-30"))
    if name == "changed-instruction":
        cols = tuple(dataclasses.replace(c, instruction="Ange vem som ansvarar, med roll och organisation.")
                     if c.field == "owner" else c for c in S.columns)
        return build_template(path, struct=dataclasses.replace(S, columns=cols))
    if name == "moved-column":
        cols = list(S.columns)
        cols[3], cols[4] = cols[4], cols[3]  # När before Operativa mål
        return build_template(path, struct=dataclasses.replace(S, columns=tuple(cols)))
    raise ValueError(name)


EXPECTED = {
    # variant: (a line check must print, diff kinds with their breaking flag, migrate allowed?)
    "renamed-header": ("1. Unga i riskzon!B1: 'Orsaker', förväntat 'Orsak'", {("column-renamed", True)}, False),
    "removed-sheet": ("'5. Kriminella miljöer livsstil': bladet saknas (förväntat på plats 6)", {("sheet-removed", True)},
                      False),
    "added-followup": ("1. Unga i riskzon!H1: 'Uppföljning 2026-06-30' finns inte i deklarationen",
                       {("column-added", False)}, True),
    "changed-instruction": ("1. Unga i riskzon!F2: instruktionstexten skiljer sig från deklarationen",
                            {("instruction-changed", False)}, True),
    "moved-column": ("1. Unga i riskzon!D1: 'När', förväntat 'Operativa mål'", {("column-moved", True)}, False),
}


def test_the_committed_template_passes(cli):
    assert check(template_path()) == []
    code, out, _ = cli("template", "check")
    assert code == 0 and "stämmer med den deklarerade strukturen" in out


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_names_sheet_and_cell(tmp_path, cli, name):
    line, _, _ = EXPECTED[name]
    path = variant(tmp_path, name)
    assert line in check(path)
    code, out, _ = cli("template", "check", path)
    assert code == 1 and line in out.splitlines()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_diff_classifies_each_change(tmp_path, cli, name):
    _, kinds, compatible = EXPECTED[name]
    changes = diff_files(template_path(), variant(tmp_path, name))
    assert {(c.kind, c.breaking) for c in changes} >= kinds
    assert any(c.breaking for c in changes) is (not compatible)
    code, out, _ = cli("template", "diff", template_path(), variant(tmp_path, name), "--format", "json")
    assert code == (0 if compatible else 1) and json.loads(out)["breaking"] is (not compatible)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_migrate_carries_compatible_changes_and_refuses_breaking_ones(tmp_path, cli, name):
    _, _, compatible = EXPECTED[name]
    plan = tmp_path / "plan.xlsx"
    shutil.copy(EXAMPLES / "sodermalm-2025.xlsx", plan)
    before = digest(plan)
    code, out, err = cli("migrate", plan, "--to", variant(tmp_path, name))
    if not compatible:
        assert code == 1 and "HINDER:" in out and "Inget har ändrats" in err and digest(plan) == before
    else:
        assert code == 0 and "Flyttade" in out


def test_migrating_onto_an_added_follow_up_column_loses_nothing(tmp_path, cli):
    plan = tmp_path / "plan.xlsx"
    shutil.copy(EXAMPLES / "sodermalm-2025.xlsx", plan)
    original = read_plan(plan)
    with zipfile.ZipFile(plan) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    assert cli("migrate", plan, "--to", variant(tmp_path, "added-followup"))[0] == 0
    migrated = read_plan(plan)
    for info in migrated.area_sheets:
        assert info.followups[-1] == "Uppföljning 2026-06-30"
    sheet1 = migrated.area_sheets[0]
    assert sheet1.columns["Uppföljning 2026-06-30"] == "J"  # after Uppföljning, 2025-01-15 and 2025-03-19
    new = migrated.table.drop(columns=[c for c in migrated.table.columns if "2026-06-30" in c])
    import pandas as pd

    pd.testing.assert_frame_equal(new, original.table)
    with zipfile.ZipFile(plan) as zf:
        after = {n: zf.read(n) for n in zf.namelist()}
    from xlplan.opc import Package

    areas = {Package(plan).sheet_part(i.name) for i in migrated.area_sheets}
    assert {n for n in after if after[n] != parts.get(n)} == areas
    assert cli("migrate", plan, "--to", variant(tmp_path, "added-followup"), "--check")[1].strip().endswith(
        "0 ändringar.")


def test_changed_instruction_text_is_carried(tmp_path, cli):
    plan = tmp_path / "plan.xlsx"
    shutil.copy(EXAMPLES / "sodermalm-2025.xlsx", plan)
    cli("migrate", plan, "--to", variant(tmp_path, "changed-instruction"))
    import python_calamine as pc

    rows = pc.CalamineWorkbook.from_path(str(plan)).get_sheet_by_name("1. Unga i riskzon").to_python()
    assert rows[1][5] == "Ange vem som ansvarar, med roll och organisation."


def test_a_one_word_header_edit_in_the_template_fails_ci_with_the_cell(tmp_path):
    """What .ci/run does: `xlplan template check` on the committed file, as a real process."""
    edited = tmp_path / "atgardsplan.xlsx"
    shutil.copy(template_path(), edited)
    apply_edits(edited, [SetValue("2. Otrygga brottsutsatta plats ", "B1", "Orsaker", "Orsak")])
    proc = subprocess.run([sys.executable, "-m", "xlplan", "template", "check", str(edited)], capture_output=True,
                          text=True)
    assert proc.returncode == 1
    assert "2. Otrygga brottsutsatta plats !B1: 'Orsaker', förväntat 'Orsak'" in proc.stdout.splitlines()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "xlplan template check && python3 -m pytest" in ci


def test_markdown_diff_for_a_pull_request(tmp_path, cli):
    code, out, _ = cli("template", "diff", template_path(), variant(tmp_path, "renamed-header"), "--format",
                       "markdown")
    assert code == 1 and "brytande ändringar" in out
    assert "| ❌ | kolumnen har bytt namn | `1. Unga i riskzon!B1` | Orsak | Orsaker |" in out


def test_the_pre_commit_hooks_run_the_command_they_declare(tmp_path):
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert set(hooks) == {"xlplan-validate", "xlplan-template-check"}
    hook = hooks["xlplan-validate"]
    files = [p for p in sorted(EXAMPLES.iterdir()) if re.search(hook["files"], p.name)]
    assert [p.name for p in files] == ["skarholmen-2025.xlsx", "sodermalm-2025.xlsx"]
    proc = subprocess.run([*hook["entry"].split(), *map(str, files)], capture_output=True, text=True)
    assert proc.returncode == 1 and "Hittade 16 fel" in proc.stdout  # Södermalm's 14 + Skärholmen's 2
    tc = hooks["xlplan-template-check"]
    assert re.search(tc["files"], "template/atgardsplan.xlsx")
    proc = subprocess.run([*tc["entry"].split(), str(template_path())], capture_output=True, text=True)
    assert proc.returncode == 0


def test_the_documented_github_workflow_runs(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\nname: xlplan\n(.*?)```", readme, re.S).group(0)[len("```yaml\n"):-3]
    workflow = yaml.safe_load(block)
    steps = workflow["jobs"]["validate"]["steps"]
    runs = [s["run"] for s in steps if "run" in s and s["run"].startswith("xlplan")]
    assert any("--format github" in r for r in runs) and any("--format sarif -o xlplan.sarif" in r for r in runs)
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
    (tmp_path / "planer").mkdir()
    shutil.copy(EXAMPLES / "sodermalm-2025.xlsx", tmp_path / "planer")
    for command in runs:
        proc = subprocess.run(command, shell=True, cwd=tmp_path, capture_output=True, text=True)
        assert proc.returncode in (0, 1), proc.stderr
    assert json.loads((tmp_path / "xlplan.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"


# --------------------------------------------------------------------------- migrate finds cells as the reader does


def _rows(path: Path, sheet: str) -> list[list]:
    import python_calamine as pc

    return pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def _seed_plan(tmp_path: Path, name: str, **layout) -> Path:
    """Södermalm's plan as xlsxwriter writes it, with the layout options of tests.fixtures.write_plan."""
    from tests.fixtures import write_plan
    from tests.seeds import sodermalm

    return write_plan(tmp_path / name, sodermalm, **layout)


def test_migrate_writes_instruction_texts_on_the_plans_own_instruction_row(tmp_path, cli):
    """Skärholmen-style title rows: header on row 3, instructions on row 4, nothing written above the header."""
    plan = _seed_plan(tmp_path, "titlar.xlsx", title_rows=2)
    info = read_plan(plan).area_sheets[0]
    assert (info.header_row, info.instruction_row) == (3, 4)
    before = _rows(plan, info.name)
    code, out, _ = cli("migrate", plan, "--to", variant(tmp_path, "changed-instruction"))
    assert code == 0 and "1. Unga i riskzon!F4: ny instruktionstext" in out.splitlines()
    after = _rows(plan, info.name)
    assert after[3][5] == "Ange vem som ansvarar, med roll och organisation."
    assert after[:3] == before[:3]  # the title rows and the header are as they were
    assert [r for i, r in enumerate(after) if i != 3] == [r for i, r in enumerate(before) if i != 3]
    assert read_plan(plan).area_sheets[0].instruction_row == 4
    code, out, _ = cli("migrate", plan, "--to", variant(tmp_path, "changed-instruction"), "--check")
    assert code == 0 and out.strip().endswith("0 ändringar.")


def test_migrate_adds_a_follow_up_column_on_the_plans_header_and_instruction_rows(tmp_path, cli):
    from xlplan.template import structure as declared

    plan = _seed_plan(tmp_path, "titlar.xlsx", title_rows=2)
    sheet = "2. Otrygga brottsutsatta plats "
    before = _rows(plan, sheet)
    code, out, _ = cli("migrate", plan, "--to", variant(tmp_path, "added-followup"))
    assert code == 0 and "2. Otrygga brottsutsatta plats!H3: ny uppföljningskolumn 'Uppföljning 2026-06-30'" in out
    after = _rows(plan, sheet)
    assert after[2][7] == "Uppföljning 2026-06-30" and after[3][7] == declared().followup.instruction
    assert [r[:7] for r in after] == [r[:7] for r in before] and not any(r[7] for i, r in enumerate(after) if i > 3)
    assert after[0][7] == after[1][7] == ""


def test_a_plan_without_an_instruction_row_gets_no_instruction_text(tmp_path, cli):
    plan = _seed_plan(tmp_path, "utan.xlsx", instruction_row=False)
    sheet = "1. Unga i riskzon"
    assert read_plan(plan).area_sheets[0].instruction_row is None
    before = _rows(plan, sheet)
    assert cli("migrate", plan, "--to", variant(tmp_path, "changed-instruction"))[0] == 0
    assert _rows(plan, sheet) == before
    assert cli("migrate", plan, "--to", variant(tmp_path, "added-followup"))[0] == 0
    after = _rows(plan, sheet)
    assert after[0][9] == "Uppföljning 2026-06-30" and not any(r[9] for r in after[1:])
    assert [r[:9] for r in after] == [r[:9] for r in before]


@pytest.mark.parametrize("name", ["added-followup", "changed-instruction"])
def test_migrate_check_exits_1_while_a_change_is_pending_and_0_after(tmp_path, cli, name):
    plan = tmp_path / "plan.xlsx"
    shutil.copy(EXAMPLES / "sodermalm-2025.xlsx", plan)
    revised = variant(tmp_path, name)
    before = digest(plan)
    code, out, _ = cli("migrate", plan, "--to", revised, "--check")
    assert code == 1 and "Skulle flytta" in out and not out.strip().endswith("0 ändringar.")
    assert digest(plan) == before
    assert cli("migrate", plan, "--to", revised)[0] == 0
    code, out, _ = cli("migrate", plan, "--to", revised, "--check")
    assert code == 0 and out.strip().endswith("0 ändringar.")


def test_migrate_corrects_a_header_typo_the_reader_accepts_instead_of_refusing(tmp_path, cli):
    """"Atgärd" is read as Åtgärd everywhere else, so migrate writes the template's header, as normalise does."""
    plan = _seed_plan(tmp_path, "typo.xlsx", title_rows=2, header_edits={"Åtgärd": "Atgärd"})
    info = read_plan(plan).area_sheets[0]
    assert info.headers["measure"] == "Atgärd" and info.header_row == 3
    code, out, err = cli("migrate", plan, "--to", template_path())
    assert code == 0, out + err
    assert f"rubriken rättad: {info.name.rstrip()}!C3: 'Atgärd' → 'Åtgärd'" in out
    assert read_plan(plan).area_sheets[0].headers["measure"] == "Åtgärd"
    assert cli("migrate", plan, "--to", template_path(), "--check")[0] == 0
