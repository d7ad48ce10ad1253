"""Every write with rules in the members app: keyword-only, typed, one transaction, an audit entry, mail on commit."""

from __future__ import annotations

from .accounts import invitation_accept, user_set_language
from .applications import (
    application_approve,
    application_reject,
    application_submit,
    application_withdraw,
)
from .memberships import (
    member_end,
    member_pause,
    member_profile_update,
    member_reactivate,
    member_status_set,
    members_export,
)
from .privacy import member_anonymise

__all__ = [
    "application_approve",
    "application_reject",
    "application_submit",
    "application_withdraw",
    "invitation_accept",
    "member_anonymise",
    "member_end",
    "member_pause",
    "member_profile_update",
    "member_reactivate",
    "member_status_set",
    "members_export",
    "user_set_language",
]
