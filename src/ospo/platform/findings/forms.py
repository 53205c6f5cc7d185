"""Reviewer forms: a VEX triage decision on a vulnerability, and a waiver on any finding.

Why the scope choices are few and named: a decision outlives the scan that prompted it, so the reviewer must say
how far it reaches — this finding's package version in this repository, every repository using that version,
or (waivers) the rule everywhere in the repository. Free-form scopes would be decisions nobody can audit.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ospo.engine.vulns.vex import JUSTIFICATIONS
from ospo.platform.findings.models import VexState

TRIAGE_SCOPES = (("repository", _("this package version in this repository")),
                 ("estate", _("this package version in every repository")))
WAIVER_SCOPES = (("finding", _("this finding only")),
                 ("rule", _("this rule everywhere in this repository")),
                 ("component", _("this package everywhere in this repository")))
MAX_TEXT = 5000


class TriageForm(forms.Form):
    vex_state = forms.ChoiceField(label=_("VEX state"), choices=VexState.choices)
    justification = forms.ChoiceField(label=_("Justification"), required=False,
                                      choices=[("", "—"), *[(j, j.replace("_", " ")) for j in JUSTIFICATIONS]])
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea, max_length=MAX_TEXT)
    scope = forms.ChoiceField(label=_("Scope"), choices=TRIAGE_SCOPES, initial="repository")

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if data.get("vex_state") == VexState.NOT_AFFECTED and not data.get("justification"):
            self.add_error("justification", _("A “not affected” decision needs a justification."))
        if data.get("vex_state") not in (VexState.NOT_AFFECTED, VexState.FALSE_POSITIVE):
            data["justification"] = ""
        return data


class WaiverForm(forms.Form):
    owner = forms.CharField(label=_("Owner"), max_length=200)
    rationale = forms.CharField(label=_("Justification"), widget=forms.Textarea, max_length=MAX_TEXT)
    scope = forms.ChoiceField(label=_("Scope"), choices=WAIVER_SCOPES, initial="finding")
    expires_at = forms.DateField(label=_("Expires on"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean_expires_at(self):  # type: ignore[no-untyped-def]
        value = self.cleaned_data["expires_at"]
        if value <= timezone.localdate():
            raise forms.ValidationError(_("A waiver must expire in the future."))
        if value.year > timezone.localdate().year + 5:
            raise forms.ValidationError(_("A waiver may last five years at most."))
        return value
