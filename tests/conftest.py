"""Shared fixtures: plans written with xlsxwriter into a per-session folder."""

from __future__ import annotations

import os

# xlwings' remote engine (xw.Book(json=...)) needs a licence key before xlwings is
# imported; the PolyForm Noncommercial licence covers government institutions.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import hashlib  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from click.testing import CliRunner  # noqa: E402

from xlplan.cli import main  # noqa: E402


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def fixture_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("plans")


@pytest.fixture
def cli():
    """Run ``xlplan`` in-process; returns (exit_code, stdout, stderr)."""
    runner = CliRunner()

    def run(*args: str):
        result = runner.invoke(main, [str(a) for a in args], catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return run
