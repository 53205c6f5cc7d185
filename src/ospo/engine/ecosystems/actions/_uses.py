"""The ``uses:`` reference of a GitHub Actions step or reusable-workflow job → a component.

purl type: ``githubactions``, registered in the purl-spec (types/githubactions-definition.json): namespace
is the owner (lower-cased), name is the repository (lower-cased) followed by the URL-encoded path of the
action inside it (``pkg:githubactions/github/codeql-action%2Finit@v3``), version is the ref.

Which refs are pinned — the hygiene checks need to know which steps can change under the workflow:

* a full 40-hex commit SHA is immutable: pinned, ``ref-kind`` = ``sha``;
* a version-like ref (``v4``, ``v4.1.0``, ``1.2``) is a tag: pinned as a version (that is what the author
  chose), ``ref-kind`` = ``tag``; tags can be moved, which the property lets checks flag;
* anything else (``main``, ``master``, ``release/v2``, a short SHA) cannot be told apart from a branch
  offline: NOT pinned, ``ref-kind`` = ``branch`` (or ``short-sha``), version kept as written.

A trailing ``# v4.1.0`` comment (what Dependabot and pinning tools write next to a SHA) is kept as the
``ref-comment`` property. ``./local`` actions are first-party and skipped; ``docker://image`` steps are
docker components.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from ospo.engine.ecosystems.base import component, make_purl
from ospo.engine.ecosystems.docker._image import image_component
from ospo.engine.model import Component, Scope

_SHA = re.compile(r"^[0-9a-f]{40}$")
_SHORT_SHA = re.compile(r"^[0-9a-f]{7,39}$")
_TAGLIKE = re.compile(r"^v?\d+(?:\.\d+)*(?:[-+.][0-9A-Za-z.+-]*)?$")
_OWNER_REPO = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")


def actions_purl(owner: str, repo: str, subpath: str, ref: str | None) -> str:
    owner, repo = owner.lower(), repo.lower()
    purl = make_purl("githubactions", repo, ref, namespace=owner)
    if subpath:
        prefix = f"pkg:githubactions/{owner}/{repo}"
        purl = prefix + "%2F" + quote(subpath, safe="") + purl[len(prefix):]
    return purl


def ref_kind(ref: str) -> str:
    if _SHA.match(ref):
        return "sha"
    if _TAGLIKE.match(ref):
        return "tag"
    if _SHORT_SHA.match(ref) and not ref.isdigit():
        return "short-sha"
    return "branch"


def uses_component(
    uses: str, *, path: str, line: int | None, comment: str | None, props: dict[str, str],
) -> tuple[Component | None, str | None]:
    """(component, problem). Both None for a local action, which is first-party."""
    uses = uses.strip()
    if uses.startswith("./") or uses.startswith("../"):
        return None, None
    if uses.startswith("docker://"):
        comp = image_component(uses[len("docker://"):], path=path, line=line, scope=Scope.DEVELOPMENT,
                               properties=props)
        return comp, None if comp else f"not an image reference: {uses[:80]}"
    if "${{" in uses:
        return None, f"uses with an expression cannot be resolved statically: {uses[:80]}"
    target, sep, ref = uses.rpartition("@")
    if not sep or not ref or not target:
        target, ref = uses, ""
    parts = target.split("/")
    if len(parts) < 2 or not _OWNER_REPO.match(f"{parts[0]}/{parts[1]}") or any(not p for p in parts[2:]):
        return None, f"not an action reference: {uses[:80]}"
    owner, repo, subpath = parts[0], parts[1], "/".join(parts[2:])
    props = dict(props)
    if not ref:
        props["ref-kind"] = "none"
        pinned = False
    else:
        kind = ref_kind(ref)
        props["ref-kind"] = kind
        pinned = kind in ("sha", "tag")
    if comment:
        props["ref-comment"] = comment
    name = f"{owner}/{repo}" + (f"/{subpath}" if subpath else "")
    purl = actions_purl(owner, repo, subpath, ref if pinned else None)
    comp = component("githubactions", name, ref or None, purl, path=path, line=line, pinned=pinned,
                     scope=Scope.DEVELOPMENT, direct=True, properties=props)
    return comp, None
