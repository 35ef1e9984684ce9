"""What a plugin author gets wrong is caught early, with a message naming plugin and condition."""

from __future__ import annotations

import re
from datetime import date

import pytest

import caresq
import caresq_plugins.zbc
from caresq.model import Tier
from caresq.rules import AtLeast, Holds
from caresq.testing import check_plugin
from tests.plugins import faulty, fysio

FEW = 15


# -- conditions and citations check their fields ------------------------------------------------


@pytest.mark.parametrize(("fields", "error", "message"), [
    (("", "3", "Voorwaarden"), ValueError, "citation: document is empty"),
    (("Inkoopbeleid 2030", "3", "  "), ValueError, "citation: section is empty"),
    (("Inkoopbeleid 2030", 3, "Voorwaarden"), TypeError, "citation: chapter must be a string"),
])
def test_a_citation_with_an_empty_or_mistyped_field_is_refused(
        fields: tuple[object, ...], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        caresq.Citation(*fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(("change", "error", "message"), [
    ({"citation": None}, TypeError,
     "condition 'fysio.kngf_registered': citation must be a caresq.Citation, not None"),
    ({"text": ""}, ValueError, "condition 'fysio.kngf_registered': text is empty"),
    ({"kind": "requirement"}, TypeError, "kind must be a caresq.Kind"),
    ({"rule": "Holds"}, TypeError, "rule must be a rule"),
    ({"reading": " "}, ValueError, "reading is empty"),
    ({"id": ""}, ValueError, "condition: id is empty"),
])
def test_a_condition_with_a_bad_field_is_refused_naming_it(
        change: dict[str, object], error: type[Exception], message: str) -> None:
    fields: dict[str, object] = {
        "id": "fysio.kngf_registered", "kind": caresq.Kind.REQUIREMENT,
        "citation": fysio.SECTION, "text": "De fysiotherapeut is ingeschreven.",
        "rule": Holds(fysio.REGISTERED)}
    with pytest.raises(error, match=message):
        caresq.Condition(**{**fields, **change})  # type: ignore[arg-type]


def test_a_bad_citation_in_a_hook_fails_conformance_naming_plugin_and_condition() -> None:
    report = check_plugin(faulty.BAD_CITATION, max_examples=FEW, raise_on_failure=False)
    assert {f.check for f in report.failures} == {"declarations"}
    assert ("the plugin does not load: PluginError: plugin 'bad_citation': its "
            "caresq_conditions hook raised TypeError: condition 'kapot.score': citation must be "
            "a caresq.Citation, not None") in str(report)


# -- rules that read facts they do not declare --------------------------------------------------


def test_the_engine_refuses_a_rule_that_reads_an_undeclared_fact() -> None:
    with pytest.raises(caresq.PluginError) as caught:
        caresq.Engine(plugins=[faulty.HIDDEN_READ])
    assert str(caught.value) == (
        "condition 'kapot.registered' of kapot.basis (plugin 'hidden_read') reads fact "
        "'kapot.score' without declaring it in its rule's facts (declared: kapot.registered); "
        "the questionnaire would never ask it")


def test_the_kit_reports_the_load_error_as_a_declarations_failure() -> None:
    report = check_plugin(faulty.HIDDEN_READ, max_examples=FEW, raise_on_failure=False)
    assert [f.check for f in report.failures] == ["declarations"]
    assert "condition 'kapot.registered'" in str(report)
    assert "(plugin 'hidden_read')" in str(report)


def test_a_rule_that_reads_an_undeclared_fact_only_sometimes_fails_fact_reads() -> None:
    caresq.Engine(plugins=[faulty.HIDDEN_READ_LATER])  # the empty probe cannot tell
    # Enough profiles that one states the registration as true.
    report = check_plugin(faulty.HIDDEN_READ_LATER, max_examples=100, raise_on_failure=False)
    assert {f.check for f in report.failures} == {"fact_reads"}
    (failure,) = report.failures
    assert failure.message.startswith("condition 'kapot.registered' of kapot.basis (plugin "
                                      "'hidden_read_later') reads fact 'kapot.score'")
    assert failure.profile is not None
    assert failure.profile["facts"]["kapot.registered"] is True


def test_rules_that_declare_what_they_read_pass_fact_reads() -> None:
    assert check_plugin(caresq_plugins.zbc, checks=["fact_reads"], max_examples=FEW).ok


# -- care-type ownership ------------------------------------------------------------------------


def test_another_plugin_declaring_a_policy_of_an_owned_care_type_is_refused_naming_both(
        ) -> None:
    with pytest.raises(caresq.PluginError) as caught:
        caresq.Engine(plugins=[caresq_plugins.zbc, faulty.TAKEOVER])
    assert str(caught.value).startswith(
        "plugin 'takeover' declares policy zbc 2026, but care type 'zbc' belongs to plugin "
        "'zbc'")


def test_the_kit_reports_a_takeover_of_an_installed_care_type() -> None:
    report = check_plugin(faulty.TAKEOVER, max_examples=FEW, raise_on_failure=False)
    assert {f.check for f in report.failures} == {"clashes"}
    assert "care type 'zbc' belongs to plugin 'zbc'" in str(report)


def test_a_contract_of_anothers_care_type_is_refused() -> None:
    stray = caresq.Contract("fysio.extra", "Extra", fysio.terms)

    class Stray:
        name = "stray"

        @caresq.hookimpl
        def caresq_contracts(self, policy: caresq.Policy) -> list[caresq.Contract]:
            return [stray] if policy == fysio.POLICY else []

    with pytest.raises(caresq.PluginError, match=re.escape(
            "plugin 'stray' declares contract fysio.extra, but care type 'fysio' belongs to "
            "plugin 'tests.plugins.fysio'")):
        caresq.Engine(plugins=[fysio, Stray()])


def test_a_plugin_may_still_add_conditions_to_anothers_contract() -> None:
    class Extra:
        name = "extra"

        @caresq.hookimpl
        def caresq_conditions(self, policy: caresq.Policy,
                              contract: caresq.Contract) -> list[caresq.Condition]:
            return [caresq.Condition("extra.score", caresq.Kind.FACTOR, fysio.SECTION,
                                     "Een hoge score telt.", AtLeast(fysio.SCORE, 0.9))]

    engine = caresq.Engine(plugins=[fysio, Extra()])
    ids = [c.id for c in engine.contract("fysio.basis").conditions]
    assert ids == ["fysio.kngf_registered", "fysio.patient_score", "extra.score"]
    assert engine.catalogue.owners["condition fysio.basis extra.score"] == "extra"


# -- one plugin name ----------------------------------------------------------------------------


def test_an_installed_plugin_is_named_by_its_entry_point_everywhere() -> None:
    report = check_plugin(caresq_plugins.zbc, checks=["citations"], max_examples=3)
    assert report.target == "'zbc'"
    engine = caresq.Engine(plugins=[caresq_plugins.zbc])
    assert [info.name for info in engine.plugins()] == ["caresq.common", "zbc"]
    assert engine.catalogue.owners["contract zbc.msz"] == "zbc"


# -- declared tiers -----------------------------------------------------------------------------

DIRECT = caresq.Fact("fysio.direct_access", caresq.FactType.BOOL, "direct access",
                     "Do you take patients without referral?")
TIERED = caresq.Contract("fysio.basis", "Fysiotherapie", fysio.terms, tiers=(
    Tier("basis"), Tier("plus", requires=("fysio.direct_access", "fysio.patient_score"))))


class Tiered:
    """The fysio policy with a contract whose "plus" tier needs two named factors."""

    name = "tiered"

    @caresq.hookimpl
    def caresq_policies(self) -> list[caresq.Policy]:
        return [fysio.POLICY]

    @caresq.hookimpl
    def caresq_facts(self) -> list[caresq.Fact]:
        return [fysio.REGISTERED, fysio.SCORE, DIRECT]

    @caresq.hookimpl
    def caresq_contracts(self, policy: caresq.Policy) -> list[caresq.Contract]:
        return [TIERED] if policy == fysio.POLICY else []

    @caresq.hookimpl
    def caresq_conditions(self, policy: caresq.Policy,
                          contract: caresq.Contract) -> list[caresq.Condition]:
        return [
            caresq.Condition(fysio.REGISTERED.id, caresq.Kind.REQUIREMENT, fysio.SECTION,
                             "De fysiotherapeut is ingeschreven.", Holds(fysio.REGISTERED)),
            caresq.Condition("fysio.direct_access", caresq.Kind.FACTOR, fysio.SECTION,
                             "Directe toegankelijkheid.", Holds(DIRECT)),
            caresq.Condition("fysio.patient_score", caresq.Kind.FACTOR, fysio.SECTION,
                             "Een patiënttevredenheid van minimaal 80%.",
                             AtLeast(fysio.SCORE, 0.8)),
        ]


def _variant(facts: dict[str, object]) -> tuple[str | None, str | None]:
    engine = caresq.Engine(plugins=[Tiered()])
    result = engine.assess({"agb_code": "04000000", "applications": [{"contract": "fysio.basis"}],
                            "facts": {"fysio.kngf_registered": True, **facts}},
                           on=date(2029, 10, 1)).results[0]
    return result.variant, result.variant_best_case


@pytest.mark.parametrize(("facts", "expected"), [
    ({"fysio.direct_access": True, "fysio.patient_score": 0.85}, ("plus", "plus")),
    ({"fysio.direct_access": True, "fysio.patient_score": 0.5}, ("basis", "basis")),
    ({"fysio.direct_access": True}, ("basis", "plus")),
    ({"fysio.direct_access": False}, ("basis", "basis")),
])
def test_a_declared_tier_is_reached_by_its_named_factors(
        facts: dict[str, object], expected: tuple[str, str]) -> None:
    assert _variant(facts) == expected


def test_a_tiered_plugin_conforms() -> None:
    assert check_plugin(Tiered(), max_examples=FEW).ok


def test_a_tier_naming_no_factor_of_the_contract_is_refused() -> None:
    class Typo(Tiered):
        name = "typo"

        @caresq.hookimpl
        def caresq_contracts(self, policy: caresq.Policy) -> list[caresq.Contract]:
            return [caresq.Contract("fysio.basis", "Fysio", fysio.terms,
                                    tiers=(Tier("basis"), Tier("plus", ("fysio.direct",))))
                    ] if policy == fysio.POLICY else []

    with pytest.raises(caresq.PluginError, match=re.escape(
            "tier 'plus' of contract fysio.basis (plugin 'typo') requires 'fysio.direct', "
            "which is no factor condition")):
        caresq.Engine(plugins=[Typo()])


def test_a_tier_needing_more_factors_than_the_contract_has_is_refused() -> None:
    class Greedy(Tiered):
        name = "greedy"

        @caresq.hookimpl
        def caresq_contracts(self, policy: caresq.Policy) -> list[caresq.Contract]:
            return [caresq.Contract("fysio.basis", "Fysio", fysio.terms,
                                    tiers=(Tier("basis"), Tier("top", at_least=3)))
                    ] if policy == fysio.POLICY else []

    with pytest.raises(caresq.PluginError, match="needs 3 factors met, but the contract has 2"):
        caresq.Engine(plugins=[Greedy()])


@pytest.mark.parametrize(("options", "message"), [
    ({"tiers": (Tier("plus", requires=("a",)),)}, "the first tier .* must be the base"),
    ({"tiers": (Tier("basis"), Tier("basis", at_least=1))}, "tier names repeat"),
    ({"tiers": (Tier("basis"),), "variants": ("B", "A")}, "not both"),
])
def test_badly_declared_tiers_are_refused(options: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        caresq.Contract("fysio.basis", "Fysio", fysio.terms, **options)  # type: ignore[arg-type]


def test_engine_default_leaves_a_takeover_out_and_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    from caresq.plugins import LoadedPlugin

    plugins = [LoadedPlugin("zbc", caresq_plugins.zbc, "0.1.0"),
               LoadedPlugin("takeover", faulty.TAKEOVER, "1.0")]
    monkeypatch.setattr("caresq.engine.load_entry_points", lambda: (list(plugins), []))
    engine = caresq.Engine.default()
    assert engine.catalogue.owners["contract zbc.msz"] == "zbc"
    assert engine.catalogue.years == (2025,)
    (failed,) = [info for info in engine.plugins() if info.error]
    assert failed.name == "takeover"
    assert "care type 'zbc' belongs to plugin 'zbc'" in failed.error
