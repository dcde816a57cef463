"""Unstuck's domain: pure functions for parsing, scoring, ranking and coaching, plus the store."""
