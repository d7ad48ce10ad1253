"""The people every permission test needs.

- ``alice``: a member who owns things (the owner);
- ``bob``: another member, who must not touch alice's things;
- ``charlie``: an outsider, signed in but with no membership;
- ``coordinator``: an organizing official.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from members.models import User

from .factories import MemberFactory, UserFactory


def _flushes_the_database(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(
        (marker and marker.kwargs.get("transaction")) or "transactional_db" in fixtures or "live_server" in fixtures
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A transactional test ends by flushing the database, which also removes the rows that data
    # migrations wrote (key factors, policies, beat schedules). pytest-django runs them last, but
    # pytest-playwright's browser parametrisation regroups items afterwards: run them last again.
    items.sort(key=_flushes_the_database)


@pytest.fixture(autouse=True)
def _clean_cache():
    # Rate limits and cached figures live in the real cache (Redis in `make test`).
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def alice(db) -> User:
    return MemberFactory(user__email="alice@ngn.example", user__full_name="Alice Prueba Dueña").user


@pytest.fixture
def bob(db) -> User:
    return MemberFactory(user__email="bob@ngn.example", user__full_name="Bob Prueba Otro").user


@pytest.fixture
def charlie(db) -> User:
    return UserFactory(email="charlie@ngn.example", full_name="Charlie Prueba Externo")


@pytest.fixture
def coordinator(db) -> User:
    user = UserFactory(email="coord@ngn.example", full_name="Coral Prueba Coordinadora", coordinator=True)
    MemberFactory(user=user)
    return user


def _client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def alice_client(alice) -> Client:
    return _client_for(alice)


@pytest.fixture
def bob_client(bob) -> Client:
    return _client_for(bob)


@pytest.fixture
def charlie_client(charlie) -> Client:
    return _client_for(charlie)


@pytest.fixture
def coordinator_client(coordinator) -> Client:
    return _client_for(coordinator)


@pytest.fixture
def role_clients(db, alice, bob, charlie, coordinator) -> dict[str, Client]:
    """One client per role, for tests parametrised over roles."""
    return {
        "anonymous": Client(),
        "member": _client_for(alice),
        "other_member": _client_for(bob),
        "outsider": _client_for(charlie),
        "coordinator": _client_for(coordinator),
    }
