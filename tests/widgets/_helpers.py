"""Shared by the widget tests."""
import re
from contextlib import contextmanager
from unittest import mock

from nnparams_edu.widgets import NetView


def without_pictures(html: str) -> str:
    """*html* with the base64 data of its pictures cut out, so that a number
    searched for is one a reader could see (or hear, in an alt text)."""
    return re.sub(r'src="data:[^"]*"', 'src=""', html)


@contextmanager
def counting_draws():
    """Inside the block, the list of every net a ``NetView`` draws."""
    drawn = []
    show = NetView.show

    def counted(view, net, **kwargs):
        drawn.append(str(net))
        return show(view, net, **kwargs)

    with mock.patch.object(NetView, "show", counted):
        yield drawn
