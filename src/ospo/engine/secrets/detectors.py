"""Secret detectors: precise patterns, each with a validator, so that look-alikes do not match.

Every detector has cheap ``keywords`` (literal substrings): its regex runs only on texts that contain one, which
keeps a scan of ordinary files to a few substring searches. Validators check what a regex cannot — GitHub's
CRC32 checksum, a JWT header that decodes to JSON with ``alg``, the body after a private-key header, placeholder
passwords — and return the value (used only for the fingerprint, then dropped) and the public prefix to show.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from ospo.engine.safeparse import ParseFailure, load_json
from ospo.engine.secrets.entropy import is_placeholder, looks_random, shannon
from ospo.engine.secrets.model import SECRET

Extract = Callable[[re.Match[str], str], "tuple[str, str] | None"]


@dataclass(frozen=True, slots=True)
class Detector:
    kind: str
    family: str  # for messages: cloud, forge, chat, webhook, private-key, jwt, database-url, generic, package, saas
    pattern: re.Pattern[str]
    keywords: tuple[str, ...]
    extract: Extract | None = None  # (match, text) -> (value, shown prefix) or None to reject
    ci: bool = False  # keywords compared against the lower-cased text
    low_entropy: bool = False  # fingerprint by location (see fingerprint.py)
    in_lockfiles: bool = True  # lockfiles hold hashes, not assignments: generic detectors skip them
    priority: int = 50  # when two findings overlap, the more specific (higher) wins
    category: str = SECRET
    bounded: bool = True  # the match must not continue a word on its left (checked in code, see _B)


def _value(m: re.Match[str], _text: str) -> tuple[str, str] | None:
    gd = m.groupdict()
    return gd["value"], gd.get("pfx") or ""


def _random_tail(min_bits: float = 3.0) -> Extract:
    """The characters after the known prefix must look random: rejects ghp_xxxx… and ghp_1234…."""

    def extract(m: re.Match[str], _text: str) -> tuple[str, str] | None:
        value, pfx = m["value"], m.groupdict().get("pfx") or ""
        tail = value[len(pfx):]
        if is_placeholder(tail) or shannon(tail) < min_bits:
            return None
        return value, pfx

    return extract


# -- GitHub: the 36 characters after the prefix end with a base62 CRC32 of the first 30 --------------------
_B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def base62(n: int, width: int = 6) -> str:
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = _B62[r] + out
    return out.rjust(width, "0")


def github_checksum(random30: str) -> str:
    return base62(zlib.crc32(random30.encode("ascii")))


def _github(m: re.Match[str], _text: str) -> tuple[str, str] | None:
    body = m["body"]
    if github_checksum(body[:30]) != body[30:] or is_placeholder(body[:30]) or shannon(body[:30]) < 3.0:
        return None
    return m["value"], m["pfx"]


# -- JWT: the header must decode to a JSON object with "alg" --------------------------------------------------
def _b64url(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def _jwt(m: re.Match[str], _text: str) -> tuple[str, str] | None:
    try:
        header = load_json(_b64url(m["head"]))
        payload = load_json(_b64url(m["body"]))
    except (ParseFailure, binascii.Error, ValueError):
        return None
    if not isinstance(header, dict) or not isinstance(header.get("alg"), str) or header["alg"].lower() == "none":
        return None
    if not isinstance(payload, dict):
        return None
    return m["value"], "eyJ"


# -- private keys: a header, then a body (PEM base64, possibly with \n escapes and headers) before the END ------
_KEY_BODY = re.compile(r"[A-Za-z0-9+/]{40,}")


def _private_key(m: re.Match[str], text: str) -> tuple[str, str] | None:
    window = text[m.end():m.end() + 8192]
    end = window.find("-----END")
    if end >= 0:
        window = window[:end]
    window = window.replace("\\n", "\n").replace("\\r", "")
    lines = [ln.strip().strip("\"',+") for ln in window.splitlines()]
    body = "".join(ln for ln in lines if ln and ":" not in ln)  # drop Proc-Type:/Version: headers
    if not _KEY_BODY.search(body) or is_placeholder(body[:80]) or shannon(body[:400]) < 4.0:
        return None
    return body, m.group(0)


# -- database / service URLs with a password ---------------------------------------------------------------------
_DEFAULT_PASSWORDS = frozenset({
    "pass", "passwd", "password", "pwd", "secret", "root", "admin", "postgres", "mysql", "guest", "redis", "user",
    "changeme", "example", "test", "dev", "local", "sa", "mongo", "rabbitmq", "oracle", "toor", "letmein",
})  # fmt: skip


_SCHEME = re.compile(r"(?:^|[^A-Za-z0-9+.:-])(?P<scheme>postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|"
                     r"mssql|sqlserver|oracle|jdbc:[a-z]+|s?ftp|https?)$", re.IGNORECASE)


def _url_password(m: re.Match[str], text: str) -> tuple[str, str] | None:
    scheme = _SCHEME.search(text, max(0, m.start() - 24), m.start())
    if scheme is None:
        return None
    user, password, host = m["user"], m["password"], m["host"]
    low = password.lower()
    if low in _DEFAULT_PASSWORDS or password == user or is_placeholder(password) or len(password) < 4:
        return None
    if any(c in password for c in "${}<>%*[]()") or (password.isupper() and "_" in password):
        return None  # template or environment variable name
    if host.split(":")[0].lower() in {"example.com", "example.org", "host", "hostname", "server"}:
        return None
    return m["value"], scheme["scheme"].lower() + "://"


# -- generic assignments: name says secret, value looks random -------------------------------------------------
_NAME_SUFFIX_SKIP = (
    "url", "uri", "path", "file", "name", "type", "id", "ids", "length", "len", "field", "header", "endpoint",
    "prefix", "policy", "expiry", "expires", "expiration", "ttl", "timeout", "count", "enabled", "required", "regex",
    "pattern", "label", "hint", "message", "error", "format", "version", "mode", "method", "class", "input", "size",
    "dir", "env", "var", "param", "key_name", "provider", "store", "service", "manager", "_at", "hash", "salt",
)  # fmt: skip
_NAME_SKIP_WORDS = ("public", "csrf", "xsrf", "tokenizer", "example", "sample", "test", "dummy", "fake")
_FILE_EXT = re.compile(r"\.[a-z]{1,5}$")


_NAME_HEAD = re.compile(r"[A-Za-z0-9_.-]*$")


def _generic(m: re.Match[str], text: str) -> tuple[str, str] | None:
    head = _NAME_HEAD.search(text, max(0, m.start() - 64), m.start())
    name = ((head.group(0) if head else "") + m["kw"] + m["rest"]).lower().strip("\"'")
    value, quote = m["value"], m["q"]
    if not quote:
        value = value.rstrip(",;")
    if name.endswith(_NAME_SUFFIX_SKIP) or any(w in name for w in _NAME_SKIP_WORDS):
        return None
    if any(c in value for c in "()[]{}<>$%\\") or "://" in value or value.startswith(("sha1-", "sha256-", "sha384-",
                                                                                            "sha512-", "-")):
        return None
    if "/" in value and _FILE_EXT.search(value):
        return None
    if is_placeholder(value) or not looks_random(value):
        return None
    return value, ""


def _aws_secret(m: re.Match[str], _text: str) -> tuple[str, str] | None:
    value = m["value"]
    if is_placeholder(value) or shannon(value) < 4.0 or "EXAMPLE" in value.upper():
        return None
    return value, ""


def _azure(m: re.Match[str], _text: str) -> tuple[str, str] | None:
    if m["account"].lower() in {"devstoreaccount1", "youraccount", "accountname", "myaccount"}:
        return None
    return _aws_secret(m, _text)


def _not_example(m: re.Match[str], _text: str) -> tuple[str, str] | None:
    value = m["value"]
    if "EXAMPLE" in value.upper():
        return None
    return _random_tail(2.5)(m, _text)


def _with_context(m: re.Match[str], _text: str) -> tuple[str, str] | None:
    """Formats without a prefix (Gitea, Twilio auth token): a keyword on the line and a random value."""
    value = m["value"]
    if is_placeholder(value) or shannon(value) < 3.0:
        return None
    return value, ""


def _gcp(m: re.Match[str], text: str) -> tuple[str, str] | None:
    if '"service_account"' not in text:
        return None
    return m["value"], "-----BEGIN PRIVATE KEY-----"


def _d(kind: str, family: str, pattern: str, keywords: tuple[str, ...], extract: Extract | None = None,
       flags: int = 0, **kw: object) -> Detector:
    if kw.get("ci"):
        flags |= re.IGNORECASE
    return Detector(kind, family, re.compile(pattern, flags), keywords, extract, **kw)  # type: ignore[arg-type]


_B = ""  # start boundary: checked in code (a leading look-behind defeats the regex literal-prefix search)
_E = r"(?![A-Za-z0-9_])"  # end boundary

DETECTORS: tuple[Detector, ...] = (
    # cloud
    _d("aws-access-key-id", "cloud", _B + r"(?P<value>(?P<pfx>AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})" + _E,
       ("AKIA", "ASIA", "ABIA", "ACCA"), _not_example),
    _d("aws-secret-access-key", "cloud",
       r"(?i:aws_?secret_?access_?key|aws_?secret_?key|secretaccesskey|aws_secret)[\"']?\s*(?::|=>|=|,)\s*[\"']?"
       r"(?P<value>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])", ("aws_secret", "awssecret", "secretaccesskey",
                                                          "aws_secret_key"), _aws_secret, ci=True, priority=60),
    _d("gcp-service-account-key", "cloud",
       r"\"private_key\"\s*:\s*\"(?P<value>-----BEGIN (?:RSA )?PRIVATE KEY-----(?:\\n|\s)+[A-Za-z0-9+/=\\]{64,}"
       r"[^\"]*)\"", ("service_account",), _gcp, priority=90),
    _d("gcp-api-key", "cloud", _B + r"(?P<value>(?P<pfx>AIza)[0-9A-Za-z_-]{35})" + _E, ("AIza",),
       _random_tail(3.0)),
    _d("gcp-oauth-client-secret", "cloud", _B + r"(?P<value>(?P<pfx>GOCSPX-)[0-9A-Za-z_-]{28})" + _E, ("GOCSPX-",),
       _random_tail(3.0)),
    _d("azure-storage-key", "cloud",
       r"AccountName=(?P<account>[a-z0-9]{3,24});\s*AccountKey=(?P<value>[A-Za-z0-9+/]{86}==)",
       ("AccountKey=",), _azure, priority=60),
    # forges
    _d("github-token", "forge", _B + r"(?P<value>(?P<pfx>gh[pousr]_)(?P<body>[A-Za-z0-9]{36}))" + _E,
       ("ghp_", "gho_", "ghu_", "ghs_", "ghr_"), _github),
    _d("github-fine-grained-token", "forge",
       _B + r"(?P<value>(?P<pfx>github_pat_)[A-Za-z0-9]{22}_[A-Za-z0-9]{59})" + _E, ("github_pat_",),
       _random_tail(3.5)),
    _d("gitlab-token", "forge",
       _B + r"(?P<value>(?P<pfx>glpat-|gldt-|glrt-|glptt-|glcbt-|glft-|glsoat-|GR1348941)[0-9A-Za-z_-]{20,}"
       r"(?:\.[0-9a-z]{2}\.[0-9a-z]{9})?)" + _E,
       ("glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "glft-", "glsoat-", "GR1348941"), _random_tail(3.0)),
    _d("bitbucket-app-password", "forge", _B + r"(?P<value>(?P<pfx>ATBB)[A-Za-z0-9]{28}[A-F0-9]{8})" + _E, ("ATBB",),
       _random_tail(3.0)),
    _d("atlassian-api-token", "forge", _B + r"(?P<value>(?P<pfx>ATATT)[A-Za-z0-9_=-]{180,200})" + _E, ("ATATT",),
       _random_tail(3.0)),
    _d("gitea-token", "forge",
       r"(?i:gitea|forgejo)[\w.-]*?(?i:token)[\w.-]*[\"']?\s*(?::|=>|=|,)\s*[\"']?(?P<value>[0-9a-f]{40})(?![0-9a-f])",
       ("gitea", "forgejo"), _with_context, ci=True),
    # chat and webhooks
    _d("slack-token", "chat",
       _B + r"(?P<value>(?P<pfx>xox[abposre]-|xapp-)(?:\d-)?[0-9A-Za-z]{6,}-[0-9A-Za-z-]{10,})" + _E,
       ("xoxa-", "xoxb-", "xoxp-", "xoxo-", "xoxs-", "xoxr-", "xoxe-", "xapp-"), _random_tail(3.0)),
    _d("slack-webhook", "webhook",
       r"(?P<value>(?P<pfx>https://hooks\.slack\.com/(?:services|workflows|triggers)/)T[A-Z0-9]{6,}/[A-Z0-9]{6,}/"
       r"[A-Za-z0-9]{20,})", ("hooks.slack.com",), _random_tail(3.0)),
    _d("discord-webhook", "webhook",
       r"(?P<value>(?P<pfx>https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/)\d{17,20}/"
       r"[A-Za-z0-9_-]{60,70})", ("discord",), _random_tail(3.0)),
    _d("teams-webhook", "webhook",
       r"(?P<value>(?P<pfx>https://[a-z0-9-]+\.webhook\.office\.com/webhookb2/)[0-9a-f-]{36}@[0-9a-f-]{36}/"
       r"IncomingWebhook/[0-9a-f]{32}/[0-9a-f-]{36}(?:/[A-Za-z0-9_-]{20,})?)", ("webhook.office.com",),
       _random_tail(3.0)),
    _d("telegram-bot-token", "chat", _B + r"(?P<value>\d{8,10}:AA[0-9A-Za-z_-]{33})" + _E, (":AA",),
       _random_tail(3.0)),
    # private keys and tokens
    _d("private-key", "private-key",
       r"-----BEGIN (?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP |SSH2 ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----",
       ("PRIVATE KEY",), _private_key, priority=80),
    _d("jwt", "jwt",
       _B + r"(?P<value>(?P<head>eyJ[A-Za-z0-9_-]{10,})\.(?P<body>[A-Za-z0-9_-]{10,})\.[A-Za-z0-9_-]{16,})" + _E,
       ("eyJ",), _jwt),
    _d("database-url", "database-url",
       r"://(?P<value>(?P<user>[^:@/\s'\"`]{1,64}):(?P<password>[^@/\s'\"`]{1,128})@(?P<host>[A-Za-z0-9._\[\]:-]+))",
       ("://",), _url_password, low_entropy=True, bounded=False),
    # package registries and SaaS
    _d("npm-token", "package", _B + r"(?P<value>(?P<pfx>npm_)[A-Za-z0-9]{36})" + _E, ("npm_",), _random_tail(3.5)),
    _d("pypi-token", "package", _B + r"(?P<value>(?P<pfx>pypi-)AgE[IN][A-Za-z0-9_-]{50,})" + _E, ("pypi-AgE",),
       _random_tail(3.5)),
    _d("docker-hub-token", "package", _B + r"(?P<value>(?P<pfx>dckr_pat_)[A-Za-z0-9_-]{27})" + _E, ("dckr_pat_",),
       _random_tail(3.0)),
    _d("rubygems-token", "package", _B + r"(?P<value>(?P<pfx>rubygems_)[0-9a-f]{48})" + _E, ("rubygems_",),
       _random_tail(3.0)),
    _d("stripe-key", "saas", _B + r"(?P<value>(?P<pfx>(?:sk|rk)_live_)[0-9A-Za-z]{24,99})" + _E,
       ("sk_live_", "rk_live_"), _random_tail(3.0)),
    _d("sendgrid-key", "saas", _B + r"(?P<value>(?P<pfx>SG\.)[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})" + _E, ("SG.",),
       _random_tail(3.5)),
    _d("twilio-api-key", "saas", _B + r"(?P<value>(?P<pfx>SK)[0-9a-f]{32})" + _E, ("SK",), _random_tail(3.0)),
    _d("twilio-auth-token", "saas",
       r"(?i:twilio)[\w.-]*?(?i:auth_?token|token|secret)[\"']?\s*(?::|=>|=|,)\s*[\"']?(?P<value>[0-9a-f]{32})"
       r"(?![0-9a-f])", ("twilio",), _with_context, ci=True),
    _d("openai-key", "saas", _B + r"(?P<value>(?P<pfx>sk-(?:proj-|svcacct-|admin-)?)[A-Za-z0-9_-]{20,}T3BlbkFJ"
       r"[A-Za-z0-9_-]{20,})" + _E, ("T3BlbkFJ",), _random_tail(3.5)),
    _d("anthropic-key", "saas", _B + r"(?P<value>(?P<pfx>sk-ant-(?:api|admin)\d\d-)[A-Za-z0-9_-]{80,100})" + _E,
       ("sk-ant-",), _random_tail(3.5)),
    _d("huggingface-token", "saas", _B + r"(?P<value>(?P<pfx>hf_)[A-Za-z]{34})" + _E, ("hf_",), _random_tail(3.5)),
    _d("shopify-token", "saas", _B + r"(?P<value>(?P<pfx>shp(?:at|ss|ca|pa)_)[a-fA-F0-9]{32})" + _E,
       ("shpat_", "shpss_", "shpca_", "shppa_"), _random_tail(3.0)),
    _d("mailgun-key", "saas", _B + r"(?P<value>(?P<pfx>key-)[0-9a-f]{32})" + _E, ("key-",), _random_tail(3.3),
       priority=40),
    # generic assignment; last resort, lowest priority
    _d("generic-secret", "generic",
       r"(?P<kw>secret|token|passw(?:or)?d|pwd|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|private[_-]?key|"
       r"credential)(?P<rest>[A-Za-z0-9_.-]*[\"']?\]?)\s*(?::=|=>|=|:|,)\s*(?P<q>[\"'`]?)(?P<value>[^\s\"'`]{12,256})(?P=q)",
       ("secret", "token", "passw", "pwd", "api_key", "apikey", "api-key", "access_key", "accesskey", "auth_key",
        "authkey", "private_key", "privatekey", "credential"), _generic, ci=True, in_lockfiles=False, priority=10,
       bounded=False),
)


KINDS: dict[str, Detector] = {d.kind: d for d in DETECTORS}
