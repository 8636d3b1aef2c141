"""``nnparams present``: the class deck (lesson 5) served to a class by Voilà.

Voilà keeps a pool of *preheated* kernels that have already run the lesson up
to the moment a page is asked for, so a student's page is ready without
running the notebook first. The deck reads the page's query string only after
the request has arrived (:func:`nnparams_edu.widgets.request.page_query`), so
prepared links such as ``?net=3-14-9-5-2&pose=1`` still work. A used kernel is
replaced only after ``fill_delay`` seconds (an hour: after the class): starting
thirty replacements while the class works would take both cores of a small
machine for minutes. A student who comes after the pool is used up gets a
kernel started for them, as without preheating: Voilà runs with
:mod:`~nnparams_edu.kernel_pool`, whose pool lends only kernels that have
started (Voilà's own would lend a replacement still waiting out the hour).
The kernels of closed pages are culled once idle.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time

from .lessons import _host, lessons_folder

__all__ = ["DECK", "FILL_DELAY", "READY_DIR", "present_command", "serve"]

#: The lesson served as the class deck.
DECK = "05-Presenting-in-Class.ipynb"
#: Seconds before a used preheated kernel is replaced: an hour, after the class.
FILL_DELAY = 3600.0
#: A folder where a preheated kernel that has built the deck leaves a file
#: (:func:`~nnparams_edu.widgets.request.page_query`, before it waits).
READY_DIR = "NNPARAMS_READY_DIR"
#: Voilà's log line once every preheated kernel has started (it still has
#: the lesson to run up to the page's request).
_POOL_FILLED = "is filled with"


def present_command(port=8866, ip="127.0.0.1", browser=True, pool=30, fill_delay=FILL_DELAY,
                    cull_idle=600, deck=None):
    """The command that serves the class deck, its address, and the environment.

    Parameters
    ----------
    port : int
        Where Voilà listens.
    ip : str
        The address it listens on (``0.0.0.0`` for every interface).
    browser : bool
        Whether Voilà opens a browser.
    pool : int
        How many preheated kernels to keep ready: the number of students who
        may open the deck at once. 0 serves without preheating (each page
        starts its kernel and runs the lesson when asked for).
    fill_delay : float
        Seconds before a used preheated kernel is replaced (an hour).
    cull_idle : int
        Seconds after which the kernel of a closed page is shut down.
    deck : Path, optional
        The notebook to serve (lesson 5 by default).

    Examples
    --------
    >>> command, address, env = present_command(port=9000, pool=4)
    >>> address
    'http://127.0.0.1:9000/'
    >>> [word for word in command if word.startswith(("--pool", "--preheat"))]
    ['--preheat_kernel=True', '--pool_size=4']
    >>> "--preheat_kernel=True" in present_command(pool=0)[0]
    False
    """
    if not (isinstance(pool, int) and 0 <= pool <= 500):
        raise ValueError(f"pool is {pool!r}; give a whole number of kernels from 0 to 500")
    deck = lessons_folder() / DECK if deck is None else deck
    command = [sys.executable, "-m", "nnparams_edu.kernel_pool", str(deck), f"--port={port}",
               f"--Voila.ip={ip}", "--Voila.port_retries=0",
               f"--MappingKernelManager.cull_idle_timeout={int(cull_idle)}",
               "--MappingKernelManager.cull_interval=60"]
    if not browser:
        command.append("--no-browser")
    if pool:
        command += ["--preheat_kernel=True", f"--pool_size={pool}",
                    f"--VoilaKernelManager.fill_delay={float(fill_delay)}"]
    env = dict(os.environ)
    # A preheated kernel asks Voilà for its page's request on this address.
    env["VOILA_APP_IP"] = _host(ip)
    return command, f"http://{_host(ip)}:{port}/", env


def serve(command, address, env, pool, out=sys.stdout) -> int:
    """Run Voilà, pass its log through, and say when the class may open the
    deck: once every preheated kernel has built it (each leaves a file in a
    folder made for the run, named in its environment as ``READY_DIR``), or,
    with no environment given, once Voilà has started them."""
    with tempfile.TemporaryDirectory(prefix="nnparams-ready-") as folder:
        if not pool or env is None:
            folder = None
        else:
            env = {**env, READY_DIR: folder}
        return _serve(command, address, env, pool, out, folder)


def _serve(command, address, env, pool, out, folder) -> int:
    if pool:
        print(f"Preparing the deck in {pool} kernels for the class...", file=out)
    else:
        print(f"Open {address}", file=out)

    def ready():
        print(f"\nReady for {pool} students at once. Open {address}"
              " (a link may add ?net=3-14-9-5-2&pose=1 or ?section=6)\n", file=out, flush=True)

    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, bufsize=1)
    if folder:
        threading.Thread(target=_when_built, args=(folder, pool, process, ready),
                         daemon=True).start()
    try:  # stopped by its process id (kill PID), Voilà stops with it
        signal.signal(signal.SIGTERM, lambda *_: process.terminate())
    except ValueError:  # not the main thread: no signal handlers there
        pass
    try:
        for line in process.stdout:
            sys.stderr.write(line)
            if pool and not folder and _POOL_FILLED in line:
                ready()
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        return process.wait()


def _when_built(folder, pool, process, then, every=0.5) -> None:
    """Call *then* once *pool* kernels have left their file in *folder*
    (nothing if *process* ends first)."""
    while process.poll() is None:
        if len(os.listdir(folder)) >= pool:
            then()
            return
        time.sleep(every)
