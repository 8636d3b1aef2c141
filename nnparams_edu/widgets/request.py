"""The query string of the page a kernel serves, as Voilà passes it.

Voilà puts the page's query string into the kernel's environment as
``QUERY_STRING``. A *preheated* kernel (``voila --preheat_kernel=True``) has
run the notebook before any page asked for it, so there the query string is
only known once the request has arrived: :func:`page_query` waits for it with
Voilà's ``wait_for_request``. Everywhere else (JupyterLab, nbval, a Voilà page
without preheating) it returns at once.
"""
from __future__ import annotations

import os

__all__ = ["page_query"]


def page_query() -> str:
    """The page's query string (``""`` outside Voilà), waiting for the request
    in a preheated kernel.

    Examples
    --------
    >>> import os
    >>> os.environ.get("VOILA_PREHEAT", "False"), page_query() == os.environ.get("QUERY_STRING", "")
    ('False', True)
    """
    if os.environ.get("VOILA_PREHEAT") == "True":
        from voila.utils import wait_for_request

        wait_for_request()
    return os.environ.get("QUERY_STRING", "")
