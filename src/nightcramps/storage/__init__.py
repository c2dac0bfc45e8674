"""Storage: the one place that knows about engines, sessions and migrations."""
