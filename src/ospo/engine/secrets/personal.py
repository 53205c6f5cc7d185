"""Personal data for review: national identifiers of Latin America and Spain, and lists of e-mail addresses.

Identifiers are validated with python-stdnum (the maintained library of number formats and their check digits),
so a random number does not match. Formats that are easy to hit by chance — bare digit runs, 8 digits and a letter
— count only in a file that names the identifier (``cpf``, ``dni``, …), where a real list would name its column;
the formatted forms (``123.456.789-09``) are distinctive enough on their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from stdnum.ar import cuit as ar_cuit
from stdnum.br import cnpj as br_cnpj
from stdnum.br import cpf as br_cpf
from stdnum.cl import rut as cl_rut
from stdnum.es import cif as es_cif
from stdnum.es import dni as es_dni
from stdnum.es import nie as es_nie
from stdnum.mx import curp as mx_curp

_B = ""  # left boundary checked in code: a leading look-behind makes the regex slow
_E = r"(?![A-Za-z0-9_/-]|\.\d)"


@dataclass(frozen=True, slots=True)
class IdDetector:
    kind: str
    pattern: re.Pattern[str]
    valid: Callable[[str], bool]
    file_keywords: tuple[str, ...] = ()  # one must appear in the lower-cased file; () = format is distinctive
    line_keywords: tuple[str, ...] = ()  # one must appear on the match's line


def _i(kind: str, pattern: str, valid: Callable[[str], bool], file_keywords: tuple[str, ...] = (),
       line_keywords: tuple[str, ...] = ()) -> IdDetector:
    return IdDetector(kind, re.compile(_B + "(?P<value>" + pattern + ")" + _E), valid, file_keywords, line_keywords)


_CPF_KW = ("cpf",)
_CNPJ_KW = ("cnpj",)
_RUT_KW = ("rut", "run")
_ES_KW = ("dni", "nif", "nie", "documento")
_CUIT_KW = ("cuit", "cuil")

ID_DETECTORS: tuple[IdDetector, ...] = (
    _i("cpf", r"\d{3}\.\d{3}\.\d{3}-\d{2}", br_cpf.is_valid),
    _i("cpf", r"\d{11}", br_cpf.is_valid, _CPF_KW, _CPF_KW),
    _i("cnpj", r"\d{2}\.\d{3}\.\d{3}/\d{4}-\d{2}", br_cnpj.is_valid),
    _i("cnpj", r"\d{14}", br_cnpj.is_valid, _CNPJ_KW, _CNPJ_KW),
    _i("curp", r"[A-Z][AEIOUX][A-Z]{2}\d{6}[HM][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[A-Z0-9]\d", mx_curp.is_valid),
    _i("rut", r"\d{1,2}\.\d{3}\.\d{3}-[\dkK]", cl_rut.is_valid),
    _i("rut", r"\d{7,8}-[\dkK]", cl_rut.is_valid, _RUT_KW),
    _i("dni-es", r"\d{8}-?[A-HJ-NP-TV-Z]", es_dni.is_valid, _ES_KW),
    _i("nie-es", r"[XYZ]-?\d{7}-?[A-HJ-NP-TV-Z]", es_nie.is_valid, _ES_KW),
    _i("nif-es", r"[ABCDEFGHJNPQRSUVW]-?\d{7}-?[0-9A-J]", es_cif.is_valid, ("nif", "cif")),
    _i("cuit-ar", r"(?:20|23|24|27|30|33|34)-\d{8}-\d", ar_cuit.is_valid),
    _i("cuit-ar", r"(?:20|23|24|27|30|33|34)\d{9}", ar_cuit.is_valid, _CUIT_KW, _CUIT_KW),
    # Argentina's DNI has no check digit: only when the line itself says "DNI".
    _i("dni-ar", r"\d{1,2}\.\d{3}\.\d{3}", lambda v: 1_000_000 <= int(v.replace(".", "")) <= 99_999_999,
       ("dni",), ("dni",)),
)

# Digit-led formats are found in one pass: candidate tokens, then each format fullmatched against the token
# (nine regexes over every position of every file cost 9x more).
DIGIT_CANDIDATE = re.compile(r"\d[\d./-]{5,17}(?:[\dkK]|[A-Z](?![A-Za-z0-9]))")
DIGIT_LED = frozenset(i for i, d in enumerate(ID_DETECTORS) if d.pattern.pattern.startswith("(?P<value>\\d")
                      or d.pattern.pattern.startswith("(?P<value>(?:20"))

ID_KINDS = tuple(dict.fromkeys(d.kind for d in ID_DETECTORS))

# -- e-mail lists --------------------------------------------------------------------------------------------------
# Anchored on "@" (a regex that starts with the local part tries every position of the file: 10x slower); the
# local part is then read backwards by EMAIL_LOCAL.
EMAIL = re.compile(r"@(?P<domain>[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24})(?![A-Za-z0-9-])")
EMAIL_LOCAL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}$")
EMAIL_LIST_MIN = 5  # distinct addresses in one file
# Files whose job is to name people or that a package manager publishes anyway: listing addresses is expected.
EMAIL_LIST_EXEMPT = re.compile(
    r"(?i)(?:^|/)(?:authors|contributors|maintainers|codeowners|owners|credits|thanks|people|\.mailmap|changelog|"
    r"changes|history|news|license|licence|copying|notice|copyright|security|code_of_conduct|publiccode|"
    r"package\.json|composer\.json|pyproject\.toml|setup\.py|setup\.cfg|cargo\.toml|pom\.xml|[^/]*\.gemspec|"
    r"[^/]*\.nuspec|[^/]*\.podspec|debian/control|metadata\.json|bower\.json)(?:\.[A-Za-z0-9]+)?$")
_NOT_PERSONAL_DOMAINS = ("example.com", "example.org", "example.net", "example.gov", "localhost", "test", "invalid",
                         "noreply.github.com", "users.noreply.github.com", "email.com", "domain.com", "sentry.io",
                         # disposable and catch-all test mailboxes: addresses there are made up for tests
                         "yopmail.com", "mailinator.com", "mailcatcher.me", "guerrillamail.com", "maildrop.cc")


def personal_domain(domain: str) -> bool:
    low = domain.lower()
    return not any(low == d or low.endswith("." + d) for d in _NOT_PERSONAL_DOMAINS) and not low.startswith("example.")
