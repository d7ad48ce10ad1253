"""Forms for governance pages. Validation of input lives here; rules live in the services."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from .models import Attendance, CommentResolution, Decision, Meeting, Version
from .models.meetings import RSVP_STATUSES, AttendanceStatus
from .rendering import Heading

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's refusal beside the field it names, or at the top of the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class VersionForm(forms.ModelForm):
    class Meta:
        model = Version
        fields = ("major", "minor", "change_summary", "body_es", "body_en", "effective_on")
        widgets = {
            "body_es": forms.Textarea(attrs={"rows": 18}),
            "body_en": forms.Textarea(attrs={"rows": 18}),
            "change_summary": forms.Textarea(attrs={"rows": 3}),
            "effective_on": DATE_INPUT,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # the number of an existing version does not change
            for name in ("major", "minor"):
                self.fields[name].disabled = True

    def validate_unique(self) -> None:
        # The service checks the number (and says so beside the field); the document is not on the form.
        pass


class ConsultationForm(forms.Form):
    opens_at = forms.DateTimeField(label=_("Consultation opens"), widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS)
    closes_at = forms.DateTimeField(
        label=_("Consultation closes"), widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The consultation must close after it opens."))
        return cleaned


class ApproveForm(forms.Form):
    decision = forms.ModelChoiceField(
        label=_("Approving decision"),
        queryset=Decision.objects.none(),
        help_text=_("A decision approving the Terms of Reference, taken at a meeting with quorum."),
    )
    effective_on = forms.DateField(label=_("Takes effect on"), required=False, widget=DATE_INPUT)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = Decision.objects.filter(approved_version__isnull=True).select_related(
            "meeting"
        )


class CommentForm(forms.Form):
    section = forms.ChoiceField(label=_("Section"), required=False)
    body = forms.CharField(label=_("Your comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, toc: list[Heading], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", _("The whole document"))] + [(h.anchor, h.text) for h in toc]


class ResolveForm(forms.Form):
    resolution = forms.ChoiceField(
        label=_("Resolution"),
        choices=[(v, label) for v, label in CommentResolution.choices if v != CommentResolution.OPEN],
    )
    reply = forms.CharField(label=_("Reply"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class MeetingForm(forms.ModelForm):
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")

    class Meta:
        model = Meeting
        fields = ("kind", "title", "starts_at", "ends_at", "place", "online_url", "agenda")
        widgets = {"agenda": forms.Textarea(attrs={"rows": 8})}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        if not cleaned.get("place") and not cleaned.get("online_url"):
            self.add_error("place", _("Give a place or an online link."))
        return cleaned


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes (Markdown)"), widget=forms.Textarea(attrs={"rows": 14}))
    publish = forms.BooleanField(label=_("Publish the minutes to members"), required=False)


class RsvpForm(forms.Form):
    status = forms.ChoiceField(choices=[(s.value, s.label) for s in RSVP_STATUSES])


class AttendanceSearchForm(forms.Form):
    """The name search over a meeting's invitations (a GET form: invalid input just means no search)."""

    q = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm", "type": "search"}),
    )

    def value(self, name: str) -> str:
        return self.cleaned_data.get(name, "") if self.is_valid() else ""


class AttendanceFilterForm(AttendanceSearchForm):
    """The name search plus the state of the invitation, on the meeting's page."""

    status = forms.ChoiceField(
        label=_("Attendance"),
        required=False,
        choices=[("", _("Everyone invited")), *AttendanceStatus.choices],
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )


class AttendanceForm(forms.Form):
    """One choice per invited member: attended, excused or absent.

    A form covers the rows it is given (one page of the list); a blank choice leaves a row as it is, so saving one
    page never touches the others.
    """

    CHOICES = [
        ("", _("(not recorded)")),
        (AttendanceStatus.ATTENDED.value, AttendanceStatus.ATTENDED.label),
        (AttendanceStatus.EXCUSED.value, AttendanceStatus.EXCUSED.label),
        (AttendanceStatus.ABSENT.value, AttendanceStatus.ABSENT.label),
    ]

    def __init__(self, *args: Any, attendances: Iterable[Attendance], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = []
        for attendance in attendances:
            name = f"member_{attendance.member_id}"
            initial = attendance.status if attendance.status in dict(self.CHOICES) else ""
            # show_hidden_initial: the page sends back what it showed, so a row left as it was is not "changed".
            self.fields[name] = forms.ChoiceField(
                label=attendance.member.user.full_name,
                choices=self.CHOICES,
                required=False,
                initial=initial,
                show_hidden_initial=True,
            )
            self.rows.append((attendance, name))

    def statuses(self) -> dict[int, str]:
        """The rows whose choice differs from what the page showed: a row left as it was is not recorded, so
        saving a page cannot undo what someone else recorded for that person meanwhile."""
        changed = set(self.changed_data)
        return {
            int(name.removeprefix("member_")): value
            for name, value in self.cleaned_data.items()
            if value and name in changed
        }

    def bound_rows(self) -> list[tuple[Attendance, BoundField, str]]:
        """Each row: the invitation, its field, and the hidden copy of the choice the page shows."""
        return [(attendance, self[name], self[name].as_hidden(only_initial=True)) for attendance, name in self.rows]


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ("kind", "text", "votes_for", "votes_against", "votes_abstain", "outcome")
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
