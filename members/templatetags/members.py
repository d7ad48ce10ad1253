"""A member's avatar, written in Python: the directory draws 25 on a page, where an include costs a render each."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from ..models import Member

register = template.Library()


@register.simple_tag
def avatar(member: Member, *, large: bool = False) -> SafeString:
    """The member's photo (checked on each request by members:photo) or their initials; decorative either way."""
    if member.photo:
        size = 96 if large else 40
        return format_html(
            '<img src="{}" alt="" class="avatar object-fit-cover{}" width="{}" height="{}" loading="lazy">',
            reverse("members:photo", args=[member.pk]),
            " avatar-lg" if large else "",
            size,
            size,
        )
    return format_html('<span class="avatar" aria-hidden="true">{}</span>', member.initials)
