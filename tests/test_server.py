"""``caresq serve`` over real HTTP: every endpoint, the CLI's bytes, bad input, limits, load.

The server is uvicorn on an ephemeral port of 127.0.0.1, started by the tests; every request
goes through a socket, as a client's would.
"""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import caresq
from caresq.cli import main
from caresq.server import MAX_APPLICATIONS, MAX_BODY_BYTES, create_app
from tests.server_helpers import WAIT_SECONDS, Reply, fetch, serving

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "kraamzorg.json"
PROFILE: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
JSON_HEADERS = {"Content-Type": "application/json"}


@pytest.fixture(scope="module")
def base(engine: caresq.Engine) -> Iterator[str]:
    with serving(create_app(engine)) as url:
        yield url


def post(base: str, path: str, data: object) -> Reply:
    body = data if isinstance(data, bytes) else json.dumps(data).encode()
    return fetch(base, "POST", path, body, JSON_HEADERS)


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in-process; (exit code, stdout, stderr)."""
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = int(stop.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def with_facts(**changes: object) -> dict[str, Any]:
    facts = {**PROFILE["facts"], **{key.replace("__", "."): v for key, v in changes.items()}}
    return {**PROFILE, "facts": facts}


# -- assess: the CLI's bytes ----------------------------------------------------------------


@pytest.mark.parametrize("query", ["?on=2023-10-20", "?on=2023-10-20&year=2024", "?on=2025-03-01"])
def test_assess_answers_byte_for_byte_what_the_cli_prints(
        base: str, capsys: pytest.CaptureFixture[str], query: str) -> None:
    argv = ["assess", str(EXAMPLE), "--format", "json"]
    for pair in query[1:].split("&"):
        name, _, value = pair.partition("=")
        argv += [f"--{name}", value]
    code, printed, _ = cli(capsys, *argv)
    reply = post(base, "/v1/assess" + query, EXAMPLE.read_bytes())
    assert code == 0
    assert (reply.status, reply.headers["content-type"]) == (200, "application/json")
    assert reply.body == printed.encode("utf-8")


def test_non_ascii_names_come_back_as_the_cli_prints_them(
        base: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    profile = {**PROFILE, "name": "Kraamzorg ’t Ooievaartje – Zuid"}
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(profile, ensure_ascii=False), encoding="utf-8")
    _, printed, _ = cli(capsys, "assess", str(path), "--on", "2023-10-20", "--format", "json")
    reply = post(base, "/v1/assess?on=2023-10-20", path.read_bytes())
    assert reply.body == printed.encode("utf-8")
    assert "’t Ooievaartje – Zuid" in reply.text


def test_the_reference_date_defaults_to_today_in_amsterdam(base: str) -> None:
    from caresq.engine import today

    reply = post(base, "/v1/assess", PROFILE)
    assert json.loads(reply.body)["reference_date"] == today().isoformat()


needs_advice = pytest.mark.skipif(not hasattr(caresq.Engine, "advise"),
                                  reason="Engine.advise is not on this branch")


@needs_advice
@pytest.mark.parametrize("query", ["?on=2023-10-20", "?on=2023-10-20&target=variant=A",
                                   "?on=2023-10-20&target=eligible&max_changes=1"])
def test_advise_answers_byte_for_byte_what_the_cli_prints(
        base: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, query: str) -> None:
    profile = with_facts(kraamzorg__zzp_share=0.2, kraamzorg__all_vsv_in_area=None)
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(profile), encoding="utf-8")
    argv = ["advise", str(path), "--format", "json"]
    for pair in query[1:].split("&"):
        name, _, value = pair.partition("=")
        argv += [f"--{name.replace('_', '-')}", value]
    code, printed, _ = cli(capsys, *argv)
    reply = post(base, "/v1/advise" + query, path.read_bytes())
    assert code == 0
    assert reply.status == 200
    assert reply.body == printed.encode("utf-8")
    assert json.loads(reply.body)["results"][0]["questions"][0]["fact"] == (
        "kraamzorg.all_vsv_in_area")


@needs_advice
def test_advise_refuses_an_invalid_profile_and_a_bad_target(base: str) -> None:
    invalid = post(base, "/v1/advise", with_facts(kraamzorg__zzp_share=1.7))
    target = post(base, "/v1/advise?target=variant%3DZ", PROFILE)
    assert invalid.status == 422
    assert json.loads(invalid.body)["errors"] == [
        'facts["kraamzorg.zzp_share"]: 1.7 is not a fraction in [0, 1]']
    assert target.status == 400
    assert json.loads(target.body)["errors"][0].startswith("target: ")


# -- bad input --------------------------------------------------------------------------------


def test_an_invalid_profile_is_422_with_the_problems_the_cli_lists(
        base: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = {**with_facts(kraamzorg__zzp_share=1.7, kraamzorg__certificate="DIN"),
           "agb_code": "3301"}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    code, _, err = cli(capsys, "assess", str(path), "--on", "2023-10-20")
    reply = post(base, "/v1/assess?on=2023-10-20", bad)
    listed = [line.strip() for line in err.splitlines()[1:]]
    problem = json.loads(reply.body)
    assert code == 2
    assert (reply.status, reply.headers["content-type"]) == (422, "application/problem+json")
    assert problem["errors"] == listed
    assert 'facts["kraamzorg.zzp_share"]: 1.7 is not a fraction in [0, 1]' in listed
    assert [f"{p['path']}: {p['message']}" for p in problem["problems"]] == listed


@pytest.mark.parametrize("body", [b"{not json", b"", b"[1, 2", b"\xff\xfe{}", b'{"a": NaN}'])
def test_a_body_that_is_not_json_is_400(base: str, body: bytes) -> None:
    reply = post(base, "/v1/assess", body)
    problem = json.loads(reply.body)
    assert reply.status == 400
    assert problem["title"] == "not JSON"
    assert problem["errors"]


def test_json_that_is_not_a_profile_is_422_not_400(base: str) -> None:
    reply = post(base, "/v1/assess", [1, 2, 3])
    assert reply.status == 422


def test_a_key_given_twice_is_422_naming_it_as_the_cli_does(
        base: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        '"kraamzorg.zzp_share": 0.12,', '"kraamzorg.zzp_share": 0.12, "kraamzorg.zzp_share": 0.5,')
    path = tmp_path / "twice.json"
    path.write_text(text, encoding="utf-8")
    code, _, err = cli(capsys, "assess", str(path))
    reply = post(base, "/v1/assess", text.encode())
    assert code == 2
    assert reply.status == 422
    assert json.loads(reply.body)["errors"] == [line.strip() for line in err.splitlines()[1:]]
    assert "is given twice" in json.loads(reply.body)["errors"][0]


@pytest.mark.parametrize(("query", "named"), [
    ("?on=2023-13-01", "on"), ("?on=yesterday", "on"), ("?year=twenty", "year"),
    ("?year=-1", "year")])
def test_a_malformed_query_parameter_is_400_naming_it(base: str, query: str, named: str) -> None:
    reply = post(base, "/v1/assess" + query, PROFILE)
    assert reply.status == 400
    assert json.loads(reply.body)["errors"][0].startswith(f"{named}: ")


def test_a_year_without_a_policy_is_422_naming_the_years_there_are(base: str) -> None:
    reply = post(base, "/v1/assess?year=2031", PROFILE)
    assert reply.status == 422
    assert "contract years available: 2024, 2025" in json.loads(reply.body)["errors"][0]


def test_a_wrong_method_is_405(base: str) -> None:
    assert fetch(base, "GET", "/v1/assess").status == 405


# -- the body-size limit ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def small(engine: caresq.Engine) -> Iterator[str]:
    """A server whose body limit is 2 KiB, so a body over it is quick to send."""
    with serving(create_app(engine, max_body_bytes=2048)) as url:
        yield url


def padded(size: int) -> bytes:
    """The example profile, padded with spaces to exactly ``size`` bytes."""
    body = json.dumps(PROFILE, separators=(",", ":")).encode()
    assert len(body) <= size
    return body + b" " * (size - len(body))


def test_a_body_at_the_limit_is_read(small: str) -> None:
    assert post(small, "/v1/assess?on=2023-10-20", padded(2048)).status == 200


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_body_over_the_limit_is_413(small: str, chunked: bool) -> None:
    reply = fetch(small, "POST", "/v1/assess", padded(2049), JSON_HEADERS, chunked=chunked)
    assert reply.status == 413
    assert json.loads(reply.body)["errors"] == ["the body is over the limit of 2048 bytes"]


def test_the_default_limit_is_16_mib_as_on_the_command_line(base: str) -> None:
    document = json.loads(fetch(base, "GET", "/openapi.json").body)
    assert MAX_BODY_BYTES == 16 * 1024 * 1024
    too_large = document["paths"]["/v1/assess"]["post"]["responses"]["413"]
    assert str(MAX_BODY_BYTES) in too_large["description"]


# -- the other endpoints ----------------------------------------------------------------------


def test_contracts_lists_every_contract_with_its_title_and_year(
        base: str, engine: caresq.Engine) -> None:
    listed = json.loads(fetch(base, "GET", "/v1/contracts").body)
    expected = {(year, cid) for year, by_id in engine.catalogue.contracts.items()
                for cid in by_id}
    assert {(c["contract_year"], c["id"]) for c in listed} == expected
    kraamzorg = next(c for c in listed if c["id"] == "geboortezorg.kraamzorg")
    assert kraamzorg["title"] == engine.contract("geboortezorg.kraamzorg").contract.title
    assert kraamzorg["variants"] == ["E", "D", "C", "B", "A"]
    assert kraamzorg["policy"] == "Inkoopbeleid Geboortezorg 2024"


@pytest.mark.parametrize("form", ["json", "template"])
@pytest.mark.parametrize("contract", ["geboortezorg.kraamzorg", "zbc.msz"])
def test_the_questionnaire_is_what_the_cli_prints(
        base: str, capsys: pytest.CaptureFixture[str], contract: str, form: str) -> None:
    _, printed, _ = cli(capsys, "questionnaire", contract, "--format", form)
    reply = fetch(base, "GET", f"/v1/contracts/{contract}/questionnaire?format={form}")
    assert reply.status == 200
    assert reply.body == printed.encode("utf-8")


def test_an_unknown_contract_is_404_naming_the_known_ones(base: str) -> None:
    reply = fetch(base, "GET", "/v1/contracts/fysio.basis/questionnaire")
    assert reply.status == 404
    assert "unknown contract 'fysio.basis'" in json.loads(reply.body)["errors"][0]


@pytest.mark.parametrize("form", ["json", "ics", "text"])
def test_the_calendar_is_what_the_cli_prints(
        base: str, capsysbinary: pytest.CaptureFixture[bytes], form: str) -> None:
    code = main(["calendar", "--care-type", "geboortezorg", "--year", "2024", "--format", form])
    printed = capsysbinary.readouterr().out
    reply = fetch(base, "GET", f"/v1/calendar/geboortezorg/2024?format={form}")
    kinds = {"json": "application/json", "ics": "text/calendar; charset=utf-8",
             "text": "text/plain; charset=utf-8"}
    assert (code, reply.status) == (0, 200)
    assert reply.headers["content-type"] == kinds[form]
    assert reply.body == printed


@pytest.mark.parametrize("care_type", [None, "geboortezorg", "zbc"])
def test_the_parameters_are_what_the_cli_prints(
        base: str, capsys: pytest.CaptureFixture[str], care_type: str | None) -> None:
    argv = ["parameters", "--format", "json"]
    query = ""
    if care_type:
        argv += ["--care-type", care_type]
        query = f"?care_type={care_type}"
    code, printed, _ = cli(capsys, *argv)
    reply = fetch(base, "GET", "/v1/parameters" + query)
    assert (code, reply.status) == (0, 200)
    assert reply.body == printed.encode("utf-8")
    ids = {parameter["id"] for parameter in json.loads(reply.body)}
    assert ("kraamzorg.max_zzp_share" in ids) == (care_type != "zbc")


def test_the_parameters_of_a_care_type_no_plugin_has_are_404(base: str) -> None:
    reply = fetch(base, "GET", "/v1/parameters?care_type=fysio")
    assert reply.status == 404
    assert "no plugin offers care type 'fysio'" in json.loads(reply.body)["errors"][0]


@pytest.mark.parametrize("path", ["/v1/calendar/fysio/2024", "/v1/calendar/zbc/2019"])
def test_a_calendar_that_no_plugin_has_is_404(base: str, path: str) -> None:
    assert fetch(base, "GET", path).status == 404


def test_the_openapi_document_describes_every_endpoint_and_fact(
        base: str, engine: caresq.Engine) -> None:
    reply = fetch(base, "GET", "/openapi.json")
    document = json.loads(reply.body)
    assert reply.status == 200
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == {
        "/v1/assess", "/v1/advise", "/v1/contracts", "/v1/contracts/{contract}/questionnaire",
        "/v1/parameters", "/v1/calendar/{care_type}/{year}"}
    profile = document["components"]["schemas"]["Profile"]
    assert set(profile["properties"]["facts"]["properties"]) == set(engine.facts)
    contracts = document["components"]["schemas"]["Application"]["properties"]["contract"]
    assert set(contracts["enum"]) == engine.catalogue.contract_ids
    zzp = profile["properties"]["facts"]["properties"]["kraamzorg.zzp_share"]
    assert {"type": "number", "minimum": 0, "maximum": 1} in zzp["anyOf"]


def test_every_route_of_the_api_is_in_the_openapi_document(engine: caresq.Engine) -> None:
    from starlette.routing import Route

    from caresq.server.openapi import openapi_document

    paths = {route.path.replace("{year:int}", "{year}") for route in create_app(engine).routes
             if isinstance(route, Route) and route.path.startswith("/v1/")}
    assert paths == set(openapi_document(engine, MAX_BODY_BYTES, MAX_APPLICATIONS)["paths"])


# -- many clients at once ---------------------------------------------------------------------


def test_400_requests_from_16_clients_are_all_answered_correctly(
        base: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # Twenty different requests, the expected answer of each worked out by the command line.
    cases: list[tuple[bytes, str, int, bytes]] = []
    for index in range(17):
        share = round(index / 16, 4)
        profile = with_facts(kraamzorg__zzp_share=share if index != 16 else 1.7,
                             kraamzorg__indicator_18=round(1 - share, 4))
        path = tmp_path / f"{index}.json"
        path.write_text(json.dumps(profile), encoding="utf-8")
        on = f"2023-10-{10 + index}"
        code, out, _ = cli(capsys, "assess", str(path), "--on", on, "--format", "json")
        if code == 0:
            cases.append((path.read_bytes(), f"?on={on}", 200, out.encode()))
        else:
            cases.append((path.read_bytes(), f"?on={on}", 422, b""))
    cases += [(b"{", "", 400, b""), (b"[]", "", 422, b""), (b"{}", "?on=2023-02-30", 400, b"")]
    statuses = {status for _, _, status, _ in cases}
    assert statuses == {200, 400, 422}

    def client(number: int) -> list[bool]:
        outcomes = []
        for request in range(25):
            body, query, status, expected = cases[(number * 25 + request) % len(cases)]
            reply = post(base, "/v1/assess" + query, body)
            outcomes.append(reply.status == status and (not expected or reply.body == expected))
        return outcomes

    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=16) as pool:
        results = [future.result(timeout=WAIT_SECONDS * 4)
                   for future in [pool.submit(client, number) for number in range(16)]]
    elapsed = time.monotonic() - start
    answers = [ok for outcomes in results for ok in outcomes]
    print(f"400 requests from 16 clients in {elapsed:.2f} s")
    assert len(answers) == 400
    assert all(answers)


# -- what the log keeps -----------------------------------------------------------------------


def test_each_request_is_logged_without_the_profile(
        base: str, caplog: pytest.LogCaptureFixture) -> None:
    secret = {**with_facts(kraamzorg__zzp_share=0.1234), "agb_code": "33987654",
              "name": "Kraamzorg Geheimhouding B.V."}
    def lines() -> list[str]:
        return [r.getMessage() for r in caplog.records if r.name == "caresq.server"]

    with caplog.at_level(logging.INFO, logger="caresq.server"):
        ok = post(base, "/v1/assess?on=2023-10-20", secret)
        bad = post(base, "/v1/assess?on=2023-10-20", {**secret, "agb_code": "secret-code"})
        # A line is written once the answer is sent, so it may come a moment after it.
        deadline = time.monotonic() + WAIT_SECONDS
        while not any(line.startswith("POST /v1/assess 422 ") for line in lines()):
            assert time.monotonic() < deadline
            time.sleep(0.01)
    assert (ok.status, bad.status) == (200, 422)
    assert any(line.startswith("POST /v1/assess 200 ") for line in lines())
    assert all(re.fullmatch(r"(GET|POST) /\S* \d{3} \d+B \d+\.\dms", line) for line in lines())
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for private in ("Geheimhouding", "33987654", "secret-code", "0.1234", "2023-10-20"):
        assert private not in logged


# -- caresq serve -----------------------------------------------------------------------------


def test_the_engine_is_built_once_at_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[caresq.Engine] = []
    real = caresq.Engine.default

    def counted() -> caresq.Engine:
        built.append(real())
        return built[-1]

    monkeypatch.setattr(caresq.Engine, "default", staticmethod(counted))
    app = create_app()
    assert len(built) == 1
    with serving(app) as url:
        for _ in range(3):
            assert post(url, "/v1/assess?on=2023-10-20", PROFILE).status == 200
        assert fetch(url, "GET", "/v1/contracts").status == 200
    assert len(built) == 1


def test_caresq_serve_listens_where_it_says_and_stops_on_ctrl_c() -> None:
    command = [sys.executable, "-m", "caresq", "serve", "--host", "127.0.0.1", "--port", "0"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env) as process:
        try:
            assert process.stderr is not None
            first = process.stderr.readline()
            assert first.startswith("caresq serve: listening on http://127.0.0.1:")
            url = first.split(" on ", 1)[1].strip().rstrip("/")
            reply = post(url, "/v1/assess?on=2023-10-20", PROFILE)
            assert reply.status == 200
            assert json.loads(reply.body)["results"][0]["variant"] == "B"
        finally:
            process.send_signal(signal.SIGINT)
            _, err = process.communicate(timeout=WAIT_SECONDS)
    assert process.returncode == 130
    assert err.splitlines()[-1] == "caresq: interrupted"
    assert "Traceback" not in err


def test_caresq_serve_stops_on_sigterm_saying_so() -> None:
    command = [sys.executable, "-m", "caresq", "serve", "--port", "0", "--max-bytes", "64K"]
    with subprocess.Popen(command, stderr=subprocess.PIPE, text=True) as process:
        assert process.stderr is not None
        url = process.stderr.readline().split(" on ", 1)[1].strip().rstrip("/")
        too_large = fetch(url, "POST", "/v1/assess", padded(64 * 1024 + 1), JSON_HEADERS)
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=WAIT_SECONDS)
    assert too_large.status == 413
    assert process.returncode == 143
    assert err.splitlines()[-1] == "caresq: terminated"


def test_serve_refuses_a_port_that_is_not_a_number(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "serve", "--port", "http")
    assert code == 2
    assert "'http' is not a port number (0-65535)" in err
