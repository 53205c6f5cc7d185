"""CocoaPods: Podfile.lock (purl type cocoapods; subspecs as purl subpaths)."""

from ospo.engine.ecosystems.cocoapods.podfile_lock import PodfileLockExtractor

EXTRACTORS = [PodfileLockExtractor()]
