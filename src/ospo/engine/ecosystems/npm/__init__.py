"""npm ecosystem: package.json, package-lock.json / npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml, bun.lock."""

from ospo.engine.ecosystems.npm.bun import BunLockbExtractor, BunLockExtractor
from ospo.engine.ecosystems.npm.package_json import PackageJsonExtractor
from ospo.engine.ecosystems.npm.package_lock import PackageLockExtractor
from ospo.engine.ecosystems.npm.pnpm import PnpmLockExtractor
from ospo.engine.ecosystems.npm.yarn import YarnLockExtractor

EXTRACTORS = [
    PackageJsonExtractor(),
    PackageLockExtractor(),
    YarnLockExtractor(),
    PnpmLockExtractor(),
    BunLockExtractor(),
    BunLockbExtractor(),
]
