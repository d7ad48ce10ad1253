from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from actionplan.models import ActionPlan, Activity, ActivityStatus, CalendarToken, Indicator, PlanStatus, ProgressUpdate
from actionplan.services import (
    activity_transition,
    calendar_token_issue,
    calendar_token_revoke,
    plan_copy_for_next_period,
    plan_transition,
    progress_update_post,
)
from audit.models import AuditEntry

from .factories import ActivityFactory, IndicatorFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db


def _post(activity, by, **kwargs):
    return progress_update_post(activity=activity, by=by, percent=kwargs.pop("percent", 40), note="nota", **kwargs)


def test_owner_posts_an_update_which_starts_the_activity_and_is_audited(activity, alice):
    update = _post(activity, alice)
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.IN_PROGRESS
    assert update.status_change == ActivityStatus.IN_PROGRESS
    assert update.date == dt.date(2023, 7, 1)
    entry = AuditEntry.objects.get(action="actionplan.progress_update.posted")
    assert entry.data["percent"] == 40


def test_contributor_may_post(activity, bob):
    activity.contributors.add(bob.member)
    _post(activity, bob)
    assert activity.updates.count() == 1


def test_another_member_may_not_post(activity, bob):
    with pytest.raises(PermissionDenied):
        _post(activity, bob)
    assert not ProgressUpdate.objects.exists()


def test_cancelled_activity_takes_no_update(activity, alice):
    Activity.objects.filter(pk=activity.pk).update(status=ActivityStatus.CANCELLED)
    with pytest.raises(ValidationError) as excinfo:
        _post(activity, alice)
    assert excinfo.value.error_list[0].code == "cancelled"
    assert not ProgressUpdate.objects.exists()


def test_only_a_coordinator_cancels(activity, alice, coordinator):
    with pytest.raises(ValidationError) as excinfo:
        _post(activity, alice, status=ActivityStatus.CANCELLED)
    assert "status" in excinfo.value.message_dict
    _post(activity, coordinator, status=ActivityStatus.CANCELLED, percent=0)
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.CANCELLED


def test_impossible_transition_is_refused(activity, alice):
    activity_transition(activity=activity, to=ActivityStatus.DONE, by=alice)
    with pytest.raises(ValidationError):
        activity_transition(activity=activity, to=ActivityStatus.BLOCKED, by=alice)
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.DONE


def test_percent_outside_range_is_refused_and_nothing_saved(activity, alice):
    with pytest.raises(ValidationError) as excinfo:
        _post(activity, alice, percent=150)
    assert "percent" in excinfo.value.message_dict
    assert not ProgressUpdate.objects.exists()


def test_pdf_evidence_is_kept_under_a_random_name(activity, alice, pdf_bytes):
    upload = SimpleUploadedFile("acta firmada.pdf", pdf_bytes, content_type="application/pdf")
    update = _post(activity, alice, evidence_file=upload)
    assert update.evidence_content_type == "application/pdf"
    assert update.evidence_name == "acta firmada.pdf"
    assert "acta" not in update.evidence_file.name
    assert update.evidence_file.name.endswith(".pdf")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("dibujo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("pagina.pdf", b"<html><script>alert(1)</script></html>"),
        ("foto.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),  # a PNG signature with nothing behind it
    ],
)
def test_evidence_of_the_wrong_type_is_refused(activity, alice, name, content):
    with pytest.raises(ValidationError) as excinfo:
        _post(activity, alice, evidence_file=SimpleUploadedFile(name, content, content_type="application/pdf"))
    assert "evidence_file" in excinfo.value.message_dict
    assert not ProgressUpdate.objects.exists()


def test_evidence_too_large_is_refused(activity, alice, pdf_bytes, settings):
    settings.ACTIONPLAN_EVIDENCE_MAX_BYTES = len(pdf_bytes) - 1
    with pytest.raises(ValidationError) as excinfo:
        _post(activity, alice, evidence_file=SimpleUploadedFile("a.pdf", pdf_bytes))
    assert excinfo.value.error_dict["evidence_file"][0].code == "too_large"


def test_plan_transitions_follow_the_rules(plan, coordinator, alice):
    with pytest.raises(PermissionDenied):
        plan_transition(plan=plan, to=PlanStatus.CLOSED, by=alice)
    with pytest.raises(ValidationError):
        plan_transition(plan=plan, to=PlanStatus.DRAFT, by=coordinator)
    plan = plan_transition(plan=plan, to=PlanStatus.CLOSED, by=coordinator)
    assert plan.status == PlanStatus.CLOSED
    assert AuditEntry.objects.filter(action="actionplan.plan.closed").exists()


@pytest.mark.parametrize("carry_over", [True, False])
def test_next_years_plan_copies_objectives_and_carries_over_unfinished(
    plan, objective, activity, alice, bob, coordinator, carry_over
):
    activity.contributors.add(bob.member)
    ProgressUpdateFactory(activity=activity, author=alice, percent=45)
    ActivityFactory(objective=objective, owner=alice.member, code="A1.2", status=ActivityStatus.DONE)
    ActivityFactory(objective=objective, owner=alice.member, code="A1.3", status=ActivityStatus.CANCELLED)
    IndicatorFactory(objective=objective, name="Roles cubiertos")
    objective.key_factors.set([1, 9])

    new = plan_copy_for_next_period(
        plan=plan, by=coordinator, title_es="Plan 2024", period_start=dt.date(2024, 1, 1),
        period_end=dt.date(2024, 12, 31), carry_over_unfinished=carry_over,
    )  # fmt: skip

    assert new.status == PlanStatus.DRAFT and new.copied_from == plan
    copied = new.objectives.get()
    assert copied.code == "O1" and sorted(copied.key_factors.values_list("number", flat=True)) == [1, 9]
    assert Indicator.objects.filter(objective=copied, name="Roles cubiertos").exists()
    carried = list(Activity.objects.filter(objective=copied))
    if carry_over:
        assert [a.code for a in carried] == ["A1.1"]
        assert carried[0].carried_over_from == activity
        assert list(carried[0].contributors.all()) == [bob.member]
        assert carried[0].updates.get().percent == 45
        assert dt.date(2024, 1, 1) <= carried[0].due_date <= dt.date(2024, 12, 31)
    else:
        assert carried == []
    assert ActionPlan.objects.count() == 2


def test_copy_needs_a_coordinator(plan, alice):
    with pytest.raises(PermissionDenied):
        plan_copy_for_next_period(
            plan=plan, by=alice, title_es="x", period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31)
        )
    assert ActionPlan.objects.count() == 1


def test_calendar_token_issue_replaces_and_revoke_deletes(alice):
    first, secret = calendar_token_issue(user=alice)
    assert first.matches(secret) and not first.matches(secret + "x")
    assert secret not in first.secret_hash
    second, _secret2 = calendar_token_issue(user=alice)
    assert CalendarToken.objects.get(user=alice).pk == second.pk
    assert calendar_token_revoke(user=alice) is True
    assert not CalendarToken.objects.exists()
