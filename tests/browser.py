"""A headless Chromium for tests that look at a page as a person would (Playwright for Python).

Debian's ``/usr/bin/chromium`` is driven directly; ``playwright install`` (which downloads a
browser) is never needed. Tests that use :func:`chromium_page` are skipped only when the browser
is missing on a developer's machine; under CI (``CI`` set) a missing browser fails them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Final

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

CHROMIUM: Final = Path("/usr/bin/chromium")
#: Quiet, offline, no sandbox (tests run as root in containers).
CHROMIUM_ARGS: Final = ("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync")


def require_chromium() -> None:
    """Skip the calling test when there is no browser, unless this is CI (then fail)."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: CI installs it (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api")


@contextmanager
def chromium_page(width: int = 1280, height: int = 900) -> Iterator[Page]:
    """A fresh page of a headless Chromium, closed (with the browser) afterwards."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=list(CHROMIUM_ARGS))
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            yield page
        finally:
            browser.close()
