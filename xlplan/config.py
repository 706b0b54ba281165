"""Configuration: ``[tool.xlplan]`` in a pyproject.toml, or an ``xlplan.toml``.

Looked up like Ruff does: the nearest file in the plan's folder or above it.
Command-line options win over the file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import PlanError
from .rules.catalog import RULES, SEVERITIES


@dataclass(frozen=True)
class Config:
    select: frozenset[str] | None = None  # None: every rule
    ignore: frozenset[str] = frozenset()
    severity: dict[str, str] = field(default_factory=dict)
    year: int | None = None
    lang: str | None = None
    source: str | None = None

    def rules(self) -> set[str]:
        chosen = set(RULES) if self.select is None else set(self.select)
        return chosen - set(self.ignore)

    def severity_of(self, rule: str) -> str:
        return self.severity.get(rule, RULES[rule].severity)

    def with_options(self, select: str | None = None, ignore: str | None = None, year: int | None = None) -> Config:
        """Apply command-line options: --select replaces, --ignore adds."""
        new = self
        if select:
            new = replace(new, select=_names(select.split(","), "--select"))
        if ignore:
            new = replace(new, ignore=new.ignore | _names(ignore.split(","), "--ignore"))
        if year:
            new = replace(new, year=year)
        return new


def _names(names, where: str) -> frozenset[str]:
    out = set()
    for raw in names:
        name = raw.strip()
        if not name:
            continue
        if name.upper() == "ALL":
            out |= set(RULES)
        elif name in SEVERITIES:  # select a whole severity, e.g. --select error
            out |= {r for r, rule in RULES.items() if rule.severity == name}
        elif name in RULES:
            out.add(name)
        else:
            raise PlanError("unknown_rule", rule=name, where=where)
    return frozenset(out)


def parse_config(data: dict, source: str) -> Config:
    known = {"select", "ignore", "severity", "year", "lang"}
    for key in data:
        if key not in known:
            raise PlanError("bad_config", where=source, what=key)
    severity = {}
    for rule, level in (data.get("severity") or {}).items():
        if rule not in RULES:
            raise PlanError("unknown_rule", rule=rule, where=source)
        if level not in SEVERITIES:
            raise PlanError("bad_config", where=source, what=f"severity.{rule} = {level}")
    severity = dict(data.get("severity") or {})
    return Config(
        select=_names(data["select"], source) if "select" in data else None,
        ignore=_names(data.get("ignore", []), source),
        severity=severity,
        year=data.get("year"),
        lang=data.get("lang"),
        source=source,
    )


def find_config(start: Path) -> Config:
    """The configuration that applies to a plan at ``start`` (a file or folder)."""
    folder = start if start.is_dir() else start.parent
    for d in [folder.resolve(), *folder.resolve().parents]:
        own = d / "xlplan.toml"
        if own.is_file():
            return parse_config(_load(own), str(own))
        py = d / "pyproject.toml"
        if py.is_file():
            section = _load(py).get("tool", {}).get("xlplan")
            if section is not None:
                return parse_config(section, str(py))
    return Config()


def _load(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PlanError("bad_config", where=str(path), what=str(exc)) from None
