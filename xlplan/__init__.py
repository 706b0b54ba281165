"""xlplan: the crime-prevention action plan (åtgärdsplan, lag 2023:196) in Excel, checked and kept.

The library reads a filled-in copy of Stockholm city's template into a plan
model; the command line and the Excel add-in are two doors to the same code.
"""

from .errors import PlanError
from .reader import Plan, SheetInfo, build_plan, read_plan

__all__ = ["Plan", "PlanError", "SheetInfo", "build_plan", "read_plan"]
__version__ = "0.1.0"
