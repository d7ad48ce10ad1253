"""A meeting as an iCalendar event (.ics)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from .models import Meeting


def meeting_ics(meeting: Meeting, request: HttpRequest) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//NGN Portal//governance//ES")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@ngn-portal")
    event.add("summary", meeting.title)
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("dtstamp", timezone.now())
    if meeting.place:
        event.add("location", meeting.place)
    url = request.build_absolute_uri(reverse("governance:meeting", args=[meeting.pk]))
    event.add("url", meeting.online_url or url)
    event.add("description", f"{meeting.agenda}\n\n{url}".strip())
    calendar.add_component(event)
    return calendar.to_ical()
