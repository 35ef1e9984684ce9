"""The exceptions caresq raises; each carries the fields a caller needs to act on it."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import Final

from attrs import frozen


class CaresqError(Exception):
    """Base class of every error caresq raises on purpose."""


#: What a plugin's code can raise that is the plugin's fault, to be named and contained like
#: any bug of a rule: every exception, and SystemExit (a plugin that calls ``sys.exit()``, or
#: argparse, would otherwise end a whole batch silently). Not KeyboardInterrupt, nor the
#: command line's stop on SIGTERM: a person stopping the command.
PLUGIN_FAULTS: Final = (Exception, SystemExit)


@frozen
class Problem:
    """One thing wrong with an input, and where: ``facts["fysio.patient_score"]``."""

    #: Path into the profile; empty for the profile as a whole.
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


#: How many problems a ProfileError lists; past these it only counts them.
MAX_LISTED_PROBLEMS: Final = 100


class ProfileError(CaresqError, ValueError):
    """A profile that does not fit the format; ``errors`` lists **every** problem with its path.

    Every problem up to :data:`MAX_LISTED_PROBLEMS` is listed; past them ``errors`` ends with
    one line "... and N more problems" (``total`` is the full count), so a profile with a
    million unknown ids is told in a hundred lines, not a million.
    """

    def __init__(self, problems: Iterable[Problem], total: int | None = None) -> None:
        listed = tuple(islice(problems, MAX_LISTED_PROBLEMS))
        #: The problems found, in input order (the first :data:`MAX_LISTED_PROBLEMS`).
        self.problems: tuple[Problem, ...] = listed
        #: How many problems there were in all.
        self.total: int = max(len(listed), total or 0)
        more = self.total - len(listed)
        #: The problems as ``"path: message"`` lines (and how many more, past the cap).
        self.errors: tuple[str, ...] = (
            *(str(problem) for problem in listed),
            *([f"... and {more} more problem{'s' if more > 1 else ''}"] if more else []))
        super().__init__("invalid profile:\n" + "\n".join(f"  {line}" for line in self.errors))


class PolicyNotFound(CaresqError, LookupError):
    """No loaded plugin encodes a policy for the asked contract year or care type."""

    def __init__(self, message: str, available: Iterable[int]) -> None:
        #: The contract years that do exist, ascending.
        self.available: tuple[int, ...] = tuple(sorted(set(available)))
        years = ", ".join(map(str, self.available)) or "none"
        super().__init__(f"{message}; contract years available: {years}")


class ContractNotFound(CaresqError, LookupError):
    """A contract id no loaded plugin offers."""

    def __init__(self, contract: str, available: Iterable[str]) -> None:
        self.contract = contract
        self.available: tuple[str, ...] = tuple(sorted(available))
        super().__init__(f"unknown contract {contract!r}; known: {', '.join(self.available)}")


class PluginError(CaresqError):
    """Plugins that contradict each other or the protocol (a clash of ids, an undeclared fact).

    ``plugin`` names the plugin at fault, when one can be named: the one whose hook raised or
    returned something malformed, or the later of two that clash. ``Engine.default()`` leaves
    that plugin out, reports it as failed and keeps the others.
    """

    def __init__(self, message: str, plugin: str | None = None) -> None:
        super().__init__(message)
        self.plugin = plugin


class RuleError(CaresqError):
    """A plugin's rule or terms raised, or a rule returned something that is not a Verdict.

    Not bad input: a bug, in the plugin named (or in caresq, when ``plugin`` is None). The
    original exception is the ``__cause__``.
    """

    def __init__(self, plugin: str | None, condition: str | None, message: str) -> None:
        #: The plugin that declared the failing condition or contract; None if not found.
        self.plugin = plugin
        #: The failing condition's id; None when the contract's terms failed, or not found.
        self.condition = condition
        #: What went wrong, e.g. "ZeroDivisionError: division by zero".
        self.message = message
        where = ", ".join(filter(None, [plugin and f"plugin {plugin!r}",
                                        condition and f"condition {condition!r}"]))
        super().__init__(f"{where}: {message}" if where else message)
