"""A "rich" plan: everything openpyxl would drop, to prove in-place writes keep it.

``write_rich_plan`` writes a full plan with xlsxwriter (image, text box, notes,
data validation, conditional formats, chart, sparklines, data bars, sheet
protection, a hidden list sheet, defined names, print settings), then rewrites
the zip to add the parts Excel 365 writes and xlsxwriter cannot:

a) a threaded comment (with its person list and Excel's legacy placeholder note),
b) an x14 list validation in the worksheet's extLst,
c) printer settings (a binary part linked from ``<pageSetup r:id>``),
d) a custom XML data store item,
e) a legacy form-control checkbox (ctrlProp + VML shape + ``<controls>``).

``RICH_PARTS`` lists the zip parts the written file must contain. Every other
part is copied byte for byte from xlsxwriter's output; patched parts are
re-serialised with lxml.
"""

from __future__ import annotations

import datetime as dt
import io
import struct as _struct
import zipfile
import zlib
from pathlib import Path, PurePosixPath

import xlsxwriter
from lxml import etree

from xlplan.template import structure

DISTRICT = "Rikby"
TITLE = f"Åtgärdsplan 2025 – {DISTRICT}"
AUTHOR = "Rikby stadsdelsförvaltning"
LIST_SHEET = "Listor"
TIMINGS = ("Löpande under 2025", "T1", "T2", "T3")

# Fixed ids so the file is reproducible (Excel writes GUIDs in braces, upper case).
THREAD_ID = "{6F1D2C3A-8B4E-4F6A-9C1D-2E3F4A5B6C7D}"
PERSON_ID = "{A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D}"
DATASTORE_ID = "{3C9B7E21-5D4A-4B8E-A1F2-9E8D7C6B5A40}"
THREAD_CELL = "C4"
THREAD_TEXT = "Stämmer detta?"
THREAD_PLACEHOLDER = (
    "[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment; however, any edits "
    "to it will get removed if the file is opened in a newer version of Excel. Learn more: "
    "https://go.microsoft.com/fwlink/?linkid=870924\n\nComment:\n    " + THREAD_TEXT
)
PRINTER_SETTINGS = bytes(range(64))

# Namespaces and relationship / content types.
NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS_X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
NS_XM = "http://schemas.microsoft.com/office/excel/2006/main"
NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
NS_TC = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
REL_THREADED = "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment"
REL_PERSON = "http://schemas.microsoft.com/office/2017/10/relationships/person"
CT_THREADED = "application/vnd.ms-excel.threadedcomments+xml"
CT_PERSON = "application/vnd.ms-excel.person+xml"
CT_PRINTER = "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"
CT_ITEMPROPS = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
CT_CTRLPROP = "application/vnd.ms-excel.controlproperties+xml"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"

# The zip parts the written file must contain (all names are fixed by the build below:
# xlsxwriter numbers drawings/charts/comments in sheet order, the rest is injected).
RICH_PARTS: tuple[str, ...] = (
    # xlsxwriter's own rich parts
    "xl/drawings/drawing1.xml",  # Instruktion: logo + text box
    "xl/drawings/_rels/drawing1.xml.rels",
    "xl/media/image1.png",
    "xl/drawings/drawing2.xml",  # Analysflik: chart
    "xl/drawings/_rels/drawing2.xml.rels",
    "xl/charts/chart1.xml",
    "xl/comments1.xml",  # notes on area 1 (B3 and the threaded placeholder on C4)
    "xl/drawings/vmlDrawing1.vml",
    "xl/worksheets/_rels/sheet1.xml.rels",
    "xl/worksheets/_rels/sheet2.xml.rels",
    # a) threaded comment
    "xl/threadedComments/threadedComment1.xml",
    "xl/persons/person.xml",
    # c) printer settings
    "xl/printerSettings/printerSettings1.bin",
    # d) custom XML
    "customXml/item1.xml",
    "customXml/itemProps1.xml",
    "customXml/_rels/item1.xml.rels",
    # e) form control checkbox
    "xl/ctrlProps/ctrlProp1.xml",
    "xl/drawings/vmlDrawing2.vml",
)

# CT_Worksheet child order (SpreadsheetML schema), used to place inserted elements.
_SHEET_ORDER = (
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection",
    "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells",
    "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions", "pageMargins",
    "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors",
    "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "picture", "oleObjects", "controls",
    "webPublishItems", "tableParts", "extLst",
)


# --------------------------------------------------------------------------- helpers

def _png(width: int = 40, height: int = 20, rgb: tuple[int, int, int] = (0x1F, 0x4E, 0x79)) -> bytes:
    """A small valid solid-colour PNG (8-bit RGB)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return _struct.pack(">I", len(data)) + kind + data + _struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    ihdr = _struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def _parse(data: bytes) -> etree._Element:
    return etree.fromstring(data, etree.XMLParser(remove_blank_text=False, resolve_entities=False))


def _dump(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _xml(text: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + text).encode("utf-8")


def _rels_name(part: str) -> str:
    p = PurePosixPath(part)
    return str(p.parent / "_rels" / (p.name + ".rels"))


def _resolve(base_part: str, target: str) -> str:
    """The part name a relationship target from ``base_part`` points at."""
    if target.startswith("/"):
        return target.lstrip("/")
    parts = list(PurePosixPath(base_part).parent.parts)
    for seg in target.split("/"):
        if seg == "..":
            parts.pop()
        elif seg not in ("", "."):
            parts.append(seg)
    return "/".join(parts)


def _add_rel(rels: etree._Element, rel_type: str, target: str) -> str:
    """Append a relationship with a fresh rId; returns the id."""
    used = {r.get("Id") for r in rels}
    n = 1
    while f"rId{n}" in used:
        n += 1
    rid = f"rId{n}"
    etree.SubElement(rels, _q(NS_PKG_REL, "Relationship"), Id=rid, Type=rel_type, Target=target)
    return rid


def _empty_rels() -> etree._Element:
    return etree.Element(_q(NS_PKG_REL, "Relationships"), nsmap={None: NS_PKG_REL})


def _insert_in_order(sheet: etree._Element, elem: etree._Element, local: str) -> None:
    """Insert ``elem`` (schema name ``local``) into <worksheet> where CT_Worksheet wants it."""
    rank = _SHEET_ORDER.index(local)
    for i, child in enumerate(sheet):
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child).localname
        if etree.QName(child).namespace == NS_MC:
            # an mc:AlternateContent wrapper: rank it by what it wraps (Excel wraps <controls>)
            inner = child.find(f".//{{{NS_MAIN}}}*")
            name = etree.QName(inner).localname if inner is not None else name
        if name in _SHEET_ORDER and _SHEET_ORDER.index(name) > rank:
            sheet.insert(i, elem)
            return
    sheet.append(elem)


# --------------------------------------------------------------------------- the workbook

def _write_xlsxwriter(path: Path) -> None:
    S = structure()
    areas = [a for a in S.areas if not a.custom]
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"title": TITLE, "author": AUTHOR, "company": "Stockholms stad",
                       "subject": "Åtgärdsplan enligt lag (2023:196)",
                       "created": dt.datetime(2025, 3, 10, 9, 0, 0)})
    wrap = wb.add_format({"text_wrap": True, "valign": "top", "border": 1})
    bold = wb.add_format({"bold": True, "text_wrap": True, "valign": "top", "border": 1, "bg_color": "#1F4E79",
                          "font_color": "#FFFFFF"})
    italic = wb.add_format({"italic": True, "text_wrap": True, "valign": "top", "border": 1, "font_color": "#595959"})
    date_fmt = wb.add_format({"num_format": "d mmm yyyy", "valign": "top", "border": 1})
    red = wb.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
    big = wb.add_format({"bold": True, "font_size": 16})

    # Instruktion
    ws = wb.add_worksheet(S.instruction_sheet)
    ws.set_column(0, 0, 120)
    ws.write(0, 0, TITLE, big)
    for i, para in enumerate(S.instructions_paragraphs[:3]):
        ws.write(2 + 2 * i, 0, para, wrap)
    ws.insert_image("B1", "logo.png", {"image_data": io.BytesIO(_png()), "x_offset": 4, "y_offset": 4})
    ws.insert_textbox("B4", "Kontakta trygghetssamordnaren vid frågor", {"width": 260, "height": 60})
    ws.set_header("&LStockholms stad")
    ws.set_footer("&RSida &P av &N")
    ws.print_area("A1:C12")

    # the header / instruction rows of an area sheet
    def head(ws, title: str, headers: list[str], followups: int) -> None:
        widths = [c.width for c in S.columns] + [S.followup.width] * followups
        for c, w in enumerate(widths):
            ws.set_column(c, c, w)
        for c, h in enumerate([title, *headers]):
            ws.write(0, c, h, bold)
        texts = [c.instruction for c in S.columns] + [S.followup.instruction] * followups
        for c, t in enumerate(texts):
            ws.write(1, c, t, italic)
        ws.freeze_panes(2, 0)

    std_headers = [c.header for c in S.columns[1:]]

    # Area 1: merges, odd whitespace, a CRLF, empty cells, a real date, notes, validation, cond. format
    a1 = areas[0]
    ws = wb.add_worksheet(a1.sheet)
    head(ws, a1.title, std_headers + ["Uppföljning", "Uppföljning 2025-06-15"], 2)
    ws.merge_range("A3:A5", "Nyrekrytering av unga till kriminalitet", wrap)
    ws.write("A6", "Otrygghet i skolan", wrap)
    ws.write_blank("A7", None, wrap)
    rows = [
        # cause, measure, goal, timing, owner, followup, followup 2025-06-15
        ("Bristande fritidsutbud på kvällstid", "Föräldramöten  i storforum ", "Två möten per termin",
         None, "Stadsdelsförvaltningen", "Ett möte genomfört", ""),
        ("Äldre förebilder rekryterar", "Fältassistenter kvällstid\r\ni centrum", "Närvaro fyra kvällar i veckan",
         "Löpande under 2025", "Fältgruppen", "", "Pågår"),
        ("Låg skolnärvaro", "Närvaroteam på högstadiet", "", "ej bestämt", "Skolan", "", ""),
        ("Konflikter på rasterna", "Rastvärdar från föreningslivet", "Minst två vuxna per rast",
         "HT 2025", "", "", ""),
        ("Oklart ansvar", "Samordningsmöte mellan skola och socialtjänst", "Ett möte per månad",
         "T2", "Socialtjänsten", "", ""),
    ]
    for i, row in enumerate(rows):
        r = 2 + i
        for c, v in enumerate(row, start=1):
            if v:
                ws.write_string(r, c, v, wrap)
            elif v == "":
                ws.write_blank(r, c, None, wrap)
    ws.write_datetime("E3", dt.datetime(2025, 4, 29), date_fmt)
    ws.write_comment("B3", "Kolla med Robin", {"author": "Anna"})
    ws.write_comment(THREAD_CELL, THREAD_PLACEHOLDER, {"author": f"tc={THREAD_ID}"})
    ws.data_validation("E3:E40", {"validate": "list", "source": f"={LIST_SHEET}!$A$1:$A$4",
                                  "input_title": "När", "input_message": "Välj eller skriv en tidpunkt",
                                  "ignore_blank": True, "show_error": False})
    ws.conditional_format("E3:E40", {"type": "text", "criteria": "containing", "value": "ej bestämt",
                                     "format": red})
    ws.freeze_panes(2, 0)
    ws.print_area("A1:H40")
    ws.set_landscape()
    ws.set_paper(9)

    # Area 2: header typos, padded owner, merged cause
    a2 = areas[1]
    ws = wb.add_worksheet(a2.sheet)
    head(ws, a2.title, ["Orsak", "Atgärd", "Operativt mål", "När", "Vem", "Uppföljning"], 1)
    ws.write("A3", "Otrygghet vid tunnelbanan", wrap)
    ws.write("A4", "Otrygghet vid tunnelbanan", wrap)
    ws.write("A5", "Nedskräpning i parken", wrap)
    ws.merge_range("B3:B4", "Dålig belysning och skymda platser", wrap)
    ws.write("B5", "Ingen ansvarar för städning", wrap)
    for r, (measure, goal, timing, owner) in enumerate([
        ("Trygghetsvandring med boende", "Två vandringar per år", "Vår 2025", "Stadsdelsförvaltningen"),
        ("Gemensam närvaro kvällstid", "Närvaro varje fredag", "Under 2025", "  Polisen  "),
        ("Städpatrull med ungdomar", "Parken städad varje vecka", "Sommar 2025", "Parkenheten"),
    ], start=2):
        ws.write(r, 2, measure, wrap)
        ws.write(r, 3, goal, wrap)
        ws.write(r, 4, timing, wrap)
        ws.write(r, 5, owner, wrap)
        ws.write_blank(r, 6, None, wrap)

    # Areas 3-5: ordinary complete rows
    simple = {
        3: [("Penningtvätt via lokala företag", "Svag kontroll vid tillståndsgivning",
             "Samordnad tillsyn av verksamheter", "Fyra tillsynsbesök", "Under 2025", "Miljöförvaltningen"),
            ("Otillåten påverkan på tjänstepersoner", "Hot mot handläggare",
             "Utbildning i hantering av hot", "All personal utbildad", "Under 2025", "HR-avdelningen")],
        4: [("Våld i nära relationer", "Brist på kunskap om stöd", "Informationskampanj i bostadsområdet",
             "Affischer i alla trapphus", "Under 2025", "Socialtjänsten"),
            ("Äldre utsatta för bedrägerier", "Telefonbedrägerier", "Föreläsningar på träffpunkter",
             "Fem föreläsningar", "Under 2025", "Polisen")],
        5: [("Öppen narkotikahandel", "Etablerade säljplatser", "Kameraövervakning vid torget",
             "Kameror uppsatta", "Under 2025", "Polisen"),
            ("Unga i kriminella nätverk", "Få alternativ till kriminalitet", "Avhopparverksamhet",
             "Tio deltagare", "Under 2025", "Socialtjänsten")],
    }
    for area in areas[2:]:
        ws = wb.add_worksheet(area.sheet)
        head(ws, area.title, std_headers + ["Uppföljning"], 1)
        for r, row in enumerate(simple[area.number], start=2):
            for c, v in enumerate(row):
                ws.write_string(r, c, v, wrap)
            ws.write_blank(r, 6, None, wrap)

    # Analysflik: stale numbers, chart, data bars, sparklines, protection
    ws = wb.add_worksheet(S.analysis_sheet)
    ws.set_column(0, 0, 42)
    ws.set_column(1, 4, 18)
    ws.write(0, 0, S.analysis_title, big)
    for c, h in enumerate(S.analysis_headers):
        ws.write(2, c, h, bold)
    labels = [a.title for a in areas] + [S.analysis_placeholder]
    stale = [(12, 13, 11), (4, 2, 7), (1, 1, 1), (3, 5, 2), (2, 0, 6), (0, 0, 0)]
    for i, (label, nums) in enumerate(zip(labels, stale), start=3):
        ws.write(i, 0, label)
        for c, n in enumerate(nums, start=1):
            ws.write_number(i, c, n)
    sheet = S.analysis_sheet
    chart = wb.add_chart({"type": "column", "subtype": "clustered"})
    for c in range(1, 4):
        chart.add_series({"name": [sheet, 2, c], "categories": [sheet, 3, 0, 8, 0], "values": [sheet, 3, c, 8, c]})
    chart.set_title({"name": S.chart_title})
    ws.insert_chart("A12", chart)
    ws.conditional_format("B4:D9", {"type": "data_bar", "bar_color": "#63BE7B", "data_bar_2010": True})
    for r in range(4, 10):
        ws.add_sparkline(f"E{r}", {"range": f"{sheet}!B{r}:D{r}"})
    ws.protect()

    # Listor (hidden)
    ws = wb.add_worksheet(LIST_SHEET)
    for r, v in enumerate(TIMINGS):
        ws.write_string(r, 0, v)
    ws.hide()

    wb.define_name("Områden", f"={sheet}!$A$4:$A$9")
    wb.define_name("Tidpunkter", f"={LIST_SHEET}!$A$1:$A$4")
    wb.close()


# --------------------------------------------------------------------------- zip post-processing

class _Package:
    """The zip's parts in memory, with the few lookups the patches need."""

    def __init__(self, path: Path):
        with zipfile.ZipFile(path) as z:
            self.names = z.namelist()
            self.data = {n: z.read(n) for n in self.names}
        self.changed: set[str] = set()

    def xml(self, name: str) -> etree._Element:
        return _parse(self.data[name])

    def put(self, name: str, data: bytes | etree._Element) -> None:
        if not isinstance(data, bytes):
            data = _dump(data)
        if name not in self.data:
            self.names.append(name)
        self.data[name] = data
        self.changed.add(name)

    def rels(self, part: str) -> etree._Element:
        name = _rels_name(part)
        return self.xml(name) if name in self.data else _empty_rels()

    def sheet_part(self, sheet_name: str) -> str:
        """The worksheet part for a sheet name, via workbook.xml and its rels."""
        wb = self.xml("xl/workbook.xml")
        rels = {r.get("Id"): r.get("Target") for r in self.rels("xl/workbook.xml")}
        for s in wb.iter(_q(NS_MAIN, "sheet")):
            if s.get("name") == sheet_name:
                return _resolve("xl/workbook.xml", rels[s.get(_q(NS_R, "id"))])
        raise KeyError(sheet_name)

    def content_types(self) -> etree._Element:
        return self.xml("[Content_Types].xml")

    def write(self, path: Path) -> None:
        tmp = path.with_name(path.name + ".tmp")
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            for n in self.names:  # fixed timestamps: the same bytes on every run
                z.writestr(zipfile.ZipInfo(n, date_time=(2025, 3, 10, 9, 0, 0)), self.data[n],
                           compress_type=zipfile.ZIP_DEFLATED)
        tmp.replace(path)


def _ct_override(ct: etree._Element, part: str, content_type: str) -> None:
    name = "/" + part
    if not any(o.get("PartName") == name for o in ct.iter(_q(NS_CT, "Override"))):
        etree.SubElement(ct, _q(NS_CT, "Override"), PartName=name, ContentType=content_type)


def _ct_default(ct: etree._Element, ext: str, content_type: str) -> None:
    if any(d.get("Extension", "").lower() == ext for d in ct.iter(_q(NS_CT, "Default"))):
        return
    elem = etree.Element(_q(NS_CT, "Default"), Extension=ext, ContentType=content_type)
    defaults = list(ct.iter(_q(NS_CT, "Default")))
    if defaults:  # Defaults first, as Excel writes them
        defaults[-1].addnext(elem)
    else:
        ct.insert(0, elem)


def _threaded_comment(pkg: _Package, ct: etree._Element, sheet_part: str, wb_rels: etree._Element) -> None:
    tc_part = "xl/threadedComments/threadedComment1.xml"
    pkg.put(tc_part, _xml(
        f'<ThreadedComments xmlns="{NS_TC}" xmlns:x="{NS_MAIN}">'
        f'<threadedComment ref="{THREAD_CELL}" dT="2025-03-10T09:15:42.18" personId="{PERSON_ID}" '
        f'id="{THREAD_ID}"><text>{THREAD_TEXT}</text></threadedComment></ThreadedComments>'))
    pkg.put("xl/persons/person.xml", _xml(
        f'<personList xmlns="{NS_TC}" xmlns:x="{NS_MAIN}">'
        f'<person displayName="Anna Berg" id="{PERSON_ID}" userId="anna.berg" providerId="None"/></personList>'))
    rels = pkg.rels(sheet_part)
    _add_rel(rels, REL_THREADED, "../threadedComments/threadedComment1.xml")
    pkg.put(_rels_name(sheet_part), rels)
    _add_rel(wb_rels, REL_PERSON, "persons/person.xml")
    _ct_override(ct, tc_part, CT_THREADED)
    _ct_override(ct, "xl/persons/person.xml", CT_PERSON)


def _x14_validation(pkg: _Package, sheet_part: str) -> None:
    root = pkg.xml(sheet_part)
    ext = etree.fromstring(
        f'<ext xmlns="{NS_MAIN}" xmlns:x14="{NS_X14}" uri="{{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}}">'
        f'<x14:dataValidations xmlns:xm="{NS_XM}" count="1">'
        f'<x14:dataValidation type="list" allowBlank="1" showInputMessage="1">'
        f'<x14:formula1><xm:f>{LIST_SHEET}!$A$1:$A$4</xm:f></x14:formula1><xm:sqref>E3:E40</xm:sqref>'
        f'</x14:dataValidation></x14:dataValidations></ext>')
    ext_lst = root.find(_q(NS_MAIN, "extLst"))
    if ext_lst is None:
        ext_lst = etree.SubElement(root, _q(NS_MAIN, "extLst"))
    ext_lst.insert(0, ext)  # Excel writes the x14 dataValidations ext first
    assert root[-1] is ext_lst
    pkg.put(sheet_part, root)


def _printer_settings(pkg: _Package, ct: etree._Element, sheet_part: str) -> None:
    part = "xl/printerSettings/printerSettings1.bin"
    pkg.put(part, PRINTER_SETTINGS)
    rels = pkg.rels(sheet_part)
    rid = _add_rel(rels, REL + "printerSettings", "../printerSettings/printerSettings1.bin")
    pkg.put(_rels_name(sheet_part), rels)
    root = pkg.xml(sheet_part)
    setup = root.find(_q(NS_MAIN, "pageSetup"))
    if setup is None:
        setup = etree.Element(_q(NS_MAIN, "pageSetup"))
        _insert_in_order(root, setup, "pageSetup")
    setup.set(_q(NS_R, "id"), rid)
    pkg.put(sheet_part, root)
    _ct_default(ct, "bin", CT_PRINTER)


def _custom_xml(pkg: _Package, ct: etree._Element, wb_rels: etree._Element) -> None:
    pkg.put("customXml/item1.xml", _xml('<root xmlns="urn:rikby:plan"><owner>Rikby</owner></root>'))
    pkg.put("customXml/itemProps1.xml", _xml(
        f'<ds:datastoreItem ds:itemID="{DATASTORE_ID}" '
        f'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
        f'<ds:schemaRefs><ds:schemaRef ds:uri="urn:rikby:plan"/></ds:schemaRefs></ds:datastoreItem>'))
    rels = _empty_rels()
    _add_rel(rels, REL + "customXmlProps", "itemProps1.xml")
    pkg.put("customXml/_rels/item1.xml.rels", rels)
    _add_rel(wb_rels, REL + "customXml", "../customXml/item1.xml")
    _ct_override(ct, "customXml/itemProps1.xml", CT_ITEMPROPS)
    _ct_default(ct, "xml", "application/xml")


def _next_vml(pkg: _Package) -> tuple[str, int]:
    """A free vmlDrawingN.vml name and a free VML shape-id block (o:idmap data)."""
    n = 1
    while f"xl/drawings/vmlDrawing{n}.vml" in pkg.data:
        n += 1
    blocks = [0]
    for name, data in pkg.data.items():
        if name.endswith(".vml"):
            for idmap in _parse(data).iter("{urn:schemas-microsoft-com:office:office}idmap"):
                blocks += [int(b) for b in idmap.get("data", "0").split(",") if b.strip().isdigit()]
    return f"xl/drawings/vmlDrawing{n}.vml", max(blocks) + 1


def _checkbox(pkg: _Package, ct: etree._Element, sheet_part: str) -> None:
    root = pkg.xml(sheet_part)
    rels = pkg.rels(sheet_part)
    if root.find(_q(NS_MAIN, "legacyDrawing")) is not None:
        raise NotImplementedError("the checkbox sheet already has a legacy VML drawing")
    vml_part, block = _next_vml(pkg)
    shape_id = block * 1024 + 1
    # Anchor: from col 1 (B) + 10px, row 8 + 2px, to col 1 + 200px, row 9 + 2px
    pkg.put(vml_part, (
        '<xml xmlns:v="urn:schemas-microsoft-com:vml"\n'
        ' xmlns:o="urn:schemas-microsoft-com:office:office"\n'
        ' xmlns:x="urn:schemas-microsoft-com:office:excel">\n'
        f' <o:shapelayout v:ext="edit">\n  <o:idmap v:ext="edit" data="{block}"/>\n </o:shapelayout>'
        '<v:shapetype id="_x0000_t201" coordsize="21600,21600" o:spt="201"\n'
        '  path="m,l,21600r21600,l21600,xe">\n'
        '  <v:stroke joinstyle="miter"/>\n'
        '  <v:path shadowok="f" o:extrusionok="f" strokeok="f" fillok="f" o:connecttype="rect"/>\n'
        '  <o:lock v:ext="edit" shapetype="t"/>\n'
        ' </v:shapetype>'
        f'<v:shape id="_x0000_s{shape_id}" type="#_x0000_t201" style=\'position:absolute;\n'
        '  margin-left:645pt;margin-top:121.5pt;width:150pt;height:15pt;z-index:1;\n'
        '  mso-wrap-style:tight\' filled="f" fillcolor="window [65]" stroked="f"\n'
        '  strokecolor="windowText [64]" o:insetmode="auto">\n'
        '  <v:path shadowok="t" strokeok="t" fillok="t"/>\n'
        '  <o:lock v:ext="edit" rotation="t"/>\n'
        '  <v:textbox style=\'mso-direction-alt:auto\' o:singleclick="f">\n'
        '   <div style=\'text-align:left\'><font face="Segoe UI" size="160" color="auto">'
        'Planen är beslutad</font></div>\n'
        '  </v:textbox>\n'
        '  <x:ClientData ObjectType="Checkbox">\n'
        '   <x:Anchor>\n    1, 10, 8, 2, 1, 200, 9, 2</x:Anchor>\n'
        '   <x:AutoFill>False</x:AutoFill>\n'
        '   <x:AutoLine>False</x:AutoLine>\n'
        '   <x:TextVAlign>Center</x:TextVAlign>\n'
        '   <x:Checked>1</x:Checked>\n'
        '   <x:NoThreeD/>\n'
        '  </x:ClientData>\n'
        ' </v:shape></xml>').encode("utf-8"))
    ctrl_part = "xl/ctrlProps/ctrlProp1.xml"
    pkg.put(ctrl_part, _xml(f'<formControlPr xmlns="{NS_X14}" objectType="CheckBox" checked="Checked" '
                            f'lockText="1"/>'))
    vml_rid = _add_rel(rels, REL + "vmlDrawing", "../" + vml_part.split("/", 1)[1])
    ctrl_rid = _add_rel(rels, REL + "ctrlProp", "../ctrlProps/ctrlProp1.xml")
    pkg.put(_rels_name(sheet_part), rels)

    legacy = etree.Element(_q(NS_MAIN, "legacyDrawing"))
    legacy.set(_q(NS_R, "id"), vml_rid)
    _insert_in_order(root, legacy, "legacyDrawing")
    # Excel 2010+ writes <controls> inside mc:AlternateContent (Requires="x14"), each control again wrapped.
    controls = etree.fromstring(
        f'<mc:AlternateContent xmlns:mc="{NS_MC}" xmlns="{NS_MAIN}" xmlns:r="{NS_R}" xmlns:x14="{NS_X14}" '
        f'xmlns:xdr="{NS_XDR}"><mc:Choice Requires="x14"><controls>'
        f'<mc:AlternateContent><mc:Choice Requires="x14">'
        f'<control shapeId="{shape_id}" r:id="{ctrl_rid}" name="Check Box 1">'
        f'<controlPr defaultSize="0" autoFill="0" autoLine="0" autoPict="0">'
        f'<anchor moveWithCells="1">'
        f'<from><xdr:col>1</xdr:col><xdr:colOff>127000</xdr:colOff><xdr:row>8</xdr:row>'
        f'<xdr:rowOff>25400</xdr:rowOff></from>'
        f'<to><xdr:col>1</xdr:col><xdr:colOff>2540000</xdr:colOff><xdr:row>9</xdr:row>'
        f'<xdr:rowOff>25400</xdr:rowOff></to>'
        f'</anchor></controlPr></control></mc:Choice></mc:AlternateContent>'
        f'</controls></mc:Choice></mc:AlternateContent>')
    _insert_in_order(root, controls, "controls")
    pkg.put(sheet_part, root)
    _ct_override(ct, ctrl_part, CT_CTRLPROP)
    _ct_default(ct, "vml", CT_VML)


def write_rich_plan(path: str | Path) -> Path:
    """Write the rich plan to ``path`` (xlsxwriter, then Excel 365 parts injected); returns the path."""
    S = structure()
    path = Path(path)
    _write_xlsxwriter(path)
    pkg = _Package(path)
    ct = pkg.content_types()
    wb_rels = pkg.rels("xl/workbook.xml")
    area1 = pkg.sheet_part(S.areas[0].sheet)
    area2 = pkg.sheet_part(S.areas[1].sheet)
    instr = pkg.sheet_part(S.instruction_sheet)
    _threaded_comment(pkg, ct, area1, wb_rels)
    _x14_validation(pkg, area2)
    _printer_settings(pkg, ct, area1)
    _custom_xml(pkg, ct, wb_rels)
    _checkbox(pkg, ct, instr)
    pkg.put("xl/_rels/workbook.xml.rels", wb_rels)
    pkg.put("[Content_Types].xml", ct)
    pkg.write(path)
    return path
