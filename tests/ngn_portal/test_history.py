"""Every domain model keeps its history (django-simple-history); the exceptions are named and explained."""

from __future__ import annotations

import pytest
from django.apps import apps

# Not domain records, each for a reason:
EXEMPT = {
    "audit.auditentry",  # append-only and hash-chained: it is the history
    "actionplan.calendartoken",  # a credential (only its hash), issued and revoked in the register
    "engagement.outgoingemail",  # the outbox: a work queue with its own status trail and retention
    "members.directoryexport",  # a background job (status and progress), not a record of the network
}
DOMAIN_APPS = ("members", "governance", "actionplan", "engagement", "audit")


def _concrete_models(app_label: str):
    for model in apps.get_app_config(app_label).get_models():
        if model.__name__.startswith("Historical") or model._meta.auto_created or model._meta.proxy:
            continue
        yield model


@pytest.mark.parametrize("app_label", DOMAIN_APPS)
def test_every_domain_model_keeps_history(app_label):
    missing = [
        model._meta.label_lower
        for model in _concrete_models(app_label)
        if model._meta.label_lower not in EXEMPT and not hasattr(model, "history")
    ]
    assert missing == []


def test_the_user_history_never_copies_the_password():
    fields = {field.name for field in apps.get_model("members", "User").history.model._meta.get_fields()}
    assert "email" in fields and "full_name" in fields
    assert "password" not in fields and "last_login" not in fields
