"""Vietnamese text folding for search and sorting.

SQLite folds only ASCII case and has no unaccent, so search runs on a stored, folded key that
both engines compare the same way (STACK-NOTES).
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")

# The Vietnamese alphabet order (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y).
# Binary order puts Đ, Ô, Ơ after Z, so sorting uses this table instead.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_ORDER = {ch: i for i, ch in enumerate(_ALPHABET)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_BASE_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: letters, not tones


def fold(text: str | None) -> str:
    """Lower-case, drop diacritics, đ→d, collapse spaces: "Nguyễn Văn Đức" → "nguyen van duc"."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower()).strip()


def _letters(word: str) -> tuple[str, str]:
    """Split a word into (base letters with ă/â/ê/ô/ơ/ư/đ kept, tone digits)."""
    letters: list[str] = []
    tones: list[str] = []
    for cluster in unicodedata.normalize("NFD", word.lower()):
        if cluster in _TONES:
            tones.append(str(_TONES[cluster]))
        elif cluster in _BASE_MARKS and letters:
            letters[-1] = unicodedata.normalize("NFC", letters[-1] + cluster)
        elif not unicodedata.combining(cluster):
            letters.append(cluster)
    return "".join(letters), "".join(tones) or "0"


def _word_key(word: str) -> str:
    letters, tones = _letters(word)
    coded = "".join(
        chr(0x41 + _ORDER[ch]) if ch in _ORDER else ("_" + ch if ch.isalnum() else "")
        for ch in letters
    )
    # "!" sorts before every letter code, so "An" comes before "Anh".
    return coded + "!" + tones


def sort_key(full_name: str | None) -> str:
    """Key that sorts people as Vietnamese lists do: by given name (last word), then the rest,
    in Vietnamese alphabetical order (Đ after D, Ô after O), tones as a tie-breaker."""
    words = _SPACES.split((full_name or "").strip())
    if not words or words == [""]:
        return ""
    ordered = [words[-1], *words[:-1]]
    return " ".join(_word_key(w) for w in ordered)[:190]


# --- Text hygiene at every input boundary (forms, API bodies, imports).
# The same name typed on a phone (NFC) and pasted from a document (NFD) must be one string, and
# invisible characters must not make two identical-looking names, codes or numbers differ (or,
# for the bidi controls, display in another order than stored: "Trojan source").
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_INVISIBLE = re.compile(f"[{ZERO_WIDTH}{BIDI_CONTROLS}]")


def normalize_digits(value: str | None) -> str:
    """An identity number as typed, without the spaces, dots and dashes that group its digits:
    " 12.345-678 " → "12345678" (card numbers, citizen IDs)."""
    return re.sub(r"[\s.\-]", "", value or "")


def nfc(text: str) -> str:
    """Unicode NFC: "Nguyễn" typed as e + combining marks becomes the precomposed letters."""
    return unicodedata.normalize("NFC", text) if text and not text.isascii() else text


def nfc_all(value):
    """`nfc` on every string inside a parsed JSON body (dict keys included)."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        return {nfc_all(k): nfc_all(v) for k, v in value.items()}
    if isinstance(value, list):
        return [nfc_all(v) for v in value]
    return value


def find_invisible(text: str | None) -> str | None:
    """The first zero-width or bidi control character in `text`, or None."""
    if not text or text.isascii():
        return None
    match = _INVISIBLE.search(text)
    return match.group() if match else None


def invisible_message(char: str) -> str:
    from django.utils.translation import gettext as _

    return _(
        "This text contains an invisible character (U+%(code)s), usually copied from another "
        "document: type it again."
    ) % {"code": f"{ord(char):04X}"}


def validate_visible(value) -> None:
    """Refuse zero-width and bidi control characters (names, codes, identifiers)."""
    char = find_invisible(value) if isinstance(value, str) else None
    if char is not None:
        from django.core.exceptions import ValidationError

        raise ValidationError(invisible_message(char), code="invisible_character")
