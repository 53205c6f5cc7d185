"""The inventory: each package once (Component, by purl) and where it is used (Usage).

A Component is the same row for every repository that uses it, so "where used across the government" is one
index lookup. Its identity is the purl; ``purl_key`` (sha256 of the purl) carries the unique index because a purl
from hostile input may exceed a B-tree entry's size limit. What differs per repository — scope, direct or
transitive, the constraint as written, where it is declared and through which path it comes — lives on Usage.

Two levels of truth, on purpose. ``Component.license``/``hashes`` are the estate's best knowledge of the package
(set by the first repository that knows them, filled in later when empty) for the catalog and the pages. What ONE
repository's scan said — its lockfile's hashes, the license as declared there, resolved URLs and other engine
properties, and the name/version spelling when it differs from the shared row — is kept on that repository's
Usage, so a downloaded SBOM is exactly what the engine wrote for the tree. In a 32-repository corpus a quarter of
the packages used by several repositories differ between them in hashes and half in license (one lockfile
carries it, another does not): the shared row alone cannot give each repository its own document.

The dependency graph is one row per repository (:class:`RepositoryGraph`): the SBOM writers always need the whole
graph of one repository and nothing queries single edges across repositories (where-used goes through Usage), so
a JSON document written once per changed tree beats diffing an edge table of millions of rows.
"""

from __future__ import annotations

import hashlib

from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _


def purl_key(purl: str) -> str:
    return hashlib.sha256(purl.encode("utf-8", "surrogatepass")).hexdigest()


class Component(models.Model):
    purl = models.TextField("purl")
    purl_key = models.CharField(max_length=64, unique=True, editable=False)
    ecosystem = models.CharField(_("ecosystem"), max_length=50, db_index=True)
    name = models.CharField(_("name"), max_length=500, db_index=True)
    version = models.CharField(_("version"), max_length=300, blank=True, help_text="exact version when pinned")
    pinned = models.BooleanField(_("pinned"), default=True)
    license = models.CharField(_("declared license"), max_length=500, blank=True)
    hashes = models.JSONField(default=list, blank=True, help_text='[["SHA-512", "<hex>"], …] as lockfiles give them')
    first_seen = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("component")
        verbose_name_plural = _("components")

    def __str__(self) -> str:
        return self.purl

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.purl_key = purl_key(self.purl)
        super().save(*args, **kwargs)


class Usage(models.Model):
    repository = models.ForeignKey("estate.Repository", on_delete=models.CASCADE, related_name="usages")
    component = models.ForeignKey(Component, on_delete=models.PROTECT, related_name="usages")
    scope = models.CharField(_("scope"), max_length=20)
    direct = models.BooleanField(_("direct"), null=True)
    constraint = models.CharField(
        _("constraint"), max_length=500, blank=True, help_text="the version constraint as written, when not pinned"
    )
    locations = models.JSONField(default=list, help_text='[{"path": …, "line": …}]')
    dependency_path = models.JSONField(default=list, help_text="purls from a direct dependency to this one")
    license = models.TextField(_("declared license"), blank=True, help_text="as this repository declares it")
    hashes = models.JSONField(default=list, blank=True, help_text="as this repository's lockfile gives them")
    properties = models.JSONField(default=dict, blank=True, help_text="the engine's facts: resolved URL, source…")
    as_declared = models.JSONField(
        default=dict,
        blank=True,
        help_text="name, version, ecosystem or pinned as this repository's scan gave them, only where they differ "
        "from the shared component row (spelling, truncation)",
    )
    first_scan = models.ForeignKey("scans.Scan", on_delete=models.SET_NULL, null=True, related_name="+")
    changed_scan = models.ForeignKey(
        "scans.Scan",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        help_text="the last scan that changed this row",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("usage")
        verbose_name_plural = _("usages")
        constraints = (models.UniqueConstraint(fields=["repository", "component"], name="usage_unique"),)
        indexes = (models.Index(fields=["component", "repository"]),)

    def __str__(self) -> str:
        return f"{self.repository} → {self.component}"


class RepositoryGraph(models.Model):
    """The engine's dependency edges of one repository's current inventory, and how the engine named the input.

    ``nodes`` lists each purl once; ``edges`` are ``[source index, target index]`` pairs into it — half the size of
    purl pairs. Written in the ingest transaction when the tree hash changes; ``tree_hash`` equal to
    ``Repository.last_tree_hash`` means the graph belongs to the stored inventory.
    """

    repository = models.OneToOneField("estate.Repository", on_delete=models.CASCADE, related_name="dependency_graph")
    tree_hash = models.CharField(max_length=64, blank=True)
    name = models.TextField(blank=True, help_text="the input name the engine gave (SBOM root name)")
    source = models.TextField(blank=True, help_text="what the engine read: path or public URL, at a ref")
    nodes = models.JSONField(default=list)
    edges = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("dependency graph")
        verbose_name_plural = _("dependency graphs")

    def __str__(self) -> str:
        return f"{self.repository_id}: {len(self.edges)} edges"


class InventoryGeneration(models.Model):
    """A counter of inventory changes, incremented by every ingest that writes usages, inside its transaction.

    Why it exists: the estate overview's inventory figures (distinct components per ecosystem and license
    category, usage count) read every one of 200,000 usages — 100 ms of the page — yet change only when an
    ingest changes an inventory. The pages cache them under a key that includes this counter, so the figures are
    exact after every scan and computed once per change instead of once per view. Why a counter rather than the
    newest ``Repository.inventory_updated_at``: timestamps are taken before commit, so with two workers a later
    commit may carry an older time and leave a stale figure; every committed increment changes the counter.

    One row (pk 1), created on first use. The row lock is taken at the end of the ingest transaction and held
    only until its commit, so concurrent ingests are serialised for the commit alone.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    value = models.BigIntegerField(_("inventory changes"), default=0)

    class Meta:
        verbose_name = _("inventory generation")
        verbose_name_plural = _("inventory generations")

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def bump(cls) -> None:
        """+1, inside the caller's transaction (call it last: the row lock lasts until the commit)."""
        if not cls.objects.filter(pk=1).update(value=models.F("value") + 1):
            cls.objects.bulk_create([cls(pk=1, value=0)], ignore_conflicts=True)  # first ingest ever, or a race
            cls.objects.filter(pk=1).update(value=models.F("value") + 1)

    @classmethod
    def current(cls) -> int:
        return cls.objects.filter(pk=1).values_list("value", flat=True).first() or 0


@receiver(post_save, sender=Component)
@receiver(post_save, sender=Usage)
def _saved_one_by_one(**kwargs: object) -> None:
    """A component or usage saved one by one (the admin, a script) changes the figures too. Ingest writes in bulk
    (no signal) and bumps once per transaction itself."""
    InventoryGeneration.bump()
