"""Every module imports cleanly, with warnings as errors."""

from __future__ import annotations

import importlib
import pkgutil
import warnings

import pytest

import caresq
import caresq_plugins

MODULES = sorted(
    info.name
    for package in (caresq, caresq_plugins)
    for info in pkgutil.walk_packages(package.__path__, prefix=package.__name__ + ".")
    if not info.name.endswith("__main__")  # importing it runs the command line
)


@pytest.mark.parametrize("name", MODULES)
def test_module_imports_without_warnings(name: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        importlib.import_module(name)


def test_the_public_api_is_exactly_what_all_lists() -> None:
    assert sorted(caresq.__all__) == caresq.__all__
    for name in caresq.__all__:
        assert getattr(caresq, name) is not None


def test_no_care_type_name_appears_in_the_core() -> None:
    from pathlib import Path

    core = Path(caresq.__file__).parent
    for path in core.rglob("*.py"):
        text = path.read_text(encoding="utf-8").lower()
        for care_type in ("geboortezorg", "kraamzorg", "zbc"):
            assert care_type not in text, f"{path.name} mentions {care_type}"
