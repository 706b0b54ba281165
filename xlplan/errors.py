"""The one exception xlplan raises for input a user can fix.

Commands turn it into one sentence on stderr and exit status 2; anything else
escaping is a bug in xlplan, not in the user's file: it gets its own sentence
and exit status 3 (EXIT_CRASH), so CI can tell a crash from a plan with
findings (1) or an unusable file (2). ``--debug`` (or XLPLAN_DEBUG=1) shows
the traceback instead.
"""

from __future__ import annotations

import os

EXIT_CLEAN, EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_CRASH = 0, 1, 2, 3


class PlanError(Exception):
    """A file xlplan cannot work with, with a sentence that says what to do."""

    def __init__(self, key: str, **kwargs: object) -> None:
        self.key = key
        self.kwargs = kwargs
        super().__init__(self.message())

    def message(self, lang: str | None = None) -> str:
        from .messages import message  # the sentence table loads with the first sentence, not at start-up

        return message(self.key, lang, **self.kwargs)


def debugging() -> bool:
    """Whether to let an unexpected exception through with its traceback (``--debug``/XLPLAN_DEBUG)."""
    return os.environ.get("XLPLAN_DEBUG", "").strip().lower() in ("1", "true", "yes", "on")


def crash_message(exc: BaseException, lang: str | None = None) -> str:
    """One sentence for an unexpected error: what happened, that files are untouched, how to report it."""
    what = f"{type(exc).__name__}: {exc}".strip().rstrip(":")
    if len(what) > 200:
        what = what[:199] + "…"
    from .messages import message

    return message("crash", lang, what=what)
