"""xlplan: the crime-prevention action plan (åtgärdsplan, lag 2023:196) in Excel, checked and kept.

The library reads a filled-in copy of Stockholm city's template into a plan
model; the command line and the Excel add-in are two doors to the same code.
"""

from .errors import PlanError
from .reader import Plan, SheetInfo, build_plan, read_plan


def merge_followups(master, copies, out=None, **kwargs):
    """Merge the follow-ups of ``copies`` into ``master``: written to ``out``, or in place with ``in_place=True``."""
    from .merge import merge_followups as merge

    return merge(master, copies, out, **kwargs)


# Bound eagerly, after the submodule of the same name is loaded: importing
# xlplan.consolidate later then cannot shadow the function with the module.
from .consolidate import consolidate  # noqa: E402


__all__ = ["Plan", "PlanError", "SheetInfo", "build_plan", "consolidate", "merge_followups", "read_plan"]
__version__ = "0.1.0"
