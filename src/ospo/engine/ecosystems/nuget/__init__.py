"""NuGet ecosystem: packages.lock.json, MSBuild projects (PackageReference, central package management,
Directory.Build.props), packages.config and *.nuspec."""

from ospo.engine.ecosystems.nuget.nuspec import NuspecExtractor
from ospo.engine.ecosystems.nuget.packages_config import PackagesConfigExtractor
from ospo.engine.ecosystems.nuget.packages_lock import PackagesLockExtractor
from ospo.engine.ecosystems.nuget.project import ProjectExtractor

EXTRACTORS = [PackagesLockExtractor(), ProjectExtractor(), PackagesConfigExtractor(), NuspecExtractor()]
