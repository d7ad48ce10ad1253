from __future__ import annotations

from collections.abc import Iterator

import pytest

from engagement.registry import Due, EmailKind, ReminderKind, ReminderRule, register, registry, unregister
from tests.factories import UserFactory

from .smtp import SmtpServer


@pytest.fixture(autouse=True)
def _only_the_mailrooms_kinds() -> Iterator[None]:
    """The mailroom is tested on its own kinds: other apps' reminders (and their queries) are set aside."""
    saved = dict(registry._kinds)
    registry._kinds = {key: kind for key, kind in saved.items() if key.startswith(("engagement.", "account."))}
    yield
    registry._kinds = saved


# Test kinds reuse the mailroom's own generic templates ({{ subject }}, {{ message }}).
GENERIC = "engagement/email/security"


@pytest.fixture
def optional_kind() -> Iterator[EmailKind]:
    kind = register(EmailKind(key="tests.news", label="Test news", optional=True, template_prefix=GENERIC))
    yield kind
    unregister(kind.key)


@pytest.fixture
def mandatory_kind() -> Iterator[EmailKind]:
    kind = register(EmailKind(key="tests.notice", label="Test notice", optional=False, template_prefix=GENERIC))
    yield kind
    unregister(kind.key)


class DueList:
    """A reminder kind's due() backed by a list the test fills; records the rule it was given."""

    def __init__(self) -> None:
        self.items: list[Due] = []
        self.rules: list[ReminderRule] = []

    def __call__(self, now, rule: ReminderRule) -> list[Due]:
        self.rules.append(rule)
        return list(self.items)


@pytest.fixture
def due_list() -> DueList:
    return DueList()


@pytest.fixture
def reminder_kind(due_list) -> Iterator[ReminderKind]:
    kind = register(
        ReminderKind(
            key="tests.due_soon",
            label="Test due soon",
            optional=True,
            template_prefix=GENERIC,
            default_rule=ReminderRule(lead_days=(7, 1), repeat_every_days=7),
            due=due_list,
        )
    )
    yield kind
    unregister(kind.key)


@pytest.fixture
def people(db):
    def make(count: int, **kwargs):
        return [UserFactory(**kwargs) for _ in range(count)]

    return make


@pytest.fixture
def smtp_server(settings) -> Iterator[SmtpServer]:
    """A real SMTP server on localhost, with Django's SMTP backend pointed at it."""
    with SmtpServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = 10
        yield server
