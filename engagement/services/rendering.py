"""Turning an intended send into an outbox row in memory: address, preferences, dedupe key, rendering.

Nothing here writes to the database, so the scan can build thousands of rows and insert them at once.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Model
from django.template import Context, Engine, TemplateDoesNotExist, TemplateSyntaxError, engines
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation

from ..models import DeliveryMode, DeliveryPreference, EmailStatus, KindPreference, OutgoingEmail
from ..registry import EmailKind
from ..tokens import UnsubscribeClaim, unsubscribe_token

logger = logging.getLogger(__name__)

DEDUPE_KEY_MAX = 500


@dataclass
class Preferences:
    """Everyone's choices for one batch of recipients, loaded in two queries."""

    disabled: set[tuple[int, str]] = field(default_factory=set)
    modes: dict[int, str] = field(default_factory=dict)

    @classmethod
    def for_users(cls, user_ids: Iterable[int]) -> Preferences:
        ids = {pk for pk in user_ids if pk is not None}
        if not ids:
            return cls()
        disabled = set(KindPreference.objects.filter(user_id__in=ids, enabled=False).values_list("user_id", "kind"))
        modes = dict(DeliveryPreference.objects.filter(user_id__in=ids).values_list("user_id", "mode"))
        return cls(disabled=disabled, modes=modes)

    def allows(self, user_id: int, kind: str) -> bool:
        return (user_id, kind) not in self.disabled

    def mode(self, user_id: int) -> str:
        return self.modes.get(user_id, DeliveryMode.IMMEDIATE)


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def object_reference(related: Model | None) -> tuple[ContentType | None, str, str]:
    """(content type, object id, label for the dedupe key)."""
    if related is None:
        return None, "", "-"
    content_type = ContentType.objects.get_for_model(related)  # cached after the first call per model
    return content_type, str(related.pk), f"{content_type.app_label}.{content_type.model}#{related.pk}"


def dedupe_key(*, kind: str, object_label: str, recipient_label: str, occasion: str) -> str:
    key = f"{kind}:{object_label}:{recipient_label}:{occasion}"
    if len(key) <= DEDUPE_KEY_MAX:
        return key
    # Very long occasions keep a readable prefix and a hash of the whole key, so uniqueness is kept.
    digest = hashlib.sha256(key.encode()).hexdigest()
    return f"{key[: DEDUPE_KEY_MAX - 65]}#{digest}"


def usable_address(address: str) -> bool:
    try:
        validate_email(address)
    except ValidationError:
        return False
    return True


def _suppression_reason(kind: EmailKind, recipient: Any, address: str, prefs: Preferences) -> str:
    if recipient is not None and not recipient.is_active:
        return "Recipient account is inactive."
    if not address:
        return "No email address for this recipient."
    if not usable_address(address):
        return f"Unusable email address: {address!r}."
    if kind.optional and recipient is not None and not prefs.allows(recipient.pk, kind.key):
        return "Recipient turned this kind of email off."
    return ""


@functools.cache
def text_engine() -> Engine:
    """The project's templates with autoescape off: a subject or a text body is not HTML ("&" stays "&")."""
    django_engine = engines["django"].engine
    return Engine(
        dirs=django_engine.dirs,
        loaders=django_engine.loaders,
        debug=django_engine.debug,
        string_if_invalid=django_engine.string_if_invalid,
        file_charset=django_engine.file_charset,
        libraries=django_engine.libraries,
        autoescape=False,
    )


def _render_one(name: str, context: dict[str, Any], *, text: bool, optional: bool = False) -> str:
    try:
        template = text_engine().get_template(name) if text else get_template(name)
    except TemplateDoesNotExist as exc:
        if optional:
            return ""
        raise TemplateRenderError(name, exc) from exc
    except TemplateSyntaxError as exc:
        raise TemplateRenderError(name, exc) from exc
    try:
        return template.render(Context(context, autoescape=False)) if text else template.render(context)
    except Exception as exc:  # whatever a template raises while rendering is that template's error
        raise TemplateRenderError(name, exc) from exc


def render_into(row: OutgoingEmail, *, kind: EmailKind, context: dict[str, Any]) -> None:
    """Render the kind's three templates in the row's language. Raises TemplateRenderError naming the template."""
    prefix = kind.template_prefix
    with translation.override(row.language):
        subject = _render_one(f"{prefix}-subject.txt", context, text=True)
        text = _render_one(f"{prefix}-body.txt", context, text=True)
        html = _render_one(f"{prefix}-body.html", context, text=False, optional=True)
    row.subject = " ".join(subject.split())[:300]
    row.body_text = text.strip() + "\n"
    row.body_html = html.strip()


class TemplateRenderError(Exception):
    def __init__(self, template_name: str, error: Exception) -> None:
        super().__init__(f"Template {template_name}: {error.__class__.__name__}: {error}")
        self.template_name = template_name


@dataclass(frozen=True)
class RenderedContent:
    """An email someone else rendered (allauth's password reset, its email confirmation)."""

    subject: str
    body_text: str
    body_html: str = ""


def build_email(
    *,
    kind: EmailKind,
    recipient: Any,
    to_email: str | None,
    related: Model | None,
    occasion: str,
    context: dict[str, Any] | None,
    language: str | None,
    prefs: Preferences,
    now: datetime,
    content: RenderedContent | None = None,
) -> OutgoingEmail:
    """An unsaved outbox row: rendered and queued, held for a digest, suppressed or failed (with the reason).

    With ``content`` the row carries that text instead of rendering the kind's templates.
    """
    address = (to_email or (recipient.email if recipient is not None else "") or "").strip()
    language = language or getattr(recipient, "preferred_language", "") or settings.LANGUAGE_CODE
    content_type, object_id, object_label = object_reference(related)
    recipient_label = str(recipient.pk) if recipient is not None else address.lower() or "-"
    row = OutgoingEmail(
        kind=kind.key,
        recipient=recipient,
        to_email=address[:254],
        dedupe_key=dedupe_key(
            kind=kind.key, object_label=object_label, recipient_label=recipient_label, occasion=occasion
        ),
        occasion=occasion[:200],
        language=language,
        content_type=content_type,
        object_id=object_id,
        status=EmailStatus.QUEUED,
        next_attempt_at=now,
        created_at=now,
    )
    reason = _suppression_reason(kind, recipient, address, prefs)
    if reason:
        row.status, row.last_error, row.next_attempt_at = EmailStatus.SUPPRESSED, reason, None
        return row
    if content is not None:
        row.subject = " ".join(content.subject.split())[:300]
        row.body_text, row.body_html = content.body_text, content.body_html
        return row

    full_context: dict[str, Any] = {
        **(context or {}),
        "recipient": recipient,
        "related": related,
        "site_url": settings.SITE_URL,
        "preferences_url": absolute_url(reverse("engagement:preferences")),
        "kind_label": kind.label,
    }
    if kind.optional and recipient is not None:
        token = unsubscribe_token(
            UnsubscribeClaim(email_public_id=str(row.public_id), user_id=recipient.pk, kind=kind.key)
        )
        unsubscribe_url = absolute_url(reverse("engagement:unsubscribe", args=[token]))
        full_context["unsubscribe_url"] = unsubscribe_url
        # RFC 8058: mail clients show an unsubscribe button and POST to this URL.
        row.headers = {
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        # A sensitive kind is never gathered: the digest would copy its sign-in link into a row the admin shows.
        if kind.is_reminder and not kind.sensitive and prefs.mode(recipient.pk) != DeliveryMode.IMMEDIATE:
            row.hold_for_digest, row.next_attempt_at = True, None
    try:
        render_into(row, kind=kind, context=full_context)
    except TemplateRenderError as exc:
        # One broken template must never stop the scan for everyone else: the row records it.
        logger.warning("engagement: %s (%s)", exc, row.dedupe_key)
        row.status, row.last_error, row.next_attempt_at = EmailStatus.FAILED, str(exc), None
        row.hold_for_digest = False
    return row
