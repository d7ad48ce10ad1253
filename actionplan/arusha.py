"""The ten key factors of the WCO Revised Arusha Declaration.

English names are the WCO's; the Spanish labels are working translations. Plain data, so that the data
migration and the code share one list.
"""

from __future__ import annotations

from typing import Any

KEY_FACTORS: list[tuple[int, str, str]] = [
    (1, "Liderazgo y compromiso", "Leadership and Commitment"),
    (2, "Marco normativo", "Regulatory Framework"),
    (3, "Transparencia", "Transparency"),
    (4, "Automatización", "Automation"),
    (5, "Reforma y modernización", "Reform and Modernization"),
    (6, "Auditoría e investigación", "Audit and Investigation"),
    (7, "Código de conducta", "Code of Conduct"),
    (8, "Gestión de recursos humanos", "Human Resource Management"),
    (9, "Moral y cultura organizacional", "Morale and Organizational Culture"),
    (10, "Relación con el sector privado", "Relationship with the Private Sector"),
]


def key_factors_ensure(model: Any) -> None:  # the real model, or the migration's historical one
    """Create or refresh the ten rows (the data migration, and the demo after a database flush).

    The primary key is the factor's number, so that links and filters (``?key_factor=9``) stay stable.
    """
    for number, name_es, name_en in KEY_FACTORS:
        model.objects.update_or_create(pk=number, defaults={"number": number, "name_es": name_es, "name_en": name_en})
