from __future__ import annotations

import uuid
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.core.mail import EmailMultiAlternatives
from django.http import HttpRequest

from engagement.services import email_enqueue_rendered

from .models import User

# The mailroom's mandatory kind for account security (password reset, email confirmation).
SECURITY_EMAIL_KIND = "account.security"


class AccountAdapter(DefaultAccountAdapter):
    """Accounts come from coordinators or approved applications, never from open sign-up."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Render with allauth's templates as usual, then hand the message to the outbox instead of SMTP.

        The outbox records it, retries temporary failures and shows permanent ones to admins, like every email
        of the portal.
        """
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email, "current_site": get_current_site(request), **context},
        )
        body_html = ""
        if isinstance(message, EmailMultiAlternatives):
            body_html = next((content for content, mimetype in message.alternatives if mimetype == "text/html"), "")
        body_text = message.body if message.content_subtype != "html" else ""
        email_enqueue_rendered(
            kind=SECURITY_EMAIL_KIND,
            recipient=User.objects.filter(email__iexact=email).first(),
            to_email=email,
            subject=message.subject,
            body_text=body_text,
            body_html=body_html or (message.body if message.content_subtype == "html" else ""),
            related=None,
            # Every security email is its own occasion: a second reset request must send a second email.
            occasion=f"{template_prefix.rsplit('/', 1)[-1]}:{uuid.uuid4().hex}",
        )
