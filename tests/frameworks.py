"""PyTorch and Keras as independent references: import them, run generated code,
read a model's counts off its own parameters.

The student's install has neither framework. Where one is missing its tests
are skipped with the reason; with ``NNPARAMS_REQUIRE_FRAMEWORKS=1`` (as in CI,
``.ci/run``, which installs ``requirements-frameworks.txt``) they fail instead.
Keras runs on its PyTorch backend, so one framework serves both.
"""
import importlib
import math
import os

import pytest

__all__ = ["need", "run_code", "torch_count", "keras_count", "torch_linears", "keras_denses"]


def need(name: str):
    """The module *name* (``"torch"`` or ``"keras"``), or a skip, or a failure
    when frameworks are required."""
    if name == "keras":
        os.environ.setdefault("KERAS_BACKEND", "torch")
    try:
        return importlib.import_module(name)
    except ImportError as error:
        reason = f"{name} is not installed ({error}); pip install -r requirements-frameworks.txt"
        if os.environ.get("NNPARAMS_REQUIRE_FRAMEWORKS") == "1":
            pytest.fail(f"framework tests are required here: {reason}")
        pytest.skip(reason)


def run_code(code: str, name: str = "model"):
    """Execute generated code (ours, from ``export``) and return the variable *name*."""
    scope = {}
    exec(compile(code, "<generated>", "exec"), scope)
    return scope[name]


def torch_count(module, trainable=None) -> int:
    """Parameters of a ``torch.nn.Module`` by ``numel``; with *trainable* True or
    False, only those whose ``requires_grad`` is that."""
    return sum(p.numel() for p in module.parameters()
               if trainable is None or p.requires_grad is trainable)


def keras_count(model, trainable=None) -> int:
    """Parameters of a built Keras model: ``count_params()`` for all of them,
    the sizes of ``trainable_weights`` or ``non_trainable_weights`` otherwise."""
    if trainable is None:
        return model.count_params()
    weights = model.trainable_weights if trainable else model.non_trainable_weights
    return sum(math.prod(w.shape) for w in weights)


def torch_linears(module) -> list:
    """``(n_in, n_out, has bias, frozen)`` of every ``Linear`` in *module*, in
    order; frozen means none of its parameters requires a gradient."""
    torch = need("torch")
    return [(m.in_features, m.out_features, m.bias is not None,
             not any(p.requires_grad for p in m.parameters()))
            for m in module.modules() if isinstance(m, torch.nn.Linear)]


def keras_denses(model) -> list:
    """``(n_in, n_out, has bias, frozen)`` of every ``Dense`` layer of *model*."""
    keras = need("keras")
    return [(layer.kernel.shape[0], layer.units, layer.use_bias, not layer.trainable)
            for layer in model.layers if isinstance(layer, keras.layers.Dense)]
