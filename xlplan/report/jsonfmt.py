"""Findings as JSON: the schema is documented in the README and checked by a test."""

from __future__ import annotations

import json

from .. import __version__
from ..findings import FileResult, totals

SCHEMA_VERSION = 1


def as_dict(results: list[FileResult]) -> dict:
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "xlplan", "version": __version__},
        "files": [
            {"path": r.path, "error": r.error, "findings": [f.to_dict() for f in r.findings],
             "summary": {s: r.count(s) for s in ("error", "warning", "info")}}
            for r in results
        ],
        "summary": totals(results),
    }


def render(results: list[FileResult], lang: str = "sv") -> str:
    return json.dumps(as_dict(results), ensure_ascii=False, indent=2)
