"""Serving the class deck (nnparams_edu.present); the served deck itself is
driven in tests/browser/test_preheat.py."""
import io
import sys

import pytest

from nnparams_edu.present import present_command, serve


def option(command, name):
    return [word.split("=", 1)[1] for word in command if word.startswith(name + "=")]


def test_preheated_pool_for_the_class_and_culled_idle_kernels():
    command, address, env = present_command(port=8900, pool=30, browser=False)
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
    assert not [word for word in command if "preheat" in word or "pool" in word]


@pytest.mark.parametrize("pool", [-1, 501, 2.5, "3"])
def test_bad_pool_is_named(pool):
    with pytest.raises(ValueError, match=f"pool is {pool!r}"):
        present_command(pool=pool)


def test_ready_is_said_once_voila_reports_its_pool_filled():
    fake = [sys.executable, "-c", "print('[Voila] Kernel pool of x.ipynb is filled with 3 kernel(s)')"]
    out = io.StringIO()
    assert serve(fake, "http://127.0.0.1:1/", None, 3, out=out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Preparing 3 kernels")
    assert "Ready for 3 students at once. Open http://127.0.0.1:1/" in out.getvalue()
