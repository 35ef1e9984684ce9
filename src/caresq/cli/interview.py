"""``caresq interview CONTRACT``: ask only the questions that still matter, then write a profile.

The conversation is read line by line from standard input, so a pipe works as a terminal does.
It goes to standard output when ``--output`` names the profile file, else to standard error,
so that ``caresq interview X > profile.json`` leaves only the profile on standard output.
"""

from __future__ import annotations

import argparse
import sys
from typing import IO, TYPE_CHECKING, Any

from caresq.advice import Question, answer_text
from caresq.cli._common import (
    EXIT_OK,
    add_set_argument,
    check_output_path,
    date_argument,
    engine_with_sets,
    json_bytes,
    output_argument,
    read_text,
    write_output,
)
from caresq.errors import Problem, ProfileError
from caresq.facts import show_value
from caresq.interview import Interview
from caresq.profile import parse_json
from caresq.render import headline
from caresq.text import escape_control

if TYPE_CHECKING:
    from caresq.engine import Engine

#: What a person types to leave a question unanswered.
SKIP = ("skip", "?")


def add_parser(commands: Any) -> None:
    """Declare ``interview`` and its arguments."""
    interview = commands.add_parser(
        "interview", help="ask the questions that still matter and write the profile",
        description="Answers are read line by line from standard input; 'skip' leaves one "
                    "unknown.",
        epilog="example: caresq interview %(contract)s --output profile.json")
    interview.add_argument("contract", help="the contract id, e.g. %(contract)s")
    interview.add_argument("--profile", metavar="FILE",
                           help="profile JSON to start from (default: a blank profile)")
    interview.add_argument("--output", type=output_argument, metavar="FILE",
                           help="where to write the profile JSON (default: standard output)")
    interview.add_argument("--on", type=date_argument, metavar="YYYY-MM-DD",
                           help="reference date (default: today)")
    interview.add_argument("--year", type=int, metavar="YYYY",
                           help="contract year (default: the contract's latest)")
    add_set_argument(interview)
    interview.set_defaults(run=run)


def run(args: argparse.Namespace, engine: Engine) -> int:
    """Interview, then write the profile."""
    talk = sys.stdout if args.output else sys.stderr
    engine = engine_with_sets(engine, args)
    # What would fail at the end fails before the first question: no answer is typed in vain.
    engine.contract(args.contract, args.year)
    check_output_path(args.output)
    if args.profile:
        data = parse_json(read_text(args.profile))
        if not isinstance(data, dict):
            raise ProfileError([Problem("", f"expected a JSON object, got {show_value(data)}")])
        interview = engine.interview(args.contract, data, on=args.on, year=args.year)
    else:
        started = _start(engine, args, talk)
        if started is None:
            return _write(None, args, talk)
        interview = started
    _print(f"Outcome so far: {_outcome(interview)}", file=talk)
    while (question := interview.question) is not None:
        _ask(interview, question, talk)
        line = _read_line(talk)
        if line is None:
            _print("Input ended; the questions left stay unknown.", file=talk)
            break
        if line.strip().lower() in SKIP:
            interview.skip(question.fact)
            continue
        try:
            interview.answer(question.fact, line)
        except ProfileError as error:
            for problem in error.errors:
                _print(f"  Not taken: {problem}", file=talk)
            continue
        _print(f"Outcome so far: {_outcome(interview)}", file=talk)
    if interview.settled:
        _print("Settled: no question left that can change the outcome.", file=talk)
    return _write(interview, args, talk)


def _start(engine: Engine, args: argparse.Namespace, talk: IO[str]) -> Interview | None:
    """Ask the AGB code until the reader takes it; None when the input ends first."""
    while True:
        _print("AGB code (8 digits):", file=talk)
        line = _read_line(talk)
        if line is None:
            return None
        try:
            return engine.interview(args.contract, agb_code=line.strip(), on=args.on,
                                    year=args.year)
        except ProfileError as error:
            for problem in error.errors:
                _print(f"  Not taken: {problem}", file=talk)


def _ask(interview: Interview, question: Question, talk: IO[str]) -> None:
    fact = interview.fact(question)
    lines = ["", f"{fact.id} ({fact.describe_type()})"]
    for finding in interview.sentences(question):
        lines.append(f"  {finding.condition} [{finding.kind.value}]: \"{finding.text}\"")
    lines.append(f"  {question.question}")
    lines.append("  " + "; ".join(answer_text(answer) for answer in question.answers))
    for line in lines:
        _print(line, file=talk)


def _print(line: str = "", *, file: IO[str], end: str = "\n", flush: bool = False) -> None:
    """Print one line of the conversation, control characters from the input escaped."""
    print(escape_control(line), file=file, end=end, flush=flush)


def _read_line(talk: IO[str]) -> str | None:
    _print("> ", end="", file=talk, flush=True)
    line = sys.stdin.readline()
    if not line or not sys.stdin.isatty():
        _print(file=talk)  # a piped answer is not echoed: end the prompt's line
    return line.rstrip("\n") if line else None


def _outcome(interview: Interview) -> str:
    return "; ".join(headline(result) for result in interview.advice.assessment.results)


def _write(interview: Interview | None, args: argparse.Namespace, talk: IO[str]) -> int:
    if interview is None:
        _print("Input ended before an AGB code was given; no profile written.", file=talk)
        return EXIT_OK
    # encoded before anything is opened, and the old file whole until the new one is
    write_output(json_bytes(interview.profile_json()), args.output)
    if args.output:
        _print(f"Profile written to {args.output}.", file=talk)
    return EXIT_OK
