"""Validate files: read, find the configuration that applies, run the rules.

One function for the CLI (many files) and the same rules as the Excel add-in
(which hands a plan read from an open book to :func:`xlplan.rules.check`).
"""

from __future__ import annotations

from pathlib import Path

from .config import find_config
from .errors import PlanError, crash_message, debugging
from .findings import FileResult


def mark_edits(findings) -> list:
    """Remove earlier marks, then mark every cell that has a finding (its messages in one note)."""
    from .edits import ClearMarks, Mark

    return [ClearMarks(), *(Mark(f.sheet, f.cell, (f.message,)) for f in findings if f.cell)]


def validate_paths(paths: list[str | Path] | str | Path, *, select: str | None = None, ignore: str | None = None,
                   year: int | None = None, lang: str | None = None, mark: bool = False) -> list[FileResult]:
    """One FileResult per path; a file that cannot be read gets its sentence instead of findings.

    Folders and quoted globs are expanded (see :mod:`xlplan.paths`). With
    ``mark`` each readable file is also marked in place (see xlplan.notes).
    """
    from .locking import write_lock
    from .paths import expand_paths, folder_error
    from .reader import read_plan
    from .rules import check

    results = []
    for path in expand_paths(paths):
        try:
            if path.is_dir():
                raise folder_error(path)
            config = find_config(path).with_options(select, ignore, year)
            with write_lock(path if mark else None):  # marking writes: one writer from the read on
                plan = read_plan(path)
                findings = check(plan, config, lang or config.lang)
                if mark:
                    from .apply import apply_edits

                    seen = plan.fingerprint
                    del plan  # the plan's tables are not needed to mark: their memory goes first
                    apply_edits(path, mark_edits(findings), expect=seen)
            results.append(FileResult(str(path), findings))
        except PlanError as exc:
            results.append(FileResult(str(path), error=exc.message(lang)))
        except Exception as exc:  # noqa: BLE001 - one file's crash must not hide the others' findings
            if debugging():
                raise
            results.append(FileResult(str(path), error=crash_message(exc, lang), crashed=True))
    return results
