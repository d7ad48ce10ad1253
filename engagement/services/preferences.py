"""Preferences and unsubscribing: the person's choices, changed by the preferences page or a signed link."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ..models import DeliveryMode, DeliveryPreference, KindPreference, OutgoingEmail
from ..registry import registry
from ..tokens import TokenError, UnsubscribeClaim, undo_claim, unsubscribe_claim


class UnsubscribeError(Exception):
    """A link that cannot be honoured. ``reason``: invalid, expired or used."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _kind_set(*, user: Any, kind: str, enabled: bool) -> None:
    KindPreference.objects.update_or_create(user=user, kind=kind, defaults={"enabled": enabled})


@transaction.atomic
def preferences_update(*, user: Any, enabled_kinds: Iterable[str], mode: str) -> None:
    """Save the preferences page: every optional kind on or off, and the delivery mode."""
    if mode not in DeliveryMode.values:
        raise ValueError(f"Unknown delivery mode {mode!r}")
    enabled = set(enabled_kinds)
    existing = {pref.kind: pref for pref in KindPreference.objects.filter(user=user).select_for_update()}
    changed, created = [], []
    now = timezone.now()
    for kind in registry.optional_kinds():
        want = kind.key in enabled
        pref = existing.get(kind.key)
        if pref is None:
            if not want:  # no row means "on"
                created.append(KindPreference(user=user, kind=kind.key, enabled=False))
        elif pref.enabled != want:
            # bulk_update skips auto_now: the time of the change is set here.
            pref.enabled, pref.updated_at = want, now
            changed.append(pref)
    # With history rows: who switched which reminder off, and when.
    if created:
        bulk_create_with_history(created, KindPreference, default_user=user)
    if changed:
        bulk_update_with_history(changed, KindPreference, ["enabled", "updated_at"], default_user=user)
    DeliveryPreference.objects.update_or_create(user=user, defaults={"mode": mode})


def preferences_initial(*, user: Any) -> dict[str, Any]:
    """What the preferences page shows: the optional kinds left on, and the delivery mode."""
    disabled = set(KindPreference.objects.filter(user=user, enabled=False).values_list("kind", flat=True))
    mode = DeliveryPreference.objects.filter(user=user).values_list("mode", flat=True).first()
    return {
        "kinds": [kind.key for kind in registry.optional_kinds() if kind.key not in disabled],
        "mode": mode or DeliveryMode.IMMEDIATE,
    }


def _email_for(token: str, read: Callable[[str], UnsubscribeClaim]) -> OutgoingEmail:
    """The email a signed token names, or UnsubscribeError (forged, expired, or naming nothing of ours)."""
    try:
        claim = read(token)
    except TokenError as exc:
        raise UnsubscribeError(exc.reason) from exc
    email = (
        OutgoingEmail.objects.select_related("recipient")
        .filter(public_id=claim.email_public_id, recipient_id=claim.user_id, kind=claim.kind)
        .first()
    )
    if email is None or claim.kind not in registry or not registry.get(claim.kind).optional:
        raise UnsubscribeError("invalid")
    return email


def unsubscribe_check(*, token: str) -> OutgoingEmail:
    """The email a link belongs to, if the link can still be used (for the confirmation page)."""
    email = _email_for(token, unsubscribe_claim)
    if email.unsubscribed_at is not None:
        raise UnsubscribeError("used")
    return email


@transaction.atomic
def email_unsubscribe(*, token: str) -> OutgoingEmail:
    """One-click unsubscribe: turn the email's kind off for its recipient. Each link works once."""
    email = unsubscribe_check(token=token)
    locked = OutgoingEmail.objects.select_for_update().get(pk=email.pk)
    if locked.unsubscribed_at is not None:  # a concurrent click won
        raise UnsubscribeError("used")
    OutgoingEmail.objects.filter(pk=email.pk).update(unsubscribed_at=timezone.now())
    _kind_set(user=email.recipient, kind=email.kind, enabled=False)
    return email


@transaction.atomic
def email_resubscribe(*, token: str) -> OutgoingEmail:
    """The undo offered after unsubscribing: turn the kind back on."""
    email = _email_for(token, undo_claim)
    _kind_set(user=email.recipient, kind=email.kind, enabled=True)
    return email
