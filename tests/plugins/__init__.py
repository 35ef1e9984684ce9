"""Ready-made plugins for tests."""
