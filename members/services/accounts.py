"""Writes on accounts: the time of sign-in, language preference, and setting a password from an invitation."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record

from ..invitations import invitation_matches
from ..models import Language, User


def record_last_login(sender: type, user: User, **kwargs: object) -> None:
    """Stand-in for Django's ``update_last_login`` on ``user_logged_in``, without ``save()``.

    simple-history writes a historical row on every save, whatever the ``update_fields``: saving ``last_login``
    added one HistoricalUser per sign-in (its value is not even kept there). An ``update()`` sends no signal.
    """
    now = timezone.now()
    User.objects.filter(pk=user.pk).update(last_login=now)
    user.last_login = now


def user_set_language(*, user: User, language: str) -> User:
    language = Language.or_default(language)
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return user


@transaction.atomic
def invitation_accept(*, user: User, token: str, password: str) -> User:
    """Set the first password of an invited member; the invitation link stops working afterwards.

    Two submissions of the same link can both pass the view's check; the row lock makes the second wait for the
    first, and the token is checked again against the locked row's password hash, so only one of them sets a password.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    if not invitation_matches(token, user):
        raise ValidationError(_("This invitation link has already been used or has expired."), code="invitation_used")
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    # The address was checked by the coordinator's approval and by the link arriving in that inbox.
    EmailAddress.objects.filter(user=user, email__iexact=user.email).update(verified=True)
    audit_record(action="members.invitation.accepted", actor=user, target=user, data={})
    return user
