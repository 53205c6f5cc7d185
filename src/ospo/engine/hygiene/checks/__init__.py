"""Hygiene check families: one module each, exporting ``CHECKS`` (see ``ospo.engine.hygiene.registry``)."""
