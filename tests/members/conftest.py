"""Helpers for the members app's tests: the outbox, audit entries and images made on the fly."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from audit.models import AuditEntry
from engagement.models import OutgoingEmail


def emails(kind: str) -> list[OutgoingEmail]:
    return list(OutgoingEmail.objects.filter(kind=kind).order_by("pk"))


def audit_actions() -> list[str]:
    return list(AuditEntry.objects.order_by("sequence").values_list("action", flat=True))


def image_bytes(image_format: str = "PNG", size: tuple[int, int] = (1200, 800), exif: bool = False) -> bytes:
    image = Image.new("RGB", size, (11, 79, 108))
    output = io.BytesIO()
    if exif:
        data = Image.Exif()
        data[0x010F] = "Camera Prueba"  # Make
        data[0x8825] = {2: (1.0, 2.0, 3.0)}  # a GPS block: the position must never be published
        image.save(output, format=image_format, exif=data)
    else:
        image.save(output, format=image_format)
    return output.getvalue()


@pytest.fixture(autouse=True)
def policy(db):
    """The rules' row, as the data migration writes it (a flushing transactional test elsewhere may remove it)."""
    from members.models import EligibilityPolicy

    return EligibilityPolicy.objects.update_or_create(id=1, defaults={"max_age_years": 35, "max_service_years": 10})[0]
