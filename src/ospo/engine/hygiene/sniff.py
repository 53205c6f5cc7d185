"""What a file is, from its first bytes: executables, compiled code, archives, media, or unknown binary.

Extensions lie (an ELF renamed ``notes.txt``); magic numbers rarely do. Formats that are binary but
legitimate in a source repository (images, fonts, audio/video, PDF, office documents) are recognised so the
NUL-byte heuristic does not count them. UTF-16/32 text with a byte-order mark is text.
"""

from __future__ import annotations

import struct

EXECUTABLE = "executable"  # machine code or bytecode: runs as it is
PACKAGE = "package"  # a built package of compiled code (jar, wheel, apk, nupkg)
ARCHIVE = "archive"  # compressed or packed data whose content is unknown
BINARY = "binary"  # not text, not a known benign format
BENIGN = "benign"  # media, fonts, documents

_PACKAGE_EXT = (".jar", ".war", ".ear", ".aar", ".apk", ".whl", ".nupkg", ".egg", ".xpi", ".vsix", ".crx")
_DOC_EXT = (".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".odg", ".epub", ".kmz", ".sketch", ".xd", ".3mf",
            ".zip.base64")
_BENIGN_MAGIC = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"%PDF", b"wOFF", b"wOF2", b"OTTO", b"ttcf", b"\x00\x01\x00\x00",
    b"ID3", b"OggS", b"fLaC", b"BM", b"II*\x00", b"MM\x00*", b"8BPS", b"\x00\x00\x01\x00", b"\x00\x00\x02\x00",
    b"\x1aE\xdf\xa3", b"FLV", b"\xd0\xcf\x11\xe0",  # matroska/webm, flash video, legacy office (OLE)
    b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff",  # text with a byte-order mark
    b"icns", b"qoif", b"\x00\x00\x00\x0cjP  ", b"\xff\x0a", b"DDS ", b"glTF", b"MThd",
)
_ARCHIVE_MAGIC = (
    (b"\x1f\x8b", "gzip"), (b"\xfd7zXZ\x00", "xz"), (b"BZh", "bzip2"), (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!\x1a\x07", "rar"), (b"\x28\xb5\x2f\xfd", "zstd"), (b"\x04\x22\x4d\x18", "lz4"),
    (b"MSCF", "cab"), (b"SQLite format 3\x00", "sqlite"),
)
_GETTEXT_MO = (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")  # 0x950412de, little- and big-endian
_MACHO = (b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe")


def sniff(head: bytes, path: str = "") -> tuple[str, str] | None:
    """(category, format) for a binary file, or None for text. ``head`` is the file's first bytes (>= 512)."""
    if not head:
        return None
    lower = path.lower()
    if head.startswith(b"\x7fELF"):
        return EXECUTABLE, "ELF"
    if head.startswith(b"MZ") and _is_pe(head):
        return EXECUTABLE, "PE"
    if head[:4] in _MACHO:
        return EXECUTABLE, "Mach-O"
    if head.startswith(b"\xca\xfe\xba\xbe") and len(head) >= 8:
        # Java class files and Mach-O universal binaries share the magic: a class has a major version >= 45
        # in bytes 6-7, a universal binary a small architecture count in bytes 4-7.
        (count,) = struct.unpack(">I", head[4:8])
        if count < 45:
            return EXECUTABLE, "Mach-O universal"
        return EXECUTABLE, "Java class"
    if head.startswith(b"\x00asm"):
        return EXECUTABLE, "WebAssembly"
    if len(head) >= 16 and head[2:4] == b"\r\n" and (lower.endswith((".pyc", ".pyo")) or
                                                          (0x0b <= head[1] <= 0x0e and b"\x00" in head[4:16])):
        return EXECUTABLE, "Python bytecode"
    if head.startswith(b"!<arch>\n"):
        return (ARCHIVE, "deb") if lower.endswith(".deb") else (EXECUTABLE, "static library")
    if head.startswith(b"dex\n"):
        return EXECUTABLE, "Dalvik"
    if head.startswith(b"\xed\xab\xee\xdb"):
        return ARCHIVE, "rpm"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        if lower.endswith(_PACKAGE_EXT) or b"META-INF/" in head[:200]:
            return PACKAGE, "jar/zip package"
        if lower.endswith(_DOC_EXT) or b"mimetypeapplication/" in head[:100]:
            return BENIGN, "document"
        return ARCHIVE, "zip"
    for magic, name in _ARCHIVE_MAGIC:
        if head.startswith(magic):
            return ARCHIVE, name
    if (len(head) >= 12 and head.startswith(b"RIFF")) or head[4:8] == b"ftyp":
        return BENIGN, "media"
    if head.startswith(_BENIGN_MAGIC):
        return BENIGN, "media"
    if len(head) >= 262 and head[257:262] == b"ustar":
        return ARCHIVE, "tar"
    if head[:4] in _GETTEXT_MO:
        # Compiled by msgfmt from a .po file: the remediation (commit the source, build at install) applies.
        return BINARY, "gettext MO catalog"
    if b"\x00" in head[:8192]:
        return BINARY, "unknown"
    return None


def _is_pe(head: bytes) -> bool:
    """An MZ header whose e_lfanew points at a PE signature (or a DOS stub: NUL bytes early)."""
    if len(head) >= 64:
        (offset,) = struct.unpack("<I", head[60:64])
        if offset + 4 <= len(head):
            return head[offset:offset + 4] == b"PE\x00\x00"
    return b"\x00" in head[2:64]
