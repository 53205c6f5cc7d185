"""Property tests for the secrets parsers (the text scanner and the allow-list reader): >= 1,000 inputs each.

The properties: never an exception; every finding well formed; the preview never shows more than a prefix.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ospo.engine.secrets.allow import parse_allow
from ospo.engine.secrets.detectors import github_checksum
from ospo.engine.secrets.report import ALL_KINDS
from ospo.engine.secrets.textscan import scan_bytes

from fuzzing import FUZZ_SETTINGS, mutations

_BODY = "Pq8Lx2Vb7Nm3Kd9Rt4Wy6Hp1Jc5Fg0"
SEEDS = [
    f"GITHUB_TOKEN=ghp_{_BODY}{github_checksum(_BODY)}\n".encode(),
    b"postgres://svc:Zk3Pq9Lm2Vb7@db:5432/x\nCPF 529.982.247-25\n",
    b"-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAwJ3x9yV8Lk2Pq7Zm4Nb6Xc1Vd3Fg8Hj5Kl2Mn9Bv7Cx4Zq1\n-----END",
    b'api_key = "Zk3Pq9Lm2Vb7Nx4Wc8Ty1Ur6"\n# ospo:allow-secret why\n',
    b"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlc2lnbmF0dXJl\n",
    b"a@b.co c@d.co e@f.co g@h.co i@j.co\n",
]


@FUZZ_SETTINGS
@given(st.binary(max_size=400) | mutations(SEEDS) | st.text(max_size=300).map(str.encode))
def test_scan_bytes_never_raises(data: bytes) -> None:
    for path in ("x.env", "package-lock.json"):
        result = scan_bytes(path, data)
        for f in result.findings:
            assert f.kind in ALL_KINDS
            assert f.line >= 1 and f.path == path
            assert len(f.fingerprint) == 16
            assert f.preview.count("****…") == 1 and len(f.preview.split("****…")[0]) <= 40


ALLOW_SEEDS = [b"allow:\n  - fingerprint: abc\n    reason: r\n  - path: 'a/**'\n    kind: jwt\n    reason: x\n",
               b"allow: &a [*a]\n", b"allow:\n  - {reason: 1}\n"]


@FUZZ_SETTINGS
@given(st.binary(max_size=300) | mutations(ALLOW_SEEDS))
def test_parse_allow_never_raises(data: bytes) -> None:
    rules, issues = parse_allow(data, "allow.yml")
    for rule in rules:
        assert rule.reason and (rule.fingerprint or rule.path or rule.kind)
    assert all(i.path == "allow.yml" for i in issues)


@FUZZ_SETTINGS
@given(scheme=st.sampled_from(["https://", "http://", "ssh://", "git://", "file://", "", "ext::", "gopher://"]),
       user=st.text(alphabet=st.characters(blacklist_characters="@/:#?"), max_size=12),
       password=st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=8,
                        max_size=20),
       rest=st.text(max_size=40))
def test_fuzz_repository_urls_never_leak_the_password(scheme: str, user: str, password: str, rest: str) -> None:
    """is_url / url_name / check_url answer for any address, and the name never carries the password."""
    from ospo.engine.secrets.remote import is_url, url_name
    from ospo.engine.sources.remote import check_url

    url = f"{scheme}{user}:{password}@host.gob.example/{rest}"
    assert isinstance(is_url(url), bool)
    name = url_name(url)
    assert isinstance(name, str)
    problem = check_url(url)
    assert problem is None or isinstance(problem, str)
    visible = user + rest  # the password may also be typed in the path by chance: that is not a leak
    if scheme in ("https://", "http://", "ssh://", "git://") and not any(c in visible for c in "[]") and \
            password not in visible:
        assert password not in name
