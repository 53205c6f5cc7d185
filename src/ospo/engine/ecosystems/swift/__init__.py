"""Swift Package Manager: Package.resolved (v1, v2, v3) and Package.swift (purl type swift)."""

from ospo.engine.ecosystems.swift.package_resolved import PackageResolvedExtractor
from ospo.engine.ecosystems.swift.package_swift import PackageSwiftExtractor

EXTRACTORS = [PackageResolvedExtractor(), PackageSwiftExtractor()]
