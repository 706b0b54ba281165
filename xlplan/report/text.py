"""Human-readable findings: grouped by file and sheet, cell address first, a summary line last."""

from __future__ import annotations

from ..findings import SEVERITY_ORDER, FileResult, totals
from ..messages import count, severity_word


def summary_line(results: list[FileResult], lang: str) -> str:
    t = totals(results)
    if lang == "en":
        line = (f"Found {count(t['error'], 'error', lang)}, {count(t['warning'], 'warning', lang)} "
                f"and {t['info']} info in {count(t['files'], 'file', lang)}")
        return line + (f" ({t['unreadable']} could not be read)." if t["unreadable"] else ".")
    line = (f"Hittade {count(t['error'], 'error', lang)}, {count(t['warning'], 'warning', lang)} och {t['info']} info "
            f"i {count(t['files'], 'file', lang)}")
    return line + (f" ({t['unreadable']} kunde inte läsas)." if t["unreadable"] else ".")


def render(results: list[FileResult], lang: str = "sv") -> str:
    out: list[str] = []
    words = {s: f"{severity_word(s, lang):<7}" for s in SEVERITY_ORDER}  # once, not per line
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
            out.append(f"    {cell:<6} {words.get(f.severity) or severity_word(f.severity, lang):<7} "
                       f"{f.rule:<22} {f.message}")
        if not res.findings:
            out.append("  Inga anmärkningar." if lang != "en" else "  No findings.")
        out.append("")
    out.append(summary_line(results, lang))
    return "\n".join(out)
