"""Who may read the register.

The audit app knows nothing above it, so it asks Django's permission system only; the
members app grants ``audit.view_auditentry`` to the coordinators group.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db import models

VIEW_PERMISSION = "audit.view_auditentry"


def can_browse_audit(user: models.Model | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(VIEW_PERMISSION))
