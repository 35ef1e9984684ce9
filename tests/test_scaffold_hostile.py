"""``caresq new-plugin`` under bad input and faults: a usage error, and nothing half-written."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import caresq.scaffold
from caresq.cli import main
from caresq.scaffold import EARLIEST_YEAR, LATEST_YEAR, ScaffoldError, new_plugin
from caresq.testing import check_plugin


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Standard error of a command that must end with exit 2 and no traceback."""
    with pytest.raises(SystemExit) as exit_:
        main(list(argv))
    assert exit_.value.code == 2
    said = capsys.readouterr().err
    assert "Traceback" not in said
    return said


def everything_in(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


@pytest.mark.parametrize("year", ["0", "-5", "10000", "1899", "1900", "1901", "2999", "3000",
                                  "2030.5", "x"])
def test_a_year_outside_the_dates_caresq_reads_is_a_usage_error(
        year: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    said = refused(capsys, "new-plugin", "fietszorg", "--directory", str(tmp_path / "pkg"),
                   f"--year={year}")
    assert "usage: caresq new-plugin" in said
    assert f"argument --year: {year!r} is not a contract year from 1902 to 2998" in said
    assert everything_in(tmp_path) == []


@pytest.mark.parametrize("year", [EARLIEST_YEAR, LATEST_YEAR])
def test_the_first_and_last_years_give_a_plugin_that_conforms(
        year: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # What the package's own suite runs: at the bounds it must pass, as it does in between.
    name = f"fietszorg_{year}"  # a module of its own per year, not the one imported before
    written = new_plugin(name, tmp_path / "pkg", year=year)
    assert all(path.is_file() for path in written)
    monkeypatch.syspath_prepend(str(tmp_path / "pkg" / "src"))
    plugin = importlib.import_module(f"caresq_{name}")
    assert plugin.POLICY.contract_year == year
    report = check_plugin(plugin, max_examples=10, raise_on_failure=False)
    assert report.ok, str(report)


@pytest.mark.parametrize("year", [0, EARLIEST_YEAR - 1, LATEST_YEAR + 1])
def test_the_library_refuses_a_year_outside_them(year: int, tmp_path: Path) -> None:
    with pytest.raises(ScaffoldError, match=f"contract year {year}: use a year from 1902"):
        new_plugin("fietszorg", tmp_path / "pkg", year=year)
    assert everything_in(tmp_path) == []


@pytest.mark.parametrize("fault", [RuntimeError("the golden profile broke"), KeyboardInterrupt])
@pytest.mark.parametrize("directory", ["pkg", "new/parents/pkg"])
def test_a_failure_while_writing_leaves_nothing_and_a_retry_works(
        fault: BaseException | type[BaseException], directory: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> list[Path]:
        raise fault

    with monkeypatch.context() as patched:
        patched.setattr(caresq.scaffold, "_record_golden", fail)
        with pytest.raises(type(fault) if isinstance(fault, BaseException) else fault):
            new_plugin("fietszorg", tmp_path / directory, year=2030)
    assert everything_in(tmp_path) == []
    written = new_plugin("fietszorg", tmp_path / directory, year=2030)
    assert (tmp_path / directory / "tests" / "golden" / "registered.assessment.json") in written
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".partial")]


def test_an_empty_folder_given_is_filled_or_left_empty(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "pkg"
    target.mkdir()
    with monkeypatch.context() as patched:
        patched.setattr(caresq.scaffold, "_record_golden", lambda *args: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            new_plugin("fietszorg", target, year=2030)
    assert everything_in(tmp_path) == ["pkg"]
    written = new_plugin("fietszorg", target, year=2030)
    assert all(path.is_file() and target in path.parents for path in written)
    assert everything_in(tmp_path)[:2] == ["pkg", "pkg/README.md"]


def test_a_folder_that_cannot_be_made_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_text("not a folder")
    said = refused(capsys, "new-plugin", "fietszorg", "--directory",
                   str(tmp_path / "file" / "pkg"))
    assert f"cannot write {tmp_path / 'file' / 'pkg'}" in said
    assert everything_in(tmp_path) == ["file"]


@pytest.mark.parametrize(("name", "clash"), [
    ("geboortezorg", "it is the name of installed plugin 'geboortezorg'"),
    ("zbc", "it is the name of installed plugin 'zbc'"),
    ("common", "it is the fact namespace of plugin 'caresq.common' (e.g. common."),
    ("kraamzorg", "it is the fact namespace of plugin 'geboortezorg' (e.g. kraamzorg."),
    ("plugins", "it is the name of module caresq_plugins, already installed"),
])
def test_a_name_already_in_use_is_refused_naming_the_clash(
        name: str, clash: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    said = refused(capsys, "new-plugin", name, "--directory", str(tmp_path / "pkg"))
    assert f"plugin name {name!r} is taken: {clash}" in said
    assert everything_in(tmp_path) == []


def test_a_disabled_plugin_keeps_its_name(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARESQ_DISABLE_PLUGINS", "zbc")  # still installed: it would clash
    with pytest.raises(ScaffoldError, match="'zbc' is taken: it is the name of installed"):
        new_plugin("zbc", tmp_path / "pkg")
