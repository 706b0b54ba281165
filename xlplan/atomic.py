"""Write a file whole or not at all: write beside the target, then rename over it.

A crash, a full disk or a killed process leaves either the old file or the new
one, never half of one; the temporary file is removed on any failure.

The temporary file is created private (mode 0600, as mkstemp must), so before
it takes the target's place it gets what the user expects of the file: the
owner, group and permissions of the file it replaces, or, for a new file, what
the umask gives any new file. Colleagues on a shared drive can then open what
xlplan wrote, and a plan another user owns stays theirs (where the system lets
us: root can give a file away, others can keep at least its group).

A symlinked plan is written through: the link's final target is replaced, the
temporary file goes beside that target (so the rename stays on one file
system) and the link stays a link.

The temporary file is named ``.NAME.<pid>.<random>.tmp``. A writer killed
with SIGKILL cannot remove it, so every write first removes such leftovers of
the same file whose process is gone (or that are older than an hour, which
also covers the ``.NAME.<random>.tmp`` names of earlier versions). Files of
any other form are another program's and are never touched.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import PlanError
from .locking import STALE_AGE, pid_alive


@contextlib.contextmanager
def atomic_path(target: str | Path, *, before_replace: Callable[[], None] | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target``.

    ``before_replace`` runs last, right before the rename (it may raise to
    keep the old file, as the lost-update check does).
    """
    target = Path(target)
    final = final_path(target)
    remove_leftovers(final)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{final.name}.{os.getpid()}.", suffix=".tmp", dir=final.parent)
    except OSError as exc:
        raise PlanError("cannot_write", path=str(target), reason=exc.strerror or str(exc)) from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        _give_owner(tmp_path, final)
        _give_mode(tmp_path, final)
        if before_replace is not None:
            before_replace()
        os.replace(tmp_path, final)
    except OSError as exc:
        raise PlanError("cannot_write", path=str(target), reason=exc.strerror or str(exc)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()


def write_atomic(target: str | Path, writer: Callable[[Path], object]) -> Path:
    """Call ``writer(tmp_path)`` and move the result onto ``target``."""
    with atomic_path(target) as tmp:
        writer(tmp)
    return Path(target)


def final_path(target: str | Path) -> Path:
    """The file a write to ``target`` really replaces: symlinks followed (a dangling one to where it points)."""
    return Path(os.path.realpath(target))


def current_umask() -> int:
    """The process umask (read from /proc where possible: setting it to learn it is not thread-safe)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _give_owner(tmp: Path, target: Path) -> None:
    """The replaced file's owner and group, as far as the system allows (before the mode: chown clears setuid)."""
    if not hasattr(os, "chown"):  # pragma: no cover - Windows: ownership follows the folder's ACLs
        return
    try:
        want = target.stat()
    except FileNotFoundError:
        return  # a new file: the writer's, as any new file
    have = tmp.stat()
    if (have.st_uid, have.st_gid) == (want.st_uid, want.st_gid):
        return
    try:
        os.chown(tmp, want.st_uid, want.st_gid)
    except PermissionError:  # only root gives a file away; a member of the group can still keep the group
        with contextlib.suppress(PermissionError):
            os.chown(tmp, -1, want.st_gid)


def _give_mode(tmp: Path, target: Path) -> None:
    """The replaced file's permission bits, or a new file's default (0666 less the umask)."""
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~current_umask()
    os.chmod(tmp, mode)


def _leftover_pattern(name: str) -> re.Pattern[str]:
    """xlplan's temporary names for ``name``: ``.NAME.<pid>.<random>.tmp`` and the older ``.NAME.<random>.tmp``."""
    return re.compile(rf"\.{re.escape(name)}\.(?:(?P<pid>\d+)\.[A-Za-z0-9_]+|[a-z0-9_]{{8}})\.tmp")


def remove_leftovers(target: Path) -> list[Path]:
    """Remove temporary files an interrupted xlplan left beside ``target``; returns what was removed."""
    pattern = _leftover_pattern(target.name)
    removed = []
    now = time.time()
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        m = pattern.fullmatch(entry.name)
        if m is None:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_AGE
            pid = int(m.group("pid")) if m.group("pid") else None
            gone = pid is not None and pid != os.getpid() and not pid_alive(pid)
            if old or gone:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue  # someone else's to remove, or already gone
    return removed
