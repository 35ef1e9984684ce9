"""docs/rules-reference.md: every public builder documented, with examples that run."""

from __future__ import annotations

import doctest
import importlib
import types
from pathlib import Path

import pytest

from caresq.testing import builders, situations
from caresq.testing.reference import main

ROOT = Path(__file__).parent.parent
MODULES = [*builders.MODULES, "caresq.testing.situations"]


@pytest.mark.parametrize("name", MODULES)
def test_the_examples_in_the_docstrings_give_what_they_show(name: str) -> None:
    module = importlib.import_module(name)
    globs = {**vars(module), **situations.EXAMPLE_FACTS, "situation": situations.situation}
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    tests = doctest.DocTestFinder().find(module, globs=globs)
    for test in tests:
        runner.run(test)
    results = runner.summarize(verbose=False)
    assert results.attempted > 0
    assert results.failed == 0


def test_every_public_builder_is_documented_with_an_example() -> None:
    assert builders.undocumented() == []


def test_a_builder_without_docs_or_an_example_is_named() -> None:
    module = types.ModuleType("caresq.fake")
    exec('class Bare:\n    facts = ()\n    def __call__(self, situation): ...\n'
         'def helper():\n    """Helps."""\n', module.__dict__)
    assert builders.undocumented([module]) == ["caresq.fake.Bare lacks a docstring",
                                               "caresq.fake.helper lacks an example (>>>)"]
    module.Bare.__doc__ = "Met when.\n\n>>> 1\n1"
    assert builders.undocumented([module]) == [
        "caresq.fake.Bare lacks 'Reads:', 'Unknown:'",
        "caresq.fake.helper lacks an example (>>>)"]


def test_the_rules_reference_is_generated_and_up_to_date() -> None:
    assert (ROOT / "docs" / "rules-reference.md").read_text(encoding="utf-8") \
        == builders.rules_reference()


def test_the_reference_names_units_unknowns_and_the_combinators() -> None:
    text = builders.rules_reference()
    assert "### `Window(days, start, end)`" in text
    assert "count **minutes after midnight**" in text
    assert "### `All(*parts)`" in text
    assert "### `Not(part)`" in text
    # the default of applies is a named, documented function (by_application), shown by name
    assert "### `DoneBy(deadline, step, verb, consequence, applies=always_applies)`" in text
    assert "### `always_applies(situation)`" in text
    assert text.count("Unknown:") >= 20


def test_check_fails_on_a_stale_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "rules-reference.md"
    assert main(["--rules", str(target), "--check"]) == 1
    assert "missing" in capsys.readouterr().out
    assert main(["--rules", str(target)]) == 0
    assert main(["--rules", str(target), "--check"]) == 0
    target.write_text("# edited\n", encoding="utf-8")
    assert main(["--rules", str(target), "--check"]) == 1
    assert "out of date" in capsys.readouterr().out
