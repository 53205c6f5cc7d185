"""API representations. Write serializers check the access rules on what they point to (the agency of a new
source, the repository a decision covers), since a create has no object for ``has_object_permission``."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ospo.platform.access.permissions import (
    can,
    decision_action,
    grants,
    visible_components,
    visible_findings,
    visible_repositories,
)
from ospo.platform.access.sources import source_errors
from ospo.platform.estate.models import Agency, Repository, Source
from ospo.platform.findings.models import (
    Decision,
    DecisionKind,
    FindingKind,
    FindingStatus,
    HygieneFinding,
    LicenseFinding,
    VulnerabilityFinding,
)
from ospo.platform.inventory.models import Component, Usage
from ospo.platform.scans.models import DiscoveryJob, Scan

FINDING_MODELS = {
    FindingKind.LICENSE: LicenseFinding,
    FindingKind.VULNERABILITY: VulnerabilityFinding,
    FindingKind.HYGIENE: HygieneFinding,
}


class AgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ("id", "name", "slug", "official_id", "parent", "government")


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = (
            "id",
            "agency",
            "team",
            "kind",
            "location",
            "api_url",
            "token_ref",
            "scan_interval_hours",
            "subdirectories",
            "enabled",
            "discovered_at",
            "discovery_error",
            "created_at",
        )
        read_only_fields = ("discovered_at", "discovery_error", "created_at")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        user = self.context["request"].user
        agency = attrs.get("agency") or getattr(self.instance, "agency", None)
        kind = attrs.get("kind") or getattr(self.instance, "kind", "")
        location = attrs.get("location") or getattr(self.instance, "location", "")
        errors = source_errors(user, agency, kind, location)  # the source page applies the same rule
        if "agency" in errors:
            raise serializers.ValidationError({"agency": errors["agency"]})
        team = attrs.get("team")
        if team is not None and team.agency_id != agency.pk:
            raise serializers.ValidationError({"team": _("The team belongs to another agency.")})
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class RepositorySerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)

    class Meta:
        model = Repository
        fields = (
            "id",
            "name",
            "agency",
            "agency_name",
            "team",
            "location",
            "web_url",
            "default_branch",
            "archived",
            "published",
            "last_tree_hash",
            "inventory_updated_at",
        )


class ScanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Scan
        fields = (
            "id",
            "repository",
            "estate_scan",
            "status",
            "requested_at",
            "started_at",
            "finished_at",
            "attempts",
            "engine_version",
            "revision",
            "tree_hash",
            "unchanged",
            "component_count",
            "duration_s",
            "errors",
            "failure",
        )


class DiscoveryJobSerializer(serializers.ModelSerializer):
    """A discovery job: its status, timings, counts and error (``message``: the error's reason in the request's
    language). Never the token, never who asked (the audit log has that)."""

    message = serializers.SerializerMethodField()
    duration_s = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = DiscoveryJob
        fields = (
            "id",
            "source",
            "status",
            "scheduled",
            "queue_scans",
            "requested_at",
            "started_at",
            "finished_at",
            "not_before",
            "attempts",
            "duration_s",
            "found",
            "added",
            "removed",
            "scans",
            "error_code",
            "error",
            "message",
        )

    def get_message(self, obj: DiscoveryJob) -> str:
        from ospo.platform.scans.discover import ERROR_MESSAGES

        return str(ERROR_MESSAGES.get(obj.error_code, "")) if obj.error_code else ""


class DiscoveryRequestedSerializer(DiscoveryJobSerializer):
    created = serializers.BooleanField(help_text="false: a discovery of this source was already queued or running")
    url = serializers.CharField(help_text="where to follow the job")

    class Meta(DiscoveryJobSerializer.Meta):
        fields = (*DiscoveryJobSerializer.Meta.fields, "created", "url")


class ComponentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Component
        fields = ("id", "purl", "ecosystem", "name", "version", "pinned", "license", "first_seen")


class UsageSerializer(serializers.ModelSerializer):
    component = ComponentSerializer(read_only=True)

    class Meta:
        model = Usage
        fields = (
            "id",
            "repository",
            "component",
            "scope",
            "direct",
            "constraint",
            "locations",
            "dependency_path",
            "updated_at",
        )


FINDING_FIELDS = (
    "id",
    "kind",
    "repository",
    "component",
    "fingerprint",
    "severity",
    "status",
    "title",
    "details",
    "path",
    "line",
    "first_seen",
    "last_seen",
    "fixed_at",
    "decision",
)


class LicenseFindingSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(read_only=True)

    class Meta:
        model = LicenseFinding
        fields = (*FINDING_FIELDS, "expression", "category", "verdict", "rule", "context", "via")


class VulnerabilityFindingSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(read_only=True)

    class Meta:
        model = VulnerabilityFinding
        fields = (
            *FINDING_FIELDS,
            "advisory_id",
            "aliases",
            "cvss_vector",
            "cvss_score",
            "affected_version",
            "fixed_in",
            "vex_state",
        )


class HygieneFindingSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(read_only=True)

    class Meta:
        model = HygieneFinding
        fields = (*FINDING_FIELDS, "check_id", "score", "commit", "remediation_key")


class DecisionSerializer(serializers.ModelSerializer):
    """A triage or waiver. ``findings``: ids of findings of ``finding_kind`` the decision applies to now."""

    findings = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**53), write_only=True, required=False, max_length=10_000
    )
    decided_by = serializers.CharField(source="decided_by.get_username", read_only=True)

    class Meta:
        model = Decision
        fields = (
            "id",
            "kind",
            "finding_kind",
            "scope_repository",
            "scope_component",
            "scope_rule",
            "vex_state",
            "justification",
            "rationale",
            "decided_by",
            "decided_at",
            "expires_at",
            "findings",
        )
        read_only_fields = ("decided_at",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:  # only what the user sees can be referred to (else: "does not exist")
            self.fields["scope_repository"].queryset = visible_repositories(request.user)
            self.fields["scope_component"].queryset = visible_components(request.user)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        user = self.context["request"].user
        action = decision_action(attrs["kind"])
        repo = attrs.get("scope_repository")
        if repo is not None and not can(user, action, repo):
            raise serializers.ValidationError({"scope_repository": _("You may not decide on this repository.")})
        if repo is None and action not in grants(user).everywhere:
            raise serializers.ValidationError(
                {"scope_repository": _("A decision for every repository needs a government-wide role.")}
            )
        model = FINDING_MODELS[attrs["finding_kind"]]
        ids = sorted(set(attrs.get("findings", [])))
        found = list(visible_findings(model, user).filter(pk__in=ids).select_related("repository"))
        if len(found) != len(ids):
            raise serializers.ValidationError({"findings": _("Unknown finding.")})
        for finding in found:
            if (repo is not None and finding.repository_id != repo.pk) or not can(user, action, finding.repository):
                raise serializers.ValidationError({"findings": _("You may not decide on this finding.")})
        attrs["_found"] = found
        return attrs

    def create(self, validated: dict[str, Any]) -> Decision:
        found = validated.pop("_found", [])
        validated.pop("findings", None)
        decision = Decision.objects.create(decided_by=self.context["request"].user, **validated)
        status = FindingStatus.WAIVED if decision.kind == DecisionKind.WAIVER else FindingStatus.TRIAGED
        for finding in found:  # one save each: the audit log records every finding's before/after
            finding.decision = decision
            finding.status = status
            if isinstance(finding, VulnerabilityFinding) and decision.vex_state:
                finding.vex_state = decision.vex_state
            finding.save()
        return decision
