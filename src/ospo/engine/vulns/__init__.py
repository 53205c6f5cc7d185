"""Vulnerability engine: a local OSV database, per-ecosystem version semantics, matching, severity, triage."""
