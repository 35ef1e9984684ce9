"""The domain vocabulary: policies, contracts, conditions, and what an assessment says of them.

Everything here is a frozen value. Plugins build :class:`Policy`, :class:`Contract` and
:class:`Condition` objects once; the engine turns a profile into :class:`Finding`,
:class:`Result` and :class:`Assessment` objects.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date
from types import FunctionType, MethodType
from typing import TYPE_CHECKING, Final, Protocol, TypeVar

from attrs import frozen

if TYPE_CHECKING:
    from caresq.calendar import Period
    from caresq.facts import Fact
    from caresq.profile import Application


@frozen
class Citation:
    """Where a rule stands in a policy document."""

    #: Document title, e.g. "Inkoopbeleid Fysiotherapie 2025".
    document: str
    #: Chapter number as printed, e.g. "3".
    chapter: str
    #: The heading of the block the sentence stands in, e.g. "Fysiotherapie - voorwaarden".
    section: str

    def __str__(self) -> str:
        return f"{self.document}, hfst. {self.chapter}, {self.section}"


class Kind(enum.Enum):
    """What a condition does to a contract (see the glossary in docs/concepts.md)."""

    #: Hard condition: unmet means no contract.
    REQUIREMENT = "requirement"
    #: Optional condition that raises the variant (e.g. variants A-E).
    FACTOR = "factor"
    #: "Wij verwachten": reported, never changes the status.
    EXPECTATION = "expectation"
    #: Process rule (deadline, registration, no retroactive start): unmet means no contract.
    PROCEDURE = "procedure"
    #: Explains a consequence (e.g. prior authorisation); never decides.
    NOTE = "note"

    @property
    def decides(self) -> bool:
        """Whether an unmet or unknown outcome of this kind changes the status."""
        return self in (Kind.REQUIREMENT, Kind.PROCEDURE)


class Outcome(enum.Enum):
    """Three-valued logic plus "does not apply to this provider"."""

    MET = "met"
    UNMET = "unmet"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"


class Status(enum.Enum):
    """What a provider can expect for one contract, worst first."""

    INELIGIBLE = "ineligible"
    INCOMPLETE = "incomplete"
    REVIEW = "review"
    ELIGIBLE = "eligible"


@frozen
class Verdict:
    """What a rule says about one provider: the outcome and the values that decided it."""

    outcome: Outcome
    #: Names the values that decided the outcome, e.g. "zzp share 0.12 is at most 0.15".
    reason: str


@frozen
class Situation:
    """Everything a rule may look at: one provider's statements about one application."""

    #: The provider's 8-digit AGB code; ``None`` when the profile leaves it unknown.
    agb_code: str | None
    #: Validated fact values by fact id; an absent id is unknown.
    facts: Mapping[str, object]
    #: The application being assessed.
    application: Application
    #: The date the assessment speaks from (``--on``).
    on: date


class Rule(Protocol):
    """Decides one condition for one provider. Build rules from :mod:`caresq.rules`."""

    @property
    def facts(self) -> tuple[Fact, ...]:
        """The facts this rule reads, in questionnaire order."""
        ...

    def __call__(self, situation: Situation) -> Verdict:
        """Return the outcome for ``situation`` with a reason that names the deciding values."""
        ...


#: The attribute :func:`by_application` sets.
BY_APPLICATION: Final = "__caresq_by_application__"
_Declared = TypeVar("_Declared")


def by_application(target: _Declared) -> _Declared:
    """Declare that a rule class, a function a rule calls, or a contract's terms decide from
    ``situation.application`` and ``situation.on`` alone (never the facts or the AGB code).

    The engine then works out each distinct application once per batch and remembers the
    answer (:class:`caresq.assessment.PreparedContract`). Only the exact class or function
    carries the declaration: a subclass, which may read more, must declare it again::

        @by_application
        @frozen
        class StartsInContractYear: ...
    """
    setattr(target, BY_APPLICATION, True)
    return target


def declared_by_application(target: object) -> bool:
    """Whether a function, or the exact class of a rule or terms object, was declared with
    :func:`by_application`."""
    if isinstance(target, MethodType):  # a method of a declared class, or declared itself
        return (declared_by_application(target.__func__)
                or declared_by_application(target.__self__))
    own = target.__dict__ if isinstance(target, FunctionType) else vars(type(target))
    return own.get(BY_APPLICATION) is True


@frozen
class Condition:
    """One rule of a policy, as data: what it is, where it stands, what it says, how it decides."""

    #: Stable id, unique within a contract, e.g. "fysio.patient_score".
    id: str
    kind: Kind
    citation: Citation
    #: The Dutch sentence the condition encodes, quoted from the policy.
    text: str
    rule: Rule
    #: Set when the condition encodes a reading of an open text: cites its published id
    #: (``docs/interpretations.md``, e.g. "R8.3") and says what was read.
    reading: str | None = None


@frozen
class Policy:
    """One published procurement policy: one care type, one contract year."""

    #: Care type, the prefix of every contract id, e.g. "fysio".
    care_type: str
    contract_year: int
    #: Document title used in citations, e.g. "Inkoopbeleid Fysiotherapie 2025".
    document: str
    #: Version as printed on the document, if any.
    version: str | None = None
    #: The document's text as shipped with the plugin, as ``"package:path"``: a resource of an
    #: importable package, e.g. ``"caresq_fysio:source/inkoopbeleid-fysio-2025.txt"``
    #: (UTF-8 plain text). The conformance suite checks every quoted sentence against it
    #: (:mod:`caresq.sources`). ``None`` when the plugin ships no text.
    source: str | None = None


@frozen
class Offer:
    """How the insurer would contract a provider: route, period, judgement and deadlines."""

    #: The procurement route, e.g. "regular round", "late request", "existing contract".
    route: str
    #: Contract period; ``None`` when no contract can start.
    period: Period | None
    #: Why the insurer judges the offer itself (status ``review``); ``None`` when it does not.
    review: str | None
    citation: Citation
    #: The Dutch sentence that fixes the route and period.
    text: str
    deadlines: tuple[DeadlineCheck, ...] = ()


class Terms(Protocol):
    """Decides the offer of one contract for one application."""

    def __call__(self, situation: Situation) -> Offer:
        """Return the route, period, judgement and deadlines for ``situation``."""
        ...


@frozen
class Contract:
    """A care contract a provider can be offered, with how its offer is decided."""

    #: "<care-type>.<contract>", e.g. "fysio.basis".
    id: str
    #: Dutch title as the policy names it, e.g. "Fysiotherapie".
    title: str
    terms: Terms
    #: Variant names by the number of met factors (index 0 = no factor), e.g. ("E", "D", "C", "B",
    #: "A"); ``None`` for contracts without variants.
    variants: tuple[str, ...] | None = None

    @property
    def care_type(self) -> str:
        """The care type the contract belongs to: the part of the id before the first dot."""
        return self.id.partition(".")[0]


# -- output -------------------------------------------------------------------------------------


@frozen
class DeadlineCheck:
    """A dated step of the procedure, judged on the dates the profile gives (R8.6)."""

    #: Short name, e.g. "questionnaire", "signing".
    name: str
    #: Last day, inclusive (end of day Europe/Amsterdam).
    due: date
    #: ``None`` when the profile gives no date for this step: open while the due date is ahead,
    #: unknown once it has passed (R8.6).
    met: bool | None
    #: Calendar days from the reference date to ``due`` when no date is given, else ``None``;
    #: negative once the due date has passed.
    days_left: int | None = None
    #: E.g. that the date falls on a Sunday and stands all the same.
    note: str | None = None

    @property
    def passed(self) -> bool:
        """No date given and the due date is past: whether it was done is unknown (R8.6)."""
        return self.met is None and self.days_left is not None and self.days_left < 0


@frozen
class Finding:
    """What one condition says about one provider, with where it stands and why."""

    condition: str
    kind: Kind
    outcome: Outcome
    citation: Citation
    text: str
    reason: str
    reading: str | None = None


@frozen
class Result:
    """The assessment of one application."""

    contract: str
    status: Status
    variant: str | None
    variant_best_case: str | None
    period: Period | None
    offer: OfferSummary | None
    findings: tuple[Finding, ...]
    deadlines: tuple[DeadlineCheck, ...] = ()
    #: Things the reader should know that change no outcome, e.g. that the reference date lies
    #: after the end of the contract period (R8.6).
    warnings: tuple[str, ...] = ()


@frozen
class OfferSummary:
    """The route an offer takes, cited; part of a :class:`Result`."""

    route: str
    review: str | None
    citation: Citation
    text: str


@frozen
class Assessment:
    """Everything caresq says about one profile."""

    #: ``None`` when the profile leaves the AGB code unknown.
    agb_code: str | None
    reference_date: date
    contract_year: int
    results: tuple[Result, ...]
    name: str | None = None
