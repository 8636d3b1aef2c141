"""The page's query string in a preheated Voilà kernel (widgets/request.py)."""
import pytest
import voila.utils

from nnparams_edu.widgets import class_presentation
from nnparams_edu.widgets.request import page_query


def test_without_preheating_the_query_is_read_at_once(monkeypatch):
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("QUERY_STRING", "section=6")
    monkeypatch.setattr(voila.utils, "wait_for_request", pytest.fail)
    assert page_query() == "section=6"


def test_a_preheated_kernel_reads_the_query_after_the_request(monkeypatch):
    waited = []

    def request_arrives():  # what Voilà's wait_for_request does when the page is asked for
        waited.append(True)
        monkeypatch.setenv("QUERY_STRING", "net=5-16-3&pose=1")

    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setenv("QUERY_STRING", "")   # what the kernel had when preheated
    monkeypatch.setattr(voila.utils, "wait_for_request", request_arrives)
    deck = class_presentation()
    assert waited == [True]
    assert deck.titles[deck.current] == "Your turn"
    assert str(deck.contents[deck.current].net) == "5-16-3"
