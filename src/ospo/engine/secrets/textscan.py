"""Scan the bytes of one file (or blob) for secrets and personal data. The hot path of every secrets scan.

Order of work, cheapest first: refuse binary (a NUL in the first 8 KB, git's own test) and oversized data; decode;
for each detector, a substring test on its keywords; only then its regex; then its validator. Findings leave this
module holding a fingerprint and a preview — the matched value is local to :func:`scan_bytes` and never escapes.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from enum import Enum

from ospo.engine.secrets.detectors import DETECTORS, Detector
from ospo.engine.secrets.fingerprint import location_fingerprint, preview, value_fingerprint
from ospo.engine.secrets.model import PERSONAL, SECRET, Finding
from ospo.engine.secrets.personal import (
    DIGIT_CANDIDATE,
    DIGIT_LED,
    EMAIL,
    EMAIL_LIST_EXEMPT,
    EMAIL_LIST_MIN,
    EMAIL_LOCAL,
    ID_DETECTORS,
    IdDetector,
    personal_domain,
)

MAX_SCAN_BYTES = 10 * 1024 * 1024  # minified bundles reach several MB; beyond this a file is skipped and counted
BINARY_SNIFF = 8000
INLINE_MARKER = "ospo:allow-secret"

# Lockfiles carry integrity hashes and resolved URLs: only prefix-specific detectors run on them.
LOCKFILE = re.compile(
    r"(?:^|/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lock|Gemfile\.lock|"
    r"poetry\.lock|Pipfile\.lock|pdm\.lock|uv\.lock|composer\.lock|Cargo\.lock|go\.sum|packages\.lock\.json|"
    r"Podfile\.lock|Package\.resolved|pubspec\.lock|mix\.lock|conda-lock\.yml|gradle\.lockfile|[^/]*\.lock)$")


class Status(Enum):
    SCANNED = "scanned"
    BINARY = "binary"
    TOO_LARGE = "too-large"


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    detector_kind: str
    category: str
    priority: int
    fingerprint: str
    preview: str


@dataclass(slots=True)
class BlobScan:
    status: Status
    findings: list[Finding] = field(default_factory=list)


class _Lines:
    """Line numbers and line text from offsets, computed only when a file has a hit."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def number(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos)

    def line(self, number: int) -> str:
        start = self.starts[number - 1]
        end = self.starts[number] - 1 if number < len(self.starts) else len(self.text)
        return self.text[start:end]


def classify(data: bytes) -> Status:
    if len(data) > MAX_SCAN_BYTES:
        return Status.TOO_LARGE
    if b"\0" in data[:BINARY_SNIFF]:
        return Status.BINARY
    return Status.SCANNED


def scan_bytes(path: str, data: bytes, personal: bool = True) -> BlobScan:
    status = classify(data)
    if status is not Status.SCANNED:
        return BlobScan(status)
    text = data.decode("utf-8", "replace")
    return BlobScan(Status.SCANNED, scan_text(path, text, personal))


def scan_text(path: str, text: str, personal: bool = True) -> list[Finding]:
    lower: str | None = None
    lockfile = LOCKFILE.search(path) is not None
    hits: list[_Hit] = []
    lines: _Lines | None = None
    for det in DETECTORS:
        if lockfile and not det.in_lockfiles:
            continue
        if det.ci:
            if lower is None:
                lower = text.lower()
            hay = lower
        else:
            hay = text
        if not any(k in hay for k in det.keywords):
            continue
        for m in det.pattern.finditer(text):
            if det.bounded and m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_"):
                continue
            got = det.extract(m, text) if det.extract else (m["value"], m.groupdict().get("pfx") or "")
            if got is None:
                continue
            value, shown = got
            if lines is None:
                lines = _Lines(text)
            hits.append(_make_hit(det, path, m, value, shown, lines))
    if personal and not lockfile:
        if lower is None:
            lower = text.lower()
        hits.extend(_personal_hits(path, text, lower, lines))
    if not hits:
        return []
    if lines is None:
        lines = _Lines(text)
    return _resolve(path, hits, lines)


def _make_hit(det: Detector, path: str, m: re.Match[str], value: str, shown: str, lines: _Lines) -> _Hit:
    start, end = m.span("value") if "value" in m.re.groupindex else m.span()
    if det.low_entropy:
        number = lines.number(start)
        line = lines.line(number)
        col = start - lines.starts[number - 1]
        without = line[:col] + "\0" + line[col + (end - start):]
        fp = location_fingerprint(det.kind, path, without)
    else:
        fp = value_fingerprint(det.kind, value)
    return _Hit(start, end, det.kind, det.category, det.priority, fp, preview(shown, len(value)))


def _personal_hits(path: str, text: str, lower: str, lines: _Lines | None) -> list[_Hit]:
    hits: list[_Hit] = []
    active = [(i, d) for i, d in enumerate(ID_DETECTORS)
              if not d.file_keywords or any(k in lower for k in d.file_keywords)]
    digit_led = [d for i, d in active if i in DIGIT_LED]
    if digit_led:
        for cand in DIGIT_CANDIDATE.finditer(text):
            token = cand.group(0)
            for det in digit_led:
                m = det.pattern.match(token)
                if m is None or m.end("value") != len(token):
                    continue
                lines = _id_hit(det, path, text, cand.start(), token, lines, hits)
                break
    for i, det in active:
        if i in DIGIT_LED:
            continue
        for m in det.pattern.finditer(text):
            lines = _id_hit(det, path, text, m.start(), m["value"], lines, hits)
    if "@" in text and not EMAIL_LIST_EXEMPT.search(path) and not LOCKFILE.search(path):
        first: int | None = None
        seen: set[str] = set()
        for m in EMAIL.finditer(text):
            local = EMAIL_LOCAL.search(text, max(0, m.start() - 64), m.start())
            if local is None or not personal_domain(m["domain"]):
                continue
            seen.add((local.group(0) + m.group(0)).lower())
            if first is None:
                first = local.start()
        if len(seen) >= EMAIL_LIST_MIN and first is not None:
            fp = location_fingerprint("email-list", path, str(len(seen)))
            hits.append(_Hit(first, first, "email-list", PERSONAL, 0, fp, preview("@", len(seen))))
    return hits


def _id_hit(det: IdDetector, path: str, text: str, start: int, value: str, lines: _Lines | None,
            hits: list[_Hit]) -> _Lines | None:
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_./-"):
        return lines
    digits = re.sub(r"\W", "", value)
    if len(set(digits)) <= 1 or not det.valid(value):
        return lines
    if lines is None:
        lines = _Lines(text)
    number = lines.number(start)
    line = lines.line(number)
    if det.line_keywords and not any(k in line.lower() for k in det.line_keywords):
        return lines
    fp = location_fingerprint(det.kind, path, line.replace(value, "\0"))
    hits.append(_Hit(start, start + len(value), det.kind, PERSONAL, 30, fp, preview("", len(value))))
    return lines


def _resolve(path: str, hits: list[_Hit], lines: _Lines) -> list[Finding]:
    """Overlapping hits (a GCP key file also holds a PEM block) keep the most specific detector only."""
    hits.sort(key=lambda h: (-h.priority, h.start))
    kept: list[_Hit] = []
    for h in hits:
        if h.end > h.start and any(k.start < h.end and h.start < k.end for k in kept):
            continue
        kept.append(h)
    kept.sort(key=lambda h: (h.start, h.detector_kind))
    out: list[Finding] = []
    seen: set[tuple[str, str, int]] = set()
    for h in kept:
        number = lines.number(h.start)
        key = (h.detector_kind, h.fingerprint, number)
        if key in seen:
            continue
        seen.add(key)
        suppressed = _inline_reason(lines, number, kept)
        severity = "high" if h.category == SECRET else "review"
        out.append(Finding(h.detector_kind, h.category, severity, path, number, h.fingerprint, h.preview,
                           suppressed=suppressed, suppressed_by="inline" if suppressed else None))
    return out


def _inline_reason(lines: _Lines, number: int, hits: list[_Hit]) -> str | None:
    """The text after ``ospo:allow-secret`` is the reason — unless a detected value sits in it (never echo one)."""
    line = lines.line(number)
    idx = line.find(INLINE_MARKER)
    if idx < 0:
        return None
    r0 = lines.starts[number - 1] + idx
    r1 = lines.starts[number - 1] + len(line)
    if any(h.start < r1 and r0 < max(h.end, h.start + 1) for h in hits):
        return "inline marker"
    reason = line[idx + len(INLINE_MARKER):].strip(" :-#*/>\t\"'")
    return reason[:200] or "inline marker"
