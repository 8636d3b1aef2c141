"""Voilà with a pool of preheated kernels that lends only kernels that are ready.

Voilà (0.5) puts a lent kernel's replacement into the pool at once, although
the replacement waits ``fill_delay`` seconds before it starts, and counts it
as a kernel to lend. ``nnparams present`` waits an hour before replacing, so a
page asked for after the pool was used up took a replacement that had not
started and hung until it did. Here the pool counts and lends only kernels that
have started; when none is ready, the page gets a kernel started for it, as
without preheating. Run as ``python -m nnparams_edu.kernel_pool`` with Voilà's
own arguments.
"""
from __future__ import annotations

__all__ = ["ready_only", "main"]


def _ready(task) -> bool:
    """Whether a pooled kernel (an asyncio task) has started without error."""
    return task.done() and not task.cancelled() and task.exception() is None


def ready_only(manager_class):
    """*manager_class*, Voilà's preheating kernel manager, counting and
    lending only the pool's ready kernels.

    Examples
    --------
    >>> import asyncio
    >>> class Pool:  # as Voilà's manager: every task in the pool counts
    ...     def __init__(self, pool): self._pools = {"deck": pool}
    ...     def get_pool_size(self, name): return len(self._pools[name])
    >>> loop = asyncio.new_event_loop()
    >>> waiting, started = loop.create_future(), loop.create_future()
    >>> started.set_result({"kernel_id": "k1"})
    >>> Pool([waiting, started]).get_pool_size("deck")
    2
    >>> ready_only(Pool)([waiting, started]).get_pool_size("deck")
    1
    >>> loop.close()
    """

    class ReadyPool(manager_class):
        def get_pool_size(self, notebook_name: str) -> int:
            # 0 makes Voilà's page handler start a kernel for the page
            return sum(_ready(task) for task in self._pools.get(notebook_name, ()))

        async def get_rendered_notebook(self, notebook_name, *args, **kwargs):
            pool = self._pools.get(notebook_name, [])
            ready = next((task for task in pool if _ready(task)), None)
            if ready is not None:  # Voilà lends the first kernel of the pool
                pool.remove(ready)
                pool.insert(0, ready)
            return await super().get_rendered_notebook(notebook_name, *args, **kwargs)

    return ReadyPool


def main(argv=None):
    """Run Voilà (its command line arguments) with :func:`ready_only` pools."""
    from voila import app

    make_manager = app.voila_kernel_manager_factory

    def with_ready_pool(base_class, preheat_kernel, *args, **kwargs):
        manager = make_manager(base_class, preheat_kernel, *args, **kwargs)
        return ready_only(manager) if preheat_kernel else manager

    app.voila_kernel_manager_factory = with_ready_pool
    return app.main(argv)


if __name__ == "__main__":
    main()
