"""Rate limits for the public application form, counted in the real cache (Redis in production and tests).

Fixed windows: each (scope, value) pair has a counter that expires with its window. The limits come from
``MEMBERS_APPLY_RATE_LIMITS`` in settings: ``{"ip": (count, seconds), "email": (count, seconds)}``; counting per
email as well as per address stops one person flooding another's inbox with confirmations.
"""

from __future__ import annotations

import hashlib

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    # allauth's adapter calls allauth.core.internal.httpkit.get_client_ip, which honours ALLAUTH_TRUSTED_PROXY_COUNT
    # (X-Forwarded-For) and ALLAUTH_TRUSTED_CLIENT_IP_HEADER, as allauth's own login rate limits do. Behind a
    # reverse proxy, set one of them, or every visitor shares the proxy's address and its limit.
    return get_adapter().get_client_ip(request)


def _consume(scope: str, value: str) -> bool:
    count, window = settings.MEMBERS_APPLY_RATE_LIMITS[scope]
    digest = hashlib.sha256(value.encode()).hexdigest()
    key = f"members:apply:{scope}:{digest}"
    # add() creates the counter only if absent, so the window starts at the first attempt.
    cache.add(key, 0, timeout=window)
    try:
        used = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.set(key, 1, timeout=window)
        used = 1
    return used <= count


def address_attempt_allowed(request: HttpRequest) -> bool:
    """Count one attempt (valid or not) from this client address; False once over the limit."""
    return _consume("ip", client_ip(request))


def email_attempt_allowed(email: str) -> bool:
    """Count one valid application for this email; False once over the limit.

    Called only for a valid, non-bot submission, so junk posts carrying someone's address cannot lock them out.
    """
    return _consume("email", email.strip().lower())
