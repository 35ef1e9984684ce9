"""Where two JSON values differ, named by a path a reader can follow.

Lists of objects that carry an id (``condition`` for findings, ``contract`` for results,
``name`` for deadlines) are matched by that id, so a path reads
``results[fysio.basis].findings[fysio.patient_score].outcome`` rather than by index.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Final

#: Stands for a key or item one side does not have.
MISSING: Final = object()
_ID_KEYS: Final = ("condition", "contract", "name")


def differences(before: object, after: object, path: str = "") -> Iterator[tuple[str, object,
                                                                                   object]]:
    """Every ``(path, before, after)`` where the two JSON values differ, in document order."""
    if isinstance(before, dict) and isinstance(after, dict):
        for key in dict.fromkeys([*before, *after]):
            yield from differences(before.get(key, MISSING), after.get(key, MISSING),
                                   f"{path}.{key}" if path else str(key))
    elif isinstance(before, list) and isinstance(after, list):
        key = _id_key(before, after)
        if key is None:
            for index in range(max(len(before), len(after))):
                yield from differences(before[index] if index < len(before) else MISSING,
                                       after[index] if index < len(after) else MISSING,
                                       f"{path}[{index}]")
        else:
            old = {item[key]: item for item in before}
            new = {item[key]: item for item in after}
            for ident in dict.fromkeys([*old, *new]):
                yield from differences(old.get(ident, MISSING), new.get(ident, MISSING),
                                       f"{path}[{ident}]")
    elif before != after or type(before) is not type(after):
        yield path, before, after


def _id_key(*lists: list[object]) -> str | None:
    for key in _ID_KEYS:
        ids = [item.get(key) if isinstance(item, dict) else None
               for items in lists for item in items]
        per_list = [[item.get(key) for item in items if isinstance(item, dict)]
                    for items in lists]
        if ids and all(isinstance(i, str) for i in ids) and all(
                len(set(found)) == len(found) for found in per_list):
            return key
    return None


def show(value: object, limit: int = 120) -> str:
    """A value as JSON on one line, cut to ``limit`` characters; ``(none)`` for MISSING."""
    if value is MISSING:
        return "(none)"
    try:
        text = json.dumps(value, ensure_ascii=False, default=repr)
    except ValueError:
        text = repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def describe_differences(before: object, after: object, limit: int = 3,
                         first: str | None = None) -> str | None:
    """The first ``limit`` differences as ``path: before -> after; ...``; None when equal.

    :param first: list the paths that contain this word first (e.g. "findings", the cause of
        a changed status).
    """
    every = sorted(differences(before, after),
                   key=lambda item: first is None or first not in item[0])
    found = [f"{path or '(the whole value)'}: {show(old)} -> {show(new)}"
             for path, old, new in every[:limit + 1]]
    if not found:
        return None
    more = "; ..." if len(found) > limit else ""
    return "; ".join(found[:limit]) + more
