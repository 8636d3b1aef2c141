"""Which catalogued mistakes give a number: the diagnosis of a wrong total,
and the nets where a mistake happens to give the right one.

:func:`diagnose` names *every* mistake that gives a number, so an answer that
two mistakes explain is not pinned on one of them. :func:`coincidences` finds
the mistakes that give a net's right count: on such a net (7-7, where
n × (m + 1) = (n + 1) × m) a wrong method passes as right, so exercises avoid
those nets and the checker warns where one is posed anyway.
"""
from __future__ import annotations

from .mistakes import MISTAKES, _right
from .spec import as_net

__all__ = ["explain", "diagnose", "coincidences", "MANY"]


#: More connections than this giving one number are not named one by one.
MANY = 5


def explain(net, total: int) -> tuple:
    """``(name, what the student did)`` for every catalogued way to get *total*.

    A mistake that gives the right count is never listed.

    Returns
    -------
    tuple of (str, str)
        One pair per way to get *total*: a connection mistake appears once for
        each connection that gives it, or once for all of them when more than
        ``MANY`` do.

    Examples
    --------
    >>> explain("5-8-4-3", 84)  # doctest: +NORMALIZE_WHITESPACE
    (('forgot_biases', 'counted only the weights n × m and forgot the biases'),
     ('left_out', 'left out 4 → 3 (the last connection)'))
    """
    net = as_net(net)
    right = _right(net)
    if total == right:
        return ()
    found = []
    for name, mistake in MISTAKES.items():
        ways = mistake.totals(net, only=total)
        if mistake.many and len(ways) > MANY:  # a deep net of equal layers
            ways = ((total, mistake.many.format(k=len(ways))),)
        found += [(name, did) for _, did in ways]
    return tuple(found)


def diagnose(net, total: int) -> tuple:
    """The names of all catalogued mistakes that give *total* for *net*.

    Returns
    -------
    tuple of str
        Names from :data:`MISTAKES` in catalogue order; empty when no mistake
        (or only the right count) gives *total*.

    Examples
    --------
    >>> diagnose("5-8-4-3", 104), diagnose("5-8-4-3", 100)
    (('input_bias',), ())
    >>> diagnose("6-5-4-3", 77)  # two mistakes give 77
    ('swapped_bias', 'output_bias')
    >>> diagnose("6-5-4-3", 59), diagnose("6-5-4-3", 89)
    (('left_out',), ('counted_twice',))
    """
    return tuple(dict.fromkeys(name for name, _ in explain(net, total)))


def coincidences(net) -> tuple:
    """The names of the catalogued mistakes that give *net*'s right count.

    An exercise on such a net cannot tell the mistake from the rule, so the
    random nets of :mod:`nnparams_edu.sheets` and the lessons' exercises have
    none.

    Examples
    --------
    >>> coincidences("7-7")  # 7 × (7 + 1) = (7 + 1) × 7
    ('swapped_bias',)
    >>> coincidences("2-1")  # 2 × 1 + 1 and 2 + 1 are both (2 + 1) × 1
    ('bias_per_layer', 'added_sizes')
    >>> coincidences("5-8-4-3")
    ()
    """
    net = as_net(net)
    right = _right(net)
    return tuple(name for name, mistake in MISTAKES.items()
                 if mistake.totals(net, only=right))
