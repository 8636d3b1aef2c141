"""Voilà's pool lending only kernels that have started (nnparams_edu.kernel_pool);
the served deck after its pool is used up is driven in tests/browser/test_preheat.py."""
import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from nnparams_edu import kernel_pool
from nnparams_edu.kernel_pool import ready_only


class VoilaPool:
    """What Voilà 0.5's preheating manager does with its pool: counts every
    task in it, lends the first (waiting for it to finish)."""

    def __init__(self, pool):
        self._pools = {"deck.ipynb": pool}

    def get_pool_size(self, notebook_name):
        return len(self._pools.get(notebook_name, []))

    async def get_rendered_notebook(self, notebook_name, extra_kernel_env_variables={},
                                    **kwargs):
        return await self._pools[notebook_name].pop(0)


def run(main):
    """``asyncio.run(main())`` in a thread of its own: in a run with the
    browser tests, Playwright keeps an event loop running in this one."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, main()).result()


async def tasks(*states):
    """Pool entries: "ready" (its kernel started), "waiting" (a replacement
    waiting out fill_delay), "failed" (its kernel did not start)."""
    loop = asyncio.get_running_loop()
    made = []
    for i, state in enumerate(states):
        future = loop.create_future()
        if state == "ready":
            future.set_result(f"kernel {i}")
        elif state == "failed":
            future.set_exception(RuntimeError("no kernel"))
            future.exception()  # retrieved: no warning when it is dropped
        made.append(future)
    return made


@pytest.mark.parametrize("states, size", [
    ((), 0), (("waiting", "waiting"), 0), (("ready", "waiting"), 1),
    (("waiting", "ready", "failed", "ready"), 2), (("failed",), 0)])
def test_only_started_kernels_count(states, size):
    async def count():
        return ready_only(VoilaPool)(await tasks(*states)).get_pool_size("deck.ipynb")
    assert run(count) == size
    assert ready_only(VoilaPool)([]).get_pool_size("other.ipynb") == 0


def test_a_started_kernel_is_lent_before_one_still_waiting():
    async def lend():
        pool = await tasks("waiting", "failed", "ready", "ready")
        manager = ready_only(VoilaPool)(pool)
        # a lent kernel still waiting would never come: fail after a second instead
        lent = [await asyncio.wait_for(manager.get_rendered_notebook(
                    notebook_name="deck.ipynb", extra_kernel_env_variables={}), 1)
                for _ in range(2)]
        return lent, manager.get_pool_size("deck.ipynb"), len(pool)
    # kernels 2 and 3, in their order; the waiting and the failed one stay
    assert run(lend) == (["kernel 2", "kernel 3"], 0, 2)


def test_voila_runs_with_the_ready_pool_only_when_preheating(monkeypatch):
    from voila import app
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

    ran = []
    monkeypatch.setattr(app, "main", lambda argv=None: ran.append(argv))
    monkeypatch.setattr(app, "voila_kernel_manager_factory", app.voila_kernel_manager_factory)
    kernel_pool.main(["deck.ipynb"])
    assert ran == [["deck.ipynb"]]
    preheating = app.voila_kernel_manager_factory(AsyncMappingKernelManager, True, 2)
    assert preheating.__name__ == "ReadyPool"
    assert preheating.get_pool_size.__qualname__.startswith("ready_only")
    assert preheating.__mro__[1].__name__ == "VoilaKernelManager"
    plain = app.voila_kernel_manager_factory(AsyncMappingKernelManager, False, 0)
    assert plain.__name__ == "NormalKernelManager"
