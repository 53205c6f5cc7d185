"""PHP / Composer: composer.lock (installed packages) and composer.json (declared requirements)."""

from ospo.engine.ecosystems.composer.composer_json import ComposerJsonExtractor
from ospo.engine.ecosystems.composer.composer_lock import ComposerLockExtractor

EXTRACTORS = [ComposerJsonExtractor(), ComposerLockExtractor()]
