"""xlplan: the crime-prevention action plan (åtgärdsplan, lag 2023:196) in Excel, checked and kept.

The library reads a filled-in copy of Stockholm city's template into a plan
model; the command line and the Excel add-in are two doors to the same code.
"""

from .errors import PlanError
from .reader import Plan, SheetInfo, build_plan, read_plan


def merge_followups(master, copies, out=None, **kwargs):
    """Merge the follow-ups of ``copies`` into ``master`` (written to ``out``, default in place)."""
    from .merge import merge_followups as merge

    return merge(master, copies, out, **kwargs)


def consolidate(paths, districts=None):
    """Every measure of every plan in ``paths`` as one DataFrame, with its district."""
    from .consolidate import consolidate as run

    return run(paths, districts)


__all__ = ["Plan", "PlanError", "SheetInfo", "build_plan", "consolidate", "merge_followups", "read_plan"]
__version__ = "0.1.0"
