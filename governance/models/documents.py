"""Documents (the ToR, a code of conduct, guidelines), their numbered versions, comments and acknowledgements."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def localized(obj: object, field: str) -> str:
    """``obj.<field>_en`` when English is active and filled in, else the Spanish original."""
    if (get_language() or "es").startswith("en"):
        value = getattr(obj, f"{field}_en", "")
        if value:
            return value
    return getattr(obj, f"{field}_es")


class DocumentKind(models.TextChoices):
    TERMS_OF_REFERENCE = "tor", _("Terms of Reference")
    CODE_OF_CONDUCT = "code", _("Code of conduct")
    GUIDELINE = "guideline", _("Guideline")


class DocumentQuerySet(models.QuerySet["Document"]):
    def public(self) -> DocumentQuerySet:
        return self.filter(is_public=True)

    def terms_of_reference(self) -> Document | None:
        """The network's ToR: the first document of that kind (there is one in practice)."""
        return self.filter(kind=DocumentKind.TERMS_OF_REFERENCE).order_by("pk").first()


class Document(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    title_es = models.CharField(_("title (Spanish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=DocumentKind.choices, default=DocumentKind.GUIDELINE)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Approved versions can be read without signing in.")
    )

    objects = DocumentQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["kind", "slug"]
        constraints = [models.CheckConstraint(condition=Q(kind__in=DocumentKind.values), name="document_kind_valid")]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def requires_acknowledgement(self) -> bool:
        return self.kind == DocumentKind.TERMS_OF_REFERENCE


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CONSULTATION = "consultation", _("In consultation")
    APPROVED = "approved", _("Approved")
    SUPERSEDED = "superseded", _("Superseded")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Statuses whose text is frozen: the record of what was agreed.
FROZEN_STATUSES = frozenset({VersionStatus.APPROVED, VersionStatus.SUPERSEDED})
# Statuses that members (not only coordinators) may read.
MEMBER_VISIBLE_STATUSES = frozenset({VersionStatus.CONSULTATION, VersionStatus.APPROVED, VersionStatus.SUPERSEDED})
# Statuses that anyone may read on a public document.
PUBLIC_STATUSES = FROZEN_STATUSES


class VersionQuerySet(models.QuerySet["Version"]):
    def numbered(self) -> VersionQuerySet:
        return self.order_by("major", "minor")

    def approved(self) -> VersionQuerySet:
        return self.filter(status=VersionStatus.APPROVED)

    def visible_to_members(self) -> VersionQuerySet:
        return self.filter(status__in=MEMBER_VISIBLE_STATUSES)

    def public(self) -> VersionQuerySet:
        return self.filter(status__in=PUBLIC_STATUSES, document__is_public=True)


class Version(models.Model):
    """One numbered text of a document.

    The number is two integers (major, minor) rather than a string, so that 1.10 sorts after 1.9 in the database and
    uniqueness cannot be dodged by writing "1.0" and "1.00". It is shown and addressed as "major.minor".
    """

    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="versions", verbose_name=_("document")
    )
    major = models.PositiveSmallIntegerField(_("major number"))
    minor = models.PositiveSmallIntegerField(_("minor number"))
    status = models.CharField(_("status"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    body_es = models.TextField(_("text in Spanish (Markdown)"))
    body_en = models.TextField(_("text in English (Markdown)"), blank=True)
    change_summary = models.TextField(_("summary of changes"), blank=True)
    consultation_opens_at = models.DateTimeField(_("consultation opens"), null=True, blank=True)
    consultation_closes_at = models.DateTimeField(_("consultation closes"), null=True, blank=True)
    approved_by = models.OneToOneField(
        "governance.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_version",
        verbose_name=_("approving decision"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    effective_on = models.DateField(_("takes effect on"), null=True, blank=True)
    content_sha256 = models.CharField(_("SHA-256 of the content"), max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    objects = VersionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["document", "major", "minor"]
        constraints = [
            models.UniqueConstraint(fields=["document", "major", "minor"], name="version_number_unique"),
            models.UniqueConstraint(
                fields=["document"], condition=Q(status="approved"), name="one_current_approved_version"
            ),
            models.CheckConstraint(condition=Q(status__in=VersionStatus.values), name="version_status_valid"),
            models.CheckConstraint(
                condition=Q(consultation_closes_at__isnull=True)
                | Q(consultation_opens_at__isnull=True)
                | Q(consultation_closes_at__gt=models.F("consultation_opens_at")),
                name="version_consultation_closes_after_opening",
            ),
            # A frozen version always carries the fingerprint of what was agreed.
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "superseded"]) | ~Q(content_sha256=""),
                name="version_frozen_has_hash",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    @property
    def number(self) -> str:
        return f"{self.major}.{self.minor}"

    @property
    def is_frozen(self) -> bool:
        return self.status in FROZEN_STATUSES

    def body(self, language: str) -> str:
        return self.body_en if language == "en" and self.body_en else self.body_es

    def canonical_content(self) -> str:
        """What the SHA-256 covers: the document, the number and both texts, newlines normalised."""
        return json.dumps(
            {
                "document": self.document.slug,
                "number": self.number,
                "body_es": self.body_es.replace("\r\n", "\n"),
                "body_en": self.body_en.replace("\r\n", "\n"),
            },
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )

    def compute_sha256(self) -> str:
        return hashlib.sha256(self.canonical_content().encode("utf-8")).hexdigest()

    def consultation_is_open(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return (
            self.status == VersionStatus.CONSULTATION
            and self.consultation_opens_at is not None
            and self.consultation_closes_at is not None
            and self.consultation_opens_at <= now < self.consultation_closes_at
        )


class CommentResolution(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    NOTED = "noted", _("Noted")


class Comment(models.Model):
    """A member's comment on one section (by heading anchor) or, with no anchor, on the whole version."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="comments", verbose_name=_("version"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    section = models.SlugField(_("section"), max_length=120, blank=True)
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    resolution = models.CharField(
        _("resolution"), max_length=10, choices=CommentResolution.choices, default=CommentResolution.OPEN
    )
    reply = models.TextField(_("reply"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolution__in=CommentResolution.values), name="comment_resolution_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.author} · {self.version}"


class Acknowledgement(models.Model):
    """A member's confirmation that they have read one exact version (its hash is kept with it)."""

    member = models.ForeignKey(
        "members.Member", on_delete=models.CASCADE, related_name="acknowledgements", verbose_name=_("member")
    )
    version = models.ForeignKey(
        Version, on_delete=models.PROTECT, related_name="acknowledgements", verbose_name=_("version")
    )
    content_sha256 = models.CharField(_("SHA-256 of the content"), max_length=64)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        ordering = ["-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(fields=["member", "version"], name="one_acknowledgement_per_member_and_version")
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.version}"
