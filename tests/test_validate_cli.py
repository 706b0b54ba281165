"""``xlplan validate`` and its formats, each read back by a real consumer."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import digest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SODER = EXAMPLES / "sodermalm-2025.xlsx"
SKAR = EXAMPLES / "skarholmen-2025.xlsx"


def test_exit_status_0_1_and_2(tmp_path, cli):
    assert cli("validate", SKAR, "--select", "missing-goal,missing-owner,missing-timing")[0] == 0
    code, out, _ = cli("validate", SODER)
    assert code == 1
    assert out.strip().splitlines()[-1] == "Hittade 14 fel, 26 varningar och 38 info i 1 fil."
    bad = tmp_path / "trasig.xlsx"
    bad.write_text("inte en arbetsbok")
    before = digest(bad)
    code, out, _ = cli("validate", SKAR, bad)
    assert code == 2 and "ingen Excel-arbetsbok" in out and digest(bad) == before


def test_text_groups_by_sheet_with_the_cell_first(cli):
    _, out, _ = cli("validate", SODER, "--select", "missing-goal,missing-owner,missing-timing")
    lines = out.splitlines()
    i = lines.index("  2. Otrygga brottsutsatta plats")
    assert re.match(r"^    E3\s+fel\s+missing-timing\s+Åtgärden saknar tidpunkt \(När\): En synkning", lines[i + 1])
    assert lines[-1] == "Hittade 14 fel, 0 varningar och 0 info i 1 fil."


def test_json_follows_the_documented_schema(cli):
    code, out, _ = cli("validate", SODER, SKAR, "--format", "json")
    data = json.loads(out)
    schema = json.loads(resources.files("xlplan.report").joinpath("findings.schema.json").read_text())
    jsonschema.validate(data, schema)
    assert [f["path"] for f in data["files"]] == [str(SODER), str(SKAR)]
    first = data["files"][0]["findings"][0]
    assert set(first) == {"rule", "severity", "sheet", "cell", "row", "field", "value", "message"}
    assert data["summary"]["files"] == 2 and data["summary"]["error"] == 14 + 2


def test_github_annotations_match_the_workflow_command_syntax(cli):
    _, out, _ = cli("validate", SODER, "--format", "github")
    lines = out.splitlines()
    command = re.compile(r"^::(error|warning|notice) file=[^,:\n]+,title=xlplan [a-z-]+::[^\n]+$")
    annotations = lines[:-1]
    assert annotations and all(command.match(line) for line in annotations)
    assert "::error file=" + str(SODER) + ",title=xlplan missing-timing::2. Otrygga brottsutsatta plats!E3: " \
           "Åtgärden saknar tidpunkt" in out
    assert sum(line.startswith("::error") for line in annotations) == 14


def test_github_escapes_special_characters():
    from xlplan.findings import FileResult, Finding
    from xlplan.report import render

    f = Finding("missing-goal", "error", "Blad, 1", "D2", 2, "goal", "", "100% klar\nny rad")
    out = render("github", [FileResult("a:b.xlsx", [f])])
    assert out.splitlines()[0] == "::error file=a%3Ab.xlsx,title=xlplan missing-goal::Blad, 1!D2: 100%25 klar%0Any rad"


def test_junit_loads_in_junitparser(tmp_path, cli):
    from junitparser import Failure, JUnitXml

    out = tmp_path / "report.xml"
    assert cli("validate", SODER, SKAR, "--format", "junit", "-o", out)[0] == 1
    xml = JUnitXml.fromfile(str(out))
    suites = list(xml)
    assert [s.name for s in suites] == [str(SODER), str(SKAR)]
    failures = [c for c in suites[0] if any(isinstance(r, Failure) for r in c.result)]
    assert len(failures) == 14 + 26
    assert any(c.name == "2. Otrygga brottsutsatta plats!E3 missing-timing" for c in failures)


def test_sarif_loads_in_sarif_tools(tmp_path, cli):
    from sarif.loader import load_sarif_file

    out = tmp_path / "xlplan.sarif"
    assert cli("validate", SODER, "--format", "sarif", "-o", out)[0] == 1
    sarif = load_sarif_file(str(out))
    assert sarif.get_result_count() == 14 + 26 + 38
    raw = json.loads(out.read_text(encoding="utf-8"))
    assert raw["version"] == "2.1.0"
    driver = raw["runs"][0]["tool"]["driver"]
    ids = [r["id"] for r in driver["rules"]]
    for res in raw["runs"][0]["results"]:
        assert ids[res["ruleIndex"]] == res["ruleId"]
    fq = {loc["logicalLocations"][0]["fullyQualifiedName"] for res in raw["runs"][0]["results"]
          for loc in res["locations"]}
    assert "2. Otrygga brottsutsatta plats !E3" in fq


def test_configuration_next_to_the_files(tmp_path, cli):
    plan = tmp_path / "plan.xlsx"
    plan.write_bytes(SODER.read_bytes())
    (tmp_path / "xlplan.toml").write_text('select = ["error"]\nignore = ["missing-owner"]\n'
                                          '[severity]\nmissing-goal = "warning"\n', encoding="utf-8")
    _, out, _ = cli("validate", plan, "--format", "json")
    findings = json.loads(out)["files"][0]["findings"]
    assert {f["rule"] for f in findings} == {"missing-goal", "missing-timing"}
    assert {f["severity"] for f in findings if f["rule"] == "missing-goal"} == {"warning"}
    code, out, _ = cli("validate", plan, "--ignore", "missing-timing")  # CLI adds to the file's ignore
    assert code == 0 and "missing-timing" not in out


def test_configuration_in_pyproject_of_a_parent_folder(tmp_path, cli):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "planer"\n[tool.xlplan]\nselect = ["stale-analysis"]\n',
                                             encoding="utf-8")
    sub = tmp_path / "2025"
    sub.mkdir()
    (sub / "plan.xlsx").write_bytes(SODER.read_bytes())
    code, out, _ = cli("validate", sub / "plan.xlsx", "--format", "json")
    assert {f["rule"] for f in json.loads(out)["files"][0]["findings"]} == {"stale-analysis"}
    assert code == 0  # stale-analysis is a warning


@pytest.mark.parametrize("content,needle", [('select = ["missing-gaol"]', "Okänd regel"),
                                            ("select = [", "kan inte läsas"), ("colour = 1", "colour")])
def test_bad_configuration_is_one_sentence_and_exit_2(tmp_path, cli, content, needle):
    (tmp_path / "xlplan.toml").write_text(content, encoding="utf-8")
    (tmp_path / "plan.xlsx").write_bytes(SODER.read_bytes())
    code, out, err = cli("validate", tmp_path / "plan.xlsx")
    assert code == 2 and needle in out


def test_rules_and_explain(cli):
    code, out, _ = cli("rules")
    assert code == 0 and out.splitlines()[0].split()[:2] == ["missing-goal", "fel"]
    assert len(out.splitlines()) == 17
    code, out, _ = cli("--lang", "en", "explain", "vague-goal")
    assert code == 0 and out.startswith("vague-goal (Severity: info)") and "SMART" in out
    code, _, err = cli("explain", "no-such-rule")
    assert code == 2 and "Okänd regel" in err


def test_validate_in_english(cli):
    _, out, _ = cli("--lang", "en", "validate", SODER, "--select", "missing-goal")
    assert "The measure has no operational goal" in out and out.strip().endswith("in 1 file.")


def test_readme_lists_every_rule_with_its_severity():
    from xlplan.rules.catalog import RULES

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for rule in RULES.values():
        assert f"| `{rule.name}` | {rule.severity} |" in readme
