"""The domain vocabulary: policies, contracts, conditions, and what an assessment says of them.

Everything here is a frozen value. Plugins build :class:`Policy`, :class:`Contract` and
:class:`Condition` objects once; the engine turns a profile into :class:`Finding`,
:class:`Result` and :class:`Assessment` objects.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from types import FunctionType, MethodType
from typing import TYPE_CHECKING, Any, Final, Protocol, TypeVar

from attrs import Attribute, field, fields, frozen

if TYPE_CHECKING:
    from caresq.calendar import Period
    from caresq.facts import Fact
    from caresq.profile import Application


def _text(what: str) -> Callable[[object, Attribute[Any], object], None]:
    """An attrs validator: the field is a string with more than white space in it."""

    def check(instance: object, attribute: Attribute[Any], value: object) -> None:
        if not isinstance(value, str):
            raise TypeError(f"{what}: {attribute.name} must be a string, not "
                            f"{type(value).__name__} ({value!r})")
        if not value.strip():
            raise ValueError(f"{what}: {attribute.name} is empty")

    return check


@frozen
class Citation:
    """Where a rule stands in a policy document; every field is non-empty text.

    A wrong type or an empty field raises TypeError or ValueError when the citation is built,
    so a plugin cannot declare a rule that cannot be shown later.
    """

    #: Document title, e.g. "Inkoopbeleid Fysiotherapie 2025".
    document: str = field(validator=_text("citation"))
    #: Chapter number as printed, e.g. "3".
    chapter: str = field(validator=_text("citation"))
    #: The heading of the block the sentence stands in, e.g. "Fysiotherapie - voorwaarden".
    section: str = field(validator=_text("citation"))

    def __str__(self) -> str:
        return f"{self.document}, hfst. {self.chapter}, {self.section}"


class Kind(enum.Enum):
    """What a condition does to a contract (see the glossary in docs/concepts.md)."""

    # Members are singletons: hashing by identity (in C) keeps them apart as Enum's hash of
    # the name does, without a Python call for every look-up keyed on one (a batch makes many).
    __hash__ = object.__hash__

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

    # Members are singletons: hashing by identity (in C) keeps them apart as Enum's hash of
    # the name does, without a Python call for every look-up keyed on one (a batch makes many).
    __hash__ = object.__hash__

    MET = "met"
    UNMET = "unmet"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"


class Status(enum.Enum):
    """What a provider can expect for one contract, worst first."""

    # Members are singletons: hashing by identity (in C) keeps them apart as Enum's hash of
    # the name does, without a Python call for every look-up keyed on one (a batch makes many).
    __hash__ = object.__hash__

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


class RecordingFacts(Mapping[str, object]):
    """Fact values that remember which ids a rule asked for (:attr:`read`).

    A rule must read only the facts it declares: the questionnaire is built from the declared
    facts, so an undeclared read is a question nobody is asked. The engine probes each rule
    with an empty one when it is built; the testing kit with generated profiles.
    """

    def __init__(self, values: Mapping[str, object] | None = None) -> None:
        self._values: Mapping[str, object] = values or {}
        #: Every fact id asked for, in the order first asked.
        self.read: dict[str, None] = {}

    def __getitem__(self, key: str) -> object:
        self.read.setdefault(key)
        return self._values[key]

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self.read.setdefault(key)
        return key in self._values

    def __iter__(self) -> Iterator[str]:
        for key in self._values:
            self.read.setdefault(key)
            yield key

    def __len__(self) -> int:
        return len(self._values)

    def get(self, key: str, default: object = None) -> object:
        self.read.setdefault(key)
        return self._values.get(key, default)


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


#: The attribute :func:`reads_application` sets: the application fields the target reads.
APPLICATION_FIELDS: Final = "__caresq_application_fields__"


def reads_application(*names: str) -> Callable[[_Declared], _Declared]:
    """:func:`by_application`, naming the fields of ``situation.application`` the target reads
    (``submitted_on``, ``signed_on``, ``existing_contract``; none at all is allowed).

    The engine then remembers the answer per value of those fields and the reference date
    rather than per whole application, so a batch works it out far less often: a rule that
    reads only the request date is worked out once per request date. Name every field the
    target reads: with one left out, an application would be given the answer of another that
    differs only there. Methods of a class declared this way are taken to read only these
    fields too::

        @reads_application("submitted_on", "existing_contract")
        @frozen
        class StartsInContractYear: ...
    """
    from caresq.profile import Application  # a lower floor, needed only here

    known = [attribute.name for attribute in fields(Application)]
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ValueError(f"{', '.join(map(repr, unknown))} is not a field of an application; "
                         f"fields: {', '.join(known)}")

    def declare(target: _Declared) -> _Declared:
        by_application(target)
        setattr(target, APPLICATION_FIELDS, tuple(dict.fromkeys(names)))
        return target

    return declare


def application_fields(target: object) -> tuple[str, ...] | None:
    """The application fields a target declared with :func:`reads_application` reads; None
    when it may read any (declared with :func:`by_application` alone, or not at all)."""
    if isinstance(target, MethodType):
        own = application_fields(target.__func__)
        return own if own is not None else application_fields(target.__self__)
    declared = target.__dict__ if isinstance(target, FunctionType) else vars(type(target))
    found = declared.get(APPLICATION_FIELDS)
    return found if isinstance(found, tuple) else None


def declared_by_application(target: object) -> bool:
    """Whether a function, or the exact class of a rule or terms object, was declared with
    :func:`by_application`."""
    if isinstance(target, MethodType):  # a method of a declared class, or declared itself
        return (declared_by_application(target.__func__)
                or declared_by_application(target.__self__))
    own = target.__dict__ if isinstance(target, FunctionType) else vars(type(target))
    return own.get(BY_APPLICATION) is True


def _check_condition(condition: Condition) -> None:
    """Fail when a condition is built from values of the wrong type, naming the condition."""
    where = f"condition {condition.id!r}"
    _text("condition")(condition, fields(Condition).id, condition.id)
    checks: tuple[tuple[str, bool, str], ...] = (
        ("kind", isinstance(condition.kind, Kind), "a caresq.Kind"),
        ("citation", isinstance(condition.citation, Citation), "a caresq.Citation"),
        ("rule", callable(condition.rule) and isinstance(getattr(condition.rule, "facts", None),
                                                         tuple),
         "a rule (callable, with a facts tuple)"),
    )
    for name, ok, wanted in checks:
        if not ok:
            value = getattr(condition, name)
            raise TypeError(f"{where}: {name} must be {wanted}, not {value!r}")
    _text(where)(condition, fields(Condition).text, condition.text)
    if condition.reading is not None:
        _text(where)(condition, fields(Condition).reading, condition.reading)


@frozen
class Condition:
    """One rule of a policy, as data: what it is, where it stands, what it says, how it decides.

    Checked when built: the id, the Dutch text and a reading (when given) are non-empty text,
    ``kind`` a :class:`Kind`, ``citation`` a :class:`Citation`, ``rule`` a rule. A wrong value
    raises TypeError or ValueError naming the condition.
    """

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

    def __attrs_post_init__(self) -> None:
        _check_condition(self)


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
class Tier:
    """A named variant of a contract, reached when its factors are met (a declared tier).

    A tier is reached when every factor condition named in ``requires`` is met and at least
    ``at_least`` factors are met in all. Example: "plus" for two specific factors::

        Tier("plus", requires=("fysio.direct_access", "fysio.outcome_data"))
    """

    #: The name the policy gives the variant, e.g. "plus".
    name: str = field(validator=_text("tier"))
    #: Ids of factor conditions that must all be met.
    requires: tuple[str, ...] = ()
    #: How many factors must be met in all (any of them).
    at_least: int = 0

    @property
    def unconditional(self) -> bool:
        """Whether every provider reaches this tier (the base variant)."""
        return not self.requires and self.at_least <= 0

    def describe(self) -> str:
        """The tier's predicate in words, e.g. "plus: fysio.a and fysio.b met"."""
        parts = [" and ".join(self.requires) + " met"] if self.requires else []
        if self.at_least > 0:
            parts.append(f"at least {self.at_least} factor{'s' if self.at_least != 1 else ''} "
                         "met")
        return f"{self.name}: {', '.join(parts) or 'every provider'}"


def _check_tiers(contract: Contract, attribute: Attribute[Any],
                 tiers: tuple[Tier, ...] | None) -> None:
    if tiers is None:
        return
    where = f"contract {contract.id!r}"
    if contract.variants is not None:
        raise ValueError(f"{where}: give variants (by count) or tiers (by factors), not both")
    if not tiers or not all(isinstance(tier, Tier) for tier in tiers):
        raise TypeError(f"{where}: tiers must be a non-empty tuple of caresq.Tier")
    if not tiers[0].unconditional:
        raise ValueError(f"{where}: the first tier ({tiers[0].describe()}) must be the base "
                         "variant every provider reaches: requires=() and at_least=0")
    names = [tier.name for tier in tiers]
    if len(set(names)) != len(names):
        raise ValueError(f"{where}: tier names repeat ({', '.join(names)})")


@frozen
class Contract:
    """A care contract a provider can be offered, with how its offer is decided.

    Variants come in one of two ways: ``variants`` names them by the number of factors met
    (variants A-E), ``tiers`` by which factors are met (:class:`Tier`, lowest first; the
    variant is the last tier reached). Without either the contract has no variant.
    """

    #: "<care-type>.<contract>", e.g. "fysio.basis".
    id: str
    #: Dutch title as the policy names it, e.g. "Fysiotherapie".
    title: str
    terms: Terms
    #: Variant names by the number of met factors (index 0 = no factor), e.g. ("E", "D", "C", "B",
    #: "A"); ``None`` for contracts without variants.
    variants: tuple[str, ...] | None = None
    #: Declared tiers, lowest first; the first is the base every provider reaches.
    tiers: tuple[Tier, ...] | None = field(default=None, validator=_check_tiers)

    @property
    def care_type(self) -> str:
        """The care type the contract belongs to: the part of the id before the first dot."""
        return self.id.partition(".")[0]

    @property
    def variant_names(self) -> tuple[str, ...] | None:
        """Every variant the contract can give, lowest first; ``None`` without variants."""
        if self.tiers is not None:
            return tuple(tier.name for tier in self.tiers)
        return self.variants


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
