"""The floor for ``xlplan consolidate``: a plain process pool reading the same plans into one DataFrame.

    python bench/consolidate_floor.py FOLDER

``multiprocessing.Pool(os.cpu_count())`` maps python-calamine over every
``*.xlsx`` in FOLDER; each worker returns every area sheet's rows (sheets whose
name starts with a digit, "1. Unga i riskzon" ...) as lists of values, tagged
with file and sheet; the parent concatenates them into one pandas DataFrame.
No validation, no header matching, no output file: the least a consolidation
of these files into a table takes. Prints the DataFrame's shape.
"""

from __future__ import annotations

import os
import sys
from multiprocessing import Pool
from pathlib import Path


def read_areas(path: str) -> list[list]:
    import python_calamine as pc

    book = pc.CalamineWorkbook.from_path(path)
    name = Path(path).stem
    rows = []
    for sheet in book.sheet_names:
        if sheet[:1].isdigit():
            for values in book.get_sheet_by_name(sheet).to_python(skip_empty_area=True):
                rows.append([name, sheet, *values])
    return rows


def main(folder: str) -> None:
    import pandas as pd

    files = sorted(str(p) for p in Path(folder).glob("*.xlsx"))
    with Pool(os.cpu_count()) as pool:
        parts = pool.map(read_areas, files, chunksize=max(1, len(files) // (8 * (os.cpu_count() or 1))))
    rows = [r for part in parts for r in part]
    width = max(len(r) for r in rows)
    frame = pd.DataFrame([r + [None] * (width - len(r)) for r in rows],
                         columns=["file", "sheet", *(f"c{i}" for i in range(width - 2))])
    assert frame["file"].nunique() == len(files), "a plan had no area rows"
    print(f"{len(files)} files, {frame.shape[0]} rows x {frame.shape[1]} columns")


if __name__ == "__main__":
    main(sys.argv[1])
