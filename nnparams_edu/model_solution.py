"""The worked count of a typed net, folded away until the student opens it
(what the lessons put under each exercise on a typed net)."""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from .layers.base import check_convention
from .model import as_model
from .model_count import model_breakdown

__all__ = ["ModelSolution", "model_solution"]

_NAMES = {"keras": "Keras", "pytorch": "PyTorch"}


@dataclass(frozen=True)
class ModelSolution:
    """A typed net's solution as a closed HTML ``<details>`` block: each layer
    with its shapes and formula, then the sum. Its plain-text form names the
    net and nothing more.

    Examples
    --------
    >>> s = model_solution("in 6x6x1 | conv 2 k=3 | flatten | dense 3")
    >>> s
    Solution to in 6x6x1 | conv 2 k=3 | flatten | dense 3 (folded: open it once you have answered)
    >>> html = s._repr_html_()
    >>> html.startswith("<details><summary>"), "(3 × 3 × 1 + 1) × 2 = 20" in html
    (True, True)
    >>> "Total: 20 + 99 = 119 parameters, as Keras counts them." in html
    True
    """

    model: object
    convention: str = "keras"

    def __repr__(self):
        return f"Solution to {self.model} (folded: open it once you have answered)"

    def _repr_html_(self):
        b = model_breakdown(self.model, convention=self.convention)
        rows = "".join(f"<tr><td>{row.number}</td><td>{escape(row.layer.to_text())}</td>"
                       f"<td>{escape(str(row.shape_in))} → {escape(str(row.shape_out))}</td>"
                       f"<td>{escape(row.formula)}</td></tr>" for row in b.rows)
        counted = [row for row in b.rows if row.total]
        parts = " + ".join(f"{row.total:,}" for row in counted)
        total = f"{parts} = {b.total:,}" if len(counted) > 1 else f"{b.total:,}"
        split = (f" ({b.trainable:,} trainable, {b.non_trainable:,} non-trainable)"
                 if b.non_trainable else "")
        return (f"<details><summary><b>Solution</b> to <code>{escape(str(self.model))}</code> "
                "(open it only after you have answered)</summary>"
                "<table><thead><tr><th>#</th><th>layer</th><th>shapes</th><th>parameters</th>"
                f"</tr></thead><tbody>{rows}</tbody></table><p>Total: {total} parameters"
                f"{split}, as {_NAMES[self.convention]} counts them.</p></details>")


def model_solution(net, convention: str = "keras") -> ModelSolution:
    """The folded worked solution of a typed *net*, counted by *convention*.

    Examples
    --------
    >>> "4 × ((8 + 4) × 4 + 4) = 208" in model_solution("in 10x8 | lstm 4")._repr_html_()
    True
    """
    return ModelSolution(as_model(net), check_convention(convention))
