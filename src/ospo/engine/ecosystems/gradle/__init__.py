"""Gradle: lockfiles, version catalogs and (best-effort, static) build scripts. Components are Maven purls."""

from ospo.engine.ecosystems.gradle.build_file import GradleBuildExtractor
from ospo.engine.ecosystems.gradle.catalog import VersionCatalogExtractor
from ospo.engine.ecosystems.gradle.lockfile import GradleLockfileExtractor

EXTRACTORS = [GradleLockfileExtractor(), VersionCatalogExtractor(), GradleBuildExtractor()]
