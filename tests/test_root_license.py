"""Manifests that declare the project's own license report it as FileResult.root_license, as written."""

from __future__ import annotations

import pytest

from util import run_extractor

CASES = [
    ("npm-package-json", "package.json", '{"name": "x", "version": "1.0.0", "license": "EUPL-1.2"}', "EUPL-1.2"),
    ("npm-package-json", "package.json", '{"name": "x", "license": {"type": "BSD", "url": "u"}}', "BSD"),
    ("npm-package-json", "package.json", '{"name": "x", "licenses": [{"type": "MIT"}, {"type": "GPL-2.0"}]}',
     "MIT OR GPL-2.0"),
    ("npm-package-json", "package.json", '{"name": "x"}', None),
    ("gem-gemspec", "x.gemspec", 'Gem::Specification.new do |s|\n  s.name = "x"\n  s.license = "MIT"\nend\n', "MIT"),
    ("gem-gemspec", "x.gemspec", 'Gem::Specification.new do |s|\n  s.name = "x"\n  s.licenses = ["MIT", "Ruby"]\nend\n',
     "MIT OR Ruby"),
    ("nuget-nuspec", "x.nuspec", '<package><metadata><id>X</id><version>1.0.0</version>'
     '<license type="expression">Apache-2.0</license></metadata></package>', "Apache-2.0"),
    ("nuget-nuspec", "x.nuspec", '<package><metadata><id>X</id><version>1.0.0</version>'
     '<license type="file">LICENSE.txt</license></metadata></package>', None),
]


@pytest.mark.parametrize(("extractor", "path", "text", "expected"), CASES)
def test_root_license(extractor, path, text, expected):
    fr = run_extractor(extractor, path, text)
    assert not fr.issues
    assert fr.root_license == expected
