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


def invitation_user(token: str) -> User | None:
    """The user an invitation is for, or None when it is forged, expired or already used."""
    try:
        value = signing.TimestampSigner(salt=INVITATION_SALT).unsign(token, max_age=INVITATION_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is a BadSignature too
        return None
    user_id, _, digest = value.partition(":")
    if not user_id.isdigit():
        return None
    user = User.objects.filter(pk=int(user_id), is_active=True).first()
    if user is None or not constant_time_compare(digest, _password_digest(user)):
        return None
    return user
