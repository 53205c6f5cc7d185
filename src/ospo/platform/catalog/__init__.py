"""The catalog of reusable software and measured reuse (issue 7): entries, reuse graph, value, rankings."""
