"""The members app's part of a person's data download (see ngn_portal/personal_data.py)."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db.models import F

from .models import Member, MembershipApplication, User
from .services.applications import APPLICANT_FIELDS
from .services.memberships import PROFILE_FIELDS

# Everything the person gave or was recorded about their membership; the office is exported by name.
MEMBER_FIELDS = (*PROFILE_FIELDS, "joined_on", "cohort", "status", "left_on", "status_reason")
APPLICATION_FIELDS = (
    *(name for name in APPLICANT_FIELDS if name != "office"),
    "language",
    "status",
    "submitted_at",
    "decided_at",
    "decision_reason",
)


def export(user: User) -> dict[str, Any]:
    """Four queries, whatever the person has: membership, applications, addresses, authenticators."""
    member = Member.objects.select_related("office").filter(user=user).first()
    membership = None
    if member is not None:
        membership = {name: getattr(member, name) for name in MEMBER_FIELDS}
        membership["office"] = member.office.name
        membership["has_photo"] = bool(member.photo)
    return {
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "membership": membership,
        "applications": list(
            MembershipApplication.objects.filter(email__iexact=user.email)
            .order_by("submitted_at")
            .values(*APPLICATION_FIELDS, office_name=F("office__name"))
        ),
        "email_addresses": list(
            EmailAddress.objects.filter(user=user).order_by("email").values("email", "verified", "primary")
        ),
        # Which second factors exist, never their secrets.
        "authenticators": list(
            Authenticator.objects.filter(user=user).order_by("created_at").values("type", "created_at", "last_used_at")
        ),
    }
