"""Hostile and malformed input: every guard in safeparse turns into a ParseFailure with a reason."""

from __future__ import annotations

import pytest

from ospo.engine import safeparse
from ospo.engine.safeparse import ParseFailure


def test_json_deep_nesting_is_a_failure_not_a_crash():
    with pytest.raises(ParseFailure, match="nested too deeply"):
        safeparse.load_json(b"[" * 200_000 + b"]" * 200_000)


def test_json_syntax_error_names_line_and_column():
    with pytest.raises(ParseFailure, match=r"line 2 column"):
        safeparse.load_json(b'{"a": 1,\n "b": }')


def test_oversized_file_is_refused_before_decoding(monkeypatch):
    monkeypatch.setattr(safeparse, "MAX_FILE_BYTES", 1000)
    with pytest.raises(ParseFailure, match="too large"):
        safeparse.load_json(b" " * 1001)


def test_binary_content_is_refused():
    with pytest.raises(ParseFailure, match="binary"):
        safeparse.decode_text(b"PK\x03\x04\x00\x00\x00binary zip")


def test_utf8_bom_and_utf16_are_decoded():
    assert safeparse.load_json(b"\xef\xbb\xbf{\"a\": 1}") == {"a": 1}
    assert safeparse.load_json('{"a": 2}'.encode("utf-16")) == {"a": 2}


def test_yaml_billion_laughs_is_refused():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    prev = "a"
    for i in range(12):
        name = f"l{i}"
        bomb += f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]\n"
        prev = name
    with pytest.raises(ParseFailure, match="alias"):
        safeparse.load_yaml(bomb.encode())


def test_yaml_with_few_anchors_still_loads():
    doc = safeparse.load_yaml(b"base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n")
    assert doc["other"] == {"x": 1, "y": 2}


def test_yaml_is_never_executed():
    # The unsafe loader would construct a Python object here; the safe loader refuses the tag.
    with pytest.raises(ParseFailure, match="invalid YAML"):
        safeparse.load_yaml(b"!!python/object/apply:os.system ['echo pwned']\n")


def test_yaml_error_reports_line():
    with pytest.raises(ParseFailure, match=r"invalid YAML at line \d"):
        safeparse.load_yaml(b"a: 1\nb: [unclosed\nc: 3\n")


def test_xml_entity_expansion_is_refused():
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>
<project>&lol2;</project>"""
    with pytest.raises(ParseFailure, match="hostile XML"):
        safeparse.parse_xml(bomb)


def test_xml_external_entity_is_refused():
    xxe = b"""<?xml version="1.0"?>
<!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><project>&x;</project>"""
    with pytest.raises(ParseFailure, match="hostile XML"):
        safeparse.parse_xml(xxe)


def test_xml_malformed():
    with pytest.raises(ParseFailure, match="invalid XML"):
        safeparse.parse_xml(b"<project><dependencies></project>")


def test_toml_error_is_a_failure():
    with pytest.raises(ParseFailure, match="invalid TOML"):
        safeparse.load_toml(b"[package\nname = 1")
