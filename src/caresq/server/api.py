"""The JSON endpoints under ``/v1``: each parses the request, calls the engine, renders.

The bodies are the command line's output for the same question, byte for byte: ``POST
/v1/assess`` is ``caresq assess --format json``, ``GET /v1/contracts/{id}/questionnaire`` is
``caresq questionnaire --format json``, and so on.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from caresq.calendar import calendar_ics, calendar_json, calendar_text
from caresq.errors import ContractNotFound, PolicyNotFound, ProfileError
from caresq.model import Assessment
from caresq.parameters import parameter_to_json
from caresq.questionnaire import questionnaire_json, template
from caresq.render import assessment_to_json
from caresq.server.http import (
    HttpProblem,
    Service,
    advice_json,
    json_response,
    query_choice,
    query_date,
    query_int,
)


def routes(service: Service) -> list[Route]:
    """The ``/v1`` routes, bound to ``service``."""
    api = Api(service)
    return [
        Route("/v1/assess", api.assess, methods=["POST"], name="assess"),
        Route("/v1/advise", api.advise, methods=["POST"], name="advise"),
        Route("/v1/contracts", api.contracts, methods=["GET"], name="contracts"),
        Route("/v1/contracts/{contract}/questionnaire", api.questionnaire, methods=["GET"],
              name="questionnaire"),
        Route("/v1/parameters", api.parameters, methods=["GET"], name="parameters"),
        Route("/v1/calendar/{care_type}/{year:int}", api.calendar, methods=["GET"],
              name="calendar"),
    ]


class Api:
    """The endpoint functions, over one :class:`Service`."""

    def __init__(self, service: Service) -> None:
        self.service = service

    async def _profile_request(self, request: Request) -> object:
        """The JSON body of a POST that carries a profile."""
        data = await self.service.read_json(request)
        self.service.check_applications(data)
        return data

    async def assess(self, request: Request) -> Response:
        """``POST /v1/assess?on=&year=``: the assessment of the profile in the body."""
        on, year = query_date(request, "on"), query_int(request, "year")
        data = await self._profile_request(request)
        assessment: Assessment = await self.service.call(_judged, self.service.engine.assess,
                                                         data, on=on, year=year)
        return json_response(assessment_to_json(assessment))

    async def advise(self, request: Request) -> Response:
        """``POST /v1/advise?on=&year=&target=&max_changes=``: what is lacking, what to ask.

        ``target`` is repeatable, as ``--target`` is: ``eligible``, ``review`` or ``variant=X``.
        """
        on, year = query_date(request, "on"), query_int(request, "year")
        max_changes = query_int(request, "max_changes")
        data = await self._profile_request(request)
        options: dict[str, Any] = {"on": on, "year": year}
        if max_changes is not None:
            options["max_changes"] = max_changes
        targets = request.query_params.getlist("target")
        if targets:
            options["targets"] = targets
        try:
            advice = await self.service.call(_judged, advice_json, self.service.engine, data,
                                             **options)
        except ValueError as error:  # a target no contract applied for can have
            raise HttpProblem(400, "bad query parameter", [f"target: {error}"]) from None
        return json_response(advice)

    async def contracts(self, request: Request) -> Response:
        """``GET /v1/contracts``: every contract of every contract year."""
        catalogue = self.service.engine.catalogue
        return json_response([
            {"id": spec.contract.id, "title": spec.contract.title,
             "care_type": spec.contract.care_type, "contract_year": year,
             "policy": spec.policy.document,
             "variants": None if spec.contract.variants is None else list(spec.contract.variants)}
            for year in sorted(catalogue.contracts)
            for _, spec in sorted(catalogue.contracts[year].items())])

    async def questionnaire(self, request: Request) -> Response:
        """``GET /v1/contracts/{id}/questionnaire?year=&format=json|template``."""
        year = query_int(request, "year")
        form = query_choice(request, "format", ("json", "template"))
        try:
            spec = self.service.engine.contract(request.path_params["contract"], year)
        except (ContractNotFound, PolicyNotFound) as error:
            raise HttpProblem(404, "not found", [str(error)]) from None
        return json_response(questionnaire_json([spec]) if form == "json"
                             else template([spec]))

    async def parameters(self, request: Request) -> Response:
        """``GET /v1/parameters?care_type=``: the policy parameters in force."""
        engine = self.service.engine
        care_type = request.query_params.get("care_type") or None
        overridden = set(engine.overrides)
        rows = [(policy, parameter) for policy in engine.catalogue.policies
                if care_type in (None, policy.care_type)
                for parameter in engine.policy_parameters(policy)]
        if care_type is not None and not rows:
            try:
                engine.parameters(care_type)  # raises PolicyNotFound naming the care types
            except PolicyNotFound as error:
                raise HttpProblem(404, "not found", [str(error)]) from None
        return json_response([parameter_to_json(parameter, policy, parameter.id in overridden)
                              for policy, parameter in rows])

    async def calendar(self, request: Request) -> Response:
        """``GET /v1/calendar/{care_type}/{year}?format=json|ics|text``."""
        form = query_choice(request, "format", ("json", "ics", "text"))
        care_type, year = request.path_params["care_type"], request.path_params["year"]
        engine = self.service.engine
        try:
            policy = engine.policy(care_type, year)
            events = engine.calendar_events(care_type, year)
        except PolicyNotFound as error:
            raise HttpProblem(404, "not found", [str(error)]) from None
        if form == "ics":
            return Response(calendar_ics(events, name=policy.document),
                            media_type="text/calendar; charset=utf-8")
        if form == "text":
            return Response(calendar_text(events), media_type="text/plain; charset=utf-8")
        return json_response(calendar_json(events))


def _judged(function: Any, *args: Any, **options: Any) -> Any:
    """Call the engine on a profile; a refused profile or year becomes a 422 problem."""
    try:
        return function(*args, **options)
    except ProfileError as error:
        raise HttpProblem.from_profile_error(422, "invalid profile", error) from None
    except PolicyNotFound as error:
        raise HttpProblem(422, "no policy for this profile", [str(error)]) from None
