"""Pages that list every member (an AGM's invitations, who has not confirmed the ToR) stay usable at scale: figures
on top, 25 names a page, filters that keep their place, cached figures that show a write at once."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.caching import acknowledgement_cache, meeting_cache, tor_banner_cache
from governance.models import Attendance, AttendanceStatus, Meeting, QuorumPolicy
from governance.services import acknowledgement_create, attendance_record, attendance_rsvp, meeting_create
from members.models import MemberStatus
from tests.factories import MemberFactory, OfficeFactory

from .factories import approved_version

pytestmark = pytest.mark.django_db


def _meeting(by, *, starts_in=dt.timedelta(hours=-2)) -> Meeting:
    """An AGM to which every active member is invited (as scheduling one from the page does)."""
    starts = timezone.now() + starts_in
    return meeting_create(
        by=by, kind="agm", title="Asamblea", starts_at=starts, ends_at=starts + dt.timedelta(hours=2), place="Quito"
    )


@pytest.fixture
def crowd(db):
    """30 members whose names sort after the fixtures' people ("Invitada 00" to "Invitada 29")."""
    return [
        MemberFactory(user__full_name=f"Invitada {i:02d}", user__email=f"invitada{i:02d}@ngn.example")
        for i in range(30)
    ]


def _names(response) -> list[str]:
    return [name for name, _office, _state in response.context["attendance_rows"]]


# The meeting's page ----------------------------------------------------------------------------------------------


def test_meeting_page_counts_the_invitations_by_state_and_lists_them_25_a_page(alice_client, coordinator, crowd):
    meeting = _meeting(coordinator, starts_in=dt.timedelta(days=3))
    attendance_rsvp(meeting=meeting, member=crowd[0], status=AttendanceStatus.CONFIRMED)
    attendance_rsvp(meeting=meeting, member=crowd[1], status=AttendanceStatus.DECLINED)
    url = reverse("governance:meeting", args=[meeting.pk])

    first = alice_client.get(url)
    assert first.context["attendance_total"] == 32  # the crowd, alice and the coordinator
    summary = {value: count for value, _label, count in first.context["attendance_summary"]}
    assert summary[AttendanceStatus.INVITED] == 30 and summary[AttendanceStatus.CONFIRMED] == 1
    assert summary[AttendanceStatus.DECLINED] == 1
    body = first.content.decode()
    assert "Confirmado: 1" in body and "Página 1 de 2" in body
    second = alice_client.get(url, {"page": 2})
    # Every invitation once, in name order, across the two pages.
    names = _names(first) + _names(second)
    assert len(_names(first)) == 25 and len(names) == 32 and names == sorted(set(names))


def test_meeting_page_filters_by_state_and_searches_names(alice_client, coordinator, crowd):
    meeting = _meeting(coordinator, starts_in=dt.timedelta(days=3))
    attendance_rsvp(meeting=meeting, member=crowd[5], status=AttendanceStatus.CONFIRMED)
    url = reverse("governance:meeting", args=[meeting.pk])

    confirmed = alice_client.get(url, {"status": AttendanceStatus.CONFIRMED})
    assert _names(confirmed) == ["Invitada 05"]
    assert "1 persona coincide." in confirmed.content.decode()
    # Each word must be in the name.
    found = alice_client.get(url, {"q": "2 invitada"})
    assert _names(found) == ["Invitada 02", "Invitada 12", *(f"Invitada {i}" for i in range(20, 30))]
    assert "12 personas coinciden." in found.content.decode()
    assert (
        alice_client.get(url, {"q": "invitada 2", "status": AttendanceStatus.CONFIRMED}).context["attendance_rows"]
        == []
    )
    # A state that is not one is no filter at all.
    assert len(_names(alice_client.get(url, {"status": "bogus"}))) == 25


def test_meeting_list_of_invitations_is_for_participants(charlie_client, coordinator, crowd):
    meeting = _meeting(coordinator)
    response = charlie_client.get(reverse("governance:meeting", args=[meeting.pk]))
    assert response.status_code == 200 and "attendance_rows" not in response.context
    assert "Invitada 00" not in response.content.decode()


@pytest.mark.parametrize("invitees", [3, 60])
def test_meeting_page_budget_with_a_search(alice_client, coordinator, invitees, django_assert_max_num_queries):
    MemberFactory.create_batch(invitees)
    meeting = _meeting(coordinator)
    url = reverse("governance:meeting", args=[meeting.pk])
    alice_client.get(url)  # the figures are cached from here on
    with django_assert_max_num_queries(9):
        assert alice_client.get(url, {"page": 2}).status_code == 200
    with django_assert_max_num_queries(10):  # a search counts its matches
        assert alice_client.get(url, {"q": "prueba"}).status_code == 200


def test_meeting_figures_show_every_write_at_once(alice, alice_client, bob, coordinator):
    QuorumPolicy.objects.update_or_create(pk=1, defaults={"share_percent": 50, "minimum_count": 1})
    meeting = _meeting(coordinator)
    url = reverse("governance:meeting", args=[meeting.pk])

    def quorum():
        return alice_client.get(url).context["quorum"]

    assert (quorum().needed, quorum().present) == (2, 0)  # 3 active members
    attendance_record(meeting=meeting, statuses={bob.member.pk: AttendanceStatus.ATTENDED}, by=coordinator)
    assert quorum().present == 1
    MemberFactory.create_batch(2)
    assert quorum().needed == 3
    bob.member.status = MemberStatus.PAUSED  # still a member, no longer counted for the quorum
    bob.member.save()
    assert quorum().needed == 2
    QuorumPolicy.objects.update_or_create(pk=1, defaults={"share_percent": 100})
    assert quorum().needed == 4
    Attendance.objects.get(meeting=meeting, member=bob.member).delete()
    assert quorum().present == 0


def test_signing_in_keeps_the_cached_figures(alice, client):
    before = meeting_cache.version()
    client.force_login(alice)
    assert meeting_cache.version() == before
    alice.full_name = "Alice Renombrada"
    alice.save()
    assert meeting_cache.version() != before


def test_writes_drop_the_cached_figures_again_once_committed(alice, coordinator, django_capture_on_commit_callbacks):
    """A reader between a write and its commit may cache what it saw before: the commit drops that too, for the
    services' bulk writes of invitations as for the saves the signals see."""
    version = approved_version(by=coordinator, major=1, minor=0)
    writes = [
        (meeting_cache, lambda: _meeting(coordinator)),
        (acknowledgement_cache, lambda: acknowledgement_create(member=alice.member, version=version)),
        (tor_banner_cache, lambda: acknowledgement_create(member=coordinator.member, version=version)),
    ]
    for versioned, write in writes:
        with django_capture_on_commit_callbacks(execute=True):
            write()
            during = versioned.version()
        assert versioned.version() != during


def test_an_rsvp_shows_in_the_figures_at_once(alice, alice_client, coordinator):
    meeting = _meeting(coordinator, starts_in=dt.timedelta(days=3))
    url = reverse("governance:meeting", args=[meeting.pk])
    assert alice_client.get(url).context["mine"] == "Invitado"
    alice_client.post(reverse("governance:meeting_rsvp", args=[meeting.pk]), {"status": "confirmed"})
    response = alice_client.get(url)
    summary = {value: count for value, _label, count in response.context["attendance_summary"]}
    assert response.context["mine"] == "Confirmado" and summary[AttendanceStatus.CONFIRMED] == 1
    assert ("Alice Prueba Dueña", alice.member.office.name, "Confirmado") in response.context["attendance_rows"]


def test_the_cached_page_of_names_follows_renames(alice, alice_client, coordinator):
    meeting = _meeting(coordinator)
    url = reverse("governance:meeting", args=[meeting.pk])
    assert "Alice Prueba Dueña" in _names(alice_client.get(url))
    alice.full_name = "Alicia Prueba"
    alice.save()
    office = alice.member.office
    office.name = "Distrito Renombrado"
    office.save()
    rows = alice_client.get(url).context["attendance_rows"]
    assert ("Alicia Prueba", "Distrito Renombrado", "Invitado") in rows


# Recording attendance --------------------------------------------------------------------------------------------


def _fields(response) -> list[str]:
    return list(response.context["form"].fields)


def test_attendance_is_recorded_page_by_page_without_losing_any(coordinator_client, coordinator, crowd):
    meeting = _meeting(coordinator)  # 31 invited: the crowd and the coordinator
    url = reverse("governance:meeting_attendance", args=[meeting.pk])

    first = coordinator_client.get(url)
    assert len(_fields(first)) == 25 and "Guardar esta página y pasar a la siguiente" in first.content.decode()
    saved = coordinator_client.post(url, dict.fromkeys(_fields(first), AttendanceStatus.ATTENDED))
    assert saved.status_code == 302 and saved["Location"] == f"{url}?page=2"
    second = coordinator_client.get(saved["Location"])
    assert len(_fields(second)) == 6 and not set(_fields(first)) & set(_fields(second))
    done = coordinator_client.post(saved["Location"], dict.fromkeys(_fields(second), AttendanceStatus.ABSENT))
    assert done["Location"] == reverse("governance:meeting", args=[meeting.pk])
    statuses = Counter(Attendance.objects.filter(meeting=meeting).values_list("status", flat=True))
    assert statuses == {AttendanceStatus.ATTENDED: 25, AttendanceStatus.ABSENT: 6}

    # A blank choice leaves a person as they are; a row posted from a page that has moved is still saved.
    one = _fields(first)[0]
    coordinator_client.post(url, {**dict.fromkeys(_fields(first), ""), one: AttendanceStatus.EXCUSED})
    coordinator_client.post(url, {_fields(second)[0]: AttendanceStatus.ATTENDED})
    statuses = Counter(Attendance.objects.filter(meeting=meeting).values_list("status", flat=True))
    assert statuses == {AttendanceStatus.ATTENDED: 25, AttendanceStatus.ABSENT: 5, AttendanceStatus.EXCUSED: 1}
    page = coordinator_client.get(reverse("governance:meeting", args=[meeting.pk]))
    assert page.context["quorum"].present == 25  # the figures followed every save


def test_attendance_search_finds_someone_at_the_door(coordinator_client, coordinator, crowd):
    meeting = _meeting(coordinator)
    url = reverse("governance:meeting_attendance", args=[meeting.pk])
    response = coordinator_client.get(url, {"q": "Invitada 29"})
    assert _fields(response) == [f"member_{crowd[29].pk}"]
    saved = coordinator_client.post(f"{url}?q=Invitada+29", {f"member_{crowd[29].pk}": AttendanceStatus.ATTENDED})
    assert saved["Location"] == reverse("governance:meeting", args=[meeting.pk])
    assert Attendance.objects.get(meeting=meeting, member=crowd[29]).status == AttendanceStatus.ATTENDED
    assert "Nadie invitado" in coordinator_client.get(url, {"q": "Nadie Así"}).content.decode()


@pytest.mark.parametrize("invitees", [3, 60])
def test_attendance_page_budget(coordinator_client, coordinator, invitees, django_assert_max_num_queries):
    MemberFactory.create_batch(invitees)
    meeting = _meeting(coordinator)
    url = reverse("governance:meeting_attendance", args=[meeting.pk])
    coordinator_client.get(url)
    with django_assert_max_num_queries(7):
        assert coordinator_client.get(url).status_code == 200


# Who has not confirmed the ToR -----------------------------------------------------------------------------------


@pytest.fixture
def two_offices(db):
    north, south = OfficeFactory(name="Distrito Norte"), OfficeFactory(name="Distrito Sur")
    MemberFactory.create_batch(20, office=north)
    MemberFactory.create_batch(10, office=south)
    return north, south


def test_pending_confirmations_by_office_25_a_page(coordinator_client, coordinator, alice, two_offices):
    _north, south = two_offices
    version = approved_version(by=coordinator, major=1, minor=0)
    acknowledgement_create(member=alice.member, version=version)
    url = reverse("governance:acknowledgements")

    first = coordinator_client.get(url)
    assert (first.context["confirmed"], first.context["pending_count"]) == (1, 31)  # 30 and the coordinator
    offices = {office.name: len(office.member_ids) for office in first.context["offices"]}
    assert offices["Distrito Norte"] == 20 and offices["Distrito Sur"] == 10
    assert "1 confirmaron, 31 aún por confirmar." in first.content.decode()
    second = coordinator_client.get(url, {"page": 2})
    emails = [email for _n, email, _o in first.context["rows"] + second.context["rows"]]
    assert len(first.context["rows"]) == 25 and len(set(emails)) == 31 and alice.email not in emails

    south_only = coordinator_client.get(url, {"office": south.pk})
    assert {office for _n, _e, office in south_only.context["rows"]} == {"Distrito Sur"}
    assert len(south_only.context["rows"]) == 10 and "Por confirmar en Distrito Sur" in south_only.content.decode()
    assert len(coordinator_client.get(url, {"office": "x"}).context["rows"]) == 25

    # The export keeps the whole list.
    csv_rows = coordinator_client.get(reverse("governance:acknowledgements_csv")).content.decode().splitlines()
    assert len(csv_rows) == 32


def test_a_confirmation_leaves_the_pending_list_at_once(coordinator_client, coordinator, bob, bob_client):
    version = approved_version(by=coordinator, major=1, minor=0)
    url = reverse("governance:acknowledgements")
    assert bob.email in coordinator_client.get(url).content.decode()
    bob_client.post(reverse("governance:acknowledge", args=[version.document.slug, 1, 0]))
    response = coordinator_client.get(url)
    assert bob.email not in response.content.decode() and response.context["confirmed"] == 1
    bob.member.delete()  # and a member who leaves
    assert coordinator_client.get(url).context["confirmed"] == 0


@pytest.mark.parametrize("members", [3, 60])
def test_pending_confirmations_budget(coordinator_client, coordinator, members, django_assert_max_num_queries):
    MemberFactory.create_batch(members)
    approved_version(by=coordinator, major=1, minor=0)
    url = reverse("governance:acknowledgements")
    with django_assert_max_num_queries(8):  # the first visit computes the list and the count of confirmations
        assert coordinator_client.get(url).status_code == 200
    with django_assert_max_num_queries(6):
        assert coordinator_client.get(url, {"page": 2}).status_code == 200


def test_saving_a_page_does_not_undo_what_someone_else_recorded_meanwhile(coordinator_client, coordinator, crowd):
    meeting = _meeting(coordinator)
    url = reverse("governance:meeting_attendance", args=[meeting.pk])
    Attendance.objects.filter(meeting=meeting).update(status=AttendanceStatus.ABSENT)
    page = coordinator_client.get(url).content.decode()
    ana, ben = _fields(coordinator_client.get(url))[:2]
    assert f'name="initial-{ana}" value="{AttendanceStatus.ABSENT}"' in page  # what the page showed
    # Meanwhile another secretary finds Ana at the door.
    ana_id = int(ana.removeprefix("member_"))
    Attendance.objects.filter(meeting=meeting, member_id=ana_id).update(status=AttendanceStatus.ATTENDED)
    # The first page is saved as it was shown, with Ben changed.
    shown = AttendanceStatus.ABSENT
    coordinator_client.post(
        url, {ana: shown, f"initial-{ana}": shown, ben: AttendanceStatus.EXCUSED, f"initial-{ben}": shown}
    )
    assert Attendance.objects.get(meeting=meeting, member_id=ana_id).status == AttendanceStatus.ATTENDED
    ben_id = int(ben.removeprefix("member_"))
    assert Attendance.objects.get(meeting=meeting, member_id=ben_id).status == AttendanceStatus.EXCUSED
