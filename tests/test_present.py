"""Serving the class deck (nnparams_edu.present); the served deck itself is
driven in tests/browser/test_preheat.py."""
import io
import os
import signal
import subprocess
import sys
import time

import pytest

from nnparams_edu.present import READY_DIR, present_command, serve


def option(command, name):
    return [word.split("=", 1)[1] for word in command if word.startswith(name + "=")]


def test_preheated_pool_for_the_class_and_culled_idle_kernels():
    command, address, env = present_command(port=8900, pool=30, browser=False)
    # Voilà, with a pool that lends only started kernels (nnparams_edu.kernel_pool)
    assert command[1:3] == ["-m", "nnparams_edu.kernel_pool"]
    assert command[3].endswith("05-Presenting-in-Class.ipynb")
    assert option(command, "--preheat_kernel") == ["True"]
    assert option(command, "--pool_size") == ["30"]
    assert option(command, "--MappingKernelManager.cull_idle_timeout") == ["600"]
    # replacements start an hour later, not while the class works
    assert option(command, "--VoilaKernelManager.fill_delay") == ["3600.0"]
    assert "--no-browser" in command and option(command, "--port") == ["8900"]
    assert address == "http://127.0.0.1:8900/" and env["VOILA_APP_IP"] == "127.0.0.1"


def test_no_pool_no_preheating():
    command, _, _ = present_command(pool=0)
    options = [word for word in command if word.startswith("--")]
    assert not [word for word in options if "preheat" in word or "pool" in word]


@pytest.mark.parametrize("pool", [-1, 501, 2.5, "3"])
def test_bad_pool_is_named(pool):
    with pytest.raises(ValueError, match=f"pool is {pool!r}"):
        present_command(pool=pool)


FILLED = "print('[Voila] Kernel pool of x.ipynb is filled with 3 kernel(s)', flush=True)\n"
READY = "Ready for 3 students at once. Open http://127.0.0.1:1/"


def test_ready_is_said_once_voila_reports_its_pool_filled_without_a_ready_folder():
    fake = [sys.executable, "-c", FILLED]
    out = io.StringIO()
    assert serve(fake, "http://127.0.0.1:1/", None, 3, out=out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Preparing the deck in 3 kernels")
    assert READY in out.getvalue()


@pytest.mark.parametrize("built, said", [(2, False), (3, True)])
def test_ready_is_said_once_every_kernel_has_built_the_deck(tmp_path, built, said):
    # Voilà's pool is filled (its kernels started) at once; the deck is built in each
    # kernel later: each leaves a file in the ready folder, as page_query does
    _, _, env = present_command(pool=3)
    code = (FILLED + "import os, time\ntime.sleep(1)\n"
            f"folder = os.environ[{READY_DIR!r}]\n"
            f"for k in range({built}):\n    open(os.path.join(folder, str(k)), 'w').close()\n"
            "time.sleep(2)\n")
    out = io.StringIO()
    assert serve([sys.executable, "-c", code], "http://127.0.0.1:1/", env, 3, out=out) == 0
    assert (READY in out.getvalue()) is said


def test_stopping_the_command_by_its_process_id_stops_voila_too(tmp_path):
    # the launcher runs a stand-in for Voilà that writes its process id and waits
    child_pid = tmp_path / "child"
    stand_in = tmp_path / "stand_in.py"
    stand_in.write_text(f"import os, time\nopen({str(child_pid)!r}, 'w').write(str(os.getpid()))\n"
                        "time.sleep(60)\n")
    code = ("import sys\nfrom nnparams_edu.present import serve\n"
            f"serve([sys.executable, {str(stand_in)!r}], 'http://127.0.0.1:1/', None, 0)\n")
    launcher = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
    for _ in range(200):
        if child_pid.exists() and child_pid.read_text():
            break
        time.sleep(0.05)
    pid = int(child_pid.read_text())
    launcher.terminate()
    assert launcher.wait(timeout=10) is not None
    for _ in range(100):  # the stand-in is gone too
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        os.kill(pid, signal.SIGKILL)
        raise AssertionError("the stand-in for Voilà outlived the command")
