"""The template's declared structure, loaded from ``template/structure.toml``.

Everything in xlplan that needs to know what the official template looks like
(sheet names, area titles, header labels, instruction texts, the analysis
layout) asks this module, so a yearly template change is one edit in one file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FIELDS = ("problem", "cause", "measure", "goal", "timing", "owner")
"""The fixed fields of a measure row, in template column order."""


@dataclass(frozen=True)
class Area:
    number: int
    sheet: str
    title: str
    custom: bool = False


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    label_sv: str
    label_en: str
    instruction: str
    width: float


@dataclass(frozen=True)
class Link:
    heading: str
    text: str
    label: str
    url: str


@dataclass(frozen=True)
class Structure:
    version: str
    instruction_sheet: str
    analysis_sheet: str
    findings_sheet: str
    areas: tuple[Area, ...]
    columns: tuple[Column, ...]
    followup: Column
    analysis_title: str
    analysis_headers: tuple[str, ...]
    analysis_placeholder: str
    chart_title: str
    analysis_table_cell: str
    instructions_title: str
    instructions_paragraphs: tuple[str, ...]
    links: tuple[Link, ...]

    @property
    def fixed_areas(self) -> tuple[Area, ...]:
        return tuple(a for a in self.areas if not a.custom)

    def column(self, field: str) -> Column:
        for col in self.columns:
            if col.field == field:
                return col
        if field == "followup":
            return self.followup
        raise KeyError(field)

    def label(self, field: str, lang: str = "sv") -> str:
        col = self.column(field)
        return col.label_en if lang == "en" else col.label_sv

    @property
    def sheet_order(self) -> tuple[str, ...]:
        return (self.instruction_sheet, *(a.sheet for a in self.areas), self.analysis_sheet)


def template_dir() -> Path:
    """Where the template lives: inside an installed wheel, else the repository's template/."""
    packaged = Path(__file__).with_name("_template")
    if (packaged / "structure.toml").is_file():
        return packaged
    return Path(__file__).resolve().parent.parent / "template"


def template_path() -> Path:
    return template_dir() / "atgardsplan.xlsx"


def load_structure(path: Path | None = None) -> Structure:
    """Parse a structure file; ``path=None`` gives the bundled declaration."""
    data = tomllib.loads((path or template_dir() / "structure.toml").read_text(encoding="utf-8"))
    col = lambda d: Column(d["field"], d["header"], d["label_sv"], d["label_en"], d["instruction"], float(d["width"]))  # noqa: E731
    fu = dict(data["followup"], field="followup")
    an, ins = data["analysis"], data["instructions"]
    return Structure(
        version=str(data["version"]),
        instruction_sheet=data["instruction_sheet"],
        analysis_sheet=data["analysis_sheet"],
        findings_sheet=data["findings_sheet"],
        areas=tuple(Area(a["number"], a["sheet"], a["title"], a.get("custom", False)) for a in data["area"]),
        columns=tuple(col(c) for c in data["column"]),
        followup=col(fu),
        analysis_title=an["title"],
        analysis_headers=tuple(an["headers"]),
        analysis_placeholder=an["placeholder"],
        chart_title=an["chart_title"],
        analysis_table_cell=an["table_cell"],
        instructions_title=ins["title"],
        instructions_paragraphs=tuple(ins["paragraphs"]),
        links=tuple(Link(**link) for link in ins.get("links", [])),
    )


@lru_cache(maxsize=1)
def structure() -> Structure:
    """The bundled template structure (cached: it never changes within a process)."""
    return load_structure()
