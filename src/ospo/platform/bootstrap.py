"""What ``ospo serve`` and ``ospo demo`` do before serving: database, admin account, demo estate, first scans."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from ospo.platform.datadir import persistent_secret
from ospo.platform.messages import msg

ADMIN_USER = "admin"


def migrate() -> None:
    call_command("migrate", interactive=False, verbosity=0)


def ensure_admin(out=sys.stdout) -> tuple[str, str | None]:  # type: ignore[no-untyped-def]
    """Create the admin account once, with a random password kept in the data dir (0600) and printed."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    password = persistent_secret("admin_password", Path(settings.DATA_DIR), nbytes=12)
    user = user_model.objects.filter(username=ADMIN_USER).first()
    if user is None:
        user_model.objects.create_superuser(ADMIN_USER, "", password)
        print(msg("admin.created", user=ADMIN_USER, password=password), file=out)
        return ADMIN_USER, password
    if user.check_password(password):
        print(msg("admin.exists", user=ADMIN_USER, password=password), file=out)
        return ADMIN_USER, password
    print(msg("admin.changed", user=ADMIN_USER), file=out)
    return ADMIN_USER, None


def register_demo_estate(out=sys.stdout) -> list:  # type: ignore[no-untyped-def]
    """Government → agencies → sources for the generated repositories and the project; discovered now."""
    from ospo.platform import demo
    from ospo.platform.estate.models import Agency, Government, Source, SourceKind
    from ospo.platform.scans.discover import discover_source, request_discovery
    from ospo.platform.scans.models import ScanScope, ScanStatus

    gov, _ = Government.objects.get_or_create(name="Demo Government", defaults={"country": ""})
    digital, _ = Agency.objects.get_or_create(
        government=gov, slug="digital-services", defaults={"name": "Digital Services Agency", "official_id": "DEMO-001"}
    )
    ospo_office, _ = Agency.objects.get_or_create(
        government=gov,
        slug="ospo",
        defaults={"name": "Open-Source Program Office", "official_id": "DEMO-002", "parent": digital},
    )
    locations: list[tuple[Agency, Path]] = []
    if demo.FIXTURES.is_dir():
        generated = demo.generate(Path(settings.DATA_DIR) / "demo" / "repos")
        print(msg("demo.generated", path=generated.root, count=len(generated.repositories)), file=out)
        locations.append((digital, generated.root))
    else:
        print(msg("demo.no_fixtures", path=demo.FIXTURES), file=out)
    project = demo.project_repository()
    if project is not None:
        locations.append((ospo_office, project))
    repos = []
    for agency, path in locations:
        source, _ = Source.objects.get_or_create(agency=agency, kind=SourceKind.LOCAL, location=str(path))
        # the same discovery job as "Discover now", run here rather than by a worker: the demo waits for it anyway,
        # and queues the scans itself as one estate scan
        job, _created = request_discovery(source, queue_scans=ScanScope.NONE)
        discover_source(job.pk, worker="ospo-demo")
        job.refresh_from_db()
        if job.status == ScanStatus.SUCCEEDED:
            repos.extend(source.repositories.filter(archived=False).order_by("name"))
        else:
            print(msg("demo.discovery_failed", source=source, error=job.error or job.status), file=out)
    return repos


def scan_now(repositories: list, workers: int, timeout_s: float = 600, out=sys.stdout) -> None:  # type: ignore[no-untyped-def]
    """Enqueue and run the scans with the embedded pool, waiting until they are done (or the time-out)."""
    from ospo.platform.estate.models import Repository
    from ospo.platform.inventory.models import Component, Usage
    from ospo.platform.scans.models import EstateScan, Scan, ScanStatus
    from ospo.platform.scans.pool import EmbeddedPool
    from ospo.platform.scans.queue import enqueue

    started = time.monotonic()
    estate = EstateScan.objects.create(label="demo")
    enqueue(Repository.objects.filter(pk__in=[r.pk for r in repositories]), estate)
    print(msg("demo.scanning", count=len(repositories), workers=workers), file=out)
    with EmbeddedPool(workers=workers, mode="thread", poll_s=0.2, schedule=False) as pool:
        if not pool.wait_idle(timeout_s):
            print(msg("demo.timeout", seconds=timeout_s), file=out)
    counts = estate.progress()
    print(
        msg(
            "demo.scanned",
            succeeded=counts[ScanStatus.SUCCEEDED],
            failed=counts[ScanStatus.FAILED],
            components=Component.objects.count(),
            usages=Usage.objects.count(),
            seconds=time.monotonic() - started,
        ),
        file=out,
    )
    for scan in Scan.objects.filter(estate_scan=estate, status=ScanStatus.FAILED).select_related("repository"):
        print(f"  {scan.repository}: {scan.failure.splitlines()[0] if scan.failure else ''}", file=out)
