"""Coordinators' pages for documents: draft, edit, open a consultation, approve, withdraw; resolve comments;
the list (and CSV export) of members who have not confirmed the ToR. Members confirm here too."""

from __future__ import annotations

import csv
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.models import Member

from ..forms import ApproveForm, ConsultationForm, ResolveForm, VersionForm
from ..models import Comment, Document, Version, VersionStatus
from ..permissions import can_acknowledge, can_manage
from ..selectors import pending_acknowledgements
from ..services import (
    acknowledgement_create,
    comment_resolve,
    pending_acknowledgements_export,
    version_approve,
    version_create_draft,
    version_open_consultation,
    version_update_draft,
    version_withdraw,
)
from ..services.documents import EDITABLE_FIELDS
from ._access import require, submit

PAGE_SIZE = 25


def _version_url(version: Version) -> str:
    return reverse("governance:version", args=[version.document.slug, version.major, version.minor])


def _managed_version(request: HttpRequest, slug: str, major: int, minor: int) -> Version:
    require(can_manage(request.user))
    return get_object_or_404(Version.objects.select_related("document"), document__slug=slug, major=major, minor=minor)


@login_required
def version_create(request: HttpRequest, slug: str) -> HttpResponse:
    require(can_manage(request.user))
    document = get_object_or_404(Document, slug=slug)
    latest = document.versions.numbered().last()
    initial = {}
    if latest is not None:
        initial = {
            "major": latest.major,
            "minor": latest.minor + 1,
            "body_es": latest.body_es,
            "body_en": latest.body_en,
        }
    form = VersionForm(request.POST or None, initial=initial)
    done = submit(
        request,
        form,
        lambda data: version_create_draft(
            document=document,
            major=data["major"],
            minor=data["minor"],
            body_es=data["body_es"],
            body_en=data["body_en"],
            change_summary=data["change_summary"],
            by=request.user,
        ),
        success=_("Draft saved."),
        redirect_to=_version_url,
    )
    if done:
        return done
    return render(request, "governance/version_form.html", {"form": form, "document": document, "version": None})


@login_required
def version_edit(request: HttpRequest, slug: str, major: int, minor: int) -> HttpResponse:
    version = _managed_version(request, slug, major, minor)
    form = VersionForm(request.POST or None, instance=Version.objects.get(pk=version.pk))
    if version.is_frozen:
        form.add_error(
            None,
            _("Version %(number)s is approved and can no longer be changed; draft a new version instead.")
            % {"number": version.number},
        )
    else:
        done = submit(
            request,
            form,
            lambda data: version_update_draft(
                version=version,
                by=request.user,
                **{name: data[name] for name in EDITABLE_FIELDS},
            ),
            success=_("Version %(number)s saved.") % {"number": version.number},
            redirect_to=_version_url,
        )
        if done:
            return done
    return render(
        request, "governance/version_form.html", {"form": form, "document": version.document, "version": version}
    )


@login_required
def version_consultation(request: HttpRequest, slug: str, major: int, minor: int) -> HttpResponse:
    version = _managed_version(request, slug, major, minor)
    now = timezone.localtime().replace(second=0, microsecond=0)
    form = ConsultationForm(request.POST or None, initial={"opens_at": now, "closes_at": now + dt.timedelta(days=21)})
    done = submit(
        request,
        form,
        lambda data: version_open_consultation(
            version=version, opens_at=data["opens_at"], closes_at=data["closes_at"], by=request.user
        ),
        success=_("The consultation is open."),
        redirect_to=_version_url,
    )
    if done:
        return done
    return render(request, "governance/version_action.html", {"form": form, "version": version, "action": "consult"})


@login_required
def version_approve_view(request: HttpRequest, slug: str, major: int, minor: int) -> HttpResponse:
    version = _managed_version(request, slug, major, minor)
    form = ApproveForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: version_approve(
            version=version, decision=data["decision"], effective_on=data["effective_on"], by=request.user
        ),
        success=_("Version %(number)s is approved.") % {"number": version.number},
        redirect_to=_version_url,
    )
    if done:
        return done
    return render(request, "governance/version_action.html", {"form": form, "version": version, "action": "approve"})


@login_required
@require_POST
def version_withdraw_view(request: HttpRequest, slug: str, major: int, minor: int) -> HttpResponse:
    version = _managed_version(request, slug, major, minor)
    try:
        version_withdraw(version=version, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Version %(number)s was withdrawn.") % {"number": version.number})
    return redirect(_version_url(version))


@login_required
def comment_resolve_view(request: HttpRequest, pk: int) -> HttpResponse:
    require(can_manage(request.user))
    comment = get_object_or_404(Comment.objects.select_related("version__document", "author"), pk=pk)
    form = ResolveForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: comment_resolve(
            comment=comment, resolution=data["resolution"], reply=data["reply"], by=request.user
        ),
        success=_("The comment is resolved."),
        redirect_to=f"{_version_url(comment.version)}#comment-{comment.pk}",
    )
    if done:
        return done
    return render(request, "governance/comment_resolve.html", {"form": form, "comment": comment})


@login_required
@require_POST
def acknowledge(request: HttpRequest, slug: str, major: int, minor: int) -> HttpResponse:
    if not can_acknowledge(request.user):
        raise Http404
    version = get_object_or_404(
        Version.objects.select_related("document"), document__slug=slug, major=major, minor=minor
    )
    try:
        acknowledgement_create(member=request.user.member, version=version)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Thank you: you have confirmed version %(number)s.") % {"number": version.number})
    return redirect(_version_url(version))


def _current_tor_version(request: HttpRequest) -> Version:
    require(can_manage(request.user))
    document = Document.objects.terms_of_reference()
    approved = document.versions.filter(status=VersionStatus.APPROVED) if document else None
    version = approved.defer("body_es", "body_en").first() if approved is not None else None
    if version is None:
        raise Http404
    return version


@login_required
def acknowledgements(request: HttpRequest) -> HttpResponse:
    """How many have confirmed, who has not (per office, each a link to its list), 25 names a page.

    The CSV export holds the whole list.
    """
    version = _current_tor_version(request)
    pending = pending_acknowledgements(version)
    offices = {office.pk: office for office in pending.offices}
    wanted = request.GET.get("office", "")
    office = offices.get(int(wanted)) if wanted.isdigit() else None
    page = Paginator(pending.member_ids(office=office.pk if office else None), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    found = {
        row[0]: row[1:]
        for row in Member.objects.filter(pk__in=page.object_list).values_list(
            "pk", "user__full_name", "user__email", "office__name"
        )
    }
    return render(
        request,
        "governance/acknowledgements.html",
        {
            "version": version,
            "confirmed": pending.confirmed,
            "pending_count": pending.pending,
            "offices": pending.offices,
            "office": office,
            "page": page,
            # A member deleted since the list was cached is left out rather than shown empty.
            "rows": [found[pk] for pk in page.object_list if pk in found],
        },
    )


@login_required
def acknowledgements_csv(request: HttpRequest) -> HttpResponse:
    version = _current_tor_version(request)
    members = pending_acknowledgements_export(version=version, by=request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tor-v{version.number}-pending.csv"'
    writer = csv.writer(response)
    writer.writerow([_("Office"), _("Name"), _("Email"), _("Version")])
    for member in members:
        # A leading = + - @ would be read as a formula by spreadsheets.
        cells = [member.office.name, member.user.full_name, member.user.email, version.number]
        writer.writerow(["'" + c if c[:1] in "=+-@" else c for c in cells])
    return response
