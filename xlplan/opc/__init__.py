"""The Open Packaging layer: a workbook as one graph of parts, written part by part.

See :mod:`xlplan.opc.package` for the model, :mod:`xlplan.opc.zipio` for how
untouched parts are copied and :mod:`xlplan.opc.verify` for the invariants
every write keeps.
"""

from .constants import (CT_COMMENTS, CT_VML, CT_WORKSHEET, NS_CT, NS_MAIN, NS_PKG_REL, NS_R, NS_STRICT, REL,
                        REL_CALC_CHAIN, REL_CHART, REL_COMMENTS, REL_DRAWING, REL_STYLES, REL_TABLE, REL_VML,
                        REL_WORKSHEET)
from .package import Package, Part
from .verify import package_problems
from .xml import declaration, parse_xml, q, serialise

__all__ = ["CT_COMMENTS", "CT_VML", "CT_WORKSHEET", "NS_CT", "NS_MAIN", "NS_PKG_REL", "NS_R", "NS_STRICT", "REL",
           "REL_CALC_CHAIN", "REL_CHART", "REL_COMMENTS", "REL_DRAWING", "REL_STYLES", "REL_TABLE", "REL_VML",
           "REL_WORKSHEET", "Package", "Part", "declaration", "package_problems", "parse_xml", "q", "serialise"]
