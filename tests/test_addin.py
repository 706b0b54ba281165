"""The add-in: its server in-process, its manifest and JavaScript checked offline, its VBA macros."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import etree

from tests.xlwings_payload import marked_cells, payload_for, request_for
from xlplan import read_plan
from xlplan.analysis import analysis_edits
from xlplan.rules import check

ROOT = Path(__file__).resolve().parent.parent
ADDIN = ROOT / "addin"
EXAMPLES = ROOT / "examples"
JS = (ADDIN / "static" / "js" / "xlplan-addin.js").read_text(encoding="utf-8")
NS = {"o": "http://schemas.microsoft.com/office/appforoffice/1.1",
      "bt": "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
      "ov": "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
      "xsi": "http://www.w3.org/2001/XMLSchema-instance"}


@pytest.fixture(scope="module")
def client():
    from addin.app import app

    return TestClient(app)


def call(client, script, path, language=None, payload=None):
    """POST the body xlplan's client sends: merged areas and language in its ``xlplan`` key, no headers."""
    body = payload or request_for(path, lang=language)
    names = [s["name"] for s in body["sheets"]]
    r = client.post(f"/xlwings/custom-scripts-call/{script}", json=body)
    assert r.status_code == 200, r.text
    return r.json(), names


# --------------------------------------------------------------------------- the server


def test_the_server_serves_the_manifest_task_pane_and_scripts(client):
    assert client.get("/").json() == {"status": "ok"}
    r = client.get("/manifest.xml")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/xml")
    assert "https://localhost:8000/taskpane.html" in r.text  # XLPLAN_ADDIN_URL or its default, never Host
    pane = client.get("/taskpane.html").text
    assert 'id="xlplan-validate"' in pane and 'id="xlplan-analysis"' in pane and 'id="xlplan-findings"' in pane
    assert "https://localhost:8000/static/js/xlplan-addin.js" in pane
    assert client.get("/static/js/xlplan-addin.js").text == JS
    assert client.get("/static/icons/icon-80.png").content.startswith(b"\x89PNG")
    meta = client.get("/xlwings/custom-scripts-meta").json()
    assert {(m["function_name"], m["name"]) for m in meta} == {("validera", "Validera"),
                                                              ("uppdatera_analys", "Uppdatera analys")}


def test_the_alert_page_escapes_its_text(client):
    page = client.get("/xlwings/alert", params={"prompt": "<b>1 fel</b>\nrad två", "title": "xlplan"}).text
    assert "&lt;b&gt;1 fel&lt;/b&gt;<br>rad två" in page and "<b>1 fel" not in page


@pytest.mark.parametrize("name", ["sodermalm-2025.xlsx", "skarholmen-2025.xlsx"])
def test_validera_answers_with_the_cli_findings_as_actions(client, name):
    data, names = call(client, "validera", EXAMPLES / name)
    names = names + ["Granskning"]
    cli = check(read_plan(EXAMPLES / name))
    marked = marked_cells(data, names)
    assert {(s, c) for s, cells in marked.items() for c in cells} == {(f.sheet, f.cell) for f in cli if f.cell}
    table = next(a for a in data["actions"] if a["func"] == "setValues")["values"]
    assert [(r[1], r[2], r[3], r[4]) for r in table[1:]] == [(f.rule, f.sheet, f.cell, f.message) for f in cli]


def test_validera_speaks_english_when_office_does(client):
    data, _ = call(client, "validera", EXAMPLES / "sodermalm-2025.xlsx", language="en")
    table = next(a for a in data["actions"] if a["func"] == "setValues")["values"]
    assert table[0][0] == "Severity" and any("has no operational goal" in r[4] for r in table[1:])
    alert = next(a for a in data["actions"] if a["func"] == "alert")
    assert alert["args"][0].startswith("Validation done: 14 errors")


def test_uppdatera_analys_answers_with_the_fresh_counts(client):
    path = EXAMPLES / "sodermalm-2025.xlsx"
    data, names = call(client, "uppdatera_analys", path)
    writes = {(names[a["sheet_position"]], a["start_row"], a["start_column"], a["values"][0][0])
              for a in data["actions"] if a["func"] == "setValues"}
    from xlplan.sheetxml import split_ref

    assert writes == {(e.sheet, *split_ref(e.cell), e.value) for e in analysis_edits(read_plan(path))}


def test_merged_areas_travel_in_the_body_and_the_old_header_still_works(client, monkeypatch):
    """xlplan's key never reaches xlwings' Book; its merges win over the header of earlier clients."""
    from addin import custom_scripts

    seen = []

    def spy(book, merges=None, lang=None, locked=()):
        support = [s.get("notes_supported") for s in book.api["sheets"]]
        seen.append((merges, lang, locked, "xlplan" in book.api, support))

    monkeypatch.setattr("xlplan.excel.validate", spy)
    body = request_for(EXAMPLES / "sodermalm-2025.xlsx", lang="en", notes_supported=False, locked=("Analysflik",))
    header = {"Xlplan-Merges": json.dumps({"Instruktion": ["A1:A2"]})}
    assert client.post("/xlwings/custom-scripts-call/validera", json=body, headers=header).status_code == 200
    merges, lang, locked, leaked, support = seen[-1]
    assert merges["2. Otrygga brottsutsatta plats "] == ["A3:A11", "B3:B10"] and "Instruktion" not in merges
    assert lang == "en" and locked == ("Analysflik",) and not leaked and set(support) == {False}
    old, _ = payload_for(EXAMPLES / "sodermalm-2025.xlsx")  # a client of the previous release: the header
    assert client.post("/xlwings/custom-scripts-call/validera", json=old, headers=header).status_code == 200
    assert seen[-1][0] == {"Instruktion": ["A1:A2"]} and seen[-1][2] == ()
    assert custom_scripts.locked.get() == ()


@pytest.mark.parametrize("extra, field", [
    ([1], "xlplan"),
    ({"merges": ["A1:B2"]}, "xlplan.merges"),
    ({"merges": {"Blad1": "A1:B2"}}, "xlplan.merges"),
    ({"merges": {"Blad1": [[0, 0, 1, 1]]}}, "xlplan.merges"),
    ({"merges": {"Instruktion": ["hello"]}}, "hello"),
    ({"lang": 5}, "xlplan.lang"),
    ({"notes_supported": "yes"}, "xlplan.notes_supported"),
    ({"password_protected": "Analysflik"}, "xlplan.password_protected"),
    ({"password_protected": [3]}, "xlplan.password_protected[0]"),
])
def test_a_malformed_xlplan_key_is_a_4xx_with_one_sentence(client, extra, field):
    body = request_for(EXAMPLES / "sodermalm-2025.xlsx")
    body["xlplan"] = extra
    r = client.post("/xlwings/custom-scripts-call/validera", json=body)
    assert 400 <= r.status_code < 500 and r.headers["content-type"].startswith("text/plain"), r.text[:300]
    assert field in r.text and "\n" not in r.text.strip() and "Traceback" not in r.text


def test_merges_in_the_body_are_clipped_like_the_header(client, monkeypatch):
    seen = []
    monkeypatch.setattr("xlplan.excel.validate", lambda book, merges=None, **kw: seen.append(merges))
    body = request_for(EXAMPLES / "sodermalm-2025.xlsx")
    body["xlplan"]["merges"] = {"Analysflik": ["A1:XFD1048576"], "Gone": ["A1:B2"]}
    assert client.post("/xlwings/custom-scripts-call/validera", json=body).status_code == 200
    assert seen == [{"Analysflik": ["A1:D9"]}]


def test_the_manifest_asks_for_what_the_client_needs(manifest):
    sets = {el.get("Name"): el.get("MinVersion") for el in manifest.iterfind(".//o:Requirements/o:Sets/o:Set", NS)}
    assert sets == {"ExcelApi": "1.9", "SharedRuntime": "1.1"}
    for version in re.findall(r'has\("ExcelApi", "(1\.\d+)"\)', JS):  # every newer API is asked for first
        assert tuple(map(int, version.split("."))) > (1, 9), version


def test_an_unknown_script_is_refused(client):
    payload, _ = payload_for(EXAMPLES / "sodermalm-2025.xlsx")
    assert client.post("/xlwings/custom-scripts-call/format_c", json=payload).status_code == 404


# --------------------------------------------------------------------------- the manifest, offline


@pytest.fixture(scope="module")
def manifest(client):
    return etree.fromstring(client.get("/manifest.xml").content)


def test_manifest_resources_are_all_defined(manifest):
    defined = {el.get("id") for el in manifest.iterfind(".//ov:Resources//*[@id]", NS)}
    used = {el.get("resid") for el in manifest.iter() if el.get("resid")}
    assert used and used <= defined
    assert manifest.find("ov:VersionOverrides", NS) is not None


def test_every_ribbon_function_is_bound_in_the_javascript(manifest):
    functions = [el.text for el in manifest.iterfind(".//ov:FunctionName", NS)]
    assert functions == ["xlplanValidate", "xlplanUpdateAnalysis"]
    for name in functions:
        assert re.search(rf'Office\.actions\.associate\("{name}",', JS), name


def test_manifest_urls_are_https(manifest):
    urls = [el.get("DefaultValue") for el in manifest.iter() if (el.get("DefaultValue") or "").startswith("http")]
    urls += [el.text for el in manifest.iterfind(".//o:AppDomain", NS)]
    assert urls and all(u.startswith("https://") for u in urls)


def test_buttons_are_labelled_in_swedish_and_english(manifest):
    strings = {el.get("id"): el for el in manifest.iterfind(".//bt:String", NS)}
    for resid, en, sv in [("Validate.Label", "Validate", "Validera"), ("Analysis.Label", "Update analysis",
                                                                      "Uppdatera analys")]:
        el = strings[resid]
        assert el.get("DefaultValue") == en
        assert el.find("bt:Override", NS).get("Locale") == "sv-SE" and el.find("bt:Override", NS).get("Value") == sv
    short = manifest.find(".//bt:ShortStrings", NS)
    assert all(len(s.get("DefaultValue")) <= 125 for s in short)
    long_ = manifest.find(".//bt:LongStrings", NS)
    assert all(len(s.get("DefaultValue")) <= 250 for s in long_)


# --------------------------------------------------------------------------- the JavaScript, offline


def test_the_javascript_parses():
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is needed on CI to check the add-in's JavaScript")
        pytest.skip("node not installed")
    subprocess.run([node, "--check", str(ADDIN / "static" / "js" / "xlplan-addin.js")], check=True)


def test_the_client_handles_every_action_the_scripts_send(client, tmp_path):
    from tests.fixtures import CUSTOM_AREA, write_plan
    from tests.seeds import sodermalm

    handled = set(re.findall(r"^    (\w+): async \(run, a\) =>", JS, re.M))
    seen = set()
    path = EXAMPLES / "sodermalm-2025.xlsx"
    first, _ = call(client, "validera", path)
    seen |= {a["func"] for a in first["actions"]}
    payload = request_for(path)  # a second click: the findings sheet and xlplan's notes exist now
    for a in first["actions"]:
        if a["func"] == "xlplanMarks":
            payload["sheets"][a["sheet_position"]]["notes"] += [{"address": c, "xlplan": True}
                                                                for c in a["args"][0]["notes"]["add"]]
    payload["sheets"].append({"name": "Granskning", "values": [[""]], "pictures": [], "tables": [], "notes": []})
    second, _ = call(client, "validera", path, payload=payload)
    seen |= {a["func"] for a in second["actions"]}
    seven = write_plan(tmp_path / "sju.xlsx", {"SHEETS": [*sodermalm.SHEETS, CUSTOM_AREA], "DISTRICT": "Test",
                                                "YEAR": 2025, "ANALYSIS_AS_FILED": {
                                                    k: v for k, v in sodermalm.ANALYSIS_AS_FILED.items()
                                                    if not k.startswith("[")}})
    payload = request_for(seven)
    next(s for s in payload["sheets"] if s["name"] == "Analysflik")["charts"] = [{"name": "Chart 1"}]
    third, _ = call(client, "uppdatera_analys", seven, payload=payload)
    seen |= {a["func"] for a in third["actions"]}
    assert {"xlplanClearMarks", "xlplanMarks", "xlplanLinks", "xlplanResult", "addSheet", "sheetClearContents",
            "setValues", "alert", "setChartSourceData", "xlplanMoveBelow"} <= seen
    assert seen <= handled, seen - handled


def test_the_task_pane_elements_the_javascript_uses_exist(client):
    pane = client.get("/taskpane.html").text
    for element in re.findall(r'getElementById\("([\w-]+)"\)', JS):
        assert f'id="{element}"' in pane, element


# --------------------------------------------------------------------------- classic desktop xlwings


def test_the_vba_macros_run_the_excel_door():
    bas = (ADDIN / "xlplan.bas").read_text(encoding="utf-8")
    subs = dict(re.findall(r'Sub (\w+)\(\)\s+RunPython "([^"]+)"', bas))
    assert set(subs) == {"Validera", "UppdateraAnalys"}
    assert "x.validate(xw.Book.caller())" in subs["Validera"]
    assert "x.update_analysis(xw.Book.caller())" in subs["UppdateraAnalys"]
    for code in subs.values():
        compile(code, "RunPython", "exec")
    import xlplan.excel

    assert callable(xlplan.excel.validate) and callable(xlplan.excel.update_analysis)
