"""Human-readable findings: grouped by file and sheet, cell address first, a summary line last."""

from __future__ import annotations

from ..findings import FileResult, totals

SEVERITY_WORD = {"sv": {"error": "fel", "warning": "varning", "info": "info"},
                 "en": {"error": "error", "warning": "warning", "info": "info"}}


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary_line(results: list[FileResult], lang: str) -> str:
    t = totals(results)
    if lang == "en":
        line = (f"Found {_plural(t['error'], 'error', 'errors')}, {_plural(t['warning'], 'warning', 'warnings')} "
                f"and {t['info']} info in {_plural(t['files'], 'file', 'files')}")
        return line + (f" ({t['unreadable']} could not be read)." if t["unreadable"] else ".")
    line = (f"Hittade {t['error']} fel, {_plural(t['warning'], 'varning', 'varningar')} och {t['info']} info "
            f"i {_plural(t['files'], 'fil', 'filer')}")
    return line + (f" ({t['unreadable']} kunde inte läsas)." if t["unreadable"] else ".")


def render(results: list[FileResult], lang: str = "sv") -> str:
    words = SEVERITY_WORD["en" if lang == "en" else "sv"]
    out: list[str] = []
    for res in results:
        out.append(res.path)
        if res.error:
            out.append(f"  {res.error}")
            out.append("")
            continue
        sheet = None
        for f in res.findings:
            if f.sheet != sheet:
                sheet = f.sheet
                out.append(f"  {sheet.rstrip()}" if sheet else "  (arbetsboken)" if lang != "en" else "  (workbook)")
            cell = f.cell or "-"
            out.append(f"    {cell:<6} {words[f.severity]:<7} {f.rule:<22} {f.message}")
        if not res.findings:
            out.append("  Inga anmärkningar." if lang != "en" else "  No findings.")
        out.append("")
    out.append(summary_line(results, lang))
    return "\n".join(out)
