"""Gaps found in package-lock.json handling while measuring against the corpus."""

from __future__ import annotations

import json

from util import FIXTURES_NPM, by_name, run_extractor

LOCK3 = json.loads((FIXTURES_NPM / "package-lock.json").read_text())


def test_extraneous_entries_are_marked_not_dropped():
    # gcba__Obelisco-V2/app/package-lock.json carries react-router@4.3.1 and friends that nothing depends
    # on: npm ci prunes them. They stay visible but marked, so the inventory does not claim they ship.
    doc = json.loads(json.dumps(LOCK3))
    doc["packages"]["node_modules/orphan"] = {"version": "1.0.0", "dependencies": {"orphan-dep": "^2"}}
    doc["packages"]["node_modules/orphan-dep"] = {"version": "2.0.0"}
    fr = run_extractor("npm-package-lock", "package-lock.json", json.dumps(doc, indent=2))
    comps = by_name(fr)
    assert comps["orphan"][0].properties["npm:extraneous"] == "true"
    assert comps["orphan-dep"][0].properties["npm:extraneous"] == "true"
    for name in ("express", "debug", "jest", "lodash"):
        assert "npm:extraneous" not in comps[name][0].properties, name


def test_workspace_links_make_their_dependencies_reachable():
    doc = {
        "name": "mono", "lockfileVersion": 3,
        "packages": {
            "": {"name": "mono", "workspaces": ["packages/*"]},
            "packages/a": {"name": "@mono/a", "version": "1.0.0", "devDependencies": {"left-pad": "^1"}},
            "node_modules/@mono/a": {"resolved": "packages/a", "link": True},
            "node_modules/left-pad": {"version": "1.3.0", "dev": True},
        },
    }
    fr = run_extractor("npm-package-lock", "package-lock.json", json.dumps(doc))
    comps = by_name(fr)
    assert "@mono/a" not in comps
    assert "npm:extraneous" not in comps["left-pad"][0].properties
