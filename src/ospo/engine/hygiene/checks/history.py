"""Checks that read the commit history: activity, contributors, bus factor, review, DCO, signatures.

Windows (documented in docs/notes/hygiene.md):

* *maintained* looks at the 90 days before NOW (the clock, or ``Options.now``): a repository whose last
  commit is two years old is not maintained, however busy it was then. Score = weeks with a commit out of 13.
* *contributors*, *bus factor*, *DCO* and *signatures* look at the year before the NEWEST commit: they
  describe how the project works when it works, and staleness is the maintained check's business.
* *code review* looks at the last 30 changesets of the first-parent chain (a merge, or a direct commit).

Bots (``[bot]`` authors, dependabot, renovate, github-actions) are left out of people counts. Authors are
told apart by e-mail address (lower-cased); no mailmap is applied.
"""

from __future__ import annotations

import re
import time
from collections import Counter

from ospo.engine.hygiene.checks.files import CONTRIBUTING, find
from ospo.engine.hygiene.context import Context, verdict_for
from ospo.engine.hygiene.history import Commit, History
from ospo.engine.hygiene.model import CheckResult, Evidence, Verdict
from ospo.engine.hygiene.registry import Check

DAY = 86_400
MAINTAINED_DAYS = 90
YEAR_DAYS = 365
CHANGESETS = 30
MAX_PEOPLE_COMMITS = 1000

_BOT = re.compile(r"\[bot\]|^dependabot|^renovate|^github-actions|^greenkeeper|^snyk-bot|^pre-commit-ci", re.I)
_NOREPLY = re.compile(r"noreply|no-reply|localhost|\.local$|invalid$|example\.(?:com|org)$", re.I)
WEBMAIL = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "icloud.com",
    "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com", "pm.me", "gmx.de", "gmx.net", "gmx.com", "web.de",
    "qq.com", "163.com", "126.com", "yandex.ru", "yandex.com", "mail.ru", "hey.com", "fastmail.com", "zoho.com",
    "uol.com.br", "bol.com.br", "terra.com.br", "ig.com.br", "yahoo.com.br", "hotmail.com.br", "hotmail.es",
    "yahoo.es", "yahoo.fr", "hotmail.fr", "orange.fr", "free.fr", "laposte.net", "wanadoo.fr", "sfr.fr",
    "hotmail.co.uk", "yahoo.co.uk", "outlook.es", "outlook.fr", "live.fr", "tutanota.com", "posteo.de",
})
_SECOND_LEVEL = frozenset({"com", "gov", "gob", "gub", "org", "net", "edu", "ac", "co", "gouv", "mil", "nic", "or",
                           "ne", "go", "int"})
_REVIEW_TRAILERS = ("reviewed-by", "approved-by", "acked-by", "reviewed-on", "co-authored-by")
_SQUASH = re.compile(r"\(#\d+\)\s*$|\(!\d+\)\s*$")
_FORGE_MERGE = re.compile(r"^Merge (?:pull request #\d+|branch '.+' into|remote-tracking branch)|See merge request",
                          re.M)
_DCO_MENTION = re.compile(r"signed-off-by|\bDCO\b|developer certificate of origin", re.I)


def is_bot(c: Commit) -> bool:
    return bool(_BOT.search(c.author_name) or _BOT.search(c.author_email.split("@", 1)[0]))


def organization(email: str) -> str | None:
    """The organisation an e-mail domain stands for; "individual" for webmail; None when unknown (noreply)."""
    local, _, domain = email.strip().lower().rpartition("@")
    if not local or not domain or "." not in domain or _NOREPLY.search(domain) or _NOREPLY.search(local):
        return None
    if domain in WEBMAIL:
        return "individual"
    labels = domain.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _recent_year(h: History) -> list[Commit]:
    """Non-merge, non-bot commits of the year before the newest commit (at most MAX_PEOPLE_COMMITS)."""
    if not h.commits:
        return []
    newest = max(c.committer_time for c in h.commits)
    since = newest - YEAR_DAYS * DAY
    return [c for c in h.commits if c.committer_time > since and not c.is_merge and not is_bot(c)][:MAX_PEOPLE_COMMITS]


def _date(t: int) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(t))


def check_maintained(ctx: Context) -> CheckResult:
    h = ctx.history
    assert h is not None
    if not h.commits:
        return ctx.result("maintained", 0, Verdict.FAIL, "none", count=0)
    now = ctx.now
    since = now - MAINTAINED_DAYS * DAY
    recent = [c for c in h.commits if since < c.committer_time <= now + DAY]
    weeks = {int((now - c.committer_time) // (7 * DAY)) for c in recent}
    weeks = {w for w in weeks if 0 <= w < 13}
    newest = max(c.committer_time for c in h.commits)
    # A repository younger than 90 days is judged on the weeks it has existed, not on weeks before its birth.
    oldest = min(c.committer_time for c in h.commits)
    possible = 13 if h.truncated else max(1, min(13, int((now - oldest) // (7 * DAY)) + 1))
    score = 10 * len(weeks) / possible
    details = {"commits_90d": len(recent), "active_weeks": len(weeks), "weeks_judged": possible,
               "newest_commit": _date(newest)}
    ev = [Evidence(ctx.msg("evidence.newest-commit", date=_date(newest)), commit=h.commits[0].sha)]
    return ctx.result("maintained", score, verdict_for(score, 5, 1), "ok" if recent else "none", ev, details,
                      count=len(recent), weeks=len(weeks), possible=possible, date=_date(newest))


def check_contributors(ctx: Context) -> CheckResult:
    h = ctx.history
    assert h is not None
    commits = _recent_year(h)
    if not commits:
        return ctx.result("contributors", None, Verdict.NOT_EVALUATED, "none")
    authors: dict[str, str | None] = {}
    for c in commits:
        authors.setdefault(c.author_email, organization(c.author_email))
    orgs = Counter(o for o in authors.values() if o and o != "individual")
    individuals = sum(1 for o in authors.values() if o == "individual")
    unknown = sum(1 for o in authors.values() if o is None)
    details = {"authors": len(authors), "organizations": dict(orgs.most_common()), "individuals": individuals,
               "unknown": unknown}
    ev = [Evidence(ctx.msg("evidence.organization", org=org, count=n)) for org, n in orgs.most_common(10)]
    score = 10 * len(orgs) / 3
    verdict = Verdict.PASS if len(orgs) >= 2 else Verdict.WARN
    return ctx.result("contributors", score, verdict, "ok", ev, details, authors=len(authors), orgs=len(orgs),
                      unknown=unknown)


def bus_factor(commits: list[Commit]) -> tuple[int, list[tuple[str, int]]]:
    """Smallest number of authors covering at least half the commits, and the authors by commit count."""
    counts = Counter(c.author_email for c in commits)
    ranked = counts.most_common()
    total = sum(counts.values())
    covered = 0
    for k, (_, n) in enumerate(ranked, 1):
        covered += n
        if covered * 2 >= total:
            return k, ranked
    return len(ranked), ranked


def check_bus_factor(ctx: Context) -> CheckResult:
    h = ctx.history
    assert h is not None
    commits = _recent_year(h)
    if not commits:
        return ctx.result("bus-factor", None, Verdict.NOT_EVALUATED, "none")
    k, ranked = bus_factor(commits)
    names = {c.author_email: c.author_name for c in commits}
    ev = [Evidence(ctx.msg("evidence.author", name=names.get(email, "?"), count=n)) for email, n in ranked[:min(k, 10)]]
    score = {1: 2, 2: 5, 3: 7}.get(k, 10)
    verdict = Verdict.PASS if k >= 3 else Verdict.WARN if k == 2 else Verdict.FAIL
    return ctx.result("bus-factor", score, verdict, "ok", ev, {"bus_factor": k, "authors": len(ranked),
                                                               "commits": len(commits)},
                      k=k, authors=len(ranked), commits=len(commits))


def review_evidence(c: Commit) -> str | None:
    """Why a changeset counts as reviewed, or None."""
    if c.is_merge:
        return "forge-merge" if _FORGE_MERGE.search(c.message) else "merge"
    if any(k in _REVIEW_TRAILERS for k, _ in c.trailers):
        return "trailer"
    if _SQUASH.search(c.subject) or "See merge request" in c.message:
        return "squash"
    return None


def changesets(h: History, limit: int = CHANGESETS) -> list[Commit]:
    by_sha = {c.sha: c for c in h.commits}
    out: list[Commit] = []
    cur = h.commits[0] if h.commits else None
    while cur is not None and len(out) < limit:
        out.append(cur)
        cur = by_sha.get(cur.parents[0]) if cur.parents else None
    return out


def check_code_review(ctx: Context) -> CheckResult:
    h = ctx.history
    assert h is not None
    sets = [c for c in changesets(h) if not is_bot(c)]
    if not sets:
        return ctx.result("code-review", None, Verdict.NOT_EVALUATED, "none")
    kinds = Counter()
    unreviewed: list[Evidence] = []
    for c in sets:
        why = review_evidence(c)
        if why:
            kinds[why] += 1
        else:
            unreviewed.append(Evidence(ctx.msg("evidence.unreviewed", subject=c.subject[:100]), commit=c.sha))
    reviewed = len(sets) - len(unreviewed)
    score = 10 * reviewed / len(sets)
    details = {"changesets": len(sets), "reviewed": reviewed, "by_evidence": dict(kinds)}
    return ctx.result("code-review", score, verdict_for(score, 7, 3), "ok", unreviewed[:10], details,
                      reviewed=reviewed, count=len(sets))


def dco_required(ctx: Context) -> str | None:
    """The file that asks for DCO sign-offs, or None."""
    for name in ("DCO", "DCO.md", "DCO.txt", ".github/DCO.md", "docs/DCO.md"):
        if name in ctx.path_set:
            return name
    for path in find(ctx, CONTRIBUTING):
        if _DCO_MENTION.search(ctx.text(path) or ""):
            return path
    return None


def check_dco(ctx: Context) -> CheckResult:
    h = ctx.history
    assert h is not None
    asked = dco_required(ctx)
    if asked is None:
        return ctx.result("dco", None, Verdict.NOT_APPLICABLE, "not-applicable")
    commits = _recent_year(h)
    if not commits:
        return ctx.result("dco", None, Verdict.NOT_EVALUATED, "none")
    unsigned = [c for c in commits if not c.trailer_values("signed-off-by")]
    signed = len(commits) - len(unsigned)
    score = 10 * signed / len(commits)
    ev = [Evidence(ctx.msg("evidence.dco-asked"), asked)]
    ev += [Evidence(ctx.msg("evidence.unsigned-off", subject=c.subject[:100]), commit=c.sha) for c in unsigned[:10]]
    return ctx.result("dco", score, verdict_for(score, 9, 5), "ok", ev, {"commits": len(commits), "signed_off": signed},
                      signed=signed, count=len(commits))


def check_signed(ctx: Context) -> CheckResult:
    h = ctx.history
    assert h is not None
    commits = _recent_year(h)
    tags = sorted(h.tags, key=lambda t: t.time, reverse=True)[:20]
    if not commits and not tags:
        return ctx.result("signed", None, Verdict.NOT_EVALUATED, "none")
    signed_commits = sum(1 for c in commits if c.signed)
    signed_tags = sum(1 for t in tags if t.signed)
    commit_share = signed_commits / len(commits) if commits else 0.0
    score = 10 * ((commit_share + signed_tags / len(tags)) / 2 if tags else commit_share)
    ev = [Evidence(ctx.msg("evidence.signed-tag", tag=t.name)) for t in tags if t.signed][:5]
    ev += [Evidence(ctx.msg("evidence.unsigned-tag", tag=t.name)) for t in tags if not t.signed][:5]
    details = {"commits": len(commits), "signed_commits": signed_commits, "tags": len(tags),
               "signed_tags": signed_tags, "verified": False}
    verdict = verdict_for(score, 8, 0)
    return ctx.result("signed", score, verdict, "ok", ev, details, signed=signed_commits, count=len(commits),
                      tags=len(tags), signed_tags=signed_tags)


CHECKS = [
    Check("maintained", check_maintained, needs_history=True),
    Check("contributors", check_contributors, needs_history=True),
    Check("bus-factor", check_bus_factor, needs_history=True),
    Check("code-review", check_code_review, needs_history=True),
    Check("dco", check_dco, needs_history=True),
    Check("signed", check_signed, needs_history=True),
]
