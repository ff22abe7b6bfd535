"""Encoded payloads decoded: base64, hex, URL-encoding, rot13 and reversed text.

Each decoder is conservative about what it accepts, because ordinary text is full of things that
look encoded (identifiers, hashes, colour codes, long words). A token is decoded only when it has
a plausible length and decodes to mostly printable, word-like text; rot13 and reversal only when
the result reads as clearly more English than the input (a common-word ratio).
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote

#: Shortest base64 token worth decoding (12 bytes: "how to kill" is 11).
MIN_BASE64 = 16
#: Most bytes decoded from one token: longer payloads are still decoded, in windows, by the
#: caller, but one token never costs more than this.
MAX_TOKEN = 64_000

_BASE64 = re.compile(
    rf"(?<![\w+/=-])(?:[A-Za-z0-9+/]{{{MIN_BASE64},}}={{0,2}}|[A-Za-z0-9_-]{{{MIN_BASE64},}}={{0,2}})"
    r"(?![\w+/=-])"
)
_HEX_RUN = re.compile(r"(?<![\w])(?:0x)?((?:[0-9a-fA-F]{2}){8,})(?![\w])")
_HEX_SPACED = re.compile(r"(?<![\w])(?:(?:0x|\\x)?[0-9a-fA-F]{2}[ ,:]?){6,}(?![\w])")
_HEX_ESCAPED = re.compile(r"(?:\\x[0-9a-fA-F]{2}){4,}")
#: A URL-encoded token; a query key before it ("q=", "?text=") names the field it was sent in
#: and is not part of what it says.
_URL = re.compile(r"(?:[?&]?[A-Za-z_]\w{0,15}=(?=\S*%))?(\S*(?:%[0-9A-Fa-f]{2}\S*){3,})")
_WORDS = re.compile(r"[A-Za-z']+")
_SEGMENT = re.compile(r"(?:[^.!?:;\n\"“”«»()\[\]{}→—|=<>-]|-(?!>))+")

#: The most frequent English words: a rot13 or reversed segment decodes into these.
_COMMON = """a about after all also an and any are as at be because been before being but by can
    could did do does doing for from get give go had has have he her here him his how i if in
    into is it its just know like make me more most my no not now of on one or other our out
    people please should so some tell than that the their them then there these they this to
    up use was way we were what when where which who why will with would write you your
    create explain someone step steps instructions need want help list show find buy kill"""
COMMON_WORDS = frozenset(_COMMON.split())


@dataclass(frozen=True)
class Payload:
    """A decoded stretch of the message: what it was encoded with, where, and what it says."""

    encoding: str
    start: int
    end: int
    text: str


def looks_like_text(s: str) -> bool:
    """Mostly printable, mostly letters and spaces, with something word-like in it."""
    if len(s) < 4:
        return False
    printable = sum(1 for c in s if c.isprintable() or c in "\n\t\r")
    if printable < 0.95 * len(s):
        return False
    visible = [c for c in s if not c.isspace()]
    letters = sum(1 for c in visible if c.isalpha())
    return bool(visible) and letters >= 0.6 * len(visible) and bool(re.search(r"[A-Za-z]{3}", s))


def _text_of(data: bytes) -> str | None:
    try:
        s = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return s if looks_like_text(s) else None


def _from_base64(token: str) -> str | None:
    token = token.rstrip("=")
    if len(token) % 4 == 1 or len(token) > MAX_TOKEN:
        return None
    padded = token + "=" * (-len(token) % 4)
    try:
        urlsafe = "-" in token or "_" in token
        data = base64.b64decode(padded, altchars=b"-_" if urlsafe else None, validate=True)
    except (binascii.Error, ValueError):
        return None
    return _text_of(data)


def _from_hex(token: str) -> str | None:
    digits = re.sub(r"0x|\\x|[ ,:]", "", token)
    if len(digits) % 2 or len(digits) > MAX_TOKEN:
        return None
    try:
        return _text_of(bytes.fromhex(digits))
    except ValueError:
        return None


def common_ratio(text: str) -> tuple[int, float]:
    # "someone's" is "someone": a possessive is a common word too (a short request with one
    # fell under the bar: "Ways to damage someone's reputation …" read 1 in 7 common).
    words = [w.strip("'").removesuffix("'s") for w in _WORDS.findall(text.lower())]
    words = [w for w in words if w]
    if not words:
        return 0, 0.0
    hits = sum(1 for w in words if w in COMMON_WORDS)
    return len(words), hits / len(words)


def known_ratio(text: str) -> float:
    """Share of the words that the vocabulary knows: near 1 for English, low once scrambled."""
    words = [w.strip("'") for w in _WORDS.findall(text.lower())]
    words = [w.removesuffix("'s") for w in words if w]
    if not words:
        return 0.0
    known = vocabulary()
    return sum(1 for w in words if w in known) / len(words)


def rot13(text: str) -> str:
    return codecs.encode(text, "rot13")


def _reverse(text: str) -> str:
    return text[::-1]


_SCRAMBLES: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("rot13", rot13),
    ("reversed", _reverse),
)


def find_payloads(text: str) -> list[Payload]:
    """Every decodable stretch of `text`, left to right, without overlaps."""
    found: list[Payload] = []
    taken: list[tuple[int, int]] = []

    def add(encoding: str, start: int, end: int, decoded: str | None) -> None:
        if decoded is None or any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(Payload(encoding, start, end, decoded.strip()))

    if "%" in text:
        for m in _URL.finditer(text):
            decoded = unquote(m[1])
            add("url", m.start(), m.end(), decoded if looks_like_text(decoded) else None)
    for pattern in (_HEX_ESCAPED, _HEX_SPACED, _HEX_RUN):
        for m in pattern.finditer(text):
            add("hex", m.start(), m.end(), _from_hex(m[0]))
    for m in _BASE64.finditer(text):
        add("base64", m.start(), m.end(), _from_base64(m[0]))
    found.extend(_scrambled(text, taken))
    return sorted(found, key=lambda p: p.start)


def _scrambled(text: str, taken: list[tuple[int, int]]) -> list[Payload]:
    """Segments that read as English only after rot13 or reversal. Once one segment of the
    message does, shorter ones scrambled the same way ("esrever ni", "ybir, ubzr") are read too."""
    out: list[Payload] = []
    for m in _SEGMENT.finditer(text):
        segment = m[0]
        n, ratio = common_ratio(segment)
        if n < 3 or ratio >= 0.35 or any(s < m.end() and m.start() < e for s, e in taken):
            continue
        for name, unscramble in _SCRAMBLES:
            decoded = unscramble(segment)
            _, after = common_ratio(decoded)
            if (after >= 0.3 and after >= ratio + 0.1) or (
                after >= 0.15 and known_ratio(decoded) >= known_ratio(segment) + 0.4
            ):
                out.append(Payload(name, m.start(), m.end(), decoded.strip()))
                break
    done = [(p.start, p.end) for p in out]
    for name in {p.encoding for p in out}:
        unscramble = dict(_SCRAMBLES)[name]
        for m in _SEGMENT.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in done + taken):
                continue
            decoded = unscramble(m[0])
            if common_ratio(decoded)[1] >= 0.5 or (
                known_ratio(decoded) >= known_ratio(m[0]) + 0.5 and _WORDS.search(m[0])
            ):
                out.append(Payload(name, m.start(), m.end(), decoded.strip()))
    return sorted(out, key=lambda p: p.start)


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """Whole words of the bundled model's tokenizer plus the common-word list (loaded lazily,
    once: only candidate scrambled segments, leetspeak with a "1" and run-together letters
    need it)."""
    import json

    from tactful.detect.embedder import STATIC_DIR, bundled_model_dir

    words = set(COMMON_WORDS)
    try:
        path = bundled_model_dir() / STATIC_DIR / "tokenizer.json"
        vocab = json.loads(path.read_text(encoding="utf-8"))["model"]["vocab"]
        words.update(w for w in vocab if w.isalpha() and w.isascii() and len(w) > 1)
    except (OSError, KeyError, ValueError, TypeError):
        pass  # without the vocabulary the common words still segment the usual attacks
    return frozenset(words)
