"""The ZBC procedure rules: they read the application and encode reading R8.5."""

from __future__ import annotations

from datetime import date

from attrs import frozen

from caresq import Fact, Outcome, Situation, Verdict
from caresq.calendar import Deadline
from caresq.procedure import undated

MET, UNMET, UNKNOWN, NOT_APPLICABLE = (
    Outcome.MET, Outcome.UNMET, Outcome.UNKNOWN, Outcome.NOT_APPLICABLE)


# -- the procedure (hfst. 4, R8.5) ----------------------------------------------------------------

_RUNS_ON = "the multi-year contract runs on: no new offer (existing_contract)"


@frozen
class _ByContractHistory:
    """Base of the rules that depend on whether the provider held a 2024 ZBC contract.

    A running multi-year contract is no new offer, so none of them applies to it.
    """

    contract_2024: Fact

    @property
    def facts(self) -> tuple[Fact, ...]:
        return (self.contract_2024,)

    def __call__(self, situation: Situation) -> Verdict:
        if situation.application.existing_contract:
            return Verdict(NOT_APPLICABLE, _RUNS_ON)
        held = situation.facts.get(self.contract_2024.id)
        assert held is None or isinstance(held, bool)
        return self.decide(situation, held)

    def decide(self, situation: Situation, held: bool | None) -> Verdict:
        """The verdict for a new offer, given whether a 2024 contract was held (None: unknown)."""
        raise NotImplementedError


@frozen
class Approached(_ByContractHistory):
    """A 2024 contract holder is approached through VECOZO without registering interest.

    Not applicable to a provider without a 2024 contract (the registration decides there);
    unknown when the profile does not say.
    """

    def decide(self, situation: Situation, held: bool | None) -> Verdict:
        label = self.contract_2024.label
        if held is None:
            return Verdict(UNKNOWN, f"{label} is not stated ({self.contract_2024.id}): "
                                    "it decides the route")
        if held:
            return Verdict(MET, f"{label}: yes; approached through VECOZO")
        return Verdict(NOT_APPLICABLE, f"{label}: no; the registration of interest decides")


@frozen
class RegisteredBy(_ByContractHistory):
    """A provider without a 2024 contract must register interest by ``deadline``.

    Judged on ``submitted_on``. No date: the deadline is open and decides nothing while it is
    ahead, and is unknown once it has passed (R8.6).
    A late registration is unmet when the provider held no 2024 contract, unknown when the
    profile does not say whether it did.
    """

    deadline: Deadline

    def decide(self, situation: Situation, held: bool | None) -> Verdict:
        if held is True:
            return Verdict(NOT_APPLICABLE, f"{self.contract_2024.label}: yes; no registration "
                                           "of interest needed")
        due = self.deadline.due.isoformat()
        registered = situation.application.submitted_on
        if registered is None:
            return undated(self.deadline, "registered", situation.on)
        if registered <= self.deadline.due:
            return Verdict(MET, f"registered on {registered.isoformat()}, by {due}")
        late = f"registered on {registered.isoformat()}, after {due}"
        if held is None:
            return Verdict(UNKNOWN, f"{late}; {self.contract_2024.label} is not stated "
                                    f"({self.contract_2024.id})")
        return Verdict(UNMET, f"{late}, without a 2024 ZBC contract: no contract for 2025")


@frozen
class BeforeContractYear:
    """No new contracts during the contract year: a request dated on or after ``start`` fails.

    Binds 2024 contract holders too; a running multi-year contract is not a new contract.
    """

    #: First day of the contract year.
    start: date

    @property
    def facts(self) -> tuple[Fact, ...]:
        return ()

    def __call__(self, situation: Situation) -> Verdict:
        if situation.application.existing_contract:
            return Verdict(NOT_APPLICABLE, _RUNS_ON)
        requested = situation.application.submitted_on
        if requested is None:
            return Verdict(NOT_APPLICABLE, "no request date given")
        year = self.start.year
        if requested < self.start:
            return Verdict(MET, f"request dated {requested.isoformat()}, before the contract "
                                f"year {year}")
        return Verdict(UNMET, f"request dated {requested.isoformat()}, in or after the contract "
                              f"year {year}: no new contracts during the contract year")
