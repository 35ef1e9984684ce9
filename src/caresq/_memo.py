"""Bounded memories of the hot path: plain dicts (looked up in C) that make room when full.

A full memory forgets its older half, the entries stored first, rather than everything: a batch
whose distinct values outnumber the limit (a season's application dates, the pairs of phone
schedules) keeps finding the half it stored last instead of starting from nothing each time,
while memory stays bounded by ``limit`` entries.
"""

from __future__ import annotations

from typing import Any, TypeVar

_Memo = TypeVar("_Memo", bound=dict[Any, Any])


def bounded(memo: _Memo, limit: int) -> _Memo:
    """``memo``, with room for one more entry: when it holds ``limit`` entries (or more), the
    older half is forgotten first (dicts keep the order entries were stored in)."""
    if len(memo) >= limit:
        # An engine shared by threads may have two of them here at once: the keys are listed
        # in one call (no other thread runs in it) and popped, so neither trips on the other.
        for key in list(memo)[:len(memo) - limit // 2]:
            memo.pop(key, None)
    return memo
