from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from members.demo import DEMO_PASSWORD
from members.models import Member, Office, User
from members.permissions import is_coordinator


def _snapshot() -> list[tuple]:
    return sorted(
        (u.email, u.full_name, u.password, u.is_staff, u.is_superuser, u.preferred_language) for u in User.objects.all()
    ) + sorted(Member.objects.values_list("user__email", "office__code", "status", "joined_on"))


@pytest.mark.django_db
def test_load_demo_builds_the_founding_network(settings):
    settings.DEBUG = True
    call_command("load_demo")
    assert Office.objects.count() == 12
    founders = Member.objects.filter(cohort="Founding cohort 2022")
    assert founders.count() == 15
    admin = User.objects.get(email="admin@ngn.example")
    assert admin.is_superuser and admin.check_password(DEMO_PASSWORD)
    coordinator = User.objects.get(email="coordinator@ngn.example")
    assert is_coordinator(coordinator) and coordinator.check_password(DEMO_PASSWORD)
    member = User.objects.get(email="member@ngn.example")
    assert not is_coordinator(member) and member.check_password(DEMO_PASSWORD)


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing(settings):
    settings.DEBUG = True
    call_command("load_demo")
    first = _snapshot()
    call_command("load_demo")
    assert _snapshot() == first


@pytest.mark.django_db
def test_load_demo_refuses_without_debug_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo")
    assert not User.objects.exists()
    call_command("load_demo", force=True)
    assert User.objects.filter(email="member@ngn.example").exists()


@pytest.mark.django_db
def test_demo_people_are_visibly_invented(settings):
    settings.DEBUG = True
    call_command("load_demo")
    markers = ("Demo", "Ejemplo", "Ficticia", "Ficticio", "Prueba", "Muestra")
    for name in User.objects.values_list("full_name", flat=True):
        assert any(marker in name for marker in markers), name
