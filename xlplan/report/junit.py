"""JUnit XML: one test suite per file, one test case per sheet and rule checked.

CI systems show failed test cases; a finding of severity error or warning is a
failure of the test case for its sheet and rule, info is left as output.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from ..findings import FileResult


def render(results: list[FileResult], lang: str = "sv") -> str:
    suites = ET.Element("testsuites", name="xlplan")
    for r in results:
        suite = ET.SubElement(suites, "testsuite", name=r.path)
        cases = 0
        failures = errors = 0
        if r.error:
            case = ET.SubElement(suite, "testcase", classname=r.path, name="read")
            ET.SubElement(case, "error", message=r.error, type="unreadable").text = r.error
            cases, errors = 1, 1
        for f in r.findings:
            cases += 1
            name = f"{f.sheet.rstrip()}!{f.cell} {f.rule}" if f.cell else f"{f.sheet.rstrip()} {f.rule}"
            case = ET.SubElement(suite, "testcase", classname=f"{r.path}.{f.sheet.rstrip()}", name=name)
            if f.severity in ("error", "warning"):
                failures += 1
                ET.SubElement(case, "failure", message=f.message, type=f"{f.severity}:{f.rule}").text = f.message
            else:
                ET.SubElement(case, "system-out").text = f.message
        if not r.error and not r.findings:
            ET.SubElement(suite, "testcase", classname=r.path, name="validate")
            cases = 1
        suite.set("tests", str(cases))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")
