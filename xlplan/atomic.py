"""Write a file whole or not at all: write beside the target, then rename over it.

A crash, a full disk or a killed process leaves either the old file or the new
one, never half of one; the temporary file is removed on any failure.

The temporary file is created private (mode 0600, as mkstemp must), so before
it takes the target's place it gets the permissions the user expects: those of
the file it replaces, or, for a new file, what the umask gives any new file.
Colleagues on a shared drive can then open what xlplan wrote.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import PlanError


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target``."""
    target = Path(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    except OSError as exc:
        raise PlanError("cannot_write", path=str(target), reason=exc.strerror or str(exc)) from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        _give_mode(tmp_path, target)
        os.replace(tmp_path, target)
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


def current_umask() -> int:
    """The process umask (read from /proc where possible: setting it to learn it is not thread-safe)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _give_mode(tmp: Path, target: Path) -> None:
    """The replaced file's permission bits, or a new file's default (0666 less the umask)."""
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~current_umask()
    os.chmod(tmp, mode)
