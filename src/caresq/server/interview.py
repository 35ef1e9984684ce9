"""The web interview (``GET /``): choose a contract, answer what still matters, see the outcome.

Server-rendered pages with plain HTML forms, no script: the profile so far travels in a hidden
field and is read again, strictly, on every step, so the server keeps no state between
requests. After each answer the page shows the status and variant, what blocks the contract
and what would make it met (with the Dutch sentences and citations), and asks the next question
in the order the engine's advice ranks them; with no question left the outcome is settled.
Answers travel in POST bodies, never in the address, so they stay out of logs and history.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Final
from urllib.parse import parse_qsl

import jinja2
from attrs import frozen
from starlette.datastructures import ImmutableMultiDict
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from caresq.engine import Engine, today
from caresq.errors import PolicyNotFound, ProfileError
from caresq.facts import Fact, FactType, parse_date
from caresq.interview import json_number
from caresq.model import Kind
from caresq.profile import parse_json
from caresq.registry import ContractSpec
from caresq.render import assessment_to_json
from caresq.server.http import HttpProblem, Service, advice_json, json_document
from caresq.text import shown_on_page

#: The fields of a posted form, each name with its values in order.
Form = ImmutableMultiDict[str, str]


TEMPLATES: Final = Jinja2Templates(env=jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")), autoescape=True,
    finalize=shown_on_page))  # what the input hides is shown, and every page encodes
DAYS: Final = (("mon", "Monday"), ("tue", "Tuesday"), ("wed", "Wednesday"),
               ("thu", "Thursday"), ("fri", "Friday"), ("sat", "Saturday"), ("sun", "Sunday"))
_DECIDING: Final = frozenset(kind.value for kind in Kind if kind.decides)
_STATUS_WORDS: Final = {"eligible": "Eligible", "ineligible": "Not eligible",
                        "incomplete": "Incomplete: answers are missing",
                        "review": "For review by the insurer"}


def routes(service: Service) -> list[Route]:
    """The interview's pages, bound to ``service``."""
    pages = Pages(service)
    return [
        Route("/", pages.start, methods=["GET"], name="start"),
        Route("/interview", pages.step, methods=["POST"], name="interview"),
        Route("/interview", pages.back_to_start, methods=["GET"]),
        Route("/interview/profile.json", pages.download_profile, methods=["POST"],
              name="profile_json"),
        Route("/interview/assessment.json", pages.download_assessment, methods=["POST"],
              name="assessment_json"),
    ]


def wants_page(request: Request) -> bool:
    """Whether an error on this request is shown as a page (the interview) or as JSON."""
    path = request.url.path
    return path == "/" or (path.startswith("/interview") and not path.endswith(".json"))


def error_page(request: Request, problem: HttpProblem) -> Response:
    """A problem shown as a page a person reads, with a way back."""
    return TEMPLATES.TemplateResponse(request, "error.html", {"problem": problem},
                                      status_code=problem.status, headers=problem.headers)


# -- one step of the interview, as data ---------------------------------------------------------


@frozen
class Answer:
    """One possible answer to a question, and what the contract would then be."""

    value: object
    label: str
    outcome: str
    #: The other answers this outcome assumes (a condition that reads two facts), or "".
    given: str = ""


@frozen
class Question:
    """A question that still matters, with the fact it asks and its possible answers."""

    fact: Fact
    text: str
    decides: tuple[str, ...]
    answers: tuple[Answer, ...]


@frozen
class Step:
    """Everything one page of the interview shows."""

    spec: ContractSpec
    on: date
    #: The profile so far, as JSON text for the hidden field.
    profile_json: str
    result: Mapping[str, Any]
    blocking: tuple[Mapping[str, Any], ...]
    #: condition id -> what would make it met (from the advice's repairs).
    remedies: Mapping[str, tuple[str, ...]]
    factors: tuple[Mapping[str, Any], ...]
    met: tuple[Mapping[str, Any], ...]
    reported: tuple[Mapping[str, Any], ...]
    targets: tuple[Mapping[str, Any], ...]
    question: Question | None
    later: tuple[Question, ...]
    skipped: tuple[str, ...]
    answered: int

    @property
    def settled(self) -> bool:
        """No answer can change the outcome any more."""
        return self.question is None and not self.later and not self.skipped

    @property
    def status_words(self) -> str:
        """The status as a person reads it."""
        status = str(self.result["status"])
        return _STATUS_WORDS.get(status, status)


def show(value: object) -> str:
    """A fact value as the page shows it."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if value is None:
        return "unknown"
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "none"
    if isinstance(value, dict):  # a weekly schedule: days with the same hours together
        by_hours: dict[str, list[str]] = {}
        for day, spans in value.items():
            if spans:
                by_hours.setdefault(", ".join(map(str, spans)), []).append(str(day))
        shown = "; ".join(f"{', '.join(days)} {hours}" for hours, days in by_hours.items())
        return shown or "no hours"
    return str(value)


def _outcome_words(answer: Mapping[str, Any]) -> str:
    status = str(answer.get("status"))
    variant = answer.get("variant")
    return _STATUS_WORDS.get(status, status) + (f", variant {variant}" if variant else "")


def _questions(engine: Engine, advised: Sequence[Mapping[str, Any]]) -> list[Question]:
    questions = []
    for item in advised:
        fact = engine.facts[str(item["fact"])]
        answers = tuple(
            Answer(a["value"], show(a["value"]), _outcome_words(a),
                   ", ".join(f"{_label(engine, fid)}: {show(v)}"
                             for fid, v in (a.get("with") or {}).items()))
            for a in item.get("answers", ()))
        questions.append(Question(fact, str(item.get("question") or fact.question),
                                  tuple(map(str, item.get("decides", ()))), answers))
    return questions


def _label(engine: Engine, fact_id: str) -> str:
    fact = engine.facts.get(fact_id)
    return fact.label if fact is not None else fact_id


def _remedies(targets: Sequence[Mapping[str, Any]]) -> dict[str, tuple[str, ...]]:
    """For each condition, the changes that the smallest repairs make to it, without repeats."""
    found: dict[str, dict[str, None]] = {}
    for target in targets:
        for repair in target.get("repairs", ()):
            for change in repair.get("changes", ()):
                to = show(change.get("to"))
                says = f"{change['fact']}: {show(change.get('from'))} -> {to}"
                if change.get("says") and change["says"] != to:
                    says += f" ({change['says']})"
                found.setdefault(str(change.get("condition")), {})[says] = None
    return {condition: tuple(lines) for condition, lines in found.items()}


def build_step(engine: Engine, spec: ContractSpec, raw: Mapping[str, Any], on: date,
               skipped: Sequence[str]) -> Step:
    """Read the profile so far, ask the engine's advice, and lay out the page."""
    advice = advice_json(engine, engine.read_profile(raw), on=on)
    result: Mapping[str, Any] = advice["results"][0]
    findings: list[Mapping[str, Any]] = list(result["findings"])
    unmet = [f for f in findings if f["kind"] in _DECIDING and f["outcome"] == "unmet"]
    unknown = [f for f in findings if f["kind"] in _DECIDING and f["outcome"] == "unknown"]
    questions = _questions(engine, result.get("questions", ()))
    asked = [q for q in questions if q.fact.id not in skipped]
    still_skipped = tuple(q.fact.id for q in questions if q.fact.id in skipped)
    return Step(
        spec=spec, on=on, profile_json=hidden_json(raw), result=result,
        blocking=(*unmet, *unknown), remedies=_remedies(result.get("targets", ())),
        factors=tuple(f for f in findings if f["kind"] == "factor"),
        met=tuple(f for f in findings if f["kind"] in _DECIDING and f["outcome"] == "met"),
        reported=tuple(f for f in findings if f["kind"] in ("expectation", "note")),
        targets=tuple(result.get("targets", ())),
        question=asked[0] if asked else None, later=tuple(asked[1:]),
        skipped=still_skipped, answered=len(raw.get("facts") or {}))


def hidden_json(data: object) -> str:
    """``data`` as JSON for a hidden field: ASCII, every character a page could show or fail
    to encode (a control, a bidi override, a lone surrogate) written as its JSON escape, so
    the field reads back as the same value."""
    return json.dumps(data).replace("\x7f", "\\u007f")  # DEL: ASCII, yet a control


# -- reading the forms --------------------------------------------------------------------------


def new_profile(form: Form, contract: str) -> dict[str, Any]:
    """The profile the start form describes: the application, no facts yet."""
    def text(name: str) -> str | None:
        value = form.get(name)
        return value.strip() if isinstance(value, str) and value.strip() else None

    return {"agb_code": text("agb_code"), "name": text("name"),
            "applications": [{"contract": contract, "submitted_on": text("submitted_on"),
                              "signed_on": text("signed_on"),
                              "existing_contract": form.get("existing_contract") == "on"}],
            "facts": {}}


def answer_value(fact: Fact, form: Form) -> object:
    """The answer the question form gives for ``fact``, in its JSON form (checked later)."""
    values = [v for v in form.getlist("value") if isinstance(v, str)]
    if fact.type is FactType.ENUM_LIST:
        return values
    if fact.type is FactType.SCHEDULE:
        return {day: _spans(form.get(f"value.{day}")) for day, _ in DAYS}
    value = values[0].strip() if values else ""
    if not value:
        raise _unanswered(fact)
    if fact.type is FactType.BOOL:
        return {"true": True, "false": False}.get(value, value)
    if fact.type in (FactType.FRACTION, FactType.INTEGER):
        return _number(fact, value)
    return value


def _spans(text: object) -> list[str]:
    if not isinstance(text, str):
        return []
    return [part for part in text.replace(";", ",").replace(" ", ",").split(",") if part]


def _number(fact: Fact, text: str) -> object:
    """The number typed, read as JSON reads it; anything else as the text typed, which the
    profile reader then names as not a number (as it does "1_0" or "١٠" in a profile)."""
    number = json_number(text.replace(",", "."))  # a Dutch decimal comma reads as a point
    return text if number is None else number


def _unanswered(fact: Fact) -> ProfileError:
    from caresq.errors import Problem

    return ProfileError([Problem(f'facts["{fact.id}"]', "no answer given")])


# -- the pages ----------------------------------------------------------------------------------


class Pages:
    """The interview's endpoints, over one :class:`Service`."""

    def __init__(self, service: Service) -> None:
        self.service = service

    @property
    def engine(self) -> Engine:
        """The engine the server was started with."""
        return self.service.engine

    def _contracts(self) -> list[tuple[str, list[ContractSpec]]]:
        """The contracts to choose from, by policy, latest contract year first."""
        groups: dict[str, list[ContractSpec]] = {}
        catalogue = self.engine.catalogue
        for year in sorted(catalogue.contracts, reverse=True):
            for _, spec in sorted(catalogue.contracts[year].items()):
                groups.setdefault(f"{spec.policy.document} ({year})", []).append(spec)
        return list(groups.items())

    async def start(self, request: Request) -> Response:
        """``GET /``: choose a contract and say who is asking."""
        return TEMPLATES.TemplateResponse(
            request, "start.html", {"groups": self._contracts(), "today": today().isoformat()})

    async def back_to_start(self, request: Request) -> Response:
        """``GET /interview`` (a reload after a POST, say): the interview starts at ``/``."""
        return RedirectResponse("/", status_code=303)

    async def _form(self, request: Request) -> Form:
        """The fields of a posted form (URL-encoded: the pages post nothing else)."""
        body = await self.service.read_body(request)  # the size limit holds here too
        try:
            fields = parse_qsl(body.decode("utf-8"), keep_blank_values=True,
                               strict_parsing=False, max_num_fields=1000)
        except (UnicodeDecodeError, ValueError) as error:
            raise HttpProblem(400, "this form cannot be read", [str(error)]) from None
        return Form(fields)

    def _state(self, form: Form) -> tuple[ContractSpec, date, dict[str, Any], list[str]]:
        """The contract, reference date, profile so far and skipped facts a form carries."""
        contract = form.get("contract")
        if not isinstance(contract, str) or not contract:
            raise HttpProblem(400, "choose a contract", ["no contract was chosen"])
        try:
            spec = self.engine.contract(contract)
            on_text = form.get("on")
            on = parse_date(on_text) if isinstance(on_text, str) and on_text else today()
            raw_profile = form.get("profile")
            raw = (parse_json(raw_profile) if isinstance(raw_profile, str) and raw_profile
                   else new_profile(form, contract))
            skipped = parse_json(str(form.get("skipped") or "[]"))  # bounded, as a profile
        except ProfileError as error:
            raise HttpProblem(400, "this form cannot be read", error.errors) from None
        except (LookupError, ValueError) as error:
            raise HttpProblem(400, "this form cannot be read", [str(error)]) from None
        if not isinstance(raw, dict) or not isinstance(skipped, list):
            raise HttpProblem(400, "this form cannot be read", ["the profile is not an object"])
        if _applies_for(raw) not in (None, contract):
            raise HttpProblem(400, "this form cannot be read",
                              [f"the profile does not apply for {contract}"])
        self.service.check_applications(raw)
        return spec, on, raw, [str(fact) for fact in skipped]

    async def step(self, request: Request) -> Response:
        """``POST /interview``: take the answer (if any), then show the next step."""
        form = await self._form(request)
        spec, on, raw, skipped = self._state(form)
        fact_id = form.get("fact")
        error: ProfileError | None = None
        facts = raw.get("facts")
        if facts is not None and not isinstance(facts, dict):
            fact_id = None  # no answer joins facts that are not an object: the reader says so
        if isinstance(fact_id, str) and fact_id in self.engine.facts:
            if form.get("action") == "skip":
                skipped.append(fact_id)
            else:
                fact = self.engine.facts[fact_id]
                try:
                    answered = {**raw, "facts": {**(raw.get("facts") or {}),
                                                 fact_id: answer_value(fact, form)}}
                    # validated as the reader would, before it joins the profile
                    await self.service.call(self.engine.read_profile, answered)
                    raw = answered
                except ProfileError as refused:
                    error = refused
        elif form.get("action") == "unskip":
            skipped = []
        try:
            page = await self.service.call(build_step, self.engine, spec, raw, on, skipped)
        except (ProfileError, PolicyNotFound) as refused:  # applications of two years, say
            errors = refused.errors if isinstance(refused, ProfileError) else [str(refused)]
            return TEMPLATES.TemplateResponse(
                request, "start.html",
                {"groups": self._contracts(), "today": on.isoformat(), "errors": errors,
                 "chosen": spec.contract.id, "form": form}, status_code=422)
        return TEMPLATES.TemplateResponse(
            request, "interview.html",
            {"step": page, "errors": error.errors if error else (), "days": DAYS, "show": show,
             "skipped_json": json.dumps(list(page.skipped))},
            status_code=422 if error else 200)

    async def download_profile(self, request: Request) -> Response:
        """``POST /interview/profile.json``: the profile so far, as a file."""
        form = await self._form(request)
        spec, _, raw, _ = self._state(form)
        profile = await self.service.call(_checked, self.engine, raw)
        return _attachment(profile, f"{spec.contract.id}-profile.json")

    async def download_assessment(self, request: Request) -> Response:
        """``POST /interview/assessment.json``: the assessment of the profile so far."""
        form = await self._form(request)
        spec, on, raw, _ = self._state(form)
        assessment = await self.service.call(_assessed, self.engine, raw, on)
        return _attachment(assessment, f"{spec.contract.id}-assessment.json")


def _applies_for(raw: Mapping[str, Any]) -> object:
    """The contract of the profile's first application, if it names one."""
    applications = raw.get("applications")
    if isinstance(applications, list) and applications and isinstance(applications[0], dict):
        return applications[0].get("contract")
    return None


def _checked(engine: Engine, raw: Mapping[str, Any]) -> Mapping[str, Any]:
    try:
        engine.read_profile(raw)
    except ProfileError as error:
        raise HttpProblem.from_profile_error(422, "invalid profile", error) from None
    return raw


def _assessed(engine: Engine, raw: Mapping[str, Any], on: date) -> dict[str, Any]:
    try:
        return assessment_to_json(engine.assess(raw, on=on))
    except ProfileError as error:
        raise HttpProblem.from_profile_error(422, "invalid profile", error) from None
    except PolicyNotFound as error:
        raise HttpProblem(422, "no policy for this profile", [str(error)]) from None


def _attachment(data: object, filename: str) -> Response:
    return Response(json_document(data), media_type="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})

