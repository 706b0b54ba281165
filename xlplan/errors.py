"""The one exception xlplan raises for input a user can fix.

Commands turn it into one sentence on stderr and exit status 2; anything else
escaping is a bug in xlplan, not in the user's file.
"""

from __future__ import annotations

from .messages import message


class PlanError(Exception):
    """A file xlplan cannot work with, with a sentence that says what to do."""

    def __init__(self, key: str, **kwargs: object) -> None:
        self.key = key
        self.kwargs = kwargs
        super().__init__(self.message())

    def message(self, lang: str | None = None) -> str:
        return message(self.key, lang, **self.kwargs)
