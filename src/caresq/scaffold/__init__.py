"""A new care-type plugin, ready to install: ``caresq new-plugin NAME``.

:func:`new_plugin` writes a package that installs and passes its tests as written:
``pyproject.toml`` with the ``caresq.plugins`` entry point, a module with one cited condition,
a test module (the conformance suite, one behaviour test, the golden files) and a golden folder
whose profile is recorded when the package is written. The templates are package data
(``caresq/scaffold/template``).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from datetime import date
from pathlib import Path
from string import Template
from typing import Final

from caresq.errors import CaresqError

__all__ = ["ScaffoldError", "new_plugin"]

_NAME: Final = re.compile(r"[a-z][a-z0-9_]{0,30}")
_TEMPLATES: Final = Path(__file__).parent / "template"


class ScaffoldError(CaresqError):
    """A plugin cannot be written as asked (a bad name, a folder already there)."""


def new_plugin(name: str, directory: str | Path | None = None, *,
               year: int | None = None) -> list[Path]:
    """Write a new plugin package for care type ``name``; return the files written.

    :param name: the care type, also the entry-point name: lower case letters, digits and
        underscores, starting with a letter (e.g. ``fysio``).
    :param directory: where the package goes; default ``./caresq-<name>``. It must not exist
        or be empty.
    :param year: the contract year of its policy; default next year.
    """
    if not _NAME.fullmatch(name):
        raise ScaffoldError(f"plugin name {name!r}: use lower case letters, digits and "
                            "underscores, starting with a letter (e.g. fysio)")
    target = Path(directory) if directory is not None else Path(f"caresq-{name}")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(f"{target} already exists and is not an empty folder")
    chosen = year if year is not None else date.today().year + 1
    module = f"caresq_{name}"
    values = {"name": name, "module": module, "year": str(chosen),
              "previous": str(chosen - 1),
              "document": f"Inkoopbeleid {name.replace('_', ' ').capitalize()} {chosen}"}
    files = {
        "pyproject.toml": "pyproject.toml.tmpl",
        "README.md": "README.md.tmpl",
        f"src/{module}/__init__.py": "module.py.tmpl",
        f"src/{module}/py.typed": None,
        f"tests/test_{name}.py": "test_plugin.py.tmpl",
        "tests/golden/registered.json": "golden.json.tmpl",
    }
    written = []
    for relative, template in files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        text = "" if template is None else _render(template, values)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    written += _record_golden(target, module, date(chosen - 1, 10, 1))
    return written


def _render(template: str, values: dict[str, str]) -> str:
    return Template((_TEMPLATES / template).read_text(encoding="utf-8")).substitute(values)


def _record_golden(target: Path, module_name: str, on: date) -> list[Path]:
    """Record the golden profiles with the plugin just written (imported from its file)."""
    from caresq.engine import Engine
    from caresq.testing.golden import GoldenCorpus

    source = target / "src" / module_name / "__init__.py"
    spec = importlib.util.spec_from_file_location(f"_caresq_scaffold_{module_name}", source)
    assert spec is not None
    assert spec.loader is not None
    plugin = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(plugin)
        return GoldenCorpus(target / "tests" / "golden", on=on).record(Engine(plugins=[plugin]))
    finally:
        sys.modules.pop(spec.name, None)
