"""Building blocks for the procedure side of a policy: deadlines judged on application dates.

Deadlines are judged on the dates the profile gives (R8.6): a step without a date is open while
its due date is ahead and shows its days left from the reference date; once the due date has
passed and the profile still gives no date, whether the step was done is unknown, so the
procedure condition is unknown and the status cannot be ``eligible``.
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
    """Judge ``deadline`` on the date a step was done; ``met`` None when no date is given."""
    met = deadline.is_met_by(done_on)
    return DeadlineCheck(deadline.name, deadline.due, met,
                         deadline.days_left(on) if met is None else None,
                         deadline.weekend_or_holiday_note())


@by_application
def always_applies(situation: Situation) -> str | None:
    """The default of :attr:`DoneBy.applies`: the deadline binds every application."""
    return None


def undated(deadline: Deadline, verb: str, on: date) -> Verdict:
    """The verdict for a step the profile gives no date for, seen from the reference date ``on``.

    Open (not applicable) while the due date is ahead; unknown once it has passed (R8.6).
    """
    due = deadline.due.isoformat()
    late = -deadline.days_left(on)
    if late <= 0:
        return Verdict(Outcome.NOT_APPLICABLE, f"not {verb} yet: the deadline {due} is open")
    return Verdict(Outcome.UNKNOWN,
                   f"the deadline {due} passed {late} day{'s' if late != 1 else ''} ago; the "
                   f"profile does not say whether or when it was {verb} (R8.6)")


@frozen
class DoneBy:
    """A procedure rule: a step done after ``deadline`` is unmet; no date is open, then unknown.

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
            return undated(self.deadline, self.verb, situation.on)
        if done <= self.deadline.due:
            return Verdict(Outcome.MET, f"{self.verb} on {done.isoformat()}, by {due}")
        return Verdict(Outcome.UNMET, f"{self.verb} on {done.isoformat()}, after {due}: "
                                      f"{self.consequence}")
