from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DeliveryMode
from .registry import registry


class PreferencesForm(forms.Form):
    """One checkbox per optional kind, and the delivery mode. Mandatory kinds are listed, never offered."""

    kinds = forms.MultipleChoiceField(
        label=_("Reminders I want to receive"), required=False, widget=forms.CheckboxSelectMultiple
    )
    mode = forms.ChoiceField(label=_("How to deliver them"), choices=DeliveryMode.choices, widget=forms.RadioSelect)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kinds"].choices = [(kind.key, kind.label) for kind in registry.optional_kinds()]
