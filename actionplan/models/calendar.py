from __future__ import annotations

import hashlib
import hmac
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class CalendarToken(models.Model):
    """The secret in a member's personal calendar feed URL.

    The URL carries a public ``key`` (to find the row) and a secret; only the secret's hash is stored,
    and it is compared in constant time. Regenerating replaces the row, revoking deletes it.
    """

    user = models.OneToOneField(
        "members.User", on_delete=models.CASCADE, related_name="plan_calendar_token", verbose_name=_("user")
    )
    key = models.UUIDField(_("key"), default=uuid.uuid4, unique=True, editable=False)
    secret_hash = models.CharField(_("secret hash"), max_length=64)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self) -> str:
        return str(self.user)

    def matches(self, secret: str) -> bool:
        return hmac.compare_digest(self.secret_hash, hash_secret(secret))
