"""Erasing a person on request: their personal data goes, the network's records (and the audit chain) stay.

The register refers to people by user id, never by name, so replacing the name and the address on the
account is enough for every past entry to show the pseudonym while every hash still verifies.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from engagement.models import EmailStatus, OutgoingEmail
from engagement.models.outbox import CLAIMABLE

from ..models import Member, MembershipApplication, MemberStatus, User

# Spanish, the network's language: the pseudonym is data, shown as is to everyone.
PSEUDONYM_FORMAT = "Miembro anonimizado {number:04d}"


def pseudonym_for(member: Member) -> str:
    return PSEUDONYM_FORMAT.format(number=member.pk)


def anonymised_email_for(user: User) -> str:
    # ".invalid" is reserved (RFC 2606): nothing can ever be delivered there, and the user id keeps it unique.
    return f"anonymised-{user.pk}@invalid.invalid"


def _anonymise_applications(*, member: Member, email: str, pseudonym: str, address: str) -> list[int]:
    applications = MembershipApplication.objects.filter(Q(email__iexact=email) | Q(member=member))
    ids = list(applications.values_list("pk", flat=True))
    # update() on purpose: no history row is written for the old values, and the old rows are purged below.
    MembershipApplication.objects.filter(pk__in=ids).update(
        full_name=pseudonym,
        email=address,
        position_title="",
        date_of_birth=None,
        motivation="",
        supervisor_name="",
        supervisor_email="",
        # A rejection must keep a reason (a constraint), but the old one may name the person.
        decision_reason=Case(When(decision_reason="", then=Value("")), default=Value("—")),
    )
    return ids


def _anonymise_outbox(*, user: User, email: str) -> None:
    mail = OutgoingEmail.objects.filter(Q(recipient=user) | Q(to_email__iexact=email))
    # Whatever was still waiting has nowhere to go now.
    mail.filter(status__in=CLAIMABLE).update(status=EmailStatus.SUPPRESSED)
    mail.update(to_email="", subject="", body_text="", body_html="", headers={})


def _purge_history(*, member: Member, user: User, application_ids: list[int]) -> None:
    """Past versions of these rows hold the very data being erased."""
    Member.history.filter(id=member.pk).delete()
    MembershipApplication.history.filter(id__in=application_ids).delete()
    if hasattr(User, "history"):
        User.history.filter(id=user.pk).delete()


@transaction.atomic
def member_anonymise(*, member: Member, by: User, reason: str) -> Member:
    """Erase the personal data of a member who has left. Irreversible."""
    # The office comes along for the search text the save rewrites; only the member and account are locked.
    locked = Member.objects.select_for_update(of=("self", "user")).select_related("user", "office")
    member = locked.get(pk=member.pk)
    if member.anonymised_at is not None:
        raise ValidationError(_("This member has already been anonymised."))
    if member.status != MemberStatus.LEFT:
        raise ValidationError(_("Only a member who has left the network can be anonymised."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for this request.")})

    user = member.user
    old_email = user.email
    pseudonym = pseudonym_for(member)
    address = anonymised_email_for(user)
    old_photo = member.photo.name if member.photo else ""
    storage = member.photo.storage

    application_ids = _anonymise_applications(member=member, email=old_email, pseudonym=pseudonym, address=address)
    _anonymise_outbox(user=user, email=old_email)
    EmailAddress.objects.filter(Q(user=user) | Q(email__iexact=old_email)).delete()
    Authenticator.objects.filter(user=user).delete()
    _purge_history(member=member, user=user, application_ids=application_ids)

    user.full_name = pseudonym
    user.email = address
    user.is_active = False
    user.set_unusable_password()
    user.save()
    for name in ("position_title", "phone", "bio", "skills"):
        setattr(member, name, "")
    member.date_of_birth = None
    member.service_started_on = None
    member.photo = ""
    member.status_reason = reason
    member.anonymised_at = timezone.now()
    member.full_clean()
    member.save()  # its one history row now holds only the anonymised state
    audit_record(action="members.member.anonymised", actor=by, target=member, data={"pseudonym": pseudonym})
    if old_photo:
        # The file goes only once the erasure is committed: a rollback must not lose it.
        transaction.on_commit(lambda: storage.delete(old_photo))
    return member
