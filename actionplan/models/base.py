from __future__ import annotations

from django.utils.translation import get_language


class BilingualTitleMixin:
    """Models with ``title_es`` and ``title_en``: ``title`` follows the active language.

    An empty English title falls back to Spanish, the language every record is written in first.
    """

    title_es: str
    title_en: str

    @property
    def title(self) -> str:
        if (get_language() or "es").startswith("en") and self.title_en:
            return self.title_en
        return self.title_es
