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
from caresq.model import DeadlineCheck, Outcome, Situation, Verdict
from caresq.profile import Application


def submitted_on(application: Application) -> date | None:
    """When the questionnaire was confirmed or the request sent.

    Reads: the application's ``submitted_on`` date; None when the profile gives none.

    >>> submitted_on(Application("fysio.basis", date(2029, 10, 1)))
    datetime.date(2029, 10, 1)
    """
    return application.submitted_on


def signed_on(application: Application) -> date | None:
    """When the offered contract was signed.

    Reads: the application's ``signed_on`` date; None when the profile gives none.

    >>> signed_on(Application("fysio.basis")) is None
    True
    """
    return application.signed_on


def check_deadline(deadline: Deadline, done_on: date | None, on: date) -> DeadlineCheck:
    """Judge ``deadline`` on the date a step was done; open (``met`` None) when not done.

    Unknown: a step without a date is open: ``met`` is None and ``days_left`` counts calendar
    days from ``on`` to the due date.

    >>> from caresq.calendar import Deadline
    >>> due = Deadline("signing", date(2029, 11, 1), None, "Uiterste tekendatum 1 november 2029")
    >>> check = check_deadline(due, None, date(2029, 10, 25))
    >>> check.met, check.days_left
    (None, 7)
    """
    met = deadline.is_met_by(done_on)
    return DeadlineCheck(deadline.name, deadline.due, met,
                         deadline.days_left(on) if met is None else None,
                         deadline.weekend_or_holiday_note())


@frozen
class DoneBy:
    """A procedure rule: a step done after ``deadline`` is unmet; not done yet is open.

    ``applies`` narrows it to a route, e.g. the signing deadline binds only the regular round.

    Reads: no fact; the application date ``step`` picks (:func:`submitted_on` or
    :func:`signed_on`). ``applies(situation)`` returns None when the deadline binds this
    application, or a reason why it does not (then the rule is not applicable): e.g.
    ``lambda s: "an existing contract" if s.application.existing_contract else None``.

    Unknown: never. A step without a date is ``not_applicable`` (open: the deadline is judged
    once the date is given, R8.6); a date after ``deadline.due`` is unmet.

    Example:

    >>> from caresq.calendar import Deadline
    >>> due = Deadline("signing", date(2029, 11, 1), None, "Uiterste tekendatum 1 november 2029")
    >>> rule = DoneBy(due, signed_on, "signed", "the offer has lapsed")
    >>> rule(situation(signed_on=date(2029, 11, 2))).reason
    'signed on 2029-11-02, after 2029-11-01: the offer has lapsed'
    >>> rule(situation()).outcome
    <Outcome.NOT_APPLICABLE: 'not_applicable'>
    """

    deadline: Deadline
    #: Which application date the deadline judges (:func:`submitted_on`, :func:`signed_on`).
    step: Callable[[Application], date | None]
    #: What was done, for the reason, e.g. "signed".
    verb: str
    #: What missing the deadline means, e.g. "the offer has lapsed".
    consequence: str
    applies: Callable[[Situation], str | None] = lambda situation: None

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
