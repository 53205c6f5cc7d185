"""publiccode.yml (the metadata standard for public software) and US code.json: read, validate, write."""

from __future__ import annotations

from ospo.engine.publiccode.validate import Finding, ValidationResult, validate_path, validate_publiccode

__all__ = ["Finding", "ValidationResult", "validate_path", "validate_publiccode"]
