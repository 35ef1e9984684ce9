"""Policy fingerprints: one SHA-256 of everything that decides a contract.

The canonical form walks the prepared contract: the policy, the contract (id, title, variants,
terms), every condition (id, kind, citation, Dutch sentence, reading) with its rule taken apart
recursively (each attrs object as its class's module and qualified name plus its fields, each
function as its module and qualified name plus the values its closure and defaults hold), and
the values in force of the policy's parameters. That form is written as JSON with sorted keys
and hashed. Nothing in it depends on a run: no ``hash()``, no ``id()``, no repr with an
address, so the fingerprint is the same across runs, machines and ``PYTHONHASHSEED`` values,
and it changes as soon as a sentence, citation, rule shape or parameter value changes.
"""

from __future__ import annotations

import enum
import functools
import hashlib
import json
import types
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from typing import Any, Final, cast

import attrs

from caresq.parameters import Parameter
from caresq.registry import ContractSpec

#: Bumped when the canonical form itself changes, so old and new fingerprints never collide.
FORM_VERSION: Final = 1
#: How deep the walk goes before it stops (a rule nested deeper is a mistake, or a cycle).
_MAX_DEPTH: Final = 64

JSON = Any


def contract_fingerprint(spec: ContractSpec, parameters: Sequence[Parameter]) -> str:
    """The hex SHA-256 of :func:`canonical_contract` ``(spec, parameters)``."""
    text = json.dumps(canonical_contract(spec, parameters), sort_keys=True,
                      ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical_contract(spec: ContractSpec, parameters: Sequence[Parameter]) -> JSON:
    """The canonical form of a prepared contract and the parameter values in force."""
    return {
        "form": FORM_VERSION,
        "policy": canonical(spec.policy),
        "contract": canonical(spec.contract),
        "conditions": [canonical(condition) for condition in spec.conditions],
        "parameters": {parameter.id: canonical(parameter.value) for parameter in parameters},
    }


def canonical(value: object) -> JSON:
    """``value`` as plain JSON data that names its shape and never depends on the run."""
    return _Walker().walk(value, 0)


def _name(thing: object) -> str:
    module = getattr(thing, "__module__", None) or "?"
    return f"{module}:{getattr(thing, '__qualname__', type(thing).__qualname__)}"


class _Walker:
    """One walk: remembers what it is inside of, so that a cycle ends instead of recursing."""

    def __init__(self) -> None:
        self._inside: set[int] = set()  # only to stop cycles; never part of the output

    def walk(self, value: object, depth: int) -> JSON:
        if value is None or isinstance(value, bool | str):
            return value
        if isinstance(value, int):
            return value
        if isinstance(value, float):
            return {"float": repr(value)}  # repr is the shortest exact form, the same anywhere
        if isinstance(value, enum.Enum):
            return {"enum": _name(type(value)), "value": self.walk(value.value, depth + 1)}
        if isinstance(value, datetime | date | time):
            return {type(value).__name__: value.isoformat()}
        if depth > _MAX_DEPTH or id(value) in self._inside:
            return {"cycle": _name(type(value))}
        self._inside.add(id(value))
        try:
            return self._compound(value, depth + 1)
        finally:
            self._inside.discard(id(value))

    def _compound(self, value: object, depth: int) -> JSON:
        if attrs.has(type(value)):
            return {"class": _name(type(value)),
                    "fields": {field.name: self.walk(getattr(value, field.name), depth)
                               for field in attrs.fields(cast(Any, type(value)))}}
        if isinstance(value, list | tuple):
            return [self.walk(item, depth) for item in value]
        if isinstance(value, set | frozenset):
            return {"set": sorted((self.walk(item, depth) for item in value), key=_sort_key)}
        if isinstance(value, Mapping):
            pairs = [[self.walk(key, depth), self.walk(item, depth)]
                     for key, item in value.items()]
            return {"mapping": sorted(pairs, key=_sort_key)}
        if isinstance(value, functools.partial):
            return {"partial": self.walk(value.func, depth),
                    "args": self.walk(value.args, depth),
                    "keywords": self.walk(dict(value.keywords), depth)}
        if isinstance(value, types.MethodType):
            return {"method": value.__func__.__qualname__, "of": self.walk(value.__self__, depth)}
        if isinstance(value, types.FunctionType):
            return self._function(value, depth)
        if isinstance(value, type | types.BuiltinFunctionType | types.ModuleType):
            return {"name": _name(value) if not isinstance(value, types.ModuleType)
                    else value.__name__}
        return self._object(value, depth)

    def _function(self, function: types.FunctionType, depth: int) -> JSON:
        # By name, plus what the function closes over and its defaults: a parameter value
        # captured in a closure is part of the policy as much as a rule's field is.
        closure = [self.walk(cell.cell_contents, depth) for cell in function.__closure__ or ()
                   if _filled(cell)]
        return {"function": _name(function), "closure": closure,
                "defaults": self.walk(function.__defaults__ or (), depth),
                "kwdefaults": self.walk(function.__kwdefaults__ or {}, depth)}

    def _object(self, value: object, depth: int) -> JSON:
        state: dict[str, object] = {}
        for cls in type(value).__mro__:
            for slot in getattr(cls, "__slots__", ()):
                if isinstance(slot, str) and hasattr(value, slot):
                    state[slot] = getattr(value, slot)
        state.update(getattr(value, "__dict__", {}))
        return {"object": _name(type(value)),
                "state": {key: self.walk(item, depth) for key, item in state.items()}}


def _filled(cell: types.CellType) -> bool:
    try:
        cell.cell_contents  # noqa: B018 - an empty cell raises
    except ValueError:
        return False
    return True


def _sort_key(item: JSON) -> str:
    return json.dumps(item, sort_keys=True, ensure_ascii=False)
