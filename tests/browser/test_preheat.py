"""The class deck served by ``nnparams present``: preheated kernels, and the
prepared links still open what they name (the query string is read after the
request arrives)."""
import time

import pytest

from . import harness
from .test_presentation import open_deck, state, where


@pytest.fixture(scope="module")
def deck(browser):
    with harness.preheated_voila(pool=2) as served:
        yield served


def wait_for_log(log, text, count, timeout=120):
    deadline = time.monotonic() + timeout
    while log.read_text().count(text) < count:
        assert time.monotonic() < deadline, f"{count}× {text!r} not in the log:\n{log.read_text()}"
        time.sleep(0.5)


@pytest.mark.parametrize("query, section, net", [
    ("?net=5-16-3&pose=1", 3, "5-16-3"), ("?section=6", 6, None),
    ("?net=784-128-10&pose=1", 3, "784-128-10")])
def test_a_prepared_link_opens_what_it_names_on_a_preheated_kernel(browser, deck, query,
                                                                    section, net):
    url, log = deck
    used = log.read_text().count("Using pre-heated kernel")
    wait_for_log(log, "is filled with 2 kernel(s)", used + 1)  # refilled after each page
    page = open_deck(browser, url + query, (1280, 800))
    try:
        assert log.read_text().count("Using pre-heated kernel") == used + 1
        assert where(state(page)) == (section, 0)
        if net:
            boxes = page.eval_on_selector_all(
                ".nnp-walkthrough input[type=text]",
                "els => els.filter(e => e.getClientRects().length).map(e => e.value)")
            assert boxes == [net]
            assert f"net={net}" in page.evaluate("location.search")
    finally:
        page.close()
    assert page.errors == []
