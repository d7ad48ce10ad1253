"""Small catalog helper for developers (needs Babel, which requirements.txt installs).

python scripts/po_tool.py fill-en locale/en/LC_MESSAGES/django.po
    English is the source language: copy each msgid into an empty msgstr.
python scripts/po_tool.py apply locale/es/LC_MESSAGES/django.po translations.json
    Fill msgstr from a JSON object {msgid: msgstr} (plural: {msgid: [singular, plural]}).
python scripts/po_tool.py missing locale/es/LC_MESSAGES/django.po
    List entries that are untranslated or fuzzy; exits 1 when there are any.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po


def load_catalog(path: Path):
    with path.open("rb") as handle:
        # locale/<lang>/LC_MESSAGES/django.po: keep the Language header when rewriting.
        return read_po(handle, locale=path.resolve().parts[-3], abort_invalid=True)


def _save(path: Path, catalog) -> None:
    catalog.fuzzy = False  # makemessages marks a new header fuzzy; compilers then skip the whole file
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False)


def untranslated(catalog) -> list[str]:
    """The msgids of entries that are empty or fuzzy."""
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(message.id if isinstance(message.id, str) else message.id[0])
    return problems


def main(argv: list[str]) -> int:
    command, path = argv[0], Path(argv[1])
    catalog = load_catalog(path)
    if command == "fill-en":
        # English is the source language: every msgstr is its msgid. Overwrite, never merge, because
        # makemessages' fuzzy matching may have put a neighbouring string's translation there.
        for message in catalog:
            if message.id:
                message.string = message.id
            message.flags.discard("fuzzy")
        _save(path, catalog)
    elif command == "apply":
        translations = json.loads(Path(argv[2]).read_text(encoding="utf-8"))
        for message in catalog:
            key = message.id if isinstance(message.id, str) else message.id[0]
            if key in translations:
                value = translations[key]
                message.string = tuple(value) if isinstance(value, list) else value
                message.flags.discard("fuzzy")
        _save(path, catalog)
    elif command == "missing":
        problems = untranslated(catalog)
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
