"""Conda: environment.yml / environment.yaml (purl type conda; the nested pip: list → pypi)."""

from ospo.engine.ecosystems.conda.environment import CondaEnvironmentExtractor

EXTRACTORS = [CondaEnvironmentExtractor()]
