"""Maven ecosystem: pom.xml and *.pom files (see :mod:`.pom`). Gradle shares the purls in :mod:`._coords`."""

from ospo.engine.ecosystems.maven.pom import PomExtractor

EXTRACTORS = [PomExtractor()]
