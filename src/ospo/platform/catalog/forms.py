"""The DPG indicators form (OSPO staff): one "met?" choice and one evidence text per indicator of the Digital
Public Goods Standard, plus the entry's DPG status. Stored in the entry's record (``dpg_indicators``), which is
what the DPG nomination draft and the exports read — so what staff enter is what the nomination says."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ospo.catalog.formats import DPG_INDICATORS

LABELS = {
    "SDGs": _("Relevance to the Sustainable Development Goals"),
    "clearOwnership": _("Clear ownership"),
    "platformIndependence": _("Platform independence"),
    "documentation": _("Documentation"),
    "NonPII": _("Mechanism for extracting non-personal data"),
    "privacy": _("Adherence to privacy and applicable laws"),
    "standards": _("Adherence to standards and best practices"),
    "doNoHarm": _("Do no harm by design"),
    "license": _("Approved open license"),
}
MET = (("", _("not assessed")), ("yes", _("met")), ("no", _("not met")))
STATUS = (("", _("none")), ("nominee", _("nominee")), ("dpg", _("digital public good")))
MAX_EVIDENCE = 2000


class DpgForm(forms.Form):
    dpg_status = forms.ChoiceField(label=_("DPG status"), choices=STATUS, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key in DPG_INDICATORS:
            self.fields[f"{key}__met"] = forms.ChoiceField(label=LABELS[key], choices=MET, required=False)
            self.fields[f"{key}__evidence"] = forms.CharField(
                label=_("Evidence"), required=False, max_length=MAX_EVIDENCE,
                widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for key in DPG_INDICATORS:
            if data.get(f"{key}__met") == "yes" and not (data.get(f"{key}__evidence") or "").strip():
                self.add_error(f"{key}__evidence", _("Say what shows that the indicator is met."))
        return data

    def rows(self) -> list[tuple[Any, Any]]:
        return [(self[f"{k}__met"], self[f"{k}__evidence"]) for k in DPG_INDICATORS]

    @staticmethod
    def initial_from(indicators: dict[str, Any], dpg_status: str) -> dict[str, Any]:
        initial: dict[str, Any] = {"dpg_status": dpg_status if dpg_status in dict(STATUS) else ""}
        for key in DPG_INDICATORS:
            value = indicators.get(key)
            if isinstance(value, dict) and "met" in value:
                initial[f"{key}__met"] = {True: "yes", False: "no"}.get(value.get("met"), "")
                initial[f"{key}__evidence"] = str(value.get("evidence") or "")[:MAX_EVIDENCE]
        return initial

    def indicators(self, previous: dict[str, Any]) -> dict[str, Any]:
        """The stored indicators: assessed ones as {"met", "evidence"}; an unassessed one keeps what was there
        (e.g. an answer imported from the DPG registry that the form cannot show)."""
        out = dict(previous)
        for key in DPG_INDICATORS:
            met = self.cleaned_data.get(f"{key}__met", "")
            evidence = (self.cleaned_data.get(f"{key}__evidence") or "").strip()
            if met:
                out[key] = {"met": met == "yes", "evidence": evidence}
            elif isinstance(out.get(key), dict) and "met" in out[key]:
                out.pop(key)  # staff cleared an assessment made with this form
        return out
