"""The files a command works on, from what the user typed.

Windows shells do not expand ``*.xlsx`` and an analyst naturally gives a folder
of plans, so every multi-file command (validate, consolidate) takes files,
folders and quoted globs alike. Files xlplan itself writes in the same run,
Office lock files (``~$plan.xlsx``) and hidden files (xlplan's own temporary
files among them) are never taken for plans.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable
from pathlib import Path

PLAN_SUFFIXES = (".xlsx", ".xlsm")
_GLOB_CHARS = frozenset("*?[")


def _is_candidate(path: Path) -> bool:
    name = path.name
    return path.suffix.lower() in PLAN_SUFFIXES and not name.startswith(("~$", ".")) and path.is_file()


def _folder(folder: Path) -> list[Path]:
    return sorted((p for p in folder.iterdir() if _is_candidate(p)), key=lambda p: p.name.casefold())


def expand_paths(args: Iterable[str | Path], exclude: Iterable[str | Path | None] = ()) -> list[Path]:
    """Files as given, folders as their workbooks, globs as their matches; ``exclude`` left out.

    A name that matches nothing is kept as it is, so the command can say that
    the file does not exist (one sentence, exit 2) instead of silently doing less.
    """
    if isinstance(args, (str, Path)):
        args = [args]
    skip = {_key(p) for p in exclude if p is not None}
    out: list[Path] = []
    seen: set[str] = set()
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            found = _folder(path) or [path]  # kept, so the command can say the folder holds no plan
        elif not path.exists() and _GLOB_CHARS & set(str(arg)):
            matches = sorted(glob.glob(str(arg), recursive=True), key=str.casefold)
            found = [Path(m) for m in matches if _is_candidate(Path(m))] if matches else [path]
        else:
            found = [path]
        for p in found:
            key = _key(p)
            if key not in skip and key not in seen:
                seen.add(key)
                out.append(p)
    return out


def folder_error(path: Path):
    """The PlanError for a folder that reached a reader: it held no workbook."""
    from .errors import PlanError

    return PlanError("empty_folder", path=str(path))


def _key(path: str | Path) -> str:
    try:
        return str(Path(path).resolve())
    except OSError:
        return str(Path(path).absolute())
