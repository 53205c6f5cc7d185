"""The estate: who owns which repositories, and where they come from.

Government → Agency (with a parent agency, as ministries have directorates) → Team. A Source is a place where
repositories are found (a local path, a git URL, a GitHub/GitLab/Gitea organisation); discovery turns it into
Repository rows. Roles (later) attach users to agencies and teams, so every object here reaches its agency in one
hop: ``Repository.agency`` is kept alongside ``source.agency`` for that reason (object-level checks, roll-ups).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ospo.platform.estate.secrets import resolve, validate_reference


class Government(models.Model):
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country code"), max_length=2, blank=True, help_text="ISO 3166-1 alpha-2")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("government")
        verbose_name_plural = _("governments")

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="agencies")
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=100)
    official_id = models.CharField(_("official identifier"), max_length=100, blank=True,
                                   help_text="the identifier in the government's register of public bodies")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = (
            models.UniqueConstraint(fields=["government", "slug"], name="agency_unique_slug"),
            models.UniqueConstraint(fields=["government", "official_id"], condition=~models.Q(official_id=""),
                                    name="agency_unique_official_id"),
        )

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=100)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = (models.UniqueConstraint(fields=["agency", "slug"], name="team_unique_slug"),)

    def __str__(self) -> str:
        return f"{self.agency} / {self.name}"


class SourceKind(models.TextChoices):
    LOCAL = "local", _("local path")
    GIT = "git", _("git URL")
    GITHUB = "github", _("GitHub organisation")
    GITLAB = "gitlab", _("GitLab group")
    GITEA = "gitea", _("Gitea organisation")


class Source(models.Model):
    """Where repositories come from. ``location``: a path, a git URL, or the organisation/group name."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="sources")
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="sources")
    kind = models.CharField(_("kind"), max_length=10, choices=SourceKind.choices)
    location = models.CharField(_("location"), max_length=1000)
    api_url = models.URLField(_("API URL"), blank=True,
                              help_text="forge API base for self-hosted GitLab/Gitea/GitHub Enterprise")
    token_ref = models.CharField(_("token reference"), max_length=200, blank=True,
                                 validators=[validate_reference], help_text="env:VARIABLE or store:KEY")
    scan_interval_hours = models.FloatField(_("rescan interval (hours)"), null=True, blank=True)
    subdirectories = models.BooleanField(
        _("each subdirectory is a repository"), default=False,
        help_text="local paths: every directory directly under the path is one repository (e.g. exported trees "
                  "without .git); otherwise the git repositories under it, or the path itself")
    enabled = models.BooleanField(_("enabled"), default=True)
    discovered_at = models.DateTimeField(null=True, blank=True)
    discovery_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.location}"

    def token(self) -> str | None:
        """The token, read at the moment of use (worker environment or secret store); never stored."""
        return resolve(self.token_ref)

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        validate_reference(self.token_ref)  # also when saved from code, not only from forms
        super().save(*args, **kwargs)


class Repository(models.Model):
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="repositories")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="repositories")
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="repositories")
    name = models.CharField(_("name"), max_length=300)
    location = models.CharField(_("location"), max_length=1000, help_text="path or clone URL (no credentials)")
    web_url = models.URLField(blank=True, max_length=1000)
    default_branch = models.CharField(_("default branch"), max_length=255, blank=True)
    archived = models.BooleanField(default=False)
    published = models.BooleanField(_("published"), default=False,
                                    help_text="visible to the public (open-source repositories)")
    scan_interval_hours = models.FloatField(null=True, blank=True, help_text="overrides the source's interval")
    last_tree_hash = models.CharField(max_length=64, blank=True, help_text="tree hash of the stored inventory")
    inventory_updated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("repository")
        verbose_name_plural = _("repositories")
        constraints = (models.UniqueConstraint(fields=["source", "location"], name="repository_unique_location"),)
        indexes = (models.Index(fields=["agency", "name"]),)

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if self.agency_id is None and self.source_id is not None:
            self.agency_id = self.source.agency_id
        super().save(*args, **kwargs)

    @property
    def scan_interval(self) -> timedelta:
        hours = self.scan_interval_hours or self.source.scan_interval_hours or settings.OSPO_SCAN_INTERVAL_H
        return timedelta(hours=hours)
