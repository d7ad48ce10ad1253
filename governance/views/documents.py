"""Reading documents: the section index, a document, a version (with its consultation), PDF and diff."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from ..diffing import diff_html, has_changes
from ..forms import CommentForm, add_service_errors
from ..models import Acknowledgement, Document, Meeting, Version, VersionStatus
from ..permissions import (
    can_acknowledge,
    can_comment,
    can_manage,
    can_participate,
    can_record_attendance,
    viewable_versions,
)
from ..rendering import Heading, Rendered, render_body, toc_html
from ..services import comment_create
from ._access import SignInRequired, check_can_view, get_version, language_param, sign_in_when_needed


@login_required
def index(request: HttpRequest) -> HttpResponse:
    documents = list(Document.objects.order_by("kind", "slug"))
    versions = viewable_versions(request.user, Version.objects.filter(document__in=documents).numbered())
    by_document: dict[int, list[Version]] = defaultdict(list)
    for version in versions:
        by_document[version.document_id].append(version)
    rows = [(document, by_document[document.pk]) for document in documents]
    return render(
        request,
        "governance/index.html",
        {
            "rows": rows,
            "upcoming": Meeting.objects.upcoming()[:5],
            "can_manage": can_manage(request.user),
            "can_record": can_record_attendance(request.user),
        },
    )


def _visible_versions(request: HttpRequest, document: Document, *, full: bool = True) -> list[Version]:
    """The versions this person may read, in order; only what the list of versions shows unless ``full``."""
    versions = document.versions.numbered()
    if full:
        versions = versions.select_related("approved_by__meeting")
    else:
        versions = versions.only("document_id", "major", "minor", "status", "approved_at")
    return list(viewable_versions(request.user, versions))


@sign_in_when_needed
def document_detail(request: HttpRequest, slug: str) -> HttpResponse:
    document = get_object_or_404(Document, slug=slug)
    versions = _visible_versions(request, document)
    # The current approved text; before any approval, the latest version this person may read.
    current = next((v for v in versions if v.status == VersionStatus.APPROVED), versions[-1] if versions else None)
    if current is None:
        if not request.user.is_authenticated:
            raise SignInRequired
        if not can_participate(request.user):
            raise Http404
    return _render_version(request, document, versions, current, comment_form=None)


@sign_in_when_needed
def version_detail(request: HttpRequest, slug: str, major: int, minor: int) -> HttpResponse:
    version = get_version(request, slug, major, minor)
    versions = _visible_versions(request, version.document, full=False)
    comment_form = None
    if request.method == "POST":
        if not can_participate(request.user):
            raise Http404
        rendered = render_body(version.body_es, version.body_en, language_param(request))
        comment_form = CommentForm(request.POST, toc=_commentable_sections(version, rendered))
        if comment_form.is_valid():
            try:
                comment = comment_create(
                    version=version,
                    author=request.user,
                    body=comment_form.cleaned_data["body"],
                    section=comment_form.cleaned_data["section"],
                )
            except ValidationError as exc:
                add_service_errors(comment_form, exc)
            else:
                messages.success(request, _("Thank you: your comment was added."))
                return redirect(f"{request.path}#comment-{comment.pk}")
    return _render_version(request, version.document, versions, version, comment_form=comment_form)


def _render_version(
    request: HttpRequest,
    document: Document,
    versions: list[Version],
    version: Version | None,
    *,
    comment_form: CommentForm | None,
) -> HttpResponse:
    language = language_param(request)
    rendered = render_body(version.body_es, version.body_en, language) if version else None
    context = {
        "document": document,
        "versions": versions,
        "version": version,
        "language": language,
        "rendered": rendered,
        "can_manage": can_manage(request.user),
        "previous": None,
    }
    if version is not None:
        earlier = [v for v in versions if (v.major, v.minor) < (version.major, version.minor)]
        context["previous"] = earlier[-1] if earlier else None
        context.update(_consultation_context(request, version, rendered, comment_form))
        context.update(_acknowledgement_context(request, version))
        counts = context.get("comment_counts", {})
        # "3 comments" per section, worded here: one gettext per distinct count rather than one template tag per row.
        labels = {n: _comment_count(n) for n in {counts.get(h.anchor, 0) for h in rendered.toc}}
        context["toc"] = toc_html(
            [(h, labels[counts.get(h.anchor, 0)]) for h in rendered.toc],
            show_comments=context.get("show_comments", False),
            commentable=context.get("comment_form") is not None,
        )
    return render(request, "governance/version_detail.html", context)


def _comment_count(count: int) -> str:
    return ngettext("%(counter)s comment", "%(counter)s comments", count) % {"counter": count}


def _commentable_sections(version: Version, rendered: Rendered) -> list[Heading]:
    """Sections a comment may point at: the Spanish anchors, titled in the reading language when they match."""
    spanish = render_body(version.body_es, "", "es").toc
    valid = {h.anchor for h in spanish}
    return rendered.toc if all(h.anchor in valid for h in rendered.toc) else spanish


def _consultation_context(
    request: HttpRequest, version: Version, rendered: Rendered, comment_form: CommentForm | None
) -> dict[str, Any]:
    if not can_participate(request.user) and not can_manage(request.user):
        return {"show_comments": False}
    comments = list(version.comments.select_related("author", "resolved_by"))
    by_section: dict[str, list] = defaultdict(list)
    for comment in comments:
        by_section[comment.section].append(comment)
    toc = _commentable_sections(version, rendered)
    titles = {"": _("The whole document")} | {h.anchor: h.text for h in [*rendered.headings, *toc]}
    # Whole document first, then the sections in reading order; a comment never disappears from the page.
    order = ["", *[h.anchor for h in toc], *sorted(set(by_section) - {"", *(h.anchor for h in toc)})]
    sections = [(anchor, titles.get(anchor, anchor), by_section.get(anchor, [])) for anchor in order]
    may_comment = can_comment(request.user, version)
    if may_comment and comment_form is None:
        comment_form = CommentForm(toc=toc, initial={"section": request.GET.get("section", "")})
    return {
        "show_comments": bool(comments) or version.status == VersionStatus.CONSULTATION,
        "comment_sections": [s for s in sections if s[2]],
        "comment_counts": {anchor: len(items) for anchor, items in by_section.items()},
        "comment_total": len(comments),
        "comment_form": comment_form if may_comment or comment_form is not None else None,
        "consultation_open": version.consultation_is_open(),
    }


def _acknowledgement_context(request: HttpRequest, version: Version) -> dict[str, Any]:
    if version.status != VersionStatus.APPROVED or not version.document.requires_acknowledgement:
        return {}
    if not can_acknowledge(request.user):
        return {}
    mine = Acknowledgement.objects.filter(member=request.user.member, version=version)
    acknowledged_at = mine.values_list("acknowledged_at", flat=True).first()
    return {"acknowledged_at": acknowledged_at, "can_acknowledge": acknowledged_at is None}


@sign_in_when_needed
def version_pdf(request: HttpRequest, slug: str, major: int, minor: int) -> HttpResponse:
    from weasyprint import HTML  # heavy import: only for this page

    version = get_version(request, slug, major, minor)
    language = language_param(request)
    with override(language):
        html = render_to_string(
            "governance/version_pdf.html",
            {
                "version": version,
                "document": version.document,
                "rendered": render_body(version.body_es, version.body_en, language),
            },
            request=request,
        )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{version.document.slug}-v{version.number}-{language}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@sign_in_when_needed
def version_diff(request: HttpRequest, slug: str) -> HttpResponse:
    document = get_object_or_404(Document, slug=slug)
    versions = _visible_versions(request, document)
    if len(versions) < 1:
        if not request.user.is_authenticated:
            raise SignInRequired
        raise Http404
    by_number = {v.number: v for v in versions}
    default_new = next((v for v in reversed(versions) if v.status != VersionStatus.WITHDRAWN), versions[-1])
    new = by_number.get(request.GET.get("b", ""), default_new)
    older = [v for v in versions if (v.major, v.minor) < (new.major, new.minor)]
    old = by_number.get(request.GET.get("a", ""), older[-1] if older else versions[0])
    for version in (old, new):
        check_can_view(request, version)
    language = language_param(request)
    mode = "inline" if request.GET.get("mode") == "inline" else "side"
    old_text, new_text = old.body(language), new.body(language)
    return render(
        request,
        "governance/version_diff.html",
        {
            "document": document,
            "versions": versions,
            "old": old,
            "new": new,
            "language": language,
            "mode": mode,
            "diff": diff_html(old_text, new_text, mode),
            "changed": has_changes(old_text, new_text),
        },
    )
