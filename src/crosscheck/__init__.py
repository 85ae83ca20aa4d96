"""crosscheck."""
