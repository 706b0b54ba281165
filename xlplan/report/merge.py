"""``xlplan merge``: what was filled, what conflicts, what matched nothing, which copies could not be read."""

from __future__ import annotations

from pathlib import Path

from ..messages import count
from ..text import fold_ws

def merge_text(result, target, lang: str = "sv") -> str:
    en = lang == "en"
    out = [f"{target}:"]
    out.append(f"  {count(len(result.filled), 'filled', lang)}")
    for c in result.added_columns:
        out.append(f"  {'new column' if en else 'ny kolumn'} {c['sheet'].rstrip()}!{c['column']}: {c['header']}")
    for f in result.fuzzy:
        out.append(f"  {'matched despite edited text' if en else 'matchad trots ändrad text'}: {f['copy']} "
                   f"{f['sheet'].rstrip()} {'row' if en else 'rad'} {f['copy_row']} → {f['master_row']} ({f['score']})")
    for c in result.conflicts:
        out.append(f"  {'CONFLICT' if en else 'KONFLIKT'} {c['sheet'].rstrip()}!{c['cell']} ({c['copy']}): "
                   f"{fold_ws(c['master'])[:50]!r} ≠ {fold_ws(c['copy_text'])[:50]!r}")
    for u in result.unmatched:
        out.append(f"  {'NO MATCH' if en else 'INGEN MOTSVARIGHET'} {u['copy']} {u['sheet'].rstrip()} "
                   f"{'row' if en else 'rad'} {u['row']}: {fold_ws(u['measure'] or u['cause'] or u['problem'])[:60]!r}")
    for u in getattr(result, "unreadable", ()):
        out.append(f"  {'NOT READ' if en else 'KUNDE INTE LÄSAS'} {Path(u['file']).name}")
    n_c, n_u = len(result.conflicts), len(result.unmatched)
    line = f"{count(n_c, 'conflict', lang)} {'and' if en else 'och'} {count(n_u, 'unmatched', lang)}"
    if n_c + n_u:
        line += " (listed in the sheet Konflikter)" if en else " (listade i fliken Konflikter)"
    out.append(line + ".")
    if getattr(result, "unreadable", ()):
        out.append(f"{count(len(result.unreadable), 'unreadable_copy', lang)}.")
    return "\n".join(out)
