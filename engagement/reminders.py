"""The mailroom's own kinds: security notices (mandatory, rendered by allauth) and the digest."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .models.outbox import DIGEST_KIND
from .registry import EmailKind, register

SECURITY_KIND = "account.security"

register(
    EmailKind(
        key=SECURITY_KIND,
        label=_("Account security (password reset, email confirmation)"),
        optional=False,
        # Password-reset and confirmation links sign the person in: never shown in the admin, blanked once sent.
        sensitive=True,
        template_prefix="engagement/email/security",
    )
)
# Mandatory as a kind: what it gathers was already filtered by each person's choices,
# and people stop it by choosing immediate delivery.
register(
    EmailKind(
        key=DIGEST_KIND, label=_("Digest of reminders"), optional=False, template_prefix="engagement/email/digest"
    )
)
