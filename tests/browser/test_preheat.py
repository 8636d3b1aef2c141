"""The class deck served by ``nnparams present``: preheated kernels, the
prepared links still open what they name (the query string is read after the
request arrives), and a page asked for once the pool is used up gets a kernel
started for it (not a replacement waiting out ``fill_delay``)."""
import http.client
import time
from urllib.parse import urlsplit

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



#: The class's picture: the explorer's (``?section=6``), decoded and on screen.
_PICTURE_SHOWN = """() => [...document.querySelectorAll('.nnp-explorer .nnp-figure img')]
  .some(i => i.complete && i.naturalWidth > 0 && i.getClientRects().length > 0)"""
#: Seconds a page may take on a kernel started for it while another kernel
#: runs the lesson: 11 to 12 s measured on a busy 2-core machine (where the
#: server sent a page of ``--pool 0`` in 5 to 7 s); lent a replacement waiting
#: out ``fill_delay``, the page hung for the whole hour.
FRESH_KERNEL_S = 30


def seconds_to_picture(browser, url, bound):
    """Open *url* and wait for the explorer's picture: the seconds it took,
    or None after *bound* seconds."""
    from playwright.sync_api import TimeoutError as Timeout

    page = browser.new_page(viewport={"width": 1280, "height": 800})
    errors, _ = harness.console_errors(page)
    start = time.monotonic()
    try:
        page.goto(url, timeout=bound * 1000)
        page.wait_for_function(_PICTURE_SHOWN, timeout=max(start + bound - time.monotonic(), 0.1)
                               * 1000)
        return time.monotonic() - start
    except Timeout:
        return None
    finally:
        page.close()
        assert errors == []


def test_a_page_after_the_pool_is_used_up_gets_a_kernel_started_for_it(browser):
    from nnparams_edu.present import FILL_DELAY

    # as the class is served: a used kernel is replaced only after the class
    with harness.preheated_voila(pool=1, fill_delay=FILL_DELAY) as (url, log):
        wait_for_log(log, "is filled with 1 kernel(s)", 1)
        # the first student's request takes the pool's kernel (its page is not awaited)
        first = http.client.HTTPConnection(urlsplit(url).netloc, timeout=60)
        try:
            first.request("GET", "/?section=6")
            wait_for_log(log, "Using pre-heated kernel", 1)
            started = log.read_text().count("Kernel started")
            seconds = seconds_to_picture(browser, url + "?section=6", FRESH_KERNEL_S)
        finally:
            first.close()
        assert seconds is not None, (f"the page after the pool was used up showed no"
                                     f" picture within {FRESH_KERNEL_S} s")
        assert log.read_text().count("Using pre-heated kernel") == 1
        assert log.read_text().count("Kernel started") == started + 1
