"""Policy fingerprints: stable across runs and hash seeds, changed by any change of the policy."""

from __future__ import annotations

import os
import subprocess
import sys

import attrs
import pytest

import caresq
from caresq.fingerprint import canonical
from tests.plugins import yearly

CONTRACTS = ["geboortezorg.kraamzorg", "geboortezorg.verloskunde",
             "geboortezorg.integrale_geboortezorg", "zbc.msz"]
SCRIPT = ("import caresq, json\n"
          "e = caresq.Engine.default()\n"
          f"print(json.dumps([e.fingerprint(c) for c in {CONTRACTS!r}]))\n")


def _in_process(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True,
                          text=True, check=True)
    return done.stdout


def test_equal_across_processes_with_different_hash_seeds(engine: caresq.Engine) -> None:
    runs = {_in_process(seed) for seed in ("0", "1", "12345", "random")}
    assert len(runs) == 1
    here = [engine.fingerprint(contract) for contract in CONTRACTS]
    assert runs.pop().strip() == str(here).replace("'", '"')
    assert all(len(print_) == 64 and set(print_) <= set("0123456789abcdef")
               for print_ in here)


def test_an_override_changes_it_and_dropping_it_restores_it(engine: caresq.Engine) -> None:
    plain = engine.fingerprint("geboortezorg.kraamzorg")
    changed = caresq.Engine.default(parameters={"kraamzorg.max_zzp_share": 0.2})
    assert changed.fingerprint("geboortezorg.kraamzorg") != plain
    assert caresq.Engine.default().fingerprint("geboortezorg.kraamzorg") == plain
    # the same value as the text's is no change at all
    same = engine.with_parameters({"kraamzorg.max_zzp_share": "0.15"})
    assert same.fingerprint("geboortezorg.kraamzorg") == plain


def test_a_deadline_in_the_terms_changes_it(engine: caresq.Engine) -> None:
    moved = engine.with_parameters({"zbc.signing_deadline": "2024-11-12"})
    assert moved.fingerprint("zbc.msz") != engine.fingerprint("zbc.msz")


def _with_condition(change: dict[str, object]) -> str:
    """The fingerprint of wijk.basis 2030 when its first condition is changed by ``change``."""

    class Edited:
        name = "edited"

        @caresq.hookimpl
        def caresq_policies(self) -> list[caresq.Policy]:
            return yearly.caresq_policies()

        @caresq.hookimpl
        def caresq_facts(self) -> list[caresq.Fact]:
            return yearly.caresq_facts()

        @caresq.hookimpl
        def caresq_parameters(self, policy: caresq.Policy) -> list[caresq.Parameter]:
            return yearly.caresq_parameters(policy)

        @caresq.hookimpl
        def caresq_contracts(self, policy: caresq.Policy) -> list[caresq.Contract]:
            return yearly.caresq_contracts(policy)

        @caresq.hookimpl
        def caresq_conditions(self, policy: caresq.Policy, contract: caresq.Contract,
                              parameters: dict[str, object]) -> list[caresq.Condition]:
            first, *rest = yearly.caresq_conditions(policy, contract, parameters)
            return [attrs.evolve(first, **change), *rest]

    return caresq.Engine(plugins=[Edited()]).fingerprint("wijk.basis", 2030)


@pytest.mark.parametrize("change", [
    {"text": "De aanbieder is geregistreerd bij het register."},
    {"citation": caresq.Citation("Inkoopbeleid Wijkzorg 2030", "4", "Wijkzorg - voorwaarden")},
    {"reading": "a reading"},
    {"kind": caresq.Kind.EXPECTATION},
    {"id": "wijk.registered_elsewhere"},
    {"rule": caresq.rules.AtLeast(yearly.SCORE, 0.5)},
])
def test_any_change_of_a_condition_changes_it(change: dict[str, object]) -> None:
    assert _with_condition(change) != _with_condition({})


def test_it_is_the_same_for_an_equal_policy_built_twice() -> None:
    assert _with_condition({}) == caresq.Engine(plugins=[yearly]).fingerprint("wijk.basis", 2030)


def test_two_years_of_one_contract_differ() -> None:
    engine = caresq.Engine(plugins=[yearly])
    assert engine.fingerprint("wijk.basis", 2030) != engine.fingerprint("wijk.basis", 2031)


def test_the_canonical_form_names_shapes_not_addresses(engine: caresq.Engine) -> None:
    spec = engine.contract("geboortezorg.kraamzorg")
    text = str(canonical(spec.conditions))
    assert " at 0x" not in text
    assert "caresq.rules:AtMost" in text
    assert "{'float': '0.15'}" in text
