"""Tests and doctests draw off screen; figures are closed after each test."""
import matplotlib

matplotlib.use("Agg")


def pytest_runtest_teardown(item):
    import matplotlib.pyplot as plt

    plt.close("all")
