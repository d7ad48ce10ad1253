"""The official record: an append-only, hash-chained register of the network's acts.

Each entry stores the hash of the entry before it and its own hash over its content, so any
later edit, deletion or insertion behind the ORM's back breaks the chain and is found by
``manage.py verify_audit``. Field-level "who changed what" is django-simple-history's job.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an audit entry."""


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Audit entries are append-only: they cannot be updated.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit entries are append-only: they cannot be deleted.")

    def in_chain_order(self) -> AuditEntryQuerySet:
        return self.order_by("sequence")


class AuditEntry(models.Model):
    sequence = models.PositiveBigIntegerField(_("sequence"), unique=True, editable=False)
    created_at = models.DateTimeField(_("time"), editable=False, db_index=True)
    # PROTECT: a person who appears in the register is anonymised, never deleted, so the chain stays whole.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("object type")
    )
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    prev_hash = models.CharField(_("previous hash"), max_length=64, editable=False)
    entry_hash = models.CharField(_("hash"), max_length=64, unique=True, editable=False)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-sequence"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target_idx")]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action}"

    # The ORM refuses changes; on PostgreSQL a trigger refuses them too (migration 0002).
    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Audit entries are append-only: they cannot be updated.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit entries are append-only: they cannot be deleted.")

    @property
    def target_label(self) -> str:
        """``app_label.model`` of the target (from Django's content-type cache), or "" when there is none."""
        if not self.target_type_id:
            return ""
        target = ContentType.objects.get_for_id(self.target_type_id)
        return f"{target.app_label}.{target.model}"

    def canonical_content(self) -> str:
        """The exact text that is hashed: every field that carries meaning, in a fixed order."""
        target_label = self.target_label
        payload = {
            "sequence": self.sequence,
            "created_at": self.created_at.isoformat(),
            "actor_id": self.actor_id,
            "action": self.action,
            "target_type": target_label,
            "target_id": self.target_id,
            "data": self.data,
            "prev_hash": self.prev_hash,
        }
        return json.dumps(payload, sort_keys=True, separators=(",", ":"), cls=DjangoJSONEncoder, ensure_ascii=False)

    def compute_hash(self) -> str:
        return hashlib.sha256(self.canonical_content().encode("utf-8")).hexdigest()

    @property
    def target(self) -> models.Model | None:
        if not self.target_type_id:
            return None
        model = ContentType.objects.get_for_id(self.target_type_id).model_class()
        if model is None:
            return None
        return model._default_manager.filter(pk=self.target_id).first()
