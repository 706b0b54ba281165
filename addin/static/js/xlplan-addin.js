/*
 * xlplan's Office add-in client.
 *
 * Speaks xlwings Server's protocol: reads the workbook into the payload
 * xlwings' Office.js client sends (client, version, book, names, sheets with
 * values from A1, dates as ISO strings, and the cells that have notes), posts
 * it to /xlwings/custom-scripts-call/<script>, and carries out the actions the
 * server answers with. It also sends each sheet's merged areas (header
 * Xlplan-Merges), which xlwings' payload does not carry and the plan reader
 * needs, and it lifts a password-less protection of the analysis tab while
 * the counts are written (and explains a password instead).
 */
(function () {
  "use strict";

  const script = document.currentScript;
  const BASE = (script && script.dataset.base) || window.location.origin;
  const XLWINGS_VERSION = (script && script.dataset.xlwingsVersion) || "";
  const ANALYSIS_SHEET = "Analysflik";
  const FINDINGS_SHEET = "Granskning";

  function lang() {
    const ui = (Office.context && Office.context.displayLanguage) || "sv-SE";
    return ui.toLowerCase().startsWith("sv") ? "sv" : "en";
  }

  const TEXT = {
    sv: {
      working: "Arbetar …",
      protected: "Fliken Analysflik är skyddad med lösenord. Ta bort skyddet (Granska > Ta bort skydd för blad) och klicka på Uppdatera analys igen.",
      failed: "Det gick inte: ",
    },
    en: {
      working: "Working …",
      protected: "The sheet Analysflik is protected with a password. Unprotect it (Review > Unprotect Sheet) and click Update analysis again.",
      failed: "That did not work: ",
    },
  };
  const t = (key) => TEXT[lang()][key];

  // ------------------------------------------------------------------ payload

  function isoDate(serial) {
    return new Date(Math.round((serial - 25569) * 86400 * 1000)).toISOString();
  }

  async function bookData(context) {
    const workbook = context.workbook;
    const worksheets = workbook.worksheets;
    worksheets.load("items/name,items/position");
    workbook.load("name");
    const active = worksheets.getActiveWorksheet();
    active.load("position");
    const selection = workbook.getSelectedRange();
    selection.load("address");
    await context.sync();

    const notesSupported = Office.context.requirements.isSetSupported("ExcelApi", "1.18");
    const mergesSupported = Office.context.requirements.isSetSupported("ExcelApi", "1.13");
    const sheets = [];
    const merges = {};
    for (const sheet of worksheets.items) {
      const used = sheet.getUsedRangeOrNullObject(true);
      used.load("rowIndex,columnIndex,rowCount,columnCount");
      await context.sync();
      let values = [[""]];
      if (!used.isNullObject) {
        const range = sheet.getRangeByIndexes(0, 0, used.rowIndex + used.rowCount, used.columnIndex + used.columnCount);
        range.load("values,numberFormatCategories");
        let areas = null;
        if (mergesSupported) {
          areas = range.getMergedAreasOrNullObject();
          areas.load("areas/items/address");
        }
        await context.sync();
        values = range.values.map((row, r) =>
          row.map((value, c) => {
            const category = range.numberFormatCategories[r][c];
            return (category === "Date" || category === "Time") && typeof value === "number" ? isoDate(value) : value;
          })
        );
        if (areas && !areas.isNullObject) {
          merges[sheet.name] = areas.areas.items.map((a) => a.address.split("!").pop().replace(/\$/g, ""));
        }
      }
      const notes = [];
      if (notesSupported) {
        sheet.notes.load("items");
        await context.sync();
        const locations = sheet.notes.items.map((note) => {
          const location = note.getLocation();
          location.load("address");
          return location;
        });
        await context.sync();
        for (const location of locations) {
          notes.push({ address: location.address.split("!").pop().replace(/\$/g, "") });
        }
      }
      sheets.push({ name: sheet.name, values: values, pictures: [], tables: [], notes: notes });
    }
    const payload = {
      client: "Office.js",
      version: XLWINGS_VERSION,
      book: {
        name: workbook.name,
        active_sheet_index: active.position,
        selection: selection.address.split("!").pop(),
      },
      names: [],
      sheets: sheets,
    };
    return { payload: payload, merges: merges };
  }

  // ------------------------------------------------------------------ actions

  function target(context, sheets, action) {
    const sheet = sheets[action.sheet_position];
    return sheet.getRangeByIndexes(action.start_row, action.start_column, action.row_count, action.column_count);
  }

  const handlers = {
    setValues: (context, sheets, a) => {
      target(context, sheets, a).values = a.values.map((row) => row.map((v) => (v === null ? "" : v)));
    },
    setRangeColor: (context, sheets, a) => {
      const fill = target(context, sheets, a).format.fill;
      if (a.args[0]) fill.color = a.args[0];
      else fill.clear();
    },
    addNote: (context, sheets, a) => {
      sheets[a.sheet_position].notes.add(a.args[0], a.args[1]);
    },
    setNoteText: (context, sheets, a) => {
      sheets[a.sheet_position].notes.getItem(a.args[0]).content = a.args[1];
    },
    deleteNote: (context, sheets, a) => {
      sheets[a.sheet_position].notes.getItem(a.args[0]).delete();
    },
    addSheet: (context, sheets, a) => {
      const sheet = context.workbook.worksheets.add(a.args[1]);
      sheet.position = a.args[0];
    },
    sheetClearContents: (context, sheets, a) => {
      sheets[a.sheet_position].getRange().clear(Excel.ClearApplyTo.contents);
    },
    addHyperlink: (context, sheets, a) => {
      target(context, sheets, a).hyperlink = {
        documentReference: a.args[0].replace(/^#/, ""),
        textToDisplay: a.args[1],
        screenTip: a.args[2] || undefined,
      };
    },
    addConditionalFormat: (context, sheets, a) => {
      const spec = a.args[0];
      const format = target(context, sheets, a).conditionalFormats.add(Excel.ConditionalFormatType.custom);
      format.custom.rule.formula = spec.formula;
      if (spec.fill_color) format.custom.format.fill.color = spec.fill_color;
    },
    activateSheet: (context, sheets, a) => {
      sheets[a.args[0]].activate();
    },
    alert: (context, sheets, a) => {
      report(a.args[0]);
    },
  };

  async function runActions(actions) {
    await Excel.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name");
      await context.sync();
      let sheets = worksheets.items;
      for (const action of actions) {
        const handler = handlers[action.func];
        if (!handler) throw new Error("xlplan: unknown action " + action.func);
        handler(context, sheets, action);
        await context.sync();
        if (action.func === "addSheet") {
          worksheets.load("items/name");
          await context.sync();
          sheets = worksheets.items;
        }
      }
    });
  }

  // ------------------------------------------------------------------ scripts

  async function runScript(scriptName) {
    const data = await Excel.run(bookData);
    const response = await fetch(BASE + "/xlwings/custom-scripts-call/" + scriptName, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Xlplan-Merges": JSON.stringify(data.merges),
        "Xlplan-Language": lang(),
      },
      body: JSON.stringify(data.payload),
    });
    if (response.status !== 200) throw new Error(await response.text());
    const result = await response.json();
    await runActions(result.actions);
    return result.actions;
  }

  // Lift a password-less protection of the analysis tab while writing; a password stops us with an explanation.
  async function withAnalysisUnprotected(work) {
    let options = null;
    const state = await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(ANALYSIS_SHEET);
      sheet.load("isNullObject");
      await context.sync();
      if (sheet.isNullObject) return "absent";
      sheet.protection.load("protected,options");
      await context.sync();
      if (!sheet.protection.protected) return "open";
      options = sheet.protection.options;
      try {
        sheet.protection.unprotect();
        await context.sync();
        return "lifted";
      } catch (error) {
        return "password";
      }
    });
    if (state === "password") {
      report(t("protected"));
      return;
    }
    try {
      await work();
    } finally {
      if (state === "lifted") {
        await Excel.run(async (context) => {
          context.workbook.worksheets.getItem(ANALYSIS_SHEET).protection.protect(options);
          await context.sync();
        });
      }
    }
  }

  async function validate() {
    const actions = await runScript("validera");
    showFindings(actions);
  }

  async function updateAnalysis() {
    await withAnalysisUnprotected(() => runScript("uppdatera_analys"));
  }

  // ------------------------------------------------------------------ task pane

  function report(message) {
    const status = document.getElementById("xlplan-status");
    if (status) {
      status.textContent = message;
    } else {
      const url = BASE + "/xlwings/alert?title=xlplan&prompt=" + encodeURIComponent(message);
      Office.context.ui.displayDialogAsync(url, { height: 30, width: 40 }, (result) => {
        if (result.value) result.value.addEventHandler(Office.EventType.DialogMessageReceived, () => result.value.close());
      });
    }
  }

  function showFindings(actions) {
    const list = document.getElementById("xlplan-findings");
    if (!list) return;
    list.innerHTML = "";
    const added = actions.find((a) => a.func === "addSheet" && a.args[1] === FINDINGS_SHEET);
    const table = actions.find(
      (a) => a.func === "setValues" && a.start_row === 0 && a.values.length && a.values[0][6] !== undefined &&
        (!added || a.sheet_position === added.args[0])
    );
    if (!table) return;
    for (const row of table.values.slice(1)) {
      const [severity, rule, sheetName, cell, message] = row;
      const item = document.createElement("li");
      item.className = severity;
      const where = document.createElement("span");
      where.className = "cell";
      where.textContent = cell ? sheetName.trim() + "!" + cell : sheetName.trim();
      item.appendChild(where);
      item.appendChild(document.createTextNode(message + " (" + rule + ")"));
      if (cell) item.onclick = () => select(sheetName, cell);
      list.appendChild(item);
    }
  }

  async function select(sheetName, cell) {
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      sheet.activate();
      sheet.getRange(cell).select();
      await context.sync();
    });
  }

  function guarded(fn, button) {
    return async (event) => {
      if (button) button.disabled = true;
      report(t("working"));
      try {
        await fn();
      } catch (error) {
        report(t("failed") + (error && error.message ? error.message : error));
      } finally {
        if (button) button.disabled = false;
        if (event && typeof event.completed === "function") event.completed();
      }
    };
  }

  Office.onReady(() => {
    // Ribbon buttons (manifest FunctionName) and the task pane's buttons run the same code.
    Office.actions.associate("xlplanValidate", guarded(validate));
    Office.actions.associate("xlplanUpdateAnalysis", guarded(updateAnalysis));
    const validateButton = document.getElementById("xlplan-validate");
    const analysisButton = document.getElementById("xlplan-analysis");
    if (validateButton) validateButton.onclick = guarded(validate, validateButton);
    if (analysisButton) analysisButton.onclick = guarded(updateAnalysis, analysisButton);
    for (const el of document.querySelectorAll("[data-sv]")) el.textContent = el.dataset[lang()];
  });
})();
