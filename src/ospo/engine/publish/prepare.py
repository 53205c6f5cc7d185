"""Write the files a repository needs before publication, from templates this project owns, never overwriting.

Files: README.md (only when no README of any kind exists), SECURITY.md, CONTRIBUTING.md, CODE_OF_CONDUCT.md
(written by this project, in en/es/pt-BR/fr, under ``templates/``), LICENSE (the text from the installed SPDX
license data, see :mod:`ospo.engine.licenses.data`) and publiccode.yml (the publiccode engine's generator).

Why "never overwrite" is enforced at the system call and not only by a check: files are created with
``open(..., "x")`` (O_CREAT|O_EXCL), which also refuses a dangling symlink, so a file that appears between the
check and the write, or a symlink planted to redirect the write out of the repository, is never clobbered.
A file counts as existing when any conventional variant exists where forges look (``LICENSE.txt`` stands for
LICENSE, ``.github/SECURITY.md`` for SECURITY.md): writing a second one would leave two that disagree.

Templates are filled with :class:`string.Template` (``$name``, ``$owner``, ``$contact``, ``$year``,
``$license``, ``$url``): substitution only, no expressions, so a hostile owner name cannot run anything.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from string import Template

from ospo.engine.i18n import normalize_language
from ospo.engine.publish.messages import CATALOG

TEMPLATE_FILES = ("README.md", "SECURITY.md", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md")
PLACES = ("", ".github", "docs", ".gitlab")
_EXISTING = {
    "README.md": (re.compile(r"^readme(?:[.-][\w.-]*)?$"), ("",)),
    "SECURITY.md": (re.compile(r"^security(?:\.(?:md|markdown|rst|txt|adoc))?$"), PLACES),
    "CONTRIBUTING.md": (re.compile(r"^contributing(?:[.-][\w.-]*)?$"), PLACES),
    "CODE_OF_CONDUCT.md": (re.compile(r"^(?:code[_-]of[_-]conduct|conduct)(?:\.(?:md|markdown|rst|txt|adoc))?$"),
                           PLACES),
    "LICENSE": (re.compile(r"^(?:licen[cs]e|copying|unlicense)(?:[.-][\w.-]*)?$"), ("",)),
    "publiccode.yml": (re.compile(r"^publiccode\.ya?ml$"), ("",)),
}
ORDER = ("README.md", "LICENSE", "SECURITY.md", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md", "publiccode.yml")

# Licenses whose text is itself the notice: their placeholders are the copyright line and are filled in.
# Others (GPL, Apache, EUPL…) are written verbatim: their placeholders belong to a "how to apply" appendix.
_NOTICE_STYLE = frozenset({"MIT", "MIT-0", "BSD-2-Clause", "BSD-3-Clause", "BSD-4-Clause", "ISC", "0BSD", "X11",
                           "BSD-3-Clause-Clear", "Zlib"})
_YEAR = re.compile(r"<year>|\[yyyy\]|\[year\]|\{yyyy\}", re.IGNORECASE)
_HOLDER = re.compile(r"<copyright holders?>|<owner>|\[fullname\]|\[name of copyright (?:owner|holder)\]|"
                     r"<name of author>|\[copyright holders?\]", re.IGNORECASE)


class PrepareError(ValueError):
    """A usage problem (unknown license, not a directory): nothing was written."""


@dataclass(slots=True)
class PrepareResult:
    path: str
    written: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file it would write, the existing file)
    problems: list[str] = field(default_factory=list)


def license_text(license_id: str) -> tuple[str, str]:
    """(canonical id, text) from the installed license data; PrepareError when unknown or an expression."""
    from ospo.engine.licenses.data import load_texts

    wanted = license_id.strip().lower()
    for t in load_texts():
        if not t.is_exception and t.id.lower() == wanted:
            return t.id, t.text
    raise PrepareError(license_id)


def fill_license(license_id: str, text: str, owner: str, year: int) -> str:
    if license_id not in _NOTICE_STYLE:
        return text
    text = _YEAR.sub(str(year), text)
    return _HOLDER.sub(lambda _m: owner, text)


def template(lang: str, filename: str) -> str:
    return (resources.files("ospo.engine.publish") / "templates" / lang / filename).read_text(encoding="utf-8")


def existing(root: Path, target: str) -> str | None:
    """The file that already plays ``target``'s role, as a relative path, or None."""
    pattern, places = _EXISTING[target]
    for place in places:
        directory = root / place if place else root
        try:
            names = sorted(os.listdir(directory))
        except OSError:
            continue
        for name in names:
            if pattern.match(name.lower()) and (os.path.lexists(directory / name)):
                return posixpath.join(place, name) if place else name
    return None


def _write_new(path: Path, text: str) -> bool:
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except FileExistsError:
        return False
    return True


def prepare(path: str | os.PathLike[str], license_id: str, owner: str, lang: str = "en", name: str | None = None,
            url: str | None = None, contact: str | None = None, year: int | None = None) -> PrepareResult:
    """Write the missing files into the directory ``path``. Raises PrepareError before writing anything."""
    from ospo.engine.api import input_name

    root = Path(path)
    lang = normalize_language(lang)
    if not root.is_dir():
        raise PrepareError(CATALOG.get("prepare.not-dir", lang, path=os.fspath(root)))
    try:
        lic_id, lic_text = license_text(license_id)
    except PrepareError:
        raise PrepareError(CATALOG.get("prepare.expression", lang, license=license_id)) from None
    from ospo.engine.publiccode.generate import git_remote_url

    name = (name or input_name(os.fspath(root))).strip()
    url = (url or git_remote_url(root) or "").strip()
    contact = (contact or url or "").strip() or "TODO: " + CATALOG.get("prepare.contact-default", lang)
    year = year or dt.date.today().year
    values = {"name": name, "owner": owner.strip(), "contact": contact, "year": str(year), "license": lic_id,
              "url": url or "TODO"}
    out = PrepareResult(path=os.fspath(root))
    for target in ORDER:
        found = existing(root, target)
        if found is not None:
            out.skipped.append((target, found))
            continue
        if target in TEMPLATE_FILES:
            text = Template(template(lang, target)).safe_substitute(values)
        elif target == "LICENSE":
            text = fill_license(lic_id, lic_text, values["owner"], year)
            text = text if text.endswith("\n") else text + "\n"
        else:
            text = _publiccode(root, name, url or None, lic_id, lang, values["owner"])
        if _write_new(root / target, text):
            out.written.append(target)
        else:
            out.skipped.append((target, target))
    return out


def _publiccode(root: Path, name: str, url: str | None, license_id: str, lang: str, owner: str) -> str:
    from ospo.engine.api import scan_input
    from ospo.engine.publiccode.generate import generate_publiccode

    scan = scan_input(os.fspath(root))
    return generate_publiccode(scan, root, name=name, url=url, license=license_id, languages=[lang],
                               organisation=owner or None, contacts=[owner] if owner else None)
