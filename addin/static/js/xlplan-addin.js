/*
 * xlplan's Office add-in client: one click, a handful of round trips to Excel.
 *
 * A click is one Excel.run: read the workbook in a few batched syncs, post it
 * to the server (xlwings Server's protocol: POST /xlwings/custom-scripts-call/
 * <script> with xlwings' payload), then queue every action of the answer and
 * sync once (or a few times when the writes are large). The number of
 * context.sync() calls does not grow with the plan: per click it is
 *
 *   read:  1 (sheets) + 1 (per-sheet facts) + 1 per 20,000 cells of values
 *          (Excel on the web answers at most 5 MB per sync), the first of
 *          which also carries note addresses and rule formulas;
 *   write: 1 per ~2 MB of queued writes (usually 1);
 *   plus 1 per protected sheet where Excel cannot say whether a password
 *   guards it (desktop Excel), and 1 when a chart must move below a grown
 *   analysis table.
 *
 * The payload is xlwings' (client, version, book, names, sheets with values
 * from A1, dates as ISO strings, each sheet's notes and charts) plus
 * xlplan's own key, which xlwings' payload has no room for:
 *
 *   xlplan: {merges: {sheet: ["A1:C2", …]}, lang: "sv" | "en",
 *            notes_supported: bool, password_protected: [sheet, …]}
 *
 * Notes report whether they are xlplan's ("xlplan": true when the text starts
 * with "xlplan:", as both doors write them), so the server rewrites or
 * deletes exactly its own. The findings sheet's old rows are not sent: the
 * server does not need them.
 *
 * Every API above the manifest's minimum (ExcelApi 1.9) is used only where
 * Office.context.requirements says it exists: notes need ExcelApi 1.18,
 * merged areas 1.13, date detection by category 1.12 (else by number
 * format), moving a chart 1.10; knowing a password without trying needs
 * ExcelApiOnline 1.1.
 *
 * Protection: a sheet protected without a password is lifted while the
 * click writes and protected again with the same options in the same batch;
 * a sheet with a password is never written, and the server's summary says
 * which findings are therefore unmarked.
 *
 * A key in the task pane's address (taskpane.html?key=…, written into the manifest by `xlplan serve
 * --manifest`) goes with every script call as `Authorization: Bearer …`.
 *
 * After a click the task pane's view gets the result:
 *   window.xlplanUI.show({action, summary, findings: [{severity, rule, rule_name, sheet, cell, message}], notes})
 * (plus error: "<sentence>" when the click failed), and window.xlplanAddin
 * offers goTo(sheet, cell), validate(), updateAnalysis() and lastResult.
 */
(function () {
  "use strict";

  const script = document.currentScript;
  const BASE = (script && script.dataset.base) || window.location.origin;
  const XLWINGS_VERSION = (script && script.dataset.xlwingsVersion) || "";
  const FINDINGS_SHEET = "Granskning";
  const NOTE_PREFIX = "xlplan:";
  const READ_CELLS_PER_SYNC = 20000;
  const WRITE_BYTES_PER_SYNC = 2000000;
  const OP_BYTES = 120;  // what one queued operation costs in a batch's request, beside its data
  const SERIES_BY = { Rows: "Rows", Columns: "Columns" };
  const LOCAL = new Set(["alert", "xlplanResult", "xlplanClearMarks"]);

  function lang() {
    const ui = (Office.context && Office.context.displayLanguage) || "sv-SE";
    return ui.toLowerCase().startsWith("en") ? "en" : "sv";
  }

  const TEXT = {
    sv: { working: "Arbetar …", failed: "Det gick inte: " },
    en: { working: "Working …", failed: "That did not work: " },
  };
  const t = (key) => TEXT[lang()][key];

  /** What this Excel can do, from its requirement sets; asked once per click. */
  function features() {
    const has = (set, version) => Office.context.requirements.isSetSupported(set, version);
    return {
      notes: has("ExcelApi", "1.18"),
      merges: has("ExcelApi", "1.13"),
      categories: has("ExcelApi", "1.12"),
      rangeTop: has("ExcelApi", "1.10"),
      passwordKnown: has("ExcelApiOnline", "1.1"),
    };
  }

  const local = (address) => address.split("!").pop().replace(/\$/g, "");

  // ------------------------------------------------------------------ reading

  function isoDate(serial) {
    return new Date(Math.round((serial - 25569) * 86400 * 1000)).toISOString();
  }

  /** A number format that shows a date or time (the fallback where numberFormatCategories is missing). */
  function isDateFormat(format) {
    const bare = String(format || "")
      .replace(/"[^"]*"/g, "")
      .replace(/\\./g, "")
      .replace(/\[(?![hms]+\])[^\]]*\]/gi, "");
    return bare.toLowerCase() !== "general" && /[dmyhs]/i.test(bare);
  }

  function cellValue(value, isDate) {
    return isDate && typeof value === "number" ? isoDate(value) : value;
  }

  /** Pieces of at most READ_CELLS_PER_SYNC cells, a long sheet cut by rows, packed into syncs. */
  function readJobs(sheets) {
    const batches = [[]];
    let cells = 0;
    for (const sheet of sheets) {
      if (!sheet.rows || sheet.name === FINDINGS_SHEET) continue;
      const step = Math.max(1, Math.floor(READ_CELLS_PER_SYNC / sheet.columns));
      for (let start = 0; start < sheet.rows; start += step) {
        const rows = Math.min(step, sheet.rows - start);
        if (cells && cells + rows * sheet.columns > READ_CELLS_PER_SYNC) {
          batches.push([]);
          cells = 0;
        }
        batches[batches.length - 1].push({ sheet: sheet, start: start, rows: rows });
        cells += rows * sheet.columns;
      }
    }
    return batches;
  }

  /** Sync 1: the sheets, the book's name and the active sheet. */
  async function readSheets(context) {
    const workbook = context.workbook;
    workbook.worksheets.load("items/name,items/visibility");
    workbook.load("name");
    const active = workbook.worksheets.getActiveWorksheet();
    active.load("position");
    await context.sync();
    const sheets = workbook.worksheets.items.map((ws) => ({ ws: ws, name: ws.name, visibility: ws.visibility }));
    return { workbook: workbook, active: active, sheets: sheets };
  }

  /** Sync 2: per sheet its extent, protection and charts; for Validera its rules, notes and merged areas. */
  async function readFacts(context, book, can, forMarks) {
    for (const sheet of book.sheets) {
      const ws = sheet.ws;
      sheet.used = ws.getUsedRangeOrNullObject(true);
      sheet.used.load("rowIndex,columnIndex,rowCount,columnCount");
      ws.protection.load(can.passwordKnown ? "protected,options,isPasswordProtected" : "protected,options");
      ws.charts.load(can.rangeTop ? "items/name,items/top" : "items/name");
      if (can.merges) {
        sheet.merged = ws.getRange().getMergedAreasOrNullObject();
        sheet.merged.load("areas/items/address");
      }
      if (forMarks) {
        sheet.rules = ws.getRange().conditionalFormats;
        sheet.rules.load("items/type");
        if (can.notes) ws.notes.load("items/content");
      }
    }
    await context.sync();
    for (const sheet of book.sheets) {
      const used = sheet.used;
      sheet.rows = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
      sheet.columns = used.isNullObject ? 0 : used.columnIndex + used.columnCount;
      sheet.protected = sheet.ws.protection.protected;
      sheet.options = sheet.ws.protection.options;
      sheet.password = can.passwordKnown && sheet.protected ? sheet.ws.protection.isPasswordProtected : null;
      sheet.charts = sheet.ws.charts.items;
      const merged = sheet.merged && !sheet.merged.isNullObject ? sheet.merged.areas.items : [];
      sheet.merges = merged.map((area) => local(area.address));
    }
  }

  /**
   * Desktop Excel cannot say whether a password guards a sheet: try to lift the protection and put it back
   * at once, one sync per protected sheet (a failed batch stops at its failing command).
   */
  async function probePasswords(context, book) {
    for (const sheet of book.sheets) {
      if (!sheet.protected || sheet.password !== null) continue;
      sheet.ws.protection.unprotect();
      sheet.ws.protection.protect(sheet.options);
      try {
        await context.sync();
        sheet.password = false;
      } catch (error) {
        sheet.password = true;
      }
    }
  }

  /** Syncs 3 and on: values (and how they are formatted) of every sheet, the notes' cells, the rules' formulas. */
  async function readValues(context, book, can, forMarks) {
    for (const sheet of book.sheets) {
      sheet.values = [[""]];
      if (forMarks) {
        sheet.custom = sheet.rules.items.filter((rule) => rule.type === "Custom");
        for (const rule of sheet.custom) rule.custom.rule.load("formula");
        sheet.noteCells = can.notes ? sheet.ws.notes.items.map((note) => {
          const where = note.getLocation();
          where.load("address");
          return { own: String(note.content).startsWith(NOTE_PREFIX), where: where };
        }) : [];
      }
    }
    const formats = can.categories ? "values,numberFormatCategories" : "values,numberFormat";
    for (const batch of readJobs(book.sheets)) {
      for (const job of batch) {
        job.range = job.sheet.ws.getRangeByIndexes(job.start, 0, job.rows, job.sheet.columns);
        job.range.load(formats);
      }
      await context.sync();
      for (const job of batch) {
        const values = job.range.values;
        const kinds = can.categories ? job.range.numberFormatCategories : job.range.numberFormat;
        const isDate = can.categories
          ? (r, c) => kinds[r][c] === "Date" || kinds[r][c] === "Time"
          : (r, c) => isDateFormat(kinds[r][c]);
        const rows = values.map((row, r) => row.map((value, c) => cellValue(value, isDate(r, c))));
        job.sheet.values = job.start === 0 ? rows : job.sheet.values.concat(rows);
      }
    }
  }

  function payloadOf(book, can) {
    const password = book.sheets.filter((s) => s.protected && s.password).map((s) => s.name);
    const merges = {};
    const sheets = book.sheets.map((sheet) => {
      if (sheet.merges.length) merges[sheet.name] = sheet.merges;
      return {
        name: sheet.name,
        values: sheet.values,
        visibility: sheet.visibility,
        pictures: [],
        tables: [],
        charts: sheet.charts.map((chart) => ({ name: chart.name })),
        notes: (sheet.noteCells || []).map((n) => ({ address: local(n.where.address), xlplan: n.own })),
        notes_supported: can.notes,
      };
    });
    return {
      client: "Office.js",
      version: XLWINGS_VERSION,
      book: { name: book.workbook.name, active_sheet_index: book.active.position, selection: "A1" },
      names: [],
      sheets: sheets,
      xlplan: { merges: merges, lang: lang(), notes_supported: can.notes, password_protected: password },
    };
  }

  // ------------------------------------------------------------------ writing

  /** The sheet an action names; sheets added by the answer are in the list at their positions. */
  function sheetOf(run, a) {
    const sheet = run.book.sheets[a.sheet_position];
    if (!sheet) throw new Error("xlplan: no sheet at position " + a.sheet_position);
    return sheet;
  }

  const handlers = {
    setValues: async (run, a) => {
      const width = a.values.length ? a.values[0].length : 0;
      if (!width) return;
      const values = a.values.map((row) => row.map((v) => (v === null ? "" : v)));
      sheetOf(run, a).ws.getRangeByIndexes(a.start_row, a.start_column, values.length, width).values = values;
      await run.spend(JSON.stringify(values).length);
    },
    addSheet: async (run, a) => {
      const ws = run.context.workbook.worksheets.add(a.args[1]);
      ws.position = a.args[0];
      run.book.sheets.splice(a.args[0], 0, { ws: ws, name: a.args[1], charts: [], custom: [], fresh: true });
      await run.spend(0);
    },
    sheetClearContents: async (run, a) => {
      sheetOf(run, a).ws.getRange().clear(Excel.ClearApplyTo.contents);
      await run.spend(0);
    },
    activateSheet: async (run, a) => {
      run.book.sheets[a.args[0]].ws.activate();
      await run.spend(0);
    },
    setChartSourceData: async (run, a) => {
      const source = run.book.sheets.find((s) => s.name === a.args[1]);
      const chart = sheetOf(run, a).ws.charts.getItemAt(a.args[0]);
      chart.setData(source.ws.getRange(local(a.args[2])), SERIES_BY[a.args[3]] || "Auto");
      await run.spend(a.args[2].length);
    },
    xlplanLinks: async (run, a) => {
      const spec = a.args[0];
      const range = sheetOf(run, a).ws.getRangeByIndexes(spec.start_row, spec.start_column, spec.formulas.length, 1);
      range.formulas = spec.formulas;
      await run.spend(JSON.stringify(spec.formulas).length);
    },
    xlplanClearMarks: async (run, a) => {
      for (const sheet of run.book.sheets) {
        if (sheet.protected && sheet.password) continue;
        for (const rule of sheet.custom || []) {
          if (rule.custom.rule.formula === a.args[0]) {
            rule.delete();
            await run.spend(0);
          }
        }
      }
    },
    xlplanMarks: async (run, a) => {
      const spec = a.args[0];
      const ws = sheetOf(run, a).ws;
      for (const address of spec.ranges) {
        const rule = ws.getRanges(address).conditionalFormats.add(Excel.ConditionalFormatType.custom);
        rule.custom.rule.formula = spec.formula;
        rule.custom.format.fill.color = spec.fill;
        await run.spend(address.length);
      }
      if (!spec.notes || !run.can.notes) return;
      for (const cell of spec.notes.delete) {
        ws.notes.getItem(cell).delete();
        await run.spend(cell.length);
      }
      for (const [cell, text] of Object.entries(spec.notes.set)) {
        ws.notes.getItem(cell).content = text;
        await run.spend(text.length);
      }
      for (const [cell, text] of Object.entries(spec.notes.add)) {
        ws.notes.add(cell, text);
        await run.spend(text.length);
      }
    },
    xlplanMoveBelow: async (run, a) => {
      const move = run.moves.get(a);
      for (const chart of move ? move.charts : []) chart.top = chart.top + move.band.height;
      await run.spend(0);
    },
    alert: async (run, a) => {
      run.said.push(a.args[0]);
    },
    xlplanResult: async (run, a) => {
      run.result = a.args[0];
    },
  };

  /** Charts that must move below a grown table: their rows' geometry, read in one sync before any write. */
  async function prepareMoves(run, actions) {
    const moves = new Map();
    const wanted = actions.filter((a) => a.func === "xlplanMoveBelow");
    if (!wanted.length || !run.can.rangeTop) return moves;
    for (const a of wanted) {
      const sheet = sheetOf(run, a);
      const spec = a.args[0];
      const band = sheet.ws.getRange("A" + (spec.row + 1) + ":A" + (spec.row + spec.rows));
      band.load("top,height");
      moves.set(a, { sheet: sheet, band: band });
    }
    await run.context.sync();
    for (const move of moves.values()) {
      move.charts = move.sheet.charts.filter((chart) => chart.top >= move.band.top - 0.5);
    }
    return moves;
  }

  /** The sheets an answer writes to (positions as they are when each action runs, after added sheets). */
  function touchedSheets(run, actions) {
    const order = run.book.sheets.slice();
    const touched = new Set();
    for (const a of actions) {
      if (a.func === "addSheet") order.splice(a.args[0], 0, null);
      else if (!LOCAL.has(a.func) && order[a.sheet_position]) touched.add(order[a.sheet_position]);
    }
    for (const clear of actions.filter((a) => a.func === "xlplanClearMarks")) {
      for (const sheet of run.book.sheets) {
        if ((sheet.custom || []).some((rule) => rule.custom.rule.formula === clear.args[0])) touched.add(sheet);
      }
    }
    return [...touched];
  }

  async function writeActions(run, actions) {
    run.moves = await prepareMoves(run, actions);
    const lifted = touchedSheets(run, actions).filter((s) => s.protected && !s.password);
    for (const sheet of lifted) sheet.ws.protection.unprotect();
    try {
      for (const a of actions) {
        const handler = handlers[a.func];
        if (!handler) throw new Error("xlplan: unknown action " + a.func);
        await handler(run, a);
      }
      for (const sheet of lifted) sheet.ws.protection.protect(sheet.options);
      await run.flush();
    } catch (error) {
      await restoreProtection(run.context, lifted);
      throw error;
    }
  }

  /** After a failed batch: protect again whatever this click lifted and left open. */
  async function restoreProtection(context, lifted) {
    if (!lifted.length) return;
    try {
      for (const sheet of lifted) sheet.ws.protection.load("protected");
      await context.sync();
      for (const sheet of lifted) if (!sheet.ws.protection.protected) sheet.ws.protection.protect(sheet.options);
      await context.sync();
    } catch (error) {
      // the original error says more than this one
    }
  }

  /** A write budget: queued writes are synced when their estimated request passes WRITE_BYTES_PER_SYNC. */
  function writer(context) {
    let pending = 0;
    return {
      spend: async (bytes) => {
        pending += OP_BYTES + bytes;
        if (pending > WRITE_BYTES_PER_SYNC) {
          pending = 0;
          await context.sync();
        }
      },
      flush: async () => {
        pending = 0;
        await context.sync();
      },
    };
  }

  // ------------------------------------------------------------------ a click

  /** The organisation's key, when the manifest gave the task pane one (taskpane.html?key=…), as a Bearer token. */
  function authorization() {
    const key = new URLSearchParams((window.location && window.location.search) || "").get("key");
    return key ? { Authorization: "Bearer " + key } : {};
  }

  async function post(scriptName, payload) {
    const headers = Object.assign({ "Content-Type": "application/json", "Xlplan-Language": lang() }, authorization());
    const response = await fetch(BASE + "/xlwings/custom-scripts-call/" + scriptName, {
      method: "POST",
      headers: headers,
      body: JSON.stringify(payload),
    });
    if (response.status !== 200) throw new Error(await response.text());
    return (await response.json()).actions;
  }

  function resultOf(action, run) {
    const r = run.result || { summary: run.said.join(" "), notes: "", rules: {}, fields: [], findings: [] };
    const findings = (r.findings || []).map((row) => {
      const finding = {};
      r.fields.forEach((field, i) => (finding[field] = row[i]));
      finding.rule_name = r.rules[finding.rule] || finding.rule;
      return finding;
    });
    return { action: action, summary: r.summary, findings: findings, notes: r.notes || "" };
  }

  async function click(scriptName, action) {
    const can = features();
    const forMarks = action === "validate";
    return Excel.run(async (context) => {
      const book = await readSheets(context);
      await readFacts(context, book, can, forMarks);
      if (!can.passwordKnown) await probePasswords(context, book);
      await readValues(context, book, can, forMarks);
      const actions = await post(scriptName, payloadOf(book, can));
      const budget = writer(context);
      const run = { context: context, book: book, can: can, said: [], result: null,
        spend: budget.spend, flush: budget.flush };
      await writeActions(run, actions);
      return resultOf(action, run);
    });
  }

  /** The result to the task pane's view (which also brings the pane into view); the status line without it. */
  function show(result) {
    window.xlplanAddin.lastResult = result;
    if (window.xlplanUI && typeof window.xlplanUI.show === "function") {
      report(result.error || "");
      window.xlplanUI.show(result);
    } else {
      report(result.error || [result.summary, result.notes].filter(Boolean).join(" "));
    }
  }

  async function validate() {
    show(await click("validera", "validate"));
  }

  async function updateAnalysis() {
    show(await click("uppdatera_analys", "analysis"));
  }

  /** From the findings list to the cell: one sync. */
  async function goTo(sheetName, cell) {
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheetName);
      ws.activate();
      if (cell) ws.getRange(cell).select();
      await context.sync();
    });
  }

  // ------------------------------------------------------------------ task pane

  function report(message) {
    const status = document.getElementById("xlplan-status");
    if (status) {
      status.textContent = message;
    } else if (message) {
      const url = BASE + "/xlwings/alert?title=xlplan&prompt=" + encodeURIComponent(message);
      Office.context.ui.displayDialogAsync(url, { height: 30, width: 40 }, (result) => {
        const dialog = result.value;
        if (dialog) dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => dialog.close());
      });
    }
  }

  let busy = false;

  /** A click's frame: one at a time (a second click while one runs is ignored), the ribbon told when done. */
  function guarded(fn, action, button) {
    return async (event) => {
      if (busy) {
        if (event && typeof event.completed === "function") event.completed();
        return;
      }
      busy = true;
      if (button) button.disabled = true;
      report(t("working"));
      try {
        await fn();
      } catch (error) {
        const text = t("failed") + (error && error.message ? error.message : error);
        show({ action: action, summary: text, findings: [], notes: "", error: text });
      } finally {
        busy = false;
        if (button) button.disabled = false;
        if (event && typeof event.completed === "function") event.completed();
      }
    };
  }

  window.xlplanAddin = { goTo: goTo, validate: validate, updateAnalysis: updateAnalysis, lastResult: null };

  Office.onReady(() => {
    // Ribbon buttons (manifest FunctionName) and the task pane's buttons run the same code.
    if (Office.actions && Office.actions.associate) {
      Office.actions.associate("xlplanValidate", guarded(validate, "validate"));
      Office.actions.associate("xlplanUpdateAnalysis", guarded(updateAnalysis, "analysis"));
    }
    const validateButton = document.getElementById("xlplan-validate");
    const analysisButton = document.getElementById("xlplan-analysis");
    if (validateButton) validateButton.onclick = guarded(validate, "validate", validateButton);
    if (analysisButton) analysisButton.onclick = guarded(updateAnalysis, "analysis", analysisButton);
  });
})();
