"""The city workbook's table rows, written straight into the worksheet parts (issue 16).

xlsxwriter writes the headers, formats, charts and filters; the rows under
each header are streamed as SpreadsheetML by xlplan. They must read back as
the values they were (through calamine and openpyxl, two independent
readers), texts must stay texts, and the package must stay sound.
"""

from __future__ import annotations

import zipfile

import openpyxl
import pandas as pd
import python_calamine as pc

from xlplan.consolidate import AREA_COLUMNS, MEASURE_COLUMNS, Consolidation
from xlplan.opc.verify import package_problems
from xlplan.report.city import write_city_workbook

TRICKY = ["=1+1", "@SUM(A1)", "  leading and trailing  ", "rad ett\nrad två", "a < b & c > d", "_x0041_",
          "kontroll\x01tecken", "Åtgärd med ö"]


def _consolidation(n: int) -> Consolidation:
    measures = pd.DataFrame([{"district": f"D{i % 7}", "year": 2025 if i % 5 else pd.NA, "file": f"f{i}.xlsx",
                              "sheet": "1. Unga i riskzon", "area": 1, "area_title": "Unga", "row": i + 3,
                              "problem": TRICKY[i % len(TRICKY)], "cause": "", "measure": f"Åtgärd {i}",
                              "goal": "", "timing": "2025", "owner": "Rektor", "followup": "", "status": "done"}
                             for i in range(n)], columns=MEASURE_COLUMNS)
    measures["year"] = measures["year"].astype("Int64")
    areas = pd.DataFrame([{c: 0 for c in AREA_COLUMNS} | {"district": "D0", "file": "f0.xlsx", "sheet": "s",
                                                          "area_title": "Unga", "problems": 3, "year": 2025}],
                         columns=AREA_COLUMNS)
    return Consolidation(measures, areas, [])


def test_rows_read_back_as_written(tmp_path):
    c = _consolidation(3000)
    path = write_city_workbook(c, tmp_path / "stad.xlsx")
    assert package_problems(path) == []
    book = pc.CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_name("Åtgärder").to_python()
    assert len(rows) == 3001
    for i in (0, 1, 2, 7, 2999):
        got = rows[i + 1]
        assert got[7] == TRICKY[i % len(TRICKY)]  # problem: every tricky text exactly, control character too
        assert got[9] == f"Åtgärd {i}" and got[6] == i + 3
        assert got[1] == ("" if i % 5 == 0 else 2025)  # a missing year is no cell
    wb = openpyxl.load_workbook(path, read_only=True)
    ws = wb["Åtgärder"]
    first = [cell.value for cell in next(ws.iter_rows(min_row=2, max_row=2))]
    assert first[7] == "=1+1" and first[9] == "Åtgärd 0"
    with zipfile.ZipFile(path) as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
        xml = b"".join(zf.read(n) for n in sheets)
    assert b"<f>" not in xml  # texts are never formulas
    assert b'<dimension ref="A1:O3001"/>' in xml


def test_an_empty_table_keeps_its_header(tmp_path):
    c = _consolidation(0)
    path = write_city_workbook(c, tmp_path / "stad.xlsx")
    rows = pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Åtgärder").to_python()
    assert len(rows) == 1 and rows[0][0]
