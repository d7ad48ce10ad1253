"""People of the network: accounts, offices, memberships, applications to join and the eligibility rules.

Everything is re-exported here so that ``from members.models import Member`` keeps working for every app.
"""

from __future__ import annotations

from .applications import ApplicationQuerySet, ApplicationStatus, MembershipApplication
from .eligibility import EligibilityPolicy, years_before
from .exports import DirectoryExport, ExportStatus
from .member import Member, MemberQuerySet, MemberStatus, Visibility
from .users import Language, Office, User, UserManager

__all__ = [
    "ApplicationQuerySet",
    "ApplicationStatus",
    "DirectoryExport",
    "EligibilityPolicy",
    "ExportStatus",
    "Language",
    "Member",
    "MemberQuerySet",
    "MemberStatus",
    "MembershipApplication",
    "Office",
    "User",
    "UserManager",
    "Visibility",
    "years_before",
]
