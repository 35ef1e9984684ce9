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
    Outcome,
    Policy,
    Result,
    Situation,
    Status,
    Verdict,
    by_application,
)
from caresq.parameters import Parameter, ParameterError
from caresq.profile import Application, Profile
from caresq.render import assessment_from_json, assessment_to_json, render_text

__all__ = [
    "Application",
    "Assessment",
    "CaresqError",
    "Citation",
    "Condition",
    "Contract",
    "ContractNotFound",
    "DeadlineCheck",
    "Engine",
    "Fact",
    "FactType",
    "Finding",
    "Kind",
    "Offer",
    "Outcome",
    "Parameter",
    "ParameterError",
    "PluginError",
    "Policy",
    "PolicyNotFound",
    "Problem",
    "Profile",
    "ProfileError",
    "Result",
    "RuleError",
    "Situation",
    "Status",
    "Verdict",
    "assessment_from_json",
    "assessment_to_json",
    "by_application",
    "hookimpl",
    "render_text",
]
