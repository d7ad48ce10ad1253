"""Checking an uploaded evidence file by its content, never by its name or the browser's word."""

from __future__ import annotations

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

# What may be attached, by detected type, with the extension it is stored under. SVG and HTML
# are absent on purpose: both can carry script.
ALLOWED_TYPES: dict[str, str] = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/webp": ".webp",
    "image/gif": ".gif",
}


def validate_evidence_file(upload: UploadedFile) -> str:
    """Return the detected content type, or raise ValidationError with a message for the form field."""
    limit = settings.ACTIONPLAN_EVIDENCE_MAX_BYTES
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            _("The file is too large: at most %(limit)s.") % {"limit": filesizeformat(limit)}, code="too_large"
        )
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise ValidationError(_("Attach a PDF or an image (PNG, JPEG, WebP or GIF)."), code="wrong_type")
    if kind.mime == "application/pdf":
        if not head.startswith(b"%PDF-"):
            raise ValidationError(_("Attach a PDF or an image (PNG, JPEG, WebP or GIF)."), code="wrong_type")
    else:
        try:
            with Image.open(upload) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            raise ValidationError(_("The image could not be read."), code="broken_image") from exc
        finally:
            upload.seek(0)
    return kind.mime
