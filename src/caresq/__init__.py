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
    "render_advice_text",
    "render_text",
]
