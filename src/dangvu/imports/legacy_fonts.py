"""Text typed in the pre-Unicode Vietnamese font encodings, found and converted to Unicode.

Offices still keep lists typed with the ABC keyboard in TCVN3 fonts (.VnTime: "NguyÔn V¨n
§øc") or in VNI-Windows fonts (VNI-Times: "Nguyeãn Vaên Ñöùc"). Excel stores what was typed
as Latin-1 characters that only those fonts draw as Vietnamese, so the cell holds garbage
for everyone else. TCVN3 gives each lowercase letter one code (uppercase toned letters have
none: the "H" fonts draw capitals at the lowercase codes); VNI-Windows writes a base letter
followed by a mark character.

Detection never fires on ordinary text: a text is a candidate only if it has characters that
Vietnamese Unicode never uses (µ, ¨, §, ö, ñ, ø, ï…) and none of the Unicode-only Vietnamese
letters (ă, đ, ơ, ư, ạ…), and every word the conversion changes must come out as a
well-formed Vietnamese syllable.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

TCVN3, VNI = "tcvn3", "vni"
NAMES = {TCVN3: "TCVN3 (ABC)", VNI: "VNI-Windows"}

# TCVN3 (TCVN 5712:1993, VN3): code → letter. The codes are the Latin-1 characters Excel
# stores for them.
TCVN3_TABLE: dict[str, str] = {
    "\xa1": "Ă", "\xa2": "Â", "\xa3": "Ê", "\xa4": "Ô", "\xa5": "Ơ", "\xa6": "Ư", "\xa7": "Đ",
    "\xa8": "ă", "\xa9": "â", "\xaa": "ê", "\xab": "ô", "\xac": "ơ", "\xad": "ư", "\xae": "đ",
    "\xb5": "à", "\xb6": "ả", "\xb7": "ã", "\xb8": "á", "\xb9": "ạ",
    "\xbb": "ằ", "\xbc": "ẳ", "\xbd": "ẵ", "\xbe": "ắ", "\xc6": "ặ",
    "\xc7": "ầ", "\xc8": "ẩ", "\xc9": "ẫ", "\xca": "ấ", "\xcb": "ậ",
    "\xcc": "è", "\xce": "ẻ", "\xcf": "ẽ", "\xd0": "é", "\xd1": "ẹ",
    "\xd2": "ề", "\xd3": "ể", "\xd4": "ễ", "\xd5": "ế", "\xd6": "ệ",
    "\xd7": "ì", "\xd8": "ỉ", "\xdc": "ĩ", "\xdd": "í", "\xde": "ị",
    "\xdf": "ò", "\xe1": "ỏ", "\xe2": "õ", "\xe3": "ó", "\xe4": "ọ",
    "\xe5": "ồ", "\xe6": "ổ", "\xe7": "ỗ", "\xe8": "ố", "\xe9": "ộ",
    "\xea": "ờ", "\xeb": "ở", "\xec": "ỡ", "\xed": "ớ", "\xee": "ợ",
    "\xef": "ù", "\xf1": "ủ", "\xf2": "ũ", "\xf3": "ú", "\xf4": "ụ",
    "\xf5": "ừ", "\xf6": "ử", "\xf7": "ữ", "\xf8": "ứ", "\xf9": "ự",
    "\xfa": "ỳ", "\xfb": "ỷ", "\xfc": "ỹ", "\xfd": "ý", "\xfe": "ỵ",
}  # fmt: skip

# VNI-Windows: letters of their own…
VNI_LETTERS: dict[str, str] = {
    "ñ": "đ", "Ñ": "Đ", "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư",
    "í": "í", "Í": "Í", "ì": "ì", "Ì": "Ì", "æ": "ỉ", "Æ": "Ỉ",
    "ó": "ĩ", "Ó": "Ĩ", "ò": "ị", "Ò": "Ị", "î": "ỵ", "Î": "Ỵ",
}  # fmt: skip
# …and marks written after the base letter (a, e, o, u, y, ơ, ư), as combining characters:
# tones, circumflex (â ê ô), breve (ă), and circumflex or breve with a tone.
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE = "\u0302", "\u0306"
VNI_MARKS: dict[str, str] = {
    "ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT,
    "â": _CIRC, "á": _CIRC + _ACUTE, "à": _CIRC + _GRAVE, "å": _CIRC + _HOOK,
    "ã": _CIRC + _TILDE, "ä": _CIRC + _DOT,
    "ê": _BREVE, "é": _BREVE + _ACUTE, "è": _BREVE + _GRAVE, "ú": _BREVE + _HOOK,
    "ü": _BREVE + _TILDE, "ë": _BREVE + _DOT,
}  # fmt: skip
VNI_MARKS.update({mark.upper(): combining for mark, combining in list(VNI_MARKS.items())})
_TONES = {_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT}
_VNI_BASES = set("aeouyAEOUY") | set("ơưƠƯ")

# Latin-1 characters that ordinary Vietnamese text never contains.
_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_FOREIGN = re.compile(
    "[" + "".join(c for c in map(chr, range(0xA1, 0x100)) if c not in _VIETNAMESE_LATIN1) + "]"
)
# Vietnamese letters that exist only in Unicode (not in Latin-1): real Unicode text.
_HIGH = re.compile("[\xa1-\xff]")
_UNICODE_VIETNAMESE = re.compile("[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9]")

_ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
# Vowel clusters of Vietnamese rhymes (without tone marks).
_NUCLEUS = (
    "(?:"
    + "|".join(
        sorted(
            "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi ua uâ uê "
            "ui uô uơ ưa ưi ươ ưu uy yê iêu oai oay oeo uây uôi uya uyê uyu ươi ươu yêu".split(),
            key=len,
            reverse=True,
        )
    )
    + ")"
)
_CODA = "(?:ch|ng|nh|[cmnpt])?"
_SYLLABLE = re.compile(f"^{_ONSET}{_NUCLEUS}{_CODA}$")
_WORD = re.compile(r"[^\W\d_]+")


def is_syllable(word: str) -> bool:
    """A well-formed Vietnamese syllable (onset, vowels, final consonant, one tone at most)."""
    letters = unicodedata.normalize("NFD", word.lower())
    if sum(1 for c in letters if c in _TONES) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in letters if c not in _TONES))
    return bool(_SYLLABLE.match(bare))


def _case_like(word: str, converted: str) -> str:
    # TCVN3 has no codes for toned capitals: a word typed in capitals (its plain letters all
    # uppercase) gets its converted letters in capitals too.
    plain = [c for c in word if c.isascii() and c.isalpha()]
    title = len(plain) == 1 and word[:1] == plain[0]  # "B¸" is "Bá", not "BÁ"
    if plain and not title and all(c.isupper() for c in plain):
        return converted.upper()
    return converted


def _tcvn3(text: str) -> str:
    out = []
    for word in re.split(r"(\s+)", text):
        converted = "".join(TCVN3_TABLE.get(c, c) for c in word)
        out.append(_case_like(word, converted) if converted != word else word)
    return "".join(out)


def _vni(text: str) -> str:
    out: list[str] = []
    for char in text:
        mark = VNI_MARKS.get(char)
        if mark is not None and out and out[-1] in _VNI_BASES:
            base = out[-1]
            if (_BREVE in mark and base.lower() != "a") or (
                _CIRC in mark and base.lower() not in "aeo"
            ):
                out.append(char)  # not a Vietnamese letter: leave the text as it is
                continue
            out[-1] = unicodedata.normalize("NFC", base + mark)
            continue
        out.append(VNI_LETTERS.get(char, char))
    return "".join(out)


CONVERTERS = {TCVN3: _tcvn3, VNI: _vni}


def convert(text: str, encoding: str) -> str:
    return unicodedata.normalize("NFC", CONVERTERS[encoding](text))


def converts_cleanly(text: str, encoding: str) -> bool:
    """Evidence that the text is in this encoding: every word the conversion changes becomes a
    Vietnamese syllable, no character foreign to Vietnamese is left, and at least one changed
    word was not Vietnamese before (had a foreign character or was no syllable)."""
    if _UNICODE_VIETNAMESE.search(text) or not _HIGH.search(text):
        return False
    result = convert(text, encoding)
    if _FOREIGN.search(result):
        return False
    before, after = text.split(), result.split()
    if len(before) != len(after):
        return False
    evidence = False
    for old, word in zip(before, after, strict=True):
        if old == word:
            continue
        if not all(is_syllable(w) for w in _WORD.findall(word)):
            return False
        if _FOREIGN.search(old) or not all(is_syllable(w) for w in _WORD.findall(old)):
            evidence = True
    return evidence


def should_convert(text: str, encoding: str) -> bool:
    """In a file found to be in `encoding`, whether this cell is converted: it has characters
    the encoding maps and no Unicode-only Vietnamese letter."""
    return bool(_HIGH.search(text)) and not _UNICODE_VIETNAMESE.search(text)


def detect(texts: Iterable[str]) -> tuple[str, str] | None:
    """(encoding, a sample text) when the texts are in TCVN3 or VNI-Windows, else None.

    Decided on the whole sample: the encoding under which the most texts convert cleanly
    (with evidence, see `converts_cleanly`), if two do, or one in a sample with no genuine
    Unicode Vietnamese."""
    wins = {TCVN3: 0, VNI: 0}
    samples: dict[str, str] = {}
    unicode_texts = 0
    for text in texts:
        if not isinstance(text, str):
            continue
        if _UNICODE_VIETNAMESE.search(text):
            unicode_texts += 1
            continue
        for encoding in (TCVN3, VNI):
            if converts_cleanly(text, encoding):
                wins[encoding] += 1
                samples.setdefault(encoding, text)
    best = max(wins, key=lambda e: wins[e])
    if wins[best] >= 2 or (wins[best] == 1 and unicode_texts == 0):
        return best, samples[best]
    return None


def encoded_columns(rows: list[list], encoding: str) -> set[int] | None:
    """The columns of the data rows typed in `encoding`: all (None) when no cell is genuine
    Unicode Vietnamese, else those with evidence of the encoding and no Unicode cell."""
    evidence: set[int] = set()
    unicode_columns: set[int] = set()
    for row in rows:
        for col, cell in enumerate(row):
            if not isinstance(cell, str):
                continue
            if _UNICODE_VIETNAMESE.search(cell):
                unicode_columns.add(col)
            elif converts_cleanly(cell, encoding):
                evidence.add(col)
    if not unicode_columns:
        return None
    return evidence - unicode_columns
