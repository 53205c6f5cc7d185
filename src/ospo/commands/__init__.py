"""Subcommands of ``ospo``: one module each, discovered by :mod:`ospo.cli`; each defines ``register(sub)``."""
