"""The floors and peers the benchmark times against xlplan, each run as its own process.

    python bench/probes.py read PLAN            # READ floor: python-calamine, every sheet's values
    python bench/probes.py zipcopy PLAN OUT     # WRITE floor: every zip member inflated and deflated again
    python bench/probes.py wolfxl PLAN OUT      # peer: wolfxl modify mode, one cell set, saved to OUT
    python bench/probes.py openpyxl PLAN OUT    # ecosystem baseline: openpyxl load, one cell set, save

Each imports only what it needs, so its time and peak memory are those of a
whole process doing the least that job takes (interpreter start-up included,
as it is in ``python -m xlplan ...``). Nothing here imports xlplan.
"""

from __future__ import annotations

import sys

MARK = "bench"
"""The value the peers write, into Z1 of the first area sheet (a cell no plan uses)."""


def read(plan: str) -> None:
    import python_calamine as pc

    book = pc.CalamineWorkbook.from_path(plan)
    cells = 0
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python()
        cells += sum(len(r) for r in rows)
    assert cells, "no cells read"


def zipcopy(plan: str, out: str) -> None:
    import zipfile

    with zipfile.ZipFile(plan) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info), compress_type=zipfile.ZIP_DEFLATED)


def _area(names: list[str]) -> str:
    return next(n for n in names if n[:1].isdigit())


def wolfxl(plan: str, out: str) -> None:
    import wolfxl as wx

    wb = wx.load_workbook(plan, modify=True)
    wb[_area(wb.sheetnames)]["Z1"] = MARK
    wb.save(out)


def openpyxl(plan: str, out: str) -> None:
    import openpyxl as opx

    wb = opx.load_workbook(plan)
    wb[_area(wb.sheetnames)]["Z1"] = MARK
    wb.save(out)


if __name__ == "__main__":
    {"read": read, "zipcopy": zipcopy, "wolfxl": wolfxl, "openpyxl": openpyxl}[sys.argv[1]](*sys.argv[2:])
