from __future__ import annotations

from pathlib import Path

import pytest

from scripts.po_tool import load_catalog, untranslated

BASE_DIR = Path(__file__).resolve().parents[2]
CATALOGS = sorted(
    p for p in BASE_DIR.rglob("locale/*/LC_MESSAGES/django.po") if ".venv" not in p.parts and "var" not in p.parts
)


def test_there_are_catalogs_for_both_languages():
    languages = {p.parts[-3] for p in CATALOGS}
    assert {"es", "en"} <= languages


@pytest.mark.parametrize("catalog_path", CATALOGS, ids=lambda p: str(p.relative_to(BASE_DIR)))
def test_catalog_has_no_untranslated_or_fuzzy_entry(catalog_path):
    catalog = load_catalog(catalog_path)
    assert not catalog.fuzzy, "the catalog header is marked fuzzy: compilers skip the whole file"
    assert untranslated(catalog) == []
