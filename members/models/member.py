"""A person's membership of the network: where they work, what they share, and where they are in its life."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..search import search_text_for
from .eligibility import EligibilityPolicy
from .users import Office, User


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    ALUMNI = "alumni", _("Alumni")
    LEFT = "left", _("Left")


# Statuses that end a membership; they always carry the date it ended.
ENDED_STATUSES = (MemberStatus.ALUMNI, MemberStatus.LEFT)
# Still in the network: may take part, comment and confirm.
CURRENT_STATUSES = (MemberStatus.ACTIVE, MemberStatus.PAUSED)


class Visibility(models.TextChoices):
    """Who may see one personal field of a member. The owner always sees their own."""

    MEMBERS = "members", _("Members of the network")
    COORDINATORS = "coordinators", _("Coordinators only")
    NOBODY = "nobody", _("Nobody")


# A profile counts as complete when all of these are filled in (used by the day-7 reminder and the nudge).
PROFILE_COMPLETION_FIELDS = ("position_title", "service_started_on", "bio", "skills")

phone_validator = RegexValidator(
    r"^\+?[0-9 ()\-]{6,20}$", _("Enter a phone number with digits, spaces, dashes or a leading +.")
)


def photo_upload_to(instance: Member, filename: str) -> str:
    # Never the uploaded name: a random one, with the extension of the format we re-encoded to.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"members/photos/{uuid.uuid4().hex}.{extension}"


class MemberQuerySet(models.QuerySet["Member"]):
    def active(self) -> MemberQuerySet:
        return self.filter(status=MemberStatus.ACTIVE, user__is_active=True)

    def for_directory(self, *, coordinator: bool) -> MemberQuerySet:
        """Who appears in the directory: coordinators see every membership, members the active ones."""
        queryset = self.select_related("user", "office")
        return queryset if coordinator else queryset.active()

    def incomplete_profile(self) -> MemberQuerySet:
        missing = models.Q()
        for name in PROFILE_COMPLETION_FIELDS:
            field = Member._meta.get_field(name)
            missing |= models.Q(**{f"{name}__isnull": True}) if field.null else models.Q(**{name: ""})
        return self.filter(missing)

    def past_eligibility(self, *, policy: EligibilityPolicy, on: dt.date) -> MemberQuerySet:
        """Active or paused members who have grown past the rules: candidates for alumni status."""
        outside = policy.outside_rules_q(on=on, birth_field="date_of_birth", service_field="service_started_on")
        if outside is None:
            return self.none()
        return self.filter(outside, status__in=CURRENT_STATUSES)


# What Member.search_text is made of, on the membership itself (the rest is the account's name and the office).
SEARCHED_FIELDS = frozenset({"user", "office", "position_title", "skills"})


class Member(models.Model):
    """A person's membership of the network; one per user."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="member", verbose_name=_("user"))
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="members", verbose_name=_("office"))
    position_title = models.CharField(_("position title"), max_length=150, blank=True)
    service_started_on = models.DateField(_("entered the customs service on"), null=True, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    bio = models.TextField(_("short bio"), max_length=1000, blank=True)
    skills = models.CharField(
        _("skills and interests"), max_length=300, blank=True, help_text=_("Separate them with commas.")
    )
    photo = models.FileField(_("photo"), upload_to=photo_upload_to, blank=True, max_length=200)
    email_visibility = models.CharField(
        _("who sees my email"), max_length=12, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    phone_visibility = models.CharField(
        _("who sees my phone"), max_length=12, choices=Visibility.choices, default=Visibility.COORDINATORS
    )
    date_of_birth_visibility = models.CharField(
        _("who sees my date of birth"), max_length=12, choices=Visibility.choices, default=Visibility.COORDINATORS
    )
    joined_on = models.DateField(_("joined the network on"))
    cohort = models.CharField(_("cohort"), max_length=80, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=MemberStatus.choices, default=MemberStatus.ACTIVE)
    left_on = models.DateField(_("left the network on"), null=True, blank=True)
    status_reason = models.TextField(_("reason for the last status change"), max_length=2000, blank=True)
    # Set when the person's data was erased on request (members.services.member_anonymise); never undone.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True, editable=False)
    # Name, office, city, position and skills, folded, for the directory's search (members/search.py).
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    objects = MemberQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["user__full_name"]
        # The admin's filters (office has its foreign-key index).
        indexes = [
            models.Index(fields=["status"], name="members_member_status_idx"),
            models.Index(fields=["cohort"], name="members_member_cohort_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=MemberStatus.values), name="member_status_valid"),
            models.CheckConstraint(
                condition=~models.Q(status__in=ENDED_STATUSES) | models.Q(left_on__isnull=False),
                name="member_ended_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(email_visibility__in=Visibility.values)
                & models.Q(phone_visibility__in=Visibility.values)
                & models.Q(date_of_birth_visibility__in=Visibility.values),
                name="member_visibility_valid",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        # A save of other fields (a status change) leaves the text, and the account and office unread.
        if update_fields is None or SEARCHED_FIELDS.intersection(update_fields):
            self.search_text = self.build_search_text()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def build_search_text(self) -> str:
        return search_text_for(
            full_name=self.user.full_name,
            office=self.office,
            position_title=self.position_title,
            skills=self.skills,
        )

    @property
    def initials(self) -> str:
        words = [word for word in self.user.full_name.split() if word[:1].isalpha()]
        letters = (words[0][0] + words[-1][0]) if len(words) > 1 else (words[0][0] if words else "?")
        return letters.upper()

    @property
    def skill_list(self) -> list[str]:
        return [skill.strip() for skill in self.skills.split(",") if skill.strip()]

    @property
    def is_profile_complete(self) -> bool:
        return all(getattr(self, name) not in (None, "") for name in PROFILE_COMPLETION_FIELDS)
