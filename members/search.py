"""The directory's search text: one folded column per member, so that a search is one index lookup per word.

A search word may match the name (on the account), the office's name or city (on the office), the position or
the skills (on the membership). Across three tables PostgreSQL cannot combine indexes: it read every member
and probed each word's matches, 9 ms for a full name at 10,000 members. ``Member.search_text`` holds all five,
folded (lower case, accents removed, so "sofia" finds "Sofía"), and one trigram index on it serves every word;
several words are an AND of index scans (members migration 0010).

The text is written by ``Member.save()``, and refreshed for the members concerned when an account or an
office is saved. Bulk inserts (``bulk_create``) send no signals: they must fill it with ``search_text_for``.
"""

from __future__ import annotations

import unicodedata
from typing import Any


def fold(text: str) -> str:
    """Lower case without accents: what is stored, and what a search word is turned into."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def search_text_for(*, full_name: str, office: Any, position_title: str = "", skills: str = "") -> str:
    parts = (full_name, office.name if office else "", office.city if office else "", position_title, skills)
    return fold(" | ".join(part for part in parts if part))


def refresh_search_text(members: Any) -> None:
    """Recompute the text of ``members`` (a queryset) after their account or office changed."""
    from .models import Member

    changed = []
    for member in members.select_related("user", "office"):
        text = member.build_search_text()
        if text != member.search_text:
            member.search_text = text
            changed.append(member)
    # update(), not save(): no history row, no signals; the text is derived data.
    Member.objects.bulk_update(changed, ["search_text"], batch_size=500)


def connect_signals() -> None:
    from django.db.models.signals import post_save

    from .models import Member, Office, User

    def account_saved(sender: type, instance: User, update_fields: Any = None, **kwargs: Any) -> None:
        if update_fields is None or "full_name" in update_fields:
            refresh_search_text(Member.objects.filter(user=instance))

    def office_saved(sender: type, instance: Office, created: bool, **kwargs: Any) -> None:
        if not created:
            refresh_search_text(Member.objects.filter(office=instance))

    post_save.connect(account_saved, sender=User, weak=False, dispatch_uid="members.search.account")
    post_save.connect(office_saved, sender=Office, weak=False, dispatch_uid="members.search.office")
