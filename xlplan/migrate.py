"""``xlplan migrate``: carry a filled plan onto a new version of the template.

Compatible changes are carried through the part-level writer: follow-up
columns the new template has and the plan lacks are added (header, instruction
text, width), changed instruction texts are updated. Breaking changes (an area
title or a fixed column renamed, moved or removed, an area sheet the plan does
not have, a changed analysis table) are refused with the list of what blocks
the migration. What migrate does not carry (validations, names, charts, other
sheets) is listed so nobody believes it was.

Cells are found as the reader finds them, never at the template's coordinates:
a plan with title rows above its header (Skärholmen's) gets its new header and
instruction texts on its own header and instruction rows, and a plan without an
instruction row gets no instruction text. ``migrate --check`` exits 1 while a
change is pending, like ``normalise --check``, so CI can hold a plan to the
current template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .contract import Change, shape_of
from .edits import Edit, SetValue
from .messages import message, word
from .merge import add_followup_column
from .reader import Plan, SheetInfo


@dataclass
class Migration:
    edits: list[Edit] = field(default_factory=list)
    blockers: list[str] = field(default_factory=list)
    not_carried: list[str] = field(default_factory=list)
    carried: list[str] = field(default_factory=list)

    @property
    def pending(self) -> bool:
        """Whether migrating would change the plan: ``migrate --check`` exits 1 then, as ``normalise --check`` does."""
        return bool(self.edits)


IGNORED = {"sheet-removed", "column-removed", "analysis-rows-changed", "analysis-title-changed"}
"""Differences a filled plan has from its template by design: its own sheets (Granskning, local areas),
dated follow-up columns, rows for local areas in the analysis tab."""


def plan_migration(plan: Plan, plan_path: Path, template: Path, grids=None, lang: str = "sv") -> Migration:
    """Migration = the diff from the plan to the new template: breaking changes block, compatible ones carry.

    The lines of the result are for people, so they are worded in ``lang``.
    """
    from .contract import diff

    m = Migration()
    by_name = {s.name: s for s in plan.area_sheets}
    added: dict[str, dict[str, str]] = {}
    new_shape, plan_shape = shape_of(template), shape_of(plan_path, grids=grids, plan=plan)
    for change in diff(plan_shape, new_shape):
        where = f"{change.sheet.rstrip()}!{change.cell}" if change.cell else change.sheet.rstrip()
        mine = plan_shape.sheet(change.sheet)
        if change.kind == "sheet-removed" and mine is not None and mine.kind == "area" and not mine.custom:
            m.blockers.append(message("migrate_area_gone", lang, sheet=repr(change.sheet)))
            continue
        if change.kind in IGNORED:
            continue
        if change.kind == "column-added" and change.sheet in by_name and not change.breaking:
            info = by_name[change.sheet]
            letter = add_followup_column(info, change.new, added, m.edits)
            where = f"{info.name.rstrip()}!{letter}{info.header_row}"
            m.carried.append(message("migrate_new_followup", lang, where=where, header=repr(change.new)))
        elif change.kind == "instruction-changed" and change.sheet in by_name:
            _carry_instruction(m, by_name[change.sheet], change, lang)
        elif change.kind == "column-renamed" and change.sheet in by_name and \
                _carry_header(m, by_name[change.sheet], change, lang):
            continue
        elif change.kind == "sheet-added":
            area = new_shape.sheet(change.new)
            if area is not None and area.kind == "area" and not area.custom:
                m.blockers.append(message("migrate_area_missing", lang, sheet=repr(change.new)))
            else:
                m.not_carried.append(message("migrate_sheet_missing", lang, sheet=repr(change.new)))
        elif change.breaking:
            if change.sheet in by_name and change.cell:  # the plan's own header row, not the template's
                letter = re.match(r"[A-Z]+", change.cell)
                info = by_name[change.sheet]
                if letter and info.header_row:
                    where = f"{info.name.rstrip()}!{letter.group(0)}{info.header_row}"
            m.blockers.append(f"{word(change.kind, lang)}: {where}: {change.old!r} → {change.new!r}")
        else:
            m.not_carried.append(f"{word(change.kind, lang)}: {where or change.new or change.old}")
    return m


def _carry_header(m: Migration, info: SheetInfo, change: Change, lang: str) -> bool:
    """A header the reader already took for the template's column (``Atgärd`` for ``Åtgärd``) is a typo.

    Such a column is the same column: the template's header text is written, as
    ``normalise`` would, instead of blocking the migration. True when carried.
    """
    from .template import FIELDS, structure

    struct = structure()
    for field in FIELDS[1:]:
        if info.headers.get(field) == change.old and struct.column(field).header == change.new:
            cell = f"{info.columns[field]}{info.header_row}"
            m.edits.append(SetValue(info.name, cell, change.new, change.old, "header"))
            m.carried.append(message("migrate_header", lang, where=f"{info.name.rstrip()}!{cell}",
                                     old=repr(change.old), new=repr(change.new)))
            return True
    return False


def _carry_instruction(m: Migration, info: SheetInfo, change: Change, lang: str) -> None:
    """Write a changed instruction text into the plan's own instruction row.

    The diff names the cell in the template's coordinates (its instruction row
    is right under its header on row 1); a plan with title rows has its
    instruction row lower, so only the column letter is taken from the change
    and the row is the one the reader found. A plan without an instruction row
    gets no instruction text (the change is listed as not carried).
    """
    letter = re.match(r"[A-Z]+", change.cell or "")
    if info.instruction_row is None or letter is None:
        m.not_carried.append(f"{word(change.kind, lang)}: {info.name.rstrip()}")
        return
    cell = f"{letter.group(0)}{info.instruction_row}"
    m.edits.append(SetValue(info.name, cell, change.new, change.old, "instruction"))
    m.carried.append(message("migrate_new_instruction", lang, where=f"{info.name.rstrip()}!{cell}"))


def migrate(plan_path: str | Path, template: str | Path, output: str | Path | None = None,
            save: bool = True, lang: str = "sv") -> Migration:
    from .apply import apply_edits
    from .locking import fingerprint, write_lock
    from .reader import build_plan
    from .workbook import read_grids

    plan_path = Path(plan_path)
    with write_lock((output or plan_path) if save else None):  # from the first read until the replace
        seen = fingerprint(plan_path)  # before reading: a later change is refused when writing back
        grids = read_grids(plan_path)  # read once: the plan and its shape come from the same cells
        plan = build_plan(grids)
        if not plan.area_sheets:
            from .errors import PlanError

            raise PlanError("no_plan_sheets", path=str(plan_path))
        plan.path = plan_path
        m = plan_migration(plan, plan_path, Path(template), grids, lang)
        if not m.blockers and save:
            apply_edits(plan_path, m.edits, output=output, expect=seen)
    return m
