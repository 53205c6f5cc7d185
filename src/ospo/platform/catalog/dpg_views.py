"""The DPG indicators page of an entry (OSPO staff: government-wide ``change``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from ospo.platform.access.permissions import Action, grants
from ospo.platform.catalog.forms import DpgForm
from ospo.platform.catalog.models import Entry


def is_ospo_staff(user: object) -> bool:
    """Staff and admins hold ``change`` in every agency; an agency maintainer only in theirs."""
    return grants(user).allows(Action.CHANGE, None)


@login_required
def dpg_indicators(request: HttpRequest, pk: int) -> HttpResponse:
    if not is_ospo_staff(request.user):
        raise PermissionDenied
    e = get_object_or_404(Entry, pk=pk)
    record = dict(e.record) if isinstance(e.record, dict) else {}
    previous = record.get("dpg_indicators") if isinstance(record.get("dpg_indicators"), dict) else {}
    if request.method == "POST":
        form = DpgForm(request.POST)
        if form.is_valid():
            record["dpg_indicators"] = form.indicators(previous)
            record["dpg_status"] = form.cleaned_data["dpg_status"]
            e.record, e.dpg_status = record, form.cleaned_data["dpg_status"]
            e.save()
            return redirect("catalog:entry", pk=pk)
        status = 400
    else:
        form = DpgForm(initial=DpgForm.initial_from(previous, e.dpg_status))
        status = 200
    return render(request, "catalog/dpg.html", {"e": e, "form": form}, status=status)
