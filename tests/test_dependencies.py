"""Every module xlplan imports at run time is declared in pyproject.toml.

The `[test]` extra pulls in much of the ecosystem indirectly, so a test run in
the development environment cannot see a missing runtime dependency (lxml was
one). This reads the source instead: every third-party import of the package
must be a declared dependency, or an optional one behind ``except ImportError``.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _declared() -> tuple[set[str], set[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    def names(specs: list[str]) -> set[str]:
        return {re.split(r"[<>=!~\[; ]", s, maxsplit=1)[0].lower().replace("_", "-") for s in specs}

    optional = set().union(*(names(v) for k, v in project["optional-dependencies"].items() if k != "test"))
    return names(project["dependencies"]), optional


def _imports(guarded: bool) -> dict[str, str]:
    """Top-level module -> first file importing it; only imports (not) inside ``try: … except ImportError``."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "xlplan").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        inside: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Try) and any(
                    isinstance(h.type, ast.Name) and h.type.id in ("ImportError", "ModuleNotFoundError")
                    for h in node.handlers):
                inside |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
        for node in ast.walk(tree):
            if (id(node) in inside) != guarded:
                continue
            if isinstance(node, ast.Import):
                mods = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                mods = [node.module]
            else:
                continue
            for mod in mods:
                top = mod.split(".")[0]
                if top not in sys.stdlib_module_names and top != "xlplan":
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


def _distribution(module: str) -> str:
    dists = packages_distributions().get(module, [module])
    return dists[0].lower().replace("_", "-")


def test_every_runtime_import_is_a_declared_dependency():
    required, _ = _declared()
    missing = {m: f for m, f in _imports(guarded=False).items() if _distribution(m) not in required}
    assert not missing, f"imported but not in [project] dependencies: {missing}"


def test_optional_imports_belong_to_an_extra():
    required, optional = _declared()
    imports = _imports(guarded=True)
    assert "pyarrow" in imports  # the check sees guarded imports at all
    stray = {m: f for m, f in imports.items() if _distribution(m) not in required | optional}
    assert not stray, f"optional imports outside any extra: {stray}"


def test_lxml_is_declared():
    required, _ = _declared()
    assert "lxml" in required and "lxml" in _imports(guarded=False)


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", setup, re.S)]


def test_ci_runs_exactly_the_readme_commands():
    """The first command in a fresh venv without extras, then the test command, both verbatim."""
    first, tests = _readme_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f"FIRST_COMMAND='{first}'" in ci
    assert "python3 -m venv" in ci and "[test]" not in first
    assert ci.rstrip().splitlines()[-1] == tests
