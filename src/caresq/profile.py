"""Profiles: what a provider states about itself (docs/profile.md), read strictly at the edge.

:class:`ProfileReader` turns JSON text or a plain mapping into a :class:`Profile` through one
configured cattrs converter, checks every fact against the catalogue, and collects **every**
problem with its path into one :class:`~caresq.errors.ProfileError`. Nothing inside caresq ever
sees an unchecked value.

Speed: a profile whose shape is plainly right (the common case in a batch) is read by a
straight check of each key, without the cattrs round trip; anything else, or anything that
fails that check, takes the cattrs road, which names every problem with its path. Both roads
give equal profiles, and the converter is only built (and cattrs only imported) when the slow
road is first taken.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, Final, NewType

import orjson
from attrs import field, frozen

from caresq._memo import bounded
from caresq.errors import MAX_LISTED_PROBLEMS, Problem, ProfileError
from caresq.facts import CHECKED_TYPES, Fact, FactType, FactValueError, parse_date, show_value
from caresq.schedule import WeeklySchedule

if TYPE_CHECKING:
    import cattrs

AgbCode = NewType("AgbCode", str)
ContractId = NewType("ContractId", str)

_TOP_LEVEL_KEYS: Final = ("agb_code", "name", "applications", "facts")
_APPLICATION_KEYS: Final = ("contract", "submitted_on", "signed_on", "existing_contract")
_TOP_LEVEL_SET: Final = frozenset(_TOP_LEVEL_KEYS)
_APPLICATION_SET: Final = frozenset(_APPLICATION_KEYS)
_BOOL: Final = FactType.BOOL
_FRACTION: Final = FactType.FRACTION
#: The largest profile (or batch line) read, in bytes: beyond it the text is refused unread.
MAX_BYTES: Final = 16 * 2**20
#: Dates already read by the fast road; bounded like the schedule cache.
_DATES: dict[str, date] = {}
_DATES_LIMIT: Final = 4096
#: Floats inside these bounds are floats to orjson and to json alike; beyond them orjson may
#: have read an integer too large for 64 bits.
_EXACT_FLOAT_MIN: Final = -(2.0**63)
_EXACT_FLOAT_MAX: Final = 2.0**64


@frozen
class Application:
    """A request for one contract, with the dates the procedure is judged on."""

    #: Contract id, e.g. "fysio.basis".
    contract: str
    #: The questionnaire was confirmed, or the request or registration was sent, on this date.
    submitted_on: date | None = None
    #: The offered contract was signed on this date.
    signed_on: date | None = None
    #: The provider already holds the multi-year contract that runs through the contract year.
    existing_contract: bool = False


@frozen
class Profile:
    """A provider's statements, checked. Facts that were absent or null are simply not here."""

    #: The 8-digit AGB code; ``None`` when the profile gives ``null``: unknown, like a fact, so
    #: conditions on it are unknown (a blank questionnaire template reads back this way).
    agb_code: str | None
    applications: tuple[Application, ...]
    name: str | None = None
    #: Fact id to checked value (bool, float, int, date, str, tuple of str, WeeklySchedule).
    facts: Mapping[str, object] = field(factory=dict)
    #: Made by a reader's ``read`` or ``read_json``: known checked, so not checked again. A
    #: Profile built by hand (or by ``attrs.evolve``) starts unchecked; the engine checks it
    #: as its JSON form would be (:meth:`ProfileReader.check`).
    _checked: bool = field(default=False, init=False, eq=False, repr=False)


@frozen
class _ApplicationDoc:
    contract: ContractId
    submitted_on: date | None = None
    signed_on: date | None = None
    existing_contract: bool = False


@frozen
class _ProfileDoc:
    agb_code: AgbCode | None
    applications: list[_ApplicationDoc]
    name: str | None = None


def _strict(kind: type, noun: str) -> Callable[[object, type], Any]:
    """A hook that accepts exactly ``kind``: cattrs' defaults would turn 1 into "1" or True."""

    def hook(value: object, _: type) -> Any:
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            raise TypeError(f"{show_value(value)} is not {noun}")
        return value

    return hook


def _agb_code(value: object, _: type) -> AgbCode:
    if not isinstance(value, str) or len(value) != 8 or not value.isascii() or not value.isdigit():
        raise ValueError(f"{show_value(value)} is not an 8-digit AGB code (a string)")
    return AgbCode(value)


def _date(value: object, _: type) -> date:
    return parse_date(value)


class ProfileReader:
    """Reads profiles against one fact catalogue and one set of contract ids."""

    def __init__(self, facts: Mapping[str, Fact], contracts: frozenset[str]) -> None:
        self._facts = facts
        self._contracts = contracts
        self._converter_: cattrs.Converter | None = None
        # Each fact's check, looked up once here rather than per value; yes/no facts and
        # fractions, most of any profile, are checked inline on the fast road.
        self._checks: dict[str, Callable[[object], object]] = {
            fact_id: fact.checker() for fact_id, fact in facts.items()}
        self._types = {fact_id: fact.type for fact_id, fact in facts.items()}
        self._schedules = tuple(fact_id for fact_id, fact in facts.items()
                                if fact.type is FactType.SCHEDULE)
        #: Applications the fast road has read, by their JSON values (for this reader's
        #: contracts only, hence here and not shared).
        self._applications: dict[tuple[object, ...], Application] = {}
        self._suggestions: dict[str, str] = {}

    def _suggestion(self, fact_id: str) -> str:
        """"; did you mean ..." for an unknown fact id, worked out once per id: a batch's
        misspellings repeat, and finding the closest id is the slowest part of a bad line."""
        known = self._suggestions.get(fact_id)
        if known is None:
            known = _suggest(fact_id, self._facts)
            bounded(self._suggestions, _DATES_LIMIT)[fact_id] = known
        return known

    @property
    def _converter(self) -> cattrs.Converter:
        """The converter of the slow road, built the first time a profile needs it."""
        if self._converter_ is None:
            self._converter_ = self._make_converter()
        return self._converter_

    def _make_converter(self) -> cattrs.Converter:
        import cattrs  # only the slow road needs it: keeps ``import caresq`` light

        converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
        converter.register_structure_hook(str, _strict(str, "a string"))
        converter.register_structure_hook(bool, _strict(bool, "true or false"))
        converter.register_structure_hook(date, _date)
        converter.register_structure_hook(AgbCode, _agb_code)
        converter.register_structure_hook(ContractId, self._contract_id)
        self._wrap(converter, _ApplicationDoc, dict, "an object")
        self._wrap(converter, list[_ApplicationDoc], list, "a list of applications")
        return converter

    @staticmethod
    def _wrap(converter: cattrs.Converter, target: Any, kind: type, noun: str) -> None:
        """Check the JSON shape before cattrs iterates it: a string is not a list of objects."""
        inner = converter.get_structure_hook(target)

        def hook(value: object, type_: Any) -> Any:
            if not isinstance(value, kind):
                raise TypeError(f"{show_value(value)} is not {noun}")
            if kind is list and not value:
                raise ValueError("must name at least one application")
            return inner(value, type_)

        converter.register_structure_hook_func(lambda type_: type_ == target, hook)

    def _contract_id(self, value: object, _: type) -> ContractId:
        if not isinstance(value, str):
            raise TypeError(f"{show_value(value)} is not a string")
        if value not in self._contracts:
            known = ", ".join(sorted(self._contracts))
            raise ValueError(f'"{value}" is not a known contract; known: {known}')
        return ContractId(value)

    # -- reading --------------------------------------------------------------------------------

    def read_json(self, text: str | bytes, max_bytes: int = MAX_BYTES) -> Profile:
        """Read a profile from JSON text; raise ProfileError naming every problem.

        Text longer than ``max_bytes`` (bytes, or characters for a ``str``) is refused unread.
        A key given twice in one object is a problem named with its path.
        """
        _expect_text(text)
        profile = self._read_fast(text, max_bytes)
        return _checked(profile if profile is not None
                        else self._read_strict(parse_json(text, max_bytes)))

    def check(self, profile: Profile) -> Profile:
        """``profile`` if a reader made it; else (built by hand) the profile its JSON form
        reads as: an equal one when every value is right, else ProfileError naming every
        problem with its path, as for that JSON (``"false"`` for a yes/no fact, a share of
        -5, an AGB code given as a number, no application)."""
        if profile._checked:
            return profile
        return self.read(_json_form(profile, self._facts))

    def read_line(self, line: str | bytes, max_bytes: int = MAX_BYTES) -> Profile:
        """Read one line of a JSON Lines batch: :meth:`read_json` of :func:`decoded_line`.

        The same profile and the same messages, but bytes that read plainly are parsed as they
        are, without decoding them first.
        """
        if line.__class__ is not bytes:  # the batch's lines: bytes; checked only otherwise
            _expect_text(line)
        profile = self._read_fast(line, max_bytes)
        if profile is not None:
            return profile
        return self._read_strict(parse_json(decoded_line(line), max_bytes))

    def _read_fast(self, text: str | bytes, max_bytes: int) -> Profile | None:
        """The fast road of :meth:`read_json`: the profile, or None when the slow road must
        read the text (to find its problems, or what the fast road does not read)."""
        # It parses with orjson without looking for repeated keys, then counts: a plain
        # profile holds as many keys as the text has key-colons, unless a key came twice. It
        # accepts only values orjson and json read alike; anything else, and any text orjson
        # refuses, is read by the json module, whose reading and messages count.
        if len(text) > max_bytes:
            return None
        try:
            data = orjson.loads(text)
        except orjson.JSONDecodeError:
            return None  # json reads it: the message of a bad line is json's
        if type(data) is not dict:
            return None
        try:
            profile = self._read_plain(data)
        except _NotPlain:
            return None
        return profile if _keys_in_text(text) == self._plain_keys(data) else None

    def _plain_keys(self, data: dict[str, Any]) -> int:
        """How many keys a profile that took the fast road holds, in all its objects."""
        count = len(data) + sum(map(len, data["applications"]))
        facts = data.get("facts")
        if facts:
            count += len(facts)
            for fact_id in self._schedules:  # a schedule: the only object a fact value can be
                value = facts.get(fact_id)
                if value.__class__ is dict:
                    count += len(value)
        return count

    def read(self, data: object) -> Profile:
        """Read a profile from a parsed JSON value; raise ProfileError naming every problem."""
        if type(data) is dict:
            try:
                return _checked(self._read_plain(data))
            except _NotPlain:
                pass  # the slow road finds and names the problems
        return _checked(self._read_strict(data))

    def _read_plain(self, data: dict[str, object]) -> Profile:
        """The fast road: the profile when every value is plainly right, else :class:`_NotPlain`.

        Accepts a subset of what :meth:`_read_strict` accepts and builds an equal profile.
        """
        if not data.keys() <= _TOP_LEVEL_SET:
            raise _NotPlain
        if "agb_code" not in data:
            raise _NotPlain  # required, even when null
        agb_code = data["agb_code"]
        if agb_code is not None and (type(agb_code) is not str or len(agb_code) != 8
                                     or not agb_code.isascii() or not agb_code.isdigit()):
            raise _NotPlain
        name = data.get("name")
        if name is not None and type(name) is not str:
            raise _NotPlain
        applications = data.get("applications")
        if type(applications) is not list or not applications:
            raise _NotPlain
        return Profile(agb_code, tuple(map(self._application_plain, applications)), name,
                       self._facts_plain(data.get("facts")))

    def _application_plain(self, raw: object) -> Application:
        if type(raw) is not dict or not raw.keys() <= _APPLICATION_SET:
            raise _NotPlain
        existing = raw.get("existing_contract", False)
        if type(existing) is not bool:  # before the look-up: 1 == True
            raise _NotPlain
        # Applications repeat in a batch: the same JSON values give the same object, read once
        # (the strings and None of a stored key are equal to nothing else).
        key = (raw.get("contract"), raw.get("submitted_on"), raw.get("signed_on"), existing)
        try:
            known = self._applications.get(key)
        except TypeError:  # an unhashable value: not plain
            raise _NotPlain from None
        if known is not None:
            return known
        contract = key[0]
        if type(contract) is not str or contract not in self._contracts:
            raise _NotPlain
        application = Application(contract, _date_plain(key[1]), _date_plain(key[2]), existing)
        bounded(self._applications, _DATES_LIMIT)[key] = application
        return application

    def _facts_plain(self, raw: object) -> dict[str, object]:
        if raw is None:
            return {}
        if type(raw) is not dict:
            raise _NotPlain
        types = self._types
        checked: dict[str, object] = {}
        for fact_id, value in raw.items():
            kind = types.get(fact_id)
            if kind is None:
                raise _NotPlain
            if value is None:
                continue
            if kind is _BOOL:
                if value.__class__ is not bool:
                    raise _NotPlain
            elif not (kind is _FRACTION and value.__class__ is float and 0.0 <= value <= 1.0):
                if value.__class__ is float and not _EXACT_FLOAT_MIN < value < _EXACT_FLOAT_MAX:
                    raise _NotPlain  # orjson reads a 20-digit integer as a float; json does not
                try:
                    value = self._checks[fact_id](value)
                except FactValueError:
                    raise _NotPlain from None
            checked[fact_id] = value
        return checked

    def _read_strict(self, data: object) -> Profile:
        """The slow road: cattrs and every fact check, collecting every problem with its path."""
        if not isinstance(data, Mapping):
            raise ProfileError([Problem("", f"expected a JSON object, got {show_value(data)}")])
        problems: list[Problem] = []
        data = _string_keys(data, "", problems)
        body = {key: value for key, value in data.items() if key != "facts"}
        listed = body.get("applications")
        if isinstance(listed, list):
            body["applications"] = [
                _string_keys(item, f"applications[{index}]", problems)
                if isinstance(item, Mapping) else item
                for index, item in enumerate(listed)]
        doc = self._structure(body, problems)
        facts: dict[str, object] = {}
        unlisted = self._check_facts(data.get("facts"), problems, facts)
        if problems or doc is None:
            raise ProfileError(problems, len(problems) + unlisted)
        applications = tuple(
            Application(a.contract, a.submitted_on, a.signed_on, a.existing_contract)
            for a in doc.applications)
        return Profile(doc.agb_code, applications, doc.name, facts)

    def _structure(self, body: Mapping[str, object], problems: list[Problem]) -> _ProfileDoc | None:
        try:
            return self._converter.structure(body, _ProfileDoc)
        except Exception as error:  # cattrs groups every field error into one exception
            problems.extend(_problems_from(error))
            return None

    def _check_facts(self, raw: object, problems: list[Problem],
                     checked: dict[str, object]) -> int:
        """Check every fact into ``checked``; problems past the listed ones are only counted.

        Returns how many problems were counted and not listed.
        """
        if raw is None:
            return 0
        if not isinstance(raw, Mapping):
            problems.append(Problem("facts", f"{show_value(raw)} is not an object"))
            return 0
        unlisted = 0
        for fact_id, value in _string_keys(raw, "facts", problems).items():
            check = self._checks.get(fact_id)
            if check is None:
                if len(problems) >= MAX_LISTED_PROBLEMS:  # no suggestion sought: it is slow
                    unlisted += 1
                    continue
                problems.append(Problem(_fact_path(fact_id),
                                        "unknown fact id" + self._suggestion(fact_id)))
            elif value is not None:
                try:
                    checked[fact_id] = check(value)
                except FactValueError as error:
                    if len(problems) >= MAX_LISTED_PROBLEMS:
                        unlisted += len(error.problems)
                        continue
                    problems.extend(Problem(_fact_path(fact_id) + suffix, message)
                                    for suffix, message in error.problems)
        return unlisted


class _NotPlain(Exception):
    """Raised on the fast road for a profile it leaves to the slow road."""


def _fact_path(fact_id: str) -> str:
    return f"facts[{json.dumps(fact_id, ensure_ascii=False)}]"


def _string_keys(mapping: Mapping[Any, object], path: str,
                 problems: list[Problem]) -> Mapping[str, object]:
    """``mapping`` without its keys that are not strings, each named as a problem.

    JSON keys are always strings; a mapping built in Python may hold any key.
    """
    if all(type(key) is str for key in mapping):
        return mapping
    problems.extend(Problem(path, f"key {show_value(key)} is not a string")
                    for key in mapping if not isinstance(key, str))
    return {key: value for key, value in mapping.items() if isinstance(key, str)}


def _date_plain(value: object) -> date | None:
    """A ``YYYY-MM-DD`` string as a date, None as None; anything else is not plain."""
    if value is None:
        return None
    if type(value) is not str:
        raise _NotPlain
    known = _DATES.get(value)
    if known is None:
        try:
            known = parse_date(value)
        except ValueError:
            raise _NotPlain from None
        bounded(_DATES, _DATES_LIMIT)[value] = known
    return known


def _keys_in_text(text: str | bytes) -> int | None:
    """At least the number of keys in JSON ``text``, or None when it cannot tell.

    Every key is a string followed by a colon, with no white space between them once all white
    space is taken out (in bytes, one C pass): then each key ends in ``":`` (a string can add
    more, never fewer). In text, white space before a colon (or what may be: a string holding
    " :") makes the count of ``":`` prove nothing, so it gives None.
    """
    if isinstance(text, str):
        spaced = " :" in text or "\t:" in text or "\n:" in text or "\r:" in text
        return None if spaced else text.count('":')
    return text.translate(None, b" \t\n\r").count(b'":')


def _expect_text(text: object) -> None:
    """A JSON text is a str or bytes: anything else (a dict given as a line, None) is a
    ProfileError of its own, not a TypeError from inside the reader."""
    if not isinstance(text, str | bytes):
        raise ProfileError([Problem("", f"expected JSON text (str or bytes), got "
                                        f"{type(text).__name__}")])


def _checked(profile: Profile) -> Profile:
    object.__setattr__(profile, "_checked", True)  # frozen: the one attribute set after
    return profile


def utf8_text(data: bytes) -> str:
    """``data`` as UTF-8 text, or ProfileError "not UTF-8 text" (a profile is UTF-8 JSON: no
    other encoding is guessed, as ``json.loads`` of bytes would guess UTF-16 or UTF-32)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ProfileError([Problem("", "not UTF-8 text")]) from None


def decoded_line(line: str | bytes) -> str | bytes:
    """A batch line as text; bytes that are not UTF-8 stay bytes, for the JSON reader to
    refuse with its own message."""
    if isinstance(line, bytes):
        try:
            return line.decode("utf-8")
        except UnicodeDecodeError:
            return line
    return line


def parse_json(text: str | bytes, max_bytes: int = MAX_BYTES, *, keys_once: bool = True) -> object:
    """Parse JSON strictly; bad text raises ProfileError naming the problem and where.

    Refused: text longer than ``max_bytes``, ``NaN`` and ``Infinity``, nesting too deep, and
    (unless ``keys_once`` is false) a key given twice in one object, named with its path:
    JSON would silently keep the last.
    """
    if len(text) > max_bytes:
        raise ProfileError([Problem("", f"larger than the limit of {show_size(max_bytes)} "
                                        "(see --max-bytes)")])
    if not text or text.isspace():
        raise ProfileError([Problem("", "empty input: expected a JSON object")])
    try:
        if isinstance(text, bytes):
            # UTF-8, as json.loads reads UTF-8 (a lone surrogate's bytes pass) but without
            # its guess of UTF-16 or UTF-32, nor its silent skip of a UTF-8 byte-order mark:
            # bytes read as the command line reads a file.
            text = text.decode("utf-8", "surrogatepass")
        if not text.startswith("\ufeff"):
            # What json.loads does for such text, without building a decoder per call.
            return (_DECODER if keys_once else _FAST_DECODER).decode(text)
        return json.loads(text, parse_constant=_reject_constant,
                          object_pairs_hook=_object if keys_once else None)
    except _DuplicateKey:
        raise ProfileError(_duplicates(text)) from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise ProfileError([Problem("", f"not valid JSON ({where}): {error.msg}")]) from None
    except RecursionError:
        raise ProfileError([Problem("", "not valid JSON: nested too deeply")]) from None
    except (ValueError, UnicodeDecodeError) as error:
        raise ProfileError([Problem("", f"not valid JSON: {_value_error(error)}")]) from None


def _value_error(error: ValueError) -> str:
    """What a ValueError of the json module says, in the profile's terms."""
    if "integer string conversion" in str(error):  # CPython's bound on an integer's digits
        return f"a number of more than {sys.get_int_max_str_digits()} digits"
    return str(error)


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON number")


class _DuplicateKey(Exception):
    """Raised while parsing on the first object with a key given twice."""


def _object(pairs: list[tuple[str, object]]) -> dict[str, object]:
    # The decoder's object hook: a dict, unless a key came twice (the C scanner keeps every
    # pair, so comparing the lengths is all it takes).
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _DuplicateKey
    return obj


class _Pairs(list[tuple[str, object]]):
    """An object as parsed, every pair kept: to find where keys repeat."""


def _duplicates(text: str | bytes) -> list[Problem]:
    """Every key given twice in ``text`` (known to parse), each with its path."""
    tree = json.loads(text, object_pairs_hook=_Pairs)
    problems: list[Problem] = []
    stack: list[tuple[str, object]] = [("", tree)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, _Pairs):
            seen: set[str] = set()
            for key, value in node:
                inner = _join(path, key)
                if key in seen:
                    problems.append(Problem(inner, f"key {show_value(key)} is given twice "
                                                   "(only one value can count)"))
                seen.add(key)
                stack.append((inner, value))
        elif isinstance(node, list):
            stack.extend((f"{path}[{index}]", item) for index, item in enumerate(node))
    return sorted(problems, key=lambda problem: problem.path)


def _join(path: str, key: str) -> str:
    """The path of ``key`` inside ``path``, written as the rest of the messages write it."""
    if path == "facts" or path.startswith("facts["):
        return f"{path}[{json.dumps(key, ensure_ascii=False)}]"
    if not path:
        return key
    return f"{path}.{key}"


def show_size(count: int) -> str:
    """A byte count as a person reads it: "16 MiB", "1000 bytes"."""
    for unit, size in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if count >= size and count % size == 0:
            return f"{count // size} {unit}"
    return f"{count} bytes"


_DECODER: Final = json.JSONDecoder(parse_constant=_reject_constant, object_pairs_hook=_object)
_FAST_DECODER: Final = json.JSONDecoder(parse_constant=_reject_constant)


def _suggest(word: str, known: Mapping[str, object]) -> str:
    from difflib import get_close_matches

    close = get_close_matches(word, list(known), n=1)
    return f'; did you mean "{close[0]}"?' if close else ""


def _problems_from(error: Exception) -> Iterator[Problem]:
    import cattrs

    for line in cattrs.transform_error(error, path="", format_exception=_message):
        message, _, path = line.rpartition(" @ ")
        yield Problem(path.lstrip("."), message)


def _message(error: BaseException, type_: type | None) -> str:
    from cattrs.errors import ForbiddenExtraKeysError

    if isinstance(error, KeyError):
        return "required"
    if isinstance(error, ForbiddenExtraKeysError):
        extra = ", ".join(sorted(error.extra_fields))
        allowed = _TOP_LEVEL_KEYS if error.cl is _ProfileDoc else _APPLICATION_KEYS
        return f"unknown key(s) {extra}; allowed: {', '.join(allowed)}"
    if isinstance(error, TypeError | ValueError):
        return str(error)
    return f"cannot read this value ({type(error).__name__})"


# -- writing ------------------------------------------------------------------------------------


def _json_form(profile: Profile, facts: Mapping[str, Fact]) -> dict[str, object]:
    """What a hand-built ``profile`` holds, as the JSON the reader reads: each value of its
    checked type in its JSON form, anything else as it is, for the reader to name."""
    applications: object = profile.applications
    if isinstance(applications, tuple | list):
        applications = [_application_form(item) for item in applications]
    shown: object = profile.facts
    if isinstance(shown, Mapping):
        shown = {key: _fact_form(facts.get(key), value) for key, value in shown.items()}
    return {"agb_code": profile.agb_code, "name": profile.name, "applications": applications,
            "facts": shown}


def _application_form(application: object) -> object:
    if not isinstance(application, Application):
        return application  # a mapping reads as an application; anything else is named
    return {"contract": application.contract,
            "submitted_on": _date_form(application.submitted_on),
            "signed_on": _date_form(application.signed_on),
            "existing_contract": application.existing_contract}


def _date_form(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def _fact_form(fact: Fact | None, value: object) -> object:
    if fact is None or type(value) is not CHECKED_TYPES[fact.type]:
        return value  # an unknown id, or a value the reader judges as given
    return fact_to_json(fact, value)


def fact_to_json(fact: Fact, value: object) -> object:
    """The JSON form of a checked fact value; the inverse of :meth:`Fact.check`."""
    if fact.type is FactType.DATE:
        assert isinstance(value, date)
        return value.isoformat()
    if fact.type is FactType.SCHEDULE:
        assert isinstance(value, WeeklySchedule)
        return value.to_json()
    if fact.type is FactType.ENUM_LIST:
        assert isinstance(value, tuple)
        return list(value)
    return value


def profile_to_json(profile: Profile, facts: Mapping[str, Fact]) -> dict[str, object]:
    """The JSON form of a profile, which reads back to an equal profile."""
    return _json_form(profile, facts)
