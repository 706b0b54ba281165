"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

Cells are logical locations (``Sheet!A1``) inside the workbook artifact;
workbooks have no text lines, so no region is claimed.
"""

from __future__ import annotations

import json

from .. import __version__
from ..findings import FileResult
from ..rules.catalog import RULES

LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def as_dict(results: list[FileResult], lang: str = "sv") -> dict:
    names = sorted(RULES)
    rules = [{
        "id": name,
        "name": name,
        "shortDescription": {"text": RULES[name].summary(lang)},
        "fullDescription": {"text": RULES[name].explain(lang)},
        "help": {"text": RULES[name].explain(lang)},
        "defaultConfiguration": {"level": LEVEL[RULES[name].severity]},
    } for name in names]
    out_results = []
    for r in results:
        for f in r.findings:
            loc = {"physicalLocation": {"artifactLocation": {"uri": r.path}}}
            if f.sheet:
                fq = f"{f.sheet}!{f.cell}" if f.cell else f.sheet
                loc["logicalLocations"] = [{"name": f.cell or f.sheet, "fullyQualifiedName": fq, "kind": "element"}]
            out_results.append({
                "ruleId": f.rule,
                "ruleIndex": names.index(f.rule),
                "level": LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [loc],
            })
    notifications = [{"level": "error", "message": {"text": r.error},
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": r.path}}}]}
                     for r in results if r.error]
    run = {
        "tool": {"driver": {"name": "xlplan", "version": __version__, "informationUri": "https://pypi.org/project/xlplan/",
                            "rules": rules}},
        "results": out_results,
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(results: list[FileResult], lang: str = "sv") -> str:
    return json.dumps(as_dict(results, lang), ensure_ascii=False, indent=2)
