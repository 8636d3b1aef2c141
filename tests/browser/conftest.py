"""Fixtures for the real-browser tests: one browser, one JupyterLab and one
Voilà server per session, always stopped at the end.

Without Chromium or Playwright these tests are skipped with the reason; with
NNPARAMS_REQUIRE_BROWSER=1 (as in CI) a missing browser is a failure.
"""
import importlib.util
import os
import re
from pathlib import Path

import pytest

from . import harness

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


def _missing():
    if not Path(harness.CHROMIUM).exists():
        return f"no Chromium at {harness.CHROMIUM} (apt-get install chromium)"
    if importlib.util.find_spec("playwright") is None:
        return "Playwright is not installed (pip install -r requirements.txt)"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _missing()
    if reason:
        if os.environ.get("NNPARAMS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests are required here: {reason}")
        pytest.skip(reason)
    with harness.chromium() as browser:
        yield browser


@pytest.fixture(scope="session")
def lab(browser):
    with harness.jupyter_lab() as url:
        yield url


@pytest.fixture(scope="session")
def voila_app(browser):
    with harness.voila() as url:
        yield url


@pytest.fixture
def page(browser, request):
    """A fresh page; its JavaScript errors are checked and a screenshot kept."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)
    page.errors, page.outside = harness.console_errors(page)
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.name).strip("_")
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    page.close()
