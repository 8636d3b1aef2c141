"""Normalisation: a learned scale γ and shift β per feature.

Layer normalisation rescales each example's features of the last axis, then
multiplies each feature by its γ and adds its β: 2F parameters for F
features. Batch normalisation does the same per channel (the last axis of an
image, of a sequence or of a vector) with the batch's statistics, and keeps
a running mean and variance per channel for use after training. Those are
never trained: Keras lists them as non-trainable parameters (4F in all, 2F
trainable), PyTorch keeps them as buffers outside the parameter count (2F).

The counts do not depend on the image size: γ and β belong to a channel, not
to a pixel.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..limits import as_bool
from .base import Layer, Part, Shape, Slip, check_convention, times  # Shape: for the examples

__all__ = ["LayerNorm", "BatchNorm"]


@dataclass(frozen=True)
class _Norm(Layer):
    """What layer and batch normalisation share: γ (``scale``) and β (``bias``,
    the shift; Keras calls it ``center``) per feature of the last axis."""

    scale: bool = True
    bias: bool = True
    frozen: bool = False

    def check(self):
        as_bool(self.scale, "scale")
        as_bool(self.bias, "bias")
        as_bool(self.frozen, "frozen")

    def options(self):
        return ["noscale" if o == "scale=0" else o for o in super().options()]

    def learned(self, shape) -> tuple:
        """γ and β as :class:`Part` s, each one per feature of the last axis."""
        self.check_rank(shape)
        f, trained = shape.features, not self.frozen
        out = []
        if self.scale:
            out.append(Part("scale γ", "weight", f, times(f), trained))
        if self.bias:
            out.append(Part("shift β", "bias", f, times(f), trained))
        return tuple(out)

    def parts(self, shape, convention="keras"):
        convention = check_convention(convention)
        return self.learned(shape)

    def graph_part(self, pen, source, shape_in, shape_out):
        """Each feature to itself through its scale γ (one weight), the "+1"
        node giving each its shift β; statistics, where the convention lists
        them, from a node of their own (mean and variance: 2 per feature)."""
        target = pen.column(shape_out, self.to_text())
        if self.scale:
            pen.grouped(source, target, shape_in.features)
        else:
            pen.flow(source, target)
        if self.bias:
            pen.bias(source, target)
        statistics = sum(p.count for p in self.parts(shape_in, pen.convention)
                         if p.role == "statistic")
        if statistics:
            pen.bias(source, target, per_unit=statistics // shape_in.features,
                     kind="statistic")
        return target

    def learned_formula(self, shape) -> str:
        """γ and β as a student writes them, e.g. ``2 × 32 (γ, β)``; empty if neither."""
        learned, f = len(self.learned(shape)), shape.features
        if learned == 2:
            return f"2 × {f:,} (γ, β)"
        if learned == 1:
            return f"{f:,} ({'γ' if self.scale else 'β'})"
        return ""

    def formula(self, shape, convention="keras"):
        convention = check_convention(convention)
        learned = self.learned_formula(shape)
        return f"{learned} = {self.count(shape, convention):,}" if learned else "no parameters"

    def slips(self, shape, convention="keras"):
        """One of γ and β forgotten; γ and β counted per value (H·W·C) instead
        of per feature."""
        right = self.count(shape, convention)
        learned = len(self.learned(shape))
        slips = []
        if learned == 2:
            slips.append(Slip("shift or scale forgotten", right - shape.features,
                              "every feature has both a scale γ and a shift β"))
        per_value = right + learned * (shape.size - shape.features)
        slips.append(Slip("counted per value instead of per feature", per_value,
                          "γ and β belong to a feature (a channel of an image), shared by "
                          "every position"))
        return tuple(s for s in slips if s.count != right)

    def _torch(self, name: str, args: list) -> str:
        """``nn.<name>(args)``, frozen as ``.requires_grad_(False)``."""
        if self.bias and not self.scale:
            raise ValueError(f"{self}: PyTorch's {self.title} has a shift only together "
                             "with a scale; a shift without a scale has no PyTorch equivalent")
        code = f"nn.{name}({', '.join(args)})"
        return code + ".requires_grad_(False)" if self.frozen else code

    def _keras_args(self) -> list:
        """Keras calls the shift ``center``; ``trainable=False`` freezes γ and β."""
        args = []
        if not self.bias:
            args.append("center=False")
        if not self.scale:
            args.append("scale=False")
        if self.frozen:
            args.append("trainable=False")
        return args


@dataclass(frozen=True)
class LayerNorm(_Norm):
    """Layer normalisation over the last axis: γ and β per feature.

    Examples
    --------
    >>> seq = Shape((10, 512))
    >>> LayerNorm().count(seq), LayerNorm().output_shape(seq)  # 2 × 512
    (1024, Shape('10×512'))
    >>> LayerNorm().formula(seq), LayerNorm(bias=False).formula(seq)
    ('2 × 512 (γ, β) = 1,024', '512 (γ) = 512')
    >>> LayerNorm(scale=False, bias=False).to_text(), LayerNorm(scale=False).to_text()
    ('layernorm noscale nobias', 'layernorm noscale')
    >>> [(s.name, s.count) for s in LayerNorm().slips(Shape((4, 4, 8)))]  # 8; 2 × 4·4·8
    [('shift or scale forgotten', 8), ('counted per value instead of per feature', 256)]
    """

    kind = "layernorm"
    title = "layer normalisation"

    def torch_code(self, shape):
        """``nn.LayerNorm(F)`` over the last axis (channels-last input).

        Examples
        --------
        >>> LayerNorm().torch_code(Shape((10, 512)))
        'nn.LayerNorm(512)'
        >>> LayerNorm(bias=False).torch_code(Shape((10, 512)))
        'nn.LayerNorm(512, bias=False)'
        >>> LayerNorm(scale=False, bias=False).torch_code(Shape((10, 512)))
        'nn.LayerNorm(512, elementwise_affine=False)'
        >>> LayerNorm(frozen=True).torch_code(Shape((10, 512)))
        'nn.LayerNorm(512).requires_grad_(False)'
        """
        args = [str(shape.features)]
        if not self.scale:
            args.append("elementwise_affine=False")
        elif not self.bias:
            args.append("bias=False")
        return self._torch("LayerNorm", args)

    def keras_code(self, shape):
        """``layers.LayerNormalization()`` (last axis).

        Examples
        --------
        >>> LayerNorm(bias=False, frozen=True).keras_code(Shape((512,)))
        'layers.LayerNormalization(center=False, trainable=False)'
        """
        return f"layers.LayerNormalization({', '.join(self._keras_args())})"


@dataclass(frozen=True)
class BatchNorm(_Norm):
    """Batch normalisation per channel (last axis): γ and β trained, plus a
    running mean and variance that Keras lists as non-trainable parameters
    and PyTorch keeps as buffers.

    Examples
    --------
    >>> img = Shape((26, 26, 32))
    >>> [(p.name, p.count, p.trainable) for p in BatchNorm().parts(img, "keras")]
    [('scale γ', 32, True), ('shift β', 32, True), ('moving mean', 32, False), ('moving variance', 32, False)]
    >>> BatchNorm().count(img, "keras"), BatchNorm().count(img, "pytorch")  # 4 × 32, 2 × 32
    (128, 64)
    >>> BatchNorm().formula(img, "keras")
    '2 × 32 (γ, β) + 2 × 32 (moving mean, variance; not trained) = 128'
    >>> BatchNorm().formula(img, "pytorch")
    '2 × 32 (γ, β) = 64; running mean and variance are buffers, not parameters'
    """

    kind = "batchnorm"
    title = "batch normalisation"
    torch_layout = "first"

    def parts(self, shape, convention="keras"):
        convention = check_convention(convention)
        learned = self.learned(shape)
        if convention == "pytorch":
            return learned
        f = shape.features
        return learned + (Part("moving mean", "statistic", f, times(f), False),
                          Part("moving variance", "statistic", f, times(f), False))

    def formula(self, shape, convention="keras"):
        convention = check_convention(convention)
        if convention == "pytorch":
            return (super().formula(shape, convention)
                    + "; running mean and variance are buffers, not parameters")
        terms = [self.learned_formula(shape),
                 f"2 × {shape.features:,} (moving mean, variance; not trained)"]
        return " + ".join(t for t in terms if t) + f" = {self.count(shape, convention):,}"

    def slips(self, shape, convention="keras"):
        """As for any normalisation, plus the running statistics: counted as
        trained parameters under PyTorch, left out under Keras.

        Examples
        --------
        >>> [(s.name, s.count) for s in BatchNorm().slips(Shape((64,)), "pytorch")]
        [('shift or scale forgotten', 64), ("BatchNorm's statistics counted as trainable", 256)]
        >>> [(s.name, s.count) for s in BatchNorm().slips(Shape((64,)), "keras")]
        [('shift or scale forgotten', 192), ("BatchNorm's statistics left out", 128)]
        """
        right = self.count(shape, convention)
        f = shape.features
        if convention == "pytorch":
            slip = Slip("BatchNorm's statistics counted as trainable", right + 2 * f,
                        "the running mean and variance are not trained: PyTorch keeps them "
                        "as buffers, outside the parameters")
        else:
            slip = Slip("BatchNorm's statistics left out", right - 2 * f,
                        "Keras lists the moving mean and variance among the parameters, "
                        "as non-trainable ones")
        return super().slips(shape, convention) + (slip,)

    def torch_code(self, shape):
        """``nn.BatchNorm1d(F)`` for a vector or a sequence, ``nn.BatchNorm2d(C)``
        for an image. PyTorch wants channels first (N, C, L) or (N, C, H, W):
        permute a channels-last tensor before it; the count is the same.

        Examples
        --------
        >>> BatchNorm().torch_code(Shape((26, 26, 32)))
        'nn.BatchNorm2d(32)'
        >>> BatchNorm(scale=False, bias=False).torch_code(Shape((64,)))
        'nn.BatchNorm1d(64, affine=False)'
        >>> BatchNorm(scale=False).torch_code(Shape((64,)))
        Traceback (most recent call last):
        ...
        ValueError: batchnorm noscale: PyTorch's batch normalisation has a shift only together with a scale; a shift without a scale has no PyTorch equivalent
        """
        if self.scale and not self.bias:
            raise ValueError(f"{self}: PyTorch's {self.title} has a scale only together "
                             "with a shift; a scale without a shift has no PyTorch equivalent")
        dims = "2d" if shape.rank == 3 else "1d"
        return self._torch(f"BatchNorm{dims}", [str(shape.features)]
                           + ([] if self.scale else ["affine=False"]))

    def keras_code(self, shape):
        """``layers.BatchNormalization()`` (channels last).

        Examples
        --------
        >>> BatchNorm(scale=False).keras_code(Shape((8, 8, 3)))
        'layers.BatchNormalization(scale=False)'
        """
        return f"layers.BatchNormalization({', '.join(self._keras_args())})"
