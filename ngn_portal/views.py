"""Portal-wide pages: the landing page or dashboard at ``/``, language switching, health, my data."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from governance.models import Document, VersionStatus
from members.models import Language, Member, User
from members.services import user_set_language

from .dashboard import collect_panels
from .health import run_health_checks
from .personal_data import personal_data_export


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        # Transparency: approved versions of public documents (the ToR) are readable without signing in.
        public_documents = Document.objects.public().filter(versions__status=VersionStatus.APPROVED).distinct()
        return render(request, "ngn_portal/landing.html", {"public_documents": public_documents})
    return dashboard(request)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    member = Member.objects.select_related("office").filter(user=request.user).first()
    # The panels ask for request.user.member: they find this one, or its absence, without another query.
    User.member.related.set_cached_value(request.user, member)
    return render(request, "ngn_portal/dashboard.html", {"member": member, "panels": collect_panels(request)})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; for a signed-in user, remember it on their account."""
    language = Language.or_default(request.POST.get("language", ""))
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=language)
    translation.activate(language)
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        "django_language", language, max_age=365 * 24 * 3600, samesite="Lax", secure=request.is_secure(), httponly=True
    )
    return response


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    checks = run_health_checks()
    healthy = all(result == "ok" for result in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks},
        status=200 if healthy else 503,
    )


@never_cache
@login_required
@require_GET
def personal_data(request: HttpRequest) -> JsonResponse:
    """The signed-in person's own data as a JSON file (dates in ISO 8601); each download is audited."""
    payload = personal_data_export(user=request.user)
    response = JsonResponse(payload, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="ngn-my-data.json"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
