"""Servers and a browser for the real-browser tests and the latency benchmark.

JupyterLab and Voilà run on 127.0.0.1 on free ports, serve a temporary copy of
the notebooks (so nothing a browser does can touch the committed ones), and are
always stopped when their ``with`` block ends, even after a failure. Chromium is
Debian's ``/usr/bin/chromium``, driven by Playwright.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = os.environ.get("NNPARAMS_CHROMIUM", "/usr/bin/chromium")
NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
# Chromium would otherwise try to reach Google's services from a closed network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url, process, log, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not answer {url} within {timeout} s:\n{log.read_text()}")


@contextmanager
def _server(command, url, workdir):
    log = Path(workdir) / "server.log"
    with open(log, "w") as out:
        process = subprocess.Popen(command, cwd=workdir, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        _wait_for(url, process, log)
        yield url
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


@contextmanager
def _copy_of_notebooks():
    folder = Path(tempfile.mkdtemp(prefix="nnparams-browser-"))
    try:
        root = folder / "notebooks"
        shutil.copytree(NOTEBOOKS, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        yield folder, root
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def jupyter_lab():
    """Run JupyterLab on a copy of the lessons; yield its base URL."""
    with _copy_of_notebooks() as (folder, root):
        settings = folder / "settings" / "@jupyterlab" / "apputils-extension"
        settings.mkdir(parents=True)
        (settings / "notification.jupyterlab-settings").write_text(
            json.dumps({"fetchNews": "false", "checkForUpdates": False}))
        port = free_port()
        command = [sys.executable, "-m", "jupyter", "lab", "--no-browser",
                   "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
                   "--ServerApp.port_retries=0", "--IdentityProvider.token=",
                   "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
                   f"--ServerApp.root_dir={root}",
                   f"--LabApp.user_settings_dir={folder / 'settings'}",
                   f"--LabApp.workspaces_dir={folder / 'workspaces'}",
                   "--LabApp.expose_app_in_browser=True"]
        if os.geteuid() == 0:
            command.append("--allow-root")
        with _server(command, f"http://127.0.0.1:{port}/api/status", folder):
            yield f"http://127.0.0.1:{port}"


@contextmanager
def voila(notebook="05-Presenting-in-Class.ipynb"):
    """Serve one lesson as a Voilà app; yield its URL."""
    with _copy_of_notebooks() as (folder, root):
        port = free_port()
        command = [sys.executable, "-m", "voila", str(root / notebook), "--no-browser",
                   f"--port={port}", "--Voila.ip=127.0.0.1"]
        with _server(command, f"http://127.0.0.1:{port}/", folder):
            yield f"http://127.0.0.1:{port}/"


@contextmanager
def chromium():
    """A headless Chromium browser driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def console_errors(page):
    """Start collecting the page's JavaScript errors.

    Returns two live lists: the errors, and the URLs outside 127.0.0.1 that
    failed to load. This machine has no network, so a stylesheet a page links
    from a CDN fails here while it loads in a classroom; such failures are kept
    apart (and checked by the tests) instead of counting as errors.
    """
    errors, outside = [], []

    def failed(request):
        if not request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            outside.append(request.url)

    def console(message):
        text = message.text
        if message.type == "error" and not (
                text.startswith("Failed to load resource: net::ERR_NAME_NOT_RESOLVED")
                and outside):
            errors.append(text)

    page.on("requestfailed", failed)
    page.on("console", console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors, outside


def open_lesson(page, base_url, notebook, timeout=90_000):
    """Open a lesson in JupyterLab, run all its cells, wait until the kernel is idle."""
    page.goto(f"{base_url}/lab/workspaces/test-{time.monotonic_ns()}/tree/{notebook}?reset")
    run_all(page, timeout)


def run_all(page, timeout=90_000):
    """Run every cell of the notebook open in JupyterLab (served with
    ``--LabApp.expose_app_in_browser=True``); wait until the kernel is idle."""
    page.wait_for_function("window.jupyterapp && window.jupyterapp.shell.currentWidget"
                           " && window.jupyterapp.shell.currentWidget.sessionContext"
                           " && window.jupyterapp.shell.currentWidget.sessionContext.session"
                           " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
                           " && window.jupyterapp.shell.currentWidget.sessionContext.session"
                           ".kernel.connectionStatus === 'connected'", timeout=timeout)
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    wait_idle(page, timeout)


def wait_idle(page, timeout=90_000):
    """Wait until the notebook's kernel has run everything queued."""
    page.wait_for_function(
        "(() => { const w = window.jupyterapp.shell.currentWidget;"
        " const k = w.sessionContext.session.kernel;"
        " const busy = w.content.widgets.some(c => c.model.type === 'code'"
        "   && (c.promptNode.textContent || '').includes('*'));"
        " return k.status === 'idle' && !busy; })()", timeout=timeout)


def move_slider(handle, key="ArrowRight"):
    """Give a slider handle focus and press a key, as a student would."""
    handle.focus()
    handle.press(key)


@contextmanager
def preheated_voila(pool=2, notebook="05-Presenting-in-Class.ipynb", **options):
    """Serve the class deck as ``nnparams present`` does, with *pool* preheated
    kernels (each used one replaced a second later, unless *options* give
    another ``fill_delay``); yield its URL and the server's log file."""
    from nnparams_edu.present import present_command

    options = {"fill_delay": 1, **options}
    with _copy_of_notebooks() as (folder, root):
        command, url, _ = present_command(port=free_port(), pool=pool, browser=False,
                                          deck=root / notebook, **options)
        # asked for the page, the server would lend it a kernel: a static file instead
        with _server(command, url + "voila/templates/lab/static/voila.js", folder):
            yield url, folder / "server.log"
