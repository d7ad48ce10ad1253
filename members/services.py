"""Writes with rules in the members app."""

from __future__ import annotations

from .models import Language, User


def user_set_language(*, user: User, language: str) -> User:
    if language not in Language.values:
        language = Language.SPANISH
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return user
