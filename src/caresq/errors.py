"""The exceptions caresq raises; each carries the fields a caller needs to act on it."""

from __future__ import annotations

from collections.abc import Iterable

from attrs import frozen


class CaresqError(Exception):
    """Base class of every error caresq raises on purpose."""


@frozen
class Problem:
    """One thing wrong with an input, and where: ``facts["fysio.patient_score"]``."""

    #: Path into the profile; empty for the profile as a whole.
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ProfileError(CaresqError, ValueError):
    """A profile that does not fit the format; ``errors`` lists **every** problem with its path."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        #: Every problem found, in input order.
        self.problems: tuple[Problem, ...] = tuple(problems)
        #: The problems as ``"path: message"`` lines.
        self.errors: tuple[str, ...] = tuple(str(problem) for problem in self.problems)
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
    """Plugins that contradict each other or the protocol (a clash of ids, an undeclared fact)."""
