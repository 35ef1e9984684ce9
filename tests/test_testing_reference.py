"""caresq.testing.reference: one Markdown page per policy, written and checked by a command."""

from __future__ import annotations

from pathlib import Path

import pytest

import caresq
from caresq.testing.reference import main, page_name, reference_pages, render_policy
from tests.plugins import fysio

FYSIO = caresq.Engine(plugins=[fysio])


def test_a_page_lists_contracts_conditions_dates_and_facts() -> None:
    page = render_policy(FYSIO, fysio.POLICY)
    assert page.startswith("# Inkoopbeleid Fysiotherapie 2030\n")
    assert "- [`fysio.basis`](#fysiobasis) - Fysiotherapie" in page
    assert "### fysio.kngf_registered (requirement)" in page
    assert "> De fysiotherapeut is ingeschreven bij het KNGF." in page
    assert ("- citation: Inkoopbeleid Fysiotherapie 2030, hfst. 3, Fysiotherapie - voorwaarden"
            in page)
    assert "| 2029-11-01 | deadline | Uiterste tekendatum |" in page
    assert "| `fysio.patient_score` | fraction | Your patient satisfaction score (fraction 0-1) |" \
        in page


def test_pages_are_named_by_care_type_and_year_with_an_index() -> None:
    pages = reference_pages(FYSIO)
    assert sorted(pages) == ["fysio-2030.md", "index.md"]
    assert page_name(fysio.POLICY) == "fysio-2030.md"
    assert "[Inkoopbeleid Fysiotherapie 2030](fysio-2030.md)" in pages["index.md"]


def test_the_command_line_writes_and_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(caresq.Engine, "default", classmethod(lambda cls: FYSIO))
    assert main([str(tmp_path)]) == 0
    assert main([str(tmp_path), "--check"]) == 0
    (tmp_path / "fysio-2030.md").write_text("edited by hand\n", encoding="utf-8")
    (tmp_path / "old-2020.md").write_text("gone\n", encoding="utf-8")
    capsys.readouterr()
    assert main([str(tmp_path), "--check"]) == 1
    out = capsys.readouterr().out
    assert "fysio-2030.md: out of date" in out
    assert "old-2020.md: no registered policy has this page" in out
