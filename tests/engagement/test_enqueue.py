from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from engagement.models import EmailStatus, KindPreference, OutgoingEmail
from engagement.services import email_enqueue, email_enqueue_rendered
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_enqueue_renders_in_the_recipients_language_and_sends_after_commit(
    optional_kind, django_capture_on_commit_callbacks
):
    english = UserFactory(preferred_language="en", full_name="Eve Prueba")
    with django_capture_on_commit_callbacks(execute=True):
        row = email_enqueue(kind=optional_kind.key, recipient=english, occasion="o1", context={"message": "Hi"})
    row.refresh_from_db()
    assert row.status == EmailStatus.SENT and row.language == "en"
    assert row.dedupe_key == f"tests.news:-:{english.pk}:o1"
    assert "Email preferences" in row.body_text and "Hello Eve," in row.body_html
    [message] = mail.outbox
    assert message.to == ["eve@ngn.example"] or message.to == [english.email]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")


def test_spanish_recipient_gets_spanish(optional_kind, django_capture_on_commit_callbacks):
    spanish = UserFactory(preferred_language="es", full_name="Eva Prueba")
    with django_capture_on_commit_callbacks(execute=True):
        row = email_enqueue(kind=optional_kind.key, recipient=spanish, occasion="o1", context={"message": "Hola"})
    assert "Hola Eva," in row.body_html and "Preferencias de correo" in row.body_text


def test_same_dedupe_key_twice_makes_one_row_and_one_email(optional_kind, django_capture_on_commit_callbacks, alice):
    with django_capture_on_commit_callbacks(execute=True):
        first = email_enqueue(kind=optional_kind.key, recipient=alice, occasion="x")
        second = email_enqueue(kind=optional_kind.key, recipient=alice, occasion="x")
    assert first is not None and second is None
    assert OutgoingEmail.objects.count() == 1 and len(mail.outbox) == 1


def test_rolled_back_transaction_sends_nothing(optional_kind, django_capture_on_commit_callbacks, alice):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            email_enqueue(kind=optional_kind.key, recipient=alice, occasion="rolled-back")
            raise RuntimeError("the caller's service failed")
    assert callbacks == [] and mail.outbox == []
    assert not OutgoingEmail.objects.exists()


def test_opted_out_person_gets_no_optional_mail_but_gets_mandatory(
    optional_kind, mandatory_kind, django_capture_on_commit_callbacks, alice
):
    KindPreference.objects.create(user=alice, kind=optional_kind.key, enabled=False)
    KindPreference.objects.create(user=alice, kind=mandatory_kind.key, enabled=False)  # must be ignored
    with django_capture_on_commit_callbacks(execute=True):
        optional = email_enqueue(kind=optional_kind.key, recipient=alice, occasion="a")
        mandatory = email_enqueue(kind=mandatory_kind.key, recipient=alice, occasion="a")
    assert optional.status == EmailStatus.SUPPRESSED and "turned this kind" in optional.last_error
    mandatory.refresh_from_db()
    assert mandatory.status == EmailStatus.SENT
    assert [m.to for m in mail.outbox] == [[alice.email]]
    assert "List-Unsubscribe" not in mail.outbox[0].extra_headers


@pytest.mark.parametrize("address", ["", "not-an-address", "a@b@c"])
def test_recipient_without_usable_address_is_suppressed_with_reason(mandatory_kind, address):
    row = email_enqueue(kind=mandatory_kind.key, to_email=address, occasion="x", language="en")
    assert row.status == EmailStatus.SUPPRESSED
    assert "address" in row.last_error.lower()
    assert mail.outbox == []


def test_inactive_user_is_suppressed(mandatory_kind):
    gone = UserFactory(is_active=False)
    row = email_enqueue(kind=mandatory_kind.key, recipient=gone, occasion="x")
    assert row.status == EmailStatus.SUPPRESSED and "inactive" in row.last_error


def test_template_error_marks_the_row_failed_naming_the_template(db):
    from engagement.registry import EmailKind, register, unregister

    register(EmailKind(key="tests.broken", label="Broken", template_prefix="tests/nowhere"))
    try:
        row = email_enqueue(kind="tests.broken", to_email="x@ngn.example", occasion="x", language="es")
    finally:
        unregister("tests.broken")
    assert row.status == EmailStatus.FAILED
    assert "tests/nowhere-subject.txt" in row.last_error


def test_unknown_kind_is_a_programming_error(db):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="Unknown email kind"):
        email_enqueue(kind="nobody.registered", to_email="x@ngn.example")


def test_enqueue_rendered_queues_the_given_text(django_capture_on_commit_callbacks, alice):
    with django_capture_on_commit_callbacks(execute=True):
        row = email_enqueue_rendered(
            kind="account.security",
            recipient=alice,
            to_email=alice.email,
            subject="[NGN] Reset\nyour password",
            body_text="Click https://example/reset",
            body_html="<p>Click</p>",
            occasion="password-reset:abc",
        )
    row.refresh_from_db()
    assert row.status == EmailStatus.SENT and row.subject == "[NGN] Reset your password"
    assert mail.outbox[0].body == "Click https://example/reset"
    assert mail.outbox[0].alternatives[0][0] == "<p>Click</p>"


def test_enqueue_rendered_sends_the_given_text_without_the_kinds_templates(alice):
    from engagement.registry import EmailKind, register, unregister

    # A kind whose own templates don't exist: email_enqueue would record a failure; the given text is enough.
    kind = register(
        EmailKind(
            key="tests.prerendered", label="Prerendered", optional=False, template_prefix="engagement/email/missing"
        )
    )
    try:
        assert email_enqueue(kind=kind.key, to_email=alice.email, occasion="own").status == EmailStatus.FAILED
        row = email_enqueue_rendered(
            kind=kind.key, recipient=alice, to_email=alice.email, subject="Asunto", body_text="Texto", occasion="given"
        )
    finally:
        unregister(kind.key)
    assert (row.status, row.last_error, row.subject, row.body_text) == (EmailStatus.QUEUED, "", "Asunto", "Texto")


def test_enqueue_rendered_refuses_optional_kinds(optional_kind, alice):
    with pytest.raises(ValueError, match="mandatory"):
        email_enqueue_rendered(kind=optional_kind.key, to_email=alice.email, subject="s", body_text="b", occasion="o")


def test_text_parts_are_not_html_escaped_but_the_html_part_is(mandatory_kind, alice):
    row = email_enqueue(
        kind=mandatory_kind.key, recipient=alice, occasion="x", context={"subject": "Q&A <1>", "message": "Tom & <b>"}
    )
    assert row.subject == "Q&A <1>" and "Tom & <b>" in row.body_text
    assert "Tom &amp; &lt;b&gt;" in row.body_html and "<b>" not in row.body_html.replace("<body", "")
