"""caresq.testing.conformance: good plugins pass, each broken plugin fails with a clear message."""

from __future__ import annotations

import types
from collections.abc import Sequence
from datetime import date

import attrs
import pytest

import caresq
import caresq_plugins.geboortezorg
import caresq_plugins.zbc
from caresq.model import Status
from caresq.testing import CHECKS, ConformanceError, ConformanceReport, check_plugin
from tests.plugins import faulty, fysio

#: Enough to find every fault below; the bundled plugins get a full run in CI's thorough mode.
FEW = 15


def failed(report: ConformanceReport) -> set[str]:
    return {failure.check for failure in report.failures}


@pytest.mark.parametrize("plugin", [
    caresq_plugins.geboortezorg,
    caresq_plugins.geboortezorg.GeboortezorgPlugin(max_diagnostic_ultrasounds=3),
    caresq_plugins.zbc,
    fysio,
], ids=["geboortezorg", "geboortezorg-configured", "zbc", "fysio"])
def test_the_bundled_and_test_plugins_conform(plugin: object) -> None:
    report = check_plugin(plugin, max_examples=FEW)
    assert report.ok
    assert report.checks == CHECKS
    assert "all 10 checks passed" in str(report)


def test_an_engine_is_checked_whole_and_the_clash_check_is_skipped() -> None:
    engine = caresq.Engine(plugins=[fysio])
    report = check_plugin(engine, max_examples=FEW)
    assert report.contracts == ("fysio.basis",)
    assert [check for check, _ in report.skipped] == ["quotes", "clashes"]


def test_citations_of_another_document_fail_the_citations_check() -> None:
    with pytest.raises(ConformanceError) as caught:
        check_plugin(faulty.UNCITED, max_examples=FEW)
    report = caught.value.report
    assert failed(report) == {"citations"}
    message = str(caught.value)
    assert ("[citations] kapot.basis: condition 'kapot.score' cites 'Inkoopbeleid Elders "
            "2030', not the policy it belongs to ('Inkoopbeleid Kapotzorg 2030')") in message
    assert "condition 'kapot.registered' cites 'Inkoopbeleid Kapotzorg 2029'" in message


def test_a_nondeterministic_rule_fails_the_determinism_check() -> None:
    report = check_plugin(faulty.NONDETERMINISTIC, max_examples=FEW, raise_on_failure=False)
    assert failed(report) == {"determinism"}
    (failure,) = report.failures
    assert failure.message.startswith("the same profile assessed again gave a different "
                                      "assessment: results[kapot.basis].findings[kapot.score]"
                                      ".outcome")
    assert failure.profile is not None  # the (shrunk) profile that shows it
    assert "profile (on " in str(failure)


def test_a_rule_that_meets_on_a_missing_fact_fails_unknown_never_eligible() -> None:
    report = check_plugin(faulty.ELIGIBLE_ON_UNKNOWN, max_examples=FEW, raise_on_failure=False)
    assert failed(report) == {"unknown_never_eligible"}
    messages = [failure.message for failure in report.failures]
    assert messages[0].startswith("requirement 'kapot.registered' is met although every fact "
                                  "it reads is unknown (kapot.registered); reason given: "
                                  "'registration: assumed yes'")
    assert messages[1].startswith("status is eligible for a profile with every fact unknown")


def test_a_rule_that_raises_on_a_valid_value_fails_no_exceptions() -> None:
    report = check_plugin(faulty.CRASHING, max_examples=FEW, raise_on_failure=False)
    assert failed(report) == {"no_exceptions"}
    (failure,) = report.failures
    assert "raised ZeroDivisionError" in failure.message
    assert failure.profile is not None
    assert failure.profile["facts"]["kapot.score"] == 0


def test_a_reason_that_is_not_text_fails_status_and_json_round_trip() -> None:
    report = check_plugin(faulty.UNWRITABLE, max_examples=FEW, raise_on_failure=False)
    assert failed(report) == {"status", "json_round_trip"}
    assert "finding 'kapot.score' gives no reason" in str(report)


def test_a_fact_id_clash_with_an_installed_plugin_fails_the_clashes_check() -> None:
    report = check_plugin(faulty.CLASHING, max_examples=FEW, raise_on_failure=False)
    assert failed(report) == {"clashes"}
    assert "fact 'zbc.fte' is declared by both 'zbc' and 'clashing'" in str(report)


def test_a_plugin_is_not_compared_with_its_own_installed_copy() -> None:
    configured = caresq_plugins.geboortezorg.GeboortezorgPlugin(max_diagnostic_ultrasounds=2)
    assert check_plugin(configured, checks=["clashes"]).ok


class _LenientEngine(caresq.Engine):
    """An engine that calls every result eligible, whatever its findings say."""

    def assess(self, profile: object, on: date | None = None,
               year: int | None = None) -> caresq.Assessment:
        assessment = super().assess(profile, on, year)  # type: ignore[arg-type]
        return attrs.evolve(assessment, results=tuple(
            attrs.evolve(result, status=Status.ELIGIBLE) for result in assessment.results))


def test_the_status_check_catches_an_engine_that_ignores_an_unmet_requirement() -> None:
    engine = _LenientEngine(plugins=[fysio])
    report = check_plugin(engine, checks=["status"], max_examples=FEW, raise_on_failure=False)
    assert failed(report) == {"status"}
    assert "status is eligible, but the findings give" in str(report)


def _plugin(name: str, **hooks: object) -> types.SimpleNamespace:
    namespace = types.SimpleNamespace(name=name)
    for hook, function in hooks.items():
        setattr(namespace, hook, caresq.hookimpl(function))
    return namespace


def test_declarations_name_empty_questions_contracts_without_conditions_and_lost_variants(
        ) -> None:
    vague = caresq.Fact("vaag.ok", caresq.FactType.BOOL, "ok", " ")
    policy = caresq.Policy("vaag", 2030, "Inkoopbeleid Vaag 2030")
    contract = caresq.Contract("vaag.plus", "Vaag plus", fysio.terms, variants=("C", "B", "A"))
    plugin = _plugin("vaag", caresq_facts=lambda: [vague], caresq_policies=lambda: [policy],
                     caresq_contracts=lambda policy: [contract] if policy.care_type == "vaag"
                     else [])
    report = check_plugin(plugin, checks=["declarations"], raise_on_failure=False)
    text = str(report)
    assert "fact 'vaag.ok' has an empty question" in text
    assert "vaag.plus: the contract declares no conditions" in text
    assert "variants B, A can never be reached" in text


def test_a_plugin_that_does_not_load_fails_declarations_and_nothing_else_runs() -> None:
    typo = _plugin("typo", caresq_polices=lambda: [])
    report = check_plugin(typo, raise_on_failure=False)
    assert failed(report) == {"declarations"}
    assert "the plugin does not load" in str(report)
    assert "caresq_polices" in str(report)


def test_a_condition_citing_another_document_fails_citations() -> None:
    elsewhere = caresq.Citation("Inkoopbeleid Elders 2030", "1", "Elders")
    extra = _plugin("extra", caresq_conditions=lambda policy, contract: [
        caresq.Condition("fysio.extra", caresq.Kind.NOTE, elsewhere, "Let op.",
                         caresq.rules.Always(caresq.Outcome.MET, "shown"))])
    engine = caresq.Engine(plugins=[fysio, extra])
    report = check_plugin(engine, checks=["citations"], max_examples=5, raise_on_failure=False)
    assert "cites 'Inkoopbeleid Elders 2030', not the policy it belongs to" in str(report)


@pytest.mark.parametrize(("options", "message"), [
    ({"checks": ["speed"]}, "unknown check"),
    ({"contracts": ["fysio.nope"]}, "not declared by the plugin"),
    ({"max_examples": 0}, "max_examples"),
])
def test_bad_arguments_are_named(options: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_plugin(fysio, **options)  # type: ignore[arg-type]


def test_one_check_and_one_contract_can_be_chosen() -> None:
    report = check_plugin(caresq_plugins.geboortezorg, checks="citations",
                          contracts=["geboortezorg.kraamzorg"], max_examples=5)
    assert report.checks == ("citations",)
    assert report.contracts == ("geboortezorg.kraamzorg",)


def test_the_error_is_an_assertion_error_that_lists_every_failure() -> None:
    with pytest.raises(AssertionError) as caught:
        check_plugin(faulty.UNCITED, checks=["citations"])
    lines: Sequence[str] = str(caught.value).splitlines()
    assert lines[0].startswith("caresq conformance of 'uncited' (contracts: kapot.basis): "
                               "1 of 1 checks failed (citations)")
    assert len(lines) == 3


def test_a_quote_that_does_not_stand_in_the_declared_source_fails_quotes() -> None:
    report = check_plugin(faulty.MISQUOTED, max_examples=FEW, raise_on_failure=False)
    assert failed(report) == {"quotes"}
    (failure,) = report.failures
    assert failure.contract == "kapot.basis"
    assert "'kapot.registered' quotes 'De zorgaanbieder is altijd geregistreerd.'" in str(failure)
    assert check_plugin(faulty.WELL_QUOTED, checks=["quotes"]).ok


def test_without_a_declared_source_the_quotes_check_says_it_is_skipped() -> None:
    report = check_plugin(fysio, checks=["quotes"])
    assert report.ok
    assert [check for check, _ in report.skipped] == ["quotes"]


def test_a_deadline_passed_without_a_date_that_leaves_a_contract_eligible_fails_status() -> None:
    report = check_plugin(faulty.OVERDUE, on=date(2029, 12, 1), max_examples=FEW,
                          raise_on_failure=False)
    assert "status" in failed(report)
    assert any("signing have passed without a date" in failure.message and "R8.6" in
               failure.message for failure in report.failures)
    assert check_plugin(faulty.OVERDUE, on=date(2029, 10, 1), max_examples=FEW).ok
