"""caresq: a health insurer's procurement policy (zorginkoopbeleid) as code.

Given what a care provider states about itself, caresq says which care contracts it qualifies
for, in which variant, which conditions are met, unmet or unknown and why, where in the policy
each rule stands, and which dates apply::

    import caresq
    engine = caresq.Engine.default()
    assessment = engine.assess({"agb_code": "33012345",
                                "applications": [{"contract": "fysio.basis"}]})

Care types are plugins (see :mod:`caresq.hookspecs`); this package only re-exports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from caresq._lazy import lazy_attributes

if TYPE_CHECKING:
    from caresq.advice import Advice, advice_to_json, render_advice_text
    from caresq.calendar import CalendarEvent, DateSpan, Deadline, Period
    from caresq.engine import Engine
    from caresq.errors import (
        CaresqError,
        ContractNotFound,
        PluginError,
        PolicyNotFound,
        Problem,
        ProfileError,
        RuleError,
    )
    from caresq.facts import Fact, FactType
    from caresq.hookspecs import hookimpl
    from caresq.model import (
        Assessment,
        Citation,
        Condition,
        Contract,
        DeadlineCheck,
        Finding,
        Kind,
        Offer,
        OfferSummary,
        Outcome,
        Policy,
        Result,
        Rule,
        Situation,
        Status,
        Terms,
        Tier,
        Verdict,
        by_application,
        reads_application,
    )
    from caresq.parameters import Parameter, ParameterError
    from caresq.plugins import PluginInfo
    from caresq.profile import Application, Profile
    from caresq.registry import Catalogue, ContractSpec
    from caresq.render import assessment_from_json, assessment_to_json, render_text
    from caresq.schedule import WeeklySchedule, Window

__all__ = [
    "Advice",
    "Application",
    "Assessment",
    "CalendarEvent",
    "CaresqError",
    "Catalogue",
    "Citation",
    "Condition",
    "Contract",
    "ContractNotFound",
    "ContractSpec",
    "DateSpan",
    "Deadline",
    "DeadlineCheck",
    "Engine",
    "Fact",
    "FactType",
    "Finding",
    "Kind",
    "Offer",
    "OfferSummary",
    "Outcome",
    "Parameter",
    "ParameterError",
    "Period",
    "PluginError",
    "PluginInfo",
    "Policy",
    "PolicyNotFound",
    "Problem",
    "Profile",
    "ProfileError",
    "Result",
    "Rule",
    "RuleError",
    "Situation",
    "Status",
    "Terms",
    "Tier",
    "Verdict",
    "WeeklySchedule",
    "Window",
    "advice_to_json",
    "assessment_from_json",
    "assessment_to_json",
    "by_application",
    "hookimpl",
    "reads_application",
    "render_advice_text",
    "render_text",
]

#: Where each public name lives. Imported on first use, so that ``import caresq.cli`` (and
#: ``caresq --version``) does not pay for the modules a command never touches.
_HOMES: dict[str, str] = {
    "Advice": "caresq.advice",
    "Application": "caresq.profile",
    "Assessment": "caresq.model",
    "CalendarEvent": "caresq.calendar",
    "CaresqError": "caresq.errors",
    "Catalogue": "caresq.registry",
    "Citation": "caresq.model",
    "Condition": "caresq.model",
    "Contract": "caresq.model",
    "ContractNotFound": "caresq.errors",
    "ContractSpec": "caresq.registry",
    "DateSpan": "caresq.calendar",
    "Deadline": "caresq.calendar",
    "DeadlineCheck": "caresq.model",
    "Engine": "caresq.engine",
    "Fact": "caresq.facts",
    "FactType": "caresq.facts",
    "Finding": "caresq.model",
    "Kind": "caresq.model",
    "Offer": "caresq.model",
    "OfferSummary": "caresq.model",
    "Outcome": "caresq.model",
    "Parameter": "caresq.parameters",
    "ParameterError": "caresq.parameters",
    "Period": "caresq.calendar",
    "PluginError": "caresq.errors",
    "PluginInfo": "caresq.plugins",
    "Policy": "caresq.model",
    "PolicyNotFound": "caresq.errors",
    "Problem": "caresq.errors",
    "Profile": "caresq.profile",
    "ProfileError": "caresq.errors",
    "Result": "caresq.model",
    "Rule": "caresq.model",
    "RuleError": "caresq.errors",
    "Situation": "caresq.model",
    "Status": "caresq.model",
    "Terms": "caresq.model",
    "Tier": "caresq.model",
    "Verdict": "caresq.model",
    "WeeklySchedule": "caresq.schedule",
    "Window": "caresq.schedule",
    "advice_to_json": "caresq.advice",
    "assessment_from_json": "caresq.render",
    "assessment_to_json": "caresq.render",
    "by_application": "caresq.model",
    "reads_application": "caresq.model",
    "hookimpl": "caresq.hookspecs",
    "render_advice_text": "caresq.advice",
    "render_text": "caresq.render",
}


__getattr__ = lazy_attributes("caresq", _HOMES, globals())


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
