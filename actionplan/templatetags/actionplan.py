"""The plan's small repeated markup (RAG badge, progress) written in Python: lists draw them on every row,
where an ``{% include %}`` costs a template render each."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..progress import AMBER_POINTS_BEHIND, DUE_SOON_DAYS, DUE_SOON_MIN_PERCENT, Rag

register = template.Library()

_RAG_BADGES = {
    Rag.RED.value: ("text-bg-danger", Rag.RED.label),
    Rag.AMBER.value: ("text-bg-warning", Rag.AMBER.label),
    Rag.GREEN.value: ("text-bg-success", Rag.GREEN.label),
}
_NOT_RATED = ("text-bg-secondary", _("Not rated"))


@register.inclusion_tag("actionplan/_explain.html")
def explain_figures() -> dict[str, int]:
    """The rules behind every figure, with the thresholds the code really uses."""
    return {"amber_points": AMBER_POINTS_BEHIND, "due_days": DUE_SOON_DAYS, "due_percent": DUE_SOON_MIN_PERCENT}


@register.simple_tag
def rag_badge(rag: str | None) -> SafeString:
    """A coloured badge naming the RAG status ("red", "amber", "green"); None is "not rated"."""
    css, label = _RAG_BADGES.get(str(rag), _NOT_RATED) if rag else _NOT_RATED
    return format_html('<span class="badge {}">{}</span>', css, label)


@register.simple_tag
def progress_meter(value: int | None, expected: int | None = None) -> SafeString:
    """A percent with a small bar (hidden from screen readers, which read the figure) and the expected one."""
    shown = "\u2013" if value is None else f"{value}%"
    expected_html = (
        format_html(
            ' <small class="text-body-secondary">({})</small>',
            gettext("expected %(expected)s%%") % {"expected": expected},
        )
        if expected is not None
        else ""
    )
    return format_html(
        '<span class="text-nowrap"><progress class="align-middle me-1" max="100" value="{}" aria-hidden="true">'
        "</progress>{}{}</span>",
        value or 0,
        shown,
        expected_html,
    )
