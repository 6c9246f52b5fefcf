"""Every user-facing string is translated to Vietnamese, and the committed .mo matches the .po."""

import gettext
from pathlib import Path

import polib

import dangvu

LOCALE = Path(dangvu.__file__).parent / "locale" / "vi" / "LC_MESSAGES"


def test_every_entry_is_translated():
    po = polib.pofile(str(LOCALE / "django.po"))
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or e.fuzzy)]
    assert not missing, f"untranslated: {missing[:20]}"


def test_the_compiled_catalog_matches_the_po():
    po = polib.pofile(str(LOCALE / "django.po"))
    with open(LOCALE / "django.mo", "rb") as fh:
        mo = gettext.GNUTranslations(fh)
    for entry in po:
        if entry.obsolete or entry.msgid_plural:
            continue
        got = mo.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt else mo.gettext(entry.msgid)
        assert got == entry.msgstr, f"run `make messages`: {entry.msgid!r}"
