"""Test modules share helpers through tests/helpers/, never by importing one another."""

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
SHARED = ("tests.helpers", "tests.factories", "tests.fixtures")
IMPORT = re.compile(r"^\s*(?:from|import)\s+(tests\.[\w.]+)", re.M)


def test_no_test_module_imports_another_test_module_or_a_conftest():
    offenders = [
        f"{path.relative_to(TESTS)}: {name}"
        for path in TESTS.rglob("*.py")
        for name in IMPORT.findall(path.read_text(encoding="utf-8"))
        if not name.startswith(SHARED)
    ]
    assert offenders == []
