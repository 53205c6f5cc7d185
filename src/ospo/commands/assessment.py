"""``ospo assessment``: the assessment templates and results files, with no database.

* ``templates`` lists the shipped templates (id, title, version, licence, clusters and criteria);
* ``export-template ID`` writes one template as JSON (what an OSPO edits, versions and re-imports);
* ``check-template FILE…`` validates template files (YAML or JSON) and reports every problem with its path;
* ``export FILE --template ID`` writes a results file to fill in — blank, or with ``--prefill REPO`` the
  automatable criteria pre-filled from the engine's results on a repository;
* ``import FILE`` validates a results file against its template and prints the scores.

Exit codes: 0 ran, 1 a file did not validate, 2 usage (unknown template, unreadable file).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path


def _lang(args: argparse.Namespace) -> str:
    from ospo.engine.i18n import language_from_env, normalize_language

    return normalize_language(args.lang) if args.lang else language_from_env()


def _read(path: str, parser: argparse.ArgumentParser) -> bytes:
    try:
        return sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        parser.error(f"cannot read {path}: {exc.strerror or exc}")
        raise  # pragma: no cover - parser.error exits


def _write(path: str, text: str, lang: str) -> None:
    from ospo.programme.messages import CATALOG

    if path == "-":
        sys.stdout.write(text)
    else:
        Path(path).write_text(text, encoding="utf-8")
        sys.stderr.write(CATALOG.get("cli.written", lang, path=path) + "\n")


def cmd_templates(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ospo.programme.templates import shipped_templates
    from ospo.programme.validate import text_in

    lang = _lang(args)
    templates = list(shipped_templates().values())
    if args.format == "json":
        doc = [{"id": t.id, "version": t.version, "title": t.title, "licence": t.licence,
                "source": t.source.citation, "subjects": list(t.subjects), "scale": t.scale.id,
                "clusters": [{"id": cl.id, "title": cl.title, "criteria": [
                    {"id": c.id, "title": c.title, "automatable": list(c.automatable)} for c in cl.criteria]}
                    for cl in t.clusters]} for t in templates]
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return 0
    for t in templates:
        sys.stdout.write(f"{t.id}  v{t.version}  [{t.licence}]  {text_in(t.title, lang)}\n")
        for cl in t.clusters:
            sys.stdout.write(f"  {cl.id}  {text_in(cl.title, lang)}\n")
            for c in cl.criteria:
                auto = f"  (auto: {', '.join(c.automatable)})" if c.automatable else ""
                sys.stdout.write(f"    {c.id}  {text_in(c.title, lang)}{auto}\n")
    return 0


def cmd_export_template(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ospo.programme.assessment import dumps
    from ospo.programme.templates import get_template, shipped_templates, template_to_dict

    t = get_template(args.id)
    if t is None:
        parser.error(f"unknown template {args.id!r}; known: {', '.join(shipped_templates())}")
    assert t is not None
    _write(args.output, dumps(template_to_dict(t)), _lang(args))
    return 0


def cmd_check_template(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ospo.programme.messages import CATALOG
    from ospo.programme.templates import load_template
    from ospo.programme.validate import InvalidDocument

    lang = _lang(args)
    status = 0
    for path in args.files:
        fmt = "yaml" if path.endswith((".yaml", ".yml")) else "json"
        try:
            load_template(_read(path, parser), fmt, path)
        except InvalidDocument as exc:
            status = 1
            sys.stdout.write(CATALOG.get("cli.invalid", lang, path=path, count=len(exc.problems)) + "\n")
            for m in exc.messages(lang):
                sys.stdout.write(f"  {m}\n")
            continue
        sys.stdout.write(CATALOG.get("cli.valid", lang, path=path, kind="template") + "\n")
    return status


def cmd_export(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ospo.programme.assessment import Subject, assessment_to_dict, dumps, new_assessment
    from ospo.programme.templates import get_template, shipped_templates

    lang = _lang(args)
    t = get_template(args.template)
    if t is None:
        parser.error(f"unknown template {args.template!r}; known: {', '.join(shipped_templates())}")
    assert t is not None
    day = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    if args.prefill:
        from ospo.programme.prefill import prefill_readiness

        if not Path(args.prefill).is_dir():
            parser.error(f"--prefill takes a repository directory: {args.prefill}")
        a = prefill_readiness(args.prefill, lang=lang, assessed_on=day, assessment_id=args.id, template=t)
    else:
        kind = args.subject_kind or t.subjects[0]
        if kind not in t.subjects:
            parser.error(f"template {t.id} assesses: {', '.join(t.subjects)}")
        a = new_assessment(t, Subject(kind, args.subject or kind, ""), day,
                           args.id or f"{t.id}-{day.isoformat()}"[:64])
    _write(args.file, dumps(assessment_to_dict(a)), lang)
    return 0


def cmd_import(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ospo.programme.assessment import load_assessment, score
    from ospo.programme.messages import CATALOG
    from ospo.programme.templates import get_template
    from ospo.programme.validate import InvalidDocument, text_in

    lang = _lang(args)
    try:
        a = load_assessment(_read(args.file, parser), source=args.file)
    except InvalidDocument as exc:
        if args.format == "json":
            sys.stdout.write(json.dumps({"file": args.file, "valid": False, "problems": [
                {"path": p.path, "message": p.message(lang).split(": ", 1)[1]} for p in exc.problems]},
                ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.write(CATALOG.get("cli.invalid", lang, path=args.file, count=len(exc.problems)) + "\n")
            for m in exc.messages(lang):
                sys.stdout.write(f"  {m}\n")
        return 1
    t = get_template(a.template_id)
    assert t is not None
    s = score(a, t)

    def fmt(x: float | None) -> str:
        return "-" if x is None else f"{x:.1f}"

    if args.format == "json":
        sys.stdout.write(json.dumps({
            "file": args.file, "valid": True, "assessment": a.id, "template": t.id,
            "overall": s.overall, "mean_level": s.mean_level, "answered": s.answered, "applicable": s.applicable,
            "total": s.total, "renew_by": a.renew_by.isoformat() if a.renew_by else None,
            "clusters": [{"id": c.cluster, "score": c.score, "mean_level": c.mean_level, "answered": c.answered,
                          "applicable": c.applicable} for c in s.clusters]}, ensure_ascii=False, indent=2) + "\n")
        return 0
    sys.stdout.write(CATALOG.get("cli.valid", lang, path=args.file, kind=text_in(t.title, lang)) + "\n")
    for cl, cs in zip(t.clusters, s.clusters, strict=True):
        sys.stdout.write(f"  {text_in(cl.title, lang)}: {fmt(cs.score)} ({cs.answered}/{cs.applicable})\n")
    sys.stdout.write(CATALOG.get("cli.overall", lang, score=fmt(s.overall), answered=s.answered, total=s.applicable)
                     + "\n")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("assessment", help="assessment templates and results files (health check, readiness, tender…)",
                       description="List the shipped assessment templates, export and check templates, export a "
                                   "results file to fill (optionally pre-filled from a repository) and import one "
                                   "to validate and score it.")
    p.add_argument("--lang", help="language of the texts: en, es, pt-BR, fr (default: OSPO_LANG / LANG)")
    s = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    t = s.add_parser("templates", help="list the shipped templates")
    t.add_argument("--format", choices=("table", "json"), default="table")
    t.set_defaults(func=cmd_templates)
    et = s.add_parser("export-template", help="write a shipped template as JSON")
    et.add_argument("id")
    et.add_argument("-o", "--output", default="-", help="file to write (default: standard output)")
    et.set_defaults(func=cmd_export_template)
    ct = s.add_parser("check-template", help="validate template files (YAML or JSON)")
    ct.add_argument("files", nargs="+", metavar="FILE")
    ct.set_defaults(func=cmd_check_template)
    ex = s.add_parser("export", help="write a results file to fill in (JSON)")
    ex.add_argument("file", metavar="FILE", help="file to write, - for standard output")
    ex.add_argument("--template", required=True, help="template id (see: ospo assessment templates)")
    ex.add_argument("--subject", help="name of what is assessed")
    ex.add_argument("--subject-kind", choices=("ospo", "agency", "repository", "tender"))
    ex.add_argument("--prefill", metavar="REPO", help="pre-fill automatable criteria from this repository")
    ex.add_argument("--date", help="assessment date YYYY-MM-DD (default: today)")
    ex.add_argument("--id", help="assessment id")
    ex.set_defaults(func=cmd_export)
    im = s.add_parser("import", help="validate a results file and print its scores")
    im.add_argument("file", metavar="FILE")
    im.add_argument("--format", choices=("table", "json"), default="table")
    im.set_defaults(func=cmd_import)
