"""Forms of the members app: input validation only; the rules of each write live in services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Member, MembershipApplication, MemberStatus, Office
from .models.eligibility import completed_years
from .photos import photo_prepare
from .services.applications import APPLICANT_FIELDS
from .services.memberships import PROFILE_FIELDS

MINIMUM_AGE_YEARS = 18


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def validate_not_future(value: dt.date | None) -> None:
    if value is not None and value > timezone.localdate():
        raise ValidationError(_("This date is in the future."), code="future")


def validate_adult(value: dt.date | None) -> None:
    if value is not None and completed_years(value, timezone.localdate()) < MINIMUM_AGE_YEARS:
        raise ValidationError(_("You must be at least 18 years old."), code="too_young")


class PersonalDatesMixin:
    """Both forms ask when someone entered the service and, optionally, when they were born."""

    DATE_WIDGETS = {"service_started_on": DateInput(), "date_of_birth": DateInput()}

    def add_date_validators(self) -> None:
        self.fields["service_started_on"].validators.append(validate_not_future)  # type: ignore[attr-defined]
        self.fields["date_of_birth"].validators += [validate_not_future, validate_adult]  # type: ignore[attr-defined]


class ApplicationForm(PersonalDatesMixin, forms.ModelForm):
    # A field people never see (hidden with CSS and from screen readers) but naive bots fill in.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    class Meta:
        model = MembershipApplication
        fields = APPLICANT_FIELDS
        widgets = {**PersonalDatesMixin.DATE_WIDGETS, "motivation": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "motivation": _("At most 5,000 characters."),
            "date_of_birth": _("Optional. Used only to check the network's eligibility rules."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].required = True
        self.fields["consent"].label = _(
            "I agree that the network processes the data in this form to decide on my application."
        )
        self.fields["office"].queryset = Office.objects.order_by("name")
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.add_date_validators()

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class ProfileForm(PersonalDatesMixin, forms.ModelForm):
    photo_upload = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 2 MB. Signed-in users see it; others see your initials."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)

    class Meta:
        model = Member
        fields = PROFILE_FIELDS
        widgets = {**PersonalDatesMixin.DATE_WIDGETS, "bio": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_date_validators()
        self.prepared_photo = None

    def clean_photo_upload(self) -> Any:
        upload = self.cleaned_data.get("photo_upload")
        if upload:
            self.prepared_photo = photo_prepare(upload)
        return upload


class DecisionForm(forms.Form):
    APPROVE = "approve"
    REJECT = "reject"
    WITHDRAW = "withdraw"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve")), (REJECT, _("Reject")), (WITHDRAW, _("Mark as withdrawn"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to reject, and to approve an applicant outside the eligibility rules."),
    )


class StatusChangeForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[
            (MemberStatus.PAUSED, _("Pause the membership")),
            (MemberStatus.ALUMNI, _("Make alumni")),
            (MemberStatus.LEFT, _("Record that they left")),
            (MemberStatus.ACTIVE, _("Reactivate")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    left_on = forms.DateField(
        label=_("Date"),
        required=False,
        widget=DateInput(),
        validators=[validate_not_future],
        help_text=_("For alumni or left: the day the membership ended (today if empty)."),
    )
    confirm = forms.BooleanField(label=_("I confirm this change"), required=True)


class AnonymiseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: the person asked for it on 3 May, by email."),
    )
    confirm = forms.BooleanField(label=_("I understand that this cannot be undone"), required=True)


class InvitationPasswordForm(forms.Form):
    password1 = forms.CharField(
        label=_("New password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("New password (again)"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords are not the same."))
        return cleaned
