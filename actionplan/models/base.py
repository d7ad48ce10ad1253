from __future__ import annotations

from governance.models.documents import localized


class BilingualTitleMixin:
    """Models with ``title_es`` and ``title_en``: ``title`` follows the active language.

    An empty English title falls back to Spanish, the language every record is written in first.
    """

    title_es: str
    title_en: str

    @property
    def title(self) -> str:
        return localized(self, "title")
