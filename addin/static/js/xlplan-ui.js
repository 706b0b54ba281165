/*
 * xlplan's task pane view: what a click found, grouped by severity, and the way to each cell.
 *
 * The contract with the client (xlplan-addin.js, which does the Excel and server work):
 *
 *   window.xlplanUI.show(result)   after every click, from the ribbon or the pane, where
 *       result = {action: "validate" | "analysis", summary: "<one line>",
 *                 findings: [{severity: "error" | "warning" | "info", rule, rule_name, sheet, cell, message}],
 *                 notes: "<optional extra line>"}
 *   window.xlplanUI.clear()        empties the view.
 *   window.xlplanAddin.goTo(sheet, cell)   the client's; called here when a finding is clicked.
 *   window.xlplanAddin.lastResult          shown when the page loads after a ribbon click.
 *
 * Feedback after a ribbon click: with the shared runtime the ribbon's function runs in this very page,
 * which is hidden while the task pane is closed, so writing the result here alone shows nothing.
 * show() therefore also opens the pane (Office.addin.showAsTaskpane, SharedRuntime 1.1, which the
 * manifest already requires); only where that is missing or refused does the one-line summary go
 * into a dialog (the server's /xlwings/alert page). Opening an open pane changes nothing.
 *
 * The look is Office's own (Fluent 2) from the Fluent UI web components in static/vendor. If that
 * bundle did not load or the webview cannot run it, the same structure is built from plain HTML
 * (native buttons, details/summary) and taskpane.css gives it the same tokens' colours. This file is
 * ES5 so that even Trident, which Office on Windows still uses without WebView2, can parse it.
 *
 * Findings carry text people typed into the plan: every text goes in through textContent or an
 * attribute, never innerHTML.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var BASE = (script && script.getAttribute("data-base")) || location.protocol + "//" + location.host;
  var SEVERITIES = ["error", "warning", "info"];
  var SVG = "http://www.w3.org/2000/svg";

  var TEXT = {
    sv: { error: "Fel", warning: "Varningar", info: "Info", goTo: "Gå till ", none: "Inga anmärkningar.",
          findings: "Anmärkningar" },
    en: { error: "Errors", warning: "Warnings", info: "Info", goTo: "Go to ", none: "No findings.",
          findings: "Findings" },
  };

  // Fluent badge colours: red for errors, dark orange as in Fluent's warning message bar, grey for info.
  var BADGE = { error: "danger", warning: "severe", info: "informative" };

  var state = { result: null };

  // ------------------------------------------------------------------ language

  /** Office's display language decides; English only when it is English, Swedish otherwise (as the server). */
  function lang() {
    var shown = "";
    try {
      shown = (window.Office && Office.context && Office.context.displayLanguage) || "";
    } catch (error) {
      shown = "";  // office.js before it is ready: keep the default
    }
    return String(shown).toLowerCase().indexOf("en") === 0 ? "en" : "sv";
  }

  function t(key) {
    return TEXT[lang()][key];
  }

  /** The page's fixed texts carry both languages in data-sv/data-en; the chosen one becomes the text. */
  function translatePage() {
    var language = lang();
    var elements = document.querySelectorAll("[data-sv]");
    for (var i = 0; i < elements.length; i++) {
      var text = elements[i].getAttribute("data-" + language);
      if (text !== null) elements[i].textContent = text;
    }
    document.documentElement.setAttribute("lang", language);
  }

  // ------------------------------------------------------------------ Fluent or plain HTML

  function defined(tag) {
    return Boolean(window.customElements && customElements.get(tag));
  }

  function fluent() {
    return defined("fluent-accordion") && defined("fluent-accordion-item") && defined("fluent-badge") &&
      defined("fluent-message-bar");
  }

  /**
   * Without the Fluent bundle a <fluent-button> is an unknown inline element: no focus, no keyboard,
   * no disabled state. Swap each for a native button with the same id and texts. This runs as this
   * script loads, after the buttons and before the client binds its handlers to those ids.
   */
  function plainButtons() {
    if (defined("fluent-button")) return;
    var old = document.querySelectorAll("fluent-button");
    for (var i = 0; i < old.length; i++) {
      var button = document.createElement("button");
      button.type = "button";
      for (var a = 0; a < old[i].attributes.length; a++) {
        var attribute = old[i].attributes[a];
        if (attribute.name !== "appearance") button.setAttribute(attribute.name, attribute.value);
      }
      button.className = ("plain-button " + (old[i].getAttribute("appearance") || "") + " " + button.className).trim();
      while (old[i].firstChild) button.appendChild(old[i].firstChild);
      old[i].parentNode.replaceChild(button, old[i]);
    }
  }

  // ------------------------------------------------------------------ building blocks

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined && text !== null && text !== "") el.textContent = String(text);
    return el;
  }

  function empty(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function severityOf(finding) {
    var severity = String((finding && finding.severity) || "").toLowerCase();
    if (severity === "error" || severity === "fel") return "error";
    if (severity === "warning" || severity === "varning") return "warning";
    return "info";
  }

  /** The findings by severity, each group in the server's order. */
  function grouped(findings) {
    var groups = { error: [], warning: [], info: [] };
    var list = Object.prototype.toString.call(findings) === "[object Array]" ? findings : [];
    for (var i = 0; i < list.length; i++) {
      if (list[i] && typeof list[i] === "object") groups[severityOf(list[i])].push(list[i]);
    }
    return groups;
  }

  /** The summary's tone: the worst severity found; success when a run found nothing. */
  function intentOf(groups) {
    if (groups.error.length) return "error";
    if (groups.warning.length) return "warning";
    if (groups.info.length) return "info";
    return "success";
  }

  function place(finding) {
    var sheet = finding.sheet ? String(finding.sheet) : "";
    var cell = finding.cell ? String(finding.cell) : "";
    return sheet && cell ? sheet + "!" + cell : sheet || cell;
  }

  // Small 20×20 icons in the spirit of Fluent's: a filled shape and a white glyph, coloured by CSS.
  var ICONS = {
    error: [["circle", { cx: 10, cy: 10, r: 8, "class": "shape" }], ["path", { d: "M10 6.2v4.6", "class": "glyph" }],
            ["circle", { cx: 10, cy: 13.6, r: 1.05, "class": "dot" }]],
    warning: [["path", { d: "M8.7 3.3a1.5 1.5 0 0 1 2.6 0l6.4 11.5a1.5 1.5 0 0 1-1.3 2.2H3.6a1.5 1.5 0 0 1-1.3-2.2z",
                         "class": "shape" }],
              ["path", { d: "M10 7.6v4", "class": "glyph" }], ["circle", { cx: 10, cy: 14.2, r: 1.05, "class": "dot" }]],
    info: [["circle", { cx: 10, cy: 10, r: 8, "class": "shape" }], ["path", { d: "M10 9.2v4.8", "class": "glyph" }],
           ["circle", { cx: 10, cy: 6.5, r: 1.05, "class": "dot" }]],
    success: [["circle", { cx: 10, cy: 10, r: 8, "class": "shape" }],
              ["path", { d: "M6.6 10.2l2.3 2.3 4.6-4.8", "class": "glyph" }]],
  };

  function icon(intent) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 20 20");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("class", "icon icon-" + intent);
    var parts = ICONS[intent];
    for (var i = 0; i < parts.length; i++) {
      var part = document.createElementNS(SVG, parts[i][0]);
      for (var name in parts[i][1]) {
        if (Object.prototype.hasOwnProperty.call(parts[i][1], name)) part.setAttribute(name, parts[i][1][name]);
      }
      svg.appendChild(part);
    }
    return svg;
  }

  // ------------------------------------------------------------------ the view

  /** The one-line summary: a Fluent message bar in the run's tone, or a div styled like one. */
  function summaryBar(result, intent, rich) {
    var bar = element(rich ? "fluent-message-bar" : "div", "summary");
    bar.setAttribute("intent", intent);
    bar.setAttribute("role", "status");
    if (rich) bar.setAttribute("layout", "multiline");
    var mark = icon(intent);
    if (rich) mark.setAttribute("slot", "icon");
    bar.appendChild(mark);
    bar.appendChild(element("span", "summary-text", result.summary || ""));
    return bar;
  }

  function badge(severity, count, rich) {
    var el = element(rich ? "fluent-badge" : "span", "badge", count);
    el.setAttribute("data-severity", severity);
    if (rich) {
      el.setAttribute("appearance", "filled");
      el.setAttribute("color", BADGE[severity]);
      el.setAttribute("shape", "circular");
      el.setAttribute("size", "medium");
    }
    return el;
  }

  /** One finding: a native button (keyboard and screen readers for free) that goes to its cell. */
  function findingItem(finding, severity) {
    var where = place(finding);
    var item = element(where ? "button" : "div", "finding");
    item.setAttribute("data-severity", severity);
    var head = element("span", "finding-head");
    head.appendChild(element("span", "rule", finding.rule_name || finding.rule || ""));
    if (where) head.appendChild(element("span", "where", where));
    item.appendChild(head);
    item.appendChild(element("span", "message", finding.message || ""));
    if (where) {
      item.type = "button";
      item.title = t("goTo") + where;
      item.onclick = function () {
        goTo(finding, item);
      };
    }
    var li = element("li");
    li.appendChild(item);
    return li;
  }

  /** A severity's group: an expanded Fluent accordion item with a count badge, or an open <details>. */
  function group(severity, findings, rich) {
    var box = element(rich ? "fluent-accordion-item" : "details", "group");
    box.setAttribute("data-severity", severity);
    var heading = element(rich ? "span" : "summary", "group-heading");
    if (rich) {
      box.setAttribute("expanded", "");
      box.setAttribute("heading-level", "2");
      heading.setAttribute("slot", "heading");
    } else {
      box.setAttribute("open", "");
    }
    heading.appendChild(element("span", "group-label", t(severity)));
    heading.appendChild(badge(severity, findings.length, rich));
    box.appendChild(heading);
    var list = element("ul", "finding-list");
    for (var i = 0; i < findings.length; i++) list.appendChild(findingItem(findings[i], severity));
    box.appendChild(list);
    return box;
  }

  function render(result) {
    state.result = result && typeof result === "object" ? result : null;
    var root = document.getElementById("xlplan-findings");
    if (!root) return;
    empty(root);
    if (!state.result) return;
    var rich = fluent();
    var groups = grouped(state.result.findings);
    var failed = !!state.result.error;  // the click failed: its sentence, never "no findings"
    root.appendChild(summaryBar(state.result, failed ? "error" : intentOf(groups), rich));
    if (failed) root.appendChild(element("p", "error", String(state.result.error)));
    if (state.result.notes) root.appendChild(element("p", "notes", state.result.notes));
    var shown = false;
    var box = element(rich ? "fluent-accordion" : "div", "groups");
    box.setAttribute("aria-label", t("findings"));
    if (rich) box.setAttribute("expand-mode", "multi");
    for (var i = 0; i < SEVERITIES.length; i++) {
      if (!groups[SEVERITIES[i]].length) continue;
      box.appendChild(group(SEVERITIES[i], groups[SEVERITIES[i]], rich));
      shown = true;
    }
    if (shown) root.appendChild(box);
    else if (state.result.action === "validate" && !failed) root.appendChild(element("p", "empty", t("none")));
  }

  // ------------------------------------------------------------------ to the cell, and to the user

  function warn(error) {
    if (window.console && console.warn) console.warn("xlplan:", error);
  }

  /** Marks the clicked finding and asks the client to select its cell; a missing client is no error here. */
  function goTo(finding, item) {
    var marked = document.querySelectorAll("#xlplan-findings .finding[aria-current]");
    for (var i = 0; i < marked.length; i++) marked[i].removeAttribute("aria-current");
    item.setAttribute("aria-current", "true");
    var addin = window.xlplanAddin;
    if (!addin || typeof addin.goTo !== "function") return;
    try {
      var done = addin.goTo(finding.sheet, finding.cell);
      if (done && typeof done.then === "function") done.then(null, warn);
    } catch (error) {
      warn(error);
    }
  }

  /** The summary in a small dialog, for an Office where the pane cannot be opened from code. */
  function dialog(text) {
    var ui = window.Office && Office.context && Office.context.ui;
    if (!text || !ui || typeof ui.displayDialogAsync !== "function") return;
    var url = BASE + "/xlwings/alert?title=xlplan&prompt=" + encodeURIComponent(text);
    try {
      ui.displayDialogAsync(url, { height: 30, width: 40, displayInIframe: true }, function (opened) {
        var box = opened && opened.value;
        if (box && box.addEventHandler && Office.EventType) {
          box.addEventHandler(Office.EventType.DialogMessageReceived, function () {
            box.close();
          });
        }
      });
    } catch (error) {
      warn(error);
    }
  }

  /** Brings the pane, where the result now is, into view; the dialog where Office cannot. */
  function reveal(result) {
    var addin = window.Office && Office.addin;
    if (!addin || typeof addin.showAsTaskpane !== "function") {
      dialog(result.summary);
      return;
    }
    try {
      var done = addin.showAsTaskpane();
      if (done && typeof done.then === "function") {
        done.then(null, function () {
          dialog(result.summary);
        });
      }
    } catch (error) {
      dialog(result.summary);
    }
  }

  // ------------------------------------------------------------------ start

  /** A ribbon click that ran before this view was ready left its result with the client. */
  function renderPending() {
    if (state.result) return;
    var addin = window.xlplanAddin;
    if (addin && addin.lastResult) render(addin.lastResult);
  }

  function whenOfficeReady(callback) {
    if (!window.Office || typeof Office.onReady !== "function") return;
    try {
      Office.onReady(function () {
        callback();
      });
    } catch (error) {
      warn(error);
    }
  }

  window.xlplanUI = {
    show: function (result) {
      render(result);
      if (state.result) reveal(state.result);
    },
    clear: function () {
      render(null);
    },
  };

  plainButtons();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", renderPending);
  else renderPending();
  whenOfficeReady(function () {
    translatePage();
    renderPending();
    if (state.result) render(state.result);  // again, now in Office's language
  });
})();
