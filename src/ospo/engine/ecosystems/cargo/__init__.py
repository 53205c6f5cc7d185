"""Rust / Cargo: Cargo.lock (resolved graph, checksums) and Cargo.toml (declared requirements)."""

from ospo.engine.ecosystems.cargo.cargo_lock import CargoLockExtractor
from ospo.engine.ecosystems.cargo.cargo_toml import CargoTomlExtractor

EXTRACTORS = [CargoLockExtractor(), CargoTomlExtractor()]
