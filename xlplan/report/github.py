"""GitHub Actions workflow commands: each finding becomes an annotation on the workbook.

Syntax: ``::error file=PATH,title=TITLE::MESSAGE`` (notice/warning/error).
Workbooks have no lines, so the sheet and cell lead the message.
"""

from __future__ import annotations

from ..findings import FileResult
from .text import summary_line

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(results: list[FileResult], lang: str = "sv") -> str:
    out = []
    for r in results:
        if r.error:
            out.append(f"::error file={_prop(r.path)},title=xlplan::{_data(r.error)}")
        for f in r.findings:
            where = f"{f.sheet.rstrip()}!{f.cell}" if f.cell else f.sheet.rstrip()
            out.append(f"::{LEVEL[f.severity]} file={_prop(r.path)},title={_prop(f'xlplan {f.rule}')}::"
                       f"{_data(f'{where}: {f.message}')}")
    out.append(summary_line(results, lang))
    return "\n".join(out)
