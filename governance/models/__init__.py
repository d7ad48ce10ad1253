"""Governance tables: documents and their versions, consultation, meetings, decisions, terms of office."""

from __future__ import annotations

from .documents import (
    Acknowledgement,
    Comment,
    CommentResolution,
    Document,
    DocumentKind,
    Version,
    VersionStatus,
)
from .meetings import (
    Attendance,
    AttendanceStatus,
    Decision,
    DecisionKind,
    DecisionOutcome,
    Meeting,
    MeetingKind,
    QuorumPolicy,
)
from .positions import Mandate, Position

__all__ = [
    "Acknowledgement",
    "Attendance",
    "AttendanceStatus",
    "Comment",
    "CommentResolution",
    "Decision",
    "DecisionKind",
    "DecisionOutcome",
    "Document",
    "DocumentKind",
    "Mandate",
    "Meeting",
    "MeetingKind",
    "Position",
    "QuorumPolicy",
    "Version",
    "VersionStatus",
]
