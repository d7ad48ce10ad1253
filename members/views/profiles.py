"""A member's profile, their own edit page, their photo, and coordinators' status changes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import AnonymiseForm, ProfileForm, StatusChangeForm
from ..models import Member, MemberStatus
from ..permissions import Viewer, can_edit_profile, can_manage_memberships
from ..photos import photo_content_type
from ..services import member_anonymise, member_profile_update, member_status_set


def _visible_member(request: HttpRequest, member_id: int) -> tuple[Member, Viewer]:
    """The member, if this viewer may see them: ended memberships are for coordinators and the owner only."""
    viewer = Viewer(request.user)
    member = get_object_or_404(Member.objects.select_related("user", "office"), pk=member_id)
    visible = member.status == MemberStatus.ACTIVE or viewer.coordinator or member.user_id == viewer.user_id
    if not visible:
        raise Http404
    return member, viewer


def _render_detail(
    request: HttpRequest,
    member: Member,
    viewer: Viewer,
    status_form: StatusChangeForm | None = None,
    status: int = 200,
    anonymise_form: AnonymiseForm | None = None,
) -> HttpResponse:
    context = {
        "member": member,
        "shown": viewer.personal_fields(member),
        "viewer": viewer,
        "can_edit": can_edit_profile(request.user, member),
    }
    if viewer.coordinator:
        context["status_form"] = status_form or StatusChangeForm()
        if (member.status == MemberStatus.LEFT and member.anonymised_at is None) or anonymise_form is not None:
            context["anonymise_form"] = anonymise_form or AnonymiseForm()
        context["application"] = getattr(member, "application", None)
        context["history"] = member.history.select_related("history_user").order_by("-history_date")[:10]
    return render(request, "members/member_detail.html", context, status=status)


@login_required
def member_detail(request: HttpRequest, member_id: int) -> HttpResponse:
    member, viewer = _visible_member(request, member_id)
    return _render_detail(request, member, viewer)


@login_required
def member_photo(request: HttpRequest, member_id: int) -> FileResponse:
    """Photos are never public files: each request checks that the viewer may see the member."""
    member, _viewer = _visible_member(request, member_id)
    if not member.photo:
        raise Http404
    response = FileResponse(member.photo.open("rb"), content_type=photo_content_type(member.photo.name))
    response["Content-Disposition"] = 'inline; filename="photo"'
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
def profile_edit(request: HttpRequest, member_id: int | None = None) -> HttpResponse:
    if member_id is None:
        member = Member.objects.select_related("user", "office").filter(user=request.user).first()
        if member is None:
            # An account made for administration has no profile; the account menu still links here.
            return render(request, "members/no_profile.html")
    else:
        member = get_object_or_404(Member.objects.select_related("user", "office"), pk=member_id)
        if not can_edit_profile(request.user, member):
            raise PermissionDenied
    form = ProfileForm(request.POST or None, request.FILES or None, instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            member_profile_update(
                member=member,
                by=request.user,
                data=form.cleaned_data,
                photo=form.prepared_photo,
                remove_photo=form.cleaned_data.get("remove_photo", False),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("members:detail", member_id=member.pk)
    return render(request, "members/profile_form.html", {"form": form, "member": member})


@login_required
@require_POST
def member_status_change(request: HttpRequest, member_id: int) -> HttpResponse:
    if not can_manage_memberships(request.user):
        raise PermissionDenied
    member, viewer = _visible_member(request, member_id)
    form = StatusChangeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            member_status_set(
                member=member, by=request.user, status=data["status"], reason=data["reason"], on=data["left_on"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The membership status has been changed."))
            return redirect("members:detail", member_id=member.pk)
    return _render_detail(request, member, viewer, status_form=form, status=400)


@login_required
@require_POST
def member_anonymise_view(request: HttpRequest, member_id: int) -> HttpResponse:
    """Erase a member's personal data on their request (coordinators only; only once they have left)."""
    if not can_manage_memberships(request.user):
        raise PermissionDenied
    member, viewer = _visible_member(request, member_id)
    form = AnonymiseForm(request.POST)
    if form.is_valid():
        try:
            member_anonymise(member=member, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The member's personal data has been erased."))
            return redirect("members:detail", member_id=member.pk)
    return _render_detail(request, member, viewer, status=400, anonymise_form=form)
