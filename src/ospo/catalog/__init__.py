"""The catalog of reusable software, without Django: formats in and out, SLOC and COCOMO II, duplication, ranking.

The platform (``ospo.platform.catalog``) stores and shows what these functions compute; nothing here imports
Django, so the CLI, tests and other tools use the same logic.
"""
