"""Invitation links: signed, valid for 7 days, and single-use.

The signed value carries a digest of the user's password hash, so the link stops working as soon as a password has
been set with it (or by any other means).
"""

from __future__ import annotations

import datetime as dt

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

from .models import User

INVITATION_SALT = "members.invitation"
INVITATION_MAX_AGE = dt.timedelta(days=7)


def _password_digest(user: User) -> str:
    return salted_hmac(INVITATION_SALT, user.password, algorithm="sha256").hexdigest()[:24]


def invitation_token(user: User) -> str:
    return signing.TimestampSigner(salt=INVITATION_SALT).sign(f"{user.pk}:{_password_digest(user)}")


def _unsign(token: str) -> tuple[int, str] | None:
    """The user id and password digest a genuine, unexpired token carries, or None."""
    try:
        value = signing.TimestampSigner(salt=INVITATION_SALT).unsign(token, max_age=INVITATION_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is a BadSignature too
        return None
    user_id, _, digest = value.partition(":")
    return (int(user_id), digest) if user_id.isdigit() else None


def invitation_matches(token: str, user: User) -> bool:
    """Whether the token is a valid, unused invitation for exactly this user (as loaded: lock the row first)."""
    value = _unsign(token)
    if value is None or not user.is_active or value[0] != user.pk:
        return False
    return constant_time_compare(value[1], _password_digest(user))


def invitation_user(token: str) -> User | None:
    """The user an invitation is for, or None when it is forged, expired or already used."""
    value = _unsign(token)
    if value is None:
        return None
    user = User.objects.filter(pk=value[0], is_active=True).first()
    if user is None or not invitation_matches(token, user):
        return None
    return user
