"""The members app's emails, registered with the engagement mailroom.

Sent by services: the applicant's confirmation, the coordinators' notification, the invitation and the rejection.
Found by the reminder scan: applications waiting for review, and the welcome sequence of a new member
(day 0 welcome, day 7 "complete your profile" only while it is incomplete, day 30 check-in).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagement.registry import Due, EmailKind, ReminderKind, ReminderRule, register

from .models import Member, MembershipApplication
from .services.mail import absolute_url, coordinators, review_url

# A step of the welcome sequence is sent only within this many days of its date, so that founders and
# members who joined long before the portal never receive "welcome" emails.
WELCOME_WINDOW_DAYS = 14
REVIEW_AFTER_DAYS = 3


def _occasions(reference: dt.date, today: dt.date, rule: ReminderRule) -> Iterator[str]:
    """The occasions due on ``today`` for a thing whose reference date is ``reference``."""
    for lead in rule.lead_days or (0,):
        if reference - dt.timedelta(days=lead) <= today:
            yield f"{reference.isoformat()}:lead-{lead}"
    if rule.repeat_every_days and today > reference:
        repeats = (today - reference).days // rule.repeat_every_days
        if repeats:
            yield f"{reference.isoformat()}:repeat-{repeats}"


def applications_awaiting_review(now: dt.datetime, rule: ReminderRule) -> Iterator[Due]:
    today = timezone.localdate(now)
    latest_submitted = today - dt.timedelta(days=REVIEW_AFTER_DAYS) + dt.timedelta(days=max(rule.lead_days or (0,)))
    waiting = list(
        MembershipApplication.objects.awaiting_review()
        .filter(submitted_at__date__lte=latest_submitted)
        .select_related("office")
        .order_by("submitted_at")
    )
    if not waiting:
        return
    reviewers = coordinators()
    for application in waiting:
        reference = timezone.localdate(application.submitted_at) + dt.timedelta(days=REVIEW_AFTER_DAYS)
        context = {
            "full_name": application.full_name,
            "office": application.office.name,
            "submitted_on": timezone.localdate(application.submitted_at).isoformat(),
            "action_url": review_url(application.pk),
        }
        for occasion in _occasions(reference, today, rule):
            for reviewer in reviewers:
                yield Due(recipient=reviewer, related=application, occasion=occasion, context=context)


def _welcome_step(
    offset_days: int, *, incomplete_only: bool = False
) -> Callable[[dt.datetime, ReminderRule], Iterator[Due]]:
    def due(now: dt.datetime, rule: ReminderRule) -> Iterator[Due]:
        today = timezone.localdate(now)
        leads = rule.lead_days or (0,)
        members = Member.objects.active().filter(
            joined_on__gte=today - dt.timedelta(days=offset_days + WELCOME_WINDOW_DAYS),
            joined_on__lte=today - dt.timedelta(days=offset_days) + dt.timedelta(days=max(leads)),
        )
        if incomplete_only:
            members = members.incomplete_profile()
        for member in members.select_related("user", "office"):
            reference = member.joined_on + dt.timedelta(days=offset_days)
            context = {
                "office": member.office.name,
                "action_url": absolute_url(reverse("members:me" if incomplete_only else "home")),
            }
            for occasion in _occasions(reference, today, ReminderRule(lead_days=leads)):
                yield Due(recipient=member.user, related=member, occasion=occasion, context=context)

    return due


# (key, label, template name, sensitive). Sensitive kinds carry a set-password link: the mailroom never shows
# their content in the admin and blanks their bodies once sent.
MANDATORY_KINDS = [
    ("members.application_received", _("Your application to join was received"), "application_received", False),
    ("members.application_rejected", _("Decision on your application to join"), "application_rejected", False),
    ("members.invitation", _("Invitation to set your password"), "invitation", True),
]
for key, label, name, sensitive in MANDATORY_KINDS:
    register(
        EmailKind(key=key, label=label, optional=False, template_prefix=f"members/email/{name}", sensitive=sensitive)
    )

register(
    EmailKind(
        key="members.application_submitted",
        label=_("New application to join (coordinators)"),
        optional=True,
        template_prefix="members/email/application_submitted",
    )
)
register(
    ReminderKind(
        key="members.application_awaiting_review",
        label=_("Application awaiting review for 3 days (coordinators)"),
        optional=True,
        template_prefix="members/email/application_awaiting_review",
        default_rule=ReminderRule(lead_days=(0,), repeat_every_days=3),
        due=applications_awaiting_review,
    )
)
# The welcome sequence: (key, label, optional, template name, days after joining, only while incomplete).
WELCOME_STEPS = [
    ("members.welcome", _("Welcome to the network"), False, "welcome", 0, False),
    (
        "members.profile_incomplete",
        _("Complete your profile (a week after joining)"),
        True,
        "profile_incomplete",
        7,
        True,
    ),
    ("members.check_in", _("How is it going? (a month after joining)"), True, "check_in", 30, False),
]
for key, label, optional, name, offset_days, incomplete_only in WELCOME_STEPS:
    register(
        ReminderKind(
            key=key,
            label=label,
            optional=optional,
            template_prefix=f"members/email/{name}",
            default_rule=ReminderRule(lead_days=(0,)),
            due=_welcome_step(offset_days, incomplete_only=incomplete_only),
        )
    )
