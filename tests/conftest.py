"""Shared fixtures and Hypothesis settings profiles for the test-suite."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

import caresq

# A quick profile for every run and a thorough one for CI or a night run:
# HYPOTHESIS_PROFILE=thorough pytest
settings.register_profile("quick", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=1000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


@pytest.fixture(scope="session")
def engine() -> caresq.Engine:
    """The engine with every installed plugin, as users get it."""
    return caresq.Engine.default()
