"""nnparams_edu: see, move and check the parameter count of a fully connected net.

>>> from nnparams_edu import count_parameters
>>> count_parameters("5-8-4-3")
99
"""
from .count import (Breakdown, count_parameters, format_bytes, layer_breakdown,
                    parameter_memory)
from .draw import CLASSROOM, PRESENTATION, draw_network
from .figure import NetworkFigure
from .graph import build_graph
from .layout import layered_layout
from .model import Model, as_model
from .model_count import ModelBreakdown, model_breakdown
from .model_draw import draw_model
from .model_graph import build_model_graph
from .model_text import format_model, parse_model
from .reveal import describe_network
from .spec import Net, as_net, format_spec, parse_layers, parse_spec

__all__ = ["Net", "as_net", "parse_layers", "parse_spec", "format_spec",
           "build_graph", "layered_layout", "describe_network", "count_parameters", "layer_breakdown",
           "Breakdown", "parameter_memory", "format_bytes", "draw_network",
           "CLASSROOM", "PRESENTATION", "NetworkFigure", "Model", "as_model", "parse_model",
           "format_model", "model_breakdown", "ModelBreakdown", "build_model_graph", "draw_model"]
__version__ = "0.1.0"
