import numpy as np
import pytest

from nnparams_edu import Net, as_net, format_spec, parse_layers, parse_spec


@pytest.mark.parametrize("text", ["5-8-4-3", "5, 8, 4, 3", "[5, 8, 4, 3]", "5 8 4 3",
                                  " (5,8,4,3) ", "5 - 8 - 4 - 3", "5-8-4-3;frozen=1"])
def test_parse_layers_accepts_the_usual_spellings(text):
    assert parse_layers(text) == (5, 8, 4, 3)


@pytest.mark.parametrize("sizes", [[5, 8, 4, 3], (5, 8, 4, 3), np.array([5, 8, 4, 3]),
                                   [np.int64(5), 8, 4, 3]])
def test_parse_layers_accepts_sequences_and_returns_plain_ints(sizes):
    layers = parse_layers(sizes)
    assert layers == (5, 8, 4, 3)
    assert all(type(n) is int for n in layers)


@pytest.mark.parametrize("bad, error, words", [
    ([], ValueError, "at least 2 layers"),
    ([5], ValueError, "at least 2 layers"),
    ("7", ValueError, "at least 2 layers"),
    ("", ValueError, "no layer sizes"),
    ("[]", ValueError, "no layer sizes"),
    ([5, 0, 3], ValueError, "layer 2 has 0 units; every layer needs at least 1"),
    ([5, -8, 3], ValueError, "layer 2 has -8 units"),
    ("5, -8, 3", ValueError, "layer 2 has -8 units"),
    ([5, 8.0, 3], TypeError, "layer 2 is 8.0 (float)"),
    ([5, True, 3], TypeError, "layer 2 is True (bool)"),
    ([5, None], TypeError, "layer 2 is None"),
    ([5, "8"], TypeError, "layer 2 is '8' (str)"),
    (None, TypeError, "give layer sizes"),
    (5, TypeError, "not int"),
    ({5, 8}, TypeError, "not set"),
    ("5-8-abc", ValueError, "layer 3 is 'abc'"),
    ("5.5-8", ValueError, "layer 1 is '5.5'"),
    ("5--8", ValueError, "layer 2 is nothing"),
    ("__import__('os').system('echo hacked')", ValueError, "whole number"),
    ("[5, 8] + [1]", ValueError, "whole number"),
    ([5, 10**9], ValueError, "at most 100,000,000"),
    ("5-8;color=red", ValueError, "unknown flag 'color'"),
    ("5-8;frozen=2", ValueError, "numbered 1 to 1"),
])
def test_bad_layers_get_an_error_naming_value_and_rule(bad, error, words):
    with pytest.raises(error, match=None) as info:
        parse_layers(bad)
    assert words in str(info.value)


@pytest.mark.parametrize("bias, frozen, words", [
    ([True], None, "bias has 1 values but the net has 3 connections"),
    ("yes", None, "bias must be True, False or one bool per connection"),
    ([1, 0, 1], None, "bias for connection 1 is 1"),
    (None, [True, None, False], "frozen for connection 2 is None"),
])
def test_bad_flags_are_named(bias, frozen, words):
    with pytest.raises((TypeError, ValueError)) as info:
        as_net("5-8-4-3", bias=bias, frozen=frozen)
    assert words in str(info.value)


def test_flags_default_to_bias_everywhere_and_nothing_frozen():
    net = Net((5, 8, 4, 3))
    assert net.bias == (True, True, True)
    assert net.frozen == (False, False, False)
    assert list(net.pairs()) == [(5, 8, True, False), (8, 4, True, False), (4, 3, True, False)]


@pytest.mark.parametrize("net", [
    Net((5, 8, 4, 3)),
    Net((5, 16, 3), bias=(False, True)),
    Net((784, 128, 10), frozen=(True, False)),
    Net((4, 16, 8, 4, 2), bias=(True, False, True, False), frozen=(False, True, True, False)),
])
def test_spec_string_round_trips_exactly(net):
    text = format_spec(net)
    assert parse_spec(text) == net
    assert parse_layers(text) == net.layers
    assert as_net(text) == net


def test_as_net_reads_a_graph_and_overrides_flags():
    from nnparams_edu import build_graph

    G = build_graph("5-8-4-3", bias=[True, False, True])
    assert as_net(G) == Net((5, 8, 4, 3), bias=(True, False, True))
    assert as_net("5-8-4-3", bias=False).bias == (False, False, False)


def test_a_graph_not_made_by_build_graph_is_refused():
    import networkx as nx

    with pytest.raises(ValueError, match="not made by build_graph"):
        as_net(nx.DiGraph())


@pytest.mark.parametrize("bad, error, words", [
    ("5-8;nobias", ValueError, "flag nobias needs connection numbers"),
    ("5-8;frozen=", ValueError, "flag frozen needs connection numbers"),
    ("5-8;nobias=²", ValueError, "nobias='²' names connection '²'; connections are numbered"),
    ("5-8;nobias=" + "1" * 5000, ValueError, "connections are numbered 1 to 1"),
    ("5-" + "9" * 5000, ValueError, "layer 2 has a 5,000-digit number of units"),
    ("5 -8", ValueError, "layer 2 has -8 units"),
    (bytearray(b"5-8"), TypeError, "not bytearray"),
    (memoryview(b"5-8"), TypeError, "not memoryview"),
    ([2.9, 3.9], TypeError, "layer 1 is 2.9 (float)"),
    ([5, float("inf")], TypeError, "layer 2 is inf (float)"),
    (np.array([5.0, 8.0]), TypeError, "(float64); it must be a whole number"),
    (np.int64(5), TypeError, "must be a list of whole numbers"),
])
def test_reproducers_of_issue_9_get_our_own_sentence(bad, error, words):
    with pytest.raises(error) as info:
        as_net(bad)
    message = str(info.value)
    assert words in message
    assert "invalid literal" not in message and "Exceeds the limit" not in message


def test_a_list_nested_5000_deep_gets_a_short_message():
    nested = [5]
    for _ in range(5000):
        nested = [nested]
    for value in (nested, [5, nested]):
        with pytest.raises((TypeError, ValueError)) as info:
            as_net(value)
        assert len(str(info.value)) < 200


def test_messages_quote_at_most_60_characters_of_the_input():
    with pytest.raises(ValueError) as info:
        as_net("5-8-" * 250_000 + "x")  # 1 MB, under the length limit, bad at the end
    assert len(str(info.value)) < 200
    with pytest.raises(ValueError) as info:
        as_net("x" * 200_000)
    assert "layer 1 is 'xxx" in str(info.value) and len(str(info.value)) < 200


def test_numpy_bools_and_ints_are_accepted():
    assert as_net("5-8-4", bias=np.True_) == as_net("5-8-4")
    assert as_net("5-8-4", frozen=[np.True_, np.False_]).frozen == (True, False)
    assert as_net([np.int32(5), np.uint8(8)]).layers == (5, 8)
    with pytest.raises(TypeError, match="bias for connection 1 is 1"):
        as_net("5-8", bias=[1])


def test_a_deep_spec_reads_fast_and_exactly():
    net = as_net("-".join(["8"] * 100_000))
    assert net.layers == (8,) * 100_000 and net.connections == 99_999
    assert as_net("1-" + "0" * 20 + "7").layers == (1, 7)  # leading zeros are fine


def test_a_net_is_immutable_and_hashable():
    import dataclasses

    net = Net((5, 8, 4, 3))
    with pytest.raises(dataclasses.FrozenInstanceError):
        net.layers = (1, 1)
    assert {net: "lesson 1"}[Net((5, 8, 4, 3))] == "lesson 1"


def test_only_something_with_a_graph_and_edges_is_read_as_a_graph():
    from types import SimpleNamespace

    for thing in (SimpleNamespace(edges=[]), SimpleNamespace(graph={})):
        with pytest.raises(TypeError, match="not SimpleNamespace"):
            as_net(thing)


@pytest.mark.parametrize("text, words", [
    ("5-8;=1", "unknown flag ''"), ("5-8; =1", "unknown flag ''"),
    ("5-8;nobias=0", "names connection '0'; connections are numbered 1 to 1"),
    ("5-8-4;frozen=3", "names connection '3'; connections are numbered 1 to 2"),
    ("-5-8", "layer 1 is nothing"), ("5-8-", "layer 3 is nothing"),
    (",5,8", "layer 1 is nothing"), ("5,8,", "layer 3 is nothing"),
    ("5-8]", "layer 2 is '8]'"), ("[5-8", "layer 1 is '[5'"), ("(5, 8", "layer 1 is '(5'"),
])
def test_flags_and_brackets_are_read_strictly(text, words):
    with pytest.raises(ValueError) as info:
        parse_spec(text)
    assert words in str(info.value)


@pytest.mark.parametrize("text, net", [
    ("5-8;", Net((5, 8))), ("5-8; ;", Net((5, 8))),
    ("5-8-4;frozen=2", Net((5, 8, 4), frozen=(False, True))),
    ("5-8-4;nobias=1,2", Net((5, 8, 4), bias=(False, False))),
    ("5-8-4;nobias=000000002", Net((5, 8, 4), bias=(True, False))),  # nine digits
    ("5, 100000000", Net((5, 100_000_000))), ("5-100000000", Net((5, 100_000_000))),
    ("5 , 100000000", Net((5, 100_000_000))), ("(5,8)", Net((5, 8))),
])
def test_edge_spellings_are_read(text, net):
    assert parse_spec(text) == net


@pytest.mark.parametrize("sep", [", ", " - ", " ,", " ", ",", "-"])
def test_the_layer_limit_is_exact_in_every_spelling(sep):
    # 100,000 layers are allowed, 100,001 are not, however they are written
    assert as_net(sep.join(["2"] * 100_000)).connections == 99_999
    with pytest.raises(ValueError, match="at most 100,000 layers, got 100,001"):
        as_net(sep.join(["2"] * 100_001))


@pytest.mark.parametrize("sizes", [[np.int64(1), np.int64(1)], [1, np.uint8(1)],
                                   [np.int64(100_000_000), 1], [np.int32(1), 100_000_000]])
def test_sizes_of_1_and_100_000_000_are_taken_in_any_integer_type(sizes):
    assert as_net(sizes).layers == tuple(int(n) for n in sizes)


@pytest.mark.parametrize("sizes, words", [
    ([np.int64(0), 1], "layer 1 has 0 units"),
    ([1, np.int64(100_000_001)], "layer 2 has 100,000,001 units; a layer may have at most"),
])
def test_sizes_out_of_range_are_refused_in_any_integer_type(sizes, words):
    with pytest.raises(ValueError, match=words):
        as_net(sizes)


def test_flags_may_be_numpy_arrays():
    assert as_net("5-8-4", bias=np.array([True, False])).bias == (True, False)
    assert as_net("5-8-4", frozen=np.array([False, True])).frozen == (False, True)


@pytest.mark.parametrize("net, flags, words", [
    ("5-8", [True, False], "bias has 2 values but the net has 1 connection; give one bool"),
    ("5-8-4", [True], "bias has 1 values but the net has 2 connections; give one bool"),
])
def test_a_wrong_number_of_flags_is_counted_in_words(net, flags, words):
    with pytest.raises(ValueError) as info:
        as_net(net, bias=flags)
    assert words in str(info.value)
