"""Building blocks for the procedure side of a policy: deadlines judged on application dates.

Deadlines are judged on the dates the profile gives (R8.6): a step without a date is open while
its due date is ahead and shows its days left from the reference date; once the due date has
passed and the profile still gives no date, whether the step was done is unknown, so the
procedure condition is unknown and the status cannot be ``eligible``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from attrs import frozen

from caresq.calendar import Deadline
from caresq.facts import Fact
from caresq.model import DeadlineCheck, Outcome, Situation, Verdict, reads_application
from caresq.profile import Application


@reads_application("submitted_on")
def submitted_on(application: Application) -> date | None:
    """When the questionnaire was confirmed or the request sent.

    Reads: the application's ``submitted_on`` date; None when the profile gives none.

    >>> submitted_on(Application("fysio.basis", date(2029, 10, 1)))
    datetime.date(2029, 10, 1)
    """
    return application.submitted_on


@reads_application("signed_on")
def signed_on(application: Application) -> date | None:
    """When the offered contract was signed.

    Reads: the application's ``signed_on`` date; None when the profile gives none.

    >>> signed_on(Application("fysio.basis")) is None
    True
    """
    return application.signed_on


def check_deadline(deadline: Deadline, done_on: date | None, on: date) -> DeadlineCheck:
    """Judge ``deadline`` on the date a step was done; ``met`` None when no date is given.

    Unknown: a step without a date has ``met`` None and ``days_left`` counting calendar days
    from ``on`` to the due date (negative once it has passed).

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


@reads_application()
def always_applies(situation: Situation) -> str | None:
    """The default of :attr:`DoneBy.applies`: the deadline binds every application.

    It reads no fact; None means "applies" (a text would say why the step does not apply).

    >>> always_applies(situation()) is None
    True
    """
    return None


def undated(deadline: Deadline, verb: str, on: date) -> Verdict:
    """The verdict for a step the profile gives no date for, seen from the reference date ``on``.

    Open (not applicable) while the due date is ahead; unknown once it has passed (R8.6).

    >>> from caresq.calendar import Deadline
    >>> due = Deadline("signing", date(2029, 11, 1), None, "Uiterste tekendatum 1 november 2029")
    >>> undated(due, "signed", date(2029, 10, 1)).outcome
    <Outcome.NOT_APPLICABLE: 'not_applicable'>
    >>> undated(due, "signed", date(2029, 11, 3)).reason
    'the deadline 2029-11-01 passed 2 days ago; the profile does not say whether or when it ...'
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

    Reads: no fact; the application date ``step`` picks (:func:`submitted_on` or
    :func:`signed_on`). ``applies(situation)`` returns None when the deadline binds this
    application, or a reason why it does not (then the rule is not applicable): e.g.
    ``lambda s: "an existing contract" if s.application.existing_contract else None``.

    Unknown: when the step has no date and the due date has passed (R8.6). A step without a
    date is ``not_applicable`` while the due date is ahead (open); a date after
    ``deadline.due`` is unmet.

    Example:

    >>> from caresq.calendar import Deadline
    >>> due = Deadline("signing", date(2029, 11, 1), None, "Uiterste tekendatum 1 november 2029")
    >>> rule = DoneBy(due, signed_on, "signed", "the offer has lapsed")
    >>> rule(situation(signed_on=date(2029, 11, 2))).reason
    'signed on 2029-11-02, after 2029-11-01: the offer has lapsed'
    >>> rule(situation(on=date(2029, 10, 1))).outcome  # no date yet, the deadline ahead
    <Outcome.NOT_APPLICABLE: 'not_applicable'>
    >>> rule(situation(on=date(2029, 11, 3))).outcome  # no date, the deadline passed
    <Outcome.UNKNOWN: 'unknown'>
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

    def answers(self, situation: Situation) -> Mapping[str, Sequence[object]]:
        return {}

    def repairs(self, situation: Situation) -> Sequence[Mapping[str, object]]:
        return ()  # application dates are what happened: advice never moves them

    def wants(self) -> str:
        return f"{self.verb} by {self.deadline.due.isoformat()}"
