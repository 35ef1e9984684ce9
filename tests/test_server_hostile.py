"""The service under attack: what a hostile or careless client sends never gets a 500, a
traceback, a raw control character on a page, or a reading the command line would refuse.

A real server on an ephemeral port of 127.0.0.1 (``tests/server_helpers.py``); Hypothesis
writes the hostile forms and bodies.
"""

from __future__ import annotations

import json
import logging
import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

import caresq
from caresq.cli import main
from caresq.server import MAX_APPLICATIONS, create_app
from tests.server_helpers import WAIT_SECONDS, Reply, fetch, serving

ROOT = Path(__file__).resolve().parents[1]
PROFILE: dict[str, Any] = json.loads((ROOT / "examples" / "kraamzorg.json").read_text("utf-8"))
KRAAMZORG = "geboortezorg.kraamzorg"
ON = "2023-10-20"
JSON_HEADERS = {"Content-Type": "application/json"}
FORM_HEADERS = {"Content-Type": "application/x-www-form-urlencoded"}
#: What a page must never carry raw: C0 controls but tab and newlines, DEL, C1 controls, the
#: bidi embeddings, overrides and isolates (a page decoded from UTF-8 holds no surrogate).
RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: Text a hostile client puts anywhere: controls, bidi overrides, lone surrogates, markup.
HOSTILE_TEXT = st.lists(st.one_of(
    st.sampled_from(["\x1b[2J", "\x07", "\x00", "\x7f", "\x85", "\u202e", "\ud800",
                     "<script>", '"', "&", "١", "_", "0", "1", ".", ","]),
    st.characters()), max_size=8).map("".join)


@pytest.fixture(scope="module")
def base(engine: caresq.Engine) -> Iterator[str]:
    with serving(create_app(engine)) as url:
        yield url


def post_form(base: str, path: str = "/interview", **fields: str) -> Reply:
    body = urlencode(fields, encoding="utf-8", errors="surrogatepass").encode()
    return fetch(base, "POST", path, body, FORM_HEADERS)


def hidden_profile(page: str) -> dict[str, Any]:
    """The profile the page carries in its hidden field, as the next step reads it."""
    import html

    found = re.search(r'name="profile" value="([^"]*)"', page)
    assert found is not None, "the page carries no profile"
    parsed: dict[str, Any] = json.loads(html.unescape(found[1]))
    return parsed


def blank(**changes: object) -> str:
    return json.dumps({"agb_code": "33012345", "applications": [{"contract": KRAAMZORG}],
                       "facts": {}, **changes})


# -- tampered interview forms -----------------------------------------------------------------


@pytest.mark.parametrize(("fields", "status"), [
    # a lone surrogate in the profile: the page shows its escape, and carries it back as one
    ({"profile": '{"agb_code": "33012345", "name": "\\ud800", "applications": '
                 '[{"contract": "geboortezorg.kraamzorg"}], "facts": {}}'}, 200),
    ({"profile": blank(facts=[1]), "fact": "kraamzorg.bo_geboortezorg_member",
      "value": "true", "action": "answer"}, 422),
    ({"profile": blank(facts="x"), "fact": "kraamzorg.bo_geboortezorg_member",
      "value": "true", "action": "answer"}, 422),
    ({"profile": blank(), "skipped": "[" * 100_000 + "]" * 100_000}, 400),
    ({"profile": blank(), "skipped": "[NaN]"}, 400),
    ({"profile": blank(applications=[{"contract": KRAAMZORG}, {"contract": "zbc.msz"}])}, 422),
], ids=["surrogate", "facts-a-list", "facts-a-string", "deep-skipped", "nan-skipped",
        "two-contract-years"])
def test_a_tampered_form_is_a_page_saying_why_never_a_500(
        base: str, fields: dict[str, str], status: int) -> None:
    reply = post_form(base, contract=KRAAMZORG, on=ON, **fields)
    assert reply.status == status
    assert reply.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in reply.headers["content-security-policy"]
    assert not RAW_CONTROL.search(reply.text)
    if status != 200:
        assert 'role="alert"' in reply.text


def test_a_lone_surrogate_goes_round_the_hidden_field_unchanged(base: str) -> None:
    profile = ('{"agb_code": "33012345", "name": "De \\ud800 \\u202e Ooievaar\\u007f", '
               '"applications": [{"contract": "geboortezorg.kraamzorg"}], "facts": {}}')
    page = post_form(base, contract=KRAAMZORG, on=ON, profile=profile).text
    assert hidden_profile(page)["name"] == "De \ud800 \u202e Ooievaar\x7f"


def test_a_form_filled_in_again_shows_controls_as_the_cli_shows_them(base: str) -> None:
    # a bad AGB code: the start page comes back with what was typed, name and all
    reply = post_form(base, contract=KRAAMZORG, on=ON, agb_code="1234",
                      name="De \u202e Ooievaar\x1b[2J")
    assert reply.status == 422
    assert 'value="De \\u202e Ooievaar\\x1b[2J"' in reply.text
    assert not RAW_CONTROL.search(reply.text)


@given(contract=st.one_of(st.just(KRAAMZORG), HOSTILE_TEXT),
       on=st.one_of(st.just(ON), HOSTILE_TEXT),
       name=HOSTILE_TEXT,
       facts=st.one_of(st.none(), st.lists(st.integers(), max_size=2), HOSTILE_TEXT,
                       st.dictionaries(st.sampled_from(["kraamzorg.zzp_share",
                                                        "kraamzorg.certificate", "x"]),
                                       st.one_of(HOSTILE_TEXT, st.floats(), st.booleans()),
                                       max_size=2)),
       skipped=st.one_of(HOSTILE_TEXT, st.just("[" * 3000)),
       fact=st.sampled_from(["kraamzorg.zzp_share", "kraamzorg.bo_geboortezorg_member",
                             "common.phone_hours", "zbc.fte", "nope"]),
       value=HOSTILE_TEXT, action=st.sampled_from(["answer", "skip", "unskip"]))
def test_no_hostile_form_gets_a_500_or_a_raw_control_on_its_page(
        base: str, contract: str, on: str, name: str, facts: object, skipped: str, fact: str,
        value: str, action: str) -> None:
    profile = json.dumps({"agb_code": "33012345", "name": name,
                          "applications": [{"contract": KRAAMZORG}], "facts": facts})
    reply = post_form(base, contract=contract, on=on, profile=profile, skipped=skipped,
                      fact=fact, value=value, action=action, **{"value.mon": value})
    assert reply.status < 500, reply.text[:500]
    assert reply.headers["content-type"].startswith("text/html")
    assert not RAW_CONTROL.search(reply.text)


@pytest.mark.parametrize(("fact", "typed"), [
    ("kraamzorg.zzp_share", "0_1"), ("kraamzorg.zzp_share", "٠.١"),
    ("kraamzorg.zzp_share", "+0.1"), ("kraamzorg.zzp_share", "infinity")])
def test_a_number_json_would_not_read_is_refused_not_read_loosely(
        base: str, fact: str, typed: str) -> None:
    # Python's float() reads "0_1" as 1 (a 100% share) and "٠.١" as 0.1: the reader would not.
    reply = post_form(base, contract=KRAAMZORG, on=ON, profile=blank(), fact=fact,
                      value=typed, action="answer")
    assert reply.status == 422
    assert "is not a number" in reply.text
    assert fact not in hidden_profile(reply.text)["facts"]


def test_a_number_typed_as_json_writes_it_is_taken(base: str) -> None:
    reply = post_form(base, contract=KRAAMZORG, on=ON, profile=blank(),
                      fact="kraamzorg.zzp_share", value="0,12", action="answer")
    assert reply.status == 200
    assert hidden_profile(reply.text)["facts"]["kraamzorg.zzp_share"] == 0.12


# -- bodies of the JSON API -------------------------------------------------------------------


def cli_errors(capsys: pytest.CaptureFixture[str], path: Path) -> list[str]:
    try:
        code = main(["assess", str(path), "--on", ON])
    except SystemExit as stop:
        code = int(stop.code or 0)
    assert code == 2
    return [line.strip() for line in capsys.readouterr().err.splitlines()[1:]]


@pytest.mark.parametrize("encode", [
    lambda text: text.encode("utf-16"), lambda text: text.encode("utf-32"),
    lambda text: text.encode("utf-16-le"), lambda text: b"\xef\xbb\xbf" + text.encode(),
    lambda text: text.replace("De Ooievaar", "\ud800").encode("utf-8", "surrogatepass")],
    ids=["utf-16", "utf-32", "utf-16-no-bom", "utf-8-bom", "surrogate-bytes"])
def test_a_body_the_cli_would_not_read_as_utf8_is_400_with_its_message(
        base: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, encode: Any) -> None:
    body = encode(json.dumps(PROFILE, ensure_ascii=False))
    path = tmp_path / "profile.json"
    path.write_bytes(body)
    reply = fetch(base, "POST", f"/v1/assess?on={ON}", body, JSON_HEADERS)
    assert reply.status == 400
    assert json.loads(reply.body)["errors"] == cli_errors(capsys, path)


def test_the_error_lines_show_controls_as_the_cli_prints_them(
        base: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = {**PROFILE, "facts": {**PROFILE["facts"], "kraamzorg.certificate": "\x1b]0;x\x07\u202e"}}
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    reply = fetch(base, "POST", f"/v1/assess?on={ON}", json.dumps(bad).encode(), JSON_HEADERS)
    problem = json.loads(reply.body)
    assert reply.status == 422
    assert problem["errors"] == cli_errors(capsys, path)
    assert not any(RAW_CONTROL.search(line) for line in problem["errors"])
    # the problems, for programs, hold the message as it is
    assert "\x1b]0;x\x07\u202e" in problem["problems"][0]["message"]


@given(st.one_of(st.binary(max_size=64),
                 HOSTILE_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
                 st.recursive(st.one_of(st.none(), st.booleans(), st.floats(), HOSTILE_TEXT),
                              lambda inner: st.lists(inner, max_size=3)
                              | st.dictionaries(HOSTILE_TEXT, inner, max_size=3),
                              max_leaves=8).map(lambda v: json.dumps(v).encode())))
def test_no_hostile_body_gets_a_500_or_a_raw_control_in_its_error_lines(
        base: str, body: bytes) -> None:
    reply = fetch(base, "POST", "/v1/advise", body, JSON_HEADERS)
    assert reply.status in (400, 422), reply.body[:300]
    problem = json.loads(reply.body)
    assert problem["errors"]
    assert not any(RAW_CONTROL.search(line) for line in problem["errors"])


def test_a_profile_with_more_applications_than_the_service_takes_is_422(
        base: str, engine: caresq.Engine) -> None:
    contracts = sorted(engine.catalogue.contracts[2024])
    def profile(count: int) -> bytes:
        applications = [{"contract": contracts[i % len(contracts)]} for i in range(count)]
        return json.dumps({"agb_code": None, "applications": applications}).encode()

    started = time.monotonic()
    refused = fetch(base, "POST", f"/v1/advise?on={ON}", profile(2000), JSON_HEADERS)
    assert time.monotonic() - started < WAIT_SECONDS
    assert refused.status == 422
    assert json.loads(refused.body)["problems"] == [{
        "path": "applications",
        "message": f"2000 applications: the service takes at most {MAX_APPLICATIONS} in one "
                   "profile (caresq serve --max-applications)"}]
    assert fetch(base, "POST", f"/v1/assess?on={ON}", profile(MAX_APPLICATIONS),
                 JSON_HEADERS).status == 200


def test_the_limit_on_applications_is_set_by_caresq_serve(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["serve", "--max-applications", "0"])
    assert stop.value.code == 2
    assert "'0' is not a whole number of at least 1" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    assert f"(default {MAX_APPLICATIONS})" in capsys.readouterr().out


def test_a_smaller_limit_on_applications_holds(engine: caresq.Engine) -> None:
    two = {**PROFILE, "applications": PROFILE["applications"] * 2}
    with serving(create_app(engine, max_applications=1)) as url:
        reply = fetch(url, "POST", "/v1/assess", json.dumps(two).encode(), JSON_HEADERS)
        page = post_form(url, contract=KRAAMZORG, on=ON, profile=json.dumps(two))
    assert reply.status == page.status == 422
    assert "at most 1 in one profile" in page.text


# -- routes, methods, failures, hang-ups ------------------------------------------------------


@pytest.mark.parametrize(("method", "path", "status"), [
    ("GET", "/nope", 404), ("GET", "/v1/contracts/x", 404), ("DELETE", "/v1/assess", 405),
    ("PUT", "/v1/contracts", 405)])
def test_an_unknown_route_or_method_is_a_problem_document(
        base: str, method: str, path: str, status: int) -> None:
    reply = fetch(base, method, path)
    assert (reply.status, reply.headers["content-type"]) == (status, "application/problem+json")
    problem = json.loads(reply.body)
    assert problem["status"] == status
    assert problem["errors"] or problem["title"]
    if status == 405:
        assert reply.headers["allow"]


def test_a_wrong_method_on_a_page_is_a_page_that_keeps_allow(base: str) -> None:
    reply = fetch(base, "DELETE", "/")
    assert reply.status == 405
    assert reply.headers["content-type"].startswith("text/html")
    assert "GET" in reply.headers["allow"].split(", ")


def test_a_bug_is_a_500_problem_with_the_headers_of_every_answer_and_a_logged_traceback(
        engine: caresq.Engine, caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("a bug")

    app = create_app(engine)
    monkeypatch.setattr(app.state.service, "call", broken)
    with caplog.at_level(logging.INFO, logger="caresq.server"), serving(app) as url:
        api = fetch(url, "POST", "/v1/assess", json.dumps(PROFILE).encode(), JSON_HEADERS)
        page = post_form(url, contract=KRAAMZORG, on=ON, profile=blank())
        time.sleep(0.2)  # a request's line is written once its answer is sent
    assert (api.status, api.headers["content-type"]) == (500, "application/problem+json")
    assert json.loads(api.body)["errors"] == ["caresq failed; the server log says where"]
    assert api.headers["x-content-type-options"] == "nosniff"
    assert page.status == 500
    assert "default-src 'none'" in page.headers["content-security-policy"]
    logged = [record for record in caplog.records if record.name == "caresq.server"]
    assert any(r.exc_info and r.exc_info[0] is ZeroDivisionError for r in logged)
    assert any(re.match(r"POST /v1/assess 500 [1-9]\d*B ", r.getMessage()) for r in logged)


def test_a_client_that_hangs_up_mid_body_leaves_no_traceback(
        base: str, caplog: pytest.LogCaptureFixture) -> None:
    parts = urlsplit(base)
    assert parts.hostname is not None
    assert parts.port is not None
    with caplog.at_level(logging.INFO):
        with socket.create_connection((parts.hostname, parts.port)) as client:
            client.sendall(b"POST /v1/assess HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n"
                           b"Content-Type: application/json\r\n\r\n{\"agb_code\"")
            time.sleep(0.2)
        deadline = time.monotonic() + WAIT_SECONDS
        while not any("POST /v1/assess" in r.getMessage() for r in caplog.records):
            assert time.monotonic() < deadline
            time.sleep(0.01)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert any(r.getMessage().startswith("POST /v1/assess 400 ") for r in caplog.records)
