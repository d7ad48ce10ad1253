"""Every governance write that has rules. Keyword-only, typed, one transaction, an audit entry each."""

from __future__ import annotations

from .documents import (
    acknowledgement_create,
    comment_create,
    comment_resolve,
    pending_acknowledgements_export,
    version_approve,
    version_create_draft,
    version_open_consultation,
    version_update_draft,
    version_withdraw,
)
from .meetings import (
    attendance_record,
    attendance_rsvp,
    decision_record,
    meeting_create,
    meeting_update,
    minutes_record,
    quorum_status,
)
from .positions import mandate_create, mandate_update, mandate_validate

__all__ = [
    "acknowledgement_create",
    "attendance_record",
    "attendance_rsvp",
    "comment_create",
    "comment_resolve",
    "decision_record",
    "mandate_create",
    "mandate_update",
    "mandate_validate",
    "meeting_create",
    "meeting_update",
    "minutes_record",
    "pending_acknowledgements_export",
    "quorum_status",
    "version_approve",
    "version_create_draft",
    "version_open_consultation",
    "version_update_draft",
    "version_withdraw",
]
