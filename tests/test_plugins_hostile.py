"""A plugin that exits while importing is a plugin that failed to load, nothing more."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import caresq
from caresq.cli import main
from caresq.plugins import load_entry_points
from tests.fault_helpers import environment, install_plugin

#: What each fake plugin module does at import, and what ``caresq plugins`` says of it.
EXITS = {
    "caresq_test_exits_2": ("raise SystemExit(2)\n", "raised SystemExit(2) while importing"),
    "caresq_test_exits_quietly": ("import sys\nsys.exit()\n",
                                  "raised SystemExit(None) while importing"),
    "caresq_test_exits_saying": ("import sys\nsys.exit('no config')\n",
                                 "raised SystemExit('no config') while importing"),
}


def write_plugin(site: Path, module: str, source: str) -> None:
    """Install ``module`` (with ``source``) in ``site`` as a plugin named after it."""
    site.mkdir(parents=True, exist_ok=True)
    (site / f"{module}.py").write_text(source, encoding="utf-8")
    install_plugin(site, module.removeprefix("caresq_test_"), module)


@pytest.mark.parametrize("module", sorted(EXITS))
def test_a_plugin_exiting_at_import_is_named_and_the_others_keep_working(
        module: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    source, said = EXITS[module]
    write_plugin(tmp_path, module, source)
    monkeypatch.syspath_prepend(str(tmp_path))
    assert main(["plugins", "--format", "json"]) == 0
    listed = {p["name"]: p for p in json.loads(capsys.readouterr().out)["plugins"]}
    assert listed[module.removeprefix("caresq_test_")]["error"] == said
    assert listed["geboortezorg"]["error"] is None
    assert main(["questionnaire", "zbc.msz", "--format", "json"]) == 0  # every command runs


def test_a_keyboard_interrupt_at_import_still_interrupts(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    write_plugin(tmp_path, "caresq_test_interrupts", "raise KeyboardInterrupt\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(KeyboardInterrupt):
        load_entry_points()


def test_a_plugin_calling_argparse_at_import_does_not_take_over_the_command(
        tmp_path: Path) -> None:
    """The auditor's plugin: argparse at import reads caresq's arguments and exits 2."""
    write_plugin(tmp_path, "caresq_test_parses",
                 "import argparse\nargparse.ArgumentParser().parse_args()\n")
    env = environment(tmp_path)
    listed = subprocess.run([sys.executable, "-m", "caresq", "plugins"], capture_output=True,
                            text=True, env=env, check=False)
    assert listed.returncode == 0, listed.stderr
    assert "parses 0.1: FAILED: raised SystemExit(2) while importing" in listed.stdout
    assert "policy Inkoopbeleid Geboortezorg 2024 (2024)" in listed.stdout
    assessed = subprocess.run([sys.executable, "-m", "caresq", "questionnaire", "zbc.msz"],
                              capture_output=True, text=True, env=env, check=False)
    assert assessed.returncode == 0, assessed.stderr
    assert "zbc.msz - " in assessed.stdout


def test_the_default_engine_leaves_an_exiting_plugin_out(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    write_plugin(tmp_path, "caresq_test_exits_2", EXITS["caresq_test_exits_2"][0])
    monkeypatch.syspath_prepend(str(tmp_path))
    engine = caresq.Engine.default()
    failed = {info.name: info.error for info in engine.plugins() if info.error}
    assert failed == {"exits_2": "raised SystemExit(2) while importing"}
    assert "zbc.msz" in engine.catalogue.contract_ids
