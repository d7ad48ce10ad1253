"""Portal-wide request policies: idle sessions expire, organizers use a second factor."""

from __future__ import annotations

import time
from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from members.permissions import is_coordinator

LAST_SEEN_KEY = "_ngn_last_seen"
MFA_CONFIRMED_KEY = "_ngn_mfa_ready"


def mark_session_active(request: HttpRequest) -> None:
    request.session[LAST_SEEN_KEY] = int(time.time())


class SessionIdleTimeoutMiddleware:
    """Slide a signed-in session's expiry while it is used.

    The session cookie lives SESSION_IDLE_TIMEOUT seconds. Re-saving the session on every
    request would cost a write per page, so it is refreshed at most once per
    SESSION_ACTIVITY_RESOLUTION seconds; a session unused for the timeout simply expires.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            last_seen = request.session.get(LAST_SEEN_KEY, 0)
            if time.time() - last_seen >= settings.SESSION_ACTIVITY_RESOLUTION:
                mark_session_active(request)
        return self.get_response(request)


class RequireOrganizerMFAMiddleware:
    """Staff and coordinators are led to set up TOTP before they can do anything else."""

    # Where an organizer without MFA may still go: signing in and out, setting up MFA, static files.
    EXEMPT_PREFIXES = ("/accounts/", "/static/", "/health/", "/i18n/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._must_set_up_mfa(request):
            messages.warning(
                request, _("Organizers must protect their account with an authenticator app before continuing.")
            )
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _must_set_up_mfa(self, request: HttpRequest) -> bool:
        if not settings.MFA_REQUIRED_FOR_ORGANIZERS or request.path.startswith(self.EXEMPT_PREFIXES):
            return False
        user = request.user
        if not user.is_authenticated or request.session.get(MFA_CONFIRMED_KEY):
            return False
        if not (user.is_staff or is_coordinator(user)):
            return False
        if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            request.session[MFA_CONFIRMED_KEY] = True
            return False
        return True
