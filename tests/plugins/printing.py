"""A plugin that prints to standard output: when it is imported, and in its rule.

Reachable as ``tests.plugins.printing:PRINTING``. caresq's own output on standard output (a
batch's lines, ``--format json``) must stay what it is: a plugin's prints go to standard error.
"""

from __future__ import annotations

from typing import Any

from attrs import frozen

import caresq
from caresq.rules import FactRule
from tests.plugins.hostile import REGISTERED, Stuk

print("printing plugin: imported")


@frozen
class Printing(FactRule):
    """Prints while it judges."""

    def judge(self, value: Any) -> caresq.Verdict:
        print(f"printing plugin: judging {value}")
        return caresq.Verdict(caresq.Outcome.MET if value else caresq.Outcome.UNMET,
                              f"registration: {'yes' if value else 'no'}")


PRINTING = Stuk("printing", Printing(REGISTERED))
