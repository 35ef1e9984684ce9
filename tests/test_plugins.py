"""Plugins: a care type added from outside, clashes, broken plugins, policy selection."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from datetime import date
from pathlib import Path

import pytest

import caresq
from caresq.cli import main
from caresq.plugins import LoadedPlugin, PluginInfo
from tests.fault_helpers import environment, install_plugin
from tests.plugins import fysio

ON = date(2029, 10, 1)


@pytest.fixture
def fysio_engine() -> caresq.Engine:
    return caresq.Engine(plugins=[fysio])


def test_a_care_type_is_added_without_touching_the_core(fysio_engine: caresq.Engine) -> None:
    assessment = fysio_engine.assess(
        {"agb_code": "04123456", "applications": [{"contract": "fysio.basis"}],
         "facts": {"fysio.kngf_registered": True, "fysio.patient_score": 0.5}}, on=ON)
    result = assessment.results[0]
    assert assessment.contract_year == 2030
    assert result.status is caresq.Status.ELIGIBLE
    assert result.period is not None
    assert result.period.start == date(2030, 1, 1)
    expectation = next(f for f in result.findings if f.kind is caresq.Kind.EXPECTATION)
    assert expectation.outcome is caresq.Outcome.UNMET
    assert "0.5 is below the minimum 0.8" in expectation.reason


def test_an_unknown_requirement_makes_the_contract_incomplete(
        fysio_engine: caresq.Engine) -> None:
    assessment = fysio_engine.assess(
        {"agb_code": "04123456", "applications": [{"contract": "fysio.basis"}]}, on=ON)
    assert assessment.results[0].status is caresq.Status.INCOMPLETE


def test_the_plugin_contributes_its_calendar(fysio_engine: caresq.Engine) -> None:
    events = fysio_engine.calendar_events("fysio", 2030)
    assert [event.span.first for event in events] == [fysio.SIGNING_DUE]


def test_the_questionnaire_is_derived_from_the_conditions(fysio_engine: caresq.Engine) -> None:
    spec = fysio_engine.contract("fysio.basis")
    assert [fact.id for fact in spec.questionnaire] == ["fysio.kngf_registered",
                                                        "fysio.patient_score"]


def _plugin(name: str, **hooks: object) -> types.SimpleNamespace:
    namespace = types.SimpleNamespace(name=name)
    for hook, function in hooks.items():
        setattr(namespace, hook, caresq.hookimpl(function))
    return namespace


def test_two_plugins_declaring_one_fact_id_fail_at_load_naming_both() -> None:
    twin = _plugin("twin", caresq_facts=lambda: [fysio.REGISTERED])
    with pytest.raises(caresq.PluginError, match=r"'tests.plugins.fysio' and 'twin'"):
        caresq.Engine(plugins=[fysio, twin])


def test_a_plugin_redeclaring_a_common_fact_fails_at_load() -> None:
    from caresq.common import VECOZO_CLAIMS

    copycat = _plugin("copycat", caresq_facts=lambda: [VECOZO_CLAIMS])
    with pytest.raises(caresq.PluginError, match=r"common.vecozo_claims.*caresq.common"):
        caresq.Engine(plugins=[copycat])


def test_two_plugins_declaring_one_contract_fail_at_load() -> None:
    twin = _plugin("twin", caresq_contracts=lambda policy: [fysio.CONTRACT])
    with pytest.raises(caresq.PluginError, match=r"fysio.basis"):
        caresq.Engine(plugins=[fysio, twin])


def test_a_condition_reading_an_undeclared_fact_fails_at_load() -> None:
    stray = caresq.Fact("fysio.stray", caresq.FactType.BOOL, "stray", "?")
    from caresq.rules import Holds

    extra = _plugin("extra", caresq_conditions=lambda policy, contract: [
        caresq.Condition("fysio.stray", caresq.Kind.REQUIREMENT, fysio.SECTION, "x",
                         Holds(stray))])
    with pytest.raises(caresq.PluginError, match=r"fysio.stray.*no plugin declares"):
        caresq.Engine(plugins=[fysio, extra])


def test_another_plugin_can_add_a_condition_to_a_contract() -> None:
    from caresq.rules import Always

    extra = _plugin("extra", caresq_conditions=lambda policy, contract: [
        caresq.Condition("fysio.extra_note", caresq.Kind.NOTE, fysio.SECTION, "Let op.",
                         Always(caresq.Outcome.MET, "always shown"))])
    spec = caresq.Engine(plugins=[fysio, extra]).contract("fysio.basis")
    assert [c.id for c in spec.conditions][-1] == "fysio.extra_note"


def test_a_misspelt_hook_is_an_error_at_load() -> None:
    typo = _plugin("typo", caresq_polices=lambda: [])
    with pytest.raises(Exception, match=r"caresq_polices"):
        caresq.Engine(plugins=[typo])


def test_a_contract_id_outside_its_care_type_is_rejected() -> None:
    wrong = caresq.Contract("other.basis", "x", fysio.terms)
    rogue = _plugin("rogue", caresq_contracts=lambda policy: [wrong])
    with pytest.raises(caresq.PluginError, match=r"must start with 'fysio\.'"):
        caresq.Engine(plugins=[fysio, rogue])


def test_an_unknown_year_names_the_years_that_exist(fysio_engine: caresq.Engine) -> None:
    profile = {"agb_code": "04123456", "applications": [{"contract": "fysio.basis"}]}
    with pytest.raises(caresq.PolicyNotFound, match=r"2031.*available: 2030") as caught:
        fysio_engine.assess(profile, on=ON, year=2031)
    assert caught.value.available == (2030,)


def test_a_plugin_that_fails_to_import_is_reported_and_the_rest_still_work(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    broken = PluginInfo("broken", "1.0", (), "ImportError: no module named nowhere")
    monkeypatch.setattr("caresq.engine.load_entry_points",
                        lambda: ([LoadedPlugin("fysio", fysio, "0.0")], [broken]))
    assert main(["plugins", "--format", "json"]) == 0
    listed = {info["name"]: info for info in json.loads(capsys.readouterr().out)["plugins"]}
    assert listed["broken"]["error"].startswith("ImportError")
    assert "caresq_conditions" in listed["fysio"]["hooks"]
    assert listed["fysio"]["error"] is None


def test_a_plugin_that_fails_to_import_shows_its_version_and_plugins_says_why(
        tmp_path: Path) -> None:
    site = tmp_path / "site"
    install_plugin(site, "broken", "caresq_nowhere_to_be_found")  # installed, not importable

    def caresq_says(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "caresq", *argv], capture_output=True,
                              text=True, env=environment(site), check=False)

    version = caresq_says("--version")
    assert version.returncode == 0
    assert "plugin broken 0.1" in version.stdout.splitlines()  # from the metadata
    assert "plugin geboortezorg 0.1.0" in version.stdout.splitlines()
    listed = caresq_says("plugins", "--format", "json")
    assert listed.returncode == 0
    broken = next(p for p in json.loads(listed.stdout)["plugins"] if p["name"] == "broken")
    assert broken["error"].startswith("ModuleNotFoundError")
    assert broken["version"] == "0.1"


def test_disabled_plugins_are_not_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARESQ_DISABLE_PLUGINS", "geboortezorg")
    names = {info.name for info in caresq.Engine.default().plugins()}
    assert "geboortezorg" not in names
    assert "caresq.common" in names


def test_the_bundled_plugins_register_through_the_entry_point_group() -> None:
    names = {info.name for info in caresq.Engine.default().plugins() if info.error is None}
    assert {"geboortezorg", "caresq.common"} <= names
    assert "caresq_plugins.geboortezorg" in sys.modules
