"""Window sides and options shared by convolutions and pooling, worked by hand."""
import pytest

from nnparams_edu.layers.base import Shape, ShapeError
from nnparams_edu.layers.window import check_window, kernel_size, window_sides


def test_kernel_size_multiplies_the_sides():
    assert kernel_size(1, Shape((5, 5, 3))) == 1          # a 1×1 kernel
    assert kernel_size((2, 3), Shape((5, 5, 1))) == 6
    assert kernel_size(4, Shape((9, 2))) == 4             # 1-D: one side


def test_a_window_has_one_or_two_sides():
    check_window((3,), "kernel")
    check_window((3, 5), "kernel")
    for bad in ((), (3, 3, 3)):
        with pytest.raises(ValueError, match="must have 1 or 2 sides"):
            check_window(bad, "kernel")


@pytest.mark.parametrize("shape, kernel, stride, padding, out", [
    ((28, 28, 1), 1, 1, 0, (28, 28)),          # a 1-wide window keeps every side
    ((28, 28, 1), 3, 1, "valid", (26, 26)),     # no zeros: 28 - 3 + 1
    ((3, 3, 1), 3, 1, 0, (1, 1)),              # a window as wide as the side fits once
    ((3, 3, 1), 5, 1, 1, (1, 1)),              # 3 + 2·1 zeros = 5: fits once
    ((7, 7, 1), 3, 2, "same", (4, 4)),          # ceil(7 / 2)
])
def test_sides_of_a_sliding_window(shape, kernel, stride, padding, out):
    assert window_sides("conv", Shape(shape), kernel, stride, padding) == out


def test_a_window_wider_than_the_padded_side():
    # 6 > 3 + 2·1
    with pytest.raises(ShapeError, match="a 6-wide window is larger than a side of 3 plus "
                                         "padding 1 on each side"):
        window_sides("conv 8 k=6", Shape((3, 3, 1)), 6, 1, 1)


# A transposed window grows a side n to (n - 1)·s + k - 2·p ("same": n·s).
@pytest.mark.parametrize("shape, kernel, stride, padding, out", [
    ((7, 7, 1), 3, 2, 0, (15, 15)),             # 6·2 + 3
    ((7, 7, 1), 3, 2, "valid", (15, 15)),
    ((7, 7, 1), 3, 2, 1, (13, 13)),             # 6·2 + 3 - 2
    ((7, 7, 1), 3, 2, "same", (14, 14)),        # 7·2
    ((1, 1, 2), 3, 1, 1, (1, 1)),               # 0 + 3 - 2: one is still a side
])
def test_sides_of_a_transposed_window(shape, kernel, stride, padding, out):
    assert window_sides("deconv", Shape(shape), kernel, stride, padding, transposed=True) == out


def test_a_transposed_window_that_would_shrink_a_side_to_nothing():
    # 0·1 + 1 - 2·1 = -1
    with pytest.raises(ShapeError, match="deconv 2 k=1 p=1 does not fit 1×1×2: a side "
                                         "would shrink to -1"):
        window_sides("deconv 2 k=1 p=1", Shape((1, 1, 2)), 1, 1, 1, transposed=True)
