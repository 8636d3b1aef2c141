"""The framework helpers (tests/frameworks.py): a missing framework skips, or fails where required (CI)."""
import pytest

from .frameworks import need


def test_a_missing_framework_fails_where_frameworks_are_required(monkeypatch):
    monkeypatch.setenv("NNPARAMS_REQUIRE_FRAMEWORKS", "1")
    with pytest.raises(pytest.fail.Exception, match="framework tests are required here"):
        need("nnparams_edu_no_such_framework")


def test_a_missing_framework_skips_elsewhere(monkeypatch):
    monkeypatch.delenv("NNPARAMS_REQUIRE_FRAMEWORKS", raising=False)
    with pytest.raises(pytest.skip.Exception, match="is not installed"):
        need("nnparams_edu_no_such_framework")
