"""``ospo license identify`` prints one JSON object per file."""

from __future__ import annotations

import json

from ospo.cli import main


def test_license_identify_json_lines(tmp_path, capsys):
    mit_notice = tmp_path / "header.py"
    mit_notice.write_text("# SPDX-License-Identifier: Apache-2.0 OR MIT\nprint('hi')\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("nothing to see\n")
    assert main(["license", "identify", str(mit_notice), str(empty)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [x["path"] for x in lines] == [str(mit_notice), str(empty)]
    assert lines[0]["expression"] == "Apache-2.0 OR MIT" and lines[0]["matches"][0]["start_line"] == 1
    assert lines[1]["expression"] is None


def test_license_identify_missing_file_exits_1(tmp_path, capsys):
    assert main(["license", "identify", str(tmp_path / "nope")]) == 1
    assert "error" in json.loads(capsys.readouterr().out)
