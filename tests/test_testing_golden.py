"""The golden corpus: every example, recorded; a policy change lists the providers it moves."""

from __future__ import annotations

import json
import shutil
import types
from datetime import date
from pathlib import Path

import pytest

import caresq
import caresq_plugins.geboortezorg
import caresq_plugins.zbc
from caresq.rules import Always
from caresq.testing import GoldenCorpus
from caresq.testing.golden import main
from caresq.testing.pytest_plugin import GoldenCheck

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden"
#: Every golden profile is assessed on this date: R8.6 makes a passed deadline without a date
#: unknown, so the date is part of every recording.
ON = date(2023, 10, 20)
ENGINE = caresq.Engine(plugins=[caresq_plugins.geboortezorg, caresq_plugins.zbc])


def test_the_golden_profiles_assess_as_recorded(caresq_golden: GoldenCheck) -> None:
    # After an intended change: pytest tests/test_testing_golden.py --caresq-refresh-golden
    caresq_golden(GOLDEN, ENGINE, on=ON)


def test_every_example_is_in_the_golden_corpus() -> None:
    examples = [ROOT / "examples" / "kraamzorg.json",
                *sorted((ROOT / "examples" / "geboortezorg").glob("*.json")),
                *sorted((ROOT / "examples" / "zbc").glob("*.json"))]
    corpus = {path.read_text(encoding="utf-8") for path in GoldenCorpus(GOLDEN, on=ON).profiles()}
    missing = [str(path.relative_to(ROOT)) for path in examples
               if path.read_text(encoding="utf-8") not in corpus]
    assert not missing, f"copy these examples into tests/golden and refresh: {missing}"


@pytest.fixture
def corpus(tmp_path: Path) -> GoldenCorpus:
    for path in GOLDEN.glob("*.json"):
        shutil.copy(path, tmp_path / path.name)
    return GoldenCorpus(tmp_path, on=ON)


def _stricter_kraamzorg() -> types.SimpleNamespace:
    """A policy change: kraamzorg gains a requirement nobody meets."""
    def conditions(policy: caresq.Policy,
                   contract: caresq.Contract) -> list[caresq.Condition]:
        if contract.id != "geboortezorg.kraamzorg":
            return []
        citation = caresq.Citation(policy.document, "3", "Kraamzorg - algemene voorwaarden")
        return [caresq.Condition("kraamzorg.new_rule", caresq.Kind.REQUIREMENT, citation,
                                 "Een nieuwe eis.", Always(caresq.Outcome.UNMET, "nobody yet"))]

    return types.SimpleNamespace(name="stricter",
                                 caresq_conditions=caresq.hookimpl(conditions))


def test_a_policy_change_lists_which_providers_change_status_and_why(
        corpus: GoldenCorpus) -> None:
    changed = caresq.Engine(plugins=[caresq_plugins.geboortezorg, caresq_plugins.zbc,
                                     _stricter_kraamzorg()])
    diff = corpus.compare(changed)
    assert not diff.ok
    moved = {(name, change.contract, change.status) for name, change in diff.outcome_changes}
    assert moved == {
        ("kraamzorg.json", "geboortezorg.kraamzorg", ("eligible", "ineligible")),
        ("geboortezorg-kraamzorg_late.json", "geboortezorg.kraamzorg", ("review", "ineligible")),
        ("geboortezorg-ligdagen.json", "geboortezorg.kraamzorg", ("eligible", "ineligible")),
    }
    text = str(diff)
    # The lapsed offer was refused already: it changes in its findings, not its status.
    assert text.startswith("4 of 20 golden profiles changed (on 2023-10-20):")
    assert "\nkraamzorg.json (Kraamzorg De Ooievaar B.V., 33012345)\n" in text
    assert "  geboortezorg.kraamzorg: status eligible -> ineligible; variant B -> none\n" in text
    assert "    kraamzorg.new_rule [requirement]: new condition, unmet (nobody yet)\n" in text
    assert "  geboortezorg.kraamzorg: details changed\n" in text
    assert "pytest --caresq-refresh-golden" in text


def test_a_changed_finding_is_shown_with_its_outcome_and_reason(corpus: GoldenCorpus) -> None:
    profile = corpus.directory / "kraamzorg.json"
    data = json.loads(profile.read_text(encoding="utf-8"))
    data["facts"]["kraamzorg.zzp_share"] = 0.16
    profile.write_text(json.dumps(data), encoding="utf-8")
    (change,) = corpus.compare(ENGINE).changed
    (result,) = change.results
    assert result.headline == "geboortezorg.kraamzorg: variant B -> C"
    assert result.details == (
        "kraamzorg.zzp_share [factor]: met -> unmet (zzp share 0.16 is above the maximum 0.15)",
        'variant_best_case: "A" -> "B"')


def test_refreshing_records_new_profiles_and_drops_orphans(corpus: GoldenCorpus) -> None:
    directory = corpus.directory
    shutil.copy(directory / "kraamzorg.json", directory / "new.json")
    (directory / "zbc-with_unknowns.json").unlink()
    diff = corpus.compare(ENGINE)
    assert diff.unrecorded == ("new.json",)
    assert diff.orphaned == ("zbc-with_unknowns.assessment.json",)
    written = corpus.record(ENGINE)
    assert {path.name for path in written} == {"new.assessment.json",
                                               "zbc-with_unknowns.assessment.json"}
    assert corpus.compare(ENGINE).ok


def test_a_profile_that_no_longer_reads_is_reported(corpus: GoldenCorpus) -> None:
    (corpus.directory / "kraamzorg.json").write_text('{"agb_code": "1"}', encoding="utf-8")
    diff = corpus.compare(ENGINE)
    assert diff.errors[0][0] == "kraamzorg.json"
    assert "applications: required" in diff.errors[0][1]


def test_the_command_line_compares_and_refreshes(corpus: GoldenCorpus,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    directory = str(corpus.directory)
    assert main([directory, "--on", "2023-10-20"]) == 0
    assert "all 20 golden profiles assess as recorded" in capsys.readouterr().out
    assert main([directory, "--on", "2023-10-21"]) == 1
    assert "reference_date" in capsys.readouterr().out
    assert main([directory, "--on", "2023-10-21", "--refresh"]) == 0
    assert main([directory, "--on", "2023-10-21"]) == 0


@pytest.mark.parametrize("recorded", ["<<<<<<< HEAD\n{}\n=======\n", "[]"])
def test_a_recording_that_is_no_assessment_is_named_not_a_traceback(
        corpus: GoldenCorpus, engine: caresq.Engine, recorded: str) -> None:
    profile = corpus.profiles()[0]
    corpus.recording(profile).write_text(recorded, encoding="utf-8")  # a merge went wrong
    diff = corpus.compare(engine)
    assert not diff.ok
    assert f"{corpus.recording(profile).name}: the recording is not" in str(diff)


@pytest.mark.parametrize("folder", ["missing", "empty"])
def test_a_corpus_with_nothing_to_compare_does_not_pass(
        tmp_path: Path, engine: caresq.Engine, folder: str) -> None:
    directory = tmp_path / folder  # a misspelt path, or a folder left empty
    if folder == "empty":
        directory.mkdir()
    diff = GoldenCorpus(directory, on=ON).compare(engine)
    assert not diff.ok
    assert str(directory) in str(diff)
