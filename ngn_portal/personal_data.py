"""A signed-in person's own data, gathered from every app, for download as JSON.

Like the dashboard, the portal knows no app's internals: an app opts in with a
``<app>/personal_data.py`` module exposing ``export(user) -> dict`` (json-able with Django's
encoder, so dates and times come out in ISO 8601). Each app keeps its own part within a fixed
number of queries, whatever the amount of data the person has.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from members.models import User
from ngn_portal.plugins import optional_app_module

# Apps asked for their part, in the order the sections appear in the file.
PERSONAL_DATA_APPS = ("members", "governance", "actionplan", "engagement", "audit")
FORMAT = "ngn-portal-personal-data/1"


def collect_personal_data(user: User) -> dict[str, Any]:
    sections: dict[str, Any] = {}
    for app in PERSONAL_DATA_APPS:
        module = optional_app_module(app, "personal_data")
        if module is not None:
            sections[app] = module.export(user)
    return {"format": FORMAT, "generated_at": timezone.now(), "user_id": user.pk, "sections": sections}


@transaction.atomic
def personal_data_export(*, user: User) -> dict[str, Any]:
    """The person's data; the download itself is an export of personal data, so it is recorded."""
    payload = collect_personal_data(user)
    audit_record(
        action="members.personal_data.exported",
        actor=user,
        target=user,
        data={"sections": sorted(payload["sections"])},
    )
    return payload
