"""Container images: Dockerfile/Containerfile, compose files, GitLab CI images and services (purl type docker)."""

from ospo.engine.ecosystems.docker.compose import ComposeExtractor
from ospo.engine.ecosystems.docker.dockerfile import DockerfileExtractor
from ospo.engine.ecosystems.docker.gitlab_ci import GitlabCiExtractor

EXTRACTORS = [DockerfileExtractor(), ComposeExtractor(), GitlabCiExtractor()]
