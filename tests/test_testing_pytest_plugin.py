"""caresq's pytest plugin: registered through pytest11, its fixtures, options and test generator."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

GOLDEN = Path(__file__).parent / "golden"


def test_the_plugin_is_registered_through_the_pytest11_entry_point(
        pytestconfig: pytest.Config) -> None:
    plugin = pytestconfig.pluginmanager.get_plugin("caresq")
    assert plugin is not None
    assert plugin.__name__ == "caresq.testing.pytest_plugin"


def test_conformance_tests_make_one_passing_test_per_check(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_fysio="""
        from caresq.testing.pytest_plugin import conformance_tests
        from tests.plugins import fysio

        test_fysio_conforms = conformance_tests(fysio)
    """)
    result = pytester.runpytest("-q", "--caresq-examples", "5", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=10)


def test_a_failing_check_prints_the_report_without_a_traceback(
        pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_uncited="""
        from caresq.testing.pytest_plugin import conformance_tests
        from tests.plugins import faulty

        test_uncited_conforms = conformance_tests(faulty.UNCITED)
    """)
    result = pytester.runpytest("-q", "--caresq-examples", "5", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=9, failed=1)
    result.stdout.fnmatch_lines([
        "*test_uncited_conforms?citations?*",
        "caresq conformance of 'uncited' (contracts: kapot.basis): 1 of 1 checks failed "
        "(citations)",
        "[[]citations[]] kapot.basis: condition 'kapot.registered' cites *",
    ])
    assert "def test_conformance" not in result.stdout.str()  # pytrace=False: no source shown


def test_the_conformance_fixture_returns_the_report(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_fixture="""
        from tests.plugins import fysio

        def test_it(caresq_conformance):
            report = caresq_conformance(fysio, checks=["citations", "status"], max_examples=3)
            assert report.ok and report.checks == ("citations", "status")
    """)
    pytester.runpytest("-q", "-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_the_golden_fixture_records_with_the_option_and_then_compares(
        pytester: pytest.Pytester) -> None:
    corpus = pytester.path / "golden"
    corpus.mkdir()
    shutil.copy(GOLDEN / "kraamzorg.json", corpus / "kraamzorg.json")
    pytester.makepyfile(test_golden="""
        from datetime import date
        from pathlib import Path

        import caresq
        import caresq_plugins.geboortezorg

        ENGINE = caresq.Engine(plugins=[caresq_plugins.geboortezorg])

        def test_golden(caresq_golden):
            caresq_golden(Path(__file__).parent / "golden", ENGINE, on=date(2023, 10, 20))
    """)
    first = pytester.runpytest("-q", "-p", "no:cacheprovider")
    first.assert_outcomes(failed=1)
    first.stdout.fnmatch_lines(["kraamzorg.json: no recorded assessment yet"])

    pytester.runpytest("-q", "-p", "no:cacheprovider",
                       "--caresq-refresh-golden").assert_outcomes(passed=1)
    recording = corpus / "kraamzorg.assessment.json"
    assert json.loads(recording.read_text())["reference_date"] == "2023-10-20"
    pytester.runpytest("-q", "-p", "no:cacheprovider").assert_outcomes(passed=1)

    data = json.loads(recording.read_text())
    data["results"][0]["status"] = "review"
    recording.write_text(json.dumps(data))
    changed = pytester.runpytest("-q", "-p", "no:cacheprovider")
    changed.assert_outcomes(failed=1)
    changed.stdout.fnmatch_lines([
        "1 of 1 golden profiles changed (on 2023-10-20):",
        "kraamzorg.json (Kraamzorg De Ooievaar B.V., 33012345)",
        "  geboortezorg.kraamzorg: status review -> eligible",
    ])
