"""``caresq new-plugin NAME``: a package that installs and passes its own tests as written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from caresq.cli import main
from caresq.scaffold import ScaffoldError, new_plugin
from caresq.testing import CHECKS

ROOT = Path(__file__).resolve().parents[1]


def test_the_package_has_the_entry_point_a_cited_condition_tests_and_golden_files(
        tmp_path: Path) -> None:
    written = new_plugin("fietszorg", tmp_path / "pkg", year=2030)
    names = sorted(str(path.relative_to(tmp_path / "pkg")) for path in written)
    assert names == ["README.md", "pyproject.toml", "src/caresq_fietszorg/__init__.py",
                     "src/caresq_fietszorg/py.typed", "tests/golden/registered.assessment.json",
                     "tests/golden/registered.json", "tests/test_fietszorg.py"]
    pyproject = (tmp_path / "pkg" / "pyproject.toml").read_text()
    assert '[project.entry-points."caresq.plugins"]\nfietszorg = "caresq_fietszorg"' in pyproject
    module = (tmp_path / "pkg" / "src" / "caresq_fietszorg" / "__init__.py").read_text()
    assert 'caresq.Policy("fietszorg", 2030, "Inkoopbeleid Fietszorg 2030")' in module
    assert "caresq.Condition(" in module


def test_its_tests_pass_as_written(tmp_path: Path) -> None:
    target = tmp_path / "pkg"
    new_plugin("fietszorg", target, year=2030)
    env = {**os.environ, "PYTHONPATH": str(target / "src")}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "--caresq-examples", "10"], cwd=target, env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{len(CHECKS) + 2} passed" in done.stdout  # one test per check, and two more


@pytest.mark.parametrize(("name", "message"), [
    ("Fysio", "use lower case letters"),
    ("1zorg", "use lower case letters"),
    ("zorg-x", "use lower case letters"),
])
def test_a_bad_name_is_refused(name: str, message: str, tmp_path: Path) -> None:
    with pytest.raises(ScaffoldError, match=message):
        new_plugin(name, tmp_path / "pkg")


def test_an_existing_folder_is_never_overwritten(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "keep.txt").write_text("mine")
    with pytest.raises(SystemExit) as exit_:
        main(["new-plugin", "fietszorg", "--directory", str(tmp_path / "pkg")])
    assert exit_.value.code == 2
    assert "already exists and is not an empty folder" in capsys.readouterr().err
    assert (tmp_path / "pkg" / "keep.txt").read_text() == "mine"


@pytest.mark.venv
def test_generated_installed_into_a_fresh_venv_passes_its_tests(tmp_path: Path) -> None:
    """What a new author does: generate, pip install it next to caresq, run its tests."""
    target = tmp_path / "caresq-fietszorg"
    assert main(["new-plugin", "fietszorg", "--directory", str(target), "--year", "2030"]) == 0
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]

    def run(*command: str, cwd: Path = tmp_path) -> str:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
        assert done.returncode == 0, f"{' '.join(command)}\n{done.stdout}\n{done.stderr}"
        return done.stdout

    # The build backend first, so that the installs below need no isolated build environment.
    run(*pip, "hatchling", "editables")
    run(*pip, "--no-build-isolation", "-e", str(ROOT), "-e", f"{target}[test]")
    listed = run(str(venv / "bin" / "caresq"), "plugins")
    assert "fietszorg 0.1.0: " in listed
    out = run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=target)
    assert f"{len(CHECKS) + 2} passed" in out
