"""The example third-party plugin (examples/caresq-example-plugin): its package and conformance.

CI installs it (``pip install ./examples/caresq-example-plugin``) and runs its own tests; here it
is imported from its folder when it is not installed, so the main suite covers it either way.
"""

from __future__ import annotations

import importlib
import json
import sys
import tomllib
import types
from importlib import metadata
from pathlib import Path

import pytest

import caresq
from caresq.cli import main
from caresq.plugins import LoadedPlugin, load_entry_points
from caresq.testing import check_plugin

PACKAGE = Path(__file__).resolve().parents[1] / "examples" / "caresq-example-plugin"
PYPROJECT = tomllib.loads((PACKAGE / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def example() -> types.ModuleType:
    try:
        return importlib.import_module("caresq_voorbeeld")
    except ImportError:
        sys.path.insert(0, str(PACKAGE / "src"))
        return importlib.import_module("caresq_voorbeeld")


def test_the_package_registers_the_plugin_under_the_caresq_entry_point_group() -> None:
    entry_points = PYPROJECT["project"]["entry-points"]["caresq.plugins"]
    assert entry_points == {"voorbeeld": "caresq_voorbeeld"}
    assert PYPROJECT["project"]["dependencies"] == ["caresq>=0.1"]


def test_the_example_conforms(example: types.ModuleType) -> None:
    report = check_plugin(example, max_examples=15)
    assert report.contracts == ("voorbeeld.wijkzorg", "voorbeeld.nachtzorg")


def test_the_example_is_clearly_fictional(example: types.ModuleType) -> None:
    engine = caresq.Engine(plugins=[example])
    (policy,) = engine.catalogue.policies
    assert policy.document == "Inkoopbeleid Voorbeeldzorg 2030"
    assert all("(fictief)" in spec.contract.title
               for spec in engine.catalogue.contracts[2030].values())
    assert "FICTIONAL" in (example.__doc__ or "")


def test_the_example_appears_in_caresq_plugins(example: types.ModuleType,
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    installed, failures = load_entry_points()
    if not any(p.name == "voorbeeld" for p in installed):  # as if pip had installed it
        installed.append(LoadedPlugin("voorbeeld", example, PYPROJECT["project"]["version"]))
    monkeypatch.setattr("caresq.engine.load_entry_points", lambda: (installed, failures))
    assert main(["plugins", "--format", "json"]) == 0
    listed = {info["name"]: info for info in json.loads(capsys.readouterr().out)["plugins"]}
    assert listed["voorbeeld"]["version"] == "0.1.0"
    assert listed["voorbeeld"]["error"] is None
    assert "caresq_conditions" in listed["voorbeeld"]["hooks"]


def test_when_installed_it_comes_from_the_example_folder() -> None:
    try:
        distribution = metadata.distribution("caresq-example-plugin")
    except metadata.PackageNotFoundError:
        return  # not installed here; CI installs it and runs `caresq plugins`
    names = {ep.name for ep in distribution.entry_points if ep.group == "caresq.plugins"}
    assert names == {"voorbeeld"}
    assert distribution.version == PYPROJECT["project"]["version"]
