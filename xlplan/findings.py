"""The one result type every rule returns, and the report that holds them.

Modelled on frictionless-py: a report of typed findings with positions (sheet
and A1 cell), so every output format and both doors (CLI and Excel) render the
same data.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # "error", "warning" or "info"
    sheet: str  # "" for the workbook as a whole
    cell: str  # A1 address, "" when the finding is about a whole sheet or the workbook
    row: int | None  # Excel row number
    field: str  # "goal", "timing", …, a follow-up header, or "" for structure findings
    value: str  # an excerpt of the cell's text
    message: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class FileResult:
    """Findings for one file, or the sentence saying why it could not be read."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    crashed: bool = False  # the error is xlplan's own (exit status 3), not the file's (2)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


def excerpt(text: str, limit: int = 80) -> str:
    """The start of a cell's text on one line, for messages."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def totals(results: list[FileResult]) -> dict[str, int]:
    out = {s: sum(r.count(s) for r in results) for s in SEVERITY_ORDER}
    out["files"] = len(results)
    out["unreadable"] = sum(1 for r in results if r.error)
    out["crashed"] = sum(1 for r in results if r.crashed)
    return out
