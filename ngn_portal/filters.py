"""The portal's filter bars: django-filter forms styled for Bootstrap without a template per field.

A filter bar sits on top of list pages that are read far more often than they are filtered, and rendering it
was a third of the directory's time: crispy-forms renders each field through a large template of
conditionals, and Django's ``Select`` renders every ``<option>`` through two more templates. A filter bar needs
only a label, the widget, its help and its errors: the widgets get Bootstrap's classes here, selects and
inputs are written in Python with Django's own markup (tested side by side), and templates/_filter_fields.html
lays them out.
"""

from __future__ import annotations

from html import escape
from typing import Any

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import SafeString
from django_filters.widgets import BaseCSVWidget


class PlainSelect(forms.Select):
    """A ``<select>`` with the markup of Django's own, written in one pass instead of a template per option.

    Django renders every option through its own template (about 70 µs each): a plan's owner filter offers
    hundreds of people. Single choice only, as filter bars use it; groups are kept.
    """

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None) -> SafeString:
        chosen = set(self.format_value(value))
        parts: list[str] = []
        selected_one = False  # like Django's Select: only the first option matching the value is selected

        def add(option_value: Any, label: Any) -> None:
            nonlocal selected_one
            option_value = "" if option_value is None else str(option_value)
            selected = not selected_one and option_value in chosen
            selected_one = selected_one or selected
            parts.append(
                f'<option value="{escape(option_value)}"{" selected" if selected else ""}>{_escaped(label)}</option>'
            )

        for option_value, label in self.choices:
            if isinstance(label, list | tuple):
                parts.append(f'<optgroup label="{_escaped(option_value)}">')
                for group_value, group_label in label:
                    add(group_value, group_label)
                parts.append("</optgroup>")
            else:
                add(option_value, label)
        final_attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return SafeString(f'<select name="{escape(name)}"{final_attrs}>{"".join(parts)}</select>')


def _escaped(text: Any) -> str:
    # html.escape is what django.utils.html.escape does, without its per-call lazy-string handling.
    return text.__html__() if hasattr(text, "__html__") else escape(str(text))


class PlainCSVSelect(BaseCSVWidget, PlainSelect):
    """django-filter's ordering select (one value, or several separated by commas), written as PlainSelect."""


class _PlainInput:
    """An ``<input>`` with the markup of Django's input template, written without rendering two templates."""

    def _render(self, template_name: str, context: dict[str, Any], renderer: Any = None) -> SafeString:
        widget = context["widget"]
        value = "" if widget["value"] is None else f' value="{escape(str(widget["value"]))}"'
        attrs = flatatt(widget["attrs"])
        return SafeString(f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{value}{attrs}>')


class PlainTextInput(_PlainInput, forms.TextInput):
    pass


class PlainDateInput(_PlainInput, forms.DateInput):
    pass


def _plain(widget: forms.Widget) -> forms.Widget:
    if type(widget) is forms.Select:
        return PlainSelect(attrs=widget.attrs, choices=widget.choices)
    if isinstance(widget, BaseCSVWidget) and isinstance(widget, forms.Select):
        return PlainCSVSelect(attrs=widget.attrs, choices=widget.choices)
    if type(widget) in (forms.TextInput, forms.DateInput):
        plain = (PlainTextInput if type(widget) is forms.TextInput else PlainDateInput)(attrs=widget.attrs)
        plain.input_type = widget.input_type  # the "type" attribute was taken out of attrs (type="date")
        if isinstance(widget, forms.DateInput):
            plain.format = widget.format
        return plain
    return widget


class BootstrapFilterSet(django_filters.FilterSet):
    @property
    def form(self) -> forms.Form:
        form = super().form
        if not getattr(form, "bootstrap_styled", False):
            bound_errors = form.errors if form.is_bound else {}
            for name, field in form.fields.items():
                field.widget = _plain(field.widget)
                base = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                classes = [base, "is-invalid"] if name in bound_errors else [base]
                field.widget.attrs["class"] = " ".join(classes)
            form.bootstrap_styled = True
        return form
