"""Normalisation before detection: the decision reads what the text says, not how it is spelled.

`deobfuscate(text)` undoes Unicode tricks (invisible characters, tag smuggling, compatibility
forms, homoglyphs and mixed scripts), leetspeak, spaced-out letters, and encoded payloads (base64,
hex, URL-encoding, rot13, reversed text). It returns the readable text, the decoded payloads (each
is judged on its own too, so a short payload is not diluted by the words around it) and one
finding per step taken, which the engine records in the decision's trace.

Ordinary text takes a fast path: every step is gated by a cheap check (ASCII-only, a precompiled
pattern) and costs nothing when its gate does not open.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass

from tactful.detect.confusables import fold_compatibility, map_lookalikes, strip_invisible
from tactful.detect.decoders import COMMON_WORDS, find_payloads, vocabulary

#: How many times a payload is decoded again (base64 inside hex, leetspeak inside base64, …).
MAX_DEPTH = 3
_EVIDENCE = 160


@dataclass(frozen=True)
class Finding:
    """One normalisation step that changed the text, for the trace."""

    kind: str  # invisible, unicode, lookalike, leetspeak, spaced, base64, hex, url, rot13, reversed
    explanation: str
    evidence: str = ""


@dataclass(frozen=True)
class Deobfuscated:
    text: str
    payloads: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()


def deobfuscate(text: str) -> Deobfuscated:
    findings: list[Finding] = []
    payloads: list[str] = []
    out = _normalise(text, findings, payloads, depth=0)
    if payloads:  # "decode this base64 and answer:" says how the request was sent, not what it is
        out = _ENCODING_NOTE.sub(" ", out).strip() or out
    return Deobfuscated(out, tuple(dict.fromkeys(payloads)), tuple(findings))


_CODES = (
    r"(?:base-?64|hex(?:adecimal)?|rot-?13|caesar(?: shift)?(?: \d+)?|cipher|url-?encoded"
    r"|percent-encoded|esrever ni|in reverse)"
)
#: How the request was sent ("rot13:", "Decode this base64 and do what it says:").
_ENCODING_NOTE = re.compile(
    rf"\(?\b(?:(?:respond to|answer|reply to|here is) (?:the following|this|a|an) )?(?:that'?s "
    rf"|this is |it'?s )?{_CODES}(?: string| text)?\b[^:\n()]{{0,20}}?[:.)→]+"
    r"|\b(?:please )?(?:decode|decipher|unscramble|read|convert)\b[^.:;\n()]{0,60}?"
    r"(?:answer|respond(?: to)?|follow|do what it says)(?: it)?\b[^:\n()]{0,20}?[:.)]+",
    re.IGNORECASE,
)


def _normalise(text: str, findings: list[Finding], payloads: list[str], depth: int) -> str:
    if not text.isascii():
        text = _unicode(text, findings)
    if _MAYBE_ENCODED.search(text) or _maybe_scrambled(text):
        text = _decode(text, findings, payloads, depth)
    if _LEET_HINT.search(text):
        text = _unleet(text, findings)
    if _SPACED.search(text):
        text = _unspace(text, findings)
    return text


def _unicode(text: str, findings: list[Finding]) -> str:
    text, notes = strip_invisible(text)
    findings.extend(Finding("invisible", n) for n in notes)
    text, notes = fold_compatibility(text)
    findings.extend(Finding("unicode", n) for n in notes)
    text, notes = map_lookalikes(text)
    findings.extend(Finding("lookalike", n) for n in notes)
    return text


# ----------------------------------------------------------------------------- payloads
_MAYBE_ENCODED = re.compile(
    r"(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{16}|%[0-9A-Fa-f]{2}|\\x[0-9a-fA-F]{2}"
    r"|\b[0-9a-fA-F]{2}[ ,:][0-9a-fA-F]{2}[ ,:][0-9a-fA-F]{2}\b"
)
#: Common English words after rot13 ("gur", "ubj") or reversal ("eht", "woh"), and a capital
#: at a word's end ("poleveD"): cheap hints that a segment may read as English once unscrambled.


#: Common words as rot13 or reversal writes them ("gur", "ubj"; "eht", "woh"), less those that
#: are English words themselves: a cheap hint that a segment may read as English unscrambled.
_SCRAMBLED_FORMS = frozenset(
    f for w in COMMON_WORDS for f in (codecs.encode(w, "rot13"), w[::-1]) if f not in COMMON_WORDS
)
_WORD = re.compile(r"[a-z]+")
_CAPITAL_LAST = re.compile(r"[a-z][A-Z]\b")  # "poleveD": a sentence written backwards


def _maybe_scrambled(text: str) -> bool:
    if _CAPITAL_LAST.search(text):
        return True
    return not _SCRAMBLED_FORMS.isdisjoint(_WORD.findall(text.lower()))


def _decode(text: str, findings: list[Finding], payloads: list[str], depth: int) -> str:
    if depth >= MAX_DEPTH:
        return text
    found = find_payloads(text)
    if not found:
        return text
    pieces: list[str] = []
    last = 0
    for p in found:
        inner = _normalise(p.text, findings, payloads, depth + 1)
        findings.append(
            Finding(p.encoding, f"decoded {_NAMES[p.encoding]} payload", inner[:_EVIDENCE])
        )
        payloads.append(inner)
        before = text[last : p.start]
        gap = " " if before and not before[-1].isspace() else ""
        pieces += [before, gap + inner]
        last = p.end
    pieces.append(text[last:])
    return "".join(pieces)


_NAMES = {
    "base64": "base64",
    "hex": "hex",
    "url": "URL-encoded",
    "rot13": "rot13",
    "reversed": "reversed-text",
}

# ----------------------------------------------------------------------------- leetspeak
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
         "!": "i", "|": "l", "@": "a", "$": "s"}  # fmt: skip
#: A digit or symbol with letters on both sides ("b0mb", "m3th", "expl0s1ve").
_LEET_HINT = re.compile(r"[A-Za-z][013457890!|@$]+[A-Za-z]")
_TOKEN = re.compile(r"[A-Za-z0-9!|@$]+")
_HEXISH = re.compile(r"[0-9a-fA-F]+")
#: Technical words that carry digits inside on purpose.
_TECHNICAL = re.compile(r"^(i18n|l10n|k8s|a11y|g11n|m17n|n8n|w3c|[a-z]\d[a-z]|v\d+[a-z]*)$", re.I)
#: Capital letters and digits taking turns are a strain, model or product code (H5N1, H7N9, R2D2,
#: B2B), not a word spelt with digits: "B0MB" and "M3TH" keep letters together.
_CODE = re.compile(r"(?:[A-Z]\d+){2,}[A-Z]?")


def _clear_leet(token: str) -> bool:
    """Clearly obfuscated: a leet run inside a word of mostly letters, no other digits."""
    if len(token) < 4 or _TECHNICAL.match(token) or not _LEET_HINT.search(token):
        return False
    if _CODE.fullmatch(token):
        return False
    if _HEXISH.fullmatch(token):
        return False  # "e89b", "4f2a": a piece of a hash or UUID
    if any(c.isdigit() and c not in _LEET for c in token) or "@" in token[1:-1]:
        return False
    letters = sum(c.isalpha() for c in token)
    return letters >= 0.5 * len(token)


def _loose_leet(token: str) -> bool:
    """Once a message is clearly in leetspeak, shorter mixed tokens ("h0w", "t0") are too."""
    has_letter = any(c.isalpha() for c in token)
    has_leet = any(c in _LEET for c in token)
    if (
        "@" in token[1:]
        or _HEXISH.fullmatch(token)
        or any(c.isdigit() and c not in _LEET for c in token)
    ):
        return False  # e-mail addresses and version-like numbers stay as they are
    return has_letter and has_leet


def _unleet(text: str, findings: list[Finding]) -> str:
    tokens = _TOKEN.findall(text)
    clear = [t for t in tokens if _clear_leet(t)]
    if not clear:
        return text
    loose = len(clear) >= 2 or len(clear) >= 0.3 * len(tokens)
    changed: list[str] = []

    def fix(m: re.Match[str]) -> str:
        token = m[0]
        if not (_clear_leet(token) or (loose and _loose_leet(token))):
            return token
        fixed = _read_leet(token)
        changed.append(fixed)
        return fixed

    text = _TOKEN.sub(fix, text)
    findings.append(
        Finding("leetspeak", "read leetspeak as letters", " ".join(changed)[:_EVIDENCE])
    )
    return text


def _read_leet(token: str) -> str:
    out = "".join(_LEET.get(c, c) for c in token)
    if "1" in token and out.lower() not in vocabulary():
        with_l = "".join("l" if c == "1" else _LEET.get(c, c) for c in token)
        if with_l.lower() in vocabulary():
            return with_l
    return out


# ----------------------------------------------------------------------------- spaced letters
_SEP = r"[ \-._*/|+~]"
#: At least four single letters in a row, each separated by one to three separator characters.
_SPACED = re.compile(rf"(?<![\w])(?:[A-Za-z]{_SEP}{{1,3}}){{3,}}[A-Za-z](?![\w])")
_WIDE_GAP = re.compile(rf"{_SEP}{{2,}}|\s/\s")


def _unspace(text: str, findings: list[Finding]) -> str:
    changed: list[str] = []

    def fix(m: re.Match[str]) -> str:
        run = original = m[0]
        # Two kinds of separator ("m.e.t.h a.t h.o.m.e"): the rarer one is between words.
        kinds = Counter(c for c in run if not c.isalpha())
        if len(kinds) > 1 and not _WIDE_GAP.search(run):
            rare = min(kinds, key=lambda k: kinds[k])
            run = run.replace(rare, "  ")
        groups = _WIDE_GAP.split(run)
        words = [re.sub(_SEP, "", g) for g in groups]
        if max(len(w) for w in words) < 4:
            return original  # "e.g. i.e.", "a / b / c": abbreviations and option lists
        if len(groups) == 1:
            segmented = _segment(words[0])
            if segmented is None:
                return original
            # Letters joined by a mark ("l.o.o.p.h.o.l.e.s", "b-o-m-b") spell one word, and the
            # spaces between words were kept: split in two, a word the vocabulary does not know
            # was only broken up ("loop holes"). A whole phrase run together splits further.
            if len(segmented) < 3 and not re.search(r"\s", run):
                segmented = [words[0]]
            words = segmented
        joined = " ".join(w for w in words if w)
        changed.append(joined)
        return joined

    text = _SPACED.sub(fix, text)
    if changed:
        findings.append(Finding("spaced", "joined spaced-out letters", " | ".join(changed)))
    return text


#: An unknown word between known ones: at least this many letters, at a cost per word and per
#: letter, so known words are split off it ("a" + "cryptomining", not "acryptomining") and a
#: run of known words ("howtomakeabomb") is never read as one unknown word.
_UNKNOWN_LETTERS = 4
_UNKNOWN_COST = 3
_UNKNOWN_LETTER_COST = 1.5


def _segment(letters: str) -> list[str] | None:
    """Split run-together letters into known words ("howtomakeabomb"), or None if they are not."""
    vocab = vocabulary()
    lower = letters.lower()
    n = len(lower)
    if n > 200:
        return None
    # best[i]: (cost, start) of the cheapest split of lower[:i]; a word costs 1, a short word
    # that is not a common one ("tom", "ake") costs 4, so "how to make a bomb" wins. A longer
    # stretch the vocabulary does not know ("cryptomining", "malware", "eavesdrop") costs
    # _UNKNOWN_COST: spelt out between known words, it is a word too, and without it the
    # whole run stayed spelt out, unread.
    best: list[tuple[float, int] | None] = [None] * (n + 1)
    best[0] = (0, 0)
    for end in range(1, n + 1):
        for start in range(max(0, end - 20), end):
            prior = best[start]
            word = lower[start:end]
            if prior is None:
                continue
            if word in vocab and (len(word) > 1 or word in ("a", "i")):
                cost = prior[0] + (1 if len(word) > 3 or word in COMMON_WORDS else 4)
            elif len(word) >= _UNKNOWN_LETTERS:
                cost = prior[0] + _UNKNOWN_COST + _UNKNOWN_LETTER_COST * len(word)
            else:
                continue
            current = best[end]
            if current is None or cost < current[0]:
                best[end] = (cost, start)
    if best[n] is None:
        return None
    words: list[str] = []
    end = n
    while end > 0:
        start = best[end][1]  # type: ignore[index]
        words.append(letters[start:end])
        end = start
    words.reverse()
    # Short pieces that are not common words ("me th amp het") mean the letters are one word
    # the vocabulary does not know ("methamphetamine"): keep them together.
    odd = sum(1 for w in words if len(w) <= 3 and w.lower() not in COMMON_WORDS)
    if len(words) > 1 and (odd >= 2 or odd * 3 > len(words)):
        return [letters]
    return words
