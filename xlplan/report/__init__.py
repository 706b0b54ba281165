"""Output formats: how results are shown to people and handed to other programs."""

from __future__ import annotations

import importlib

FORMATS = {"text": "text", "json": "jsonfmt", "github": "github", "junit": "junit", "sarif": "sarif"}


def render(fmt: str, results, lang: str = "sv") -> str:
    """Render findings in one of FORMATS (modules load on demand: the CLI stays quick)."""
    return importlib.import_module(f"{__name__}.{FORMATS[fmt]}").render(results, lang)
