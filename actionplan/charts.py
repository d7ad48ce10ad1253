"""Geometry for the plan's SVG charts, drawn by templates on the server (no script, CSP-safe).

Each function returns plain numbers; the templates under ``actionplan/charts/`` draw them with a
``<title>``, a ``<desc>`` and the same data as a table for screen readers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.formats import date_format

from .models import Activity
from .progress import PlanFigures

RAG_COLOURS = {"red": "#b02a37", "amber": "#a15c00", "green": "#1e7b4a", None: "#6c757d"}
BAR_COLOUR = "#0b4f6c"
LABEL_WIDTH = 260
CHART_WIDTH = 720
ROW_HEIGHT = 26


@dataclass
class BarRow:
    label: str
    value: int | None
    expected: int | None
    y: int
    width: float
    expected_x: float | None
    colour: str
    detail: str = ""


def progress_bars(rows: list[tuple[str, int | None, int | None, str | None, str]]) -> dict:
    """Rows of ``(label, progress, expected, rag, detail)`` -> a horizontal bar chart with expected marks."""
    plot = CHART_WIDTH - LABEL_WIDTH - 50
    bars = []
    for index, (label, value, expected, rag, detail) in enumerate(rows):
        bars.append(
            BarRow(
                label=label,
                value=value,
                expected=expected,
                y=index * ROW_HEIGHT + 4,
                width=plot * (value or 0) / 100,
                expected_x=(LABEL_WIDTH + plot * expected / 100) if expected is not None else None,
                colour=RAG_COLOURS.get(rag, BAR_COLOUR) if rag else BAR_COLOUR,
                detail=detail,
            )
        )
    return {
        "width": CHART_WIDTH,
        "height": len(rows) * ROW_HEIGHT + 24,
        "label_width": LABEL_WIDTH,
        "plot_width": plot,
        "axis_y": len(rows) * ROW_HEIGHT + 4,
        "ticks": [{"x": LABEL_WIDTH + plot * p / 100, "label": p} for p in (0, 25, 50, 75, 100)],
        "bars": bars,
    }


RAG_WIDTH = 360  # drawn in a third of the page: a narrower canvas keeps its text legible


def rag_segments(counts: dict[str, int]) -> dict:
    """One stacked bar of the RAG counts."""
    total = sum(counts.values())
    x = 0.0
    segments = []
    for rag in ("red", "amber", "green"):
        count = counts.get(rag, 0)
        width = (RAG_WIDTH * count / total) if total else 0
        segments.append({"rag": rag, "count": count, "x": x, "width": width, "colour": RAG_COLOURS[rag]})
        x += width
    return {"width": RAG_WIDTH, "height": 34, "segments": segments, "total": total}


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    months = []
    day = start.replace(day=1)
    while day <= end:
        months.append(day)
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months


def timeline(figures: PlanFigures, activities: list[Activity]) -> dict:
    """Bars from start to due date for ``activities`` (a page of ``figures.activities``), grouped by objective,
    with a line for today. The time axis spans the plan and every activity of the figures, so that it stays
    the same from one page to the next."""
    start = figures.plan.period_start if figures.plan else figures.today
    end = figures.plan.period_end if figures.plan else figures.today
    for activity in figures.activities:
        start = min(start, activity.start_date)
        end = max(end, activity.due_date)
    span = max((end - start).days, 1)
    plot = CHART_WIDTH - LABEL_WIDTH - 10

    def x_of(day: dt.date) -> float:
        return LABEL_WIDTH + plot * (day - start).days / span

    rows = []
    y = 24
    by_objective: dict[int, list[Activity]] = {}
    for activity in activities:
        by_objective.setdefault(activity.objective_id, []).append(activity)
    for rollup in figures.objectives:
        objective = rollup.objective
        if objective is None or objective.pk not in by_objective:
            continue
        rows.append({"kind": "group", "y": y, "label": str(objective)})
        y += ROW_HEIGHT
        for activity in by_objective[objective.pk]:
            bar_x = x_of(activity.start_date)
            bar_w = max(x_of(activity.due_date) - bar_x, 3)
            progress = activity.figures.progress  # type: ignore[attr-defined]
            rows.append(
                {
                    "kind": "activity",
                    "y": y,
                    "label": f"{activity.code} {activity.title}",
                    "activity": activity,
                    "x": bar_x,
                    "width": bar_w,
                    "done_width": bar_w * progress / 100,
                    "colour": RAG_COLOURS[activity.figures.rag],  # type: ignore[attr-defined]
                }
            )
            y += ROW_HEIGHT
    today = figures.today
    return {
        "width": CHART_WIDTH,
        "height": y + 8,
        "label_width": LABEL_WIDTH,
        "rows": rows,
        "months": [{"x": x_of(m), "label": date_format(m, "M")} for m in _months(start, end)],
        "today_x": x_of(today) if start <= today <= end else None,
        "today": today,
        "start": start,
        "end": end,
    }
