"""RubyGems ecosystem: Gemfile.lock / gems.locked, Gemfile / gems.rb and *.gemspec, all read statically."""

from ospo.engine.ecosystems.gem.gemfile import GemfileExtractor
from ospo.engine.ecosystems.gem.gemfile_lock import GemfileLockExtractor
from ospo.engine.ecosystems.gem.gemspec import GemspecExtractor

EXTRACTORS = [GemfileLockExtractor(), GemfileExtractor(), GemspecExtractor()]
