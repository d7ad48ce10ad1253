from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from members.models import Member

from .evidence import ALLOWED_TYPES, validate_evidence_file
from .models import Activity, ActivityStatus, Indicator
from .models.activity import ACTIVITY_TRANSITIONS


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError beside the fields it names (the rest above the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)  # type: ignore[arg-type]


class ProgressUpdateForm(forms.Form):
    percent = forms.IntegerField(
        label=_("Percent complete"),
        min_value=0,
        max_value=100,
        error_messages={
            "min_value": _("The percent must be between 0 and 100."),
            "max_value": _("The percent must be between 0 and 100."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 5}),
    )
    status = forms.ChoiceField(label=_("Change status to"), required=False)
    note = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    evidence_link = forms.URLField(
        label=_("Evidence link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("For example minutes, photos or an attendance list in a shared folder."),
    )
    evidence_file = forms.FileField(
        label=_("Or attach evidence"),
        required=False,
        help_text=_("A PDF or an image, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED_TYPES)}),
    )

    def __init__(self, *args: object, activity: Activity, may_cancel: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        allowed = [s for s in ActivityStatus if s in ACTIVITY_TRANSITIONS[activity.status]]
        if not may_cancel:
            allowed = [s for s in allowed if s != ActivityStatus.CANCELLED]
        self.fields["status"].choices = [("", _("Keep: %(status)s") % {"status": activity.get_status_display()})] + [
            (s.value, s.label) for s in allowed
        ]
        self.fields["status"].help_text = _(
            "A first update with some progress starts an activity that was not started yet."
        )

    def clean_evidence_file(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("evidence_file")
        if upload:
            validate_evidence_file(upload)
        return upload


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "code",
            "title",
            "description",
            "deliverables",
            "owner",
            "contributors",
            "start_date",
            "due_date",
            "weight",
        ]
        widgets = {
            "start_date": DateInput(),
            "due_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "deliverables": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        members = Member.objects.active().select_related("user")
        self.fields["owner"].queryset = members
        self.fields["contributors"].queryset = members
        self.fields["contributors"].required = False
        self.fields["weight"].min_value = 1
        self.fields["weight"].widget.attrs["min"] = 1


class PlanCopyForm(forms.Form):
    title_es = forms.CharField(label=_("Title (Spanish)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    period_start = forms.DateField(label=_("Period start"), widget=DateInput())
    period_end = forms.DateField(label=_("Period end"), widget=DateInput())
    carry_over_unfinished = forms.BooleanField(
        label=_("Carry over unfinished activities"),
        required=False,
        initial=True,
        help_text=_("Activities not done nor cancelled move to the new plan with their progress so far."),
    )

    def clean(self) -> dict:
        data = super().clean()
        start: dt.date | None = data.get("period_start")
        end: dt.date | None = data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", ValidationError(_("The period cannot end before it starts.")))
        return data


class IndicatorValueForm(forms.Form):
    period = forms.TypedChoiceField(label=_("Period ending"), coerce=dt.date.fromisoformat)
    value = forms.DecimalField(label=_("Value measured"), max_digits=12, decimal_places=2)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: object, indicator: Indicator, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        recorded = {v.period for v in indicator.values.all()}
        self.fields["period"].choices = [
            (day.isoformat(), date_format(day, "DATE_FORMAT")) for day in indicator.periods() if day not in recorded
        ]
        if indicator.unit:
            self.fields["value"].help_text = _("In %(unit)s.") % {"unit": indicator.unit}
