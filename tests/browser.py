"""A real browser for the tests: Debian's headless Chromium, driven by Playwright.

Playwright never downloads a browser here: it launches the system's ``/usr/bin/chromium``
(``apt-get install chromium``). Where that is missing the browser tests are skipped, except
under CI (``CI`` set), where a missing browser is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

CHROMIUM: Final = Path("/usr/bin/chromium")
#: No sandbox (root in a container), no GPU, and nothing that reaches out to the network.
ARGS: Final = ("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync")
#: Where the browser tests leave their screenshots (ignored by git).
ARTIFACTS: Final = Path(__file__).with_name("artifacts")


def require_chromium() -> None:
    """Skip the test when no system Chromium (or no Playwright) is installed; fail under CI."""
    missing = None
    if not CHROMIUM.exists():
        missing = f"{CHROMIUM} is not installed (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "playwright is not installed (pip install playwright)"
    if missing is not None:
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)


@contextmanager
def chromium_page(**context_options: Any) -> Iterator[Page]:
    """A page in a fresh headless Chromium, closed when the block ends."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(ARGS),
                                             headless=True)
        try:
            context = browser.new_context(accept_downloads=True, **context_options)
            page = context.new_page()
            page.set_default_timeout(30_000)
            yield page
        finally:
            browser.close()


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot under ``tests/artifacts`` and print where it is."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")
    return path
