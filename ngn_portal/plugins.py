"""How the portal finds what each app contributes (dashboard panels, demo data, personal data).

An app opts in by having a module of the agreed name, the way admin.py works for the admin.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType


def optional_app_module(app: str, name: str) -> ModuleType | None:
    """``<app>.<name>`` if the app has that module, else None. Errors inside the module are not hidden."""
    try:
        return import_module(f"{app}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{app}.{name}":
            raise
        return None
