from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    """Accounts come from coordinators or approved applications, never from open sign-up."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
