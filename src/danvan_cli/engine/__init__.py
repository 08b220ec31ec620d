"""Checks and roll-ups of records, for any kind of report."""
