"""Elixir / Erlang Hex: mix.lock (purl type hex)."""

from ospo.engine.ecosystems.hex.mix_lock import MixLockExtractor

EXTRACTORS = [MixLockExtractor()]
