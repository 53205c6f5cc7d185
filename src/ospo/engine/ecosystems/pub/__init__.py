"""Dart / Flutter pub: pubspec.lock and pubspec.yaml (purl type pub)."""

from ospo.engine.ecosystems.pub.pubspec_lock import PubspecLockExtractor
from ospo.engine.ecosystems.pub.pubspec_yaml import PubspecYamlExtractor

EXTRACTORS = [PubspecLockExtractor(), PubspecYamlExtractor()]
