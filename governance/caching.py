"""Governance figures that many pages show and few writes change, kept in the shared cache (see
ngn_portal/versioned_cache.py).

A meeting's page shows how many invitations are in each state and the quorum: an AGM invites every active member,
so that is a count over ~8,500 invitations plus a ``COUNT`` of active members (members joined to their accounts),
more than the rest of the page's queries together; and its pages of 25 names, each a join over the invitations,
members, accounts and offices. All of it changes only when an invitation, a member, an account, an office or the
quorum policy is saved or deleted (signing in records ``last_login`` without a save, so it keeps them). RSVPs, the
admin and deletions go through the signals; the services' bulk writes of invitations call ``attendance_changed()``
themselves. Recording a decision still counts afresh: the cached figures are for reading.

Who has not confirmed the current ToR (about 4,300 of 10,000 members) takes an anti-join over every active
member, in office and name order; coordinators page through it 25 at a time. The ordered ids, per office, are
kept until an acknowledgement, a member, an account or an office changes; each page then reads 25 rows by id.

Whether someone still has to confirm the ToR (the home page's banner, on every visit) is kept per person until a
confirmation, a version, a document, a member or an account changes.
"""

from __future__ import annotations

from ngn_portal.versioned_cache import VersionedCache

meeting_cache = VersionedCache("governance:meetings")
acknowledgement_cache = VersionedCache("governance:acknowledgements")
tor_banner_cache = VersionedCache("governance:tor-banner")


def attendance_changed() -> None:
    """Call after writing invitations in bulk: bulk writes send no signals."""
    meeting_cache.invalidate()


def connect_signals() -> None:
    from members.models import Member, Office, User

    from .models import Acknowledgement, Attendance, Document, QuorumPolicy, Version

    meeting_cache.watch(Member, User, Office, QuorumPolicy, Attendance)
    acknowledgement_cache.watch(Acknowledgement, Member, User, Office)
    tor_banner_cache.watch(Acknowledgement, Version, Document, Member, User)
