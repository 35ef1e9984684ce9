"""Building blocks for the procedure side of a policy: deadlines judged on application dates.

Deadlines are judged on the dates the profile gives (SPEC §8.6): a step without a date is open,
shows its days left from the reference date, and never changes the status by itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from attrs import frozen

from caresq.calendar import Deadline
from caresq.facts import Fact
from caresq.model import DeadlineCheck, Outcome, Situation, Verdict, by_application
from caresq.profile import Application


def submitted_on(application: Application) -> date | None:
    """When the questionnaire was confirmed or the request sent."""
    return application.submitted_on


def signed_on(application: Application) -> date | None:
    """When the offered contract was signed."""
    return application.signed_on


def check_deadline(deadline: Deadline, done_on: date | None, on: date) -> DeadlineCheck:
    """Judge ``deadline`` on the date a step was done; open (``met`` None) when not done."""
    met = deadline.is_met_by(done_on)
    return DeadlineCheck(deadline.name, deadline.due, met,
                         deadline.days_left(on) if met is None else None,
                         deadline.weekend_or_holiday_note())


@by_application
def always_applies(situation: Situation) -> str | None:
    """The default of :attr:`DoneBy.applies`: the deadline binds every application."""
    return None


@frozen
class DoneBy:
    """A procedure rule: a step done after ``deadline`` is unmet; not done yet is open.

    ``applies`` narrows it to a route, e.g. the signing deadline binds only the regular round.
    """

    deadline: Deadline
    #: Which application date the deadline judges (:func:`submitted_on`, :func:`signed_on`).
    step: Callable[[Application], date | None]
    #: What was done, for the reason, e.g. "signed".
    verb: str
    #: What missing the deadline means, e.g. "the offer has lapsed".
    consequence: str
    #: Declare it :func:`~caresq.model.by_application` when it reads only the application, so
    #: the engine can remember the rule's verdict per application.
    applies: Callable[[Situation], str | None] = always_applies

    @property
    def facts(self) -> tuple[Fact, ...]:
        return ()

    def __call__(self, situation: Situation) -> Verdict:
        exempt = self.applies(situation)
        if exempt is not None:
            return Verdict(Outcome.NOT_APPLICABLE, exempt)
        done = self.step(situation.application)
        due = self.deadline.due.isoformat()
        if done is None:
            return Verdict(Outcome.NOT_APPLICABLE,
                           f"not {self.verb} yet: the deadline {due} is open")
        if done <= self.deadline.due:
            return Verdict(Outcome.MET, f"{self.verb} on {done.isoformat()}, by {due}")
        return Verdict(Outcome.UNMET, f"{self.verb} on {done.isoformat()}, after {due}: "
                                      f"{self.consequence}")
