#!/usr/bin/env node
/*
 * Runs xlplan's add-in client, addin/static/js/xlplan-addin.js exactly as Excel loads it, against the strict
 * stand-in of Excel (excel-mock.js) and a real xlplan server.
 *
 *   node tests/js/run-scenarios.js SCENARIOS.json BASE_URL [CLIENT.js] > RESULTS.json
 *   node tests/js/run-scenarios.js --selftest > RESULTS.json
 *
 * SCENARIOS.json: [{name, workbook (tests/xlwings_payload.py: workbook_model), sets: {ExcelApi: "1.18", …},
 * displayLanguage, ui: true, values: ["Granskning"] | true, compact: false, capture: false, search: "?key=…",
 * lenient: [] (see excel-mock.js; only to measure a previous client),
 * steps: [{click: "validate" | "analysis"} | {edit: {sheet, cell, value}} | {goTo: [sheet, cell]}]}]
 * CLIENT.js defaults to the add-in's own client; bench/click.py passes an earlier version to compare.
 *
 * For each step: the syncs and Excel.run calls it cost, the bytes of its batches and of its requests to the
 * server (and the server's time), what the client showed (window.xlplanUI.show) and the workbook afterwards.
 * The client is loaded in a fresh vm context per scenario with only what a task pane offers it: Office,
 * Excel, fetch, URLSearchParams, document (its script tag's data attributes, a status line, two buttons)
 * and window (its location).
 */
"use strict";

const fs = require("fs");
const path = require("path");
const vm = require("vm");
const { createHost, dump, RichApiError } = require("./excel-mock");

let CLIENT = path.resolve(__dirname, "..", "..", "addin", "static", "js", "xlplan-addin.js");

function element() {
  return { textContent: "", disabled: false, onclick: null };
}

/** A task pane page around the client: what it reads from the page and what it hands to the view. */
function loadClient(scenario, base) {
  const { host, Excel, Office } = createHost(scenario.workbook, { sets: scenario.sets,
    displayLanguage: scenario.displayLanguage, lenient: scenario.lenient });
  const page = { shows: [], requests: [], elements: { "xlplan-status": element(), "xlplan-validate": element(),
    "xlplan-analysis": element() } };
  const sandbox = {
    Office: Office,
    Excel: Excel,
    console: console,
    URLSearchParams: URLSearchParams,  // the web platform's, as every task pane's browser has it
    document: {
      currentScript: { dataset: { base: base, xlwingsVersion: scenario.xlwingsVersion || "" } },
      getElementById: (id) => page.elements[id] || null,
      querySelectorAll: () => [],
    },
    location: { origin: base, search: scenario.search || "" },
    fetch: async (url, init) => {
      const started = process.hrtime.bigint();
      const response = await fetch(url, init);  // node's fetch: a header that is not Latin-1 throws, as in a browser
      const text = await response.text();
      const record = { url: url, status: response.status, request_bytes: Buffer.byteLength(init.body || ""),
        response_bytes: Buffer.byteLength(text), ms: Number(process.hrtime.bigint() - started) / 1e6,
        headers: init.headers };
      if (scenario.capture) record.body = JSON.parse(init.body);
      page.requests.push(record);
      return { status: response.status, text: async () => text, json: async () => JSON.parse(text) };
    },
  };
  sandbox.window = sandbox;
  vm.createContext(sandbox);
  if (scenario.ui !== false) sandbox.xlplanUI = { show: (result) => page.shows.push(JSON.parse(JSON.stringify(result))) };
  vm.runInContext(fs.readFileSync(CLIENT, "utf8"), sandbox, { filename: CLIENT });
  return { host: host, page: page, window: sandbox };
}

async function runStep(client, step) {
  const { host, page, window } = client;
  host.reset();
  page.requests = [];
  const shown = page.shows.length;
  if (step.click) {
    const name = step.click === "validate" ? "xlplanValidate" : "xlplanUpdateAnalysis";
    await new Promise((resolve) => host.actions.get(name)({ completed: resolve }));
  } else if (step.edit) {
    const sheet = host.book.sheet(step.edit.sheet);
    const { r0, c0 } = require("./excel-mock").parseArea(step.edit.cell);
    sheet.write(r0, c0, step.edit.value, false);
  } else if (step.goTo) {
    await window.xlplanAddin.goTo(step.goTo[0], step.goTo[1]);
  }
  return {
    step: step,
    ...host.stats,
    requests: page.requests,
    shown: page.shows.length > shown ? page.shows[page.shows.length - 1] : null,
    status: page.elements["xlplan-status"].textContent,
    last_result: window.xlplanAddin ? window.xlplanAddin.lastResult : null,
  };
}

function compact(result) {
  for (const key of ["shown", "last_result"]) {
    if (result[key] && result[key].findings) {
      result[key].finding_count = result[key].findings.length;
      result[key].findings = result[key].findings.slice(0, 20);
    }
  }
  return result;
}

async function runScenario(scenario, base) {
  const client = loadClient(scenario, base);
  const steps = [];
  for (const step of scenario.steps) {
    let result;
    try {
      result = await runStep(client, step);
    } catch (error) {
      result = { step: step, crashed: String(error && error.stack ? error.stack : error) };
    }
    if (scenario.compact) compact(result);
    result.state = dump(client.host.book, scenario.values || []);
    if (scenario.compact) for (const sheet of result.state.sheets) delete sheet.notes;
    if (scenario.compact) result.notes_per_sheet = Object.fromEntries(client.host.book.sheets.map((s) => [s.name, s.notes.size]));
    steps.push(result);
  }
  return { name: scenario.name, steps: steps };
}

// --------------------------------------------------------------------------- the stand-in's own strictness

async function expectError(fn, code) {
  try {
    await fn();
  } catch (error) {
    return error instanceof RichApiError ? error.code === code || error.code : String(error);
  }
  return "no error";
}

/** Each check returns true when the stand-in behaves as Office.js does, else what it did instead. */
async function selftest() {
  const sheet = (name, extra) => Object.assign({ name: name, values: [["a", 1], ["b", { date: "2025-03-01T00:00:00.000Z" }]] }, extra || {});
  const workbook = { name: "t.xlsx", sheets: [sheet("Open"), sheet("Locked", { protection: { protected: true, password: "pw" } }),
    sheet("Lifted", { protection: { protected: true } })] };
  const checks = {};
  const fresh = (sets) => createHost(JSON.parse(JSON.stringify(workbook)), { sets: sets });

  checks.read_before_sync_throws = await (async () => {
    const { Excel } = fresh();
    return expectError(() => Excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Open").getRange("A1");
      range.load("values");
      return range.values;
    }), "PropertyNotLoaded");
  })();
  checks.read_after_sync_works = await (async () => {
    const { Excel } = fresh();
    const values = await Excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Open").getRange("A1:B2");
      range.load("values");
      await ctx.sync();
      return range.values;
    });
    return values[0][0] === "a" && values[1][1] > 45000 || values;
  })();
  checks.unloaded_property_throws = await (async () => {
    const { Excel } = fresh();
    return expectError(() => Excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Open").getRange("A1");
      range.load("address");
      await ctx.sync();
      return range.values;
    }), "PropertyNotLoaded");
  })();
  checks.every_sync_counts = await (async () => {
    const { Excel, host } = fresh();
    await Excel.run(async (ctx) => {
      await ctx.sync();
      await ctx.sync();
      ctx.workbook.worksheets.getItem("Open").getRange("C1").values = [["x"]];
    });
    return host.stats.syncs === 3 || host.stats.syncs;
  })();
  checks.null_object_known_after_sync = await (async () => {
    const { Excel } = fresh();
    return Excel.run(async (ctx) => {
      const gone = ctx.workbook.worksheets.getItemOrNullObject("Gone");
      const here = ctx.workbook.worksheets.getItemOrNullObject("Open");
      const early = await expectError(async () => gone.isNullObject, "PropertyNotLoaded");
      await ctx.sync();
      return (early === true && gone.isNullObject && !here.isNullObject) || early;
    });
  })();
  checks.protected_sheet_refuses_writes = await (async () => {
    const { Excel } = fresh();
    return expectError(() => Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Lifted").getRange("A1").values = [["x"]];
      await ctx.sync();
    }), "AccessDenied");
  })();
  checks.password_refuses_unprotect = await (async () => {
    const { Excel, host } = fresh();
    const code = await expectError(() => Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Locked").protection.unprotect();
      await ctx.sync();
    }), "InvalidArgument");
    return code === true && host.book.sheet("Locked").protection.protected || code;
  })();
  checks.right_password_unprotects = await (async () => {
    const { Excel, host } = fresh();
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Locked").protection.unprotect("pw");
    });
    return !host.book.sheet("Locked").protection.protected;
  })();
  checks.protect_twice_fails = await (async () => {
    const { Excel } = fresh();
    return expectError(() => Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Lifted").protection.protect({});
      await ctx.sync();
    }), "InvalidOperation");
  })();
  checks.failed_batch_drops_the_rest = await (async () => {
    const { Excel, host } = fresh();
    await expectError(() => Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets;
      ws.getItem("Open").getRange("C1").values = [["before"]];
      ws.getItem("Lifted").getRange("C1").values = [["refused"]];
      ws.getItem("Open").getRange("C2").values = [["after"]];
      await ctx.sync();
    }), "AccessDenied");
    const open = host.book.sheet("Open");
    return (open.value(0, 2) === "before" && open.value(1, 2) === "") || [open.value(0, 2), open.value(1, 2)];
  })();
  checks.api_above_the_host_fails = await (async () => {
    const { Excel } = fresh({ ExcelApi: "1.12" });
    return expectError(() => Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Open").notes.load("items/content");
      await ctx.sync();
    }), "ApiNotFound");
  })();
  checks.requirement_sets_answer = (() => {
    const { Office } = fresh({ ExcelApi: "1.12" });
    const has = Office.context.requirements.isSetSupported;
    return (has("ExcelApi", "1.9") && has("ExcelApi", "1.12") && !has("ExcelApi", "1.13") && !has("ExcelApiOnline", "1.1")) || "wrong";
  })();
  checks.values_must_fit_the_range = await (async () => {
    const { Excel } = fresh();
    return expectError(() => Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Open").getRange("A1").values = [["a", "b"]];
      await ctx.sync();
    }), "InvalidArgument");
  })();
  checks.formula_like_text_must_be_quoted = await (async () => {
    const { Excel } = fresh();
    return expectError(() => Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Open").getRange("A1").values = [["=1+1"]];
      await ctx.sync();
    }), "InvalidArgument");
  })();
  checks.long_address_refused = await (async () => {
    const { Excel } = fresh();
    const long = Array.from({ length: 2000 }, (_, i) => "A" + (i + 1)).join(",");
    return expectError(() => Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Open").getRanges(long);
      await ctx.sync();
    }), "InvalidArgument");
  })();
  checks.objects_die_with_their_run = await (async () => {
    const { Excel } = fresh();
    const range = await Excel.run(async (ctx) => ctx.workbook.worksheets.getItem("Open").getRange("A1"));
    return expectError(async () => range.load("values"), "InvalidObjectPath");
  })();
  checks.big_batches_fail = await (async () => {
    const { Excel } = fresh();
    const text = "x".repeat(1000);
    return expectError(() => Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Open");
      ws.getRange("A1:A6000").values = Array.from({ length: 6000 }, () => [text]);
      await ctx.sync();
    }), "RequestPayloadSizeLimitExceeded");
  })();
  return checks;
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === "--selftest") {
    process.stdout.write(JSON.stringify(await selftest()));
    return;
  }
  const [file, base, client] = args;
  if (client) CLIENT = path.resolve(client);
  const scenarios = JSON.parse(fs.readFileSync(file, "utf8"));
  const out = {};
  for (const scenario of scenarios) out[scenario.name] = await runScenario(scenario, base);
  process.stdout.write(JSON.stringify(out));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(1);
});
