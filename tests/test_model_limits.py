"""Typed nets: sizes decide before anything is built, and any count is cheap.

Each input runs in a process under a memory cap (see test_limits.probe).
"""
import pytest

from .test_limits import probe


@pytest.mark.parametrize("text, words", [
    ('"in 8 | [dense 8] x9999999"', "at most 100,000 layers"),
    ('"in 8 | " + "dense 8 | " * 200_000 + "dense 1"', "at most 100,000 layers"),
    ('"in 8 | [" + "[dense 8 | " * 150_000', "at most 100,000 layers"),
    ('"in 8 | " + "[" * 3_000_000', "too long"),
    ('"in 8 | " + "[" * 5000 + "dense 8" + "] x2" * 5000', "nest at most 8 deep"),
    ('"in 99999999999x2 | flatten"', "from 1 to 1,000,000"),
    ('"in 8 | dense 999999999999"', "from 1 to 100,000,000"),
])
def test_huge_typed_inputs_are_refused_at_once(text, words):
    result = probe("parse_model(text)", f"from nnparams_edu import parse_model\ntext = {text}")
    assert result["outcome"].startswith("ValueError") and words in result["outcome"]
    assert result["seconds"] < 0.5 and result["peak"] < 5 * 2**20


def test_a_hundred_billion_parameters_count_in_little_time_and_memory():
    # 100,000 dense layers of 1,000 units: 99,999 × 1,001 × 1,000 ≈ 1.0e11
    result = probe('total = count_parameters("in 1000 | [dense 1000] x99999")\n'
                   '    assert total == 99_999 * 1_001 * 1_000, total')
    assert result["outcome"] == "ok"
    assert result["peak"] < 100 * 2**20
