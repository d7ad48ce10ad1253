"""A populated portal at two sizes, built by the same bulk seeder as ``manage.py seed_scale``."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from actionplan.models import ActionPlan, Activity, PlanStatus
from governance.models.meetings import Meeting
from members.models import Member, MemberStatus, User
from ngn_portal.scale import COORDINATOR_EMAIL, ScaleSizes, seed

# The large size is a few hundred rows: enough to expose a query per row, small enough for `make test`.
SIZES = {
    "small": ScaleSizes(
        members=10, activities=10, updates_per_activity=1, meetings=3, attendees_per_meeting=5, outbox=30, audit=30
    ),
    "large": ScaleSizes(
        members=300,
        activities=200,
        updates_per_activity=3,
        meetings=8,
        attendees_per_meeting=60,
        outbox=600,
        audit=600,
    ),
}


@dataclass
class Scaled:
    member: Member
    other: Member
    coordinator: User
    plan: ActionPlan
    activity: Activity
    meeting: Meeting
    agm: Meeting
    member_client: Client
    coordinator_client: Client


@pytest.fixture(params=sorted(SIZES))
def scaled(request, db) -> Scaled:
    seed(sizes=SIZES[request.param], seed=7)
    plan = ActionPlan.objects.get(status=PlanStatus.ACTIVE, title_es__contains="escala")
    activity = Activity.objects.filter(objective__plan=plan).order_by("pk").first()
    member = activity.owner
    member.status = MemberStatus.ACTIVE
    member.save(update_fields=["status"])
    other = Member.objects.active().exclude(pk=member.pk).filter(user__email__startswith="member").first()
    coordinator = User.objects.get(email=COORDINATOR_EMAIL)
    member_client, coordinator_client = Client(), Client()
    member_client.force_login(member.user)
    coordinator_client.force_login(coordinator)
    meeting = Meeting.objects.filter(title__contains="escala").order_by("starts_at").first()
    agm = Meeting.objects.get(title__startswith="Asamblea general de escala")
    return Scaled(member, other, coordinator, plan, activity, meeting, agm, member_client, coordinator_client)
