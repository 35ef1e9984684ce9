"""The web interview in a real browser: a provider walks the kraamzorg interview to the end.

Headless Chromium (the system's, see ``tests/browser.py``) against the server on an ephemeral
port of 127.0.0.1; the test clicks and types as a person would, with labels and the keyboard,
and reads what the page shows. The last page is saved as ``tests/artifacts/interview-*.png``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import caresq
from caresq.facts import FactType
from caresq.server import create_app
from tests.browser import chromium_page
from tests.server_helpers import fetch, serving

ON = "2023-10-20"
OFFICE = "08:30-12:30, 12:30-17:30"
ROUND_THE_CLOCK = "00:00-24:00"
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: What the provider answers, as a person types it: everything the policy asks for, met.
ANSWERS: dict[str, Any] = {
    "kraamzorg.bo_geboortezorg_member": True,
    "kraamzorg.all_vsv_in_area": True,
    "kraamzorg.certificate": "HKZ",
    "geboortezorg.uses_lip_or_klim": True,
    "common.phone_hours": dict.fromkeys(DAY_NAMES[:5], OFFICE),
    "kraamzorg.provides_partus_assistance": True,
    "common.emergency_phone_hours": dict.fromkeys(DAY_NAMES, ROUND_THE_CLOCK),
    "common.vecozo_claims": True,
    "common.vecozo_certificates": True,
    "digitalisering.care_mapped": True,
    "digitalisering.digital_care_path_share": "0,25",  # a Dutch decimal comma
    "digitalisering.digital_patient_share": "0.12",
    "kraamzorg.trains_new_staff": True,
    "kraamzorg.client_experience_survey": True,
    "kraamzorg.zzp_share": "0.12",
    "kraamzorg.indicator_18": "0.9",
    "kraamzorg.offers_ligdagen": False,
}

#: Where the walk leaves its screenshot (ignored by git).
ARTIFACTS = Path(__file__).with_name("artifacts")

needs_advice = pytest.mark.skipif(not hasattr(caresq.Engine, "advise"),
                                  reason="the interview asks Engine.advise, not on this branch")


@pytest.fixture(scope="module")
def base(engine: caresq.Engine) -> Iterator[str]:
    with serving(create_app(engine)) as url:
        yield url


def test_the_start_page_offers_every_contract_by_its_label(
        base: str, engine: caresq.Engine) -> None:
    reply = fetch(base, "GET", "/")
    page = reply.text
    assert "default-src 'none'" in reply.headers["content-security-policy"]
    assert reply.headers["x-content-type-options"] == "nosniff"
    for contract_id in engine.catalogue.contract_ids:
        assert f'<label for="contract-{contract_id}">' in page
    assert "<script" not in page
    assert "//" not in page  # no address elsewhere: nothing from a CDN


def test_a_reload_of_an_interview_address_goes_back_to_the_start(base: str) -> None:
    reply = fetch(base, "GET", "/interview")
    assert (reply.status, reply.headers["location"]) == (303, "/")


def screenshot(page: Any, name: str) -> Path:
    """Save a full-page screenshot under ``tests/artifacts`` and print where it is."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")
    return path


def answer(page: Any, engine: caresq.Engine, fact_id: str) -> None:
    """Answer the question on the page for ``fact_id`` from ANSWERS, through its labels."""
    question = page.locator("section.question")
    fact = engine.facts[fact_id]
    value = ANSWERS[fact_id]
    if fact.type is FactType.BOOL:
        question.get_by_role("radio", name=re.compile("^Yes" if value else "^No")).check()
    elif fact.type is FactType.ENUM:
        question.get_by_role("radio", name=re.compile(f"^{re.escape(value)}")).check()
    elif fact.type is FactType.SCHEDULE:
        for day, hours in value.items():
            question.get_by_label(day, exact=True).fill(hours)
    else:
        question.get_by_label(fact.question, exact=True).fill(value)
    question.get_by_role("button", name="Answer", exact=True).click()


@needs_advice
def test_a_provider_walks_the_kraamzorg_interview_to_a_settled_outcome(
        base: str, engine: caresq.Engine, tmp_path: Path) -> None:
    requested: list[str] = []
    from playwright.sync_api import expect

    with chromium_page() as page:
        page.on("request", lambda request: requested.append(request.url))
        page.goto(base + "/")
        page.get_by_role("radio", name=re.compile(r"^Kraamzorg geboortezorg\.kraamzorg")).check()
        page.get_by_label("AGB code").fill("33012345")
        page.get_by_label("Name of the provider").fill("Kraamzorg De Ooievaar B.V.")
        page.get_by_label("Questionnaire confirmed or request sent on").fill("2023-10-02")
        page.get_by_label("Assess as of").fill(ON)
        page.get_by_role("button", name="Start the interview").click()

        # Before any answer: incomplete, and the first question says what each answer does.
        assert page.locator("#status").inner_text() == "Incomplete: answers are missing"
        first = page.locator("input[name=fact]").get_attribute("value")
        assert first == "kraamzorg.bo_geboortezorg_member"
        assert "then: Not eligible" in page.get_by_role(
            "radio", name=re.compile("^No")).locator("xpath=..").inner_text()
        # The first answer by keyboard alone: the answer has the focus; space, then enter.
        assert page.evaluate("document.activeElement.id") == "answer-1"
        page.keyboard.press("Space")
        page.keyboard.press("Enter")
        asked = [first]
        expect(page.locator(".meta")).to_contain_text("- 1 answer given")

        for _ in range(len(ANSWERS) + 1):  # bounded: each fact is asked once at most
            if page.locator("section.question").count() == 0:
                break
            fact_id = page.locator("input[name=fact]").get_attribute("value")
            assert fact_id not in asked, f"{fact_id} was asked twice"
            assert page.locator("#errors").count() == 0
            asked.append(fact_id)
            answer(page, engine, fact_id)
            expect(page.locator(".meta")).to_contain_text(f"- {len(asked)} answers given")
        assert page.locator("section.question").count() == 0, (
            asked, page.locator("main").inner_text())

        # Settled: what the page shows a person.
        assert page.locator("#settled").inner_text() == (
            "The outcome is settled: no answer left can change it.")
        assert page.locator("#status").inner_text() == "Eligible"
        assert page.locator("#variant").inner_text() == "A"
        assert "Contract period: 2024-01-01 to 2025-12-31" in page.locator(".outcome").inner_text()
        assert page.locator("#blocking").count() == 0
        factors = page.locator("#factors")
        zzp = factors.locator('[data-condition="kraamzorg.zzp_share"]')
        assert "zzp share 0.12 is at most 0.15" in zzp.inner_text()
        assert zzp.locator("blockquote[lang=nl]").inner_text() == (
            "De kraamzorgaanbieder werkt maximaal met 15% zzp'ers;")
        assert zzp.locator("cite").inner_text() == (
            "Inkoopbeleid Geboortezorg 2024, hfst. 3, Kraamzorg - differentiatiefactoren")
        unlabelled = page.evaluate(
            "[...document.querySelectorAll('input:not([type=hidden]), select, textarea')]"
            ".filter(e => e.labels.length === 0).map(e => e.name)")
        assert unlabelled == []
        assert page.evaluate("document.scripts.length") == 0
        shot = screenshot(page, "interview-kraamzorg")

        with page.expect_download() as profile_download:
            page.get_by_role("button", name="Download the profile (JSON)").click()
        with page.expect_download() as assessment_download:
            page.get_by_role("button", name="Download the assessment (JSON)").click()
        profile_path = tmp_path / "profile.json"
        profile_download.value.save_as(profile_path)
        assessment = Path(assessment_download.value.path()).read_bytes()

    assert shot.stat().st_size > 10_000
    assert all(url.startswith(base) for url in requested), "the page reached beyond the server"
    profile = json.loads(profile_path.read_text(encoding="utf-8"))
    assert profile["agb_code"] == "33012345"
    assert profile["facts"]["kraamzorg.zzp_share"] == 0.12
    assert profile["facts"]["digitalisering.digital_care_path_share"] == 0.25
    assert set(profile["facts"]) == set(asked)
    # The downloaded assessment is what the command line says of the downloaded profile.
    printed = subprocess.run(
        [sys.executable, "-m", "caresq", "assess", str(profile_path), "--on", ON, "--format",
         "json"], capture_output=True, check=True, timeout=60).stdout
    assert assessment == printed


@needs_advice
def test_an_answer_the_profile_reader_refuses_is_shown_and_asked_again(base: str) -> None:
    from playwright.sync_api import expect

    with chromium_page() as page:
        page.goto(base + "/")
        page.get_by_role("radio", name=re.compile(r"^Kraamzorg geboortezorg\.kraamzorg")).check()
        page.get_by_label("AGB code").fill("33012345")
        page.get_by_label("Assess as of").fill(ON)
        page.get_by_role("button", name="Start the interview").click()
        for _ in range(len(ANSWERS)):
            fact_id = page.locator("input[name=fact]").get_attribute("value")
            if fact_id == "kraamzorg.zzp_share":
                break
            page.get_by_role("button", name="Skip this question").click()
            expect(page.locator("input[name=fact]")).not_to_have_value(fact_id or "")
        question = page.locator("section.question")
        question.get_by_label(
            "What share of your carers are self-employed (zzp'ers)? (fraction 0-1)").fill("12")
        question.get_by_role("button", name="Answer", exact=True).click()
        expect(page.get_by_role("alert")).to_be_visible()
        errors = page.get_by_role("alert").inner_text()
        assert 'facts["kraamzorg.zzp_share"]: 12 is not a fraction in [0, 1]' in errors
        assert page.locator("input[name=fact]").get_attribute("value") == "kraamzorg.zzp_share"


# -- the pages over plain HTTP, as a browser without script posts them ------------------------


def form(**fields: str) -> bytes:
    from urllib.parse import urlencode

    return urlencode(fields).encode()


FORM_HEADERS = {"Content-Type": "application/x-www-form-urlencoded"}
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "kraamzorg.json"


def test_the_downloads_are_the_profile_and_what_the_cli_says_of_it(base: str) -> None:
    state = {"contract": "geboortezorg.kraamzorg", "on": ON,
             "profile": EXAMPLE.read_text(encoding="utf-8"), "skipped": "[]"}
    profile = fetch(base, "POST", "/interview/profile.json", form(**state), FORM_HEADERS)
    assessment = fetch(base, "POST", "/interview/assessment.json", form(**state), FORM_HEADERS)
    printed = subprocess.run(
        [sys.executable, "-m", "caresq", "assess", str(EXAMPLE), "--on", ON, "--format", "json"],
        capture_output=True, check=True, timeout=60).stdout
    assert (profile.status, assessment.status) == (200, 200)
    assert profile.headers["content-disposition"] == (
        'attachment; filename="geboortezorg.kraamzorg-profile.json"')
    assert json.loads(profile.body) == json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert assessment.body == printed


def test_a_bad_agb_code_at_the_start_is_shown_with_the_form_kept(base: str) -> None:
    reply = fetch(base, "POST", "/interview",
                  form(contract="geboortezorg.kraamzorg", on=ON, agb_code="3301",
                       name="De Ooievaar"), FORM_HEADERS)
    assert reply.status == 422
    assert 'role="alert"' in reply.text
    assert "agb_code: &#34;3301&#34; is not an 8-digit AGB code (a string)" in reply.text
    assert 'value="geboortezorg.kraamzorg" required\n             checked' in reply.text
    assert 'value="De Ooievaar"' in reply.text


@pytest.mark.parametrize(("fields", "status"), [
    ({"contract": "geboortezorg.kraamzorg", "profile": "{not json"}, 400),
    ({"contract": "geboortezorg.kraamzorg", "profile": "[1]"}, 400),
    ({"contract": "geboortezorg.kraamzorg", "profile": '{"a": 1, "a": 2}'}, 400),
    ({"contract": "geboortezorg.kraamzorg",
      "profile": '{"agb_code": null, "applications": [{"contract": "zbc.msz"}]}'}, 400),
    ({"contract": "fysio.basis"}, 400),
    ({}, 400),
    ({"contract": "geboortezorg.kraamzorg", "on": "2023-02-30"}, 400),
])
def test_a_form_that_cannot_be_read_is_a_page_that_says_so(
        base: str, fields: dict[str, str], status: int) -> None:
    reply = fetch(base, "POST", "/interview", form(**fields), FORM_HEADERS)
    assert reply.status == status
    assert reply.headers["content-type"].startswith("text/html")
    assert 'role="alert"' in reply.text
    assert '<a href="/">Start the interview again</a>' in reply.text


def test_a_form_over_the_body_limit_is_413(engine: caresq.Engine) -> None:
    with serving(create_app(engine, max_body_bytes=1024)) as small:
        reply = fetch(small, "POST", "/interview", form(contract="x" * 2000), FORM_HEADERS)
    assert reply.status == 413
    assert "the body is over the limit of 1024 bytes" in reply.text

