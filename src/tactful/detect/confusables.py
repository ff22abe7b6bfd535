"""Unicode tricks undone: invisible characters, tag smuggling, compatibility forms, homoglyphs.

Each step only changes characters that carry no meaning of their own in ordinary text (zero-width
and bidi controls, stacked combining marks) or that imitate Latin letters (fullwidth and
mathematical letters via NFKC; Cyrillic and Greek look-alikes inside Latin words). A Russian or
Greek word stays as it is: a look-alike is mapped only inside a word that also holds Latin letters,
or in a message whose letters are otherwise Latin.
"""

from __future__ import annotations

import re
import unicodedata

#: Characters that render as nothing or only reorder text: zero-width, joiners, bidi controls,
#: soft hyphen, word joiner and invisible operators, variation selectors, BOM.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]"
)
#: Unicode tag characters mirror ASCII (U+E0041 is an invisible "A"): a known smuggling channel.
_TAGS = re.compile("[\U000e0020-\U000e007e]+")
_TAG_NOISE = re.compile("[\U000e0000-\U000e001f\U000e007f]")
#: Combining marks that survive NFKC composition were stacked on purpose (zalgo, strike-through);
#: a precomposed accented letter ("é") is composed by NFKC and keeps its accent.
_STACKED_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")

# Letters that look like Latin ones. A small, deliberate table (Unicode's confusables.txt maps
# thousands of pairs, most of which never appear in attacks on an English-language guard).
_LOOKALIKES = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j", "һ": "h", "ԁ": "d", "ԛ": "q",
    "ԝ": "w", "ѡ": "w", "ӏ": "l", "ɡ": "g", "ɑ": "a",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "Х": "X", "У": "Y", "Ѕ": "S", "І": "I", "Ј": "J", "Ԁ": "D", "Ԛ": "Q", "Ԝ": "W",
    # Greek
    "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "γ": "y", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I",
    "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # Latin letters outside ASCII that NFKC leaves alone (small capitals, dotless i, …)
    "ı": "i", "ȷ": "j", "ℓ": "l", "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ɢ": "g",
    "ʜ": "h", "ɪ": "i", "ᴊ": "j", "ᴋ": "k", "ʟ": "l", "ᴍ": "m", "ɴ": "n", "ᴏ": "o", "ᴘ": "p",
    "ʀ": "r", "ꜱ": "s", "ᴛ": "t", "ᴜ": "u", "ᴠ": "v", "ᴡ": "w", "ʏ": "y", "ᴢ": "z",
}  # fmt: skip
_LOOKALIKE_CLASS = "".join(sorted(_LOOKALIKES))
_TRANSLATE = str.maketrans(_LOOKALIKES)
_WORD = re.compile(r"[^\W\d_]+")
_HAS_LOOKALIKE = re.compile(f"[{re.escape(_LOOKALIKE_CLASS)}]")


def strip_invisible(text: str) -> tuple[str, list[str]]:
    """Text without invisible characters, and what was removed or decoded (for the trace)."""
    notes: list[str] = []
    tags = _TAGS.findall(text)
    if tags:
        hidden = "".join(chr(ord(c) - 0xE0000) for c in "".join(tags))
        text = _TAGS.sub(lambda m: " " + "".join(chr(ord(c) - 0xE0000) for c in m[0]) + " ", text)
        notes.append(f"decoded hidden tag characters: “{hidden[:120]}”")
    text = _TAG_NOISE.sub("", text)
    cleaned, n = _INVISIBLE.subn("", text)
    if n:
        notes.append(f"removed {n} invisible or bidi control characters")
    return cleaned, notes


def fold_compatibility(text: str) -> tuple[str, list[str]]:
    """NFKC (fullwidth, mathematical and circled letters, ligatures) and stacked marks removed."""
    notes: list[str] = []
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
        notes.append("normalised compatibility characters (NFKC)")
    text, n = _STACKED_MARKS.subn("", text)
    if n:
        notes.append(f"removed {n} stacked combining marks")
    return text, notes


def map_lookalikes(text: str) -> tuple[str, list[str]]:
    """Cyrillic and Greek look-alikes mapped to Latin where they disguise Latin words."""
    if not _HAS_LOOKALIKE.search(text):
        return text, []
    words = _WORD.findall(text)
    latin_like = sum(1 for w in words if all(c.isascii() or c in _LOOKALIKES for c in w))
    with_ascii = sum(1 for w in words if any(c.isascii() for c in w))
    mostly_latin = with_ascii > 0 and latin_like >= 0.6 * len(words)
    changed: list[str] = []

    def fix(m: re.Match[str]) -> str:
        word = m[0]
        if word.isascii() or not _HAS_LOOKALIKE.search(word):
            return word
        mixed = any(c.isascii() for c in word)
        # A non-Latin word made entirely of look-alikes ("рор") in a Latin message is disguised.
        disguised = mostly_latin and all(c in _LOOKALIKES or c.isascii() for c in word)
        if not (mixed or disguised):
            return word
        fixed = word.translate(_TRANSLATE)
        changed.append(fixed)
        return fixed

    text = _WORD.sub(fix, text)
    if not changed:
        return text, []
    return text, [f"mapped look-alike letters (mixed scripts) in “{' '.join(changed[:8])}”"]
