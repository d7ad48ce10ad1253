"""Profile photos: checked by content, shrunk, re-encoded without metadata, stored under a random name.

Only JPEG, PNG and WebP are accepted, whatever the file is called; SVG and HTML never are, because the browser could
run them. Re-encoding drops EXIF (GPS position, camera) and anything appended to the image.
"""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_SIDE_PIXELS = 512
# Decoding a huge image could exhaust memory even when the file is small ("decompression bomb").
MAX_SOURCE_PIXELS = 40_000_000
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
CONTENT_TYPES = {"jpg": "image/jpeg", "webp": "image/webp"}


def photo_prepare(upload: UploadedFile) -> ContentFile:
    """Validate an uploaded photo and return the file to store; ValidationError says what is wrong."""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The photo is too large: at most 2 MB."), code="too_large")
    data = upload.read()
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The photo is too large: at most 2 MB."), code="too_large")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format
            width, height = probe.size
            probe.verify()
        if image_format not in ACCEPTED_FORMATS:
            raise ValidationError(_("Upload a JPEG, PNG or WebP image."), code="format")
        if width * height > MAX_SOURCE_PIXELS:
            raise ValidationError(_("The image has too many pixels."), code="too_many_pixels")
        # verify() leaves the image unusable; open it again to decode.
        with Image.open(io.BytesIO(data)) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail((MAX_SIDE_PIXELS, MAX_SIDE_PIXELS))
            has_alpha = image.mode in {"RGBA", "LA", "P"}
            output = io.BytesIO()
            if has_alpha:
                image.convert("RGBA").save(output, format="WEBP", quality=85)
                extension = "webp"
            else:
                image.convert("RGB").save(output, format="JPEG", quality=85, optimize=True)
                extension = "jpg"
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("Upload a JPEG, PNG or WebP image."), code="format") from exc
    return ContentFile(output.getvalue(), name=f"photo.{extension}")


def photo_content_type(name: str) -> str:
    return CONTENT_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")
