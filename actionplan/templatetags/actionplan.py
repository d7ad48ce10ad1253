from __future__ import annotations

from django import template

from ..progress import AMBER_POINTS_BEHIND, DUE_SOON_DAYS, DUE_SOON_MIN_PERCENT

register = template.Library()


@register.inclusion_tag("actionplan/_explain.html")
def explain_figures() -> dict[str, int]:
    """The rules behind every figure, with the thresholds the code really uses."""
    return {"amber_points": AMBER_POINTS_BEHIND, "due_days": DUE_SOON_DAYS, "due_percent": DUE_SOON_MIN_PERCENT}
