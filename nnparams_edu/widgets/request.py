"""The query string of the page a kernel serves, as Voilà passes it.

Voilà puts the page's query string into the kernel's environment as
``QUERY_STRING``. A *preheated* kernel (``voila --preheat_kernel=True``) has
run the notebook before any page asked for it, so there the query string is
only known once the request has arrived: :func:`page_query` waits for it with
Voilà's ``wait_for_request``. Everywhere else (JupyterLab, nbval, a Voilà page
without preheating) it returns at once. A preheated kernel says it is ready to
lend by leaving a file in ``$NNPARAMS_READY_DIR`` before it waits.
"""
from __future__ import annotations

import os
import threading
import time
import warnings

from ..present import READY_DIR

__all__ = ["page_query"]

#: Set by Voilà in the kernel's environment together with the request.
_ARRIVED = "SERVER_SOFTWARE"


def page_query() -> str:
    """The page's query string (``""`` outside Voilà), waiting for the request
    in a preheated kernel.

    Examples
    --------
    >>> import os
    >>> page_query() == os.environ.get("QUERY_STRING", "")  # not preheated: at once
    True
    """
    if os.environ.get("VOILA_PREHEAT") == "True":
        if os.environ.get(READY_DIR):  # everything before this call is built
            with open(os.path.join(os.environ[READY_DIR], str(os.getpid())), "w"):
                pass
        _wait_for_request()
    return os.environ.get("QUERY_STRING", "")


def _wait_for_request() -> None:
    """Voilà's ``wait_for_request``, again until the request has arrived.

    On a busy machine its connection to Voilà can time out (after 5 s) or
    drop while the kernel waits; it then returns without the request, and the
    page would open without its query. Its warning and the dropped
    connection's traceback would land in the page, so both are kept quiet.
    """
    from voila.utils import wait_for_request

    while _ARRIVED not in os.environ:
        hook, threading.excepthook = threading.excepthook, lambda args: None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                wait_for_request()
        finally:
            threading.excepthook = hook
        if _ARRIVED not in os.environ:
            time.sleep(0.5)
