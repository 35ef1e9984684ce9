"""The OpenAPI 3.1 document of the service, built from the engine's own catalogue.

The profile schema lists the contracts and facts the installed plugins declare, with each fact's
type and question, so a client generated from ``/openapi.json`` knows what it may send. The
profile reader stays the judge: what it refuses is answered 422 whatever the schema says.
"""

from __future__ import annotations

from typing import Any

from caresq.engine import Engine
from caresq.facts import Fact, FactType

_TIME_RANGE = r"^([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$"
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("caresq")
    except PackageNotFoundError:  # pragma: no cover - only from an uninstalled tree
        return "0"


def _fact_schema(fact: Fact) -> dict[str, Any]:
    """The JSON schema of one fact's answer; ``null`` always means unknown."""
    schemas: dict[FactType, dict[str, Any]] = {
        FactType.BOOL: {"type": "boolean"},
        FactType.FRACTION: {"type": "number", "minimum": 0, "maximum": 1},
        FactType.INTEGER: {"type": "integer", "minimum": 0},
        FactType.DATE: {"type": "string", "format": "date"},
        FactType.ENUM: {"enum": list(fact.choices)},
        FactType.ENUM_LIST: {"type": "array", "uniqueItems": True,
                             "items": {"enum": list(fact.choices)}},
        FactType.SCHEDULE: {"$ref": "#/components/schemas/WeeklySchedule"},
    }
    return {"anyOf": [schemas[fact.type], {"type": "null"}], "title": fact.label,
            "description": fact.question}


def _problem(description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/problem+json": {
                "schema": {"$ref": "#/components/schemas/Problem"}}}}


def _json(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _query(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema}


_ON = _query("on", "The reference date (default: today in Europe/Amsterdam).",
             {"type": "string", "format": "date"})
_YEAR = _query("year", "The contract year (default: from the contracts applied for).",
               {"type": "integer"})
_OBJECT = {"type": "object"}


def _profile_post(summary: str, answer: str, extra: list[dict[str, Any]],
                  max_body_bytes: int, max_applications: int) -> dict[str, Any]:
    return {"post": {
        "summary": summary,
        "parameters": [_ON, _YEAR, *extra],
        "requestBody": {"required": True, "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Profile"}}}},
        "responses": {
            "200": _json(answer, _OBJECT),
            "400": _problem("The body is not JSON, or a query parameter is malformed."),
            "413": _problem(f"The body is over {max_body_bytes} bytes."),
            "422": _problem("The profile is invalid: every problem with its path, as the "
                            "command line lists them; or it holds more than "
                            f"{max_applications} applications; or no policy covers it."),
            "500": _problem("A plugin or caresq failed; the message names which."),
        }}}


def openapi_document(engine: Engine, max_body_bytes: int,
                     max_applications: int) -> dict[str, Any]:
    """The OpenAPI document of a service over ``engine``."""
    facts = engine.facts
    contracts = sorted(engine.catalogue.contract_ids)
    not_found = _problem("No such contract, care type or contract year.")
    bad_query = _problem("A query parameter is malformed (a format not listed, say).")
    return {
        "openapi": "3.1.0",
        "info": {"title": "caresq", "version": _version(),
                 "description": "Which care contracts a provider qualifies for, and why."},
        "paths": {
            "/v1/assess": _profile_post(
                "Assess a provider profile",
                "The assessment, byte for byte what `caresq assess --format json` prints.",
                [], max_body_bytes, max_applications),
            "/v1/advise": _profile_post(
                "What a provider lacks, and what to ask next",
                "The advice, byte for byte what `caresq advise --format json` prints.",
                [_query("max_changes", "At most this many fact changes per repair.",
                        {"type": "integer", "minimum": 0}),
                 {**_query("target", "What to reach, as `--target`: eligible, review or "
                                     "variant=X; repeatable (default: the best status each "
                                     "route allows and each better variant).",
                           {"type": "array", "items": {"type": "string"}}),
                  "style": "form", "explode": True}],
                max_body_bytes, max_applications),
            "/v1/contracts": {"get": {
                "summary": "Every contract of every contract year",
                "responses": {"200": _json("The contracts.", {"type": "array"})}}},
            "/v1/contracts/{contract}/questionnaire": {"get": {
                "summary": "The facts a contract asks, or a blank profile for it",
                "parameters": [
                    {"name": "contract", "in": "path", "required": True,
                     "schema": {"enum": contracts}},
                    _YEAR,
                    _query("format", "json: the questions; template: a blank profile.",
                           {"enum": ["json", "template"], "default": "json"})],
                "responses": {"200": _json("As `caresq questionnaire --format json` prints.",
                                           {"type": ["array", "object"]}),
                              "400": bad_query, "404": not_found}}},
            "/v1/parameters": {"get": {
                "summary": "The policy parameters in force",
                "parameters": [_query("care_type", "Only this care type's parameters.",
                                      {"type": "string"})],
                "responses": {"200": _json("As `caresq parameters --format json` prints.",
                                           {"type": "array"}),
                              "404": not_found}}},
            "/v1/calendar/{care_type}/{year}": {"get": {
                "summary": "The procurement calendar of a policy",
                "parameters": [
                    {"name": "care_type", "in": "path", "required": True,
                     "schema": {"type": "string"}},
                    {"name": "year", "in": "path", "required": True,
                     "schema": {"type": "integer"}},
                    _query("format", "json, ics (iCalendar) or text.",
                           {"enum": ["json", "ics", "text"], "default": "json"})],
                "responses": {
                    "200": {"description": "As `caresq calendar --format ...` prints.",
                            "content": {"application/json": {"schema": {"type": "array"}},
                                        "text/calendar": {"schema": {"type": "string"}},
                                        "text/plain": {"schema": {"type": "string"}}}},
                    "400": bad_query, "404": not_found}}},
        },
        "components": {"schemas": {
            "Profile": {
                "type": "object", "additionalProperties": False,
                "required": ["agb_code", "applications"],
                "properties": {
                    "agb_code": {"type": ["string", "null"], "pattern": "^[0-9]{8}$"},
                    "name": {"type": ["string", "null"]},
                    "applications": {"type": "array", "minItems": 1,
                                     "items": {"$ref": "#/components/schemas/Application"}},
                    "facts": {"type": "object", "additionalProperties": False,
                              "properties": {fid: _fact_schema(facts[fid])
                                             for fid in sorted(facts)}}}},
            "Application": {
                "type": "object", "additionalProperties": False, "required": ["contract"],
                "properties": {
                    "contract": {"enum": contracts},
                    "submitted_on": {"type": ["string", "null"], "format": "date"},
                    "signed_on": {"type": ["string", "null"], "format": "date"},
                    "existing_contract": {"type": "boolean"}}},
            "WeeklySchedule": {
                "type": "object", "additionalProperties": False,
                "description": "Europe/Amsterdam wall-clock time; a day left out has no hours.",
                "properties": {day: {"type": "array",
                                     "items": {"type": "string", "pattern": _TIME_RANGE}}
                               for day in _DAYS}},
            "Problem": {
                "type": "object", "required": ["status", "title", "errors"],
                "properties": {
                    "status": {"type": "integer"},
                    "title": {"type": "string"},
                    "errors": {"type": "array", "items": {"type": "string"},
                               "description": "The lines the command line prints."},
                    "problems": {"type": "array", "items": {
                        "type": "object", "required": ["path", "message"],
                        "properties": {"path": {"type": "string"},
                                       "message": {"type": "string"}}}}}},
        }},
    }
