"""Framework fixtures for the layer tests: PyTorch and Keras (on its torch
backend), imported only when a test asks for them.

Where CI installs the frameworks it sets NNPARAMS_REQUIRE_FRAMEWORKS=1, and a
missing framework then fails the test instead of skipping it.
"""
import importlib
import os

import pytest

os.environ.setdefault("KERAS_BACKEND", "torch")


def _framework(name):
    try:
        return importlib.import_module(name)
    except ImportError as err:
        if os.environ.get("NNPARAMS_REQUIRE_FRAMEWORKS") == "1":
            pytest.fail(f"{name} is required here (NNPARAMS_REQUIRE_FRAMEWORKS=1): {err}")
        pytest.skip(f"{name} is not installed")


@pytest.fixture(scope="session")
def torch():
    """The torch package (count with frameworks.torch_numel)."""
    return _framework("torch")


@pytest.fixture(scope="session")
def nn(torch):
    """torch.nn."""
    return torch.nn


@pytest.fixture(scope="session")
def keras():
    """The keras package, on its torch backend."""
    module = _framework("keras")
    if module.backend.backend() != "torch":
        pytest.fail(f"Keras runs on {module.backend.backend()}; set KERAS_BACKEND=torch")
    return module


@pytest.fixture(scope="module")
def one_thread(torch):
    """Tiny modules run fastest, and Keras builds its small weights twice as
    fast, on one torch thread (which also leaves the other core alone)."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)
