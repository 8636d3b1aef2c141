"""What the checker says: the sentences of feedback on a student's count.

Every sentence names a rule or a mistake and never a count the student did not
type. A number that a catalogued mistake gives is worded as what that mistake
*would* give (perhaps what happened, perhaps a slip in the sums), not as a
verdict; when several mistakes give it, all of them are named; a right total
that a mistake also gives is right, with a word to check the method.
"""
from __future__ import annotations

from .diagnosis import coincidences, explain
from .mistakes import MISTAKES
from .spec import as_net

__all__ = ["connection_hint", "boxes_to_check", "wrong_total", "boxes_only",
           "coincidence_note"]

#: Room for the hints on the connection boxes in one sentence of feedback.
HINTS_ROOM = 200


def connection_hint(n, m, has_bias, value) -> str:
    """What is wrong with *value* typed for a connection of *n* → *m* units.

    Examples
    --------
    >>> connection_hint(5, 8, True, 40)
    '40 is the weights alone; add one bias per receiving unit'
    >>> connection_hint(5, 8, True, 47)
    '47 is not right; count (n + 1) × m for it'
    """
    if has_bias and value == n * m:
        return f"{value:,} is the weights alone; add one bias per receiving unit"
    if has_bias and value == n * (m + 1):
        return (f"{value:,} is {n:,} × ({m:,} + 1); the +1 goes with the sending layer, "
                "not the receiving one")
    if value == n + m:
        return (f"{value:,} adds the two layer sizes; every sending unit has a weight to "
                "each receiving unit: multiply them" + (", then add the biases" if has_bias
                                                        else ""))
    if has_bias and value == n * m + 1:
        return (f"{value:,} has one bias for the whole layer; each of the {m:,} units has "
                "its own")
    return (f"{value:,} is not right; count (n + 1) × m for it" if has_bias
            else f"{value:,} is not right; it has no biases, so count n × m")


def boxes_to_check(wrong) -> list:
    """What to say about each wrong box, from ``(connection, hint)`` pairs: the
    hints while they fit in a short sentence, else only the connections.

    Examples
    --------
    >>> boxes_to_check([("5 → 8 (the first connection)", "40 is the weights alone")])
    ['5 → 8 (the first connection): 40 is the weights alone']

    Too many hints for one sentence: the advice they share is given once, or
    else the rule.

    >>> boxes_to_check([(f"connection {k}", f"{k}{'0' * 40} is the weights alone; "
    ...                  "add one bias per receiving unit") for k in (1, 2, 3, 4)])
    ['connection 1', 'connection 2', 'connection 3', 'connection 4: in each, add one bias per receiving unit']
    >>> boxes_to_check([(f"connection {k}", "x" * 80) for k in (1, 2, 3)])
    ['connection 1', 'connection 2', 'connection 3 (each is (n + 1) × m, or n × m without biases)']
    """
    hints = [f"{name}: {hint}" for name, hint in wrong]
    if len("; ".join(hints)) <= HINTS_ROOM:
        return hints
    names = [name for name, _ in wrong]
    advice = {hint.partition("; ")[2] for _, hint in wrong}
    shared = advice.pop() if len(advice) == 1 else ""
    names[-1] += (f": in each, {shared}" if shared
                  else " (each is (n + 1) × m, or n × m without biases)")
    return names


def wrong_total(net, total: int) -> str:
    """The sentence for a wrong *total*: every mistake that would give it, or
    a nudge to count again.

    Examples
    --------
    >>> print(wrong_total("5-8-4-3", 98))  # doctest: +NORMALIZE_WHITESPACE
    Not quite: 98 is not what any of the usual mistakes gives. Count each connection
    as (n + 1) × m and add them up again.
    >>> print(wrong_total("5-8-4-3", 84))  # doctest: +NORMALIZE_WHITESPACE
    Not quite: more than one mistake gives 84. It is what you would get if you counted
    only the weights n × m and forgot the biases — or if you left out 4 → 3 (the last
    connection). Perhaps one of these is what happened; if not, check your sums.
    """
    net = as_net(net)
    did = list(dict.fromkeys(text for _, text in explain(net, total)))
    if not did:
        rule = ("(n + 1) × m" if all(net.bias)
                else "(n + 1) × m, or n × m where it has no biases,")
        return (f"Not quite: {total:,} is not what any of the usual mistakes gives."
                f" Count each connection as {rule} and add them up again.")
    if len(did) == 1:
        return (f"Not quite: {total:,} is what you would get if you {did[0]}. If that is "
                "not what you did, check your sums.")
    return (f"Not quite: more than one mistake gives {total:,}. It is what you would get "
            "if you " + " — or if you ".join(did) + ". Perhaps one of these is what "
            "happened; if not, check your sums.")


def coincidence_note(net, total: int) -> str:
    """For a right *total*: which catalogued mistakes give it too on this net
    (then the right number does not show that the method was right).

    Examples
    --------
    >>> coincidence_note("5-8-4-3", 99)
    ''
    >>> print(coincidence_note("2-1", 3))  # doctest: +NORMALIZE_WHITESPACE
     But n × m + 1 for each connection, added up, gives 3 here too, and so does the
     layer sizes added up: check that you counted (n + 1) × m.
    """
    ways = [MISTAKES[name].computes for name in coincidences(net)]
    if not ways:
        return ""
    also = ways[0] + f", gives {total:,} here too"
    if len(ways) > 1:
        also += ", and so " + ("does " if len(ways) == 2 else "do ") + " and ".join(ways[1:])
    return f" But {also}: check that you counted (n + 1) × m."


def boxes_only(counts, values, wrong) -> str:
    """What to say when the connection boxes are filled but the total is not."""
    if wrong:
        return "Check " + "; ".join(wrong) + ". Then type the total, the counts added up."
    return ("So far so good: the connections you counted are right. Now type the total, "
            "all connections added up.")
