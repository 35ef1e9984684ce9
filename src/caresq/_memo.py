"""Bounded memories of the hot path: plain dicts (looked up in C) that make room when full.

A full memory forgets its older half, the entries stored first, rather than everything: a batch
whose distinct values outnumber the limit (a season's application dates, the pairs of phone
schedules) keeps finding the half it stored last instead of starting from nothing each time,
while memory stays bounded by ``limit`` entries.
"""

from __future__ import annotations

from itertools import islice
from typing import Any, TypeVar

_Memo = TypeVar("_Memo", bound=dict[Any, Any])


def bounded(memo: _Memo, limit: int) -> _Memo:
    """``memo``, with room for one more entry: when it holds ``limit`` entries (or more), the
    older half is forgotten first (dicts keep the order entries were stored in)."""
    if len(memo) >= limit:
        for key in list(islice(memo, len(memo) - limit // 2)):
            del memo[key]
    return memo
