"""The portal's filter bars: django-filter forms styled for Bootstrap without a template per field.

A filter bar sits on top of list pages that are read far more often than they are filtered, and rendering it
was a third of the directory's time: crispy-forms renders each field through a large template of
conditionals, and Django's ``Select`` renders every ``<option>`` through two more templates. A filter bar needs
only a label, the widget, its help and its errors: the widgets get Bootstrap's classes here, selects are
written in Python (``PlainSelect``), and templates/_filter_fields.html lays them out.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django_filters.widgets import BaseCSVWidget


class PlainSelect(forms.Select):
    """A ``<select>`` with the markup of Django's own templates, written without rendering a template per option."""

    def _render(self, template_name: str, context: dict[str, Any], renderer: Any = None) -> SafeString:
        widget = context["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            rendered = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((option["value"], flatatt(option["attrs"]), option["label"]) for option in options),
            )
            groups.append(
                format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered) if group_name else rendered
            )
        html = format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), SafeString("".join(groups))
        )
        return html


class PlainCSVSelect(BaseCSVWidget, PlainSelect):
    """django-filter's ordering select (one value, or several separated by commas), written as PlainSelect."""


def _plain(widget: forms.Widget) -> forms.Widget:
    if type(widget) is forms.Select:
        return PlainSelect(attrs=widget.attrs, choices=widget.choices)
    if isinstance(widget, BaseCSVWidget) and isinstance(widget, forms.Select):
        return PlainCSVSelect(attrs=widget.attrs, choices=widget.choices)
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
