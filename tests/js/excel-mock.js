/*
 * A strict stand-in for Excel's JavaScript API (Office.js), enough to run xlplan's add-in client unchanged.
 *
 * Strict where Office.js is, because that is where a client that works in a lenient mock breaks in Excel:
 *
 * - nothing is read from Excel until context.sync(): a property read before load() and a sync throws
 *   PropertyNotLoaded, as does `items` of a collection never loaded; setters and methods only queue;
 * - every sync() is counted, with the bytes each batch would carry (its writes' data plus a fixed cost per
 *   command, and the loaded values coming back); a batch over 5 MB either way fails as on Excel on the web;
 * - a failing command fails its sync: the commands before it stay done, the rest are dropped;
 * - requirement sets are the host's (ExcelApi 1.12, say): an API above them fails its sync with ApiNotFound,
 *   and Office.context.requirements.isSetSupported answers accordingly;
 * - a protected sheet refuses every write (values, rules, notes, charts, clearing); unprotect() without the
 *   right password fails; protect() on a protected sheet fails;
 * - values must match their range's size; addresses over 8,192 characters are refused; a text that Excel
 *   would parse as a formula (=, +, -, @) must come quoted ('…) unless it is a HYPERLINK written on purpose;
 * - objects belong to their Excel.run: using one after its run ended fails.
 *
 * The workbook is a plain model (see tests/xlwings_payload.py, workbook_model), so a scenario starts from a
 * real .xlsx and its result can be compared with what the CLI writes into the same file.
 */
"use strict";

const LIMIT = 5 * 1024 * 1024;
const OP_BYTES = 60;
const ADDRESS_LIMIT = 8192;
const ROW_HEIGHT = 15;
const MAX_ROWS = 1048576;
const MAX_COLUMNS = 16384;

class RichApiError extends Error {
  constructor(code, message) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code: code, message: message };
  }
}

// --------------------------------------------------------------------------- addresses

function columnName(c) {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function cellName(r, c) {
  return columnName(c) + (r + 1);
}

function quoteSheet(name) {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : "'" + name.replace(/'/g, "''") + "'";
}

function areaName(a) {
  if (a.r0 === 0 && a.r1 === MAX_ROWS - 1 && a.c0 === 0 && a.c1 === MAX_COLUMNS - 1) return "1:1048576";
  const first = cellName(a.r0, a.c0);
  return a.r0 === a.r1 && a.c0 === a.c1 ? first : first + ":" + cellName(a.r1, a.c1);
}

function parseCell(text) {
  const m = /^\$?([A-Z]{1,3})?\$?([0-9]{1,7})?$/.exec(text.toUpperCase());
  if (!m || (!m[1] && !m[2])) return null;
  let c = null;
  if (m[1]) {
    c = 0;
    for (const ch of m[1]) c = c * 26 + ch.charCodeAt(0) - 64;
    c -= 1;
  }
  const r = m[2] ? Number(m[2]) - 1 : null;
  if ((c !== null && (c < 0 || c >= MAX_COLUMNS)) || (r !== null && (r < 0 || r >= MAX_ROWS))) return null;
  return { r: r, c: c };
}

/** "A1", "B2:C3", "$A$1", "A:A", "3:4", optionally after "Sheet!" or "'She''et'!"; one area. */
function parseArea(text) {
  const local = text.trim().replace(/^(?:'(?:[^']|'')*'|[^!]*)!/, "");
  const [first, last] = local.split(":");
  const a = parseCell(first);
  const b = parseCell(last === undefined ? first : last);
  if (!a || !b) throw new RichApiError("InvalidArgument", "The address " + text + " is not valid.");
  const r0 = a.r === null ? 0 : a.r;
  const r1 = b.r === null ? MAX_ROWS - 1 : b.r;
  const c0 = a.c === null ? 0 : a.c;
  const c1 = b.c === null ? MAX_COLUMNS - 1 : b.c;
  return { r0: Math.min(r0, r1), c0: Math.min(c0, c1), r1: Math.max(r0, r1), c1: Math.max(c0, c1) };
}

function checkAddress(address) {
  if (typeof address !== "string" || address.length > ADDRESS_LIMIT) {
    throw new RichApiError("InvalidArgument", "The address is longer than " + ADDRESS_LIMIT + " characters.");
  }
}

function intersects(a, b) {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}

// --------------------------------------------------------------------------- the workbook model

function serialOf(iso) {
  return Date.parse(iso) / 86400000 + 25569;
}

class Sheet {
  constructor(spec, book) {
    this.book = book;
    this.name = spec.name;
    this.visibility = spec.visibility || "Visible";
    this.cells = new Map();
    (spec.values || []).forEach((row, r) => row.forEach((v, c) => this.load(r, c, v)));
    this.merges = (spec.merges || []).map(parseArea);
    this.notes = new Map((spec.notes || []).map((n) => [n.address.replace(/\$/g, "").toUpperCase(),
      { content: n.content, author: n.author || "Användare" }]));
    this.rules = (spec.rules || []).map((r) => ({ id: String(++book.ids), type: r.type || "Custom", formula: r.formula,
      fill: r.fill || null, areas: r.ranges.map(parseArea) }));
    this.protection = { protected: !!(spec.protection && spec.protection.protected),
      password: (spec.protection && spec.protection.password) || null, options: { allowFormatCells: false } };
    this.charts = (spec.charts || []).map((c) => ({ name: c.name, source: c.source, seriesBy: c.seriesBy || "Auto",
      top: c.top || 0, left: c.left || 0, height: c.height || 200, width: c.width || 300 }));
  }

  load(r, c, v) {
    if (v === "" || v === null || v === undefined) return;
    if (v && typeof v === "object" && v.date) this.cells.set(this.key(r, c), { value: serialOf(v.date), format: "yyyy-mm-dd", category: "Date" });
    else this.cells.set(this.key(r, c), { value: v });
  }

  key(r, c) {
    return r * MAX_COLUMNS + c;
  }

  cell(r, c) {
    return this.cells.get(this.key(r, c));
  }

  value(r, c) {
    const cell = this.cell(r, c);
    return cell && cell.value !== undefined ? cell.value : "";
  }

  /** A value as Excel takes it when typed: '… is text, =HYPERLINK(…) a link, any other formula-like text refused. */
  write(r, c, v, asFormula) {
    if (v === null) return;  // Office.js: null leaves the cell as it is
    const key = this.key(r, c);
    const old = this.cells.get(key) || {};
    if (v === "") {
      this.cells.delete(key);
      return;
    }
    if (typeof v === "string" && v.startsWith("'")) {
      this.cells.set(key, { value: v.slice(1), format: old.format, category: old.category });
      return;
    }
    if (typeof v === "string" && /^[=+\-@]/.test(v) && v.length > 1) {
      const link = /^=HYPERLINK\("((?:[^"]|"")*)","((?:[^"]|"")*)"\)$/.exec(v);
      if (!link) {
        throw new RichApiError("InvalidArgument", "The stand-in evaluates no formula but HYPERLINK; typed as text "
          + "this would have become a formula: " + v.slice(0, 60) + (asFormula ? "" : " (written as a value)"));
      }
      this.cells.set(key, { value: link[2].replace(/""/g, '"'), formula: v, link: link[1].replace(/""/g, '"') });
      return;
    }
    if (!["string", "number", "boolean"].includes(typeof v)) throw new RichApiError("InvalidArgument", "Bad value " + v);
    this.cells.set(key, { value: v, format: old.format, category: old.category });
  }

  used() {
    let box = null;
    for (const [key, cell] of this.cells) {
      if (cell.value === "" || cell.value === undefined) continue;
      const r = Math.floor(key / MAX_COLUMNS);
      const c = key % MAX_COLUMNS;
      if (!box) box = { r0: r, c0: c, r1: r, c1: c };
      else box = { r0: Math.min(box.r0, r), c0: Math.min(box.c0, c), r1: Math.max(box.r1, r), c1: Math.max(box.c1, c) };
    }
    return box;
  }

  guard() {
    if (this.protection.protected) {
      throw new RichApiError("AccessDenied", "The cell or chart you're trying to change is on a protected sheet ("
        + this.name + ").");
    }
  }
}

class Book {
  constructor(spec) {
    this.ids = 0;
    this.name = spec.name || "Plan.xlsx";
    this.sheets = [];
    this.sheets = spec.sheets.map((s) => new Sheet(s, this));
    this.active = spec.active || 0;
    this.selection = null;
  }

  sheet(name) {
    return this.sheets.find((s) => s.name.toLowerCase() === String(name).toLowerCase()) || null;
  }
}

// --------------------------------------------------------------------------- requirement sets

function versionAtLeast(have, want) {
  if (!have) return false;
  const [a1, a2] = String(have).split(".").map(Number);
  const [b1, b2] = String(want).split(".").map(Number);
  return a1 > b1 || (a1 === b1 && a2 >= b2);
}

// --------------------------------------------------------------------------- proxies

/**
 * Every API object: a path resolved when the batch runs (then kept, as Office.js keeps an object's reference),
 * what has been loaded, and the context it belongs to.
 */
class ClientObject {
  constructor(ctx, resolve, nullable) {
    this._ctx = ctx;
    this._resolver = resolve;
    this._nullable = !!nullable;
    this._resolved = false;
    this._target = undefined;
    this._loaded = new Map();
    this._children = new Map();
    this._synced = false;
  }

  get context() {
    return this._ctx;
  }

  _resolve() {
    if (!this._resolved) {
      this._target = this._resolver();
      this._resolved = true;
    }
    if (this._target === null && !this._nullable) throw new RichApiError("ItemNotFound", "The requested resource doesn't exist.");
    return this._target;
  }

  _live() {
    if (this._ctx.closed) {
      throw new RichApiError("InvalidObjectPath", "This object belongs to an Excel.run that has ended.");
    }
  }

  _queue(name, requires, run, bytes) {
    this._live();
    this._ctx._queue({ name: name, requires: requires, run: run, bytes: OP_BYTES + (bytes || 0) });
  }

  _child(name, make) {
    if (!this._children.has(name)) this._children.set(name, make());
    return this._children.get(name);
  }

  get isNullObject() {
    if (!this._synced) throw new RichApiError("PropertyNotLoaded", "isNullObject is known only after a sync().");
    return this._target === null;
  }

  /** An *OrNullObject proxy: the next sync resolves it, after which isNullObject can be read. */
  _resolveAtSync(name, requires) {
    this._queue(name, requires, () => {
      this._resolve();
      this._synced = true;
      return 0;
    }, 0);
    return this;
  }

  load(spec) {
    let paths;
    if (spec === undefined) paths = Object.keys(this.constructor.props || {});
    else if (Array.isArray(spec)) paths = spec;
    else if (typeof spec === "string") paths = spec.split(",");
    else throw new Error("stand-in: load() takes a string or a list");
    paths = paths.map((p) => p.trim()).filter((p) => p && p !== "isNullObject");
    const requires = [];
    for (const path of paths) this._requirements(path.split("/"), requires);
    this._queue(this.constructor.name + ".load", requires, () => this._loadNow(paths.map((p) => p.split("/"))), 0);
    return this;
  }

  /** The requirement sets a load path needs, walking the classes it names. */
  _requirements(parts, out, cls) {
    cls = cls || this.constructor;
    const [head, ...rest] = parts;
    if (head === "items" && cls.item) return rest.length ? this._requirements(rest, out, cls.item) : undefined;
    const prop = (cls.props || {})[head];
    const nav = (cls.navs || {})[head];
    if (!prop && !nav) throw new Error("stand-in: " + cls.name + " has no property " + head);
    if ((prop || nav).requires) out.push((prop || nav).requires);
    if (nav && rest.length) this._requirements(rest, out, nav.cls);
  }

  _loadNow(paths) {
    const target = this._resolve();
    this._synced = true;
    let bytes = 0;
    if (target === null) return 0;
    const cls = this.constructor;
    const byHead = new Map();
    for (const [head, ...rest] of paths) {
      if (!byHead.has(head)) byHead.set(head, []);
      if (rest.length) byHead.get(head).push(rest);
    }
    for (const [head, rests] of byHead) {
      if (head === "items" && cls.item) {
        const items = this._members(target).map((member) => {
          const item = new cls.item(this._ctx, () => member);
          item._resolve();
          return item;
        });
        this._loaded.set("items", items);
        for (const item of items) bytes += item._loadNow(rests.length ? rests : Object.keys(cls.item.props || {}).map((p) => [p]));
      } else if ((cls.navs || {})[head]) {
        const child = this[head];
        bytes += child._loadNow(rests.length ? rests : Object.keys(cls.navs[head].cls.props || {}).map((p) => [p]));
      } else {
        const value = cls.props[head].get(target, this);
        const copy = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
        this._loaded.set(head, copy);
        bytes += JSON.stringify(copy === undefined ? null : copy).length;
      }
    }
    return bytes;
  }
}

/** Getters that throw until loaded, setters that queue, navigation properties that hand out child proxies. */
function define(cls, spec) {
  cls.props = spec.props || {};
  cls.navs = spec.navs || {};
  cls.item = spec.item || null;
  for (const [name, prop] of Object.entries(cls.props)) {
    const descriptor = {
      get() {
        if (!this._loaded.has(name)) {
          throw new RichApiError("PropertyNotLoaded", "The property '" + name + "' is not available. Before reading "
            + "the property's value, call the load method on the containing object and call \"context.sync()\" on "
            + "the associated request context.");
        }
        return this._loaded.get(name);
      },
    };
    if (prop.set) {
      descriptor.set = function (value) {
        const copy = JSON.parse(JSON.stringify(value === undefined ? null : value));
        this._queue(cls.name + "." + name, prop.requires ? [prop.requires] : [], () => prop.set(this._resolve(), copy, this),
          JSON.stringify(copy).length);
      };
    }
    Object.defineProperty(cls.prototype, name, descriptor);
  }
  for (const [name, nav] of Object.entries(cls.navs)) {
    Object.defineProperty(cls.prototype, name, {
      get() {
        return this._child(name, () => {
          const child = new nav.cls(this._ctx, () => nav.get(this._resolve(), this));
          if (nav.init) nav.init(child);
          return child;
        });
      },
    });
  }
  if (cls.item) {
    Object.defineProperty(cls.prototype, "items", {
      get() {
        if (!this._loaded.has("items")) {
          throw new RichApiError("PropertyNotLoaded", "The property 'items' is not available: load the collection "
            + "and sync first.");
        }
        return this._loaded.get("items");
      },
    });
  }
}

const EXCEL = (v) => ["ExcelApi", v];

// --------------------------------------------------------------------------- the object model

class Workbook extends ClientObject {
  getSelectedRange() {
    return new Range(this._ctx, () => {
      const book = this._resolve();
      return book.selection || { sheet: book.sheets[book.active], r0: 0, c0: 0, r1: 0, c1: 0 };
    });
  }
}

class WorksheetCollection extends ClientObject {
  _members(book) {
    return book.sheets.filter(Boolean);
  }

  getItem(name) {
    return new Worksheet(this._ctx, () => this._resolve().sheet(name));
  }

  getItemOrNullObject(name) {
    return new Worksheet(this._ctx, () => this._resolve().sheet(name), true)._resolveAtSync("getItemOrNullObject", [EXCEL("1.4")]);
  }

  getActiveWorksheet() {
    return new Worksheet(this._ctx, () => {
      const book = this._resolve();
      return book.sheets[book.active];
    });
  }

  add(name) {
    const sheet = new Worksheet(this._ctx, () => {
      throw new RichApiError("InvalidOperation", "stand-in: a sheet is used before the command adding it ran.");
    });
    this._queue("WorksheetCollection.add", [], () => {
      const book = this._resolve();
      if (!name || name.length > 31 || /[\[\]:*?/\\]/.test(name)) throw new RichApiError("InvalidArgument", "Bad sheet name.");
      if (book.sheet(name)) throw new RichApiError("ItemAlreadyExists", "A sheet named " + name + " exists.");
      const model = new Sheet({ name: name, values: [] }, book);
      book.sheets.push(model);
      sheet._target = model;
      sheet._resolved = true;
    }, name.length);
    return sheet;
  }
}

class Worksheet extends ClientObject {
  _rangeOf(area) {
    return new Range(this._ctx, () => ({ sheet: this._resolve(), r0: area.r0, c0: area.c0, r1: area.r1, c1: area.c1 }));
  }

  getRange(address) {
    if (address === undefined) return this._rangeOf({ r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLUMNS - 1 });
    checkAddress(address);
    return new Range(this._ctx, () => ({ sheet: this._resolve(), ...parseArea(address) }));
  }

  getRangeByIndexes(row, column, rows, columns) {
    const range = this._rangeOf({ r0: row, c0: column, r1: row + rows - 1, c1: column + columns - 1 });
    this._queue("Worksheet.getRangeByIndexes", [EXCEL("1.7")], () => {
      if (rows < 1 || columns < 1) throw new RichApiError("InvalidArgument", "A range needs at least one cell.");
    }, 0);
    return range;
  }

  getRanges(address) {
    checkAddress(address);
    const areas = new RangeAreas(this._ctx, () => ({ sheet: this._resolve(), areas: address.split(/[,;]/).map(parseArea) }));
    this._queue("Worksheet.getRanges", [EXCEL("1.9")], () => 0, address.length);
    return areas;
  }

  getUsedRangeOrNullObject(valuesOnly) {
    return new Range(this._ctx, () => {
      const sheet = this._resolve();
      const box = sheet.used(valuesOnly);
      return box ? { sheet: sheet, ...box } : null;
    }, true)._resolveAtSync("Worksheet.getUsedRangeOrNullObject", [EXCEL("1.4")]);
  }

  activate() {
    this._queue("Worksheet.activate", [], () => {
      const sheet = this._resolve();
      sheet.book.active = sheet.book.sheets.indexOf(sheet);
    });
  }
}

class WorksheetProtection extends ClientObject {
  protect(options, password) {
    this._queue("WorksheetProtection.protect", password === undefined ? [] : [EXCEL("1.7")], () => {
      const p = this._resolve();
      if (p.protected) throw new RichApiError("InvalidOperation", "The sheet is already protected.");
      p.protected = true;
      p.password = password || null;
      p.options = options ? JSON.parse(JSON.stringify(options)) : {};
    });
  }

  unprotect(password) {
    this._queue("WorksheetProtection.unprotect", password === undefined ? [] : [EXCEL("1.7")], () => {
      const p = this._resolve();
      if (!p.protected) return;
      if (p.password && password !== p.password) {
        throw new RichApiError("InvalidArgument", "The password you supplied is not correct.");
      }
      p.protected = false;
      p.password = null;
    });
  }
}

class Range extends ClientObject {
  _cells(fn) {
    const t = this._resolve();
    const out = [];
    for (let r = t.r0; r <= t.r1; r++) {
      const row = [];
      for (let c = t.c0; c <= t.c1; c++) row.push(fn(t.sheet, r, c));
      out.push(row);
    }
    return out;
  }

  _fill(t, values, asFormula) {
    t.sheet.guard();
    const rows = t.r1 - t.r0 + 1;
    const columns = t.c1 - t.c0 + 1;
    if (!Array.isArray(values)) {
      for (let r = t.r0; r <= t.r1; r++) for (let c = t.c0; c <= t.c1; c++) t.sheet.write(r, c, values, asFormula);
      return;
    }
    if (this._ctx.host.lenient.includes("value-size") && rows === 1 && columns === 1 && values.length) {
      t = { ...t, r1: t.r0 + values.length - 1, c1: t.c0 + values[0].length - 1 };  // bench/click.py --before only
    } else if (values.length !== rows || values.some((row) => !Array.isArray(row) || row.length !== columns)) {
      throw new RichApiError("InvalidArgument", "The number of rows or columns in the input array doesn't match the "
        + "size or dimensions of the range (" + rows + " × " + columns + ").");
    }
    values.forEach((row, i) => row.forEach((v, j) => t.sheet.write(t.r0 + i, t.c0 + j, v, asFormula)));
  }

  clear(applyTo) {
    this._queue("Range.clear", [], () => {
      const t = this._resolve();
      t.sheet.guard();
      for (const [key, cell] of [...t.sheet.cells]) {
        const r = Math.floor(key / MAX_COLUMNS);
        const c = key % MAX_COLUMNS;
        if (!intersects(t, { r0: r, c0: c, r1: r, c1: c })) continue;
        if (applyTo === "Contents" || applyTo === "All" || applyTo === undefined) t.sheet.cells.delete(key);
        else if (applyTo === "Formats") t.sheet.cells.set(key, { value: cell.value });
      }
    });
  }

  select() {
    this._queue("Range.select", [], () => {
      const t = this._resolve();
      t.sheet.book.active = t.sheet.book.sheets.indexOf(t.sheet);
      t.sheet.book.selection = t;
    });
  }

  getMergedAreasOrNullObject() {
    return new RangeAreas(this._ctx, () => {
      const t = this._resolve();
      const inside = t.sheet.merges.filter((m) => intersects(m, t));
      return inside.length ? { sheet: t.sheet, areas: inside } : null;
    }, true)._resolveAtSync("Range.getMergedAreasOrNullObject", [EXCEL("1.13")]);
  }
}

class RangeAreas extends ClientObject {}

class RangeCollection extends ClientObject {
  _members(t) {
    return t.areas.map((a) => ({ sheet: t.sheet, ...a }));
  }
}

class ConditionalFormatCollection extends ClientObject {
  _members(t) {
    return t.sheet.rules.filter((rule) => rule.areas.some((a) => t.areas.some((b) => intersects(a, b))));
  }

  add(type) {
    const rule = new ConditionalFormat(this._ctx, () => {
      throw new RichApiError("InvalidOperation", "stand-in: a rule is used before the command adding it ran.");
    });
    this._queue("ConditionalFormatCollection.add", [EXCEL(this._areas ? "1.9" : "1.6")], () => {
      const t = this._resolve();
      t.sheet.guard();
      if (type !== "Custom") throw new Error("stand-in: only custom rules");
      const model = { id: String(++t.sheet.book.ids), type: type, formula: null, fill: null, areas: t.areas.map((a) => ({ ...a })) };
      t.sheet.rules.push(model);
      rule._target = model;
      rule._resolved = true;
      rule._sheet = t.sheet;
    }, 0);
    return rule;
  }
}

class ConditionalFormat extends ClientObject {
  delete() {
    this._queue("ConditionalFormat.delete", [EXCEL("1.6")], () => {
      const rule = this._resolve();
      const sheet = this._ctx.host.sheetOfRule(rule);
      sheet.guard();
      sheet.rules.splice(sheet.rules.indexOf(rule), 1);
    });
  }
}

class CustomConditionalFormat extends ClientObject {}
class ConditionalFormatRule extends ClientObject {}
class ConditionalRangeFormat extends ClientObject {}
class ConditionalRangeFill extends ClientObject {}

class NoteCollection extends ClientObject {
  _members(sheet) {
    return [...sheet.notes.entries()].map(([cell, note]) => ({ sheet: sheet, cell: cell, note: note }));
  }

  _key(address) {
    const area = parseArea(address);
    if (area.r0 !== area.r1 || area.c0 !== area.c1) throw new RichApiError("InvalidCellAddress", "A note needs one cell.");
    return cellName(area.r0, area.c0);
  }

  add(cellAddress, content) {
    const note = new Note(this._ctx, () => {
      throw new RichApiError("InvalidOperation", "stand-in: a note is used before the command adding it ran.");
    });
    const address = typeof cellAddress === "string" ? cellAddress : null;
    if (address === null) throw new Error("stand-in: pass notes.add a cell address");
    this._queue("NoteCollection.add", [EXCEL("1.18")], () => {
      const sheet = this._resolve();
      sheet.guard();
      const cell = this._key(address);
      if (sheet.notes.has(cell)) throw new RichApiError("InvalidArgument", "The cell " + cell + " has a note already.");
      const model = { content: String(content), author: "Användare" };
      sheet.notes.set(cell, model);
      note._target = { sheet: sheet, cell: cell, note: model };
      note._resolved = true;
    }, String(content).length + address.length);
    return note;
  }

  getItem(key) {
    const note = new Note(this._ctx, () => {
      const sheet = this._resolve();
      const cell = this._key(key);
      const model = sheet.notes.get(cell);
      return model ? { sheet: sheet, cell: cell, note: model } : null;
    });
    this._queue("NoteCollection.getItem", [EXCEL("1.18")], () => 0, key.length);
    return note;
  }
}

class Note extends ClientObject {
  getLocation() {
    return new Range(this._ctx, () => {
      const t = this._resolve();
      const at = parseArea(t.cell);
      return { sheet: t.sheet, ...at };
    });
  }

  delete() {
    this._queue("Note.delete", [EXCEL("1.18")], () => {
      const t = this._resolve();
      t.sheet.guard();
      if (t.sheet.notes.get(t.cell) !== t.note) throw new RichApiError("ItemNotFound", "The note no longer exists.");
      t.sheet.notes.delete(t.cell);
    });
  }
}

class ChartCollection extends ClientObject {
  _members(sheet) {
    return sheet.charts.map((chart) => ({ sheet: sheet, chart: chart }));
  }

  getItemAt(index) {
    return new Chart(this._ctx, () => {
      const sheet = this._resolve();
      return sheet.charts[index] ? { sheet: sheet, chart: sheet.charts[index] } : null;
    });
  }

  getItem(name) {
    return new Chart(this._ctx, () => {
      const sheet = this._resolve();
      const chart = sheet.charts.find((c) => c.name === name);
      return chart ? { sheet: sheet, chart: chart } : null;
    });
  }
}

class Chart extends ClientObject {
  setData(source, seriesBy) {
    this._queue("Chart.setData", [], () => {
      const t = this._resolve();
      t.sheet.guard();
      const range = source._resolve();
      if (!["Auto", "Columns", "Rows"].includes(seriesBy || "Auto")) throw new RichApiError("InvalidArgument", "seriesBy");
      t.chart.source = quoteSheet(range.sheet.name) + "!" + areaName(range);
      t.chart.seriesBy = seriesBy || "Auto";
    }, 40);
  }
}

const guardSheetOf = (t) => (t.sheet ? t.sheet : t);

define(Workbook, {
  props: { name: { get: (book) => book.name } },
  navs: { worksheets: { cls: WorksheetCollection, get: (book) => book } },
});
define(WorksheetCollection, { item: Worksheet });
define(Worksheet, {
  props: {
    name: { get: (s) => s.name },
    visibility: { get: (s) => s.visibility },
    position: {
      get: (s) => s.book.sheets.indexOf(s),
      set: (s, position) => {
        const sheets = s.book.sheets;
        sheets.splice(sheets.indexOf(s), 1);
        sheets.splice(Math.max(0, Math.min(position, sheets.length)), 0, s);
      },
    },
    standardHeight: { get: () => ROW_HEIGHT, requires: EXCEL("1.7") },
  },
  navs: {
    protection: { cls: WorksheetProtection, get: (s) => s.protection, requires: EXCEL("1.2") },
    notes: { cls: NoteCollection, get: (s) => s, requires: EXCEL("1.18") },
    charts: { cls: ChartCollection, get: (s) => s },
  },
});
define(WorksheetProtection, {
  props: {
    protected: { get: (p) => p.protected },
    options: { get: (p) => p.options },
    isPasswordProtected: { get: (p) => !!(p.protected && p.password), requires: ["ExcelApiOnline", "1.1"] },
  },
});
define(Range, {
  props: {
    address: { get: (t) => quoteSheet(t.sheet.name) + "!" + areaName(t) },
    rowIndex: { get: (t) => t.r0 },
    columnIndex: { get: (t) => t.c0 },
    rowCount: { get: (t) => t.r1 - t.r0 + 1 },
    columnCount: { get: (t) => t.c1 - t.c0 + 1 },
    values: {
      get: (t, self) => self._cells((s, r, c) => s.value(r, c)),
      set: (t, v, self) => self._fill(t, v, false),
    },
    formulas: {
      get: (t, self) => self._cells((s, r, c) => (s.cell(r, c) && s.cell(r, c).formula) || s.value(r, c)),
      set: (t, v, self) => self._fill(t, v, true),
    },
    numberFormat: { get: (t, self) => self._cells((s, r, c) => (s.cell(r, c) && s.cell(r, c).format) || "General") },
    numberFormatCategories: {
      get: (t, self) => self._cells((s, r, c) => (s.cell(r, c) && s.cell(r, c).category) || "General"),
      requires: EXCEL("1.12"),
    },
    hyperlink: {
      get: (t) => {
        const cell = t.sheet.cell(t.r0, t.c0);
        return cell && cell.link ? { documentReference: cell.link.replace(/^#/, "") } : null;
      },
      set: (t, link) => {
        t.sheet.guard();
        for (let r = t.r0; r <= t.r1; r++) {
          for (let c = t.c0; c <= t.c1; c++) {
            const cell = t.sheet.cell(r, c) || {};
            t.sheet.cells.set(t.sheet.key(r, c), { ...cell, value: link.textToDisplay || cell.value, link: "#" + link.documentReference });
          }
        }
      },
      requires: EXCEL("1.7"),
    },
    top: { get: (t) => t.r0 * ROW_HEIGHT, requires: EXCEL("1.10") },
    height: { get: (t) => (t.r1 - t.r0 + 1) * ROW_HEIGHT, requires: EXCEL("1.3") },
  },
  navs: {
    conditionalFormats: { cls: ConditionalFormatCollection, get: (t) => ({ sheet: t.sheet, areas: [t] }), requires: EXCEL("1.6") },
  },
});
define(RangeAreas, {
  props: {
    address: { get: (t) => t.areas.map((a) => quoteSheet(t.sheet.name) + "!" + areaName(a)).join(",") },
    areaCount: { get: (t) => t.areas.length },
  },
  navs: {
    areas: { cls: RangeCollection, get: (t) => t, requires: EXCEL("1.9") },
    conditionalFormats: { cls: ConditionalFormatCollection, get: (t) => t, requires: EXCEL("1.9"), init: (c) => (c._areas = true) },
  },
});
define(RangeCollection, { item: Range });
define(ConditionalFormatCollection, { item: ConditionalFormat });
define(ConditionalFormat, {
  props: {
    type: { get: (rule) => rule.type, requires: EXCEL("1.6") },
    id: { get: (rule) => rule.id, requires: EXCEL("1.6") },
  },
  navs: {
    custom: {
      cls: CustomConditionalFormat,
      get: (rule) => {
        if (rule.type !== "Custom") throw new RichApiError("InvalidOperation", "The rule is not a custom rule.");
        return rule;
      },
      requires: EXCEL("1.6"),
    },
  },
});
define(CustomConditionalFormat, {
  navs: {
    rule: { cls: ConditionalFormatRule, get: (rule) => rule },
    format: { cls: ConditionalRangeFormat, get: (rule) => rule },
  },
});
define(ConditionalFormatRule, {
  props: {
    formula: {
      get: (rule) => rule.formula,
      set: (rule, formula, self) => {
        self._ctx.host.sheetOfRule(rule).guard();
        rule.formula = formula;
      },
    },
  },
});
define(ConditionalRangeFormat, { navs: { fill: { cls: ConditionalRangeFill, get: (rule) => rule } } });
define(ConditionalRangeFill, {
  props: {
    color: {
      get: (rule) => rule.fill,
      set: (rule, color, self) => {
        self._ctx.host.sheetOfRule(rule).guard();
        rule.fill = color;
      },
    },
  },
});
define(NoteCollection, { item: Note });
define(Note, {
  props: {
    content: {
      get: (t) => t.note.content,
      set: (t, content) => {
        t.sheet.guard();
        t.note.content = String(content);
      },
      requires: EXCEL("1.18"),
    },
    authorName: { get: (t) => t.note.author, requires: EXCEL("1.18") },
  },
});
define(ChartCollection, { item: Chart });
define(Chart, {
  props: {
    name: { get: (t) => t.chart.name },
    top: {
      get: (t) => t.chart.top,
      set: (t, top) => {
        guardSheetOf(t).guard();
        t.chart.top = top;
      },
    },
    height: { get: (t) => t.chart.height },
  },
});

// --------------------------------------------------------------------------- contexts and the host

class RequestContext {
  constructor(host) {
    this.host = host;
    this.closed = false;
    this.pending = [];
    this.workbook = new Workbook(this, () => host.book);
  }

  _queue(op) {
    this.pending.push(op);
  }

  /** Run the queued commands in order; the first failure ends the batch and drops the rest. */
  async sync() {
    if (this.closed) throw new RichApiError("InvalidRequestContext", "sync() after the Excel.run ended.");
    const batch = this.pending;
    this.pending = [];
    const stats = this.host.stats;
    stats.syncs += 1;
    const request = batch.reduce((sum, op) => sum + op.bytes, 0);
    stats.excel_request_bytes += request;
    stats.max_batch_request = Math.max(stats.max_batch_request, request);
    stats.commands += batch.length;
    await Promise.resolve();
    if (request > LIMIT) throw new RichApiError("RequestPayloadSizeLimitExceeded", "The batch is larger than 5 MB.");
    let response = 0;
    for (const op of batch) {
      for (const [set, version] of op.requires) {
        if (!this.host.supports(set, version)) {
          throw new RichApiError("ApiNotFound", op.name + " needs " + set + " " + version + "; this Excel has "
            + (this.host.sets[set] || "none") + ".");
        }
      }
      response += op.run() || 0;
    }
    stats.excel_response_bytes += response;
    stats.max_batch_response = Math.max(stats.max_batch_response, response);
    if (response > LIMIT) throw new RichApiError("ResponsePayloadSizeLimitExceeded", "The answer is larger than 5 MB.");
  }
}

/**
 * An Excel with a workbook: ``Office`` and ``Excel`` globals for the client, the model, and counters.
 *
 * options: {sets: {ExcelApi: "1.18", ExcelApiOnline: "1.1" | undefined, SharedRuntime: "1.1"},
 *           displayLanguage: "sv-SE", lenient: ["value-size"] (only to measure the previous client, which wrote
 *           a whole table into the one-cell range its action named: Excel refuses that)}
 */
function createHost(workbook, options) {
  options = options || {};
  const host = {
    book: new Book(workbook),
    lenient: options.lenient || [],
    sets: Object.assign({ ExcelApi: "1.18", SharedRuntime: "1.1" }, options.sets || {}),
    stats: null,
    actions: new Map(),
    supports(set, version) {
      return versionAtLeast(this.sets[set], version);
    },
    sheetOfRule(rule) {
      for (const sheet of this.book.sheets) if (sheet.rules.includes(rule)) return sheet;
      throw new RichApiError("ItemNotFound", "The rule no longer exists.");
    },
    reset() {
      this.stats = { syncs: 0, runs: 0, commands: 0, excel_request_bytes: 0, excel_response_bytes: 0,
        max_batch_request: 0, max_batch_response: 0 };
    },
  };
  host.reset();
  const Excel = {
    run: async (batch) => {
      host.stats.runs += 1;
      const context = new RequestContext(host);
      try {
        const result = await batch(context);
        if (context.pending.length) await context.sync();
        return result;
      } finally {
        context.closed = true;
      }
    },
    ConditionalFormatType: { custom: "Custom" },
    ClearApplyTo: { all: "All", formats: "Formats", contents: "Contents" },
    ChartSeriesBy: { auto: "Auto", columns: "Columns", rows: "Rows" },
  };
  const Office = {
    context: {
      displayLanguage: options.displayLanguage || "sv-SE",
      requirements: { isSetSupported: (set, version) => host.supports(set, version || "1.1") },
      ui: { displayDialogAsync: () => { throw new Error("stand-in: no dialogs"); } },
    },
    EventType: { DialogMessageReceived: "dialogMessageReceived" },
    actions: { associate: (name, fn) => host.actions.set(name, fn) },
    onReady: (callback) => {
      const info = { host: "Excel", platform: "OfficeOnline" };
      if (callback) callback(info);
      return Promise.resolve(info);
    },
  };
  return { host: host, Excel: Excel, Office: Office };
}

/** The workbook as the scenario checks it: values where asked, and every rule, note, chart and protection. */
function dump(book, valuesOf) {
  return {
    active: book.sheets[book.active] ? book.sheets[book.active].name : null,
    selection: book.selection ? quoteSheet(book.selection.sheet.name) + "!" + areaName(book.selection) : null,
    sheets: book.sheets.map((sheet) => {
      const out = {
        name: sheet.name,
        protected: sheet.protection.protected,
        password: sheet.protection.password,
        options: sheet.protection.options,
        rules: sheet.rules.map((r) => ({ type: r.type, formula: r.formula, fill: r.fill, ranges: r.areas.map(areaName) })),
        notes: Object.fromEntries([...sheet.notes.entries()].map(([cell, n]) => [cell, n.content])),
        charts: sheet.charts.map((c) => ({ name: c.name, source: c.source, seriesBy: c.seriesBy, top: c.top })),
      };
      if (valuesOf === true || (Array.isArray(valuesOf) && valuesOf.includes(sheet.name))) {
        const box = sheet.used();
        out.values = [];
        out.links = {};
        for (let r = 0; box && r <= box.r1; r++) {
          const row = [];
          for (let c = 0; c <= box.c1; c++) {
            row.push(sheet.value(r, c));
            const cell = sheet.cell(r, c);
            if (cell && cell.link) out.links[cellName(r, c)] = cell.link;
          }
          out.values.push(row);
        }
      }
      return out;
    }),
  };
}

module.exports = { createHost, dump, RichApiError, parseArea, areaName, cellName };
