"""JUnit XML: one test suite per file, one test case per sheet and rule checked.

CI systems show failed test cases; a finding of severity error or warning is a
failure of the test case for its sheet and rule, info is left as output.
Every text passes :func:`xlplan.text.visible_text` first: a control character
from a cell (or a file name) would make the XML not well-formed, and CI would
drop the whole report.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from ..findings import FileResult
from ..text import visible_text as v


def render(results: list[FileResult], lang: str = "sv") -> str:
    suites = ET.Element("testsuites", name="xlplan")
    for r in results:
        path = v(r.path)
        suite = ET.SubElement(suites, "testsuite", name=path)
        cases = 0
        failures = errors = 0
        if r.error:
            case = ET.SubElement(suite, "testcase", classname=path, name="read")
            ET.SubElement(case, "error", message=v(r.error), type="unreadable").text = v(r.error)
            cases, errors = 1, 1
        for f in r.findings:
            cases += 1
            sheet, message = v(f.sheet.rstrip()), v(f.message)
            name = f"{sheet}!{f.cell} {f.rule}" if f.cell else f"{sheet} {f.rule}"
            case = ET.SubElement(suite, "testcase", classname=f"{path}.{sheet}", name=name)
            if f.severity in ("error", "warning"):
                failures += 1
                ET.SubElement(case, "failure", message=message, type=f"{f.severity}:{f.rule}").text = message
            else:
                ET.SubElement(case, "system-out").text = message
        if not r.error and not r.findings:
            ET.SubElement(suite, "testcase", classname=path, name="validate")
            cases = 1
        suite.set("tests", str(cases))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")
