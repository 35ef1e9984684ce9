"""The documentation stays true: every hook documented, the reference generated, links resolve."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import caresq
import caresq.testing
import caresq_plugins.geboortezorg
import caresq_plugins.zbc
from caresq import hookspecs
from caresq.testing import CHECKS
from caresq.testing.reference import reference_pages, stale_pages

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
EXAMPLE_SOURCE = (ROOT / "examples" / "caresq-example-plugin" / "src" / "caresq_voorbeeld"
                  / "__init__.py")
#: The bundled plugins only: an installed third-party plugin must not change caresq's pages.
BUNDLED = caresq.Engine(plugins=[caresq_plugins.geboortezorg, caresq_plugins.zbc])
HOOKS = sorted(name for name, value in vars(hookspecs).items()
               if callable(value) and hasattr(value, "caresq_spec"))


def test_the_hooks_are_found() -> None:
    assert "caresq_conditions" in HOOKS
    assert len(HOOKS) == 6


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_has_a_section_in_writing_a_plugin(hook: str) -> None:
    text = (DOCS / "writing-a-plugin.md").read_text(encoding="utf-8")
    headings = re.findall(r"^#{2,4} .*$", text, flags=re.MULTILINE)
    assert any(re.search(rf"\b{hook}\b", heading) for heading in headings), (
        f"{hook} has no section in docs/writing-a-plugin.md; add '### `{hook}(...)`' with "
        "what it is for, what it returns and an example")


def test_the_policy_reference_is_up_to_date() -> None:
    pages = reference_pages(BUNDLED, ["geboortezorg", "zbc"])
    stale = stale_pages(DOCS / "reference", pages)
    assert not stale, ("regenerate: python -m caresq.testing.reference docs/reference "
                       "--care-type geboortezorg --care-type zbc\n" + "\n".join(stale))


def test_the_reference_names_every_condition_with_its_sentence_and_every_fact() -> None:
    page = (DOCS / "reference" / "zbc-2025.md").read_text(encoding="utf-8")
    spec = BUNDLED.contract("zbc.msz")
    for condition in spec.conditions:
        assert f"### {condition.id} ({condition.kind.value})" in page
        assert f"> {condition.text.splitlines()[0]}" in page
    for fact in spec.questionnaire:
        assert f"| `{fact.id}` | {fact.describe_type().replace('|', chr(92) + '|')} |" in page


def _code_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)


def test_the_tutorial_quotes_the_example_plugin_as_it_is() -> None:
    source = EXAMPLE_SOURCE.read_text(encoding="utf-8")
    tutorial = (DOCS / "writing-a-plugin.md").read_text(encoding="utf-8")
    quoted = [block for block in _code_blocks(tutorial)
              if block.startswith("# caresq_voorbeeld/__init__.py")]
    assert len(quoted) >= 6
    for block in quoted:
        # A line "..." leaves out what stands between two quoted pieces.
        for excerpt in re.split(r"\n\s*\.\.\.\n", block.split("\n", 1)[1].rstrip("\n")):
            assert excerpt in source, (
                f"the tutorial quotes what the example no longer says:\n{excerpt}")


LINK = re.compile(r"\[[^\]]*\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("page", sorted(DOCS.rglob("*.md")), ids=lambda p: str(p.relative_to(DOCS)))
def test_every_relative_link_resolves(page: Path) -> None:
    targets = LINK.findall(page.read_text(encoding="utf-8"))
    missing = [target for target in targets if "://" not in target
               and not (page.parent / target).exists()]
    assert not missing, f"{page.name} links to missing files: {missing}"


def test_the_testing_guide_names_every_public_name_and_check() -> None:
    guide = (DOCS / "testing.md").read_text(encoding="utf-8")
    for name in caresq.testing.__all__:
        assert f"`{name}" in guide, name
    for check in CHECKS:
        assert f"| `{check}` |" in guide, check


def test_the_docs_index_lists_every_page() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    for page in DOCS.glob("*.md"):
        if page.name != "index.md":
            assert f"({page.name})" in index, page.name
