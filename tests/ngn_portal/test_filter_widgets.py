"""Filter bars: PlainSelect writes the same markup as Django's Select; fields carry Bootstrap classes and errors."""

from __future__ import annotations

import pytest
from django import forms
from django.test import SimpleTestCase

from audit.filters import AuditEntryFilter
from members.filters import directory_filter
from ngn_portal.filters import PlainSelect

# A group, an int value, a quote and a value offered twice (Django selects only the first).
CHOICES = [
    ("", "---------"),
    ("a", 'A & <b> "B"'),
    ("Grupo", [("x", "Equis"), ("y", "Ye")]),
    (3, "Tres"),
    ("x", "Equis otra vez"),
]


@pytest.mark.parametrize("value", ["", "a", "x", 3, None])
def test_plain_select_writes_what_djangos_select_writes(value) -> None:
    attrs = {"id": "id_choice", "class": "form-select", "aria-describedby": "id_choice_helptext"}
    expected = forms.Select(choices=CHOICES).render("choice", value, attrs=attrs)
    SimpleTestCase().assertHTMLEqual(PlainSelect(choices=CHOICES).render("choice", value, attrs=attrs), expected)


def test_labels_are_escaped() -> None:
    html = PlainSelect(choices=CHOICES).render("choice", "a")
    assert "A &amp; &lt;b&gt; &quot;B&quot;" in html and "<b>" not in html


@pytest.mark.django_db
def test_the_directory_sort_keeps_its_choice_and_an_invalid_value_is_marked() -> None:
    form = directory_filter({"sort": "-joined", "cohort": "no such cohort"}, coordinator=True).form
    sort = str(form["sort"])
    assert '<option value="-joined" selected>' in sort and 'class="form-select"' in sort
    cohort = str(form["cohort"])
    assert "is-invalid" in cohort and 'aria-invalid="true"' in cohort


@pytest.mark.django_db
def test_the_filter_bar_shows_the_error_beside_the_field() -> None:
    from django.template.loader import render_to_string

    form = AuditEntryFilter({"since": "not a date"}).form
    html = render_to_string("_filter_fields.html", {"form": form, "column": "col"})
    assert 'aria-describedby="id_since_error"' in html
    assert '<div id="id_since_error" class="invalid-feedback">' in html
    assert 'id="id_action_helptext"' in html and 'aria-describedby="id_action_helptext"' in html


@pytest.mark.parametrize(
    ("plain", "djangos", "value"),
    [
        ("PlainTextInput", forms.TextInput(), 'a "quoted" <value>'),
        ("PlainTextInput", forms.TextInput(), None),
        ("PlainDateInput", forms.DateInput(attrs={"type": "date"}), "2026-11-29"),
        ("PlainDateInput", forms.DateInput(attrs={"type": "date"}), None),
    ],
)
def test_plain_inputs_write_what_djangos_inputs_write(plain, djangos, value) -> None:
    from ngn_portal import filters

    ours = filters._plain(djangos)
    assert type(ours).__name__ == plain
    attrs = {"id": "id_x", "class": "form-control", "required": True, "disabled": False}
    SimpleTestCase().assertHTMLEqual(ours.render("x", value, attrs=attrs), djangos.render("x", value, attrs=attrs))
