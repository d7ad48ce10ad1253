"""Applications to join: submitted by anyone, decided by coordinators. Each decision is audited and mailed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.services import audit_record
from engagement.services import email_enqueue

from ..invitations import INVITATION_MAX_AGE, invitation_token
from ..models import ApplicationStatus, EligibilityPolicy, Member, MembershipApplication, MemberStatus, User
from .mail import absolute_url, mail_coordinators, review_url

# The fields an applicant fills in on the public form.
APPLICANT_FIELDS = (
    "full_name",
    "email",
    "office",
    "position_title",
    "service_started_on",
    "date_of_birth",
    "motivation",
    "supervisor_name",
    "supervisor_email",
    "consent",
)


def _lock_open(application: MembershipApplication) -> MembershipApplication:
    """The application, locked for this transaction; refused if someone decided it in the meantime."""
    # of=("self",): lock the application, not the office row joined for the email.
    locked = MembershipApplication.objects.select_for_update(of=("self",)).select_related("office")
    application = locked.get(pk=application.pk)
    if not application.is_open:
        raise ValidationError(_("This application has already been decided."), code="decided")
    return application


def _decide(
    application: MembershipApplication, *, status: str, by: User, reason: str, audit_data: dict[str, Any]
) -> None:
    """Record the decision on the application and in the audit register (one action per status)."""
    application.status = status
    application.decided_at = timezone.now()
    application.decided_by = by
    application.decision_reason = reason
    application.full_clean()
    application.save()
    audit_record(
        action=f"members.application.{status}", actor=by, target=application, data={"reason": reason, **audit_data}
    )


def application_submit(*, data: dict[str, Any], language: str) -> MembershipApplication | None:
    """Record an application and mail the applicant and the coordinators.

    Returns None when the address already has an open application: the visitor sees the same thank-you page either
    way, so the form never tells whether someone has applied or is a member.
    """
    application = MembershipApplication(**{name: data[name] for name in APPLICANT_FIELDS}, language=language)
    application.email = application.email.strip().lower()
    application.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()
            audit_record(
                action="members.application.submitted",
                actor=None,
                target=application,
                data={"office": application.office.code},
            )
            context = {"full_name": application.full_name, "office": application.office.name}
            email_enqueue(
                kind="members.application_received",
                recipient=None,
                to_email=application.email,
                language=language,
                related=application,
                occasion="submitted",
                context=context,
            )
            mail_coordinators(
                kind="members.application_submitted",
                related=application,
                occasion="submitted",
                context={**context, "review_url": review_url(application.pk)},
            )
    except IntegrityError:
        # The partial unique index on open applications per address (a double submit or a second application).
        if MembershipApplication.objects.awaiting_review().filter(email__iexact=application.email).exists():
            return None
        raise
    return application


def cohort_label(day: dt.date) -> str:
    """The cohort stored on a new membership: always in the portal's default language, whoever approves.

    The label is data that the directory filters on, so two coordinators with different languages must write the
    same value.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _("Cohort %(year)s") % {"year": day.year}


def _create_member(application: MembershipApplication, *, today: dt.date) -> Member:
    user = User(email=application.email, full_name=application.full_name, preferred_language=application.language)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    member = Member(
        user=user,
        office=application.office,
        position_title=application.position_title,
        service_started_on=application.service_started_on,
        date_of_birth=application.date_of_birth,
        joined_on=today,
        cohort=cohort_label(today),
        status=MemberStatus.ACTIVE,
    )
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def application_approve(*, application: MembershipApplication, by: User, reason: str = "") -> Member:
    """Create the account and the active membership, and invite the new member to set a password."""
    application = _lock_open(application)
    reason = reason.strip()
    problems = application.eligibility_problems(EligibilityPolicy.current())
    if problems and not reason:
        raise ValidationError(
            {"reason": _("This applicant is outside the eligibility rules; give a reason to approve anyway.")}
        )
    if User.objects.filter(email__iexact=application.email).exists():
        raise ValidationError(_("An account with this email address already exists; it cannot be created again."))
    today = timezone.localdate()
    member = _create_member(application, today=today)
    application.member = member
    _decide(
        application,
        status=ApplicationStatus.APPROVED,
        by=by,
        reason=reason,
        audit_data={"member_id": member.pk, "outside_rules": problems},
    )
    invitation_url = absolute_url(reverse("members:invitation", args=[invitation_token(member.user)]))
    email_enqueue(
        kind="members.invitation",
        recipient=member.user,
        related=application,
        occasion="approved",
        context={
            "full_name": member.user.full_name,
            "invitation_url": invitation_url,
            "valid_days": INVITATION_MAX_AGE.days,
        },
    )
    return member


@transaction.atomic
def application_reject(*, application: MembershipApplication, by: User, reason: str) -> MembershipApplication:
    application = _lock_open(application)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for rejecting this application.")})
    _decide(application, status=ApplicationStatus.REJECTED, by=by, reason=reason, audit_data={})
    email_enqueue(
        kind="members.application_rejected",
        recipient=None,
        to_email=application.email,
        language=application.language,
        related=application,
        occasion="rejected",
        context={"full_name": application.full_name, "reason": reason},
    )
    return application


@transaction.atomic
def application_withdraw(*, application: MembershipApplication, by: User, reason: str = "") -> MembershipApplication:
    """Record that the applicant withdrew (they told a coordinator); no email is sent."""
    application = _lock_open(application)
    _decide(application, status=ApplicationStatus.WITHDRAWN, by=by, reason=reason.strip(), audit_data={})
    return application
