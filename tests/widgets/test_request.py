"""The page's query string in a preheated Voilà kernel (widgets/request.py)."""
import warnings

import pytest
import voila.utils

from nnparams_edu.widgets import class_presentation, presentation
from nnparams_edu.widgets.request import page_query


def test_without_preheating_the_query_is_read_at_once(monkeypatch):
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("QUERY_STRING", "section=6")
    monkeypatch.setattr(voila.utils, "wait_for_request", pytest.fail)
    assert page_query() == "section=6"


def test_a_preheated_kernel_builds_the_deck_then_reads_the_query_after_the_request(
        monkeypatch):
    events = []

    def request_arrives():  # what Voilà's wait_for_request does when the page is asked for
        events.append("request")
        monkeypatch.setenv("QUERY_STRING", "net=5-16-3&pose=1")
        monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5")

    class Deck(presentation.Deck):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            events.append("deck built")

    monkeypatch.setattr(presentation, "Deck", Deck)

    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.delenv("QUERY_STRING", raising=False)   # as when preheated
    monkeypatch.delenv("SERVER_SOFTWARE", raising=False)
    monkeypatch.setattr(voila.utils, "wait_for_request", request_arrives)
    deck = class_presentation()
    assert events == ["deck built", "request"]   # the work is done before the page is asked for
    assert deck.titles[deck.current] == "Your turn"
    assert str(deck.contents[deck.current].net) == "5-16-3"


def test_a_lost_connection_to_voila_is_tried_again_quietly(monkeypatch):
    calls = []

    def flaky():  # the first connection times out (Voilà warns), the second brings the request
        calls.append(True)
        if len(calls) == 1:
            warnings.warn("Failed to connect to ws://127.0.0.1:8866/voila/query/k")
            return
        monkeypatch.setenv("QUERY_STRING", "section=6")
        monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5")

    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.delenv("QUERY_STRING", raising=False)
    monkeypatch.delenv("SERVER_SOFTWARE", raising=False)
    monkeypatch.setattr(voila.utils, "wait_for_request", flaky)
    with warnings.catch_warnings(record=True) as shown:   # what would land in the page
        warnings.simplefilter("always")
        assert page_query() == "section=6"
    assert len(calls) == 2
    assert [str(w.message) for w in shown] == []


def test_a_preheated_kernel_says_it_is_built_before_it_waits(monkeypatch, tmp_path):
    import os

    seen = []

    def request_arrives():  # the kernel's file is there while it waits
        seen.append(sorted(os.listdir(tmp_path)))
        monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5")

    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setenv("NNPARAMS_READY_DIR", str(tmp_path))
    monkeypatch.delenv("SERVER_SOFTWARE", raising=False)
    monkeypatch.setattr(voila.utils, "wait_for_request", request_arrives)
    page_query()
    assert seen == [[str(os.getpid())]]
    monkeypatch.delenv("VOILA_PREHEAT")          # not preheated: no file
    monkeypatch.setenv("NNPARAMS_READY_DIR", str(tmp_path / "none"))
    page_query()
    assert not (tmp_path / "none").exists()
