from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from members.permissions import is_coordinator


def portal(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {"is_coordinator": bool(user is not None and is_coordinator(user))}
