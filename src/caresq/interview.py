"""An interview: ask only the questions that still matter, most decisive first, until settled.

:class:`Interview` holds a profile in the making. :attr:`Interview.question` is the first
question of the advice (:mod:`caresq.advice`) over every application; :meth:`Interview.answer`
reads a typed answer and checks it exactly as the profile reader checks a profile, so a bad
answer raises the reader's own :class:`~caresq.ProfileError`; :meth:`Interview.skip` leaves a
fact unknown. The interview is settled when no question is left. The engine builds one
(``Engine.interview``); ``caresq interview`` drives it from a terminal or a pipe.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from typing import Any, Final

from caresq.advice import Advice, Question
from caresq.errors import Problem, ProfileError
from caresq.facts import Fact, FactType
from caresq.model import Finding
from caresq.profile import Profile, parse_json, profile_to_json
from caresq.schedule import DAYS

_YES: Final = frozenset({"yes", "y", "ja", "j", "true"})
_NO: Final = frozenset({"no", "n", "nee", "false"})
_DAY_RANGE: Final = re.compile(r"([a-z]{3})(?:-([a-z]{3}))?")
#: A number as JSON writes one: ASCII digits only, no sign but minus, no underscores, no
#: white space inside (Python's int() and float() take "1_0", " 1", "١٠" and "infinity").
_JSON_NUMBER: Final = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")


class Interview:
    """A profile being completed one answer at a time.

    :param advise: gives the advice for a profile (JSON mapping), e.g. ``engine.advise``.
    :param read: checks a profile (JSON mapping) as the profile reader does.
    :param facts: the fact catalogue, by id.
    :param data: the profile so far, as JSON; it is copied, never changed.
    :param contract: ask only what matters to this contract's application (default: to any).
    """

    def __init__(self, advise: Callable[[Mapping[str, Any]], Advice],
                 read: Callable[[Mapping[str, Any]], Profile], facts: Mapping[str, Fact],
                 data: Mapping[str, Any], contract: str | None = None) -> None:
        self._advise = advise
        self._read = read
        self._facts = facts
        self._contract = contract
        self._data: dict[str, Any] = json.loads(json.dumps(data))
        if not self._data.get("facts"):
            self._data["facts"] = {}
        self._skipped: set[str] = set()
        self.advice = advise(self._data)

    @property
    def question(self) -> Question | None:
        """The most decisive question not skipped, over every application; None: settled."""
        asked = [q for result in self.advice.results for q in result.questions
                 if q.fact not in self._skipped
                 and self._contract in (None, result.contract)]
        if not asked:
            return None
        return min(asked, key=lambda q: ("status" not in q.decides, -q.contracts))

    @property
    def settled(self) -> bool:
        """Whether no question that still matters is left (skipped ones aside)."""
        return self.question is None

    def sentences(self, question: Question) -> list[Finding]:
        """The findings of the conditions the question decides: their Dutch sentences."""
        found = {f.condition: f for result in self.advice.assessment.results
                 for f in result.findings}
        return [found[c] for c in dict.fromkeys(question.conditions) if c in found]

    def fact(self, question: Question) -> Fact:
        """The fact the question asks."""
        return self._facts[question.fact]

    def answer(self, fact_id: str, text: str) -> None:
        """Take ``text`` as the answer for ``fact_id``; ProfileError (as the reader says) if bad.

        Typed forms: yes/no; a number (``0.15`` or ``15%`` for a fraction); ``YYYY-MM-DD``;
        a choice; choices separated by commas; a schedule as JSON, ``24/7`` or
        ``mon-fri 09:00-17:00; sat 10:00-12:00``. Any JSON value is taken as it is.
        """
        fact = self._facts[fact_id]
        value = parse_answer(fact, text)
        candidate = json.loads(json.dumps(self._data))
        candidate["facts"][fact_id] = value
        try:
            self._read(candidate)
        except ProfileError as error:
            mine = [p for p in error.problems if fact_id in p.path] or list(error.problems)
            raise ProfileError(mine) from None
        self._data = candidate
        self.advice = self._advise(self._data)

    def skip(self, fact_id: str) -> None:
        """Leave ``fact_id`` unknown and ask it no more."""
        self._skipped.add(fact_id)

    def profile_json(self) -> dict[str, Any]:
        """The profile so far, as ``caresq assess`` reads it (checked, canonical form)."""
        return profile_to_json(self._read(self._data), self._facts)


def parse_answer(fact: Fact, text: str) -> object:
    """A typed answer as the JSON value a profile would hold; the reader checks it after."""
    answer = text.strip()
    kind = fact.type
    lowered = answer.lower()
    if kind is FactType.BOOL and lowered in _YES | _NO:
        return lowered in _YES
    if kind is FactType.FRACTION and answer.endswith("%"):
        percent = json_number(answer[:-1].strip())
        return answer if percent is None else percent / 100
    if kind is FactType.ENUM_LIST and not answer.startswith("["):
        return [item.strip() for item in answer.split(",") if item.strip()]
    if kind is FactType.SCHEDULE and not answer.startswith("{"):
        return _schedule(lowered)
    try:
        return parse_json(answer)  # bounded as a profile is: "[" * 100000 is no answer
    except ProfileError:
        return answer  # a bare word: a choice, a date, or what the reader will name as wrong


def json_number(text: str) -> int | float | None:
    """``text`` read as JSON reads a number (an int without a fraction or exponent); None
    when it is not one, or not a finite number a profile can hold.

    >>> json_number("12"), json_number("0.5"), json_number("1e2"), json_number("1_0")
    (12, 0.5, 100.0, None)
    """
    match = _JSON_NUMBER.fullmatch(text)
    if match is None:
        return None
    try:
        number: int | float = (int(text) if match.group(1) is None and match.group(2) is None
                               else float(text))
    except ValueError:  # an integer of more digits than Python converts
        return None
    return number if math.isfinite(number) else None


def _schedule(text: str) -> object:
    """``24/7`` or ``mon-fri 09:00-17:00; sat 10:00-12:00`` as a schedule's JSON."""
    if text in ("24/7", "always"):
        return {day: ["00:00-24:00"] for day in DAYS}
    if text in ("none", "never", ""):
        return {}
    hours: dict[str, list[str]] = {}
    for part in text.split(";"):
        days, _, spans = part.strip().partition(" ")
        match = _DAY_RANGE.fullmatch(days)
        if match is None or match.group(1) not in DAYS or (
                match.group(2) is not None and match.group(2) not in DAYS):
            raise ProfileError([Problem("", f"{days!r} is not a day or a day range such as "
                                            "mon-fri")])
        first = DAYS.index(match.group(1))
        last = DAYS.index(match.group(2) or match.group(1))
        # fri-mon runs over the weekend: the week goes round
        week = DAYS[first:last + 1] if first <= last else DAYS[first:] + DAYS[:last + 1]
        for day in week:
            hours.setdefault(day, []).extend(s.strip() for s in spans.split(",") if s.strip())
    return hours
