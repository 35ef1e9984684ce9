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
import shutil
import sys
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from string import Template
from typing import Final

from caresq.errors import CaresqError
from caresq.facts import EARLIEST_DATE, LATEST_DATE

__all__ = ["EARLIEST_YEAR", "LATEST_YEAR", "ScaffoldError", "new_plugin"]

_NAME: Final = re.compile(r"[a-z][a-z0-9_]{0,30}")
_TEMPLATES: Final = Path(__file__).parent / "template"
#: The contract years a new plugin's policy may have. Its conformance suite assesses on dates
#: from two years before the contract year to the year after, and caresq reads only dates
#: from EARLIEST_DATE to LATEST_DATE: outside these the package would fail its own tests.
EARLIEST_YEAR: Final = EARLIEST_DATE.year + 2
LATEST_YEAR: Final = LATEST_DATE.year - 1


class ScaffoldError(CaresqError):
    """A plugin cannot be written as asked (a bad name or year, a folder already there)."""


def new_plugin(name: str, directory: str | Path | None = None, *,
               year: int | None = None) -> list[Path]:
    """Write a new plugin package for care type ``name``; return the files written.

    The package is written to a folder beside ``directory`` and moved there once complete:
    when writing fails, nothing is left behind.

    :param name: the care type, also the entry-point name: lower case letters, digits and
        underscores, starting with a letter (e.g. ``fysio``), and not a name an installed
        plugin, care type or fact namespace already uses (e.g. ``common``).
    :param directory: where the package goes; default ``./caresq-<name>``. It must not exist
        or be empty.
    :param year: the contract year of its policy, :data:`EARLIEST_YEAR` to
        :data:`LATEST_YEAR`; default next year.
    """
    if not _NAME.fullmatch(name):
        raise ScaffoldError(f"plugin name {name!r}: use lower case letters, digits and "
                            "underscores, starting with a letter (e.g. fysio)")
    chosen = year if year is not None else date.today().year + 1
    if not EARLIEST_YEAR <= chosen <= LATEST_YEAR:
        raise ScaffoldError(f"contract year {chosen}: use a year from {EARLIEST_YEAR} to "
                            f"{LATEST_YEAR}")
    target = Path(directory) if directory is not None else Path(f"caresq-{name}")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(f"{target} already exists and is not an empty folder")
    _check_unused(name)
    try:
        return _write_into(target, lambda staging: _write(staging, name, chosen))
    except OSError as error:  # a folder that cannot be written: say which, no traceback
        raise ScaffoldError(f"cannot write {target}: {error.strerror or error}") from None


def _check_unused(name: str) -> None:
    """Refuse a name the installed plugins already use: the new plugin would clash on load."""
    module = f"caresq_{name}"
    used = (f"the name of module {module}, already installed"
            if importlib.util.find_spec(module) is not None  # found without importing it
            else _names_in_use().get(name))
    if used is not None:
        raise ScaffoldError(f"plugin name {name!r} is taken: it is {used}; choose another")


def _names_in_use() -> dict[str, str]:
    """The names a new plugin cannot take, each with what already uses it (first wins)."""
    from caresq._metadata import ENTRY_POINT_GROUP, metadata_entry_points, read_entry_points
    from caresq.engine import Engine
    from caresq.errors import PluginError

    found = read_entry_points(ENTRY_POINT_GROUP)
    if found is None:
        found = metadata_entry_points(ENTRY_POINT_GROUP)
    used = {ep.name: f"the name of installed plugin {ep.name!r}" for ep in found}
    try:
        owners = Engine.default().catalogue.owners
    except PluginError:  # plugins too broken to tell: their names are still known
        return used
    for what, plugin in owners.items():
        kind, _, key = what.partition(" ")
        if kind == "care" and key.startswith("type "):
            care_type = key.removeprefix("type ")
            used.setdefault(care_type, f"care type {care_type!r} of plugin {plugin!r}")
        elif kind == "fact":
            used.setdefault(key.partition(".")[0],
                            f"the fact namespace of plugin {plugin!r} (e.g. {key})")
    return used


def _write_into(target: Path, write: Callable[[Path], list[Path]]) -> list[Path]:
    """Run ``write`` on a new folder beside ``target``; move what it wrote into ``target``.

    ``target`` is absent or empty. Whatever happens before the move (an error, Ctrl-C), the
    staging folder and the parent folders made for it are removed: a retry finds nothing
    half-written in its way.
    """
    missing = [folder for folder in target.absolute().parents if not folder.exists()]
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.parent / f".{target.name}.{uuid.uuid4().hex[:8]}.partial"
    staging.mkdir()
    try:
        written = write(staging)
        if target.exists():  # an empty folder the user made: keep it, fill it
            for child in staging.iterdir():
                child.rename(target / child.name)
        else:
            staging.rename(target)
    except BaseException:
        # The folders made here, and the outermost of the parents made for it (which holds
        # the others): nothing the user had is touched.
        shutil.rmtree(missing[-1] if missing else staging, ignore_errors=True)
        raise
    shutil.rmtree(staging, ignore_errors=True)  # the emptied folder, when target existed
    return [target / path.relative_to(staging) for path in written]


def _write(target: Path, name: str, year: int) -> list[Path]:
    """Write the package for care type ``name`` and ``year`` into ``target``."""
    module = f"caresq_{name}"
    values = {"name": name, "module": module, "year": str(year),
              "previous": str(year - 1),
              "document": f"Inkoopbeleid {name.replace('_', ' ').capitalize()} {year}"}
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
    written += _record_golden(target, module, date(year - 1, 10, 1))
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
