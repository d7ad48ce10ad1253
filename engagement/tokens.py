"""Signed tokens for one-click unsubscribe links and their undo (django.core.signing, salted, expiring)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

UNSUBSCRIBE_SALT = "engagement.unsubscribe"
UNDO_SALT = "engagement.unsubscribe.undo"


class TokenError(Exception):
    """The link is forged, damaged or expired."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "invalid" or "expired"


@dataclass(frozen=True)
class UnsubscribeClaim:
    email_public_id: str
    user_id: int
    kind: str


def _dumps(claim: UnsubscribeClaim, salt: str) -> str:
    return signing.dumps({"e": claim.email_public_id, "u": claim.user_id, "k": claim.kind}, salt=salt, compress=True)


def _loads(token: str, salt: str, max_age_seconds: int) -> UnsubscribeClaim:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age_seconds)
    except signing.SignatureExpired:
        raise TokenError("expired") from None
    except signing.BadSignature:
        raise TokenError("invalid") from None
    try:
        return UnsubscribeClaim(email_public_id=str(data["e"]), user_id=int(data["u"]), kind=str(data["k"]))
    except (KeyError, TypeError, ValueError):
        raise TokenError("invalid") from None


def unsubscribe_token(claim: UnsubscribeClaim) -> str:
    return _dumps(claim, UNSUBSCRIBE_SALT)


def unsubscribe_claim(token: str) -> UnsubscribeClaim:
    return _loads(token, UNSUBSCRIBE_SALT, settings.ENGAGEMENT_UNSUBSCRIBE_MAX_AGE_DAYS * 86400)


def undo_token(claim: UnsubscribeClaim) -> str:
    return _dumps(claim, UNDO_SALT)


def undo_claim(token: str) -> UnsubscribeClaim:
    return _loads(token, UNDO_SALT, settings.ENGAGEMENT_UNDO_MAX_AGE_DAYS * 86400)
