"""The task pane in headless Chromium: the real page from the real server, Office stubbed, a result shown.

The add-in server runs in a thread (uvicorn on 127.0.0.1, a free port) with its own security headers,
so the page runs under the real Content-Security-Policy. The only changes to the served taskpane.html:
office.js (Microsoft's, fetched from the internet) becomes a stub that is ready at once, speaks the
language in ?lang= and records what the page asks of Office; the client script (xlplan-addin.js,
which talks to Excel) becomes a harness that stands in for its side of the contract
(window.xlplanAddin.goTo, lastResult), calls window.xlplanUI.show with a fixed result, clicks a
finding and writes what it sees into <pre id="test-log"> for Chromium's --dump-dom.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
RED = (0xD1, 0x34, 0x38)  # Fluent's colorPaletteRedBackground3: the error badge and the errors' accent

FINDINGS = [  # the server's order, mixed on purpose: the pane groups errors first
    {"severity": "info", "rule": "I01", "rule_name": "Uppföljning saknas", "sheet": "1. Unga i riskzon",
     "cell": "H9", "message": "Åtgärden har ingen uppföljning ännu."},
    {"severity": "error", "rule": "E01", "rule_name": "Operativt mål saknas", "sheet": "1. Unga i riskzon",
     "cell": "C5", "message": "Problemet har inget operativt mål."},
    {"severity": "warning", "rule": "W02", "rule_name": "Ansvarig saknas", "sheet": "2. Otrygga miljöer",
     "cell": "F12", "message": "Åtgärden saknar ansvarig."},
    {"severity": "warning", "rule": "W03", "rule_name": "", "sheet": "2. Otrygga miljöer", "cell": "G12",
     "message": "Tidpunkten <script>alert('x')</script> & \"Q3\" går inte att läsa."},
    {"severity": "error", "rule": "E02", "rule_name": "Orsak utan åtgärd", "sheet": "2. Otrygga miljöer",
     "cell": "D7", "message": "Orsaken har ingen åtgärd."},
    {"severity": "info", "rule": "I02", "rule_name": "Tom rad", "sheet": "Analysflik", "cell": "",
     "message": "Fliken har tomma rader mitt i tabellen."},
    {"severity": "warning", "rule": "W01", "rule_name": "Mål utan mätetal", "sheet": "1. Unga i riskzon",
     "cell": "E6", "message": "Målet går inte att följa upp."},
    {"severity": "info", "rule": "I03", "rule_name": "Ny flik", "sheet": "", "cell": "",
     "message": "Planen har en flik som mallen inte känner."},
]
RESULT = {"action": "validate", "summary": "Granskningen klar: 2 fel, 3 varningar, 3 info. Se fliken Granskning.",
          "findings": FINDINGS, "notes": "Cellerna är markerade i planen."}

OFFICE_STUB = """// Stands in for office.js: ready at once, in the language of ?lang=, recording what the page asks.
(function () {
  var params = new URLSearchParams(location.search);
  var calls = window.harnessCalls = { goTo: [], showAsTaskpane: 0, dialogs: [], violations: [], errors: [] };
  document.addEventListener("securitypolicyviolation", function (e) {
    calls.violations.push(e.violatedDirective + " " + e.blockedURI);
  });
  window.addEventListener("error", function (e) { calls.errors.push(String(e.message)); });
  window.harnessResult = %(result)s;
  window.Office = {
    context: {
      displayLanguage: params.get("lang") || "sv-SE",
      requirements: { isSetSupported: function () { return true; } },
      ui: { displayDialogAsync: function (url, options, callback) { calls.dialogs.push(url); } },
    },
    addin: params.get("noaddin") ? undefined : {
      showAsTaskpane: function () { calls.showAsTaskpane += 1; return Promise.resolve(); },
    },
    actions: { associate: function () {} },
    EventType: { DialogMessageReceived: "dialogMessageReceived" },
    onReady: function (callback) {
      var ready = Promise.resolve({ host: "Excel", platform: "PC" });
      return callback ? ready.then(callback) : ready;
    },
  };
  window.xlplanAddin = {
    goTo: function (sheet, cell) { calls.goTo.push([sheet, cell]); return Promise.resolve(); },
  };
  if (params.get("last")) window.xlplanAddin.lastResult = window.harnessResult;
})();
"""

HARNESS = """// Stands in for the client's side after a click, then writes what the page shows into #test-log.
window.addEventListener("load", function () {
  var params = new URLSearchParams(location.search);
  var calls = window.harnessCalls;
  var results = {
    full: window.harnessResult,
    clean: { action: "validate", summary: "Granskningen klar: 0 fel.", findings: [] },
    analysis: { action: "analysis", summary: "Analysfliken är uppdaterad.", findings: [] },
  };
  if (params.get("show")) window.xlplanUI.show(results[params.get("show")]);
  var findings = document.querySelectorAll("#xlplan-findings .finding");
  if (params.get("click")) findings[Number(params.get("click"))].click();
  function text(root, selector) {
    var el = root.querySelector(selector);
    return el ? el.textContent : null;
  }
  var summary = document.querySelector("#xlplan-findings .summary");
  var item = document.querySelector("fluent-accordion-item");
  var log = {
    fluent: Boolean(customElements.get("fluent-accordion")),
    shadow: Boolean(item && item.shadowRoot),
    lang: document.documentElement.lang,
    title: text(document, "h1"),
    buttons: ["xlplan-validate", "xlplan-analysis"].map(function (id) {
      var b = document.getElementById(id);
      return [b.tagName.toLowerCase(), b.textContent, b.getAttribute("appearance"), b.className];
    }),
    summary: summary && [summary.tagName.toLowerCase(), summary.getAttribute("intent"), summary.textContent],
    notes: text(document, "#xlplan-findings .notes"),
    empty: text(document, "#xlplan-findings .empty"),
    groups: Array.prototype.map.call(document.querySelectorAll("#xlplan-findings .group"), function (g) {
      return {
        tag: g.tagName.toLowerCase(),
        severity: g.getAttribute("data-severity"),
        label: text(g, ".group-label"),
        count: text(g, ".badge"),
        items: Array.prototype.map.call(g.querySelectorAll(".finding"), function (f) {
          return [f.tagName.toLowerCase(), text(f, ".rule"), text(f, ".where"), text(f, ".message"), f.title];
        }),
      };
    }),
    current: text(document, ".finding[aria-current=true] .where"),
    scripts: document.querySelectorAll("#xlplan-findings script").length,
    elements: document.querySelectorAll("#xlplan-findings *").length,
    calls: calls,
  };
  var pre = document.createElement("pre");
  pre.id = "test-log";
  pre.hidden = true;
  pre.textContent = JSON.stringify(log);
  document.body.appendChild(pre);
  if (params.get("clear")) window.xlplanUI.clear();
});
"""


def _chromium_or_skip() -> str:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is needed on CI (.ci/run installs it)")
        pytest.skip("Chromium not installed")
    return CHROMIUM


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The add-in server on a free local port, plus /harness with the stubbed page; stopped afterwards."""
    _chromium_or_skip()
    import uvicorn
    from fastapi.staticfiles import StaticFiles

    from addin.app import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    harness = tmp_path_factory.mktemp("harness")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("XLPLAN_ADDIN_URL", base)  # the page's $base: this server, not https://localhost:8000
        app = create_app(workers=1)
        app.mount("/harness", StaticFiles(directory=harness), name="harness")
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        try:
            deadline = time.monotonic() + 30
            while not server.started:
                assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
                time.sleep(0.05)
            _write_harness(base, harness)
            yield base
        finally:
            server.should_exit = True
            thread.join(timeout=30)
            sock.close()


def _get(url: str) -> tuple[str, dict[str, str]]:
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.read().decode("utf-8"), {k.lower(): v for k, v in r.headers.items()}


def _write_harness(base: str, folder: Path) -> None:
    """The served taskpane.html with office.js and the client swapped for the stub and the harness."""
    page, _ = _get(base + "/taskpane.html")
    page, n_office = re.subn(r'<script src="https://appsforoffice\.microsoft\.com/[^"]*"></script>',
                             '<script src="/harness/office-stub.js"></script>', page)
    page, n_client = re.subn(r'<script src="[^"]*/static/js/xlplan-addin\.js"[^>]*></script>',
                             '<script src="/harness/harness.js"></script>', page)
    assert (n_office, n_client) == (1, 1), "taskpane.html no longer loads office.js and the client as expected"
    (folder / "taskpane.html").write_text(page, encoding="utf-8")
    # The same page as if the Fluent bundle had failed to load (a 404 here).
    plain = page.replace("/static/vendor/fluent-web-components.min.js", "/static/vendor/missing.js")
    assert plain != page
    (folder / "plain.html").write_text(plain, encoding="utf-8")
    (folder / "office-stub.js").write_text(OFFICE_STUB % {"result": json.dumps(RESULT, ensure_ascii=False)},
                                           encoding="utf-8")
    (folder / "harness.js").write_text(HARNESS, encoding="utf-8")


def _chromium(tmp_path: Path, *args: str) -> str:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    run = subprocess.run([_chromium_or_skip(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                          "--no-first-run", "--disable-background-networking", "--disable-component-update",
                          "--disable-sync", f"--user-data-dir={profile}", "--virtual-time-budget=5000", *args],
                         capture_output=True, timeout=120, check=True)
    return run.stdout.decode("utf-8")


def page_log(server: str, tmp_path: Path, page: str = "taskpane.html", **query: str) -> dict:
    url = f"{server}/harness/{page}?" + "&".join(f"{k}={v}" for k, v in query.items())
    dom = _chromium(tmp_path, "--dump-dom", url)
    found = re.search(r'<pre id="test-log"[^>]*>(.*?)</pre>', dom, re.S)
    assert found, f"the harness wrote no log; the page was:\n{dom[:3000]}"
    return json.loads(html.unescape(found.group(1)))


# --------------------------------------------------------------------------- the view


def test_findings_are_grouped_errors_first_with_counts_and_swedish_names(server, tmp_path):
    log = page_log(server, tmp_path, show="full", click="2")
    assert log["calls"]["violations"] == [] and log["calls"]["errors"] == []  # the CSP allows all of it
    assert log["fluent"] and log["shadow"]  # the vendored Fluent components are defined and rendered
    assert [(g["tag"], g["severity"], g["label"], g["count"]) for g in log["groups"]] == [
        ("fluent-accordion-item", "error", "Fel", "2"),
        ("fluent-accordion-item", "warning", "Varningar", "3"),
        ("fluent-accordion-item", "info", "Info", "3")]
    errors, warnings, infos = (g["items"] for g in log["groups"])
    assert errors == [
        ["button", "Operativt mål saknas", "1. Unga i riskzon!C5", "Problemet har inget operativt mål.",
         "Gå till 1. Unga i riskzon!C5"],
        ["button", "Orsak utan åtgärd", "2. Otrygga miljöer!D7", "Orsaken har ingen åtgärd.",
         "Gå till 2. Otrygga miljöer!D7"]]
    assert [w[1] for w in warnings] == ["Ansvarig saknas", "W03", "Mål utan mätetal"]  # no name: the code
    assert infos[1][:3] == ["button", "Tom rad", "Analysflik"] and infos[2][0] == "div"  # no place: no link
    assert log["summary"] == ["fluent-message-bar", "error", RESULT["summary"]]
    assert log["notes"] == RESULT["notes"]
    assert log["buttons"][0][:3] == ["fluent-button", "Validera", "primary"]
    assert log["lang"] == "sv" and log["title"] == "Åtgärdsplan"


def test_a_click_on_a_finding_goes_to_its_cell(server, tmp_path):
    log = page_log(server, tmp_path, show="full", click="2")  # the third shown: the first warning
    assert log["calls"]["goTo"] == [["2. Otrygga miljöer", "F12"]]
    assert log["current"] == "2. Otrygga miljöer!F12"


def test_user_text_is_shown_as_text_never_as_markup(server, tmp_path):
    log = page_log(server, tmp_path, show="full")
    message = log["groups"][1]["items"][1][3]
    assert message == "Tidpunkten <script>alert('x')</script> & \"Q3\" går inte att läsa."
    assert log["scripts"] == 0 and log["calls"]["errors"] == []


def test_show_opens_the_pane_so_a_ribbon_click_is_always_seen(server, tmp_path):
    log = page_log(server, tmp_path, show="full")
    assert log["calls"]["showAsTaskpane"] == 1 and log["calls"]["dialogs"] == []


def test_without_show_as_taskpane_the_summary_goes_into_a_dialog_in_english(server, tmp_path):
    log = page_log(server, tmp_path, show="full", lang="en-US", noaddin="1")
    assert log["lang"] == "en" and log["title"] == "Action plan"
    assert [g["label"] for g in log["groups"]] == ["Errors", "Warnings", "Info"]
    assert log["buttons"][0][1] == "Validate" and log["groups"][0]["items"][0][4].startswith("Go to ")
    [url] = log["calls"]["dialogs"]
    assert url.startswith(server + "/xlwings/alert?title=xlplan&prompt=Granskningen%20klar%3A%202%20fel")


@pytest.mark.parametrize("show, intent, empty", [("clean", "success", "Inga anmärkningar."),
                                                 ("analysis", "success", None)])
def test_a_run_without_findings_shows_its_summary_alone(server, tmp_path, show, intent, empty):
    log = page_log(server, tmp_path, show=show)
    assert log["summary"][:2] == ["fluent-message-bar", intent] and log["groups"] == []
    assert log["empty"] == empty and log["calls"]["showAsTaskpane"] == 1


def test_a_result_left_by_a_ribbon_click_is_shown_when_the_pane_loads(server, tmp_path):
    log = page_log(server, tmp_path, last="1")
    assert [g["count"] for g in log["groups"]] == ["2", "3", "3"]
    assert log["calls"]["showAsTaskpane"] == 0  # loading the pane is showing it already


def test_without_the_fluent_bundle_the_page_is_plain_html_and_still_works(server, tmp_path):
    log = page_log(server, tmp_path, "plain.html", show="full", click="0")
    assert not log["fluent"] and log["calls"]["errors"] == []
    assert [(b[0], b[1]) for b in log["buttons"]] == [("button", "Validera"), ("button", "Uppdatera analys")]
    assert "primary" in log["buttons"][0][3]
    assert [(g["tag"], g["label"], g["count"]) for g in log["groups"]] == [
        ("details", "Fel", "2"), ("details", "Varningar", "3"), ("details", "Info", "3")]
    assert log["summary"][:2] == ["div", "error"] and log["scripts"] == 0
    assert log["calls"]["goTo"] == [["1. Unga i riskzon", "C5"]]


def test_clear_empties_the_view(server, tmp_path):
    dom = _chromium(tmp_path, "--dump-dom", f"{server}/harness/taskpane.html?show=full&clear=1")
    findings = re.search(r'<section id="xlplan-findings"[^>]*>(.*?)</section>', dom, re.S)
    assert findings and findings.group(1).strip() == ""


# --------------------------------------------------------------------------- the look


def test_the_screenshot_has_fluents_look(server, tmp_path):
    from PIL import Image

    png = tmp_path / "pane.png"
    _chromium(tmp_path, "--window-size=400,800", f"--screenshot={png}",
              f"{server}/harness/taskpane.html?show=full&click=2")
    image = Image.open(png).convert("RGB")
    counts = {rgb: n for n, rgb in image.getcolors(maxcolors=1_000_000)}
    total = image.width * image.height
    assert counts.get(RED, 0) > 150  # the errors' accent bars and count badge
    assert counts.get((0x0F, 0x6C, 0xBD), 0) > 1500  # the primary button in Fluent's brand blue
    assert counts.get((0xFD, 0xF6, 0xF6), 0) > 3000  # the error message bar's background
    white = counts.get((0xFF, 0xFF, 0xFF), 0)
    assert 0.08 < 1 - white / total < 0.6  # text and controls drawn, not a blank or a smeared page


# --------------------------------------------------------------------------- the files


def test_the_page_loads_the_bundle_and_the_view_before_the_client(server):
    page, headers = _get(server + "/taskpane.html")
    csp = headers["content-security-policy"]  # the harness pages run under the same policy
    assert csp == _get(server + "/harness/taskpane.html")[1]["content-security-policy"]
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    order = [m.group(1) for m in re.finditer(r'<script src="[^"]*?(/static/[^"]+)"', page)]
    assert order == ["/static/vendor/fluent-web-components.min.js", "/static/js/xlplan-ui.js",
                     "/static/js/xlplan-addin.js"]
    assert "<script>" not in page and "unpkg" not in page and "cdn" not in page.lower()
    bundle, headers = _get(server + "/static/vendor/fluent-web-components.min.js")
    assert "javascript" in headers["content-type"] and "fluent" in bundle
    assert not re.search(r"""(?:import|fetch)\s*\(\s*["']https?:""", bundle)  # nothing fetched from elsewhere


def test_the_vendored_bundle_has_its_licence_and_build_script():
    vendor = ROOT / "addin" / "static" / "vendor"
    assert sorted(p.name for p in vendor.iterdir()) == ["LICENSE", "build.sh", "fluent-web-components.min.js"]
    licence = (vendor / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in licence and "@fluentui/web-components" in licence
    version = re.search(r"^FLUENT=(\S+)", (vendor / "build.sh").read_text(encoding="utf-8"), re.M).group(1)
    assert f"Fluent UI Web Components {version} " in (vendor / "fluent-web-components.min.js").read_text("utf-8")[:200]


def test_the_view_script_parses():
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is needed on CI to check the add-in's JavaScript")
        pytest.skip("node not installed")
    subprocess.run([node, "--check", str(ROOT / "addin" / "static" / "js" / "xlplan-ui.js")], check=True)
