"""What-if: a batch under the policy in force and under a change, counted and attributed."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

import caresq
from caresq.cli import main
from caresq.compare_report import render_html
from tests.browser import chromium_page
from tests.plugins import yearly

ON = date(2023, 10, 20)
ROOT = Path(__file__).resolve().parents[1]


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def batch() -> list[str]:
    """A generated kraamzorg batch, bad lines included."""
    return list(_generator().lines(1500, seed=13))


def _baseline(engine: caresq.Engine, lines: list[str]) -> Iterator[tuple[dict[str, object],
                                                                       str | None]]:
    """Each good line's facts with its variant under the policy in force."""
    for line, item in zip(lines, engine.assess_many(lines, on=ON), strict=True):
        if isinstance(item, caresq.Assessment):
            yield json.loads(line)["facts"], item.results[0].variant


def test_raising_the_zzp_maximum_changes_exactly_the_providers_in_between(
        engine: caresq.Engine, batch: list[str]) -> None:
    expected = sum(1 for facts, variant in _baseline(engine, batch)
                   if variant is not None
                   and isinstance(share := facts.get("kraamzorg.zzp_share"), float)
                   and 0.15 < share <= 0.20)
    report = engine.compare(batch, engine.with_parameters({"kraamzorg.max_zzp_share": 0.20}),
                            on=ON).to_json()
    assert expected > 20
    assert report["changed"] == expected
    assert report["better"] == expected
    assert report["worse"] == 0
    assert report["conditions"] == {"kraamzorg.zzp_share": {"unmet->met": expected}}
    assert all(key.split("->")[0] == key.split("->")[1] for key in report["status"])
    moved = {key: n for key, n in report["variant"].items() if key[0] != key[-1]}
    assert set(moved) <= {"E->D", "D->C", "C->B", "B->A"}
    assert sum(moved.values()) == expected
    assert report["profiles"] + report["bad_lines"] == len(batch)


def test_tightening_indicator_18_worsens_exactly_the_providers_in_between(
        engine: caresq.Engine, batch: list[str]) -> None:
    expected = sum(1 for facts, variant in _baseline(engine, batch)
                   if variant is not None
                   and isinstance(score := facts.get("kraamzorg.indicator_18"), float)
                   and 0.85 <= score < 0.90)
    comparison = engine.compare(
        batch, engine.with_parameters({"kraamzorg.min_indicator_18": 0.90}), on=ON)
    report = comparison.to_json()
    assert expected > 20
    assert report["changed"] == expected == report["worse"]
    assert report["better"] == 0
    assert report["conditions"] == {"kraamzorg.indicator_18": {"met->unmet": expected}}
    first = report["changes"][0]
    assert first["direction"] == "worse"
    assert first["conditions"] == {"kraamzorg.indicator_18": "met->unmet"}
    assert report["scenario"]["parameters"] == {
        "kraamzorg.min_indicator_18": {"before": "0.85", "after": "0.9"}}


def test_no_change_changes_nothing(engine: caresq.Engine, batch: list[str]) -> None:
    report = engine.compare(batch[:300], engine, on=ON).to_json()
    assert report["changed"] == report["better"] == report["worse"] == 0
    assert report["conditions"] == {}
    assert report["changes"] == []


def test_worker_processes_give_the_same_report(engine: caresq.Engine, batch: list[str]) -> None:
    change = engine.with_parameters({"kraamzorg.max_zzp_share": 0.2})
    here = engine.compare(batch, change, on=ON).to_json()
    there = engine.compare(batch, change, on=ON, jobs=2).to_json()
    assert there == here


def test_two_contract_years_compared() -> None:
    engine = caresq.Engine(plugins=[yearly])
    lines = [{"agb_code": "12345678", "applications": [{"contract": "wijk.basis"}],
              "facts": {"wijk.registered": True, "wijk.client_score": score,
                        "wijk.trains_staff": False}}
             for score in (0.65, 0.72, 0.75, 0.85)]
    report = engine.compare(lines, engine, on=date(2030, 3, 1), year=2030,
                            changed_year=2031).to_json()
    assert report["variant"] == {"B->B": 1, "C->B": 2, "C->C": 1}
    assert report["better"] == report["changed"] == 2
    assert [change["line"] for change in report["changes"]] == [2, 3]


def test_a_line_bad_on_either_side_is_counted_not_fatal(engine: caresq.Engine) -> None:
    lines = ['{"agb_code": "33012345"', json.dumps({"agb_code": "33012345", "applications": [
        {"contract": "zbc.msz"}]})]
    report = engine.compare(lines, engine.with_parameters({"zbc.mobility_plan_min_fte": 50}),
                            on=ON).to_json()
    assert report["bad_lines"] == 1
    assert report["profiles"] == 1


# -- the command line ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def batch_file(batch: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("compare") / "round.jsonl"
    path.write_text("\n".join(batch[:400]) + "\n", encoding="utf-8")
    return path


def _run(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as ended:
        return int(ended.code or 0)


def test_json_on_the_command_line_is_the_library_report(
        engine: caresq.Engine, batch_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = _run(["compare", "--batch", str(batch_file), "--set", "kraamzorg.max_zzp_share=0.2",
                 "--on", ON.isoformat(), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    expected = engine.compare(batch_file.read_bytes().splitlines(),
                              engine.with_parameters({"kraamzorg.max_zzp_share": 0.2}),
                              on=ON).to_json()
    assert report == json.loads(json.dumps(expected))
    assert code == (1 if report["bad_lines"] else 0)


def test_csv_lists_every_changed_result(batch_file: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "changes.csv"
    _run(["compare", "--batch", str(batch_file), "--set", "kraamzorg.min_indicator_18=0.9",
          "--on", ON.isoformat(), "--format", "csv", "--output", str(target)])
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    _run(["compare", "--batch", str(batch_file), "--set", "kraamzorg.min_indicator_18=0.9",
          "--on", ON.isoformat(), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert len(rows) == report["changed"] > 0
    assert {row["direction"] for row in rows} == {"worse"}
    assert rows[0]["conditions"] == "kraamzorg.indicator_18 met->unmet"


def test_text_names_the_change_and_the_transitions(batch_file: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    _run(["compare", "--batch", str(batch_file), "--set", "kraamzorg.max_zzp_share=0.2",
          "--on", ON.isoformat()])
    out = capsys.readouterr().out
    assert out.startswith("what-if: kraamzorg.max_zzp_share 0.15 -> 0.2 (as of 2023-10-20)")
    assert re.search(r"^  C -> B: \d+$", out, flags=re.MULTILINE)
    assert "kraamzorg.zzp_share: unmet -> met" in out


@pytest.mark.parametrize(("argv", "message"), [
    (["--against", "2024"], "--against Y2 goes with --year Y"),
    ([], "compare needs a change"),
    (["--year", "2024", "--against", "2023", "--set", "kraamzorg.max_zzp_share=0.2"],
     "without --set"),
])
def test_compare_needs_one_kind_of_change(batch_file: Path, argv: list[str], message: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["compare", "--batch", str(batch_file), *argv]) == 2
    assert message in capsys.readouterr().err


def test_the_output_may_not_be_the_input(batch_file: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["compare", "--batch", str(batch_file), "--set", "kraamzorg.max_zzp_share=0.2",
                 "--output", str(batch_file)]) == 2
    assert "is the input file" in capsys.readouterr().err


# -- the HTML report, as a person sees it ----------------------------------------------------


def test_the_html_report_is_one_self_contained_file(engine: caresq.Engine,
                                                    batch: list[str]) -> None:
    page = render_html(engine.compare(batch[:400], engine.with_parameters(
        {"kraamzorg.max_zzp_share": 0.2}), on=ON))
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<script" not in page
    assert "@import" not in page
    assert "url(" not in page


def test_provider_names_are_escaped_in_the_html(engine: caresq.Engine) -> None:
    line = {"agb_code": "33012345", "name": "<b>Ooievaar</b> & Co",
            "applications": [{"contract": "geboortezorg.kraamzorg"}],
            "facts": {"kraamzorg.zzp_share": 0.18}}
    page = render_html(engine.compare([line], engine.with_parameters(
        {"kraamzorg.max_zzp_share": 0.2}), on=ON))
    assert "&lt;b&gt;Ooievaar&lt;/b&gt; &amp; Co" in page
    assert "<b>Ooievaar" not in page


def test_the_html_report_renders_in_a_browser(batch_file: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "impact.html"
    _run(["compare", "--batch", str(batch_file), "--set", "kraamzorg.min_indicator_18=0.9",
          "--on", ON.isoformat(), "--format", "html", "--output", str(target)])
    _run(["compare", "--batch", str(batch_file), "--set", "kraamzorg.min_indicator_18=0.9",
          "--on", ON.isoformat(), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    with chromium_page() as page:
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(target.as_uri())
        shot = page.screenshot(full_page=True)
        assert len(shot) > 10_000
        assert shot[:8] == b"\x89PNG\r\n\x1a\n"
        assert requested == [target.as_uri()]  # nothing but the file itself is loaded
        assert page.title() == "What-if: kraamzorg.min_indicator_18 0.85 -> 0.9"
        assert page.locator("#changed").inner_text() == str(report["changed"])
        assert page.locator("#status-matrix td").count() == 16
        worse = page.locator("#variant-matrix td.worse")
        assert worse.count() >= 2
        cell = page.locator('#variant-matrix td[data-before="B"][data-after="C"]')
        assert cell.inner_text() == str(report["variant"]["B->C"])
        red = cell.evaluate("cell => getComputedStyle(cell).backgroundColor")
        assert red.startswith("rgba(180, 35, 24")
        assert page.locator("#conditions").get_by_text("kraamzorg.indicator_18").count() == 1
        assert page.locator("#changes tr").count() == report["changed"] + 1
        assert page.locator("#changes").get_by_text("worse").count() == report["changed"]


def test_compare_years_on_the_command_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(caresq.Engine, "default",
                        classmethod(lambda cls, parameters=None: cls(plugins=[yearly],
                                                                     parameters=parameters)))
    source = tmp_path / "wijk.jsonl"
    source.write_text("\n".join(json.dumps(
        {"agb_code": "12345678", "applications": [{"contract": "wijk.basis"}],
         "facts": {"wijk.registered": True, "wijk.client_score": score}})
        for score in (0.65, 0.75)) + "\n", encoding="utf-8")
    assert _run(["compare", "--batch", str(source), "--year", "2031", "--against", "2030",
                 "--on", "2030-03-01", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["changed"] == report["better"] == 1
    assert report["changes"][0]["line"] == 2
    assert report["scenario"]["year"] == 2030
    assert report["scenario"]["changed_year"] == 2031
    assert report["scenario"]["parameters"] == {
        "wijk.min_client_score": {"before": "0.8", "after": "0.7"}}


def test_a_line_over_the_size_limit_stops_compare_with_exit_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "long.jsonl"
    source.write_text('{"agb_code": "' + "3" * 5000 + '"}\n', encoding="utf-8")
    assert _run(["compare", "--batch", str(source), "--set", "kraamzorg.max_zzp_share=0.2",
                 "--max-bytes", "1K"]) == 2
    assert "line 1 is longer than the limit of 1 KiB" in capsys.readouterr().err
