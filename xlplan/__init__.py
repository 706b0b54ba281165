"""xlplan: the crime-prevention action plan (åtgärdsplan, lag 2023:196) in Excel, checked and kept.

The library reads a filled-in copy of Stockholm city's template into a plan
model; the command line and the Excel add-in are two doors to the same code.

Importing the package is cheap: the reader (rapidfuzz) and the consolidation
(multiprocessing) load when one of their names is first used, so ``xlplan
--help`` and ``xlplan rules`` pay for neither.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING

from .errors import PlanError

if TYPE_CHECKING:
    from .consolidate import consolidate
    from .reader import Plan, SheetInfo, build_plan, read_plan

_FROM_READER = frozenset({"Plan", "SheetInfo", "build_plan", "read_plan"})


def merge_followups(master, copies, out=None, **kwargs):
    """Merge the follow-ups of ``copies`` into ``master``: written to ``out``, or in place with ``in_place=True``."""
    from .merge import merge_followups as merge

    return merge(master, copies, out, **kwargs)


def __getattr__(name: str):
    if name in _FROM_READER:
        value = getattr(importlib.import_module(".reader", __name__), name)
        globals()[name] = value  # found once, then an ordinary attribute
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """``xlplan.consolidate`` is the function, even after the submodule of the same name is imported.

    The import system binds a loaded submodule as an attribute of its package; this property keeps
    that binding (so ``import xlplan.consolidate`` still works) while the name stays the API function.
    """

    @property
    def consolidate(self):
        from .consolidate import consolidate as function

        return function

    @consolidate.setter
    def consolidate(self, _module) -> None:
        pass  # the submodule stays reachable as sys.modules["xlplan.consolidate"]


sys.modules[__name__].__class__ = _Package

__all__ = ["Plan", "PlanError", "SheetInfo", "build_plan", "consolidate", "merge_followups", "read_plan"]
__version__ = "0.1.0"
