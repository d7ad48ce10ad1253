"""The members app's emails all go through the engagement mailroom (outbox, dedupe, language, retries)."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.urls import reverse

from engagement.services import email_enqueue
from engagement.services.rendering import absolute_url

from ..models import User
from ..permissions import COORDINATORS_GROUP


def coordinators() -> list[User]:
    return list(User.objects.filter(groups__name=COORDINATORS_GROUP, is_active=True).distinct())


def mail_coordinators(*, kind: str, related: Model, occasion: str, context: dict[str, Any]) -> None:
    for coordinator in coordinators():
        email_enqueue(kind=kind, recipient=coordinator, related=related, occasion=occasion, context=context)


def review_url(application_id: int) -> str:
    return absolute_url(reverse("members:application_review", args=[application_id]))
